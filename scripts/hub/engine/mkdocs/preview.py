"""`mkdocs serve` at thousands of posts: each build after the first renders only the pages an edit changed.

MkDocs renders every page at every build of its preview: 23 s for one saved title at 2,000 posts
per language. MkDocs keeps the hub plugin's instance from one build to the next (it has
`on_startup`), and with it this state of the last build that succeeded:

- a fingerprint of every generated page: its Markdown, the view its template shows (hub.site.views
  makes plain data, so equal views render equal pages) and which of its translations exist;
- a fingerprint of what every page shows alike: mkdocs.yml, the theme's overrides, the set of
  hand-written pages and the titles the navigation takes from them.

When the shared fingerprint is unchanged, a build adds to MkDocs's files only the generated pages
whose fingerprint changed (with their translations, for the language switcher, and the pages the
navigation and the hand-written pages link to), the hand-written pages (MkDocs always finds
them) and the assets and cover copies that changed. It builds them into a scratch folder whose
files then replace theirs in the served one; the files no longer generated are deleted there. Any
other change, or a failed build, makes the next build a whole one, as MkDocs's own.
"""

from __future__ import annotations

import hashlib
import marshal
import os
import posixpath
import re
import shutil
import tempfile
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

import watchdog.observers
import watchdog.observers.polling
from jinja2 import BytecodeCache
from jinja2.bccache import Bucket
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.livereload import LiveReloadServer
from mkdocs.plugins import get_plugin_logger
from watchdog.events import (
    FileClosedEvent,
    FileCreatedEvent,
    FileDeletedEvent,
    FileModifiedEvent,
    FileMovedEvent,
)

from ...build.plan import Plan
from ...content import digests, navigation
from ...content.load import GENERATED_DIRS, PostCache
from ...messages import _, n_
from ...content.model import Post
from ...outputs.search import PreviewIndex
from ...outputs.sitemap import SitemapEntry
from ...site import pictures
from ...site.pages import PageSpec
from ...site.views import Site

log = get_plugin_logger(__name__)

DRAFTS = "HUB_PREVIEW_DRAFTS"
"""Set to 1 by `hub preview --drafts`: the preview shows drafts and scheduled posts, marked (never a build for publishing)."""
CHANGES = [FileCreatedEvent, FileDeletedEvent, FileModifiedEvent, FileMovedEvent, FileClosedEvent]
"""The file events that mean an edit, to the preview's observer (see `watch_natively`)."""

MARSHAL = 2
"""marshal's format 2, the last without references to objects met before: equal data, equal bytes, however shared."""
INDEX = "index.html"
LINK = re.compile(r"\]\(\s*<?([^)>\s#]+\.md)|^\s*\[[^\]]+\]:\s*<?([^>\s#]+\.md)", re.MULTILINE)
"""A Markdown link to a page of `docs/`, inline or by reference: MkDocs resolves it only to a page in its files."""


@dataclass(frozen=True)
class Selection:
    """Which of the plan's pages, assets and pictures one build renders (None: all): the strategy of the
    preview; a build for publishing renders `EVERYTHING`."""

    pages: set[str] | None
    """The sources (`news/2026/x/index.en.md`) of the generated pages to render."""
    assets: set[str] | None
    """The site-relative paths of the assets to copy."""
    covers: set[str] | None
    """The slugs of the posts whose cover copies to make and write."""
    scratch: Path | None
    """Where the build writes, when it does not write the served folder itself."""
    gone: frozenset[str] = frozenset()
    """The site-relative URLs of the pages no longer generated."""

    def chosen(self, specs: Iterable[PageSpec], assets: Mapping[str, Path]) -> tuple[list[PageSpec], dict[str, Path]]:
        """The pages and assets of the plan that this build renders and copies."""
        return ([spec for spec in specs if self.pages is None or spec.source in self.pages],
                {uri: path for uri, path in assets.items() if self.assets is None or uri in self.assets})


EVERYTHING = Selection(None, None, None, None)


