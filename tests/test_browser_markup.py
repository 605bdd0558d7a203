"""What machines read in the built pages: valid HTML (the Nu HTML Checker, npm `vnu-jar`, run with the
machine's Java), and what search engines and social networks are told: the canonical address, the
translations (`hreflang`, in the pages and the sitemap), Open Graph and Twitter cards.
"""

from __future__ import annotations

import json
import shutil
import subprocess
from datetime import datetime
from pathlib import Path

import lxml.etree
import lxml.html
import pytest
from PIL import Image

from conftest import NOW, ROOT, SPECIAL, reader_pages
from hub.content.catalog import Catalog
from hub.content.load import load_content
from reading import BASE

VNU = ROOT / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"
MATERIAL_MARKUP = [
    # Material's base.html writes its two toggles (<input class="md-toggle" type="checkbox" autocomplete="off">)
    # outside any block: only a copy of the whole page skeleton could drop the attribute, which keeps Firefox
    # from reopening the menu or the search when a reader comes back to the page.
    ("Attribute “autocomplete” is only allowed when the input type is", 'class="md-toggle"'),
    # Material's nav-item.html gives a section's label (navigation.tabs) tabindex="" instead of none; browsers
    # ignore it, as meant. Fixing it means copying Material's 175-line navigation template.
    ("Bad value “” for attribute “tabindex” on element “label”", 'class="md-nav__link'),
]
"""Errors in Material's own markup, out of reach of the templates in overrides/; nothing else is excused."""
LOCALES = {"uk": "uk_UA", "en": "en_GB"}
PREFIX = {"uk": "", "en": "en/"}
SITEMAP = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9", "x": "http://www.w3.org/1999/xhtml"}


def check_html(files: list[Path]) -> list[dict]:
    """The Nu HTML Checker's errors in `files`, in one run of Java."""
    if not VNU.is_file():
        pytest.fail(f"{VNU} is missing: run `npm ci` in {ROOT} (`./run test` does)")
    if shutil.which("java") is None:
        pytest.fail("the Nu HTML Checker needs Java: `./run test` installs Debian's default-jre-headless")
    result = subprocess.run(["java", "-jar", str(VNU), "--errors-only", "--format", "json", *map(str, files)],
                            capture_output=True, text=True, timeout=600)
    return json.loads(result.stderr)["messages"]


def excused(message: dict) -> bool:
    return any(message["message"].startswith(text) and element in message.get("extract", "")
               for text, element in MATERIAL_MARKUP)


def pages(site: Path) -> list[tuple[str, lxml.html.HtmlElement]]:
    """(site-relative URL, parsed page) of every page but the 404 pages and the communicators' editor (`admin/`)."""
    return [(path.relative_to(site).as_posix().removesuffix("index.html"), lxml.html.fromstring(path.read_bytes()))
            for path in reader_pages(site) if path.name == "index.html"]


def meta(html: lxml.html.HtmlElement, key: str) -> list[str]:
    return html.xpath(f'//head/meta[@property="{key}" or @name="{key}"]/@content')


def one(values: list[str], what: str) -> str:
    assert len(values) == 1, f"{what}: {values}"
    return values[0]


def exists(site: Path, url: str) -> bool:
    """Whether an absolute URL of the site names a file of the build (a folder: its index.html)."""
    assert url.startswith(BASE), url
    path = site / url[len(BASE):]
    return (path / "index.html").is_file() if url.endswith("/") else path.is_file()


def test_every_page_is_valid_html(site: Path, tmp_path: Path) -> None:
    """One run over the whole site, with a page broken as Material's head broke it, so the check can fail."""
    files = sorted(site.rglob("*.html"))
    broken = tmp_path / "broken.html"
    broken.write_text((site / "partners/kfw/index.html").read_text(encoding="utf-8")
                      .replace('<meta name="description" content="', '<meta name="description" content="The "Jointly" project'),
                      encoding="utf-8")
    messages = check_html([*files, broken])
    assert any(m["url"].endswith("/broken.html") for m in messages), "the checker reports an unescaped quote"
    errors = [f"{m['url'].split('/site/', 1)[-1]}:{m.get('lastLine')}: {m['message']}"
              for m in messages if not m["url"].endswith("/broken.html") and not excused(m)]
    assert len(files) > 200
    assert errors == [], f"{len(errors)} errors, the first: {errors[:5]}"


def test_every_page_names_its_address_translations_and_share_preview(site: Path) -> None:
    bilingual = []
    for url, html in pages(site):
        lang = html.get("lang")
        path = url.removeprefix(PREFIX[lang])
        canonical = one(html.xpath('//head/link[@rel="canonical"]/@href'), f"{url} canonical")
        assert canonical == BASE + url
        alternates = {link.get("hreflang"): link.get("href") for link in html.xpath('//head/link[@rel="alternate"][not(@type)]')}
        versions = {code: BASE + PREFIX[code] + path for code in PREFIX if exists(site, BASE + PREFIX[code] + path)}
        assert alternates == {**versions, **({"x-default": versions["uk"]} if "uk" in versions else {})}, url
        if len(versions) == 2:
            bilingual.append(url)
        assert one(meta(html, "og:url"), url) == canonical
        assert one(meta(html, "og:title"), url) == one(meta(html, "twitter:title"), url) != ""
        description = one(meta(html, "description"), url)
        assert one(meta(html, "og:description"), url) == one(meta(html, "twitter:description"), url) == description != ""
        image = one(meta(html, "og:image"), url)
        assert one(meta(html, "twitter:image"), url) == image and exists(site, image), url
        assert int(one(meta(html, "og:image:width"), url)) >= 200 and one(meta(html, "og:image:alt"), url)
        assert one(meta(html, "og:locale"), url) == LOCALES[lang]
        assert meta(html, "og:locale:alternate") == [code for other, code in LOCALES.items() if other != lang]
        assert one(meta(html, "twitter:card"), url) == "summary_large_image"
    assert len(bilingual) > 200 and "en/news/page/5/" not in bilingual, "one more page of English news (an English-only post)"


