"""Fixtures: a copy of the real project in a temporary folder, extended with synthetic posts, built once."""

from __future__ import annotations

import io
import json
import os
import signal
import subprocess
import sys
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from PIL import Image
from pypdf import PdfWriter
from pypdf.annotations import FreeText, Text
from pypdf.generic import DictionaryObject, NameObject, NumberObject, PdfObject, StreamObject, TextStringObject
from playwright.sync_api import Browser

from bench.browsing import chromium
from bench.corpus import copy_project  # the shipped content and configuration, without what builds generated
from hub.commands.cli import main

os.environ["HUB_LANG"] = "en"  # the tests read the messages in English, but where they ask for Ukrainian (test_messages.py)

ROOT = Path(__file__).resolve().parent.parent
NOW = "2026-11-23T12:00:00+02:00"
"""Every test build is made as of this moment, so that 'future' and 'past' do not drift."""
BUILD_TIMEOUT = 600


def write_post(root: Path, slug: str, meta: str, texts: dict[str, str], year: str = "2026") -> Path:
    """A post folder: `texts` maps a language to the whole Markdown file, `index.<lang>.md`; `meta`, the lines of the
    fields both languages share, goes at the end of the front matter of the first text (Ukrainian, or the only one)."""
    folder = root / "news" / year / slug
    folder.mkdir(parents=True)
    first = "uk" if "uk" in texts else next(iter(texts), "uk")
    for lang, text in ({first: ""} | texts).items():
        if lang == first:
            text = with_shared(text, meta)
        (folder / f"index.{lang}.md").write_text(text, encoding="utf-8")
    return folder


def with_shared(text: str, meta: str) -> str:
    """`text` (a whole Markdown file) with the lines `meta` at the end of its front matter (one of its own if it has none)."""
    end = text.find("\n---\n", 3) if text.startswith("---\n") else -1
    if end < 0:
        return f"---\n{meta}---\n{text}"
    return text[:end + 1] + meta + text[end + 1:]


def shared_line(folder: Path, key: str) -> int:
    """The line of `key:` in the front matter of the post's first text (where `write_post` put its shared fields)."""
    lines = (folder / "index.uk.md").read_text(encoding="utf-8").splitlines()
    return next(number for number, line in enumerate(lines, start=1) if line.lstrip("\t").startswith(f"{key}:"))


def post_text(title: str, summary: str | None = None, body: str | None = None) -> str:
    """A text's file; the summary and body not given are in the language of the title's letters, as a translator writes."""
    ukrainian = any("\u0400" <= letter <= "\u04ff" for letter in title)
    summary = summary or ("Короткий опис." if ukrainian else "A short summary.")
    body = body or ("Текст допису." if ukrainian else "The text of the post.")
    return f"---\ntitle: {title}\nsummary: {summary}\n---\n\n{body}\n"


