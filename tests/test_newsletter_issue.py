"""`hub newsletter`: the e-mail issue of a period, as a mailing tool and a subscriber's mail client get it."""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import lxml.html
import pytest

OUTLOOK_OPEN = re.compile(r'<!--\[if mso\]><table role="presentation" class="outlook" align="center" width="600"[^>]*>'
                          r'<tr><td width="600"><!\[endif\]-->')
OUTLOOK_CLOSE = re.compile(r"<!--\[if mso\]></td></tr></table><!\[endif\]-->")

from conftest import ISSUE_DAYS, NOW, SPECIAL
from hub.commands.cli import main
from hub.content.issues import ISSUES
from hub.newsletter.state import STATE

SITE_URL = "https://right-to-family.example.org/"
UNSUBSCRIBE = "{{ UnsubscribeURL }}"
"""listmonk's merge tag: the shipped configuration uses listmonk."""
PERIOD = ISSUE_DAYS
"""20 to 22 November, whole days: made at NOW, on the 23rd."""
IN_PERIOD = {  # oldest first; the draft and the future post are not published, the 23rd's posts are for the next issue
    "uk": ["synthetic-special", "synthetic-cover"],
    "en": ["synthetic-special", "synthetic-english-only", "synthetic-cover"],
}
WEB = {"uk": f"{SITE_URL}newsletter/2026-11-23/", "en": f"{SITE_URL}en/newsletter/2026-11-23/"}
"""The issue's web version: its "view in browser" link."""
SENDER = {"uk": ("Редакція хабу «Право на родину»", "Поштова адреса організації"),
          "en": ("The editors of the Right to a Family hub", "The organisation’s postal address")}
"""The organisation's name and (the start of) its postal address in the shipped mkdocs.yml."""
CONTACT = "editors@right-to-family.example.org"


