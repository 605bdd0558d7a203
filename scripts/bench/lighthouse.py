"""Lighthouse on the shipped site: the home page, the newest news post and a project, in both languages.

    python -m bench.lighthouse            # about 2 minutes; `./run test` installs Lighthouse (npm ci)
    python -m bench.lighthouse --keep /tmp/lh   # keep the build and each page's JSON report

Lighthouse (npm, package.json) runs Debian's Chromium (`CHROME_PATH`) with its mobile preset (a
mid-range phone on a slow 4G connection, simulated). The site is built from a copy of the shipped
content as of the benchmarks' moment and served on 127.0.0.1 with text gzip-compressed, as a web host
sends it. Printed: the four category scores and the bytes transferred by the page's first load.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from hub.content.catalog import Catalog
from hub.content.load import load_content
from hub.site.urls import Urls

from .browsing import ARGS, CHROMIUM, served
from .corpus import NOW, REPO, copy_project
from .search_recall import build

LIGHTHOUSE = REPO / "node_modules" / ".bin" / "lighthouse"
CATEGORIES = ("performance", "accessibility", "best-practices", "seo")
TARGETS = {"performance": 95, "accessibility": 100, "best-practices": 95, "seo": 100}
POST_BUDGET = 150 * 1024
"""A news post's first load, compressed: readers in Ukraine are often on weak or interrupted connections."""
KB = 1024


@dataclass(frozen=True)
class Result:
    lang: str
    kind: str
    url: str
    scores: dict[str, int]
    transferred: int
    failing: list[str]
    """The scored audits that did not pass, to say what costs points."""


def pages(root: Path) -> list[tuple[str, str, str]]:
    """(language, kind, site-relative URL) of the pages measured: home, the newest post, the first project."""
    languages = ("uk", "en")
    content = load_content(root, languages)
    newest = Catalog.build(content, datetime.fromisoformat(NOW)).published[0]
    project = next(iter(content.projects))
    urls = Urls(languages[0])
    return [(lang, kind, url) for lang in languages
            for kind, url in (("home", urls.home(lang)), ("post", urls.post(lang, newest)), ("project", urls.project(lang, project)))]


def audit(url: str, report: Path) -> dict:
    """Lighthouse's JSON report of `url`, also written to `report`."""
    if not LIGHTHOUSE.exists():
        raise FileNotFoundError(f"{LIGHTHOUSE} is missing: run `npm ci` in {REPO} (`./run test` does)")
    command = [str(LIGHTHOUSE), url, "--output=json", f"--output-path={report}", "--quiet",
               f"--only-categories={','.join(CATEGORIES)}", f"--chrome-flags={' '.join(ARGS)}"]
    result = subprocess.run(command, env={**os.environ, "CHROME_PATH": str(CHROMIUM)}, capture_output=True, text=True,
                            timeout=300)
    if result.returncode != 0:
        raise RuntimeError(f"lighthouse failed on {url}:\n{result.stderr[-2000:]}")
    return json.loads(report.read_text(encoding="utf-8"))


def measure(site: Path, measured: list[tuple[str, str, str]], reports: Path) -> list[Result]:
    results = []
    with served(site, compress=True) as base:
        for lang, kind, url in measured:
            data = audit(base + url, reports / f"{lang}-{kind}.json")
            categories = data["categories"]
            audits = [(category, data["audits"][ref["id"]]) for category in CATEGORIES
                      for ref in categories[category]["auditRefs"] if ref["weight"] > 0]
            failing = [f"{category}: {a['title']} {a.get('displayValue', '')} (score {a['score']})".replace("  ", " ")
                       for category, a in audits if a["score"] is not None and a["score"] < 1]
            results.append(Result(lang, kind, url, {c: round(categories[c]["score"] * 100) for c in CATEGORIES},
                                  int(data["audits"]["total-byte-weight"]["numericValue"]), failing))
    return results


def report(results: Sequence[Result]) -> str:
    lines = [f"{'page':<14}{'perf':>6}{'a11y':>6}{'best':>6}{'seo':>6}{'KB':>8}  url"]
    for r in results:
        scores = "".join(f"{r.scores[c]:>6}" for c in CATEGORIES)
        lines.append(f"{r.lang + ' ' + r.kind:<14}{scores}{r.transferred / KB:>8.1f}  /{r.url}")
    lines.append("")
    lines.append("targets: " + ", ".join(f"{c} {'=' if t == 100 else '≥'} {t}" for c, t in TARGETS.items())
                 + f"; a post ≤ {POST_BUDGET // KB} KB")
    missed = [f"{r.lang} {r.kind}: {c} {r.scores[c]}" for r in results for c, t in TARGETS.items() if r.scores[c] < t]
    missed += [f"{r.lang} post: {r.transferred / KB:.1f} KB" for r in results if r.kind == "post" and r.transferred > POST_BUDGET]
    lines.append("all met" if not missed else "missed: " + "; ".join(missed))
    for r in results:
        lines += [f"  {r.lang} {r.kind} loses points on {item}" for item in r.failing]
    return "\n".join(lines)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--keep", type=Path, help="build into this folder and keep it, with each page's report")
    args = parser.parse_args(argv)
    workdir = args.keep or Path(tempfile.mkdtemp(prefix="hub-lighthouse-"))
    try:
        root = copy_project(workdir / "project")
        site = build(root)
        print(f"built {site}; running Lighthouse on 6 pages", file=sys.stderr)
        (workdir / "reports").mkdir(exist_ok=True)
        results = measure(site, pages(root), workdir / "reports")
    finally:
        if args.keep is None:
            shutil.rmtree(workdir, ignore_errors=True)
    print(report(results))
    return 0


if __name__ == "__main__":
    sys.exit(main())
