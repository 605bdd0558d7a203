"""A built site served on 127.0.0.1, and the system Chromium driven through Playwright.

Used by the search benchmarks and the browser tests. No browser is ever downloaded: Playwright
drives Debian's `chromium` (`./run test` installs it when it is missing).
"""

from __future__ import annotations

import functools
import gzip
import io
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
  return (await engine.find(query, config.lang, root, new URL(config.bundle, root), shown)).results.map((result) => result.url);
}"""
"""Runs a query through the page's own search script; the URLs of the results, best first."""


COMPRESSIBLE = ("text/", "application/javascript", "application/json", "application/xml", "image/svg+xml")
"""What a web host compresses; pictures, fonts and Pagefind's files are compressed already."""


class _QuietHandler(SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:
        pass


class _CompressingHandler(_QuietHandler):
    """Sends text gzip-compressed to a browser that asks for it, as web hosts do: hand-written because
    the standard library's server never compresses, and a reader's transfer is what is measured."""

    def send_head(self):  # type: ignore[override]
        path = Path(self.translate_path(self.path))
        if path.is_dir() and self.path.split("?")[0].endswith("/"):
            path = path / "index.html"
        kind = self.guess_type(str(path))
        if "gzip" not in self.headers.get("Accept-Encoding", "") or not path.is_file() or not kind.startswith(COMPRESSIBLE):
            return super().send_head()
        body = gzip.compress(path.read_bytes(), mtime=0)
        self.send_response(200)
        for name, value in (("Content-Type", kind), ("Content-Encoding", "gzip"), ("Content-Length", str(len(body))),
                            ("Vary", "Accept-Encoding")):
            self.send_header(name, value)
        self.end_headers()
        return io.BytesIO(body)


@contextmanager
def served(folder: Path, compress: bool = False, handler: type[SimpleHTTPRequestHandler] | None = None) -> Iterator[str]:
    """The base URL of `folder` served over HTTP on 127.0.0.1, while the block runs; `compress`: text gzipped;
    `handler`: a request handler of the caller's instead."""
    handler = handler or (_CompressingHandler if compress else _QuietHandler)
    server = ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(handler, directory=str(folder)))
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
