"""How much work a Markdown text's brackets give Python-Markdown, before it reads them.

Python-Markdown looks for the end of every `[` (a link, an image, a footnote) and every `<` (inline HTML)
to the end of its paragraph: a paragraph with thousands of them, which no writer means (a broken paste,
or a hostile text), takes time growing with their square: 20,000 `[` take over a minute, and the
build, the preview and `hub check` all stall on them. Its maintainers leave it so (Python-Markdown
issue #798), so a text whose paragraphs hold too many is refused at the line of the paragraph that
goes over, before Markdown reads it.
"""

from __future__ import annotations

import re

LIMIT = 2_000
"""Brackets in one paragraph: a paragraph of a thousand links is read in a twentieth of a second; the worst
arrangement of this many, in about two seconds."""
BUDGET = LIMIT ** 2
"""The sum over a text's paragraphs of the square of their brackets: the same two seconds for the whole text, however
it spreads them over paragraphs."""
OPENERS = re.compile(r"[\[<]")
FENCE = re.compile(r"^ {0,3}(`{3,}|~{3,})")


def too_many(body: str) -> tuple[int, int] | None:
    """The first line (counted from 1) of the paragraph of `body` where its brackets go over LIMIT or the text's go
    over BUDGET, with that paragraph's count; None when Markdown reads them in good time. Fenced code is not counted:
    Markdown does not look into it."""
    spent, count, start, fence = 0, 0, 1, ""
    for number, line in enumerate([*body.splitlines(), ""], start=1):
        opened = FENCE.match(line)
        if fence:
            if opened and opened[1][0] == fence[0] and len(opened[1]) >= len(fence):
                fence, start = "", number + 1
            continue
        if opened:
            fence = opened[1]
        if opened or not line.strip():  # a paragraph ends
            spent += count * count
            if count > LIMIT or spent > BUDGET:
                return start, count
            count, start = 0, number + 1
            continue
        count += len(OPENERS.findall(line))
    return None
