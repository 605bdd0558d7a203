"""Give a built file a second name without copying its bytes."""

from __future__ import annotations

import os
import shutil


def link_or_copy(source: str, target: str) -> None:
    """A hard link to `source` at `target`, for files that are written once and never changed in place (a cached page,
    a search bundle's file); a copy where the file system has no hard links."""
    try:
        os.link(source, target)
    except OSError:
        shutil.copy2(source, target)
