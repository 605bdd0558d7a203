"""Build into a sibling folder and swap it in only when the whole build succeeded.

MkDocs cleans `site_dir` before writing, so a build that fails half-way would leave a
broken site. Building into `<site>.partial` keeps the previous good build until the end.

The build it replaces is moved aside to `<site>.old` and deleted during the next build, in a
background thread: deleting thousands of pages takes seconds, which the end of a build would
otherwise wait for.
"""

from __future__ import annotations

import os
import shutil
import threading
from pathlib import Path

from ...outputs.hardlinks import link_or_copy


class StagedDir:
    def __init__(self, target: Path) -> None:
        self.target = target
        self.partial = target.with_name(target.name + ".partial")
        self.old = target.with_name(target.name + ".old")
        self._sweeper: threading.Thread | None = None

    def begin(self) -> Path:
        shutil.rmtree(self.partial, ignore_errors=True)
        self.partial.mkdir(parents=True)
        return self.partial

    def fill(self, built: Path) -> None:
        """Make the finished build the files of `built` (the build cache's site), hard-linked: no byte is copied, and
        the cache keeps its own name for each file, which a later build replaces rather than rewrites."""
        partial = os.fspath(self.begin())
        start = len(os.path.join(built, ""))
        # strings, not Paths, and a folder made once: os.walk gives each folder before those inside it (12,000 files)
        for folder, _folders, names in os.walk(built):
            target = os.path.join(partial, folder[start:])
            if folder[start:]:
                os.mkdir(target)
            for name in names:
                link_or_copy(os.path.join(folder, name), os.path.join(target, name))

    def sweep(self) -> None:
        """Start deleting the build before last: after any `os.fork`, which must not copy a running thread."""
        if self.old.exists() and self._sweeper is None:
            self._sweeper = threading.Thread(target=shutil.rmtree, args=(self.old,), kwargs={"ignore_errors": True},
                                             name="hub-remove-old-site", daemon=True)
            self._sweeper.start()

    def commit(self) -> None:
        """Replace the target with the finished build (two renames); the old one is kept aside until the next build."""
        self._sweep()
        if self.target.exists():
            self.target.rename(self.old)
        self.partial.rename(self.target)

    def discard(self) -> None:
        self._sweep()
        shutil.rmtree(self.partial, ignore_errors=True)

    def _sweep(self) -> None:
        if self._sweeper is not None:
            self._sweeper.join()
            self._sweeper = None
        shutil.rmtree(self.old, ignore_errors=True)  # what a build killed half-way through its deleting left