@dataclass
class _Built:
    """What a build of the preview knows of the site it made."""

    pages: dict[str, int]
    """The fingerprint of each generated page, by source."""
    stamps: dict[str, str]
    """The digest of each asset's source and of each post's covers (hub.content.digests), by site-relative path or
    post slug."""
    outputs: set[str]
    """The site-relative paths of the files the hub generates: its pages, assets and cover copies."""
    post_urls: set[str]
    """The absolute URL of every post's page, which the sitemap dates by the post."""


class MemoryBytecodeCache(BytecodeCache):
    """Compiled templates kept between builds: each build's new Jinja environment would compile all again (0.2 s
    a language). Jinja checks each template's source against its checksum, so an edited template is compiled anew.
    Written here because Jinja's own caches keep the code in files or in memcached, not in the process."""

    def __init__(self) -> None:
        self._code: dict[str, bytes] = {}

    def load_bytecode(self, bucket: Bucket) -> None:
        code = self._code.get(bucket.key)
        if code is not None:
            bucket.bytecode_from_string(code)

    def dump_bytecode(self, bucket: Bucket) -> None:
        self._code[bucket.key] = bucket.bytecode_to_string()


class Preview:
    """The state `mkdocs serve` keeps between its builds (see the module's docstring); `mkdocs build` keeps it on disk
    (`live` False, hub.engine.mkdocs.build_cache)."""

    def __init__(self, live: bool = True) -> None:
        self.live = live
        """`mkdocs serve`: content errors show in the browser, the search is indexed in the background."""
        self.posts = PostCache()
        self.templates = MemoryBytecodeCache()
        self.search = PreviewIndex()
        self.cards: dict = {}
        """hub.site.views's cards of the posts, for `Site.cards`."""
        self.feeds: dict[str, dict] = {}
        """Each language's feed files, for `LanguageFeeds.made`."""
        self._post_pages: dict[str, tuple[Post, int, int]] = {}
        """The fingerprint of each post's page, with the post and records it was made of (see `_fingerprints`)."""
        self.served: Path | None = None
        self.shared: str | None = None
        """The fingerprint of the inputs every page shows, at the last build that succeeded; None: build everything."""
        self.built: _Built | None = None
        self.selection: Selection | None = None
        self._next: _Built | None = None
        self._covers: dict[str, list[Path]] = {}
        """The pictures of each post's cover copies (hub.site.pictures.sources), by slug."""
        self._shared_next: str | None = None

    def begin(self, config: MkDocsConfig) -> None:
        """At the start of a build: from the second on, the same served folder; whether everything is to be rebuilt."""
        self.served = self.served or Path(config.site_dir)
        self._shared_next = shared_inputs(config)
        if self._shared_next != self.shared:
            self.forget()  # cards, feeds and pages show strings and addresses the settings may have changed

    def forget(self) -> None:
        """Render everything at the next build: the settings changed, or the served folder shows problems, not the site."""
        self.shared = self.built = None
        self.cards.clear()
        self.feeds.clear()
        self._post_pages.clear()

    def select(self, config: MkDocsConfig, plan: Plan, feed_html: Mapping[str, Mapping[str, str]]) -> Selection:
        """What this build renders and copies of `plan`; an incremental build writes into a scratch folder
        (`config.site_dir`). `feed_html`: the texts of the posts the feeds carry, kept from the builds before."""
        assert self.served is not None
        site, specs, assets, carried = plan.site, plan.specs, plan.assets, plan.carried
        catalog = site.catalog
        published = {id(post) for post in catalog.published}
        for key in [key for key in self.cards if key[1] not in published]:  # the cards of posts since edited
            del self.cards[key]
        self._covers = {post.slug: [source.path for source in shown]
                        for post in catalog.published if (shown := pictures.sources([post]))}
        stamps = {uri: digests.of(path) for uri, path in assets.items()}
        post_urls = {config.site_url + spec.url for spec in specs if spec.ref.kind == "post"}
        self._next = _Built(_fingerprints(site, specs, self._post_pages), stamps, _outputs(site, specs, assets), post_urls)
        built = self.built
        if built is None:  # the covers' digests are taken once their copies are made (`finish`), on every core
            self.search.wait()  # MkDocs empties the served folder for a whole build: not while Pagefind writes there
            self.search.documents.clear()
            self.selection = EVERYTHING
            return self.selection
        changed = {source for source, fingerprint in self._next.pages.items() if built.pages.get(source) != fingerprint}
        changed |= {spec.source for spec in specs if spec.ref.kind == "post" and spec.ref.key in carried[spec.lang]
                    and spec.ref.key not in feed_html.get(spec.lang, {})}  # a post the feeds now carry needs its text
        changed |= _linked(config, specs)
        covers = self._stamp_covers()
        redrawn = {slug for slug in covers if built.stamps.get(slug) != covers[slug]}
        changed |= {spec.source for spec in specs if spec.ref.kind == "post" and spec.ref.key in redrawn}  # pictures' sizes
        scratch = Path(tempfile.mkdtemp(prefix=f".{self.served.name}.preview-", dir=self.served.parent))
        config.site_dir = str(scratch)
        pages = _with_translations(changed, specs)
        log.info(n_("{count} of {total} generated page changed since the last build: only it is rendered again",
                    "{count} of {total} generated pages changed since the last build: only they are rendered again",
                    len(pages), total=len(specs)))
        gone = frozenset(path.removesuffix(INDEX) for path in built.outputs - self._next.outputs if path.endswith(INDEX))
        self.search.forget(gone)
        self.selection = Selection(pages, {uri for uri in assets if built.stamps.get(uri) != stamps[uri]}, redrawn, scratch, gone)
        return self.selection

    def wrote(self, paths: Iterable[str]) -> None:
        """Files the hub writes at the end of a build (the feeds): deleted from the served site once no longer written."""
        assert self._next is not None
        self._next.outputs.update(paths)

    def dated(self, entries: Iterable[SitemapEntry], newest: str | None) -> list[SitemapEntry]:
        """The sitemap's entries, each page but a post's dated by the newest post (hub.site.lastmod), which may be newer
        than when the page was last rendered."""
        assert self._next is not None
        posts = self._next.post_urls
        return [entry if newest is None or entry.url in posts else replace(entry, lastmod=newest) for entry in entries]

    def finish(self) -> None:
        """The build succeeded: move its files into the served folder, delete those no longer generated."""
        assert self.selection is not None and self._next is not None and self.served is not None
        if self.selection.scratch is not None:
            _move_files(self.selection.scratch, self.served)
            assert self.built is not None
            for gone in self.built.outputs - self._next.outputs:
                _remove(self.served, gone)
        self._stamp_covers()
        self.built, self.shared, self.selection = self._next, self._shared_next, None

    def _stamp_covers(self) -> dict[str, str]:
        """The digest of each post's covers, by slug, kept for the next build."""
        assert self._next is not None
        covers = {slug: " ".join(map(digests.of, paths)) for slug, paths in self._covers.items()}
        self._next.stamps.update(covers)
        return covers

    def failed(self) -> None:
        """The build failed: the served folder keeps the last good build, unless this one was a whole one (MkDocs
        cleaned the folder first): then the next build is a whole one too."""
        if self.selection is not None and self.selection.scratch is not None:
            shutil.rmtree(self.selection.scratch, ignore_errors=True)
        elif self.selection is not None:
            self.shared = self.built = None
        self.selection = None

    def close(self) -> None:
        self.search.close()