@pytest.fixture
def root(project: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A copy of the built test project without its issues (the export records its state there), exported as of NOW."""
    copy = tmp_path / "project"
    shutil.copytree(project, copy, ignore=shutil.ignore_patterns("site", "site.*", "newsletter"))
    monkeypatch.setenv("HUB_NOW", NOW)
    return copy


def export(root: Path, out: Path, *args: str) -> int:
    return main(["newsletter", "--root", str(root), "--out", str(out), *args])


@pytest.fixture
def issue(root: Path, tmp_path: Path) -> Path:
    out = tmp_path / "issue"
    assert export(root, out, *PERIOD, "--utm-campaign", "2026-11") == 0
    return out


@pytest.mark.parametrize("lang", IN_PERIOD)
def test_the_manifest_lists_exactly_the_posts_published_in_the_period(issue: Path, lang: str) -> None:
    manifest = json.loads((issue / f"{lang}.json").read_text(encoding="utf-8"))
    assert [item["slug"] for item in manifest["items"]] == IN_PERIOD[lang]
    assert manifest["language"] == lang
    assert manifest["files"] == {"html": f"{lang}.html", "text": f"{lang}.txt"}
    assert manifest["period"] == {"start": "2026-11-20T00:00:00+02:00", "end": "2026-11-23T00:00:00+02:00"}
    assert manifest["subject"] == {"uk": "Право на родину: новини 20–22 листопада 2026",
                                   "en": "Right to a Family: news 20–22 November 2026"}[lang]
    assert manifest["preheader"] and manifest["web_version"].startswith(WEB[lang])


@pytest.mark.parametrize("lang", IN_PERIOD)
def test_the_html_part_is_ready_for_mail_clients(issue: Path, lang: str) -> None:
    manifest = json.loads((issue / f"{lang}.json").read_text(encoding="utf-8"))
    html = lxml.html.fromstring((issue / f"{lang}.html").read_bytes())
    assert html.get("lang") == lang
    assert html.xpath('//meta[@name="color-scheme"]/@content') == ["light dark"]
    assert html.xpath("//title")[0].text == manifest["subject"]
    assert manifest["preheader"] in html.xpath('//div[@class="preheader"]')[0].text_content()

    (column,) = html.xpath('//table[@class="column"]')
    assert column.get("width") == "600" and "max-width: 600px" in column.get("style")
    for cell in html.xpath("//td[@class]"):
        assert cell.get("style"), "styles are inlined, not left to a <style> Gmail may drop"
    (style,) = html.xpath("//style")
    assert style.text.strip().startswith("@media (prefers-color-scheme: dark)")
    assert not html.xpath('//link[@rel="stylesheet"]') and not html.xpath("//script")

    titles = [h2.text_content() for h2 in html.xpath("//h2")]
    assert titles == [item["title"] for item in manifest["items"]]
    assert SPECIAL[lang] in titles, "<, &, quotes and emoji survive escaping"
    for link in html.xpath("//a/@href"):
        assert link.startswith(SITE_URL) or link in (UNSUBSCRIBE, f"mailto:{CONTACT}")
    post_links = {link.split("?")[0] for link in html.xpath("//h2/a/@href")}
    prefix = "" if lang == "uk" else "en/"
    assert post_links == {f"{SITE_URL}{prefix}news/2026/{slug}/" for slug in IN_PERIOD[lang]}
    assert all("utm_campaign=2026-11" in link for link in html.xpath("//h2/a/@href"))

    (footer,) = html.xpath('//td[@class="footer"]')
    (unsubscribe,) = footer.xpath(f'.//a[@href="{UNSUBSCRIBE}"]')
    assert unsubscribe.text_content().strip(), "the unsubscribe link is visible"


@pytest.mark.parametrize("lang", IN_PERIOD)
def test_outlook_for_windows_gets_a_600_px_table_it_alone_reads(issue: Path, lang: str) -> None:
    source = (issue / f"{lang}.html").read_text(encoding="utf-8")
    opened, closed = OUTLOOK_OPEN.search(source), OUTLOOK_CLOSE.search(source)
    assert opened and closed, "an <!--[if mso]> table around the column"
    assert opened.end() < source.index('class="column"') < closed.start()
    assert "<o:PixelsPerInch>96</o:PixelsPerInch>" in source, "Outlook does not scale the 600 px on a high-DPI screen"
    assert 'xmlns:o="urn:schemas-microsoft-com:office:office"' in source


@pytest.mark.parametrize("lang", IN_PERIOD)
def test_a_long_word_wraps_inside_the_column(issue: Path, lang: str) -> None:
    """A title of one 120-letter word (a pasted address, a long compound) widened the 600 px column past the screen:
    the text's cells break such a word, inline (mail clients drop <style>)."""
    html = lxml.html.fromstring((issue / f"{lang}.html").read_bytes())
    cells = html.xpath('//td[contains(@class, "cell")]')
    assert cells and all("overflow-wrap: break-word" in cell.get("style", "") for cell in cells)


@pytest.mark.parametrize("lang", IN_PERIOD)
def test_the_footer_says_who_sends_it_from_where_why_and_how_to_leave(issue: Path, lang: str) -> None:
    html = lxml.html.fromstring((issue / f"{lang}.html").read_bytes())
    (footer,) = html.xpath('//td[@class="footer"]')
    text = " ".join(footer.text_content().split())
    name, address = SENDER[lang]
    assert name in text and address in text and CONTACT in text
    assert {"uk": "бо підписалися на новини", "en": "because you subscribed to news"}[lang] in text
    assert footer.xpath(f'.//a[@href="mailto:{CONTACT}"]') and footer.xpath(f'.//a[@href="{UNSUBSCRIBE}"]')
    web_links = [link for link in html.xpath("//a/@href") if link.startswith(WEB[lang])]
    assert len(web_links) == 2, "view in browser, at the top and in the footer"
    plain = (issue / f"{lang}.txt").read_text(encoding="utf-8")
    assert name in plain and address in plain and CONTACT in plain and WEB[lang] in plain


@pytest.mark.parametrize("lang", IN_PERIOD)
def test_cover_images_have_absolute_urls_sizes_and_alt_text(issue: Path, site: Path, lang: str) -> None:
    html = lxml.html.fromstring((issue / f"{lang}.html").read_bytes())
    (image,) = html.xpath("//img")  # only synthetic-cover has one
    assert image.get("alt") == {"uk": "Діти малюють у класі", "en": "Children drawing in a classroom"}[lang]
    src = image.get("src")
    assert src.startswith(SITE_URL) and (site / src[len(SITE_URL):]).is_file(), "the image is published with the site"
    width, height = int(image.get("width")), int(image.get("height"))
    assert width <= 552 and abs(width / height - 640 / 360) < 0.01


@pytest.mark.parametrize("lang", IN_PERIOD)
def test_the_text_part_has_every_post_and_the_unsubscribe_tag(issue: Path, lang: str) -> None:
    manifest = json.loads((issue / f"{lang}.json").read_text(encoding="utf-8"))
    text = (issue / f"{lang}.txt").read_text(encoding="utf-8")
    for item in manifest["items"]:
        assert item["title"] in text and item["url"] in text
    assert SPECIAL[lang] in text, "plain text is not HTML-escaped"
    assert text.rstrip().splitlines()[-2].endswith(UNSUBSCRIBE)


def test_no_news_in_the_period_writes_nothing_and_fails(root: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "issue"
    assert export(root, out, "--since", "2026-11-18", "--until", "2026-11-18") == 1
    assert "no news was published" in capsys.readouterr().out
    assert not out.exists() and not (root / "newsletter").exists()


def newsletter(root: Path, *args: str) -> int:
    """`hub newsletter` writing where it does by default: into the project's newsletter/issues/<today>/."""
    return main(["newsletter", "--root", str(root), *args])


def stored(root: Path, lang: str) -> dict:
    return json.loads((root / ISSUES / "2026-11-23" / f"{lang}.json").read_text(encoding="utf-8"))


def test_the_next_issue_starts_where_the_last_one_ended_and_shares_no_day(root: Path, monkeypatch: pytest.MonkeyPatch,
                                                                          capsys: pytest.CaptureFixture[str]) -> None:
    assert newsletter(root, *PERIOD) == 0
    state = json.loads((root / STATE).read_text(encoding="utf-8"))
    last = {"date": "2026-11-23", "start": "2026-11-20T00:00:00+02:00", "end": "2026-11-23T00:00:00+02:00"}
    assert state == {"last_issue": {"en": last, "uk": last}}
    assert newsletter(root) == 1, "the 23rd is not over: no whole day since the last issue"
    assert "the next one can be made tomorrow" in capsys.readouterr().out
    monkeypatch.setenv("HUB_NOW", "2026-11-25T09:00:00+02:00")  # the 23rd's posts (9:00 and the one at 18:00) are out
    assert newsletter(root) == 0
    for lang in IN_PERIOD:
        manifest = json.loads((root / ISSUES / "2026-11-25" / f"{lang}.json").read_text(encoding="utf-8"))
        assert [item["slug"] for item in manifest["items"]] == ["synthetic-due", "synthetic-scheduled"]
        assert manifest["subject"].endswith({"uk": "новини 23–24 листопада 2026", "en": "news 23–24 November 2026"}[lang])


def test_an_issue_covers_only_days_that_are_over(root: Path, capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as stop:
        newsletter(root, "--since", "2026-11-20", "--until", "2026-11-23")
    assert stop.value.code == 2
    error = capsys.readouterr().err
    assert "--until 2026-11-23: the day is not over yet" in error and "yesterday, 2026-11-22" in error
    assert not (root / "newsletter").exists()


def test_a_dry_run_writes_into_a_temporary_folder_and_leaves_the_state(root: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert newsletter(root, *PERIOD) == 0
    state = (root / STATE).read_bytes()
    issue = (root / ISSUES / "2026-11-23" / "uk.html").read_bytes()
    assert newsletter(root, "--dry-run", "--since", "2026-11-21", "--until", "2026-11-22") == 0
    folder = Path(re.search(r"Dry run: the issues are in (.+?); ", capsys.readouterr().out)[1])
    try:
        assert sorted(path.name for path in folder.iterdir()) == [f"{lang}.{kind}" for lang in ("en", "uk") for kind in ("html", "json", "txt")]
        assert json.loads((folder / "uk.json").read_text(encoding="utf-8"))["items"][0]["slug"] == "synthetic-cover"
    finally:
        shutil.rmtree(folder)
    assert (root / STATE).read_bytes() == state and (root / ISSUES / "2026-11-23" / "uk.html").read_bytes() == issue
    assert [path.name for path in (root / ISSUES).iterdir()] == ["2026-11-23"]


def test_again_makes_the_last_issue_again_after_a_correction(root: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    assert newsletter(root, *PERIOD) == 0
    state = (root / STATE).read_bytes()
    text = root / "news" / "2026" / "synthetic-cover" / "index.en.md"
    text.write_text(text.read_text(encoding="utf-8").replace("Post with a cover", "Post with a corrected cover"), encoding="utf-8")
    monkeypatch.setenv("HUB_NOW", "2026-11-26T10:00:00+02:00")  # days later: the same issue all the same
    assert newsletter(root, "--again") == 0
    assert (root / STATE).read_bytes() == state
    assert [path.name for path in (root / ISSUES).iterdir()] == ["2026-11-23"]
    assert "Post with a corrected cover" in (root / ISSUES / "2026-11-23" / "en.html").read_text(encoding="utf-8")
    assert [item["slug"] for item in stored(root, "en")["items"]] == IN_PERIOD["en"]


def test_again_needs_a_recorded_issue_and_no_dates(root: Path, capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit):
        newsletter(root, "--again")
    assert "no 'uk' issue to make again is recorded" in capsys.readouterr().err
    assert newsletter(root, *PERIOD) == 0
    with pytest.raises(SystemExit):
        newsletter(root, "--again", "--since", "2026-11-01")
    assert "leave out --since and --until" in capsys.readouterr().err


def test_another_issue_made_the_same_day_is_not_overwritten(root: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert newsletter(root, *PERIOD) == 0
    folder = root / ISSUES / "2026-11-23"
    before = {path.name: path.read_bytes() for path in folder.iterdir()}
    with pytest.raises(SystemExit) as stop:
        newsletter(root, "--since", "2026-11-21", "--until", "2026-11-22")
    assert stop.value.code == 2
    assert "uk.json holds another issue" in capsys.readouterr().err
    assert {path.name: path.read_bytes() for path in folder.iterdir()} == before


def test_without_the_organisation_no_issue_is_made(root: Path, capsys: pytest.CaptureFixture[str]) -> None:
    config = root / "mkdocs.yml"
    text = config.read_text(encoding="utf-8")
    config.write_text(text[:text.index("      organisation:")] + text[text.index("      newsletter:"):], encoding="utf-8")
    with pytest.raises(SystemExit) as stop:
        newsletter(root, *PERIOD)
    assert stop.value.code == 2
    assert "the e-mail's footer must name who sends it, with a postal address" in capsys.readouterr().err
    assert not (root / "newsletter").exists()


def test_content_the_site_is_not_published_with_makes_no_issue(root: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """A post of the period holding what the build refuses would be announced, never online: no issue is made."""
    text = root / "news" / "2026" / "synthetic-cover" / "index.uk.md"
    text.write_text(text.read_text(encoding="utf-8") + "\n<script>fetch('/x')</script>\n", encoding="utf-8")
    with pytest.raises(SystemExit) as stop:
        newsletter(root, *PERIOD)
    assert stop.value.code == 2
    err = capsys.readouterr().err
    line = text.read_text(encoding="utf-8").splitlines().index("<script>fetch('/x')</script>") + 1
    assert f"news/2026/synthetic-cover/index.uk.md:{line}: " in err and "no issue was written" in err, err
    assert not (root / "newsletter").exists()


def test_the_first_issue_needs_a_start_date(root: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as stop:
        export(root, tmp_path / "issue")
    assert stop.value.code == 2
    assert "give --since DATE for the first one" in capsys.readouterr().err


@pytest.mark.parametrize("folder", ["site", "site/newsletter", "docs/news", "news/issues"])
def test_refuses_to_write_into_the_site_or_the_pages(root: Path, folder: str, capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as stop:
        export(root, root / folder, *PERIOD)
    assert stop.value.code == 2
    assert "will not write into" in capsys.readouterr().err
    assert not list((root / folder).glob("*.html")) and not (root / "newsletter").exists()


def test_the_shipped_listmonk_template_holds_only_the_issue() -> None:
    """listmonk's default template would wrap the issue in a second document with a second unsubscribe link."""
    template = (Path(__file__).resolve().parents[1] / "newsletter" / "listmonk-template.html").read_text(encoding="utf-8")
    assert template.strip() == '{{ template "content" . }}'


def test_an_out_that_is_a_file_or_holds_other_files_is_refused_plainly(root: Path, tmp_path: Path,
                                                                      capsys: pytest.CaptureFixture[str]) -> None:
    """`--out mkdocs.yml` ended in a traceback (FileExistsError); a folder holding someone's `uk.html` had it replaced."""
    with pytest.raises(SystemExit) as stop:
        export(root, root / "mkdocs.yml", *PERIOD)
    assert stop.value.code == 2 and "mkdocs.yml: it is a file, not a folder; newsletter/state.json is unchanged" in capsys.readouterr().err
    mine = tmp_path / "mine"
    mine.mkdir()
    (mine / "uk.html").write_text("my own page", encoding="utf-8")
    with pytest.raises(SystemExit):
        export(root, mine, *PERIOD)
    assert "uk.html is there already" in capsys.readouterr().err
    assert (mine / "uk.html").read_text(encoding="utf-8") == "my own page"
    assert not (root / "newsletter" / "state.json").exists(), "nothing is recorded"