def write_pdf(path: Path, heavy: int = 0, change: Callable[[PdfWriter], None] | None = None) -> Path:
    """A real PDF of one blank A4 page, made with pypdf; `heavy` bytes more of data; `change` edits it before it is
    written (a script, an attachment…)."""
    writer = PdfWriter()
    writer.add_blank_page(595, 842)
    if heavy:
        writer.add_metadata({"/Keywords": os.urandom(heavy // 2).hex()})
    if change is not None:
        change(writer)
    with path.open("wb") as stream:
        writer.write(stream)
    return path


AUTHOR = "Olena Petrenko"
"""The name an office program writes into the PDFs it exports (the computer's user)."""


def authored(writer: PdfWriter) -> None:
    """A PDF as Word exports it: its author's name, a title made of the file's name, and both again in XMP."""
    writer.add_metadata({"/Author": AUTHOR, "/Title": "Microsoft Word - Ivanchenko family visit.docx"})
    xmp = StreamObject()
    xmp.set_data(f'<x:xmpmeta xmlns:x="adobe:ns:meta/"><dc:creator>{AUTHOR}</dc:creator></x:xmpmeta>'.encode())
    xmp.update({NameObject("/Type"): NameObject("/Metadata"), NameObject("/Subtype"): NameObject("/XML")})
    writer.root_object[NameObject("/Metadata")] = writer._add_object(xmp)


REVIEWER = "Iryna Kovalchuk"
"""The name Acrobat writes on a reviewer's comment (the computer's user)."""


def reviewed(writer: PdfWriter) -> None:
    """A reviewer's comment on the page, as Acrobat leaves one: her name, and what she wrote about a family."""
    writer.add_annotation(0, Text(rect=(50, 700, 70, 720), text="Ivanchenko family: vul. Sadova 5", title_bar=REVIEWER))


def action(kind: str, **entries: str) -> DictionaryObject:
    """A PDF action of `kind` (its `/S`); each entry a name when it starts with '/', else a string."""
    return DictionaryObject({NameObject("/S"): NameObject(kind), **{
        NameObject(f"/{key}"): NameObject(value) if value.startswith("/") else TextStringObject(value)
        for key, value in entries.items()}})


def on_open(run: PdfObject) -> Callable[[PdfWriter], None]:
    """A change for `write_pdf`: the action `run` as the document opens (or a place to open at), without the reader
    asking."""
    def change(writer: PdfWriter) -> None:
        writer.root_object[NameObject("/OpenAction")] = run
    return change


def with_photo(jpeg: bytes) -> Callable[[PdfWriter], None]:
    """A change for `write_pdf`: the JPEG drawn on the page byte for byte, its EXIF included, as img2pdf or a phone's
    scanning app makes a PDF of a photo."""
    def change(writer: PdfWriter) -> None:
        with Image.open(io.BytesIO(jpeg)) as image:
            width, height = image.size
        photo = StreamObject.initialize_from_dictionary({
            NameObject("/Type"): NameObject("/XObject"), NameObject("/Subtype"): NameObject("/Image"),
            NameObject("/Width"): NumberObject(width), NameObject("/Height"): NumberObject(height),
            NameObject("/ColorSpace"): NameObject("/DeviceRGB"), NameObject("/BitsPerComponent"): NumberObject(8),
            NameObject("/Filter"): NameObject("/DCTDecode"), "__streamdata__": jpeg})
        drawing = StreamObject()
        drawing.set_data(b"q 400 0 0 300 100 400 cm /Photo Do Q")
        page = writer.pages[0]
        page[NameObject("/Resources")] = DictionaryObject(
            {NameObject("/XObject"): DictionaryObject({NameObject("/Photo"): writer._add_object(photo)})})
        page[NameObject("/Contents")] = writer._add_object(drawing)
    return change


def revised(path: Path, removed: str) -> Path:
    """The PDF at `path` with a note holding `removed` on its page, then saved again without it, as viewers save an
    edit: appended to the file (an incremental update), the first version still in it."""
    writer = PdfWriter(path)
    writer.add_annotation(0, FreeText(text=removed, rect=(50, 550, 300, 650)))
    writer.write(path)
    writer = PdfWriter(path, incremental=True)
    del writer.pages[0][NameObject("/Annots")]
    writer.write(path)
    return path


def reader_pages(site: Path) -> list[Path]:
    """Every HTML page of the built `site` a reader may reach: not the communicators' editor (`admin/`, hub.editor)."""
    return sorted(path for path in site.rglob("*.html") if path.relative_to(site).parts[0] != "admin")


def build(root: Path, *args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    """`mkdocs build` in `root` as of NOW; `env` adds or replaces variables (an empty HUB_NOW means the wall clock)."""
    # faulthandler: a build that never ends is made to say where each of its threads waits
    env = {**os.environ, "HUB_NOW": NOW, "NO_MKDOCS_2_WARNING": "1", "PYTHONFAULTHANDLER": "1", **(env or {})}
    mkdocs = Path(sys.executable).with_name("mkdocs")
    with subprocess.Popen([str(mkdocs), "build", *args], cwd=root, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                          text=True) as process:
        try:
            out, err = process.communicate(timeout=BUILD_TIMEOUT)
        except subprocess.TimeoutExpired:
            process.send_signal(signal.SIGABRT)
            try:
                out, err = process.communicate(timeout=30)
            except subprocess.TimeoutExpired:  # a process forked from it still holds its output open
                process.kill()
                out, err = process.communicate()
            pytest.fail(f"mkdocs build in {root} did not end in {BUILD_TIMEOUT} s; where it waited:\n{err[-12000:]}")
    return subprocess.CompletedProcess(process.args, process.returncode, out, err)


SYNTHETIC = {
    "synthetic-draft": ("date: 2026-11-10\ndraft: true\ntags: [training]\n", "Чернетка-невидимка", "Invisible draft"),
    "synthetic-future": ("date: 2026-12-24\ntags: [training]\n", "Допис-із-майбутнього", "Post from the future"),
    "synthetic-scheduled": ("date: 2026-11-23\npublish_at: 2026-11-23T18:00:00+02:00\n", "Запланований-на-вечір", "Scheduled for the evening"),
    "synthetic-due": ("date: 2026-11-23\npublish_at: 2026-11-23T09:00:00+02:00\nprojects: [jointly]\npartners: [unicef]\n"
                      "event: {date: 2026-12-03, place: {uk: Львів, en: Lviv}}\n",
                      "Щойно-опублікований", "Just published"),
}

SPECIAL = {"uk": 'Ціни < 5 & «лапки» "подвійні" \'одинарні\' 🎉', "en": 'Prices < 5 & “curly” "straight" \'single\' quotes 🎉'}
"""Titles (and summaries) of a post that every page and feed must carry unmangled."""
SPECIAL_BODY = 'Текст < 5 & "лапки" 🎉👨‍👩‍👧\n\n[Архівний допис](../../2025/synthetic-archive-01/) ![Піксель](pixel.png)'


@pytest.fixture(scope="session")
def project(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The shipped project plus synthetic posts: hidden ones, a one-language one, and a pile for pagination."""
    root = copy_project(tmp_path_factory.mktemp("project"))
    for slug, (meta, uk, en) in SYNTHETIC.items():
        write_post(root, slug, meta, {"uk": post_text(uk), "en": post_text(en)})
    write_post(root, "synthetic-english-only", "date: 2026-11-21\nonly_language: en\ntags: [training]\n",
               {"en": post_text("Only in English", "An English-only post.")})
    covered = write_post(root, "synthetic-cover", "date: 2026-11-22\ncover: cover.png\n",
                         {"uk": post_text("Допис з обкладинкою").replace("---\n\n", "cover_alt: Діти малюють у класі\n---\n\n"),
                          "en": post_text("Post with a cover").replace("---\n\n", "cover_alt: Children drawing in a classroom\n---\n\n")})
    Image.new("RGB", (640, 360), (20, 120, 110)).save(covered / "cover.png")
    special = write_post(root, "synthetic-special", "date: 2026-11-20\ntags: [training]\n",
                         {lang: post_text(json.dumps(title, ensure_ascii=False), json.dumps(title, ensure_ascii=False), SPECIAL_BODY)
                          for lang, title in SPECIAL.items()})
    Image.new("RGB", (2, 2)).save(special / "pixel.png")
    for n in range(1, 26):
        write_post(root, f"synthetic-archive-{n:02}", f"date: 2025-03-{n:02}\ntags: [training]\n",
                   {"uk": post_text(f"Архівний допис {n}"), "en": post_text(f"Archive post {n}")}, year="2025")
    send_issue(root)
    result = build(root)
    assert result.returncode == 0, result.stderr
    return root


ISSUE_DAYS = ["--since", "2026-11-20", "--until", "2026-11-22"]
"""The days of the test site's e-mail issue, made at NOW: its web version is `newsletter/2026-11-23/`."""


def send_issue(root: Path) -> None:
    """Make the e-mail issue of ISSUE_DAYS into `root/newsletter/issues/`, as a communicator does, for the site to publish."""
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("HUB_NOW", NOW)
        assert main(["newsletter", "--root", str(root), *ISSUE_DAYS]) == 0


@pytest.fixture(scope="session")
def site(project: Path) -> Path:
    return project / "site"


@pytest.fixture(scope="session")
def browser() -> Iterator[Browser]:
    """Debian's Chromium, one for the whole session (hosting.Visit opens pages in it)."""
    with chromium() as browser:
        yield browser


@pytest.fixture
def read(site: Path) -> Callable[[str], str]:
    def read_page(url: str) -> str:
        path = site / url.strip("/") / "index.html" if not url.endswith((".xml", ".json", ".html")) else site / url
        return path.read_text(encoding="utf-8")

    return read_page
