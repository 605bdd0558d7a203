"""The live preview's figure: from saving a post to the browser told to reload, in `mkdocs serve`.

It starts `mkdocs serve` on the benchmark's project, waits until it serves, then changes a
post's title several times; each time it reads MkDocs's log until "Reloading browsers" (what
makes the open pages reload) and waits for the search index to follow before the next edit, as
a writer would read the page first. The time includes MkDocs's own wait to notice the change: it
looks at the watched files every half second.
"""

from __future__ import annotations

import os
import queue
import re
import socket
import subprocess
import sys
import threading
import time
from pathlib import Path

from .corpus import NOW, GeneratedPost

STARTED = "Serving on"
RELOADED = "Reloading browsers"
FAILED = re.compile(r"Aborted|ERROR")
SEARCH_DONE = "pages indexed for"


def measure_preview(root: Path, post: GeneratedPost, edits: int = 5, timeout: float = 600) -> list[float]:
    """Seconds from each saved edit of `post`'s Ukrainian title to the reload of the browsers."""
    mkdocs = Path(sys.executable).with_name("mkdocs")
    env = {**os.environ, "HUB_NOW": NOW, "NO_MKDOCS_2_WARNING": "1"}
    process = subprocess.Popen([str(mkdocs), "serve", "--dev-addr", f"127.0.0.1:{_free_port()}"], cwd=root, env=env,
                               stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    lines: queue.Queue[tuple[float, str | None]] = queue.Queue()
    threading.Thread(target=_read, args=(process, lines), daemon=True).start()
    text = root / "news" / str(post.day.year) / post.slug / "index.uk.md"
    times = []
    try:
        _wait(lines, STARTED, timeout)
        _wait(lines, SEARCH_DONE, timeout, count=len(post.texts))
        for edit in range(1, edits + 1):
            original = text.read_text(encoding="utf-8")
            saved = time.perf_counter()
            text.write_text(re.sub(r"^title: .*$", f"title: Змінений заголовок, правка {edit}", original, count=1, flags=re.M),
                            encoding="utf-8")
            times.append(_wait(lines, RELOADED, timeout) - saved)
            _wait(lines, SEARCH_DONE, timeout, count=len(post.texts))
    finally:
        process.terminate()
        process.wait(timeout=60)
    return times


def _read(process: subprocess.Popen[str], lines: queue.Queue[tuple[float, str | None]]) -> None:
    """Each line the server logs, with when; None once it stopped (it may have crashed before logging an error)."""
    assert process.stderr is not None
    for line in process.stderr:
        lines.put((time.perf_counter(), line))
    lines.put((time.perf_counter(), None))


def _wait(lines: queue.Queue[tuple[float, str | None]], wanted: str, timeout: float, count: int = 1) -> float:
    """When the `count`-th line holding `wanted` was logged; raise if the build failed or nothing came."""
    deadline = time.perf_counter() + timeout
    while True:
        try:
            moment, line = lines.get(timeout=max(0.0, deadline - time.perf_counter()))
        except queue.Empty:
            raise RuntimeError(f"mkdocs serve logged no '{wanted}' in {timeout:.0f} s") from None
        if line is None:
            raise RuntimeError(f"mkdocs serve stopped before it logged '{wanted}'")
        if FAILED.search(line):
            raise RuntimeError(f"mkdocs serve failed: {line.strip()}")
        if wanted in line:
            count -= 1
            if count == 0:
                return moment


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]
