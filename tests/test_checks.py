"""`hub check`: each problem a careful editor would catch, with its file and line; nothing in the shipped content."""

from __future__ import annotations

import json
import os
import unicodedata
from pathlib import Path
from typing import Any

import pytest
from PIL import Image

from conftest import NOW, ROOT, build, copy_project, post_text, write_pdf, write_post
from hub.commands.check import description
from hub.commands.cli import main
from hub.outputs import images

LONG_TITLE = "Громади Донеччини й Луганщини підписали меморандуми про розвиток соціальних послуг для родин з дітьми"
LONG_SUMMARY = "Дуже докладний опис. " * 12
UK_BODY = """\
Перший абзац про Kиїв і громади.

![](photo.png)

![Діти біля школи](missing.jpg)

![Логотип](https://cdn.example.com/logo.png)

![Велике фото](big.png)

Повний [звіт у PDF](heavy.pdf).

Дивіться [проєкт](/projects/jointy/) і [майбутній допис](/news/2026/editorial-draft/).

Правильні посилання: [проєкт](/projects/jointly/), [методологія](../../../methodology/care-reform.md),
[партнер](../../../partners/unicef/), [звіт](report.pdf) і [на сайті](https://right-to-family.example.org/about/).
"""
EN_BODY = "An English text with a [good link](/en/projects/jointly/) and ![a drawing](photo.png).\n"


def with_fields(text: str, **fields: str) -> str:
    """A post text with more front matter keys."""
    return text.replace("---\n\n", "".join(f"{k}: {v}\n" for k, v in fields.items()) + "---\n\n", 1)


