"""A built site served on 127.0.0.1, and the system Chromium driven through Playwright.

Used by the search benchmarks and the browser tests. No browser is ever downloaded: Playwright
drives Debian's `chromium` (`./run test` installs it when it is missing).
"""

from __future__ import annotations

import functools
import os
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import urlsplit

from playwright.sync_api import Browser, Page, sync_playwright

CHROMIUM = Path(os.environ.get("HUB_CHROMIUM", "/usr/bin/chromium"))
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
        "--disable-component-update", "--no-first-run"]

FIND = """async ([query, shown]) => {
  const config = JSON.parse(document.getElementById("hub-search-config").textContent);
  const root = new URL(config.base.replace(/\\/?$/, "/"), location.href);
  const engine = await import(new URL("assets/search/engine.js", root).href);
  return (await engine.find(query, config.lang, root, shown)).results.map((result) => result.url);
}"""
"""Runs a query through the page's own search script; the URLs of the results, best first."""


class _QuietHandler(SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:
        pass


@contextmanager
def served(folder: Path) -> Iterator[str]:
    """The base URL of `folder` served over HTTP on 127.0.0.1, while the block runs."""
    server = ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(_QuietHandler, directory=str(folder)))
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()
        thread.join()


@contextmanager
def chromium() -> Iterator[Browser]:
    """Headless Chromium, closed when the block ends."""
    if not CHROMIUM.exists():
        raise FileNotFoundError(f"{CHROMIUM} is missing: `./run test` installs Debian's chromium, or set HUB_CHROMIUM")
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=ARGS)
        try:
            yield browser
        finally:
            browser.close()


def site_path(url: str) -> str:
    """A page's URL as the query set writes it, relative to the site root (served at `/`): `en/about/`."""
    return urlsplit(url).path.lstrip("/")


def find(page: Page, query: str, shown: int = 5) -> list[str]:
    """The site-relative URLs of the first `shown` results of `query` on `page`, as its search box ranks them."""
    return [site_path(url) for url in page.evaluate(FIND, [query, shown])]
