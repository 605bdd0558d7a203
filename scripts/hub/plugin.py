"""The MkDocs side: load the content once per build, write its pages into `docs/`, feed the templates.

mkdocs-static-i18n builds the default language, then re-runs the whole build for each other
language from its `on_post_build`; every event here therefore runs once per language.
Pages are written before MkDocs collects files, so the i18n plugin treats them like
hand-written ones (right `lang`, switcher to the translation); see PRODUCT.md.
"""

from __future__ import annotations

import os
from datetime import datetime, timezone
from pathlib import Path
from typing import Any, Literal

from jinja2 import Environment
from mkdocs.config import config_options as c
from mkdocs.config.base import Config
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, event_priority, get_plugin_logger
from mkdocs.structure.pages import Page

from .catalog import Catalog
from .errors import ContentError
from .language import languages
from .load import GENERATED_DIRS, load_content
from .pages import generate
from .staging import StagedDir
from .sync import sync_tree
from .urls import Urls
from .views import PageContext, Site, Views

log = get_plugin_logger(__name__)

MARKERS = {
    "<!-- hub:latest-news -->": ("hub/partials/cards.html", "latest"),
    "<!-- hub:current-projects -->": ("hub/partials/projects.html", "current_projects"),
}


class HubConfig(Config):
    content_dir = c.Type(str, default=".")
    """Folder holding news/, projects/ and partners/, relative to mkdocs.yml."""
    timezone = c.Type(str, default="Europe/Kyiv")
    posts_per_page = c.Type(int, default=10)
    home_news = c.Type(int, default=5)


def build_time() -> datetime:
    """Now, or `HUB_NOW` (ISO 8601 with offset) to build the site as of another moment."""
    value = os.environ.get("HUB_NOW")
    if not value:
        return datetime.now(timezone.utc)
    moment = datetime.fromisoformat(value)
    if moment.tzinfo is None:
        raise PluginError(f"HUB_NOW={value!r}: expected a time with its offset, like 2026-11-23T12:00:00+02:00")
    return moment


class HubPlugin(BasePlugin[HubConfig]):
    def __init__(self) -> None:
        self.command: str | None = None
        self.site: Site | None = None
        self.staged: StagedDir | None = None
        self.failed = False
        self.finished_passes = 0
        self.expected_passes = 0
        self.passes: list[str] = []
        """Languages of the builds under way: mkdocs-static-i18n nests the others in the default one."""
        self.default_404: bytes | None = None
        self.env: Environment | None = None

    def on_startup(self, *, command: Literal["build", "gh-deploy", "serve"], dirty: bool) -> None:
        self.command = command

    # Runs after mkdocs-static-i18n's on_config (-100), which sets the language of this pass.
    @event_priority(-110)
    def on_config(self, config: MkDocsConfig) -> MkDocsConfig:
        codes = _languages(config)
        self.expected_passes = len(codes)
        self.passes.append(config.theme["language"])
        if config.theme["language"] != codes[0]:
            return config  # a later language's pass: the content is loaded and written already
        root = Path(config.config_file_path).parent / self.config.content_dir
        try:
            content = load_content(root, codes, self.config.timezone)
        except ContentError as error:
            raise PluginError(error.report()) from None
        urls = Urls(codes[0])
        strings = languages(codes)
        catalog = Catalog.build(content, build_time())
        self.site = Site(catalog, urls, strings, self.config.posts_per_page, self.config.home_news)
        written = sync_tree(Path(config.docs_dir), GENERATED_DIRS, generate(catalog, urls, strings, self.config.posts_per_page))
        log.info(f"{len(catalog.published)} published posts of {len(content.posts)}; {written} generated files changed")
        if self.command in ("build", "gh-deploy") and self.staged is None:
            self.staged = StagedDir(Path(config.site_dir))
            config.site_dir = str(self.staged.begin())
        return config

    def on_pre_build(self, *, config: MkDocsConfig) -> None:
        if len(self.passes) > 1:  # every pass writes /404.html: keep the default language's
            path = Path(config.site_dir) / "404.html"
            self.default_404 = path.read_bytes() if path.exists() else None

    def on_env(self, env: Environment, *, config: MkDocsConfig, files) -> Environment:
        self.env = env
        return env

    def on_page_context(self, context: dict[str, Any], *, page: Page, config: MkDocsConfig, nav) -> dict[str, Any]:
        assert self.site is not None
        views = self.site.views(config.theme["language"])
        hub = PageContext(views, page.url, views.for_page(page.meta.get("hub")))
        context["hub"] = hub
        if page.content and "<!-- hub:" in page.content:
            page.content = self._render_markers(page.content, hub)
        return context

    def on_build_error(self, *, error: Exception) -> None:
        self.failed = True

    # Runs after mkdocs-static-i18n's on_post_build (-100), which runs the other languages' passes.
    @event_priority(-110)
    def on_post_build(self, *, config: MkDocsConfig) -> None:
        lang = self.passes.pop()
        if self.passes and self.default_404 is not None:
            site = Path(config.site_dir)
            (site / lang).mkdir(exist_ok=True)
            os.replace(site / "404.html", site / lang / "404.html")
            (site / "404.html").write_bytes(self.default_404)
        self.finished_passes += 1

    def on_shutdown(self) -> None:
        if self.staged is None:
            return
        if self.failed or self.finished_passes < self.expected_passes:
            self.staged.discard()
            log.error(f"The build failed: {self.staged.target} was left as it was.")
        else:
            self.staged.commit()

    def _render_markers(self, html: str, hub: PageContext) -> str:
        assert self.env is not None
        for marker, (template, method) in MARKERS.items():
            if marker in html:
                items = getattr(hub.views, method)()
                html = html.replace(marker, self.env.get_template(template).render(hub=hub, items=items))
        return html


def _languages(config: MkDocsConfig) -> tuple[str, ...]:
    """The languages of mkdocs-static-i18n's configuration, default first."""
    i18n = config.plugins.get("i18n")
    if i18n is None:
        raise PluginError("the 'hub' plugin needs the 'i18n' plugin (mkdocs-static-i18n) in mkdocs.yml")
    configured = [lang for lang in i18n.config.languages if lang.build]
    default = [lang.locale for lang in configured if lang.default]
    return tuple(default + [lang.locale for lang in configured if not lang.default])