LOCAL_NAMES = frozenset({"127.0.0.1", "localhost", "[::1]"})
"""The names by which the writer's browser asks the preview (hub preview listens on 127.0.0.1 only)."""


def local_only(server: LiveReloadServer) -> None:
    """Answer only the requests that name this computer: a page on another site can make the browser ask a name of its
    own that it then points at 127.0.0.1 (DNS rebinding), and read the preview, drafts included. MkDocs's server checks
    no Host; its application is wrapped here."""
    app = server.get_app()

    def guarded(environ: dict[str, Any], start_response: Callable[..., Any]) -> Iterable[bytes]:
        host = environ.get("HTTP_HOST", "").lower()
        name = host.partition("]")[0] + "]" if host.startswith("[") else host.partition(":")[0]
        if name not in LOCAL_NAMES:
            start_response("403 Forbidden", [("Content-Type", "text/plain; charset=utf-8")])
            return [b"The preview answers only http://127.0.0.1 and http://localhost.\n"]
        return app(environ, start_response)

    server.set_app(guarded)


def watch_natively(server: LiveReloadServer, paths: Iterable[str]) -> None:
    """Let the system tell the preview of changed files (inotify, FSEvents…) instead of MkDocs's polling.

    Every half second MkDocs reads the times of every watched file: 8,500 at 2,000 posts, 0.06 s of the one
    interpreter each time, and up to 0.6 s before an edit is noticed, of the 2 s a writer waits for the page.
    MkDocs (1.6) polls for the sake of file systems that send no notifications; it offers no option, so its
    server's observer is replaced here before it starts serving, and `paths` (`watch:` of mkdocs.yml, which
    MkDocs adds after this) are watched at once. Where the system refuses (no notifications, too many
    watches), MkDocs's polling stays.
    """
    native = watchdog.observers.Observer
    if native is watchdog.observers.polling.PollingObserver:
        return

    class Started(native):  # type: ignore[misc, valid-type]
        def start(self) -> None:  # MkDocs starts its observer when it begins serving: this one is started already
            if not self.is_alive():
                super().start()

        def schedule(self, handler: Any, path: str, **options: Any) -> Any:
            # only changes: the system also tells of files opened and read, and every build reads them
            return super().schedule(handler, path, **{**options, "event_filter": CHANGES})

    observer = Started()
    polling, watched, refs = server.observer, dict(server._watched_paths), dict(server._watch_refs)
    server.observer, server._watched_paths, server._watch_refs = observer, {}, {}
    try:
        observer.start()
        for path in dict.fromkeys([*watched, *paths]):
            server.watch(path)
    except OSError as error:
        observer.stop()
        server.observer, server._watched_paths, server._watch_refs = polling, watched, refs
        log.warning(_("the system sends no file notifications here ({problem}): the preview looks for changes every half second",
                      problem=error))
        return
    server._watched_paths.update(watched)  # MkDocs counts each path's `watch` calls


