"""Build into a sibling folder and swap it in only when the whole build succeeded.

MkDocs cleans `site_dir` before writing, so a build that fails half-way would leave a
broken site. Building into `<site>.partial` keeps the previous good build until the end.
"""

from __future__ import annotations

import shutil
from pathlib import Path


class StagedDir:
    def __init__(self, target: Path) -> None:
        self.target = target
        self.partial = target.with_name(target.name + ".partial")

    def begin(self) -> Path:
        shutil.rmtree(self.partial, ignore_errors=True)
        self.partial.mkdir(parents=True)
        return self.partial

    def commit(self) -> None:
        """Replace the target with the finished build (two renames; the old one is removed last)."""
        old = self.target.with_name(self.target.name + ".old")
        shutil.rmtree(old, ignore_errors=True)
        if self.target.exists():
            self.target.rename(old)
        self.partial.rename(self.target)
        shutil.rmtree(old, ignore_errors=True)

    def discard(self) -> None:
        shutil.rmtree(self.partial, ignore_errors=True)
