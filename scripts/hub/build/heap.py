"""Hand the memory a build has freed back to the system, as it goes.

A language's pass allocates and frees the HTML of thousands of pages among objects it keeps to the end (MkDocs's
pages, the content): glibc's `malloc` keeps the freed room inside its heap, between those objects, so the process
holds it to its end (measured at 2,000 posts per language: 18 to 21 MB a process at the end of its pages). glibc's
`malloc_trim` returns the free pages of the heap, not only its top. No library wraps it (the standard library has
no call for it), so it is called through ctypes; on other C libraries (macOS, Windows, musl) there is nothing to do.
"""

from __future__ import annotations

import ctypes
import ctypes.util
from collections.abc import Callable
from functools import cache

EVERY = 250
"""How many pages a pass builds between two trims: each takes a few milliseconds, on heaps of 100 to 200 MB."""


@cache
def _trim() -> Callable[[int], int] | None:
    try:
        libc = ctypes.CDLL(ctypes.util.find_library("c") or "libc.so.6")
        return libc.malloc_trim
    except (OSError, AttributeError):
        return None


def give_back() -> None:
    """Return the heap's free pages to the system, where the C library can (glibc)."""
    trim = _trim()
    if trim is not None:
        trim(0)
