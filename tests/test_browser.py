"""The site as readers meet it, in Debian's Chromium: accessibility (axe-core), no console error, no
request to another host, the language switcher, the keyboard, a phone's width. Screenshots of the key
pages at desktop and phone width are written to build/screenshots/ for a person to look at.

axe-core comes from npm (package.json; `./run test` runs `npm ci`). Pages are opened at the site's own
address, answered by the local host with the site's `_headers` (hosting.Visit), so the
Content-Security-Policy applies as on the real host.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page, expect

from conftest import ROOT
from hosting import ORIGIN, Visit, serve
from reading import page as parsed

AXE = ROOT / "node_modules" / "axe-core" / "axe.min.js"
SCREENSHOTS = ROOT / "build" / "screenshots"
LANGS = {"uk": "", "en": "en/"}
KEY_PAGES = {"home": "", "news": "news/", "news-2": "news/page/2/", "post": "news/2026/synthetic-cover/",
             "post-drawn": "news/2026/lviv-strategy-planning-training/",
             "project": "projects/jointly/", "partner": "partners/unicef/", "partners": "partners/",
             "subscribe": "subscribe/", "newsletter": "newsletter/", "issue": "newsletter/2026-11-23/", "404": "no-such-page/"}
DESKTOP = {"width": 1280, "height": 800}
PHONE = {"width": 360, "height": 740}
WCAG_AA = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]

OVERFLOWING = """() => {
  const clipped = (element) => {
    for (let e = element.parentElement; e; e = e.parentElement)
      if (getComputedStyle(e).overflowX !== "visible") return e !== document.body && e !== document.documentElement;
    return false;
  };
  return [...document.querySelectorAll(".md-content *, .md-footer *, .hub-footer-subscribe *")]
    .filter((e) => e.getBoundingClientRect().right > innerWidth + 1 && e.getBoundingClientRect().width > 0 && !clipped(e))
    .map((e) => `<${e.localName} class="${e.className}"> ends at ${Math.round(e.getBoundingClientRect().right)} px`);
}"""
"""Content wider than the screen, outside any box that scrolls or clips it by design (a wide table, code)."""


@pytest.fixture(scope="module")
def base(site: Path) -> Iterator[str]:
    with serve(site) as url:
        yield url


@pytest.fixture
def desktop(browser: Browser, base: str) -> Iterator[Visit]:
    visit = Visit(browser, base, viewport=DESKTOP)
    yield visit
    visit.context.close()


@pytest.fixture
def phone(browser: Browser, base: str) -> Iterator[Visit]:
    visit = Visit(browser, base, viewport=PHONE, is_mobile=True, has_touch=True, device_scale_factor=2)
    yield visit
    visit.context.close()


SETTLED = """async () => {
  for (let tries = 0; tries < 100 && document.getAnimations().some(a => a.playState === "running"); tries++)
    await new Promise(done => setTimeout(done, 100));
}"""
"""Waits (up to 10 s) until no transition or animation runs; wait_for_function would need the `eval` the policy forbids."""


def axe_violations(page: Page) -> list[str]:
    """axe-core's WCAG 2.1 A and AA violations on the page, one line per rule with its first element."""
    if not AXE.is_file():
        pytest.fail(f"{AXE} is missing: run `npm ci` in {ROOT} (`./run test` does)")
    # Colours are judged at rest, not half-way through a fade-in of the theme's.
    page.evaluate(SETTLED)
    page.evaluate(AXE.read_text(encoding="utf-8"))  # through the debugger, which the page's policy does not block
    result = page.evaluate("(tags) => axe.run(document, {runOnly: {type: 'tag', values: tags}})", WCAG_AA)
    return [f"{v['id']} ({v['impact']}): {v['help']}; {len(v['nodes'])}×, first {v['nodes'][0]['target']}: "
            f"{v['nodes'][0]['failureSummary']}" for v in result["violations"]]


def screenshot(page: Page, name: str) -> None:
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=SCREENSHOTS / f"{name}.png", full_page=True)


