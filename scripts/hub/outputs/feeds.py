"""The news as feeds, per language: RSS 2.0 and Atom 1.0 through feedgen, JSON Feed 1.1 by hand.

Pure: the catalog, the URL scheme and the rendered HTML of the posts in, `{site-relative path: bytes}`
out. One feed of each format for the whole news, for every project and for every tag, each next to
the page that lists the same posts (`feed.xml`, `projects/jointly/atom.xml`, `en/news/tags/training/feed.json`).
Every date comes from the content, never from the clock, so two builds of the same content give the same bytes.
"""

from __future__ import annotations

import heapq
import json
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime, timezone
from typing import Any
from urllib.parse import urlsplit
from zoneinfo import ZoneInfo

import lxml.html
from feedgen.ext.base import BaseEntryExtension, BaseExtension
from feedgen.feed import FeedGenerator
from feedgen.util import xml_elem

from ..content.catalog import Catalog
from ..content.model import Post
from ..messages import _
from ..site import pictures
from ..site.language import Language
from ..site.pages import PageRef
from ..site.urls import FEED_FILES, Urls, absolute
from .sanitize import escape_text

MIME_TYPES = {"rss": "application/rss+xml", "atom": "application/atom+xml", "json": "application/feed+json"}
LABELS = {"rss": "RSS", "atom": "Atom", "json": "JSON Feed"}
JSON_FEED_VERSION = "https://jsonfeed.org/version/1.1"
EPOCH = datetime(1970, 1, 1, tzinfo=timezone.utc)
"""The `updated` time of a feed in a language that has no post at all."""
HELP_PAGE = "feeds/"
"""The hand-written page explaining feeds (`docs/feeds.<lang>.md`)."""


def check_site_url(url: str | None) -> str:
    """`url` if it is an absolute http(s) address; feeds cannot be built on anything else."""
    parts = urlsplit(url or "")
    if url and parts.scheme in ("http", "https") and parts.netloc:
        return url if url.endswith("/") else url + "/"
    if url:
        raise ValueError(_("'site_url' is {url}, not an absolute address: feeds need absolute links; set it to the address the "
                           "site is published at, like 'https://right-to-family.example.org/'", url=repr(url)))
    raise ValueError(_("'site_url' is missing: feeds need absolute links; set it to the address the site is published at, "
                       "like 'https://right-to-family.example.org/'"))


def absolute_html(html: str, base: str) -> str:
    """The HTML of a post as a feed carries it: every link and image absolute, without heading anchors (¶), each
    picture its page copy alone (feed readers take `src`; a `srcset` would stay relative)."""
    if not html.strip():
        return ""
    root = lxml.html.fragment_fromstring(html, create_parent="div")
    for anchor in root.find_class("headerlink"):
        anchor.drop_tree()
    for picture in root.iter("img"):
        for name in ("srcset", "sizes", "loading", "decoding"):
            picture.attrib.pop(name, None)
    root.make_links_absolute(base, resolve_base_href=False)
    return (root.text or "") + "".join(lxml.html.tostring(child, encoding="unicode") for child in root)


@dataclass(frozen=True)
class Channel:
    """What every feed of one language says about the site, from the configuration of that language's build."""

    lang: str
    site_url: str
    """Absolute, ending with '/'."""
    name: str
    description: str
    rights: str | None
    icon: str
    """Site-relative path of the image shown next to the feed's title."""
    timezone: str
    items: int
    """How many of the newest posts each feed carries."""


@dataclass(frozen=True)
class Scope:
    """The posts of one page, and what their feeds are called."""

    page: str
    """Site-relative URL of the page listing the same posts; the feeds live in its folder."""
    title: str
    description: str
    posts: Sequence[Post]


@dataclass(frozen=True)
class FeedLink:
    """One feed as a page links to it: `<link rel="alternate">` in the head, or a visible link."""

    url: str
    """Site-relative."""
    absolute: str
    mime: str
    label: str
    title: str
    lang: str


@dataclass(frozen=True)
class Cover:
    url: str
    mime: str
    length: int
    width: int
    height: int


@dataclass(frozen=True)
class Item:
    url: str
    title: str
    summary: str
    html: str
    published: datetime
    tags: tuple[tuple[str, str], ...]
    """(slug, label in the feed's language) of each tag."""
    cover: Cover | None


