"""The words of a language's searchable pages, from which the search box corrects a misspelt word.

Written into the language's search bundle as `hub-words.json`: each word with the number of pages
it is on («деінституалізація» → «деінституціалізація», the more frequent of the close words). Only
words of MIN_LETTERS letters or more, the ones the box corrects, and at most LIMIT of them, the most
frequent: the file stops growing with the news there, and the browser fetches it only when a query
finds nothing (`docs/assets/search/typos.js`).
"""

from __future__ import annotations

import json
import re
from collections import Counter
from html import unescape
from pathlib import Path

WORDS_FILE = "hub-words.json"
MIN_LETTERS = 5
LIMIT = 10_000
"""The most words a language's file holds: about 180 KB, 50 KB compressed, for Ukrainian words (18 and 5 bytes a
word in the shipped content and the benchmark's, which hold 2,500 and 2,900). Rarer words are left out first."""

LEFT_OUT = ("form", "label", "nav", "footer", "script", "style", "noscript", "svg", "iframe", "template")
"""Elements Pagefind never indexes (the subscribe form)."""
MARKED = r"<([a-zA-Z][\w-]*)\b[^>]*\bdata-pagefind-ignore\b[^>]*>"
"""The opening tag of an element marked for Pagefind to leave out (the cards of other pages)."""
IGNORED = re.compile(rf"<({'|'.join(LEFT_OUT)})\b[^>]*>|{MARKED}", re.IGNORECASE)
"""The opening tag of an element Pagefind leaves out: one of those, or one marked to be (the cards of other pages)."""
VOID = frozenset({"area", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"})
TAG = re.compile(r"<[^>]*>")
MARKS = re.compile("[\u0300-\u036f]")
"""Combining accents (наголос «бага́то»), which would split a word."""
WORD = re.compile(r"[^\W\d_]+")
"""Letters, the apostrophe ʼ among them (a modifier letter): hyphens, digits and punctuation part words, as in Pagefind."""
CYRILLIC = re.compile("[\u0400-\u04ff]")
LATIN = re.compile("[a-z]")


class Vocabulary:
    """The words of one language's searchable pages, each with the number of pages it is on."""

    def __init__(self) -> None:
        self.pages: Counter[str] = Counter()

    def add(self, document: str) -> None:
        """A page's searchable part (hub.outputs.search.searchable_html)."""
        words = set(WORD.findall(_text(document).lower()))
        self.pages.update(word for word in words if len(word) - word.count("\u02bc") >= MIN_LETTERS and not _mixed(word))

    def write(self, bundle: Path) -> int:
        """Write `hub-words.json` into `bundle`: `{"pages": {"3": "word word …"}}`, the words on 3 pages in the
        alphabet's order (which compresses best); returns how many words it holds."""
        kept = sorted(self.pages.items(), key=lambda item: (-item[1], item[0]))[:LIMIT]
        by_count: dict[int, list[str]] = {}
        for word, count in sorted(kept):
            by_count.setdefault(count, []).append(word)
        data = {"pages": {str(count): " ".join(words) for count, words in sorted(by_count.items(), reverse=True)}}
        (bundle / WORDS_FILE).write_text(json.dumps(data, ensure_ascii=False, separators=(",", ":")), encoding="utf-8")
        return len(kept)


def without(document: str, opening: re.Pattern[str]) -> str:
    """`document` without the elements whose opening tag `opening` finds (its groups: the element's name)."""
    kept, position = [], 0
    while found := opening.search(document, position):
        kept.append(document[position:found.start()])
        name = next(group for group in found.groups() if group).lower()
        position = found.end() if name in VOID else _end(document, name, found.end())
    kept.append(document[position:])
    return "".join(kept)


def _text(document: str) -> str:
    """The text Pagefind indexes of a searchable document: without tags and the elements it leaves out."""
    return MARKS.sub("", unescape(TAG.sub(" ", without(document, IGNORED))))


def _end(document: str, name: str, start: int) -> int:
    """Where the element `name` opened before `start` ends, counting the elements of that name inside it."""
    depth = 1
    for tag in re.finditer(rf"<(/?){re.escape(name)}\b[^>]*>", document[start:], re.IGNORECASE):
        depth += -1 if tag[1] else 1
        if depth == 0:
            return start + tag.end()
    return len(document)


def _mixed(word: str) -> bool:
    """A word of Latin and Cyrillic letters: a typing mistake of the content (`hub check` warns), never a correction."""
    return bool(CYRILLIC.search(word)) and bool(LATIN.search(word))