def test_descriptions_with_quotes_reach_readers_whole(project: Path, site: Path) -> None:
    """A partner's description with quotes (a straight " used to end the attribute and spill into the page: the post
    titled SPECIAL below has them, and the shipped descriptions their languages' own)."""
    content = load_content(project, ("uk", "en"))
    quoted = [(slug, lang, text) for slug, partner in content.partners.items() for lang, text in partner.text.items()
              if set('"«“') & set(text.description)]
    assert quoted
    for slug, lang, text in quoted:
        html = lxml.html.fromstring((site / f"{PREFIX[lang]}partners/{slug}/index.html").read_bytes())
        assert one(meta(html, "description"), slug) == text.description
        assert one(meta(html, "og:title"), slug) == text.name
    for lang, title in SPECIAL.items():
        html = lxml.html.fromstring((site / f"{PREFIX[lang]}news/2026/synthetic-special/index.html").read_bytes())
        assert one(meta(html, "og:title"), lang) == one(meta(html, "description"), lang) == title
        assert html.xpath("//title")[0].text_content().startswith(title)
        assert html.xpath("//article//h1")[0].text_content() == title


@pytest.mark.parametrize("lang", PREFIX)
def test_a_post_is_shared_as_an_article_with_its_cover(site: Path, lang: str) -> None:
    html = lxml.html.fromstring((site / f"{PREFIX[lang]}news/2026/synthetic-cover/index.html").read_bytes())
    assert one(meta(html, "og:type"), lang) == "article"
    assert one(meta(html, "article:published_time"), lang).startswith("2026-11-22")
    image = one(meta(html, "og:image"), lang)
    assert image == BASE + "news/2026/synthetic-cover/cover-social.jpg"
    with Image.open(site / image[len(BASE):]) as picture:
        assert picture.size == (int(one(meta(html, "og:image:width"), lang)), int(one(meta(html, "og:image:height"), lang)))
        assert 1.85 < picture.width / picture.height < 1.95, "the shape social networks show"
    assert one(meta(html, "og:image:alt"), lang) == {"uk": "Діти малюють у класі", "en": "Children drawing in a classroom"}[lang]


@pytest.mark.parametrize("lang", PREFIX)
def test_other_pages_share_the_site_picture_of_their_language(site: Path, lang: str) -> None:
    html = lxml.html.fromstring((site / f"{PREFIX[lang]}projects/jointly/index.html").read_bytes())
    assert one(meta(html, "og:type"), lang) == "website"
    image = one(meta(html, "og:image"), lang)
    assert image == f"{BASE}assets/social-{lang}.png"
    with Image.open(site / image[len(BASE):]) as picture:
        assert picture.size == (1200, 630)


@pytest.mark.parametrize("lang", PREFIX)
def test_the_404_page_is_not_indexed_and_switches_to_the_homes(site: Path, lang: str) -> None:
    html = lxml.html.fromstring((site / f"{PREFIX[lang]}404.html").read_bytes())
    assert html.get("lang") == lang
    assert meta(html, "robots") == ["noindex"] and not html.xpath('//link[@rel="canonical"]')
    switcher = {a.get("hreflang"): a.get("href") for a in html.xpath('//a[contains(@class, "md-select__link")]')}
    assert switcher == {"uk": "/", "en": "/en/"}
    assert one(meta(html, "og:title"), lang) and exists(site, one(meta(html, "og:image"), lang))


def test_the_sitemap_lists_both_languages_with_their_alternates_and_nothing_unpublished(project: Path, site: Path) -> None:
    urls = lxml.etree.parse(str(site / "sitemap.xml")).getroot().iterfind("s:url", SITEMAP)
    listed = {url.findtext("s:loc", namespaces=SITEMAP): {link.get("hreflang"): link.get("href")
                                                          for link in url.iterfind("x:link", SITEMAP)} for url in urls}
    in_pages = {BASE + url: {link.get("hreflang"): link.get("href")
                             for link in html.xpath('//head/link[@rel="alternate"][@hreflang][not(@type)]')}
                for url, html in pages(site)}
    assert listed == in_pages, "every page, with the same translations (and x-default) as its head names"
    content = load_content(project, ("uk", "en"))
    published = {post.slug for post in Catalog.build(content, datetime.fromisoformat(NOW)).published}
    hidden = {post.slug for post in content.posts} - published
    assert len(hidden) == 3
    assert not [url for url in listed for slug in hidden if f"/{slug}/" in url]
