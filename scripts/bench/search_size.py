"""What a reader downloads to search: the shipped site, and the site with N synthetic posts per language.

    python -m bench.search_size                  # N = 0 (the shipped content) and 2000; about 3 minutes
    python -m bench.search_size --posts 500 --no-material

Each query runs on a fresh news post page of its language, in Chromium, typed into the search box.
Counted: every file of the search (the hub: assets/search/ and the Pagefind bundle; Material: its
search worker and search_index.json), from opening the page to the first results, as served
(Python's server sends files as they are) and gzip-compressed, as a web host would send them.
"""

from __future__ import annotations

import argparse
import gzip
import shutil
import sys
import tempfile
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from playwright.sync_api import Browser, Response

from .browsing import chromium, served
from .corpus import copy_project, make_project
from .search_recall import build, with_material_search

QUERIES = {"uk": ("реінтеграції дітей", "соціальні послуги в громаді", "навчання фахівців"),
           "en": ("reintegration of children", "community social services", "training for specialists")}
POST = {"uk": "news/2026/eastern-communities-sign-memorandums/", "en": "en/news/2026/eastern-communities-sign-memorandums/"}
SEARCH_FILES = {"hub": ("/pagefind/", "/assets/search/"), "material": ("/search/search_index.json", "/workers/search.")}
BOXES = {"hub": ("#hub-search input[name=query]", "#hub-search-results > li"),
         "material": ("[data-md-component=search-query]", ".md-search-result__item")}
KB = 1024


@dataclass(frozen=True)
class Download:
    engine: str
    posts: int
    lang: str
    query: str
    files: int
    raw: int
    gzipped: int


def first_query(browser: Browser, base: str, engine: str, lang: str, query: str) -> tuple[int, int, int]:
    """Files, bytes as served and bytes gzipped of `engine`'s search, from opening a post page to its first results."""
    page = browser.new_page()
    bodies: list[bytes] = []

    def keep(response: Response) -> None:
        if any(part in response.url for part in SEARCH_FILES[engine]) and response.ok:
            bodies.append(response.body())

    page.on("response", keep)
    page.goto(base + POST[lang], wait_until="networkidle")
    box, results = BOXES[engine]
    page.locator(box).focus()
    page.locator(box).press_sequentially(query)
    page.locator(results).first.wait_for(timeout=30_000)
    page.wait_for_load_state("networkidle")
    page.close()
    return len(bodies), sum(map(len, bodies)), sum(len(gzip.compress(body)) for body in bodies)


def measure(site: Path, engine: str, posts: int) -> list[Download]:
    with served(site) as base, chromium() as browser:
        return [Download(engine, posts, lang, query, *first_query(browser, base, engine, lang, query))
                for lang, queries in QUERIES.items() for query in queries]


def report(downloads: Sequence[Download]) -> str:
    lines = [f"{'engine':<9}{'posts/lang':>11}  {'lang':<5}{'query':<30}{'files':>6}{'served KB':>11}{'gzip KB':>9}"]
    lines += [f"{d.engine:<9}{d.posts:>11}  {d.lang:<5}{d.query:<30}{d.files:>6}{d.raw / KB:>11.0f}{d.gzipped / KB:>9.0f}"
              for d in downloads]
    return "\n".join(lines)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--posts", type=int, nargs="+", default=[0, 2000], help="synthetic posts per language (0: the shipped content)")
    parser.add_argument("--no-material", action="store_true", help="measure the hub's search only")
    parser.add_argument("--keep", type=Path, help="build into this folder and keep it")
    args = parser.parse_args(argv)
    workdir = args.keep or Path(tempfile.mkdtemp(prefix="hub-search-size-"))
    downloads: list[Download] = []
    try:
        for posts in args.posts:
            engines = ("hub",) if args.no_material else ("hub", "material")
            for engine in engines:
                root = workdir / f"{engine}-{posts}"
                make_project(root, posts, photo_scale=0.1) if posts else copy_project(root)
                if engine == "material":
                    with_material_search(root)
                downloads += measure(build(root), engine, posts)
                print(f"measured {engine} with {posts} posts per language", file=sys.stderr)
    finally:
        if args.keep is None:
            shutil.rmtree(workdir, ignore_errors=True)
    print(report(downloads))
    return 0


if __name__ == "__main__":
    sys.exit(main())
