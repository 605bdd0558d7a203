"""The memory of a build two ways: the whole build (every process, shared pages once) and its largest process.

Linux's proportional set size (PSS, `/proc/<pid>/smaps_rollup`) divides each shared page among
the processes that map it, so the PSS of a process tree sums to the memory the tree holds. A
thread samples that sum every 50 ms while the build runs and keeps the peak. Files in `/dev/shm`
(a tmpfs: memory, where the build keeps the search's texts for Pagefind) are in no process's PSS:
what it holds beyond what it held when sampling began is added to each sample (so a process
outside the build writing there would be counted too; a benchmark runs on a quiet machine). (A
cgroup's `memory.peak` would be exact, but creating one needs rights a benchmark seldom has.)

The largest process is the highest high-water mark of resident memory (`VmHWM` in
`/proc/<pid>/status`) seen in those samples: not `ru_maxrss` from `wait4`, which Linux carries
over an `exec` from the process that started the build, and so would report the benchmark's own
peak (its corpus and photos) whenever that is larger.
"""

from __future__ import annotations

import os
import threading
from pathlib import Path

PROC = Path("/proc")
SHM = Path("/dev/shm")
INTERVAL = 0.05


class TreePeak:
    """The peaks, in MiB, of the process `pid` and all its descendants, sampled until `stop()`."""

    def __init__(self, pid: int, interval: float = INTERVAL) -> None:
        self.pid = pid
        self.whole_kib = 0
        self.largest_kib = 0
        self._shm_before = shm_kib()
        self._done = threading.Event()
        self._thread = threading.Thread(target=self._sample, args=(interval,), daemon=True)
        self._thread.start()

    def stop(self) -> tuple[float, float]:
        """Stop sampling; the whole tree's peak PSS and its largest process's peak RSS, in MiB."""
        self._done.set()
        self._thread.join()
        return self.whole_kib / 1024, self.largest_kib / 1024

    def _sample(self, interval: float) -> None:
        while not self._done.is_set():
            tree = descendants(self.pid)
            files = max(0, shm_kib() - self._shm_before)
            self.whole_kib = max(self.whole_kib, files + sum(_field_kib(pid, "smaps_rollup", "Pss:") for pid in tree))
            self.largest_kib = max(self.largest_kib, *(_field_kib(pid, "status", "VmHWM:") for pid in tree))
            self._done.wait(interval)


def shm_kib() -> int:
    """What the files in `/dev/shm` hold, in KiB; 0 where there is none (not Linux)."""
    try:
        stat = os.statvfs(SHM)
    except OSError:
        return 0
    return (stat.f_blocks - stat.f_bfree) * stat.f_frsize // 1024


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


def _field_kib(pid: int, file: str, field: str) -> int:
    """A figure in KiB of `/proc/<pid>/<file>`; 0 if the process ended (or has no memory: a zombie)."""
    try:
        for line in (PROC / str(pid) / file).read_text().splitlines():
            if line.startswith(field):
                return int(line.split()[1])
    except OSError:
        pass  # ended, or not ours to read
    return 0
