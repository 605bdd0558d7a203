"""How deeply a Markdown text nests its blocks, before Python-Markdown reads it.

Python-Markdown reads nested lists, admonitions and HTML blocks by recursion: a text nesting some 250
levels (a hostile one, or a broken paste) stops it with Python's RecursionError, which names no file and
no line. No text a writer means nests more than a few levels, so a text deeper than `LIMIT` is refused
at the line where it goes too deep.
"""

from __future__ import annotations

import re

from .errors import text_lines

LIMIT = 40
"""Levels: far above any real text (lists of lists go five or six deep), far below where Markdown fails."""
TAB = 4
QUOTES = re.compile(r"^(?:[ \t]*>)+")
BLOCK = r"(?:div|details|section|article|aside|blockquote|figure|ul|ol|li|table|tr|td|th)"
OPENED = re.compile(rf"<{BLOCK}\b", re.IGNORECASE)
CLOSED = re.compile(rf"</{BLOCK}\s*>", re.IGNORECASE)


def too_deep(body: str) -> tuple[int, int] | None:
    """The first line of `body` (counted from 1) nested more than LIMIT levels deep, with its depth; None if none is.

    A level is an indentation of four columns (a tab counts four), a `>` of a quote, or an HTML block element
    opened on an earlier line and not yet closed."""
    html = 0
    for number, line in enumerate(text_lines(body), start=1):
        quotes = QUOTES.match(line)
        marks = quotes[0].count(">") if quotes else 0
        rest = line[quotes.end():] if quotes else line
        indent = len(rest.expandtabs(TAB)) - len(rest.expandtabs(TAB).lstrip(" "))
        depth = indent // TAB + marks + html
        if depth > LIMIT:
            return number, depth
        html = max(0, html + len(OPENED.findall(line)) - len(CLOSED.findall(line)))
    return None
