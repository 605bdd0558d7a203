"""The site's search index: Pagefind, one index per `<html lang>`, loaded in small chunks on demand.

Pagefind 1.5 has no Ukrainian stemmer, so it indexes Ukrainian words as they are written. The
browser stems the reader's Ukrainian query instead (`docs/assets/search/words.js`), and Pagefind
matches every query word as the start of indexed words: «реінтеграції» is searched as
«реінтеграц», which finds «реінтеграція», «реінтеграцію»… Both sides write the apostrophe of
Ukrainian words (ʼ, ’, ' …) as one letter, ʼ (U+02BC), which the content uses.

Only the text of a page is indexed (Material's `.md-content__inner`), without the cards and
summaries of other pages it lists, so that a page is found for what it says itself.
"""

from __future__ import annotations

import json
import re
import subprocess
import tempfile
from collections.abc import Iterable
from dataclasses import dataclass
from html import escape
from pathlib import Path

import lxml.html
from pagefind.service import get_executable

from .language import Language

APOSTROPHE = "\u02bc"
"""ʼ, the modifier letter apostrophe: a letter, so search engines keep «сімʼя» one word."""
APOSTROPHES = re.compile("(?<=[\u0400-\u04ff])['\u2019\u2018`\u02b9\u2032\u02bc](?=[\u0400-\u04ff])")
"""An apostrophe between two Cyrillic letters, in any of the ways keyboards type it."""
BODY = "md-content__inner"
"""The class of Material's element that holds the page's own text."""
LEFT_OUT = ("headerlink", "hub-cards", "hub-directory", "hub-tags", "hub-inline", "hub-back")
"""Classes of what is not the page's own text: permalink signs, the cards and lists of other pages
(news, projects, partners, topics, years), the way back."""
APART = {"a", "br", "dd", "dt", "li", "td", "th", "time"}
"""Elements that stand apart on the page without a space around them (tag links, facts): Pagefind
would read the words on both sides as one."""
BUNDLE = "pagefind"
"""The folder of the search bundle in the built site."""


class SearchError(Exception):
    """The search index could not be written."""


@dataclass(frozen=True)
class SearchPage:
    """A built page to index: its HTML file and its URL, relative to the site root (`en/about/`)."""

    path: Path
    url: str


def normalize_apostrophes(text: str) -> str:
    """«сім'я», «сім’я» → «сімʼя»: the one form the index and the queries use."""
    return APOSTROPHES.sub(APOSTROPHE, text)


def searchable_html(html: str) -> str | None:
    """The part of a built page that search indexes, as a document Pagefind reads; None if it has none.

    The post's date is kept as Pagefind metadata (`date`), shown with the result.
    """
    root = lxml.html.document_fromstring(html)
    bodies = root.find_class(BODY)
    if not bodies:
        return None
    body = bodies[0]
    for name in LEFT_OUT:
        for element in body.find_class(name):
            element.drop_tree()
    for post in body.find_class("hub-post"):
        for time in post.xpath('./p[contains(@class, "hub-meta")]/time[1]'):
            time.set("data-pagefind-meta", "date")
    for element in body.iter():
        element.text = element.text and normalize_apostrophes(element.text)
        element.tail = element.tail and normalize_apostrophes(element.tail)
        if element.tag in APART and element is not body:
            element.tail = " " + (element.tail or "")
    body.set("data-pagefind-body", "")
    content = lxml.html.tostring(body, encoding="unicode")
    lang = escape(root.get("lang", ""))
    return f'<!DOCTYPE html><html lang="{lang}"><head><meta charset="utf-8"></head><body>{content}</body></html>'


def search_ui(language: Language) -> dict[str, object]:
    """What the search box's script needs in the page's language: its texts and the plural forms of the count."""
    return {"lang": language.code, "strings": language.strings["search"], "results": language.strings["search_results"]}


def write_index(pages: Iterable[SearchPage], site: Path) -> int:
    """Index `pages` into `site/pagefind/`; returns how many pages were indexed.

    The pages' searchable parts are written to a temporary folder, one `index.html` per URL, for one
    run of the Pagefind binary: its Python API waits 0.1 s for every page it is given.
    """
    binary = get_executable()
    if binary is None:
        raise SearchError("the Pagefind binary is missing: install the project's dependencies (they include pagefind[bin])")
    with tempfile.TemporaryDirectory(prefix="hub-search-") as folder:
        indexed = 0
        for page in pages:
            content = searchable_html(page.path.read_text(encoding="utf-8"))
            if content is not None:
                target = Path(folder, page.url, "index.html")
                target.parent.mkdir(parents=True, exist_ok=True)
                target.write_text(content, encoding="utf-8")
                indexed += 1
        command = [str(binary), "--site", folder, "--output-path", str(site / BUNDLE), "--quiet"]
        result = subprocess.run(command, capture_output=True, text=True)
    if result.returncode != 0:
        raise SearchError(f"Pagefind failed ({' '.join(command)}):\n{result.stdout}{result.stderr}")
    _sort_entry(site / BUNDLE / "pagefind-entry.json")
    return indexed


def _sort_entry(path: Path) -> None:
    """Pagefind lists the languages in its entry file in a random order: sort them for reproducible builds."""
    path.write_text(json.dumps(json.loads(path.read_text(encoding="utf-8")), sort_keys=True), encoding="utf-8")
