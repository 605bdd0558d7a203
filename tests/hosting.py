"""A local static host that serves a built site with the headers of its `_headers` file.

It reads `_headers` as Netlify and Cloudflare Pages do: a path line, then indented `Name: value`
lines; `*` matches the rest of the path, `:name` one segment; every matching rule applies, in
file order. Hand-written, because no Python library reads that format.

`Visit` opens its pages in Chromium at the site's own address (`site_url`), answered by that host.
"""

from __future__ import annotations

import io
import re
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from http import HTTPStatus
from http.server import SimpleHTTPRequestHandler
from pathlib import Path
from urllib.parse import unquote, urlsplit

from playwright.sync_api import Browser, ConsoleMessage, Page, Route
from playwright.sync_api import Error as PlaywrightError

from bench.browsing import served
from reading import BASE

Rule = tuple[re.Pattern[str], list[tuple[str, str]]]
ORIGIN = BASE.rstrip("/")
"""The pages are opened at the site's own address (`site_url`), answered by the local server."""
LISTENER = """
window.__violations = [];
document.addEventListener("securitypolicyviolation", e =>
  window.__violations.push(`${e.effectiveDirective} blocked ${e.blockedURI || "inline code"} at ${e.sourceFile}:${e.lineNumber}`));
"""


def read_rules(text: str) -> list[Rule]:
    rules: list[Rule] = []
    for line in text.splitlines():
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        if line[0].isspace() and line.strip().startswith("!"):  # `! Name`: drop a header an earlier rule set (Cloudflare)
            rules[-1][1].append(("!", line.strip()[1:].strip()))
        elif line[0].isspace():
            name, _, value = line.strip().partition(":")
            rules[-1][1].append((name.strip(), value.strip()))
        else:
            rules.append((_pattern(line.strip()), []))
    return rules


def headers_for(rules: list[Rule], path: str) -> list[tuple[str, str]]:
    """Every header the matching rules give `path`, in file order (a name may come twice); `! Name` removes the
    headers of that name set before it."""
    found: list[tuple[str, str]] = []
    for header in (header for pattern, headers in rules if pattern.fullmatch(path) for header in headers):
        if header[0] == "!":
            found = [kept for kept in found if kept[0].lower() != header[1].lower()]
        else:
            found.append(header)
    return found


def _pattern(path: str) -> re.Pattern[str]:
    parts = re.split(r"(\*|:[A-Za-z]\w*)", path)
    return re.compile("".join(".*" if p == "*" else "[^/]+" if p.startswith(":") else re.escape(p) for p in parts))


class _Handler(SimpleHTTPRequestHandler):
    rules: list[Rule]
    extra: Mapping[str, bytes]

    def send_head(self):  # type: ignore[override]
        path = unquote(urlsplit(self.path).path)
        if path in self.extra:
            return self._send(HTTPStatus.OK, self.extra[path])
        target = Path(self.translate_path(self.path))
        if target.is_dir() and path.endswith("/"):
            target = target / "index.html"
        if not target.exists():
            return self._send(HTTPStatus.NOT_FOUND, self._not_found(path))
        return super().send_head()

    def guess_type(self, path) -> str:  # type: ignore[override]
        given = [v for k, v in headers_for(self.rules, unquote(urlsplit(self.path).path)) if k.lower() == "content-type"]
        return given[-1] if given else super().guess_type(path)

    def end_headers(self) -> None:
        for name, value in headers_for(self.rules, unquote(urlsplit(self.path).path)):
            if name.lower() != "content-type":
                self.send_header(name, value)
        super().end_headers()

    def log_message(self, format: str, *args) -> None:
        pass

    def _not_found(self, path: str) -> bytes:
        """The nearest `404.html` up the folders, as Cloudflare Pages serves it."""
        folder = Path(self.directory) / path.lstrip("/")
        for candidate in [folder, *folder.parents]:
            page = candidate / "404.html"
            if page.is_file() and candidate.is_relative_to(self.directory):
                return page.read_bytes()
        return b"Not found"

    def _send(self, status: HTTPStatus, body: bytes) -> io.BytesIO:
        self.send_response(status)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        return io.BytesIO(body)


@contextmanager
def serve(site: Path, extra: Mapping[str, bytes] | None = None) -> Iterator[str]:
    """Serve `site` on a free local port with its `_headers`; `extra` adds pages by path. Yields the base URL."""
    handler = type("Handler", (_Handler,), {"rules": read_rules((site / "_headers").read_text(encoding="utf-8")),
                                            "extra": dict(extra or {})})
    with served(site, handler=handler) as url:
        yield url.rstrip("/")


class Visit:
    """Pages opened at the site's address, served by the local host with `_headers`, and what went wrong.

    Every request is recorded; one to any other host is refused and listed in `elsewhere`. `errors` has the
    console's errors (a failed load among them) and the scripts' uncaught exceptions.
    """

    def __init__(self, browser: Browser, base: str, **options) -> None:
        self.context = browser.new_context(**options)
        self.requests: list[str] = []
        self.elsewhere: list[str] = []
        self.context.route("**/*", lambda route: self._answer(route, base))
        self.context.add_init_script(LISTENER)
        self.console: list[str] = []
        self.errors: list[str] = []

    def open(self, url: str) -> Page:
        page = self.context.new_page()
        page.on("console", self._log)
        page.on("pageerror", lambda error: self.errors.append(f"uncaught {error}"))
        self.response = page.goto(f"{ORIGIN}/{url}", wait_until="networkidle")
        return page

    def violations(self, page: Page) -> list[str]:
        logged = [text for text in self.console if "Content Security Policy" in text or "Content-Security-Policy" in text]
        return page.evaluate("window.__violations") + logged + [f"request elsewhere: {url}" for url in self.elsewhere]

    def _log(self, message: ConsoleMessage) -> None:
        self.console.append(message.text)
        if message.type == "error":
            self.errors.append(f"{message.text} ({message.location.get('url')})")

    def _answer(self, route: Route, base: str) -> None:
        url = route.request.url
        self.requests.append(url)
        if url.startswith(ORIGIN + "/"):
            try:
                route.fulfill(response=route.fetch(url=base + url[len(ORIGIN):]))
            except PlaywrightError as error:  # the page navigated away (a click) while this request was answered
                if "disposed" not in str(error) and "closed" not in str(error):
                    raise
        else:
            self.elsewhere.append(url)
            route.abort()
