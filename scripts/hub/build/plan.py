"""What one build makes, decided once from the content, the settings and the moment: an immutable plan.

Every language's pass, the live preview and `hub check` read the same plan: which pages exist in which
language (never the engine's fallback copies), what each page shows (its `PageRef`, looked up by its
source path), the files published as they are, the posts the feeds carry, and the pictures texts show.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from ..content.catalog import Catalog
from ..content.model import Content, Post
from ..outputs.feeds import carried
from ..outputs.page_html import stand_ins
from ..site.language import languages
from ..site.pages import PageRef, PageSpec, page_specs, site_assets
from ..site.urls import Urls
from ..site.views import Site


@dataclass(frozen=True)
class Settings:
    """What the site's configuration says about what to build."""

    languages: tuple[str, ...]
    """Default first."""
    per_page: int
    home_news: int
    feed_items: int
    drafts: bool = False
    """Show drafts and scheduled posts, marked as such: for the preview only (`hub preview --drafts`)."""


@dataclass(frozen=True)
class Plan:
    site: Site
    specs: tuple[PageSpec, ...]
    """Every generated page, in every language."""
    assets: Mapping[str, Path]
    """The files published as they are (hub.site.pages.site_assets), by site-relative path."""
    carried: Mapping[str, frozenset[str]]
    """The slugs of the posts each language's feeds carry (their texts and covers are needed at once)."""
    stand_ins: Mapping[str, tuple[Path, str]]
    """Each picture a text shows, by the docs-relative path the text names it by: its original, and the
    site-relative path of the copy the page shows (hub.outputs.page_html.stand_ins)."""
    refs: Mapping[str, PageRef]
    """What each generated page shows, by its source (`news/2026/x/index.en.md`)."""
    urls: frozenset[str]
    """Every generated page's site-relative URL: a listing may have a page more in one language."""

    @property
    def catalog(self) -> Catalog:
        return self.site.catalog

    def ref(self, source: str) -> PageRef | None:
        """What the page made from `source` shows; None for a hand-written page."""
        return self.refs.get(source)

    def post(self, ref: PageRef | None) -> Post | None:
        """The post a page shows, if it is a post's page."""
        return self.catalog.by_slug[ref.key] if ref is not None and ref.kind == "post" else None

    def text_source(self, ref: PageRef, lang: str) -> Path | None:
        """The file whose text a generated page shows (a post's, a project's, a partner's); None for a listing."""
        content = self.catalog.content
        if ref.kind == "post":
            text = self.catalog.by_slug[ref.key].text.get(lang)
            return text.source if text is not None else None
        if ref.kind == "project" and ref.page == 1:
            return content.projects[ref.key].text[lang].source
        if ref.kind == "partner" and ref.page == 1:
            return content.partners[ref.key].source
        return None


def plan(content: Content, settings: Settings, now: datetime, cards: dict | None = None) -> Plan:
    """The plan of a build of `content` as of `now`; `cards`: the post cards a long-lived preview keeps (hub.site.views)."""
    catalog = Catalog.build(content, now, settings.drafts)
    urls = Urls(settings.languages[0])
    site = Site(catalog, urls, languages(settings.languages), settings.per_page, settings.home_news,
                cards if cards is not None else {})
    specs = tuple(page_specs(catalog, urls, site.languages, settings.per_page))
    return Plan(
        site=site,
        specs=specs,
        assets=site_assets(catalog),
        carried={code: frozenset(carried(catalog, code, settings.feed_items)) for code in settings.languages},
        stand_ins={src_uri: (path, copy) for src_uri, path, copy in stand_ins(catalog.published)},
        refs={spec.source: spec.ref for spec in specs},
        urls=frozenset(spec.url for spec in specs),
    )