def errors_besides_own_status(visit: Visit, url: str, kind: str) -> list[str]:
    """The console's errors, but for the browser's note that the 404 page itself answered 404."""
    expected = f"({ORIGIN}/{url})" if kind == "404" else None
    return [e for e in visit.errors if not (expected and e.endswith(expected) and "status of 404" in e)]


@pytest.mark.parametrize("kind", KEY_PAGES)
@pytest.mark.parametrize("lang", LANGS)
def test_key_pages_are_accessible_quiet_and_ask_no_other_host(desktop: Visit, lang: str, kind: str) -> None:
    url = LANGS[lang] + KEY_PAGES[kind]
    page = desktop.open(url)
    assert desktop.response.status == (404 if kind == "404" else 200)
    assert page.locator("html").get_attribute("lang") == lang
    screenshot(page, f"{lang}-{kind}-desktop")
    assert axe_violations(page) == []
    assert errors_besides_own_status(desktop, url, kind) == []
    assert desktop.requests and all(r.startswith(ORIGIN + "/") for r in desktop.requests)
    assert desktop.elsewhere == []


def test_a_browser_without_resize_observer_loads_its_polyfill_from_the_site(browser: Browser, base: str) -> None:
    """Safari before 13.1 (an iPhone 6 stays at iOS 12) has no ResizeObserver: Material's script loads a polyfill,
    which came from unpkg.com (telling it which reader opened which page, or refused by the site's policy, which broke
    the page's script): it comes from the site itself now."""
    visit = Visit(browser, base, viewport=PHONE, is_mobile=True, has_touch=True)
    visit.context.add_init_script("delete window.ResizeObserver")
    try:
        page = visit.open("en/news/2026/synthetic-cover/")
        assert visit.elsewhere == []
        assert f"{ORIGIN}/assets/javascripts/resize-observer-polyfill-1.5.1.js" in visit.requests
        assert visit.errors == [] and visit.violations(page) == []
        assert page.evaluate("typeof ResizeObserver") == "function"
    finally:
        visit.context.close()


@pytest.mark.parametrize("kind", KEY_PAGES)
@pytest.mark.parametrize("lang", LANGS)
def test_key_pages_fit_a_phone_screen(phone: Visit, lang: str, kind: str) -> None:
    page = phone.open(LANGS[lang] + KEY_PAGES[kind])
    screenshot(page, f"{lang}-{kind}-phone")
    width = page.evaluate("document.scrollingElement.scrollWidth")
    assert width <= PHONE["width"], f"the page scrolls sideways: {width} px wide"
    assert page.evaluate(OVERFLOWING) == []


@pytest.mark.parametrize("lang", LANGS)
def test_the_home_page_leads_with_the_news_on_a_phone(phone: Visit, site: Path, lang: str) -> None:
    """Before any scrolling, a phone shows the site's name, who it is and the newest post's picture and title."""
    page = phone.open(LANGS[lang])
    heading = page.locator(".md-content h1")
    assert heading.inner_text().strip(" ¶\n") == ("Право на родину" if lang == "uk" else "Right to a Family")
    newest = parsed(site, LANGS[lang] + "news/").xpath('//li[@class="hub-card"]//h2/a')[0].text_content().strip()
    card = page.locator(".md-content .hub-card").first
    assert card.locator(".hub-card__title").inner_text().strip() == newest
    for part in (card.locator(".hub-card__title"), card.locator("img")):
        box = part.bounding_box()
        assert box is not None and box["y"] + box["height"] <= PHONE["height"], f"below the fold: {box}"


def test_the_layout_check_can_fail(phone: Visit) -> None:
    """A box wider than a phone in the text is reported (set through the DOM: the policy blocks `style=`)."""
    page = phone.open("partners/unicef/")
    page.evaluate("""() => { const box = document.createElement("div"); box.style.width = "600px";
                             document.querySelector(".md-content p").after(box); }""")
    assert page.evaluate(OVERFLOWING) == ['<div class=""> ends at 616 px']


