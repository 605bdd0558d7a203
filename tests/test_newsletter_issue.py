"""`hub newsletter`: the e-mail issue of a period, as a mailing tool and a subscriber's mail client get it."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import lxml.html
import pytest

from conftest import NOW, SPECIAL
from hub.commands.cli import main

SITE_URL = "https://right-to-family.example.org/"
UNSUBSCRIBE = "{{ UnsubscribeURL }}"
"""listmonk's merge tag: the shipped configuration uses listmonk."""
PERIOD = ["--since", "2026-11-20", "--until", "2026-11-23"]
IN_PERIOD = {  # oldest first; the draft, the future post and the one scheduled for 18:00 are not published at NOW
    "uk": ["synthetic-special", "synthetic-cover", "synthetic-due"],
    "en": ["synthetic-special", "synthetic-english-only", "synthetic-cover", "synthetic-due"],
}


@pytest.fixture
def root(project: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A copy of the built test project (the export records its state there), exported as of NOW."""
    copy = tmp_path / "project"
    shutil.copytree(project, copy, ignore=shutil.ignore_patterns("site", "site.*"))
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
    assert manifest["period"] == {"start": "2026-11-20T00:00:00+02:00", "end": NOW}
    assert manifest["subject"].startswith({"uk": "Право на родину: ", "en": "Right to a Family: "}[lang])
    assert "23" in manifest["subject"] and manifest["preheader"]


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
        assert link.startswith(SITE_URL) or link == UNSUBSCRIBE
    post_links = {link.split("?")[0] for link in html.xpath("//h2/a/@href")}
    prefix = "" if lang == "uk" else "en/"
    assert post_links == {f"{SITE_URL}{prefix}news/2026/{slug}/" for slug in IN_PERIOD[lang]}
    assert all("utm_campaign=2026-11" in link for link in html.xpath("//h2/a/@href"))

    (footer,) = html.xpath('//td[@class="footer"]')
    (unsubscribe,) = footer.xpath(f'.//a[@href="{UNSUBSCRIBE}"]')
    assert unsubscribe.text_content().strip(), "the unsubscribe link is visible"


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


def test_the_next_issue_starts_where_the_last_one_ended(root: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    assert export(root, tmp_path / "first", *PERIOD) == 0
    state = json.loads((root / "newsletter" / "state.json").read_text(encoding="utf-8"))
    assert state == {"last_issue": {"en": NOW, "uk": NOW}}
    assert export(root, tmp_path / "again") == 1, "nothing new since the last issue"
    monkeypatch.setenv("HUB_NOW", "2026-11-23T19:00:00+02:00")  # the post scheduled for 18:00 is out
    assert export(root, tmp_path / "next") == 0
    for lang in IN_PERIOD:
        manifest = json.loads((tmp_path / "next" / f"{lang}.json").read_text(encoding="utf-8"))
        assert [item["slug"] for item in manifest["items"]] == ["synthetic-scheduled"]


def test_the_first_issue_needs_a_start_date(root: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as stop:
        export(root, tmp_path / "issue")
    assert stop.value.code == 2
    assert "give --since DATE for the first one" in capsys.readouterr().err


@pytest.mark.parametrize("folder", ["site", "site/newsletter", "docs/news"])
def test_refuses_to_write_into_the_site_or_the_pages(root: Path, folder: str, capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as stop:
        export(root, root / folder, *PERIOD)
    assert stop.value.code == 2
    assert "will not write into" in capsys.readouterr().err
    assert not list((root / folder).glob("*.html")) and not (root / "newsletter").exists()
