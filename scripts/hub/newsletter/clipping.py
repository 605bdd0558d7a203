"""Gmail's clipping: above about 102 KB of HTML, Gmail shows a message cut behind "View entire message", and its end
(the footer, the unsubscribe link) with it. An issue is made to stay under a safe size, shortened as little as it takes.

Mailing services lengthen every link for their click tracking, so the limit leaves room below Gmail's.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

LIMIT = 90_000
"""Bytes of HTML an issue may weigh as it leaves `hub newsletter`."""
LAYOUTS = ("full", "summary", "titles")
"""How an item is laid out, longest first: with its cover, title, date, summary and a link; its title and summary
with a "read on the site" link; its title and date."""


@dataclass(frozen=True)
class Fitted:
    html: bytes
    layout: str
    shown: int
    """How many items the HTML shows: all of them unless even their titles weigh too much (the web version has all)."""
    full_size: int
    """Bytes of the issue laid out in full."""

    @property
    def size(self) -> int:
        return len(self.html)

    @property
    def shortened(self) -> bool:
        return self.layout != LAYOUTS[0]


def fit(count: int, render: Callable[[str, int | None], bytes]) -> Fitted:
    """The first layout whose HTML of all `count` items weighs at most LIMIT bytes; else as many items as fit by title.

    `render(layout, shown)` makes the HTML of the first `shown` items (None: all of them) laid out as `layout`."""
    full = render(LAYOUTS[0], None)
    for layout in LAYOUTS:
        made = full if layout == LAYOUTS[0] else render(layout, None)
        if len(made) <= LIMIT:
            return Fitted(made, layout, count, len(full))
    low, high = 0, count - 1  # the most titles that fit: at least none, fewer than all
    while low < high:
        middle = (low + high + 1) // 2
        if len(render(LAYOUTS[-1], middle)) <= LIMIT:
            low = middle
        else:
            high = middle - 1
    return Fitted(render(LAYOUTS[-1], low), LAYOUTS[-1], low, len(full))