def shared_inputs(config: MkDocsConfig) -> str:
    """A fingerprint of what every page shows alike: the settings, the theme's overrides, which hand-written pages
    there are and the titles the navigation takes from their text."""
    digest = hashlib.blake2b(Path(config.config_file_path).read_bytes())
    if config.theme.custom_dir:
        for path in sorted(Path(config.theme.custom_dir).rglob("*")):
            digest.update(f"{path}{digests.of(path) if path.is_file() else ''}".encode())
    titled_by_page = _untitled(config.nav)
    docs = Path(config.docs_dir)
    for path in sorted(docs.rglob("*")):  # every file: one added or deleted is in the navigation, or a file to copy
        relative = path.relative_to(docs).as_posix()
        if relative.split("/")[0] in GENERATED_DIRS:
            continue
        shown = path.suffix == ".md" and (titled_by_page is None or _without_language(relative) in titled_by_page)
        digest.update(f"{relative}{digests.of(path) if shown else ''}".encode())
    return digest.hexdigest()


def _fingerprints(site: Site, specs: Iterable[PageSpec], posts: dict[str, tuple[Post, int, int]]) -> dict[str, int]:
    """What each generated page shows that differs from page to page (the rest: `shared_inputs`).

    A post's own page shows the post and the records it names (tags, projects, partners): while the loader
    hands back the same post (hub.content.load.PostCache) and those records are equal, its fingerprint is the one in
    `posts` (by source), which this updates; that spares two thirds of the views.
    """
    content = site.catalog.content
    records = hash(repr((content.tags, content.projects, content.partners)))
    views = {lang: site.views(lang) for lang in site.languages}
    urls = {spec.url for spec in specs}
    prefixes = {lang: site.urls.prefix(lang) for lang in site.languages}
    fingerprints, known = {}, dict(posts)
    posts.clear()
    for spec in specs:
        post = site.catalog.by_slug[spec.ref.key] if spec.ref.kind == "post" else None
        memo = known.get(spec.source)
        if post is not None and memo is not None and memo[0] is post and memo[1] == records:
            fingerprints[spec.source] = memo[2]
        else:
            path = spec.url[len(prefixes[spec.lang]):]
            translations = tuple(prefix + path in urls for prefix in prefixes.values())
            view = views[spec.lang].for_page(spec.ref)
            # marshal: the views are plain data, which it writes out three times faster than repr
            # a text read when its page is rendered stands here for the bytes of its file (`Body.digest`)
            body = spec.body if isinstance(spec.body, str) else spec.body.digest
            shown = (spec.ref.kind, spec.ref.key, spec.ref.page, spec.meta, body, view, translations)
            # a digest, not hash(): the fingerprints outlive the process (hub.engine.mkdocs.build_cache)
            fingerprints[spec.source] = int.from_bytes(hashlib.blake2b(marshal.dumps(shown, MARSHAL), digest_size=8).digest())
        if post is not None:
            posts[spec.source] = (post, records, fingerprints[spec.source])
    return fingerprints


