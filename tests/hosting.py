"""A local static host that serves a built site with the headers of its `_headers` file.

It reads `_headers` as Netlify and Cloudflare Pages do: a path line, then indented `Name: value`
lines; `*` matches the rest of the path, `:name` one segment; every matching rule applies, in
file order. Hand-written, because no Python library reads that format.
"""

from __future__ import annotations

import io
import re
import threading
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from functools import partial
from http import HTTPStatus
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import unquote, urlsplit

Rule = tuple[re.Pattern[str], list[tuple[str, str]]]


def read_rules(text: str) -> list[Rule]:
    rules: list[Rule] = []
    for line in text.splitlines():
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        if line[0].isspace():
            name, _, value = line.strip().partition(":")
            rules[-1][1].append((name.strip(), value.strip()))
        else:
            rules.append((_pattern(line.strip()), []))
    return rules


def headers_for(rules: list[Rule], path: str) -> list[tuple[str, str]]:
    """Every header the matching rules give `path`, in file order (a name may come twice)."""
    return [header for pattern, headers in rules if pattern.fullmatch(path) for header in headers]


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
    server = ThreadingHTTPServer(("127.0.0.1", 0), partial(handler, directory=str(site)))
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()
