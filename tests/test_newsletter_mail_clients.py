"""The e-mail issue as a subscriber's mail client shows it, in Chromium: 600 px (a desktop client's column) and 360 px
(a phone), light and dark. Its pictures come from the built site, answered locally; screenshots go to
build/screenshots/newsletter-*.png for a person to look at."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page, Route

from conftest import ROOT

SITE_URL = "https://right-to-family.example.org/"
SCREENSHOTS = ROOT / "build" / "screenshots"
UNSUBSCRIBE = "{{ UnsubscribeURL }}"
COLUMN = {"light": "rgb(255, 255, 255)", "dark": "rgb(29, 35, 35)"}
"""The column's background in each scheme (the template's #ffffff and #1d2323)."""
TEXT = {"light": "rgb(31, 42, 42)", "dark": "rgb(230, 237, 237)"}


@pytest.fixture(params=[(600, "light"), (600, "dark"), (360, "light"), (360, "dark")], ids=lambda p: f"{p[0]}-{p[1]}")
def client(request: pytest.FixtureRequest, browser: Browser, site: Path) -> Iterator[tuple[Page, int, str, list[str]]]:
    """A page of the given width and colour scheme that answers the site's addresses from the built site, and
    records any other request."""
    width, scheme = request.param
    context = browser.new_context(viewport={"width": width, "height": 900}, color_scheme=scheme)
    elsewhere: list[str] = []

    def answer(route: Route) -> None:
        url = route.request.url
        if url.startswith(SITE_URL) and (site / url[len(SITE_URL):].split("?")[0]).is_file():
            route.fulfill(path=site / url[len(SITE_URL):].split("?")[0])
        else:
            elsewhere.append(url)
            route.abort()

    context.route("**/*", answer)
    yield context.new_page(), width, scheme, elsewhere
    context.close()


@pytest.mark.parametrize("lang", ["uk", "en"])
def test_the_issue_reads_right_at_every_width_in_both_schemes(client: tuple[Page, int, str, list[str]], project: Path,
                                                            lang: str) -> None:
    page, width, scheme, elsewhere = client
    page.set_content((project / "newsletter" / "issues" / "2026-11-23" / f"{lang}.html").read_text(encoding="utf-8"))
    page.wait_for_load_state("load")
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=SCREENSHOTS / f"newsletter-{lang}-{width}-{scheme}.png", full_page=True)

    assert page.evaluate("document.scrollingElement.scrollWidth") <= width, "no sideways scrolling"
    column = page.locator("table.column")
    assert column.bounding_box()["width"] == min(width, 600)
    cover = page.locator("img.cover").bounding_box()
    box = column.bounding_box()
    assert box["x"] <= cover["x"] and cover["x"] + cover["width"] <= box["x"] + box["width"]
    assert page.evaluate("document.querySelector('img.cover').naturalWidth") > 0, "the cover is shown"
    assert elsewhere == []

    assert column.evaluate("e => getComputedStyle(e).backgroundColor") == COLUMN[scheme]
    assert page.locator("h1").evaluate("e => getComputedStyle(e).color") == TEXT[scheme]
    unsubscribe = page.locator(f'a[href="{UNSUBSCRIBE}"]')
    assert unsubscribe.is_visible() and unsubscribe.bounding_box()["height"] > 0
    assert unsubscribe.evaluate("e => getComputedStyle(e).color") != column.evaluate("e => getComputedStyle(e).backgroundColor")
