"""When each page last changed, for the sitemap: from the content, never from the build's clock.

MkDocs dates every page with the day of the build (or `SOURCE_DATE_EPOCH`), so two builds of
the same content on two days would differ. A post's page changes with the post: its date. Any
other page is dated by the newest published post, the latest change the content tells of.
"""

from __future__ import annotations

from ..content.catalog import Catalog
from .pages import PageRef


def last_change(catalog: Catalog, ref: PageRef | None) -> str | None:
    """`2026-11-19` for the page that shows `ref` (None: a hand-written page); None when no post is published."""
    if ref is not None and ref.kind == "post":
        return catalog.by_slug[ref.key].date.date().isoformat()
    # `published` is newest first: its head is the newest post, without a pass over all posts per page
    return catalog.published[0].date.date().isoformat() if catalog.published else None
