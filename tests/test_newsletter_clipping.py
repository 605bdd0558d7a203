"""Gmail's clipping: an issue of 130 posts stays under the size Gmail shows whole, with its footer and unsubscribe link."""

from __future__ import annotations

import re
import shutil
from datetime import timedelta
from pathlib import Path

import lxml.html
import pytest

from bench.corpus import FIRST_DAY, LAST_DAY, Newsroom, copy_project
from conftest import NOW
from hub.commands.cli import main
from hub.content.issues import ISSUES
from hub.newsletter import clipping

POSTS = 130
GMAIL_CLIPS = 102 * 1024
UNSUBSCRIBE = "{{ UnsubscribeURL }}"
WEB = "https://right-to-family.example.org/newsletter/2026-11-23/"


@pytest.fixture(scope="module")
def many(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The project with only 130 generated posts, of realistic length, all before NOW."""
    root = copy_project(tmp_path_factory.mktemp("many"))
    for folder in (root / "news").glob("*/*/"):
        shutil.rmtree(folder)
    newsroom = Newsroom(root, seed=8, photo_scale=0.1)
    span = (LAST_DAY - FIRST_DAY).days
    for number in range(POSTS):
        newsroom.write(FIRST_DAY + timedelta(days=number * span // POSTS))
    assert len(newsroom.posts) == POSTS
    return root


def make(root: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> tuple[str, lxml.html.HtmlElement, int]:
    """The Ukrainian issue of every post: what the command said, the HTML and its size in bytes."""
    monkeypatch.setenv("HUB_NOW", NOW)
    out = root.parent / "issue"
    assert main(["newsletter", "--root", str(root), "--since", "2019-01-01", "--until", "2026-11-22", "--lang", "uk",
                 "--utm-campaign", "2026-11", "--out", str(out)]) == 0
    data = (out / "uk.html").read_bytes()
    return capsys.readouterr().out, lxml.html.fromstring(data), len(data)


def assert_footer_inside(html: lxml.html.HtmlElement) -> None:
    (footer,) = html.xpath('//td[@class="footer"]')
    (unsubscribe,) = footer.xpath(f'.//a[@href="{UNSUBSCRIBE}"]')
    assert unsubscribe.text_content().strip()
    assert "Поштова адреса організації" in footer.text_content()


def test_130_posts_are_shortened_under_gmails_clipping_with_the_footer_inside(
        many: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> None:
    said, html, size = make(many, capsys, monkeypatch)
    full = int(re.search(r"laid out in full it would weigh (\d+) KB", said)[1])
    assert full * 1000 > GMAIL_CLIPS, "the test's issue would be clipped without the guard"
    assert size <= clipping.LIMIT < GMAIL_CLIPS
    assert "which Gmail clips" in said and f"{size / 1000:.0f} KB" in said
    assert len(html.xpath("//h2/a")) == POSTS, "every post is still there, by its title"
    assert not html.xpath("//img"), "covers are the first to go"
    assert_footer_inside(html)


def test_when_even_the_titles_weigh_too_much_the_rest_is_in_the_web_version(
        many: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(clipping, "LIMIT", 20_000)
    said, html, size = make(many, capsys, monkeypatch)
    shown = len(html.xpath("//h2/a"))
    assert size <= 20_000 and 0 < shown < POSTS
    assert f"shows the titles of the first {shown} posts and links to its web version" in said
    (more,) = html.xpath('//p[@class="more"]/a')
    assert more.get("href").startswith(WEB)
    assert_footer_inside(html)


def test_the_fitting_shows_as_many_titles_as_the_limit_allows(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(clipping, "LIMIT", 1000)
    per_item = {"full": 300, "summary": 200, "titles": 100}

    def issue(count: int):
        return lambda layout, shown: b"x" * (50 + per_item[layout] * (count if shown is None else shown))

    fitted = clipping.fit(20, issue(20))
    assert (fitted.layout, fitted.shown, fitted.size, fitted.full_size) == ("titles", 9, 950, 6050)
    assert [clipping.fit(count, issue(count)).layout for count in (3, 4, 9)] == ["full", "summary", "titles"]
    assert clipping.fit(9, issue(9)).shown == 9
