"""An e-mail issue per language from the news published in a period: HTML, plain text and a manifest.

Reads the same catalog as the site (drafts and future posts are never in it). A post belongs to the period in which
it reached readers: its publication time (`publish_at`, or the start of its date). Periods are whole days,
[start, end) (hub.content.issues.Period), so that consecutive issues never repeat or skip a post, nor share a day;
where the last issue of each language ended is kept in `newsletter/state.json` (hub.newsletter.state).

The HTML is laid out for mail clients: one column of 600 px in tables, which an Outlook-only table holds at that
width (Outlook for Windows ignores `max-width`), CSS inlined, dark-mode colours for the clients that read
`prefers-color-scheme`, and kept under the size Gmail shows unclipped (hub.newsletter.clipping). The footer says who
sends it, from where, how to write to them, why the reader gets it, and how to unsubscribe.
"""

from __future__ import annotations

import json
import re
from collections.abc import Mapping, Sequence
from dataclasses import asdict, dataclass
from datetime import date
from pathlib import Path
from urllib.parse import urlencode, urlsplit, urlunsplit

import css_inline
from jinja2 import Environment, FileSystemLoader, StrictUndefined, select_autoescape

from ..content.catalog import Catalog
from ..content.issues import Period, record
from ..content.model import Post
from ..site import pictures
from ..site.language import Language
from ..site.organisation import Organisation
from ..site.urls import Urls, absolute
from .clipping import Fitted, fit

WIDTH = 600
"""The e-mail's column, in CSS pixels; images fill it inside the padding."""
IMAGE_WIDTH = WIDTH - 2 * 24
PREHEADER_LENGTH = 140
"""About what inbox previews show after the subject."""

_templates = Environment(loader=FileSystemLoader(Path(__file__).with_name("templates")), autoescape=select_autoescape(["html"]),
                         undefined=StrictUndefined, trim_blocks=True, lstrip_blocks=True, keep_trailing_newline=True)
INDENT = re.compile(r"\n\s+")
"""The template's indentation: weight for Gmail's clipping, nothing for the reader (no text is preformatted)."""
_inliner = css_inline.CSSInliner(keep_at_rules=True, load_remote_stylesheets=False)
"""The @media rules (dark mode) cannot be inlined: they stay in <style>. Nothing is fetched."""


@dataclass(frozen=True)
class Cover:
    src: str
    alt: str
    width: int
    height: int


@dataclass(frozen=True)
class Item:
    slug: str
    title: str
    summary: str
    url: str
    date: str
    published: str
    cover: Cover | None


@dataclass(frozen=True)
class Issue:
    lang: str
    day: date
    """The day it is made: its folder and its web version's address."""
    subject: str
    preheader: str
    heading: str
    site_name: str
    home: str
    web: str
    """Its web version on the site, where "view in browser" leads."""
    unsubscribe: str
    sender: Organisation
    """Who sends it, named in its footer (the site's organisation settings)."""
    period: Period
    items: tuple[Item, ...]
    labels: Mapping[str, str]
    """`newsletter.*` strings of the language, filled in."""

    def manifest(self, files: Mapping[str, str], fitted: Fitted) -> dict:
        stored = record(self.day, self.lang, self.period, [item.slug for item in self.items])
        return {**stored, "subject": self.subject, "preheader": self.preheader, "web_version": self.web, "files": dict(files),
                "html": {"bytes": fitted.size, "layout": fitted.layout, "items_shown": fitted.shown},
                "items": [asdict(item) for item in self.items]}


@dataclass(frozen=True)
class Edition:
    """What an export needs besides the catalog: where links go, what the provider expects, who sends it."""

    site_url: str
    """Absolute, ending with '/'."""
    site_names: Mapping[str, str]
    unsubscribe: str
    """The provider's merge tag for the unsubscribe link, like `{{ UnsubscribeURL }}`."""
    organisation: Organisation
    day: date
    utm_campaign: str | None = None


