"""The MkDocs side: plan the build once (hub.build.plan), add its pages to MkDocs's files, feed the templates.

Every event here runs once per language: the default language's build runs the others' (in
forked processes when it can, see hub.engine.mkdocs.passes, with mkdocs-static-i18n's internals in
hub.engine.mkdocs.i18n), which are ordinary MkDocs builds. The generated
pages are added as files of `docs/` before mkdocs-static-i18n sorts the files by language, so
that it treats them like hand-written ones (right `lang`, switcher to the translation; see
PRODUCT.md), and their Markdown is handed over from memory after it: nothing is written into
`docs/`, which a first build of thousands of posts would wait seconds for.
"""

from __future__ import annotations

import logging
import os
import posixpath
import re
import shutil
from collections.abc import Mapping
from concurrent.futures import Future, ThreadPoolExecutor, wait
from functools import partial
from pathlib import Path, PurePosixPath
from typing import Any, Literal
from urllib.parse import urlsplit

from jinja2 import Environment
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.livereload import LiveReloadServer
from mkdocs.plugins import BasePlugin, CombinedEvent, event_priority, get_plugin_logger
from mkdocs.structure.files import File, Files, InclusionLevel
from mkdocs.structure.pages import Page

from ...build import caches, heap, settings_check
from ...build.collected import Collected
from ...build.plan import Plan, Settings
from ...build.plan import plan as make_plan
from ...content import digests, navigation
from ...content.catalog import ClockError, build_time
from ...content.errors import ContentError
from ...content.load import DOCUMENTS, PICTURES, load_content, published_from_docs
from ...content.model import Content
from ...editor.config import editor_config, labels, render
from ...editor.files import FOLDER as EDITOR_FOLDER
from ...editor.files import Bundle, EditorError, find_bundle, write_admin
from ...editor.policy import editor_policy
from ...messages import _, n_
from ...newsletter.form import SubscribeForm, subscribe_form
from ...outputs import cover_art, documents, images
from ...outputs.feeds import Channel, LanguageFeeds, absolute_html, check_site_url
from ...outputs.error_page import error_page
from ...outputs.headers import InlineCode, UnsafePage, scan_html, write_headers
from ...outputs.images import PictureCopies
from ...outputs.page_html import MARKERS, problems, published, responsive_pictures
from ...outputs.search import (BUNDLE, Earlier, PreviewIndex, SearchDocuments, SearchError, fingerprint, search_ui,
                               synonym_groups)
from ...outputs.sitemap import ROBOTS, SitemapEntry, robots, write_sitemap
from ...site import pictures
from ...site.language import CURLY_QUOTES, languages
from ...site.lastmod import last_change
from ...site.pages import Generated, PageRef, generate, page_markdown
from ...site.organisation import placeholder_message, placeholder_settings
from ...site.share import HeadMeta, head_meta
from ...site.views import PageContext
from . import i18n
from .config import HubConfig
from .fragments import FragmentCache, with_material_prefix
from .material import drop_search_assets, repair_bundle
from .passes import LanguagePass, can_fork, start
from .build_cache import BuildCache, searchable
from .preview import DRAFTS, EVERYTHING, Preview, local_only, watch_natively
from .staging import StagedDir

log = get_plugin_logger(__name__)

STRIPPED = {**dict.fromkeys(PICTURES, images.stripped), **dict.fromkeys(DOCUMENTS, documents.stripped)}
"""By suffix, what makes the copy of a file of `docs/` that MkDocs publishes as it is, without what it says of its
author or its place (None: it says nothing)."""


def _linked(path: str, docs: str) -> bool:
    """Whether the file at `path`, in the folder `docs`, is a symbolic link or in a folder that is one: MkDocs would
    copy what it points to (`assets/x.js → ~/.ssh/id_rsa`), which the preview, going on past the loader's error,
    would serve."""
    return os.path.realpath(path) != os.path.join(os.path.realpath(docs), os.path.relpath(path, docs))


class _ToMkDocs(logging.Handler):
    """What the hub's engine-free modules log (`logging.getLogger(__name__)`), shown as MkDocs shows a plugin's."""

    def emit(self, record: logging.LogRecord) -> None:
        log.log(record.levelno, record.getMessage())


_core = logging.getLogger("hub")
_core.addHandler(_ToMkDocs())
_core.setLevel(logging.INFO)
_core.propagate = False


