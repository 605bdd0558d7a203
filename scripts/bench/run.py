"""Build the hub with N synthetic posts per language, and the plain MkDocs baseline of the same pages.

    python -m bench.run                 # N = 100, 500, 2000, each measured 3 times (./run bench)
    python -m bench.run --posts 30 --repeat 1 --keep /tmp/bench

For each N it builds the baseline, then the hub three times — first with empty caches, then again
with the cover copies cached in `.cache/hub/covers/` but every page rendered again (`./run build --clean`),
then once more after adding one new post, as the build of every day does (only the pages it changes rendered,
from `.cache/hub/build/`) — and does it all `--repeat`
times, interleaved, keeping the fastest of each kind (as `timeit` and hyperfine advise: other work
on the machine only ever makes a build slower) and the slowest to show the spread. It prints the
wall and CPU time of each build, its memory two ways (the whole build: the PSS of all its
processes, sampled; and the largest process's peak RSS), its ratio to the baseline, the number of
pages, the size of the output, the median size of a news post's HTML and the search index, then
checks the targets of issue 21.
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

from hub.build import caches

from .baseline import make_baseline
from .corpus import LAST_DAY, NOW, GeneratedPost, make_project
from .memory import TreePeak
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
    whole_mb: float
    """The whole build's peak: the PSS of all its processes summed (shared pages counted once), sampled every 50 ms."""
    largest_mb: float
    """The peak resident memory of its largest process (VmHWM, sampled with the PSS: `bench.memory`)."""
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
    """The same project built again: every page rendered again (the build cache dropped), the cover copies read from
    their cache."""
    added: Build
    """The build after the rebuild and one new post (with a cover), from the build cache: what the build of every day
    costs."""
    plain: Build
    root: Path
    """The folder holding the hub project (`hub/`) and the baseline (`plain/`), both built."""
    generated: list[GeneratedPost]
    added_post: GeneratedPost
    """The post added before the `added` build; its site holds it, the project no longer does."""
    slowest: dict[str, float]
    preview: list[float]
    """Seconds from saving a post to the browser's reload in `mkdocs serve`, one per edit (bench.preview)."""

    @property
    def ratio(self) -> float:
        return self.hub.seconds / self.plain.seconds

    @property
    def rebuild_ratio(self) -> float:
        return self.rebuild.seconds / self.plain.seconds

    @property
    def added_ratio(self) -> float:
        """The build after one new post, to the full first build."""
        return self.added.seconds / self.hub.seconds


