"""Build the hub with N synthetic posts per language, and the plain MkDocs baseline of the same pages.

    python -m bench.run                 # N = 100, 500, 2000, each measured 3 times (./run bench)
    python -m bench.run --posts 30 --repeat 1 --keep /tmp/bench

For each N it builds the baseline, then the hub twice — first with empty caches, then again as
every later build does (the cover copies cached in `.cache/`, the previous site replaced) — and
does it all `--repeat` times, interleaved, keeping the fastest of each kind (as `timeit` and
hyperfine advise: other work on the machine only ever makes a build slower) and the slowest to
show the spread. It prints the wall time and peak memory of each build, its ratio to the
baseline, the number of pages, the size of the output, the median size of a news post's HTML and
the search index, then checks the targets of the issue that asked for this benchmark.
"""

from __future__ import annotations

import argparse
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from .baseline import make_baseline
from .corpus import NOW, GeneratedPost, make_project
from .preview import measure_preview
from .text import LANGUAGES

SIZES = (100, 500, 2000)
PREFIXES = ["" if lang == LANGUAGES[0] else f"{lang}/" for lang in LANGUAGES]
MB = 1024 * 1024


@dataclass(frozen=True)
class Build:
    """What one `mkdocs build` cost and wrote."""

    seconds: float
    cpu_seconds: float
    """User and system time of the build and the processes it waited for: less swayed by other load than wall time."""
    peak_mb: float
    pages: int
    output_mb: float
    post_kb: float
    """Median size of a generated post's page, over every language."""
    search_mb: float
    """Material's search index, `search/search_index.json`: every page loads all of it."""
    pagefind_mb: float
    """The Pagefind bundles, `pagefind/<lang>/`: a query loads only the fragments it needs."""


@dataclass(frozen=True)
class Measurement:
    """The fastest build of each kind; `slowest` holds the slowest one's wall time, by kind."""

    posts: int
    hub: Build
    """The first build: no cover copy made yet, every generated page written for the first time."""
    rebuild: Build
    """The same project built again: every page rendered again, the cover copies read from the cache."""
    plain: Build
    root: Path
    """The folder holding the hub project (`hub/`) and the baseline (`plain/`), both built."""
    generated: list[GeneratedPost]
    slowest: dict[str, float]
    preview: list[float]
    """Seconds from saving a post to the browser's reload in `mkdocs serve`, one per edit (bench.preview)."""

    @property
    def ratio(self) -> float:
        return self.hub.seconds / self.plain.seconds

    @property
    def rebuild_ratio(self) -> float:
        return self.rebuild.seconds / self.plain.seconds