class LanguageFeeds:
    """The feeds of one language: their links for the templates and their files for the site."""

    def __init__(self, catalog: Catalog, urls: Urls, t: Language, channel: Channel, copies: Mapping[str, bytes],
                 made: dict[tuple, dict[str, bytes]] | None = None) -> None:
        self.catalog = catalog
        self.urls = urls
        self.t = t
        self.channel = channel
        self.copies = copies
        """The cover copies as they are published, by site-relative path: at least those of the posts `carried`."""
        self.made = made
        """The files of each feed, by what they show: `mkdocs serve` keeps them from one build to the next (hub.engine.mkdocs.preview),
        in which most feeds are the same; None in a build, which lets them go once written (15 MB at 2,000 posts per
        language: tracemalloc, scripts/bench)."""
        self.scopes = {scope.page: scope for scope in self._scopes()}
        self.site = self._links(self.scopes[urls.home(channel.lang)])
        """The feeds of all the news, advertised on every page."""
        self.help = urls.home(channel.lang) + HELP_PAGE

    def own(self, ref: PageRef | None) -> list[FeedLink]:
        """The feeds of a project's or tag's page, or [] for any other page."""
        if ref is not None and ref.kind == "project":
            return self._links(self.scopes[self.urls.project(self.channel.lang, ref.key)])
        if ref is not None and ref.kind == "tag":
            return self._links(self.scopes[self.urls.tag(self.channel.lang, ref.key)])
        return []

    def text(self, key: str) -> str:
        """An interface string about feeds (`feed.<key>` of strings.yml), for templates that have no page."""
        return self.t.t(f"feed.{key}")

    def render(self, html: Mapping[str, str]) -> dict[str, bytes]:
        """Every feed file of the language; `html` maps a post's slug to its rendered text with absolute URLs."""
        items: dict[str, Item] = {}

        def item(post: Post) -> Item:
            if post.slug not in items:  # a post is in several feeds: read its cover once
                items[post.slug] = self._item(post, html[post.slug])
            return items[post.slug]

        newest = _newest(self.catalog.languages[self.channel.lang].posts, 1)
        empty = self._time(_published(newest[0]) if newest else EPOCH)  # `updated` of a feed with no item yet
        files, made = {}, {}
        for scope in self.scopes.values():
            entries = tuple(item(post) for post in _newest(scope.posts, self.channel.items))
            updated = entries[0].published if entries else empty
            shown = (self.channel, scope.page, scope.title, scope.description, updated, entries)
            made[shown] = (self.made or {}).get(shown) or {
                **{self.urls.feed(scope.page, fmt): _xml_feed(self, scope, fmt, updated, entries) for fmt in ("rss", "atom")},
                self.urls.feed(scope.page, "json"): _json_feed(self, scope, entries),
            }
            files.update(made[shown])
        if self.made is not None:
            self.made.clear()  # only the feeds there are now
            self.made.update(made)
        return files

    def absolute(self, url: str) -> str:
        return absolute(self.channel.site_url, url)

    def _scopes(self) -> list[Scope]:
        lang, name = self.channel.lang, self.channel.name
        content = self.catalog.content
        scopes = []
        for kind, slug, posts in _sources(self.catalog, lang):
            if kind == "project":
                text = content.projects[slug].text[lang]
                scopes.append(Scope(self.urls.project(lang, slug), self.t.t("feed.project", site=name, name=text.title),
                                    text.summary, posts))
            elif kind == "tag":
                scopes.append(Scope(self.urls.tag(lang, slug), self.t.t("feed.tag", site=name, name=content.tags[slug].label[lang]),
                                    self.channel.description, posts))
            else:
                scopes.append(Scope(self.urls.home(lang), name, self.channel.description, posts))
        return scopes

    def _links(self, scope: Scope) -> list[FeedLink]:
        links = []
        for fmt in FEED_FILES:
            url = self.urls.feed(scope.page, fmt)
            links.append(FeedLink(url, self.absolute(url), MIME_TYPES[fmt], LABELS[fmt], f"{scope.title} ({LABELS[fmt]})", self.channel.lang))
        return links

    def _time(self, moment: datetime) -> datetime:
        """In the site's time zone, so that readers see the Kyiv offset."""
        return moment.astimezone(ZoneInfo(self.channel.timezone))

    def _cover(self, post: Post) -> Cover:
        """The cover's feed-sized copy (JPEG or PNG, no metadata), with its real byte length, as an enclosure needs it."""
        copy = pictures.variants(post)["feed"]
        return Cover(self.absolute(copy.src), copy.mime, len(self.copies[copy.src]), copy.width, copy.height)

    def _item(self, post: Post, html: str) -> Item:
        lang = self.channel.lang
        text = post.text[lang]
        tags = tuple((slug, self.catalog.content.tags[slug].label[lang]) for slug in post.tags)
        cover = self._cover(post) if post.cover else None
        return Item(self.absolute(self.urls.post(lang, post)), text.title, text.summary, html, self._time(_published(post)), tags, cover)


def carried(catalog: Catalog, lang: str, items: int) -> set[str]:
    """The slugs of the posts the feeds of `lang` carry, `items` per feed: the covers they enclose, the texts they hold."""
    return {post.slug for _kind, _slug, posts in _sources(catalog, lang) for post in _newest(posts, items)}


def _sources(catalog: Catalog, lang: str) -> Iterator[tuple[str, str, Sequence[Post]]]:
    """The posts of each feed of `lang`: ("news", "", all of them), then ("project", slug, …) and ("tag", slug, …)."""
    index = catalog.languages[lang]
    yield "news", "", index.posts
    for slug in catalog.content.projects:
        yield "project", slug, index.by_project.get(slug, ())
    for slug in catalog.content.tags:
        yield "tag", slug, index.by_tag.get(slug, ())


def _newest(posts: Sequence[Post], count: int) -> list[Post]:
    return heapq.nlargest(count, posts, key=lambda post: (_published(post), post.slug))


