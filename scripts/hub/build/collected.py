"""What a language's pass produces besides its pages, collected as they are written and handed back at its end."""

from __future__ import annotations

from dataclasses import dataclass, field

from ..content.errors import Problem
from ..outputs.headers import InlineCode
from ..outputs.sitemap import SitemapEntry


@dataclass
class Collected:
    """One language's: a forked pass returns it to the default one (pickled), which finishes the site."""

    lang: str
    sitemap: dict[str, SitemapEntry] = field(default_factory=dict)
    """By page URL."""
    inline: InlineCode = field(default_factory=InlineCode)
    """What its pages run inline (hub.outputs.headers), scanned as they were written."""
    unsafe: list[Problem] = field(default_factory=list)
    """What its texts hold that stops the build (hub.outputs.sanitize): reported for every language at once."""
    feed_html: dict[str, str] = field(default_factory=dict)
    """The rendered text of each post the feeds carry, by slug, for the feeds written at the end of the pass (which
    empties it, but in the preview: its next build renders again only the posts that change)."""
    written: set[str] = field(default_factory=set)
    """The site-relative paths of the files it wrote besides its pages (the feeds): what is no longer written is deleted
    from a site built by parts (hub.engine.mkdocs.preview)."""