def measure(count: int, workdir: Path, seed: int = 8, repeat: int = 1, photo_scale: float = 1.0) -> Measurement:
    """Generate `count` posts per language into `workdir`, build the baseline and the hub `repeat` times.

    `photo_scale` shrinks the photos (the test's quick run); 1 gives the sizes of phones and cameras.
    """
    newsroom = make_project(workdir / "hub", count, seed, photo_scale)
    generated = list(newsroom.posts)
    make_baseline(workdir / "hub", workdir / "plain")
    runs: dict[str, list[Build]] = {"hub": [], "rebuild": [], "added": [], "plain": []}
    for _ in range(repeat):
        for leftover in ("site", "site.old", ".cache"):  # what a first build finds: nothing built before
            shutil.rmtree(workdir / "hub" / leftover, ignore_errors=True)
        runs["plain"].append(build(workdir / "plain", generated))
        runs["hub"].append(build(workdir / "hub", generated))
        shutil.rmtree(caches.folder(workdir / "hub") / caches.BUILD)  # `./run build --clean`: every page rendered again
        runs["rebuild"].append(build(workdir / "hub", generated))
        added = newsroom.write(LAST_DAY, cover=True)
        runs["added"].append(build(workdir / "hub", [*generated, added]))
        newsroom.remove(added)
    best = {kind: min(builds, key=lambda run: run.seconds) for kind, builds in runs.items()}
    slowest = {kind: max(run.seconds for run in builds) for kind, builds in runs.items()}
    preview = measure_preview(workdir / "hub", generated[len(generated) // 2], edits=max(5, repeat))
    return Measurement(count, best["hub"], best["rebuild"], best["added"], best["plain"], workdir, generated, added,
                       slowest, preview)


def build(root: Path, posts: Sequence[GeneratedPost]) -> Build:
    """Run `mkdocs build` in `root` as a separate process; raise with its log if it fails."""
    mkdocs = Path(sys.executable).with_name("mkdocs")
    env = {**os.environ, "HUB_NOW": NOW, "NO_MKDOCS_2_WARNING": "1"}
    log = root / "build.log"
    with log.open("wb") as output:
        start = time.perf_counter()
        process = subprocess.Popen([str(mkdocs), "build"], cwd=root, env=env, stdout=output, stderr=subprocess.STDOUT)
        memory = TreePeak(process.pid)
        # os.wait4 gives the CPU time of this child and of the children it waited for, unlike getrusage,
        # which would add every earlier build of this process.
        _, status, usage = os.wait4(process.pid, 0)
        seconds = time.perf_counter() - start
        whole_mb, largest_mb = memory.stop()
    process.returncode = os.waitstatus_to_exitcode(status)
    if process.returncode != 0:
        raise RuntimeError(f"mkdocs build failed in {root} (exit {process.returncode}):\n{log.read_text(encoding='utf-8')[-4000:]}")
    return _survey(root / "site", posts, seconds, usage.ru_utime + usage.ru_stime, whole_mb, largest_mb)


def _survey(site: Path, posts: Sequence[GeneratedPost], seconds: float, cpu_seconds: float, whole_mb: float,
            largest_mb: float) -> Build:
    files = [path for path in site.rglob("*") if path.is_file()]
    post_sizes = [(site / post.url(prefix) / "index.html").stat().st_size for post in posts for prefix in PREFIXES]
    search = site / "search" / "search_index.json"
    return Build(
        seconds=seconds,
        cpu_seconds=cpu_seconds,
        whole_mb=whole_mb,
        largest_mb=largest_mb,
        pages=sum(1 for path in files if path.suffix == ".html"),
        output_mb=sum(path.stat().st_size for path in files) / MB,
        post_kb=statistics.median(post_sizes) / 1024,
        search_mb=search.stat().st_size / MB if search.exists() else 0.0,
        pagefind_mb=sum(path.stat().st_size for path in files if "pagefind" in path.relative_to(site).parts) / MB,
    )


def targets(results: Sequence[Measurement]) -> list[tuple[str, bool]]:
    """The targets of issue 21 that these sizes can check, with whether each is met."""
    big = next((m for m in results if m.posts == 2000), None)
    if big is None:
        return []
    return [
        (f"whole build at 2000 posts/lang ≤ 1 GB: {big.hub.whole_mb:.0f} MB", big.hub.whole_mb <= 1024),
        (f"first build at 2000 posts/lang ≤ 1.1 × plain MkDocs: {big.ratio:.2f} ×", big.ratio <= 1.1),
        (f"rebuild at 2000 posts/lang ≤ 1.0 × plain MkDocs: {big.rebuild_ratio:.2f} ×", big.rebuild_ratio <= 1.0),
        (f"one post added at 2000 posts/lang ≤ 0.25 × the first build: {big.added_ratio:.2f} ×", big.added_ratio <= 0.25),
    ]


def report(results: Sequence[Measurement]) -> str:
    """A plain-text table, one line per build (the hub's three, then the plain baseline's), then the targets."""
    header = ("posts/lang", "build", "wall s", "slowest s", "cpu s", "ratio", "whole MB", "largest MB", "pages",
              "output MB", "post KB", "search_index MB", "pagefind MB")
    rows = [header]
    for m in results:
        for name, build, ratio in (("hub", m.hub, f"{m.ratio:.2f}"), ("rebuild", m.rebuild, f"{m.rebuild_ratio:.2f}"),
                                   ("added", m.added, f"{m.added_ratio:.2f}"), ("plain", m.plain, "—")):
            rows.append((str(m.posts), name, f"{build.seconds:.1f}", f"{m.slowest[name]:.1f}", f"{build.cpu_seconds:.1f}",
                         ratio, f"{build.whole_mb:.0f}", f"{build.largest_mb:.0f}", str(build.pages),
                         f"{build.output_mb:.1f}", f"{build.post_kb:.1f}", f"{build.search_mb:.2f}", f"{build.pagefind_mb:.2f}"))
    widths = [max(len(row[i]) for row in rows) for i in range(len(header))]
    lines = ["  ".join(cell.rjust(width) for cell, width in zip(row, widths)) for row in rows]
    lines.append("hub: the first build (ratio: to plain); rebuild: built again (to plain); "
                 "added: one post added, then built (to the first build); whole: all processes, PSS; largest: one process, RSS")
    by_size = {m.posts: m for m in results}
    if 500 in by_size and 2000 in by_size:
        lines.append(f"whole build's memory, 2000 / 500 posts/lang: {by_size[2000].hub.whole_mb / by_size[500].hub.whole_mb:.2f} "
                     "(1.00 is flat)")
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
    parser.add_argument("--photo-scale", type=float, default=1.0, help="shrink the photos by this factor (1: phones' sizes)")
    args = parser.parse_args(argv)
    print(f"machine: {_machine()}", flush=True)
    results = []
    with tempfile.TemporaryDirectory(prefix="bench-") as temporary:
        base = args.keep or Path(temporary)
        for count in args.posts:
            workdir = base / f"n{count}"
            if workdir.exists():
                parser.error(f"{workdir} exists: give --keep an empty or new folder")
            results.append(measure(count, workdir, args.seed, args.repeat, args.photo_scale))
            m = results[-1]
            print(f"N={count}: hub {m.hub.seconds:.1f} s, again {m.rebuild.seconds:.1f} s, one post added {m.added.seconds:.1f} s, "
                  f"plain {m.plain.seconds:.1f} s; "
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