@dataclass(frozen=True)
class Made:
    """An issue's files, and how its HTML was fitted under Gmail's clipping."""

    issue: Issue
    files: dict[str, bytes]
    fitted: Fitted


def select(catalog: Catalog, lang: str, period: Period) -> list[Post]:
    """The published posts of `lang` that appeared in `period`, oldest first (the order they came out)."""
    posts = [post for post in catalog.languages[lang].posts if post.publish_at in period]
    return sorted(posts, key=lambda post: (post.publish_at, post.slug))


def compose(posts: Sequence[Post], lang: str, period: Period, t: Language, urls: Urls, edition: Edition) -> Issue:
    """The issue of `posts` (not empty) in `lang`."""
    site = edition.site_names[lang]
    when = t.interval(period.first, period.last)
    items = tuple(_item(post, lang, t, urls, edition) for post in posts)
    titles = " · ".join(item.title for item in items)
    preheader = f"{t.plural('news_count', len(items))}: {titles}"
    if len(preheader) > PREHEADER_LENGTH:
        preheader = preheader[: PREHEADER_LENGTH - 1].rstrip() + "…"
    sender = edition.organisation
    host = urlsplit(edition.site_url).hostname or edition.site_url
    labels = {key: t.t(f"newsletter.{key}", site=site, host=host, name=sender.named(lang), address=sender.postal(lang),
                       code=sender.registration)
              for key in ("read_more", "why", "unsubscribe", "view_online", "sender", "contact", "registration", "more")}
    return Issue(lang, edition.day, t.t("newsletter.subject", site=site, period=when), preheader,
                 t.t("newsletter.heading", period=when), site, _tracked(edition.site_url + urls.home(lang), edition),
                 _tracked(edition.site_url + urls.issue(lang, edition.day), edition), edition.unsubscribe, sender, period,
                 items, labels)


def render(issue: Issue, name: str) -> Made:
    """The files of the issue, `<name>.html`, `<name>.txt` and `<name>.json`: the HTML as long as Gmail shows whole."""
    fitted = fit(len(issue.items), lambda layout, shown: html(issue, layout, shown))
    text = _templates.get_template("issue.txt").render(issue=issue)
    files = {"html": f"{name}.html", "text": f"{name}.txt"}
    stored = json.dumps(issue.manifest(files, fitted), ensure_ascii=False, indent=2) + "\n"
    return Made(issue, {files["html"]: fitted.html, files["text"]: text.encode(), f"{name}.json": stored.encode()}, fitted)


def html(issue: Issue, layout: str = "full", shown: int | None = None) -> bytes:
    """The HTML part, with its items laid out as `layout` (hub.newsletter.clipping.LAYOUTS), the first `shown` of them."""
    page = _templates.get_template("issue.html").render(issue=issue, layout=layout, items=issue.items[:shown],
                                                          cut=shown is not None and shown < len(issue.items))
    return INDENT.sub("\n", _inliner.inline(page)).encode()


def _item(post: Post, lang: str, t: Language, urls: Urls, edition: Edition) -> Item:
    text = post.text[lang]
    cover = None
    if post.cover is not None:
        picture = pictures.variants(post)["feed"]  # JPEG or PNG: what every e-mail client shows
        width = min(IMAGE_WIDTH, picture.width)
        cover = Cover(absolute(edition.site_url, picture.src), text.cover_alt or "", width, round(picture.height * width / picture.width))
    return Item(post.slug, text.title, text.summary, _tracked(edition.site_url + urls.post(lang, post), edition),
                t.date(post.date), post.publish_at.isoformat(), cover)


def _tracked(url: str, edition: Edition) -> str:
    """`url` with the UTM parameters of the campaign, if there is one."""
    if not edition.utm_campaign:
        return url
    parts = urlsplit(url)
    query = urlencode({"utm_source": "newsletter", "utm_medium": "email", "utm_campaign": edition.utm_campaign})
    return urlunsplit(parts._replace(query=f"{parts.query}&{query}" if parts.query else query))
