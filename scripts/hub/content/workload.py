"""How much work a Markdown text gives Python-Markdown, before it reads it.

Python-Markdown spends time growing with the square of a few things no writer means in such numbers (a
broken paste, or a hostile text): it looks for the end of every `[` and `<` to the end of its paragraph
(20,000 `[` take over a minute), splits a block of lines again at each heading or rule it holds (20,000
heading lines: half a minute), and reads the spaces after a code fence by backtracking (20,000: ten
seconds). The build, the preview and `hub check` would all stall on them; its maintainers leave it so
(Python-Markdown issue #798). A text that holds too much of one is refused at the line where it goes
over: each limit bounds the worst arrangement to a second or two a text, far above any real one.
"""

from __future__ import annotations

import re
from typing import NamedTuple

from .errors import text_lines

BRACKETS = 2_000
"""`[` and `<` in one paragraph: a paragraph of a thousand links is read in a twentieth of a second."""
LINES = 3_000
"""Lines of one block (no blank line between them): a table of every community of Ukraine (1,469) fits."""
FENCE_LINE = 500
"""Characters of a code fence's line (```` ``` ```` and a language's name)."""
CDATA_WEIGHT = 10
"""An unclosed `<![CDATA[` makes the HTML reader look to the end of the text: it costs as much as ten brackets (its
own `<` and two `[` among them)."""
CDATA = "<![CDATA["
FENCE = re.compile(r"^ {0,3}(`{3,}|~{3,})")


class Overload(NamedTuple):
    """Where a text holds too much of one thing: the first line (counted from 1) of the block that goes over,
    what it holds too much of ('brackets', 'lines' or 'fence') and how many the block has."""

    line: int
    kind: str
    count: int


def overload(body: str) -> Overload | None:
    """The first place where `body` goes over a limit: a block over it, or the sum over the text's blocks of the
    square of their count over the limit's square (many heavy blocks add up); None when Markdown reads it in good
    time. Fenced code is not counted: Markdown does not read into it."""
    spent = {"brackets": 0, "lines": 0}
    brackets, lines, start, fence = 0, 0, 1, ""
    for number, line in enumerate([*text_lines(body), ""], start=1):
        opened = FENCE.match(line)
        if opened and len(line) > FENCE_LINE:
            return Overload(number, "fence", len(line))
        if fence:
            if opened and opened[1][0] == fence[0] and len(opened[1]) >= len(fence):
                fence, start = "", number + 1
            continue
        if opened:
            fence = opened[1]
        if opened or not line.strip():  # a block ends
            for kind, count, limit in (("brackets", brackets, BRACKETS), ("lines", lines, LINES)):
                spent[kind] += count * count
                if count > limit or spent[kind] > limit * limit:
                    return Overload(start, kind, count)
            brackets, lines, start = 0, 0, number + 1
            continue
        lines += 1
        brackets += line.count("[") + line.count("<") + (CDATA_WEIGHT - 3) * line.count(CDATA)
    return None