def _outputs(site: Site, specs: Iterable[PageSpec], assets: Mapping[str, Path]) -> set[str]:
    """Every file the hub generates in the site: pages, assets and picture copies."""
    outputs = {spec.url + INDEX for spec in specs}
    outputs |= set(assets)
    made = [*pictures.sources(site.catalog.published),
            *(pictures.logo(partner) for partner in site.catalog.content.partners.values() if partner.logo is not None)]
    outputs |= {variant.src for source in made for variant in pictures.copies(source).values()}
    drawn = (pictures.drawn(site.urls, post, lang) for post in site.catalog.published if post.cover is None for lang in post.text)
    outputs |= {variant.src for variants in drawn for variant in variants.values()}
    return outputs


def _linked(config: MkDocsConfig, specs: Iterable[PageSpec]) -> set[str]:
    """The generated pages the navigation or a hand-written page links to: MkDocs resolves such a link only to a
    page among its files (the others keep their last build's output, and need not be files of this one)."""
    targets = set(navigation.paths(config.nav))
    docs = Path(config.docs_dir)
    for path in docs.rglob("*.md"):
        relative = path.relative_to(docs).as_posix()
        for found in LINK.finditer(path.read_text(encoding="utf-8")):
            target = found[1] or found[2]
            base = "" if target.startswith("/") else posixpath.dirname(relative)
            targets.add(posixpath.normpath(posixpath.join(base, target.lstrip("/"))))
    return {spec.source for spec in specs if _without_language(spec.source, spec.lang) in targets}


def _with_translations(sources: set[str], specs: list[PageSpec]) -> set[str]:
    """`sources` and the same pages in the other languages: a page's language switcher links to those it finds."""
    paths: dict[str, list[str]] = {}
    for spec in specs:
        paths.setdefault(_without_language(spec.source, spec.lang), []).append(spec.source)
    return {other for source in sources for other in paths[_without_language(source)]}


def _without_language(source: str, lang: str | None = None) -> str:
    """`news/index.en.md` → `news/index.md`."""
    stem, _dot, suffix = source.rpartition(".")
    base, _dot2, code = stem.rpartition(".")
    return f"{base}.{suffix}" if base and (lang is None or code == lang) else source


def _untitled(nav: Any) -> set[str] | None:
    """The pages the `nav:` names without a title (it shows their own); None when there is no `nav:` (all do)."""
    if nav is None:
        return None
    found: set[str] = set()

    def walk(items: Any) -> None:
        for item in items:
            if isinstance(item, str):
                found.add(item)
            elif isinstance(item, dict):
                for value in item.values():
                    if isinstance(value, list):
                        walk(value)

    walk(nav)
    return found


def _move_files(scratch: Path, served: Path) -> None:
    """Every file of `scratch` into the same place in `served`, replacing what is there."""
    for folder, _dirs, names in os.walk(scratch):
        target = served / Path(folder).relative_to(scratch)
        target.mkdir(parents=True, exist_ok=True)
        for name in names:
            os.replace(Path(folder, name), target / name)
    shutil.rmtree(scratch, ignore_errors=True)


def _remove(served: Path, relative: str) -> None:
    """A file no longer generated, and the folders it leaves empty."""
    path = served / relative
    path.unlink(missing_ok=True)
    for folder in path.parents:
        if folder == served or any(folder.iterdir()):
            break
        folder.rmdir()