class HubPlugin(BasePlugin[HubConfig]):
    """Thin delegations from MkDocs's events to the hub's build (hub.build): the plan made once in the default
    language's `on_config`, what each page shows looked up in it, what each pass produces collected per language."""

    def __init__(self) -> None:
        self.command: str | None = None
        self.plan: Plan | None = None
        self.selection = EVERYTHING
        """Which of the plan's pages and pictures this build renders: all, but in the preview (hub.engine.mkdocs.preview)."""
        self.generated = Generated({}, {})
        self.staged: StagedDir | None = None
        self.failed = False
        self.finished = False
        self.others: list[LanguagePass] = []
        """The other languages' passes, started by the default one's (hub.engine.mkdocs.passes)."""
        self.nested: str | None = None
        """The language of the pass running inside the default one's, or in a process forked from it."""
        self.env: Environment | None = None
        self.feeds: dict[str, LanguageFeeds] = {}
        self.collected: dict[str, Collected] = {}
        """What each language's pass produced besides its pages (hub.build.collected)."""
        self.covers: PictureCopies | None = None
        self.writing_covers: Future[None] | None = None
        """The cover copies being written into the site, on a thread of their own at the end of the build."""
        self.root: Path | None = None
        """The folder holding news/, projects/ and partners/."""
        self.output: Path | None = None
        """The folder the site is built in (the passes of other languages build theirs elsewhere, see hub.engine.mkdocs.passes)."""
        self.search: SearchDocuments | PreviewIndex | None = None
        """The searchable part of every language's pages, indexed at the end of the build."""
        self.preview: Preview | None = None
        """What `mkdocs serve` keeps from one build to the next, to render again only what an edit changed; what a
        build keeps on disk, in `cache` (hub.engine.mkdocs.build_cache)."""
        self.cache: BuildCache | None = None
        self.kept_search: Path | None = None
        """The searchable text of the last build's pages, from the cache, until the search is set up."""
        self.broken: ContentError | None = None
        """In the preview: what the content holds that stops a build, shown in the browser instead of the site."""
        self.site_name = ""
        self.editor: Bundle | None = None
        """Decap CMS's bundle, written into /admin/ at the end of a real build (hub.editor)."""
        self.stand_ins = _StandIns()
        self.written = 0
        """Pages this process has written, for handing back the memory they freed (hub.build.heap)."""
        logging.getLogger("mkdocs.structure.pages").addFilter(self.stand_ins)

    def on_startup(self, *, command: Literal["build", "gh-deploy", "serve"], dirty: bool) -> None:
        self.command = command
        if command == "serve":
            self.preview = Preview()

    # Runs after mkdocs-static-i18n's on_config (-100), which sets the language of this pass.
    @event_priority(-110)
    def on_config(self, config: MkDocsConfig) -> MkDocsConfig:
        _site_url(config)  # before anything is written
        codes = i18n.languages(config)
        _localise_markdown(config, i18n.language(config), codes)
        if i18n.language(config) != codes[0]:
            return config  # a later language's pass: the content is loaded and written already
        wrong = settings_check.problems(Path(config.config_file_path), config.site_url, self.config.newsletter,
                                        self.config.organisation, codes)
        if wrong:
            raise PluginError("\n".join(problem.describe(Path(config.config_file_path).parent) for problem in wrong))
        self._say_what_is_left_out()
        unfinished = placeholder_settings(config.site_url or "", self.config.newsletter.url, self.config.organisation)
        if unfinished:
            log.warning(placeholder_message(unfinished))
        root = self.root = Path(config.config_file_path).parent / self.config.content_dir
        self.broken = None
        self.site_name = config.site_name  # the default language's: the other passes change config's
        if self.command in ("build", "gh-deploy") and self.config.editor.enabled and self.editor is None:
            try:  # before anything is built: a missing editor is said at once
                self.editor = find_bundle(Path(config.config_file_path).parent)
            except EditorError as error:
                raise PluginError(str(error)) from None
        digests.load(_cache_dir(config) / caches.DIGESTS)  # before any fork: every process knows what the last build read
        if self.command in ("build", "gh-deploy") and self.config.cache and self.staged is None:
            self._use_cache(config)
        if self.preview is not None:
            self.preview.begin(config)
        try:
            now = build_time()
        except ClockError as error:
            raise PluginError(str(error)) from None
        found = navigation.problems(Path(config.config_file_path), config.nav, Path(config.docs_dir), codes,
                                    self.config.newsletter.form_privacy)
        content: Content | None = None
        try:
            content = load_content(root, codes, self.config.timezone, self.preview.posts if self.preview else None)
        except ContentError as error:
            found = [*error.problems, *found]
        if found or content is None:
            self._stop(ContentError(found))
            content = Content(codes, {}, {}, {})  # the preview builds the hand-written pages, then shows the problems
        drafts = self.preview is not None and self.preview.live and os.environ.get(DRAFTS) == "1"
        settings = Settings(codes, self.config.posts_per_page, self.config.home_news, self.config.feeds.items, drafts)
        plan = self.plan = make_plan(content, settings, now, self.preview.cards if self.preview is not None else None)
        self.selection = EVERYTHING
        if self.preview is not None:
            self.selection = self.preview.select(config, plan, {code: c.feed_html for code, c in self.collected.items()})
        self._begin_collecting(codes)
        specs, assets = self.selection.chosen(plan.specs, plan.assets)
        carried = set().union(*plan.carried.values())
        covered = [post for post in plan.catalog.published if self.selection.covers is None
                   or post.slug in self.selection.covers or post.slug in carried]
        logos = [pictures.logo(partner) for partner in content.partners.values() if partner.logo is not None]
        cache = _cache_dir(config) / caches.COVERS
        fork = self.config.parallel and can_fork(self.command)
        # the copies the feeds enclose are made first, the others while the pages are built
        self.covers = PictureCopies([*pictures.sources(covered), *logos], cache,
                                    [pictures.cover(post) for post in covered if post.cover and post.slug in carried],
                                    complete=self.selection.covers is None, fork=fork)
        self.stand_ins.files = dict(plan.stand_ins)
        self.generated = generate(specs, assets)
        try:
            self.covers.settle()  # before any fork
        except ContentError as error:
            self._stop(error)
        log.info(n_("{count} published post of {total}", "{count} published posts of {total}", len(plan.catalog.published),
                    total=len(content.posts)))
        if self.command in ("build", "gh-deploy") and self.staged is None:
            self.staged = StagedDir(Path(config.site_dir))
            config.site_dir = str(self.staged.begin())
        # Material's `search` plugin gathers both languages' pages in one index, in memory: one process only
        self._start_other_languages(config, codes, fork and not _material_search(config))
        self.covers.start(fork)
        if self.staged is not None:
            self.staged.sweep()  # a thread: after every fork
        return config

    @event_priority(-90)  # before mkdocs-static-i18n's (-100), which sorts the files of docs/ by language
    def _add_generated(self, files: Files, *, config: MkDocsConfig) -> Files:
        """The generated pages, as the files of `docs/` they stand for; the assets, from where they are."""
        for src_uri in self.generated.pages:
            files.append(File(src_uri, config.docs_dir, config.site_dir, config.use_directory_urls))
        for src_uri, path in self.generated.assets.items():
            files.append(File.generated(config, src_uri, abs_src_path=str(path)))
        return files

    @event_priority(-110)  # after mkdocs-static-i18n made its own copy of each file of this pass's language
    def _fill_generated(self, files: Files, *, config: MkDocsConfig) -> Files:
        """Of the generated pages, only this language's (their Markdown is made when MkDocs reads them, `on_pre_page`);
        the pictures texts show, as files MkDocs resolves their links through but does not publish (their copies are,
        hub.outputs.images); the pictures and PDFs it publishes as they are, without what names their authors."""
        assert self.plan is not None
        docs = os.path.join(config.docs_dir, "")
        for file in list(files):
            if file.src_uri in self.generated.pages:
                if file.url not in self.plan.urls:
                    files.remove(file)  # mkdocs-static-i18n's copy of a page this language lacks (a listing longer in another)
            elif (file.abs_src_path or "").startswith(docs) and not file.generated_by and _linked(file.abs_src_path, docs):
                files.remove(file)  # a symbolic link, or a file in a folder that is one: never read (the loader says so)
            elif (file.abs_src_path or "").startswith(docs) and not file.generated_by and \
                    not published_from_docs(PurePosixPath(file.src_uri)):
                files.remove(file)  # a page of HTML, a drawing, a note: `hub check` tells the writer
            elif file.abs_src_path and (not file.generated_by or file.src_uri in self.generated.assets) and \
                    (strip := STRIPPED.get(PurePosixPath(file.src_uri).suffix.lower())) is not None:
                try:
                    clean = strip(Path(file.abs_src_path))  # a picture or PDF of a hand-written page, a post's PDF
                except ContentError as error:
                    self._stop(error)
                    files.remove(file)  # the preview goes on without it
                    continue
                if clean is not None:
                    file.content_bytes = clean
        for src_uri, (path, copy) in self.stand_ins.files.items():
            stand_in = File.generated(config, src_uri, abs_src_path=str(path), inclusion=InclusionLevel.EXCLUDED)
            stand_in.dest_uri = copy
            files.append(stand_in)
        return files

    on_files = CombinedEvent(_add_generated, _fill_generated)

    def on_pre_build(self, *, config: MkDocsConfig) -> None:
        lang = i18n.language(config)
        self.feeds[lang] = self._language_feeds(config, lang)

    def on_env(self, env: Environment, *, config: MkDocsConfig, files) -> Environment:
        assert self.plan is not None
        self.env = env
        if self.preview is not None:
            env.bytecode_cache = self.preview.templates
        env.loader = with_material_prefix(env.loader)
        lang = i18n.language(config)
        env.globals["hub_fragment"] = FragmentCache()
        env.globals["hub_feeds"] = self.feeds[lang]
        env.globals["hub_subscribe"] = self._subscribe_form(config)
        env.globals["hub_search"] = search_ui(self.plan.site.languages[lang])
        env.globals["hub_text"] = self.plan.site.languages[lang]
        env.globals["hub_views"] = self.plan.site.views(lang)
        organisation = self.config.organisation
        env.globals["hub_organisation"] = organisation.shown(lang) if organisation is not None else None
        return env

    def on_pre_page(self, page: Page, *, config: MkDocsConfig, files) -> Page:
        """A generated page's Markdown, made as MkDocs is about to read it: no file of `docs/` holds it, and holding
        every page's from the start would keep the texts of the news twice over (`on_page_markdown` lets it go)."""
        spec = self.generated.pages.get(page.file.src_uri)
        if spec is not None:
            try:
                page.file.content_string = page_markdown(spec)
            except ContentError as error:  # its text changed since it was checked
                self._stop(error)
                page.file.content_string = ""
        return page

    def on_page_markdown(self, markdown: str, *, page: Page, config: MkDocsConfig, files) -> str:
        """Date the page from the content (the sitemap's `lastmod`), not from the build's clock."""
        assert self.plan is not None
        if page.file.src_uri in self.generated.pages:
            page.file.content_string = ""  # read into `markdown`: see on_pre_page
        page.update_date = last_change(self.plan.catalog, self.plan.ref(page.file.src_uri)) or page.update_date
        return markdown

    def on_page_content(self, html: str, *, page: Page, config: MkDocsConfig, files) -> str:
        """The text as readers get it (hub.outputs.page_html), noting what only a mistake or an attack writes; keep the
        text of each post the feeds of this pass's language carry."""
        assert self.plan is not None
        lang, ref = i18n.language(config), self.plan.ref(page.file.src_uri)
        collected = self.collected[lang]
        post = self.plan.post(ref)
        if ref is not None:
            source = self.plan.text_source(ref, lang)
        else:
            source = Path(page.file.abs_src_path) if page.file.abs_src_path else None
        if source is not None:
            collected.unsafe.extend(problems(html, source, MARKERS, errors_only=True))
        html = published(html, MARKERS, responsive_pictures(post) if post is not None else None, page.url)
        if post is not None and post.slug in self.plan.carried[lang]:
            collected.feed_html[post.slug] = absolute_html(html, self.feeds[lang].absolute(page.url))
        # rendered: MkDocs keeps it to the end of the pass, and reads no more of it than whether it is None (a page
        # whose Markdown is None has no title, in every menu written after it)
        page.markdown = ""
        return html

    def on_page_context(self, context: dict[str, Any], *, page: Page, config: MkDocsConfig, nav) -> dict[str, Any]:
        plan = self.plan
        assert plan is not None
        lang, ref = i18n.language(config), plan.ref(page.file.src_uri)
        hub = context["hub"] = PageContext(plan.site.views(lang), page.url, ref)
        title = config.site_name if page.url == plan.site.urls.home(lang) else page.title
        meta = context["hub_meta"] = self._head_meta(config, page.url, ref, title, page.meta.get("description"))
        if ref is not None:  # the switcher leads to what exists: a listing may be shorter there
            i18n.set_switcher(config, lambda other: plan.site.urls.nearest(page.url, lang, other, plan.urls.__contains__))
        if meta.url is not None and page.update_date:
            self.collected[lang].sitemap[page.url] = SitemapEntry(meta.url, page.update_date, meta.alternates)
        if page.content and "<!-- hub:" in page.content:
            page.content = self._render_markers(page.content, hub)
        return context

    def on_template_context(self, context: dict[str, Any], *, template_name: str, config: MkDocsConfig) -> dict[str, Any]:
        """The 404 page, which answers at any address: the site's head, a switcher to each language's home."""
        if template_name == "404.html":
            assert self.plan is not None
            urls = self.plan.site.urls
            context["hub_meta"] = self._head_meta(config, None, None, config.site_name, None)
            # built before the pages, the 404 page would get the last page's switcher from the pass before
            root = urlsplit(config.site_url).path
            i18n.set_switcher(config, lambda lang: root + urls.home(lang))
        return context

    @event_priority(-200)  # the page as it is written, after every other plugin
    def on_post_page(self, output: str, *, page: Page, config: MkDocsConfig) -> str:
        """Keep the page's text for the search index, unless its front matter says `search: {exclude: true}`;
        note what it runs inline, for the response headers; let go of its HTML."""
        lang = i18n.language(config)
        self._draw_cover(config, page, lang)
        if self.search is not None:
            self.search.add(lang, page.url, None if (page.meta.get("search") or {}).get("exclude") else output)
        if self.staged is not None:  # a real build, not the preview
            scan_html(page.file.dest_uri, output, self.collected[lang].inline)
        # MkDocs renders every page's Markdown before it writes the first (`_populate_page`), and keeps its HTML to the
        # end of the pass: nothing reads it once the page is written (on_page_content let go of its Markdown)
        page.content = None
        self.written += 1
        if self.written % heap.EVERY == 0:
            heap.give_back()
        return output

    def _draw_cover(self, config: MkDocsConfig, page: Page, lang: str) -> None:
        """The cover drawn for a post page whose post has none, next to the page: drawn when the page is, so that the
        preview draws again only the posts whose page it renders again (hub.outputs.cover_art)."""
        assert self.plan is not None
        post = self.plan.post(self.plan.ref(page.file.src_uri))
        if post is None or post.cover is not None or lang not in post.text:
            return
        drawing = pictures.drawing(post, lang, self.plan.catalog.content, config.site_name)
        folder = (Path(config.site_dir) / page.file.dest_uri).parent
        cache = _cache_dir(config) / caches.DRAWN
        made = cover_art.drawn(drawing, cache)
        folder.mkdir(parents=True, exist_ok=True)  # the page is written after this event
        for name, variant in pictures.drawn(self.plan.site.urls, post, lang).items():
            (folder / posixpath.basename(variant.src)).write_bytes(made[name])

    def on_serve(self, server: LiveReloadServer, *, config: MkDocsConfig, builder) -> LiveReloadServer:
        watch_natively(server, config.watch)
        local_only(server)
        return server

    def on_build_error(self, *, error: Exception) -> None:
        self.failed = True
        if self.nested is not None:
            return  # a language's pass inside the default one's: what they share is the default pass's to clean up
        for other in self.others:
            other.discard()
        if self.preview is not None:
            self.preview.failed()
        if isinstance(self.search, SearchDocuments):
            self.search.discard()
        if self.writing_covers is not None:
            # it reads the copies: ending them under it would race (two threads ending one pool)
            wait([self.writing_covers])
            self.writing_covers = None
        if self.covers is not None:
            self.covers.discard()

    # Runs after mkdocs-static-i18n's on_post_build (-100), which leaves the other languages to this one.
    @event_priority(-110)
    def on_post_build(self, *, config: MkDocsConfig) -> None:
        lang = i18n.language(config)
        codes = i18n.languages(config)
        site = Path(config.site_dir)
        self._write_feeds(lang, site)
        heap.give_back()  # the pages' HTML and the feeds, once written; in the default pass, before Pagefind runs
        if lang != codes[0]:
            return  # another language's pass: the default one's finishes the site
        indexed = isinstance(self.search, PreviewIndex)
        if not indexed:
            self._write_search(lang)  # while the other passes may still be building their pages
        for other in self.others:
            self.collected[other.lang] = other.finish(partial(self._language_pass, config, other.lang))
            other.move_into(site)
        if self.preview is not None:
            self.preview.wrote(path for collected in self.collected.values() for path in collected.written)
        unsafe = {problem for collected in self.collected.values() for problem in collected.unsafe}
        if unsafe:
            self._stop(ContentError(list(unsafe)))
        # Once no pass of this process reads the copies any more, on a thread while the other languages' search is
        # indexed: it mostly waits for the files it reads and writes
        covers = ThreadPoolExecutor(1, thread_name_prefix="hub-covers")
        self.writing_covers = covers.submit(self._write_covers, site)
        covers.shutdown(wait=False)
        if not indexed:  # one index at a time, each in parts (hub.outputs.search.PART_PAGES): the build's memory
            for other in self.others:
                self._write_search(other.lang)
        self._write_sitemap(site, codes, config)
        try:
            self.writing_covers.result()
        except ContentError as error:
            self._stop(error)
        finally:
            self.writing_covers = None
        if _material_search(config):
            i18n.reconfigure_search(config)
        else:
            drop_search_assets(site)
        if not repair_bundle(site):
            log.warning(_("Material's script has changed: the repairs of hub/engine/mkdocs/material.py no longer apply; "
                          "check that no page fetches <page>/sitemap.xml or asks unpkg.com (tests/test_browser.py), "
                          "then update them"))
        if self.preview is not None:
            if self.selection.scratch is not None and self.preview.served is not None and not self.preview.live:
                shutil.rmtree(self.preview.served / BUNDLE, ignore_errors=True)  # written whole into the scratch folder
            self.preview.finish()
            site = self.preview.served or site
        if self.preview is not None and self.preview.live:
            self.preview.search.publish(site)
            if self.broken is not None:
                self._show_problems(site)
        if self.staged is not None:  # a real build, not the preview
            sections = self._write_editor(site, config)
            self._finish_site(site, sections)  # keep it last: see _finish_site
        if self.cache is not None and self.staged is not None:
            self._keep_cache(site)
        if isinstance(self.search, SearchDocuments):
            self.search.discard()
        digests.save(_cache_dir(config) / caches.DIGESTS)
        self.finished = True

    def on_shutdown(self) -> None:
        if self.preview is not None:
            self.preview.close()
        if self.staged is None:
            return
        if self.failed or not self.finished:
            self.staged.discard()
            log.error(_("The build failed: {folder} was left as it was.", folder=self.staged.target))
        else:
            self.staged.commit()

    def _stop(self, error: ContentError) -> None:
        """What the content holds that stops the build: the build stops, naming every problem; the preview goes on,
        to show them in the browser instead of the site (`_show_problems`)."""
        assert self.root is not None
        found = ContentError(error.problems, self.root)
        if self.preview is None or not self.preview.live:
            raise PluginError(found.report())
        if self.broken is not None:
            found = ContentError(self.broken.problems + found.problems, self.root)
        self.broken = found
        self.preview.forget()
        log.error(found.report())

    def _show_problems(self, site: Path) -> None:
        """Every page of the preview shows the problems; the next build that succeeds is a whole one (Preview.forget)."""
        assert self.broken is not None
        page = error_page(self.broken.problems, self.broken.root or Path.cwd()).encode()
        for path in [*site.rglob("*.html")]:
            path.write_bytes(page)
        if self.preview is not None:
            self.preview.forget()
        log.warning(_("the preview shows the problems in the browser; it shows the site again once they are fixed"))

    def _begin_collecting(self, codes: tuple[str, ...]) -> None:
        """A fresh collector per language; the preview's next build keeps the pages' entries and the feeds' texts of
        the pages it does not render again, but those no longer generated."""
        kept = self.collected if self.selection.scratch is not None else {}
        self.collected = {}
        for code in codes:
            before = kept.get(code, Collected(code))
            sitemap = {url: entry for url, entry in before.sitemap.items() if url not in self.selection.gone}
            self.collected[code] = Collected(code, sitemap=sitemap, feed_html=before.feed_html)

    def _language_feeds(self, config: MkDocsConfig, lang: str) -> LanguageFeeds:
        """The feeds of this pass's language, named from its configuration (mkdocs-static-i18n sets the names)."""
        assert self.plan is not None and self.covers is not None
        settings = self.config.feeds
        channel = Channel(lang, _site_url(config), config.site_name, config.site_description or config.site_name,
                          config.copyright, settings.icon or config.theme["favicon"], self.config.timezone, settings.items)
        site = self.plan.site
        return LanguageFeeds(site.catalog, site.urls, site.languages[lang], channel, self.covers.made(),
                             self.preview.feeds.setdefault(lang, {}) if self.preview is not None else None)

    def _head_meta(self, config: MkDocsConfig, url: str | None, ref: PageRef | None, title: str, description: str | None) -> HeadMeta:
        plan = self.plan
        assert plan is not None
        return head_meta(plan.site, i18n.language(config), _site_url(config), config.site_name, url, ref, title,
                         description or config.site_description or config.site_name,
                         exists=lambda other: ref is None or other in plan.urls)  # a hand-written page always is

    def _write_feeds(self, lang: str, site: Path) -> None:
        assert self.plan is not None
        collected = self.collected[lang]
        texts = collected.feed_html
        if self.preview is None:
            collected.feed_html = {}
        else:  # the next build renders again only the posts that change
            texts = collected.feed_html = {slug: html for slug, html in texts.items() if slug in self.plan.carried[lang]}
        files = self.feeds[lang].render(texts)
        _write_files(site, files)
        collected.written.update(files)
        log.info(n_("{count} feed written for '{lang}'", "{count} feeds written for '{lang}'", len(files), lang=lang))

    def _write_covers(self, site: Path) -> None:
        """The cover copies, once all are made (hub.outputs.images), each read from the cache as it is written; when
        only some pages are rendered (the preview, the build cache), only those of the covers that changed. Raises
        ContentError for a picture that could not be made."""
        assert self.covers is not None and self.root is not None and self.plan is not None
        copies = self.covers.finish()
        redrawn = self.selection.covers
        if redrawn is not None:
            changed = {variant.src for source in pictures.sources(self.plan.catalog.by_slug[slug] for slug in redrawn)
                       for variant in pictures.copies(source).values()}
            copies = {path: copies[path] for path in copies if path in changed}
        _write_files(site, copies)

    def _write_sitemap(self, site: Path, codes: tuple[str, ...], config: MkDocsConfig) -> None:
        """The sitemap, and the crawlers' rules naming it unless `docs/robots.txt` gives the site's own."""
        assert self.plan is not None
        entries = [entry for code in codes for _url, entry in sorted(self.collected[code].sitemap.items())]
        if self.preview is not None:
            entries = self.preview.dated(entries, last_change(self.plan.catalog, None))
        write_sitemap(site, entries)
        if not (Path(config.docs_dir) / ROBOTS).is_file():
            (site / ROBOTS).write_bytes(robots(_site_url(config), self.config.editor.enabled))

    def _start_other_languages(self, config: MkDocsConfig, codes: tuple[str, ...], fork: bool) -> None:
        """From the default language's pass: fork the others' now, or prepare to run them at its end (hub.engine.mkdocs.passes)."""
        self.output = Path(config.site_dir)
        if self.preview is not None and self.preview.live:
            self.search = self.preview.search
        else:
            self.search = SearchDocuments()
            if self.kept_search is not None and self.selection.scratch is not None:
                self._keep_search(self.kept_search)
            self.kept_search = None
        assert self.plan is not None
        self.search.synonyms = synonym_groups(self.plan.catalog.content)
        self.search.part_pages = self.config.search.part_pages
        i18n.take_over_passes(config)
        if fork and codes[1:]:
            log.info(_("building {languages} in parallel, each language in a process of its own", languages=", ".join(codes[1:])))
        self.others = []
        for lang in codes[1:]:
            self.others.append(start(lang, Path(config.site_dir), partial(self._language_pass, config, lang), fork))

    def _language_pass(self, config: MkDocsConfig, lang: str, scratch: Path) -> Collected:
        """Build `lang` into `scratch`: an ordinary MkDocs build, whose events come back to this plugin."""
        self.nested = lang
        try:
            i18n.run_pass(config, lang, scratch)
        finally:
            self.nested = None
        return self.collected[lang]

    def _keep_search(self, kept: Path) -> None:
        """The searchable text of the pages the last build indexed (hub.engine.mkdocs.build_cache), read one at a time:
        kept for the pages this build does not render again, and told apart by their fingerprints, which say what
        parts of the last index this one can carry over."""
        assert isinstance(self.search, SearchDocuments) and self.preview is not None and self.preview.served is not None
        earlier: dict[str, dict[str, bytes]] = {}
        for lang, url, document in searchable(kept):
            if url not in self.selection.gone:
                self.search.keep(lang, url, document)
            earlier.setdefault(lang, {})[url] = fingerprint(document)
        for lang, pages in earlier.items():
            self.search.earlier[lang] = Earlier(pages, self.preview.served / BUNDLE / lang)

    def _write_search(self, lang: str) -> None:
        """Index the pages of `lang` straight into the site's `pagefind/<lang>/`, from the default language's pass."""
        assert self.search is not None and self.output is not None
        try:
            count = self.search.write_index(lang, self.output)
        except SearchError as error:
            raise PluginError(_("the search index: {problem}", problem=error)) from None
        log.info(n_("search: {count} page indexed for '{lang}'", "search: {count} pages indexed for '{lang}'", count, lang=lang))

    def _use_cache(self, config: MkDocsConfig) -> None:
        """Build into the cache's copy of the last site, rendering only what changed since (hub.engine.mkdocs.build_cache);
        the site folder gets its files once the build succeeded."""
        self.cache = BuildCache(_cache_dir(config) / caches.BUILD)
        self.preview = Preview(live=False)
        restored = self.cache.restore(self.preview)
        if restored is not None:
            self.collected, self.kept_search = restored.collected, restored.search
        self.cache.begin()
        self.staged = StagedDir(Path(config.site_dir))
        config.site_dir = str(self.cache.site)

    def _keep_cache(self, site: Path) -> None:
        """The build succeeded in the cache's site: keep its state for the next build, and give the site folder its files."""
        assert self.cache is not None and self.preview is not None and self.staged is not None
        self.cache.save(self.preview, self.collected, self.search.documents() if isinstance(self.search, SearchDocuments) else ())
        self.staged.fill(site)

    def _say_what_is_left_out(self) -> None:
        """Once per build: a site without a newsletter provider or an organisation is allowed, with a warning."""
        if self.config.newsletter.service is None:
            log.warning(_("no newsletter provider is set (plugins → hub → newsletter → provider in mkdocs.yml): "
                          "pages link to the RSS feed instead of showing the subscribe form"))
        if self.config.organisation is None:
            log.warning(_("no organisation is set (plugins → hub → organisation in mkdocs.yml): readers and subscribers "
                          "see nobody behind the site, and an e-mail issue has no postal address"))

    def _subscribe_form(self, config: MkDocsConfig) -> SubscribeForm:
        """The form of this pass's language; the organisation is the site's name in that language."""
        assert self.plan is not None
        lang = i18n.language(config)
        names = i18n.names(config)
        return subscribe_form(self.config.newsletter, lang, config.site_name, {code: names[code] for code in i18n.languages(config)},
                              self.plan.site.languages[lang], self.plan.site.urls)

    def _write_editor(self, site: Path, config: MkDocsConfig) -> dict[str, str]:
        """The browser editor at /admin/, its configuration generated from the content model; returns the folders with
        a Content-Security-Policy of their own (the editor's) for the response headers."""
        if self.editor is None or self.plan is None:
            return {}
        settings = self.config.editor.settings()
        content = self.plan.catalog.content
        text = render(editor_config(content, settings, timezone=self.config.timezone))
        title = f"{labels(content.languages[0])['editor']} · {self.site_name}"  # in the editor's language, as its interface
        write_admin(site, self.editor, text, title=title, lang=content.languages[0])
        return {EDITOR_FOLDER: editor_policy(settings)}

    def _finish_site(self, site: Path, sections: Mapping[str, str] | None = None) -> None:
        """The build's LAST step: the headers hash the inline scripts of the finished pages, so
        whatever still writes or changes a file in the site must run before this call."""
        scanned = InlineCode()
        for collected in self.collected.values():
            scanned.add(collected.inline)
        try:
            headers = write_headers(site, scanned, sections)
        except UnsafePage as error:
            raise PluginError(str(error)) from None
        for warning in headers.warnings():
            log.warning(warning)

    def _render_markers(self, html: str, hub: PageContext) -> str:
        assert self.env is not None
        for marker, (template, method) in MARKERS.items():
            if marker in html:
                items = getattr(hub.views, method)() if method else None
                html = html.replace(marker, self.env.get_template(template).render(hub=hub, items=items))
        return html