def _published(post: Post) -> datetime:
    """When the post reached readers: its date, or its later publication time.

    RSS-to-e-mail services send the items newer than their last run; a post scheduled for 9:00
    but dated at midnight would be missed by a run at 8:00 if its feed time were midnight.
    """
    return max(post.date, post.publish_at)




class _CoverEnclosure(BaseEntryExtension):
    """The cover as RSS `<enclosure>` and Atom `<link rel="enclosure">`.

    Hand-written because feedgen 1.0's Atom entries drop the attributes of their links
    (lkiesow/python-feedgen#135): its own enclosure would become a second 'alternate' link.
    """

    def __init__(self) -> None:
        self.cover: Cover | None = None

    def extend_rss(self, item):
        if self.cover:
            xml_elem("enclosure", item, url=self.cover.url, length=str(self.cover.length), type=self.cover.mime)
        return item

    def extend_atom(self, entry):
        if self.cover:
            xml_elem("link", entry, rel="enclosure", href=self.cover.url, length=str(self.cover.length), type=self.cover.mime)
        return entry


def _xml_feed(feeds: LanguageFeeds, scope: Scope, fmt: str, updated: datetime, items: Sequence[Item]) -> bytes:
    """RSS 2.0 or Atom 1.0 through feedgen, avoiding its pitfalls (see PRODUCT.md)."""
    channel = feeds.channel
    feed_url = feeds.absolute(feeds.urls.feed(scope.page, fmt))
    page_url = feeds.absolute(scope.page)
    tags_url = feeds.absolute(feeds.urls.tags(channel.lang))
    icon = feeds.absolute(channel.icon)
    author = {"name": channel.name, "uri": feeds.absolute(feeds.urls.home(channel.lang))}
    fg = FeedGenerator()
    fg.load_extension("media")
    fg.load_extension("dc", atom=False)  # dc:creator: RSS's own <author> must be an e-mail address
    fg.register_extension("cover", BaseExtension, _CoverEnclosure)
    fg.id(feed_url)
    fg.title(scope.title)
    fg.description(scope.description)
    # RSS's channel <link> is the last link added: the self link goes first
    fg.link(href=feed_url, rel="self", type=MIME_TYPES[fmt])
    fg.link(href=page_url, rel="alternate", type="text/html")
    fg.language(channel.lang)
    fg.image(url=icon, title=scope.title, link=page_url)
    fg.icon(icon)
    fg.author(author)
    if channel.rights:
        fg.rights(channel.rights)
    fg.updated(updated)  # also RSS's lastBuildDate; feedgen would put the time of the build
    for item in items:
        entry = fg.add_entry(order="append")  # feedgen prepends by default
        entry.guid(item.url, permalink=True)
        entry.title(item.title)
        entry.link(href=item.url)  # the 'alternate' link (feedgen would drop rel and type from Atom anyway)
        # RSS readers read <description> as HTML: the plain summary is escaped once more (Atom says type="text")
        entry.summary(escape_text(item.summary) if fmt == "rss" else item.summary)
        entry.content(item.html, type="html")
        entry.published(item.published)
        entry.updated(item.published)  # Atom requires it; feedgen would put the time of the build
        entry.author(author)
        entry.dc.dc_creator(channel.name)
        for slug, label in item.tags:
            entry.category(term=slug, label=label, scheme=tags_url)
        if item.cover:
            cover = entry.cover.cover = item.cover
            entry.media.content(url=cover.url, fileSize=str(cover.length), type=cover.mime, medium="image",
                                width=str(cover.width), height=str(cover.height), group=None)  # not in a <media:group>
    return fg.rss_str(pretty=True) if fmt == "rss" else fg.atom_str(pretty=True)


def _json_feed(feeds: LanguageFeeds, scope: Scope, items: Sequence[Item]) -> bytes:
    """JSON Feed 1.1 (https://jsonfeed.org/version/1.1), written by hand: feedgen has no JSON Feed."""
    channel = feeds.channel
    home = feeds.absolute(feeds.urls.home(channel.lang))
    icon = feeds.absolute(channel.icon)
    feed: dict[str, Any] = {
        "version": JSON_FEED_VERSION,
        "title": scope.title,
        "home_page_url": feeds.absolute(scope.page),
        "feed_url": feeds.absolute(feeds.urls.feed(scope.page, "json")),
        "description": scope.description,
        "icon": icon,
        "favicon": icon,
        "authors": [{"name": channel.name, "url": home}],
        "language": channel.lang,
        "items": [_json_item(item) for item in items],
    }
    return (json.dumps(feed, ensure_ascii=False, indent=2) + "\n").encode()


def _json_item(item: Item) -> dict[str, Any]:
    entry: dict[str, Any] = {
        "id": item.url,
        "url": item.url,
        "title": item.title,
        "summary": item.summary,
        "content_html": item.html,
        "date_published": item.published.isoformat(timespec="seconds"),
    }
    if item.tags:
        entry["tags"] = [label for _slug, label in item.tags]
    if item.cover:
        entry["image"] = item.cover.url
    return entry
