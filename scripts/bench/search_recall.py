"""Recall@5 of the site's search on the query set (`search_queries.yml`), per language, against other engines.

    python -m bench.search_recall             # builds two copies of the project, prints a table
    python -m bench.search_recall --misses    # also the queries that missed a page, with what came first

Every engine runs in Chromium, on the home page of the query's language:
- `hub`: the site's search (Pagefind, queries stemmed by assets/search/words.js), as its box ranks results;
- `pagefind`: the same Pagefind index queried with the words as typed, without the stemming;
- `material`: Material's built-in search (one lunr index of both languages), typed into its search box,
  on a copy of the project built with Material's `search` plugin and its own header.
A query's recall is the share of its pages among the first five results.
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

import yaml
from playwright.sync_api import Page

from .browsing import chromium, find, served, site_path
from .corpus import NOW, copy_project

QUERIES = Path(__file__).with_name("search_queries.yml")
TOP = 5
HOMES = {"uk": "", "en": "en/"}

PLAIN_PAGEFIND = """async ([query, shown]) => {
  const config = JSON.parse(document.getElementById("hub-search-config").textContent);
  const root = new URL(config.base.replace(/\\/?$/, "/"), location.href);
  const pagefind = await import(new URL(config.bundle + "pagefind.js", root).href);
  await pagefind.options({ baseUrl: root.pathname });
  const search = await pagefind.search(query);
  return Promise.all(search.results.slice(0, shown).map(async (result) => (await result.data()).url));
}"""

MATERIAL_SHOWN = """(expected) => {
  const none = JSON.parse(document.getElementById("__config").textContent).translations["search.result.none"];
  const meta = document.querySelector(".md-search-result__meta").textContent.trim();
  const links = [...document.querySelectorAll(".md-search-result__item > a.md-search-result__link")].map((a) => a.href);
  return expected === "empty" ? links.length === 0 : links.length > 0 || meta === none ? links : null;
}"""
"""Material's results once it shows them (or that its list is `empty`); null while it has not."""


@dataclass(frozen=True)
class Query:
    lang: str
    text: str
    pages: tuple[str, ...]


@dataclass(frozen=True)
class Outcome:
    query: Query
    found: tuple[str, ...]

    @property
    def recall(self) -> float:
        return sum(page in self.found for page in self.query.pages) / len(self.query.pages)


def load_queries(path: Path = QUERIES) -> list[Query]:
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    return [Query(lang, item["query"], tuple(item["find"])) for lang, items in data.items() for item in items]


def build(root: Path) -> Path:
    """`mkdocs build` in `root`, as of the benchmarks' moment; the built site."""
    mkdocs = Path(sys.executable).with_name("mkdocs")
    env = {**os.environ, "HUB_NOW": NOW, "NO_MKDOCS_2_WARNING": "1"}
    result = subprocess.run([str(mkdocs), "build"], cwd=root, env=env, capture_output=True, text=True)
    if result.returncode != 0:
        raise RuntimeError(f"mkdocs build failed in {root}:\n{result.stderr[-3000:]}")
    return root / "site"


def with_material_search(root: Path) -> Path:
    """Turn the project copy in `root` back to Material's own search: its plugin, its header and search box."""
    config = root / "mkdocs.yml"
    text = config.read_text(encoding="utf-8")
    if text.count("\nplugins:\n") != 1:
        raise ValueError(f"{config}: expected one 'plugins:' list to add Material's search to")
    config.write_text(text.replace("\nplugins:\n", "\nplugins:\n  - search\n"), encoding="utf-8")
    for partial in ("header.html", "search.html"):
        (root / "overrides" / "partials" / partial).unlink()
    return root


def hub_engine(page: Page, query: str) -> list[str]:
    return find(page, query, TOP)


def pagefind_engine(page: Page, query: str) -> list[str]:
    return [site_path(url) for url in page.evaluate(PLAIN_PAGEFIND, [query, TOP])]


def material_engine(page: Page, query: str) -> list[str]:
    box = page.locator("[data-md-component=search-query]")
    for text, expected in (("", "empty"), (query, "results")):  # clear first, so no result is left from before
        box.fill(text)
        box.press("End")  # Material searches on key-up
        shown = page.wait_for_function(MATERIAL_SHOWN, arg=expected, timeout=10_000)
    pages = list(dict.fromkeys(site_path(link) for link in shown.json_value()))  # a page's sections come under it
    return pages[:TOP]


Engine = Callable[[Page, str], list[str]]


def run(site: Path, engine: Engine, queries: Sequence[Query]) -> list[Outcome]:
    outcomes = []
    with served(site) as base, chromium() as browser:
        for lang, home in HOMES.items():
            page = browser.new_page()
            page.goto(base + home)
            for query in (q for q in queries if q.lang == lang):
                outcomes.append(Outcome(query, tuple(engine(page, query.text))))
            page.close()
    return outcomes


def recall(outcomes: Sequence[Outcome], lang: str) -> float:
    chosen = [o.recall for o in outcomes if o.query.lang == lang]
    return sum(chosen) / len(chosen)


def other_language(outcomes: Sequence[Outcome], lang: str) -> float:
    """The share of the results shown on a page of `lang` that are pages of another language."""
    found = [url for o in outcomes if o.query.lang == lang for url in o.found]
    return sum(url.startswith(HOMES["en"]) != (lang == "en") for url in found) / max(1, len(found))


def report(results: dict[str, list[Outcome]], misses: bool) -> str:
    langs = list(HOMES)
    header = "".join(f"{f'recall@{TOP} {lang}':>14}" for lang in langs) + "".join(f"{f'other lang {lang}':>14}" for lang in langs)
    lines = [f"{'engine':<10}{header}"]
    for name, outcomes in results.items():
        lines.append(f"{name:<10}" + "".join(f"{recall(outcomes, lang):>14.2f}" for lang in langs)
                     + "".join(f"{other_language(outcomes, lang):>14.0%}" for lang in langs))
    counts = ", ".join(f"{sum(o.query.lang == lang for o in next(iter(results.values())))} {lang}" for lang in langs)
    lines.append(f"queries: {counts}; 'other lang': share of the results in the other language")
    if misses:
        for name, outcomes in results.items():
            lines.append(f"\n{name}: missed")
            lines += [f"  [{o.query.lang}] {o.query.text!r}: wanted {', '.join(p for p in o.query.pages if p not in o.found)}; "
                      f"got {', '.join(o.found) or 'nothing'}" for o in outcomes if o.recall < 1]
    return "\n".join(lines)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--misses", action="store_true", help="list the queries that missed a page")
    parser.add_argument("--keep", type=Path, help="build into this folder and keep it")
    args = parser.parse_args(argv)
    queries = load_queries()
    workdir = args.keep or Path(tempfile.mkdtemp(prefix="hub-search-recall-"))
    try:
        hub_site = build(copy_project(workdir / "hub"))
        material_site = build(with_material_search(copy_project(workdir / "material")))
        results = {"hub": run(hub_site, hub_engine, queries),
                   "pagefind": run(hub_site, pagefind_engine, queries),
                   "material": run(material_site, material_engine, queries)}
    finally:
        if args.keep is None:
            shutil.rmtree(workdir, ignore_errors=True)
    print(report(results, args.misses))
    return 0


if __name__ == "__main__":
    sys.exit(main())