EXCLUDED_LINK = re.compile(r"contains a link to '([^']+)' which is excluded from the built site\.$")
"""MkDocs 1.6's message for a link to an excluded file (mkdocs/structure/pages.py)."""


class _StandIns(logging.Filter):
    """The pictures texts show, as MkDocs resolves their links (see `_fill_generated`): it says at INFO level that
    each is "excluded from the built site", which is the point (their copies are published), so that is not said."""

    def __init__(self) -> None:
        super().__init__()
        self.files: dict[str, tuple[Path, str]] = {}
        """Docs-relative path → (the original, the site-relative path of its page copy)."""

    def filter(self, record: logging.LogRecord) -> bool:
        excluded = EXCLUDED_LINK.search(record.getMessage())
        return excluded is None or excluded[1] not in self.files


def _write_files(site: Path, files: Mapping[str, bytes]) -> None:
    """Files the hub makes itself, by site-relative path."""
    for relative, content in files.items():
        path = site / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(content)


def _cache_dir(config: MkDocsConfig) -> Path:
    return caches.folder(Path(config.config_file_path).parent)


def _site_url(config: MkDocsConfig) -> str:
    try:
        return check_site_url(config.site_url)
    except ValueError as error:
        raise PluginError(f"{Path(config.config_file_path).name}: {error}") from None


def _localise_markdown(config: MkDocsConfig, lang: str, codes: tuple[str, ...]) -> None:
    """This pass's Markdown in its language: the headings' permanent links' title, and English quotes in English."""
    config.mdx_configs.setdefault("toc", {})["permalink_title"] = languages(codes)[lang].t("permalink")
    extensions = [name for name in config.markdown_extensions if name != "smarty"]
    if lang in CURLY_QUOTES:
        extensions.append("smarty")
        config.mdx_configs["smarty"] = {"smart_dashes": False, "smart_ellipses": False, "smart_angled_quotes": False}
    config.markdown_extensions = extensions


def _material_search(config: MkDocsConfig) -> bool:
    """Whether MkDocs's or Material's own `search` plugin is on (the site uses Pagefind; the benchmarks compare)."""
    return any(name in config.plugins for name in ("search", "material/search"))
