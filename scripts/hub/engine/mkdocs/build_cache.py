"""`mkdocs build` after a change renders only the pages it affects: the preview's strategy, kept on disk.

The live preview (hub.engine.mkdocs.preview) keeps in memory what its last build made and renders
again only the pages an edit changed. A build for publishing starts a new process each time, so
the same state is kept in `.cache/hub/build/` (where CI keeps `.cache/hub/` between runs):

- `site/`, the last site built, which the next build updates as the preview updates the served
  folder (the pages it renders, the files no longer generated deleted), then hard-links into
  `site/` of the project (hub.engine.mkdocs.staging);
- `state.json`, what the preview keeps: each generated page's fingerprint, each asset's and
  picture's digest, the sitemap's entries and the feeds' texts;
- `search.jsonl`, every page's searchable text, one page a line (`[lang, url, text]`), written and
  read one page at a time: the texts of the whole site, held at once, cost more memory than
  anything else the build holds at its end.

The state is JSON, never pickle: a cache restored by CI is data, not code. It is used only when
all of this holds; otherwise it is dropped and the build renders everything:
- its header names this format, the hub's code, the Python and every installed package's
  version (a new template, plugin or Markdown extension can change any page): `key()`;
- its payload matches the checksum in the header, and `search.jsonl` the checksum in the state (a
  file cut short or altered);
- every file of `site/` is the one it wrote (same size and modification time).
A build deletes the state before it changes `site/`, and writes it again only once it succeeded.
"""

from __future__ import annotations

import hashlib
import importlib.metadata
import json
import os
import platform
import shutil
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from mkdocs.plugins import get_plugin_logger

from ...build.collected import Collected
from ...messages import _
from ...replacing import replacing
from ...outputs.sitemap import SitemapEntry
from .preview import Preview, _Built

log = get_plugin_logger(__name__)

FORMAT = "hub-build-cache/3"
STATE = "state.json"
SEARCH = "search.jsonl"
SITE = "site"


def key() -> str:
    """What the cached pages were made with: the hub's own files, the Python, every installed distribution."""
    digest = hashlib.sha256(f"{FORMAT}\n{platform.python_implementation()} {platform.python_version()}\n".encode())
    package = Path(__file__).parents[2]  # hub/
    for path in sorted(package.rglob("*")):
        if path.is_file() and path.suffix in (".py", ".po", ".html", ".css", ".js", ".json", ".yml"):
            digest.update(f"{path.relative_to(package).as_posix()}\n".encode())
            digest.update(path.read_bytes())
    versions = sorted(f"{dist.metadata['Name']}=={dist.version}" for dist in importlib.metadata.distributions())
    digest.update("\n".join(versions).encode())
    return digest.hexdigest()


@dataclass(frozen=True)
class Restored:
    """What the last build left for this one."""

    collected: dict[str, Collected]
    search: Path
    """Each page's searchable text: `searchable`."""


class BuildCache:
    """`.cache/hub/build/` of one project (see the module's docstring)."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self.site = folder / SITE
        self.key = key()

    def restore(self, preview: Preview) -> Restored | None:
        """Give `preview` the last build's state, if it can be trusted (else drop it, saying why); None: build all."""
        preview.served = self.site
        try:
            state = self._read()
        except FileNotFoundError:
            self._drop()
            return None
        except (OSError, ValueError, KeyError, TypeError) as error:
            log.info(_("build cache: not used ({reason}); every page is rendered", reason=error))
            self._drop()
            return None
        preview.shared = state["shared"]
        preview.built = _Built({source: int(value) for source, value in state["pages"].items()},
                               {name: str(stamp) for name, stamp in state["stamps"].items()},
                               set(state["outputs"]), set(state["post_urls"]))
        collected = {lang: Collected(lang, sitemap={url: SitemapEntry(entry[0], entry[1], tuple(map(tuple, entry[2])))
                                                    for url, entry in kept["sitemap"].items()},
                                     feed_html=dict(kept["feed_html"]))
                     for lang, kept in state["collected"].items()}
        return Restored(collected, self.folder / SEARCH)

    def begin(self) -> None:
        """The build is about to change `site/`: until it succeeds, there is no state to trust."""
        (self.folder / STATE).unlink(missing_ok=True)
        self.site.mkdir(parents=True, exist_ok=True)

    def save(self, preview: Preview, collected: dict[str, Collected], documents: Iterable[tuple[str, str, str]]) -> None:
        """Keep what the build that just succeeded made, for the next one; `documents`: each page's language, URL and
        searchable text."""
        built = preview.built
        assert built is not None
        digest = hashlib.sha256()
        with replacing(self.folder / SEARCH) as stream:
            for document in documents:
                line = json.dumps(document, ensure_ascii=False).encode() + b"\n"
                digest.update(line)
                stream.write(line)
        state = {
            "shared": preview.shared,
            "pages": {source: str(value) for source, value in built.pages.items()},
            "stamps": built.stamps,
            "outputs": sorted(built.outputs),
            "post_urls": sorted(built.post_urls),
            "collected": {lang: {"sitemap": {url: [entry.url, entry.lastmod, entry.alternates]
                                             for url, entry in kept.sitemap.items()},
                                 "feed_html": kept.feed_html} for lang, kept in collected.items()},
            "search": digest.hexdigest(),
            "files": _files(self.site),
        }
        payload = json.dumps(state, ensure_ascii=False, separators=(",", ":")).encode()
        header = json.dumps({"format": FORMAT, "key": self.key, "sha256": hashlib.sha256(payload).hexdigest()}).encode()
        with replacing(self.folder / STATE) as stream:
            stream.write(header + b"\n" + payload)

    def _read(self) -> dict[str, Any]:
        with (self.folder / STATE).open("rb") as stream:
            header = json.loads(stream.readline())
            payload = stream.read()
        if header.get("format") != FORMAT or header.get("key") != self.key:
            raise ValueError(_("made by another version of the hub or of its dependencies"))
        if hashlib.sha256(payload).hexdigest() != header.get("sha256"):
            raise ValueError(_("the state file is damaged"))
        state = json.loads(payload)
        if state["files"] != _files(self.site):
            raise ValueError(_("the cached site was changed since the last build"))
        if _sha256(self.folder / SEARCH) != state["search"]:
            raise ValueError(_("the pages' search texts, {name}, are damaged or missing", name=SEARCH))
        return state

    def _drop(self) -> None:
        shutil.rmtree(self.folder, ignore_errors=True)


def searchable(path: Path) -> Iterator[tuple[str, str, str]]:
    """The language, site-relative URL and searchable text of each page in `path` (`Restored.search`), one at a time."""
    with path.open(encoding="utf-8") as stream:
        for line in stream:
            lang, url, text = json.loads(line)
            yield lang, url, text


def _sha256(path: Path) -> str | None:
    """The checksum of the file at `path`, read a block at a time; None if there is none."""
    digest = hashlib.sha256()
    try:
        with path.open("rb") as stream:
            for block in iter(lambda: stream.read(1 << 20), b""):
                digest.update(block)
    except FileNotFoundError:
        return None
    return digest.hexdigest()


def _files(site: Path) -> dict[str, list[int]]:
    """Each file of `site`: its size and modification time, by relative path."""
    found = {}
    start = len(os.path.join(site, ""))
    for folder, _folders, names in os.walk(site):
        for name in names:
            path = os.path.join(folder, name)
            stat = os.stat(path)
            found[path[start:].replace(os.sep, "/")] = [stat.st_size, stat.st_mtime_ns]
    return found

