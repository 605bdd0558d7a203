"""hub.build.heap: the memory a pass freed goes back to the system as it builds (glibc)."""

from __future__ import annotations

import ctypes.util
import os
import platform

import pytest

from hub.build import heap


def _rss_kib() -> int:
    with open(f"/proc/{os.getpid()}/status", encoding="ascii") as status:
        return next(int(line.split()[1]) for line in status if line.startswith("VmRSS:"))


@pytest.mark.skipif(platform.system() != "Linux" or "glibc" not in " ".join(platform.libc_ver()) or
                    not ctypes.util.find_library("c"), reason="glibc's malloc_trim only")
def test_freed_pages_between_kept_objects_go_back_to_the_system() -> None:
    """Pages' HTML freed among objects kept to the end stay in the heap until trimmed, as in a language's pass."""
    kept, freed = [], []
    for number in range(4000):
        freed.append("х" * 20_000 + str(number))  # a page's HTML, about 40 KB
        kept.append(bytearray(200))  # what MkDocs keeps of each page, allocated between them
    del freed
    before = _rss_kib()
    heap.give_back()
    assert before - _rss_kib() > 50_000, "at least 50 of the 160 MB freed go back"
    assert len(kept) == 4000