def test_axe_finds_a_missing_text_alternative(desktop: Visit) -> None:
    """The accessibility check can fail: a picture without `alt` is reported."""
    page = desktop.open("")
    page.evaluate("document.querySelector('.md-content h1').insertAdjacentHTML('afterend', '<img src=\"x.png\">')")
    assert any(line.startswith("image-alt") for line in axe_violations(page))


@pytest.mark.parametrize("start, target", [
    ("news/2026/synthetic-cover/", "en/news/2026/synthetic-cover/"),
    ("en/news/2026/synthetic-cover/", "news/2026/synthetic-cover/"),
    ("projects/jointly/", "en/projects/jointly/"),
    ("en/projects/jointly/", "projects/jointly/"),
    ("partners/unicef/", "en/partners/unicef/"),
    ("en/partners/unicef/", "partners/unicef/"),
])
def test_the_language_switcher_lands_on_the_translation(desktop: Visit, site: Path, start: str, target: str) -> None:
    lang = "en" if target.startswith("en/") else "uk"
    page = desktop.open(start)
    page.locator(".md-select").hover()
    with page.expect_navigation() as navigation:
        page.locator(f"a.md-select__link[hreflang='{lang}']").click()
    response = navigation.value
    assert page.url == f"{ORIGIN}/{target}"
    assert response.status == 200 and response.request.redirected_from is None, "straight there, no redirect"
    assert page.locator("html").get_attribute("lang") == lang
    expected = parsed(site, target).xpath("//article//h1")[0].text_content().strip()
    assert page.locator("article h1").first.inner_text().strip() == expected


@pytest.mark.parametrize("lang", LANGS)
def test_the_keyboard_reaches_the_menu_the_search_and_the_subscribe_form(desktop: Visit, lang: str) -> None:
    page = desktop.open(LANGS[lang] + "news/2026/synthetic-cover/")
    wanted = {"menu": ".md-tabs__link", "search": "input.md-search__input", "subscribe": "#hub-subscribe-footer-email"}
    reached: dict[str, str] = {}
    for _ in range(250):
        page.keyboard.press("Tab")
        for name, selector in wanted.items():
            if name not in reached and page.evaluate("(s) => document.activeElement.matches(s)", selector):
                box = page.evaluate("() => document.activeElement.getBoundingClientRect().toJSON()")
                assert box["width"] > 0 and box["height"] > 0, f"the {name} gets the focus while hidden"
                reached[name] = page.evaluate("() => document.activeElement.outerHTML.slice(0, 80)")
        if len(reached) == len(wanted):
            break
    assert set(reached) == set(wanted), f"reached only {reached}"


@pytest.mark.parametrize("lang, query, suggested", [
    ("uk", "деінституалізація кенгуру дітей", "деінституціалізація кенгуру дітей"),
    ("en", "reintegartion kangaroos children", "reintegration kangaroos children"),
])
def test_what_the_search_found_instead_is_accessible_and_its_correction_a_key_away(desktop: Visit, lang: str, query: str,
                                                                                   suggested: str) -> None:
    """A query with a typo, a word of no page and a word of many: the box shows the pages with the last, names the
    words left out and offers the correction, in the page's language; axe finds nothing wrong, the keyboard takes it."""
    page = desktop.open(LANGS[lang])
    page.keyboard.press("/")
    page.get_by_role("searchbox").press_sequentially(query)
    suggestion = page.get_by_role("status").get_by_role("button", name=suggested)
    expect(suggestion).to_be_visible(timeout=10_000)
    screenshot(page, f"{lang}-search-instead-desktop")
    assert axe_violations(page) == []
    for _ in range(5):
        if page.evaluate("() => document.activeElement.matches('.hub-search__suggestion')"):
            break
        page.keyboard.press("Tab")
    page.keyboard.press("Enter")
    expect(page.get_by_role("searchbox")).to_have_value(suggested)
    assert desktop.errors == [] and desktop.elsewhere == []