@pytest.fixture(scope="module")
def flawed(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The shipped project plus posts that each hold problems the build accepts but an editor would not."""
    root = copy_project(tmp_path_factory.mktemp("flawed"))
    folder = write_post(root, "editorial-problems", "date: 2026-11-20\nprojects: [jointly]\n",
                        {"uk": post_text(LONG_TITLE, LONG_SUMMARY, UK_BODY), "en": post_text("Editorial problems", body=EN_BODY)})
    Image.new("RGB", (40, 30), (200, 40, 40)).save(folder / "photo.png")
    Image.frombytes("RGB", (700, 700), os.urandom(700 * 700 * 3)).save(folder / "big.png")  # ~1.5 MB, published as a copy
    write_pdf(folder / "report.pdf")
    write_pdf(folder / "heavy.pdf", heavy=1_500_000)  # heavy as the writer saved it
    write_post(root, "editorial-draft", "date: 2026-11-19\ndraft: true\n", {"uk": post_text("Чернетка"), "en": post_text("Draft")})
    write_post(root, "only-ukrainian", "date: 2026-11-18\nonly_language: uk\n", {"uk": post_text("Лише українською")})
    alt = {"uk": with_fields(post_text("Обкладинка"), cover_alt="Діти малюють"),
           "en": with_fields(post_text("Cover"), cover_alt="Children drawing")}
    bad = write_post(root, "bad-cover", "date: 2026-11-17\ncover: cover.jpg\n", alt)
    (bad / "cover.jpg").write_text("not a picture at all", encoding="utf-8")
    small = write_post(root, "small-cover", "date: 2026-11-16\ncover: cover.png\n", alt)
    Image.new("RGB", (640, 360), (20, 120, 110)).save(small / "cover.png")
    write_post(root, "year-typo", "date: 2062-11-20\n", {"uk": post_text("Рік з помилкою"), "en": post_text("A mistyped year")})
    write_post(root, "across-new-year", "date: 2025-12-31\n", {"uk": post_text("Напередодні"), "en": post_text("On the eve")})
    return root


def run_check(root: Path, capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str]:
    code = main(["check", "--root", str(root), *args])
    return code, capsys.readouterr().out


def findings(root: Path, capsys: pytest.CaptureFixture[str]) -> list[dict[str, Any]]:
    code, out = run_check(root, capsys, "--format", "json")
    return json.loads(out)["problems"]


@pytest.fixture(autouse=True)
def fixed_now(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("HUB_NOW", NOW)


def line_of(path: Path, needle: str) -> int:
    return next(n for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1) if needle in line)


POST = "news/2026/editorial-problems"
EXPECTED = [  # (code, severity, file, text on the line the finding must point at)
    ("title-length", "warning", f"{POST}/index.uk.md", "title:"),
    ("summary-length", "warning", f"{POST}/index.uk.md", "summary:"),
    ("mixed-script", "error", f"{POST}/index.uk.md", "Kиїв"),
    ("image-alt", "error", f"{POST}/index.uk.md", "![](photo.png)"),
    ("image-missing", "error", f"{POST}/index.uk.md", "missing.jpg"),
    ("image-external", "error", f"{POST}/index.uk.md", "cdn.example.com"),
    ("file-budget", "warning", f"{POST}/index.uk.md", "heavy.pdf"),
    ("broken-link", "error", f"{POST}/index.uk.md", "/projects/jointy/"),
    ("link-unpublished", "warning", f"{POST}/index.uk.md", "editorial-draft"),
    ("untranslated", "warning", "news/2026/only-ukrainian/index.uk.md", "only_language"),
    ("cover-format", "error", "news/2026/bad-cover/index.uk.md", "cover:"),
    ("cover-small", "warning", "news/2026/small-cover/index.uk.md", "cover:"),
    ("date-year", "warning", "news/2026/year-typo/index.uk.md", "date:"),
]


@pytest.mark.parametrize(("code", "severity", "file", "needle"), EXPECTED, ids=[e[0] for e in EXPECTED])
def test_each_problem_is_found_with_its_file_and_line(flawed: Path, capsys, code: str, severity: str, file: str, needle: str) -> None:
    found = [p for p in findings(flawed, capsys) if p["code"] == code]
    assert found, f"no {code} finding"
    (problem,) = found
    assert (problem["file"], problem["line"], problem["severity"]) == (file, line_of(flawed / file, needle), severity)
    assert problem["message"] and problem["hint"], "every finding says what is wrong and how to fix it"


def test_hub_check_decodes_again_only_the_pictures_the_last_build_did_not_copy(tmp_path: Path, capsys,
                                                                                monkeypatch: pytest.MonkeyPatch) -> None:
    """Decoding every photo is most of what `hub check` costs: a picture whose copies the last build keeps in
    `.cache/hub/covers/` is one the next build decodes no more, nor need the check; one changed since (here cut short)
    is decoded, and found."""
    root = copy_project(tmp_path)
    alt = {"uk": with_fields(post_text("Візит"), cover_alt="Родина"), "en": with_fields(post_text("Visit"), cover_alt="A family")}
    folder = write_post(root, "photo-visit", "date: 2026-11-20\ncover: photo.jpg\n", alt)
    Image.effect_noise((1600, 900), 40).convert("RGB").save(folder / "photo.jpg")
    build(root)
    decoded: list[str] = []
    verify = images.verify
    monkeypatch.setattr(images, "verify", lambda path: (decoded.append(path.name), verify(path))[1])
    assert not [p for p in findings(root, capsys) if p["severity"] == "error"]
    assert decoded == [], "every picture was copied by the build"
    (folder / "photo.jpg").write_bytes((folder / "photo.jpg").read_bytes()[:20_000])
    found = [p for p in findings(root, capsys) if p["file"] == "news/2026/photo-visit/index.uk.md" and p["severity"] == "error"]
    assert decoded == ["photo.jpg"] and len(found) == 1 and found[0]["line"] == line_of(folder / "index.uk.md", "cover:")


def test_a_lookalike_letter_of_either_script_is_found_in_either_language(tmp_path: Path, capsys) -> None:
    """A Cyrillic «І» typed into a Latin word of the English text is found as a Latin «K» in a Ukrainian word is; words
    of one script (an accented Latin «café» among Cyrillic ones, Latin words alone) are not."""
    root = copy_project(tmp_path)
    texts = {"uk": post_text("Зустріч", body="Кава у café «Львів» з UNICEF.\n"),
             "en": post_text("Meeting", body="Coffee with the team.\n\nThe UN\u0406CEF office hosted it.\n")}
    folder = write_post(root, "lookalikes", "date: 2026-11-20\n", texts)
    found = [p for p in findings(root, capsys) if p["code"] == "mixed-script"]
    assert [(p["file"], p["line"]) for p in found] == [("news/2026/lookalikes/index.en.md", line_of(folder / "index.en.md", "office"))]
    assert "'\u0406' (Cyrillic)" in found[0]["message"]


def test_a_picture_named_by_the_cover_too_is_found_at_its_line_in_the_text(tmp_path: Path, capsys) -> None:
    """`cover: photo.jpg` names the picture before the text does: the text's image is found in the text."""
    root = copy_project(tmp_path)
    texts = {"uk": with_fields(post_text("Візит", body="Перший абзац.\n\nФото з візиту:\n\n![](photo.jpg)\n"), cover_alt="Родина"),
             "en": with_fields(post_text("Visit"), cover_alt="A family")}
    folder = write_post(root, "cover-twice", "date: 2026-11-20\ncover: photo.jpg\n", texts)
    Image.new("RGB", (1600, 900), (20, 120, 110)).save(folder / "photo.jpg")
    (problem,) = [p for p in findings(root, capsys) if p["code"] == "image-alt"]
    assert (problem["file"], problem["line"]) == ("news/2026/cover-twice/index.uk.md", line_of(folder / "index.uk.md", "![](photo.jpg)"))


def test_a_picture_named_otherwise_than_its_file_is_told_what_to_write(tmp_path: Path, capsys) -> None:
    """Other letter case (which Windows and macOS forgive), a space, a kind the site does not publish: one finding each,
    saying what is wrong with the name, never that a picture in the folder does not exist; a space written as %20 is
    none of these."""
    root = copy_project(tmp_path)
    body = ("Перший абзац.\n\n![Діти](Photo.JPG)\n\n![Родина](my photo.jpg)\n\n![Схема](scheme.gif)\n\n![Парк](park%20day.jpg)\n"
            "\n![Гайок](гай.jpg)\n")
    folder = write_post(root, "names", "date: 2026-11-20\n", {"uk": post_text("Назви", body=body), "en": post_text("Names")})
    decomposed = unicodedata.normalize("NFD", "гай.jpg")  # «й» as «и» and a combining breve, as macOS may save it
    for name in ("photo.jpg", "my photo.jpg", "scheme.gif", "park day.jpg", decomposed):
        Image.new("RGB", (40, 30), (200, 40, 40)).save(folder / name, "GIF" if name.endswith(".gif") else "JPEG")
    found = {(p["code"], p["line"]): p for p in findings(root, capsys) if p["file"] == "news/2026/names/index.uk.md"}
    text = folder / "index.uk.md"
    case = found.pop(("image-missing", line_of(text, "Photo.JPG")))
    assert "(did you mean 'photo.jpg'?)" in case["message"]
    alike = found.pop(("image-missing", line_of(text, "гай.jpg")))
    assert "same letters written as other characters" in alike["message"]
    space = found.pop(("image-space", line_of(text, "my photo.jpg")))
    assert "my-photo.jpg" in space["hint"]
    (kind,) = [p for (code, line), p in found.items() if line == line_of(text, "scheme.gif")]
    assert "a kind of file the site does not publish" in kind["message"], found
    assert not [p for p in found.values() if p["code"] == "image-missing"], found
    assert not [p for (code, line), p in found.items() if line == line_of(text, "park%20day.jpg")], \
        "a space written as %20 is the file's name, as the build and browsers read it"


def test_broken_link_suggests_the_page_meant(flawed: Path, capsys) -> None:
    (problem,) = [p for p in findings(flawed, capsys) if p["code"] == "broken-link"]
    assert "did you mean 'projects/jointly/'" in problem["message"]


def test_correct_links_and_images_are_not_reported(flawed: Path, capsys) -> None:
    problems = findings(flawed, capsys)
    good = flawed / POST / "index.uk.md"
    for needle in ("/projects/jointly/", "care-reform.md", "report.pdf"):
        line = line_of(good, needle)
        assert not [p for p in problems if p["file"] == f"{POST}/index.uk.md" and p["line"] == line], needle
    assert not [p for p in problems if p["file"] == f"{POST}/index.en.md"], "the English text is correct"


def test_text_output_reads_like_compiler_errors_and_fails_on_errors(flawed: Path, capsys) -> None:
    code, out = run_check(flawed, capsys)
    assert code == 1
    line = line_of(flawed / POST / "index.uk.md", "Kиїв")
    assert f"{POST}/index.uk.md:{line}: error: 'Kиїв' mixes Latin and Cyrillic letters that look alike: 'K' (Latin) — retype" in out
    assert f"news/2026/only-ukrainian/index.uk.md:{line_of(flawed / 'news/2026/only-ukrainian/index.uk.md', 'only_language')}: warning:" in out
    errors = sum(severity == "error" for _, severity, _, _ in EXPECTED)
    warnings = len(EXPECTED) - errors + 1  # and the shipped settings' example addresses (test_publish.py)
    assert out.strip().splitlines()[-1] == f"{errors} errors, {warnings} warnings: fix the errors before publishing.", \
        "every finding is one of those expected, and none is missing"


def test_posts_not_on_the_site_yet_are_listed_before_the_summary(flawed: Path, capsys, monkeypatch) -> None:
    """A draft, or a date a year mistyped ahead (no error: a post may be scheduled), hid a post without a word."""
    code, out = run_check(flawed, capsys)
    lines = out.strip().splitlines()
    assert lines[-4:-1] == ["2 posts are not on the site yet:",
                            "  news/2026/editorial-draft/: a draft, shown nowhere until 'draft: true' is taken out",
                            "  news/2026/year-typo/: scheduled for 20 November 2062: it appears with the site's first "
                            "build from then on"]
    monkeypatch.setenv("HUB_LANG", "uk")
    code, out = run_check(flawed, capsys)
    assert "  news/2026/year-typo/: заплановано на 20 листопада 2062: зʼявиться з першим після цього збиранням сайту" in out
    assert "2 дописи ще не на сайті:" in out
    assert "Перед підсумком перелічено дописи, яких ще немає на сайті" in description(), "and its help says so"


def test_a_scheduled_time_is_told_in_the_sites_time_zone(tmp_path: Path, capsys) -> None:
    root = copy_project(tmp_path / "project")
    write_post(root, "at-nine", "date: 2026-11-25\npublish_at: 2026-11-25 09:00\n", {"uk": post_text("О девʼятій"),
                                                                                     "en": post_text("At nine")})
    code, out = run_check(root, capsys)
    assert "  news/2026/at-nine/: scheduled for 25 November 2026, 09:00: it appears" in out
    assert "1 post is not on the site yet:" in out


def test_unknown_slug_is_the_loaders_error_with_a_suggestion(tmp_path: Path, capsys) -> None:
    root = copy_project(tmp_path / "project")
    write_post(root, "bad-tag", "date: 2026-11-10\ntags: [trainng]\n", {"uk": post_text("А"), "en": post_text("B")})
    code, out = run_check(root, capsys)
    assert code == 1
    assert "news/2026/bad-tag/index.uk.md:5: error: 'tags': unknown topic 'trainng' (did you mean 'training'?)" in out


def test_warnings_alone_do_not_fail(tmp_path: Path, capsys) -> None:
    root = copy_project(tmp_path / "project")
    write_post(root, "only-ukrainian", "date: 2026-11-18\nonly_language: uk\n", {"uk": post_text("Лише українською")})
    code, out = run_check(root, capsys)
    assert code == 0
    assert "0 errors, 2 warnings: nothing stops publishing." in out  # and the example addresses of the settings


def test_shipped_content_has_no_problem(capsys) -> None:
    """Only its settings are examples, which `--strict` refuses before publishing (test_publish.py)."""
    code, out = run_check(ROOT, capsys)
    assert code == 0 and out.strip().splitlines()[1:] == ["0 errors, 1 warning: nothing stops publishing."]
    assert out.startswith("mkdocs.yml: warning: site_url, plugins → hub → newsletter → url, plugins → hub → organisation → email")


def test_json_format_is_stable(flawed: Path, capsys) -> None:
    code, first = run_check(flawed, capsys, "--format", "json")
    _, second = run_check(flawed, capsys, "--format", "json")
    assert first == second, "the same content gives the same output"
    report = json.loads(first)
    assert code == 1
    assert list(report) == ["version", "errors", "warnings", "problems"] and report["version"] == 1
    assert report["errors"] == sum(p["severity"] == "error" for p in report["problems"]) > 0
    assert report["warnings"] == sum(p["severity"] == "warning" for p in report["problems"]) > 0
    for problem in report["problems"]:
        assert list(problem) == ["file", "line", "severity", "code", "field", "message", "hint"]
        assert problem["severity"] in ("error", "warning") and (flawed / problem["file"]).exists()
        assert problem["line"] is None or isinstance(problem["line"], int)
    order = [(p["file"], p["line"]) for p in report["problems"]]
    assert order == sorted(order)


def test_translations_that_are_missing_copied_or_in_the_wrong_script_are_found(project: Path, tmp_path: Path,
                                                                               capsys: pytest.CaptureFixture[str]) -> None:
    root = copy_project(tmp_path / "root", project)
    uk = "---\ntitle: Тренінг у Львові\nsummary: Фахівці громад навчалися.\n---\n\nФахівці громад навчалися працювати з родинами.\n"
    write_post(root, "copied", "date: 2026-11-10\n", {"uk": uk, "en": uk})
    write_post(root, "empty", "date: 2026-11-11\n", {"uk": uk, "en": "---\ntitle: Training in Lviv\nsummary: S.\n---\n\n"})
    write_post(root, "swapped", "date: 2026-11-12\n", {
        "uk": "---\ntitle: Тренінг\nsummary: С.\n---\n\nSpecialists of the communities learned to work with families.\n",
        "en": "---\ntitle: Training\nsummary: S.\n---\n\nSpecialists learned to work with families, see [the report](/news/).\n"})
    found = {(p["file"], p["code"], p["severity"]) for p in findings(root, capsys) if p["code"].startswith("translation-")
             and p["file"].split("/")[2] in ("copied", "empty", "swapped")}
    assert found == {
        ("news/2026/copied/index.en.md", "translation-script", "warning"),
        ("news/2026/copied/index.en.md", "translation-identical", "warning"),
        ("news/2026/empty/index.en.md", "translation-empty", "warning"),
        ("news/2026/swapped/index.uk.md", "translation-script", "warning"),
    }


def test_one_run_finds_the_problems_of_every_file_whatever_another_holds(project: Path, tmp_path: Path,
                                                                          capsys: pytest.CaptureFixture[str]) -> None:
    """A broken front matter, a wrong date, a topic's typo, a broken link and a script: all in one run, sorted."""
    root = copy_project(tmp_path / "root", project)
    write_post(root, "broken-yaml", "date: 2026-11-10\n",
               {"uk": "---\ntitle: Т\nsummary: Підсумки: що далі\n---\n\n<script>alert(1)</script>\n", "en": post_text("T")})
    write_post(root, "wrong-date", "date: 2026-02-30\ntags: [trainng]\n", {"uk": post_text("Т"), "en": post_text("T")})
    write_post(root, "broken-link", "date: 2026-11-12\n",
               {"uk": post_text("Т", body="Див. [проєкт](/projects/jointy/) і [допис](/news/2026/broken-yaml/)."),
                "en": post_text("T")})
    problems = findings(root, capsys)
    found = {(p["file"], p["code"], p["field"]) for p in problems}
    assert {("news/2026/broken-yaml/index.uk.md", "yaml", None), ("news/2026/wrong-date/index.uk.md", "content", "date"),
            ("news/2026/wrong-date/index.uk.md", "content", "tags"), ("news/2026/broken-link/index.uk.md", "broken-link", None)} <= found
    assert any(p["file"] == "news/2026/broken-yaml/index.uk.md" and p["code"] == "script" for p in problems), problems
    assert not any("broken-yaml/" in (p["message"] or "") and p["code"] == "broken-link" for p in problems), \
        "a link to a post that could not be read is that post's problem, not the link's"
    assert [(p["file"], p["line"] or 0) for p in problems] == sorted((p["file"], p["line"] or 0) for p in problems)


def test_strict_makes_a_translations_warning_an_error(project: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    root = copy_project(tmp_path / "root", project)
    uk = "---\ntitle: Тренінг\nsummary: Фахівці громад навчалися.\n---\n\nФахівці громад навчалися працювати з родинами.\n"
    write_post(root, "copied", "date: 2026-11-10\n", {"uk": uk, "en": uk})
    code, _out = run_check(root, capsys)
    strict, out = run_check(root, capsys, "--strict")
    assert "news/2026/copied/index.en.md: error: is the same text as index.uk.md: it is not translated" in out
    assert strict == 1 and code in (0, 1)


def test_straight_quotes_in_an_english_field_are_found_not_in_a_ukrainian_one(tmp_path: Path, capsys) -> None:
    """Readers see a title as typed; the English site uses “…” and ’ (its Markdown gets them by itself)."""
    root = copy_project(tmp_path / "project")
    write_post(root, "quoted", "date: 2026-11-18\n", {"uk": post_text('Рік проєкту "Спільно"'),
                                                      "en": post_text("""The "Jointly" project's year""")})
    code, out = run_check(root, capsys)
    assert code == 0
    assert "news/2026/quoted/index.en.md:2: warning: 'title': has straight quotes or apostrophes: English text on the site uses " \
           "typographic ones — write “…” for quotes and ’ for apostrophes (Children’s)" in out
    assert "quoted/index.uk.md" not in out


def test_pages_mkdocs_yml_names_must_exist(tmp_path: Path, capsys) -> None:
    """The navigation's pages and the privacy notice the subscribe form links to: a page renamed in docs/ is found
    at the line of mkdocs.yml that still names it (the build stops on the same, tests/test_bad_content.py)."""
    root = copy_project(tmp_path / "project")
    for lang in ("uk", "en"):
        (root / "docs" / f"privacy.{lang}.md").rename(root / "docs" / f"personal-data.{lang}.md")
    code, out = run_check(root, capsys)
    lines = (root / "mkdocs.yml").read_text(encoding="utf-8").splitlines()
    line = next(number for number, text in enumerate(lines, start=1) if text.strip().endswith(": privacy.md"))
    assert code == 1
    assert f"mkdocs.yml:{line}: error: 'nav': 'privacy.md' in the navigation is a page that does not exist" in out
    assert "mkdocs.yml: error: 'plugins → hub → newsletter → privacy': the privacy notice the subscribe form links to, " \
           "'privacy/', is a page that does not exist — write the page (docs/privacy.uk.md, docs/privacy.en.md), or set " \
           "the address of the page that holds it" in out
    settings = root / "mkdocs.yml"
    text = settings.read_text(encoding="utf-8").replace(": privacy.md", ": personal-data.md")
    settings.write_text(text.replace("      newsletter:\n", "      newsletter:\n        privacy: personal-data/\n", 1), encoding="utf-8")
    code, out = run_check(root, capsys)
    assert code == 0 and "does not exist" not in out


def test_settings_the_build_stops_on_are_found_first_at_their_lines(tmp_path: Path, capsys) -> None:
    """A site address that is no web address and a newsletter without the English list: `hub check` said "nothing
    stops publishing" and the build then stopped."""
    root = copy_project(tmp_path / "project")
    config = root / "mkdocs.yml"
    text = config.read_text(encoding="utf-8").replace("site_url: https://right-to-family.example.org/",
                                                      "site_url: ftp://files.example.org/")
    config.write_text(text.replace("          en: 00000000-0000-4000-8000-0000000000e1\n", ""), encoding="utf-8")
    lines = config.read_text(encoding="utf-8").splitlines()
    site_line = next(number for number, line in enumerate(lines, start=1) if line.startswith("site_url:"))
    lists_line = next(number for number, line in enumerate(lines, start=1) if line.strip() == "lists:")
    code, out = run_check(root, capsys)
    site = "'site_url' is 'ftp://files.example.org/', not an absolute address: feeds need absolute links"
    lists = "plugins → hub → newsletter → lists: no list for 'en': add 'en: …' under 'lists'"
    assert code == 1
    assert f"mkdocs.yml:{site_line}: error: {site}" in out and f"mkdocs.yml:{lists_line}: error: {lists}" in out
    result = build(root)
    assert result.returncode != 0 and site in result.stderr
    config.write_text(config.read_text(encoding="utf-8").replace("ftp://files", "https://files"), encoding="utf-8")
    result = build(root)
    assert result.returncode != 0 and lists in result.stderr


def test_a_link_only_the_writers_computer_or_office_opens_is_an_error(tmp_path: Path, capsys) -> None:
    """The preview's address copied from the browser (`http://127.0.0.1:8000/news/…`) was published as it was: each
    reader's browser looked for the page on their own computer. A router's or a file server's address fails alike."""
    root = copy_project(tmp_path / "project")
    links = ("Див. [навчання](http://127.0.0.1:8000/news/2026/synthetic-due/),\n[папку](http://192.168.1.20/zvity/) і "
             "[принтер](http://printer.local/)\nта [ЮНІСЕФ](https://www.unicef.org/ukraine/), [головна](http://localhost:8000/).")
    folder = write_post(root, "local-links", "date: 2026-11-20\n", {"uk": post_text("Локальні посилання", body=links),
                                                                     "en": post_text("Local links", body="Text.")})
    lines = (folder / "index.uk.md").read_text(encoding="utf-8").splitlines()
    line = next(number for number, text in enumerate(lines, start=1) if "127.0.0.1" in text)
    code, out = run_check(root, capsys)
    assert code == 1
    where = f"news/2026/local-links/index.uk.md:{line}: error: links to "
    opens = "an address only your computer or your office's network opens: readers cannot — "
    assert f"{where}'http://127.0.0.1:8000/news/2026/synthetic-due/', {opens}link to '/news/2026/synthetic-due/' instead, " \
           "the page's address on the site (as the preview shows it, without 'http://127.0.0.1:8000')" in out
    on_the_web = "link to the page or file where readers can open it, on the site or on the web"
    assert f"news/2026/local-links/index.uk.md:{line + 1}: error: links to 'http://192.168.1.20/zvity/', {opens}{on_the_web}" in out
    assert "'http://printer.local/'" in out and "unicef" not in out
    assert f"news/2026/local-links/index.uk.md:{line + 2}: error: links to 'http://localhost:8000/', {opens}{on_the_web}" in out


def test_a_mistyped_setting_of_the_hub_is_warned_of_at_its_line(tmp_path: Path, capsys, monkeypatch: pytest.MonkeyPatch) -> None:
    """`post_per_page: 6` left the news at 10 posts a page: MkDocs said "Unrecognised configuration name" in English,
    and `hub check` "nothing stops publishing". Now a warning at its line, with the setting meant, in the writer's
    language; an error in the check before publishing (`--strict`)."""
    root = copy_project(tmp_path / "project")
    config = root / "mkdocs.yml"
    text = config.read_text(encoding="utf-8")
    assert "      posts_per_page: 10\n" in text and "\n      feeds:" not in text
    config.write_text(text.replace("      posts_per_page: 10\n", "      post_per_page: 6\n      feeds:\n        itmes: 30\n"),
                      encoding="utf-8")
    line = config.read_text(encoding="utf-8").splitlines().index("      post_per_page: 6") + 1
    code, out = run_check(root, capsys)
    assert code == 0
    assert f"mkdocs.yml:{line}: warning: plugins → hub → post_per_page: no such setting: it is ignored (did you mean " \
           "'posts_per_page'?)" in out
    assert f"mkdocs.yml:{line + 2}: warning: plugins → hub → feeds → itmes: no such setting: it is ignored (did you mean " \
           "'items'?)" in out
    monkeypatch.setenv("HUB_LANG", "uk")
    code = main(["check", "--root", str(root), "--strict"])
    out, err = capsys.readouterr()
    assert code == 1
    assert f"mkdocs.yml:{line}: помилка: plugins → hub → post_per_page: такого параметра немає: його пропущено (можливо, " \
           "ви мали на увазі «posts_per_page»?)" in out
    assert "Unrecognised" not in out + err and "option 'post_per_page'" not in err  # told once, in the writer's words


def test_a_publish_at_before_the_posts_day_is_warned_of(tmp_path: Path, capsys) -> None:
    """It published the post days before its date: the news showed a day still to come. The same day is fine."""
    root = copy_project(tmp_path / "project")
    write_post(root, "early", "date: 2026-11-25\npublish_at: 2026-11-20 09:00\n", {"uk": post_text("Рано"), "en": post_text("Early")})
    write_post(root, "same-day", "date: 2026-11-25 10:00\npublish_at: 2026-11-25 07:00\n",
               {"uk": post_text("Вчасно"), "en": post_text("On time")})
    code, out = run_check(root, capsys)
    assert code == 0
    assert "news/2026/early/index.uk.md:5: warning: 'publish_at': is 2026-11-20 09:00+02:00, before the post's date, 2026-11-25: " \
           "readers would see the post from then, dated a day still to come — set 'date' to the day it appears, or take " \
           "'publish_at' out" in out
    assert "same-day/index.uk.md" not in out  # listed only as waiting for its time


def test_a_partner_name_with_straight_quotes_is_warned_of_once_at_its_line(tmp_path: Path, capsys) -> None:
    """A partner without a short name used to get a second warning, for a 'short_name' it never wrote, with no line."""
    root = copy_project(tmp_path / "project")
    (root / "partners" / "quoted.yml").write_text(
        'kind: network\nname:\n  uk: Мережа «Разом»\n  en: The "Together" network\n'
        'description:\n  uk: Мережа громад.\n  en: A network of communities.\n', encoding="utf-8")
    code, out = run_check(root, capsys)
    found = [line for line in out.splitlines() if line.startswith("partners/quoted.yml")]
    assert code == 0
    assert found == ["partners/quoted.yml:2: warning: 'name': has straight quotes or apostrophes: English text on the site uses "
                     "typographic ones — write “…” for quotes and ’ for apostrophes (Children’s); a text's Markdown gets them "
                     "by itself"]


def test_a_missing_translation_is_told_one_thing_to_do(tmp_path: Path, capsys) -> None:
    """Without 'only_language', the error said to add it, and a warning beside it to remove it."""
    root = copy_project(tmp_path)
    write_post(root, "half-done", "date: 2026-11-20\n", {"uk": post_text("Лише українською")})
    found = [(p["file"], p["severity"], p["message"]) for p in findings(root, capsys) if "half-done" in p["file"]]
    assert found == [("news/2026/half-done/index.en.md", "error", "is missing: translate the post, or, to publish it in one "
                      "language only, add 'only_language: uk' to index.uk.md")], found


def test_a_link_to_a_file_missing_from_the_folder_says_so(tmp_path: Path, capsys) -> None:
    """`[звіт](zvit.pdf)` with no such file was «a page that does not exist (did you mean 'news/2026/…/'?)»."""
    root = copy_project(tmp_path)
    body = "Перший абзац.\n\nДокладніше — у [звіті](zvit.pdf).\n"
    folder = write_post(root, "report-link", "date: 2026-11-20\n", {"uk": post_text("Звіт", body=body), "en": post_text("Report")})
    (problem,) = [p for p in findings(root, capsys) if p["file"] == "news/2026/report-link/index.uk.md" and p["severity"] == "error"]
    assert problem["code"] == "file-missing" and problem["line"] == line_of(folder / "index.uk.md", "zvit.pdf")
    assert problem["message"] == "links to 'zvit.pdf', a file that is not in the folder of this text"