def measure(count: int, workdir: Path, seed: int = 8, repeat: int = 1) -> Measurement:
    """Generate `count` posts per language into `workdir`, build the baseline and the hub `repeat` times."""
    generated = make_project(workdir / "hub", count, seed)
    make_baseline(workdir / "hub", workdir / "plain")
    runs: dict[str, list[Build]] = {"hub": [], "rebuild": [], "plain": []}
    for _ in range(repeat):
        for leftover in ("site", "site.old", ".cache"):  # what a first build finds: nothing built before
            shutil.rmtree(workdir / "hub" / leftover, ignore_errors=True)
        runs["plain"].append(build(workdir / "plain", generated))
        runs["hub"].append(build(workdir / "hub", generated))
        runs["rebuild"].append(build(workdir / "hub", generated))
    best = {kind: min(builds, key=lambda run: run.seconds) for kind, builds in runs.items()}
    slowest = {kind: max(run.seconds for run in builds) for kind, builds in runs.items()}
    preview = measure_preview(workdir / "hub", generated[len(generated) // 2], edits=max(5, repeat))
    return Measurement(count, best["hub"], best["rebuild"], best["plain"], workdir, generated, slowest, preview)


def build(root: Path, posts: Sequence[GeneratedPost]) -> Build:
    """Run `mkdocs build` in `root` as a separate process; raise with its log if it fails."""
    mkdocs = Path(sys.executable).with_name("mkdocs")
    env = {**os.environ, "HUB_NOW": NOW, "NO_MKDOCS_2_WARNING": "1"}
    log = root / "build.log"
    with log.open("wb") as output:
        start = time.perf_counter()
        process = subprocess.Popen([str(mkdocs), "build"], cwd=root, env=env, stdout=output, stderr=subprocess.STDOUT)
        # os.wait4 gives the resources of this one child (ru_maxrss in KiB on Linux), unlike getrusage.
        _, status, usage = os.wait4(process.pid, 0)
        seconds = time.perf_counter() - start
    process.returncode = os.waitstatus_to_exitcode(status)
    if process.returncode != 0:
        raise RuntimeError(f"mkdocs build failed in {root} (exit {process.returncode}):\n{log.read_text(encoding='utf-8')[-4000:]}")
    return _survey(root / "site", posts, seconds, usage.ru_utime + usage.ru_stime, usage.ru_maxrss / 1024)


def _survey(site: Path, posts: Sequence[GeneratedPost], seconds: float, cpu_seconds: float, peak_mb: float) -> Build:
    files = [path for path in site.rglob("*") if path.is_file()]
    post_sizes = [(site / post.url(prefix) / "index.html").stat().st_size for post in posts for prefix in PREFIXES]
    search = site / "search" / "search_index.json"
    return Build(
        seconds=seconds,
        cpu_seconds=cpu_seconds,
        peak_mb=peak_mb,
        pages=sum(1 for path in files if path.suffix == ".html"),
        output_mb=sum(path.stat().st_size for path in files) / MB,
        post_kb=statistics.median(post_sizes) / 1024,
        search_mb=search.stat().st_size / MB if search.exists() else 0.0,
        pagefind_mb=sum(path.stat().st_size for path in files if "pagefind" in path.relative_to(site).parts) / MB,
    )


def targets(results: Sequence[Measurement]) -> list[tuple[str, bool]]:
    """The issue's targets that these sizes can check, with whether each is met."""
    by_size = {m.posts: m for m in results}
    checks = []
    if 2000 in by_size:
        big = by_size[2000]
        checks.append((f"first build at 2000 posts/lang ≤ 1.3 × plain MkDocs: {big.ratio:.2f} ×", big.ratio <= 1.3))
        checks.append((f"rebuild at 2000 posts/lang ≤ 1.3 × plain MkDocs: {big.rebuild_ratio:.2f} ×", big.rebuild_ratio <= 1.3))
        checks.append((f"peak memory at 2000 ≤ 1 GB: {big.hub.peak_mb:.0f} MB", big.hub.peak_mb <= 1024))
        middle = statistics.median(big.preview)
        checks.append((f"live preview at 2000, saved post → browser reload ≤ 2 s: median {middle:.2f} s "
                       f"(slowest {max(big.preview):.2f} s of {len(big.preview)} edits)", middle <= 2))
        if 500 in by_size:
            growth = big.hub.seconds / by_size[500].hub.seconds
            checks.append((f"time(2000) / time(500) ≤ 4.4: {growth:.2f}", growth <= 4.4))
        if 100 in by_size:
            change = big.hub.post_kb / by_size[100].hub.post_kb - 1
            checks.append((f"post HTML at 2000 within 10 % of 100: {change:+.1%}", abs(change) <= 0.10))
    return checks


def report(results: Sequence[Measurement]) -> str:
    """A plain-text table, one line per build (the hub's two, then the plain baseline's), then the targets."""
    header = ("posts/lang", "build", "wall s", "slowest s", "cpu s", "× plain", "peak MB", "pages", "output MB", "post KB",
              "search_index MB", "pagefind MB")
    rows = [header]
    for m in results:
        for name, build, ratio in (("hub", m.hub, f"{m.ratio:.2f}"), ("rebuild", m.rebuild, f"{m.rebuild_ratio:.2f}"),
                                   ("plain", m.plain, "")):
            rows.append((str(m.posts), name, f"{build.seconds:.1f}", f"{m.slowest[name]:.1f}", f"{build.cpu_seconds:.1f}",
                         ratio, f"{build.peak_mb:.0f}", str(build.pages),
                         f"{build.output_mb:.1f}", f"{build.post_kb:.1f}", f"{build.search_mb:.2f}", f"{build.pagefind_mb:.2f}"))
    widths = [max(len(row[i]) for row in rows) for i in range(len(header))]
    lines = ["  ".join(cell.rjust(width) for cell, width in zip(row, widths)) for row in rows]
    lines += [f"live preview, {m.posts} posts/lang: saved post → browser reload, median {statistics.median(m.preview):.2f} s, "
              f"fastest {min(m.preview):.2f} s, slowest {max(m.preview):.2f} s" for m in results]
    lines += [f"{'met' if ok else 'MISSED'}: {label}" for label, ok in targets(results)]
    return "\n".join(lines)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="bench", description=__doc__.split("\n\n")[0])
    parser.add_argument("--posts", type=int, nargs="+", default=list(SIZES), help="posts per language, one build each")
    parser.add_argument("--seed", type=int, default=8, help="seed of the synthetic corpus")
    parser.add_argument("--repeat", type=int, default=3, help="builds of each kind per N; the fastest is reported")
    parser.add_argument("--keep", type=Path, help="build in this folder and keep it (default: a temporary folder)")
    args = parser.parse_args(argv)
    print(f"machine: {_machine()}", flush=True)
    results = []
    with tempfile.TemporaryDirectory(prefix="bench-") as temporary:
        base = args.keep or Path(temporary)
        for count in args.posts:
            workdir = base / f"n{count}"
            if workdir.exists():
                parser.error(f"{workdir} exists: give --keep an empty or new folder")
            results.append(measure(count, workdir, args.seed, args.repeat))
            m = results[-1]
            print(f"N={count}: hub {m.hub.seconds:.1f} s, again {m.rebuild.seconds:.1f} s, plain {m.plain.seconds:.1f} s; "
                  f"load average {os.getloadavg()[0]:.1f} (above {os.cpu_count()} means other work shared the cores)", flush=True)
    print(report(results))
    return 0


def _machine() -> str:
    """Cores, processor and memory, as `lscpu` and `free` would tell them, and the Python version."""
    facts = {}
    for name in ("/proc/cpuinfo", "/proc/meminfo"):
        if Path(name).exists():
            for line in Path(name).read_text().splitlines():
                key, _, value = line.partition(":")
                facts.setdefault(key.strip(), value.strip())
    memory = f"{int(facts['MemTotal'].split()[0]) / 1024 ** 2:.0f} GiB" if "MemTotal" in facts else "memory unknown"
    processor = facts.get("model name") or platform.processor() or platform.machine()
    return f"{os.cpu_count()} cores, {processor}, {memory}; Python {platform.python_version()}"


if __name__ == "__main__":
    sys.exit(main())
