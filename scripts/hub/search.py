"""The site's search index: Pagefind, one index per `<html lang>`, loaded in small chunks on demand.

Pagefind 1.5 has no Ukrainian stemmer, so it indexes Ukrainian words as they are written. The
browser stems the reader's Ukrainian query instead (`docs/assets/search/words.js`), and Pagefind
matches every query word as the start of indexed words: «реінтеграції» is searched as
«реінтеграц», which finds «реінтеграція», «реінтеграцію»… Both sides write the apostrophe of
Ukrainian words (ʼ, ’, ' …) as one letter, ʼ (U+02BC), which the content uses.

Only the text of a page is indexed (Material's `.md-content__inner`), without the cards and
summaries of other pages it lists (marked `data-pagefind-ignore` in the templates), so that a
page is found for what it says itself.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import tempfile
from pathlib import Path

from pagefind.service import get_executable

from .language import Language

APOSTROPHE = "\u02bc"
"""ʼ, the modifier letter apostrophe: a letter, so search engines keep «сімʼя» one word."""
APOSTROPHES = re.compile("(?<=[\u0400-\u04ff])['\u2019\u2018`\u02b9\u2032\u02bc](?=[\u0400-\u04ff])")
"""An apostrophe between two Cyrillic letters, in any of the ways keyboards type it."""
ARTICLE = '<article class="md-content__inner'
"""How Material's element that holds the page's own text begins (the last `</article>` of the page ends it)."""
HEADERLINK = re.compile(r'<a class="headerlink"[^>]*>[^<]*</a>')
"""The permalink sign after each heading (the `toc` extension's), which would show in the results' excerpts."""
APART = re.compile(r"</(?:a|dd|dt|li|td|th|time)>|<br\s*/?>")
"""The end of elements that stand apart on the page without a space around them (tag links, facts):
Pagefind would read the words on both sides as one."""
LANG = re.compile(r'<html\b[^>]*?\blang="([^"]*)"')
BUNDLE = "pagefind"
"""The folder of the search bundles in the built site, one per language (`pagefind/en/`): each language's
pass indexes its own pages, at the same time as the others (hub.passes)."""


MEMORY = Path("/dev/shm")
ROOM_PER_PAGE = 64 * 1024
"""Bytes of memory asked for each page's searchable part: several times what a long page takes."""


class SearchError(Exception):
    """The search index could not be written."""


def normalize_apostrophes(text: str) -> str:
    """«сім'я», «сім’я» → «сімʼя»: the one form the index and the queries use."""
    return APOSTROPHES.sub(APOSTROPHE, text)


def searchable_html(html: str) -> str | None:
    """The part of a built page that search indexes, as a document Pagefind reads; None if it has none.

    Plain string work, not an HTML parser (which cost a millisecond a page, a tenth of the build): the
    page comes from Material's template, and what is not the page's own text is marked by the hub's
    templates with `data-pagefind-ignore` (the cards and lists of other pages, the way back), the
    post's date with `data-pagefind-meta`.
    """
    start, end = html.find(ARTICLE), html.rfind("</article>")
    if start < 0 or end < start:
        return None
    body = HEADERLINK.sub("", html[start:end + len("</article>")])
    body = normalize_apostrophes(APART.sub(lambda found: found[0] + " ", body))
    body = body.replace(ARTICLE, "<article data-pagefind-body" + ARTICLE.removeprefix("<article"), 1)
    lang = LANG.search(html[:start])
    return (f'<!DOCTYPE html><html lang="{lang[1] if lang else ""}"><head><meta charset="utf-8"></head>'
            f"<body>{body}</body></html>")


def search_ui(language: Language) -> dict[str, object]:
    """What the search box's script needs in the page's language: its bundle (relative to the site's root),
    its texts and the plural forms of the count."""
    return {"lang": language.code, "bundle": f"{BUNDLE}/{language.code}/", "strings": language.strings["search"],
            "results": language.strings["search_results"]}


class SearchDocuments:
    """The searchable part of each page, gathered while the pages are built, for one run of Pagefind per language.

    Kept in a temporary folder, one `index.html` per URL under a folder per language: the languages'
    passes may run in separate processes, and the binary indexes a folder in one run (its Python API
    waits 0.1 s for every page it is given). Taking each page as it is written spares a second
    reading of the whole site. The folder is in memory where the system offers room there (Linux's
    `/dev/shm`): thousands of small files written, read once and deleted at every build cost a disk
    more than anything else the build writes (measured: a first build at 2,000 posts per language
    1.42 → 1.27 times plain MkDocs).
    """

    def __init__(self, pages: int) -> None:
        """`pages`: how many pages the build writes, for the room their searchable parts may need."""
        self.folder = Path(tempfile.mkdtemp(prefix="hub-search-", dir=_in_memory(pages * ROOM_PER_PAGE)))

    def add(self, lang: str, url: str, html: str) -> None:
        """The built page at `url` (site-relative, `en/about/`) in `lang`, unless it has nothing to search."""
        content = searchable_html(html)
        if content is not None:
            target = self.folder / lang / url / "index.html"
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text(content, encoding="utf-8")

    def write_index(self, lang: str, site: Path) -> int:
        """Index the pages of `lang` into `site/pagefind/<lang>/` and drop them; returns how many were indexed."""
        pages, bundle = self.folder / lang, site / BUNDLE / lang
        pages.mkdir(parents=True, exist_ok=True)  # a language with nothing to search still gets its (empty) bundle
        try:
            binary = get_executable()
            if binary is None:
                raise SearchError("the Pagefind binary is missing: install the project's dependencies (they include pagefind[bin])")
            indexed = sum(1 for _ in pages.rglob("index.html"))
            command = [str(binary), "--site", str(pages), "--output-path", str(bundle), "--quiet"]
            result = subprocess.run(command, capture_output=True, text=True)
        finally:
            shutil.rmtree(pages, ignore_errors=True)
        if result.returncode != 0:
            raise SearchError(f"Pagefind failed ({' '.join(command)}):\n{result.stdout}{result.stderr}")
        _sort_entry(bundle / "pagefind-entry.json")
        return indexed

    def discard(self) -> None:
        shutil.rmtree(self.folder, ignore_errors=True)


def _in_memory(room: int) -> str | None:
    """A folder in memory with `room` bytes free, if the system has one; else None, the usual temporary folder."""
    try:
        free = os.statvfs(MEMORY)
    except OSError:  # no /dev/shm: not Linux
        return None
    return str(MEMORY) if free.f_bavail * free.f_frsize >= room and os.access(MEMORY, os.W_OK) else None


def _sort_entry(path: Path) -> None:
    """Pagefind lists the languages in its entry file in a random order: sort them for reproducible builds."""
    path.write_text(json.dumps(json.loads(path.read_text(encoding="utf-8")), sort_keys=True), encoding="utf-8")
