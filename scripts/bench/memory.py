"""The memory of a whole build: every process of its tree, pages they share counted once.

Linux's proportional set size (PSS, `/proc/<pid>/smaps_rollup`) divides each shared page among
the processes that map it, so the PSS of a process tree sums to the memory the tree holds. A
thread samples that sum every 50 ms while the build runs and keeps the peak. (A cgroup's
`memory.peak` would be exact, but creating one needs rights a benchmark seldom has.)
"""

from __future__ import annotations

import threading
from pathlib import Path

PROC = Path("/proc")
INTERVAL = 0.05


class TreePeak:
    """The peak PSS, in MiB, of the process `pid` and all its descendants, sampled until `stop()`."""

    def __init__(self, pid: int, interval: float = INTERVAL) -> None:
        self.pid = pid
        self.peak_kib = 0
        self._done = threading.Event()
        self._thread = threading.Thread(target=self._sample, args=(interval,), daemon=True)
        self._thread.start()

    def stop(self) -> float:
        """Stop sampling; the peak in MiB."""
        self._done.set()
        self._thread.join()
        return self.peak_kib / 1024

    def _sample(self, interval: float) -> None:
        while not self._done.is_set():
            self.peak_kib = max(self.peak_kib, sum(_pss_kib(pid) for pid in descendants(self.pid)))
            self._done.wait(interval)


def descendants(root: int) -> list[int]:
    """`root` and every process below it, from the parent of each process in `/proc/<pid>/stat`."""
    children: dict[int, list[int]] = {}
    for stat in PROC.glob("[0-9]*/stat"):
        try:
            # the command name, in brackets, may hold spaces: the parent's id is the 2nd field after it
            parent = int(stat.read_text().rpartition(")")[2].split()[1])
        except (OSError, IndexError, ValueError):
            continue  # the process ended while we looked
        children.setdefault(parent, []).append(int(stat.parent.name))
    tree, pending = [], [root]
    while pending:
        pid = pending.pop()
        tree.append(pid)
        pending += children.get(pid, [])
    return tree


def _pss_kib(pid: int) -> int:
    try:
        for line in (PROC / str(pid) / "smaps_rollup").read_text().splitlines():
            if line.startswith("Pss:"):
                return int(line.split()[1])
    except OSError:
        pass  # ended, or not ours to read
    return 0
