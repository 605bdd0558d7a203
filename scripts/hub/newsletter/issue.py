"""An e-mail issue per language from the news published in a period: HTML, plain text and a manifest.

Reads the same catalog as the site (drafts and future posts are never in it). A post belongs to
the period in which it reached readers: its publication time (`publish_at`, or the start of its date).
Periods are half-open, [start, end), so that consecutive issues never repeat or skip a post; the end
of the last issue of each language is kept in `newsletter/state.json`, committed with the content.
"""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from dataclasses import asdict, dataclass
from datetime import date, datetime, time, timedelta
from pathlib import Path
from urllib.parse import urlencode, urlsplit, urlunsplit
from zoneinfo import ZoneInfo

import css_inline
from jinja2 import Environment, FileSystemLoader, StrictUndefined, select_autoescape

from ..content.catalog import Catalog
from ..content.model import Post
from ..messages import _
from ..site import pictures
from ..site.language import Language
from ..site.urls import Urls

STATE = Path("newsletter") / "state.json"
"""Relative to the project folder: when the last issue of each language ended."""
WIDTH = 600
"""The e-mail's column, in CSS pixels; images fill it inside the padding."""
IMAGE_WIDTH = WIDTH - 2 * 24
PREHEADER_LENGTH = 140
"""About what inbox previews show after the subject."""

_templates = Environment(loader=FileSystemLoader(Path(__file__).with_name("templates")), autoescape=select_autoescape(["html"]),
                         undefined=StrictUndefined, trim_blocks=True, lstrip_blocks=True, keep_trailing_newline=True)
_inliner = css_inline.CSSInliner(keep_at_rules=True, load_remote_stylesheets=False)
"""The @media rules (dark mode) cannot be inlined: they stay in <style>. Nothing is fetched."""


@dataclass(frozen=True)
class Period:
    """[start, end), in the site's time zone."""

    start: datetime
    end: datetime

    @classmethod
    def days(cls, first: date, last: date, tz: ZoneInfo, now: datetime) -> Period:
        """From the start of `first` to the end of `last` in the site's time zone, but not past `now`."""
        end = datetime.combine(last + timedelta(days=1), time(), tz)
        return cls(datetime.combine(first, time(), tz), min(end, now))

    def __contains__(self, moment: datetime) -> bool:
        return self.start <= moment < self.end


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
    subject: str
    preheader: str
    heading: str
    site_name: str
    home: str
    unsubscribe: str
    period: Period
    items: tuple[Item, ...]
    labels: Mapping[str, str]
    """`newsletter.*` strings of the language: read_more, why, unsubscribe."""

    def manifest(self, files: Mapping[str, str]) -> dict:
        return {
            "language": self.lang,
            "subject": self.subject,
            "preheader": self.preheader,
            "period": {"start": self.period.start.isoformat(), "end": self.period.end.isoformat()},
            "files": dict(files),
            "items": [asdict(item) for item in self.items],
        }


@dataclass(frozen=True)
class Edition:
    """What an export needs besides the catalog: where links go and what the provider expects."""

    site_url: str
    """Absolute, ending with '/'."""
    site_names: Mapping[str, str]
    unsubscribe: str
    """The provider's merge tag for the unsubscribe link, like `{{ UnsubscribeURL }}`."""
    utm_campaign: str | None = None


def select(catalog: Catalog, lang: str, period: Period) -> list[Post]:
    """The published posts of `lang` that appeared in `period`, oldest first (the order they came out)."""
    posts = [post for post in catalog.languages[lang].posts if post.publish_at in period]
    return sorted(posts, key=lambda post: (post.publish_at, post.slug))


def compose(posts: Sequence[Post], lang: str, period: Period, t: Language, urls: Urls, edition: Edition) -> Issue:
    """The issue of `posts` (not empty) in `lang`."""
    site = edition.site_names[lang]
    last = period.end - timedelta(microseconds=1)
    start, end = t.date(period.start), t.date(last)
    when = t.t("newsletter.day", date=start) if start == end else t.t("newsletter.period", start=start, end=end)
    items = tuple(_item(post, lang, t, urls, edition) for post in posts)
    titles = " · ".join(item.title for item in items)
    preheader = f"{t.plural('news_count', len(items))}: {titles}"
    if len(preheader) > PREHEADER_LENGTH:
        preheader = preheader[: PREHEADER_LENGTH - 1].rstrip() + "…"
    labels = {key: t.t(f"newsletter.{key}", site=site) for key in ("read_more", "why", "unsubscribe")}
    subject = t.t("newsletter.subject", site=site, period=when)
    return Issue(lang, subject, preheader, t.t("newsletter.heading", period=when), site, _tracked(edition.site_url + urls.home(lang), edition),
                 edition.unsubscribe, period, items, labels)


def render(issue: Issue, name: str) -> dict[str, bytes]:
    """The files of the issue, `<name>.html`, `<name>.txt` and `<name>.json`."""
    html = _inliner.inline(_templates.get_template("issue.html").render(issue=issue))
    text = _templates.get_template("issue.txt").render(issue=issue)
    files = {"html": f"{name}.html", "text": f"{name}.txt"}
    manifest = json.dumps(issue.manifest(files), ensure_ascii=False, indent=2) + "\n"
    return {files["html"]: html.encode(), files["text"]: text.encode(), f"{name}.json": manifest.encode()}


def read_state(root: Path) -> dict[str, datetime]:
    """When the last issue of each language ended; {} before the first issue."""
    path = root / STATE
    if not path.exists():
        return {}
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        return {lang: datetime.fromisoformat(moment) for lang, moment in data["last_issue"].items()}
    except (ValueError, KeyError, TypeError, AttributeError) as error:
        raise ValueError(_('{file}: expected {{"last_issue": {{"uk": "2026-11-23T12:00:00+02:00", …}}}} ({error})',
                           file=path, error=error)) from None


def write_state(root: Path, ends: Mapping[str, datetime]) -> None:
    """Record the end of the issues just written; a language keeps its later end if it has one."""
    state = read_state(root)
    for lang, end in ends.items():
        state[lang] = max(end, state.get(lang, end))
    path = root / STATE
    path.parent.mkdir(parents=True, exist_ok=True)
    data = {"last_issue": {lang: moment.isoformat() for lang, moment in sorted(state.items())}}
    path.write_text(json.dumps(data, indent=2) + "\n", encoding="utf-8")


def _item(post: Post, lang: str, t: Language, urls: Urls, edition: Edition) -> Item:
    text = post.text[lang]
    cover = None
    if post.cover is not None:
        picture = pictures.variants(post)["feed"]  # JPEG or PNG: what every e-mail client shows
        width = min(IMAGE_WIDTH, picture.width)
        cover = Cover(edition.site_url + picture.src, text.cover_alt or "", width, round(picture.height * width / picture.width))
    return Item(post.slug, text.title, text.summary, _tracked(edition.site_url + urls.post(lang, post), edition),
                t.date(post.date), post.publish_at.isoformat(), cover)


def _tracked(url: str, edition: Edition) -> str:
    """`url` with the UTM parameters of the campaign, if there is one."""
    if not edition.utm_campaign:
        return url
    parts = urlsplit(url)
    query = urlencode({"utm_source": "newsletter", "utm_medium": "email", "utm_campaign": edition.utm_campaign})
    return urlunsplit(parts._replace(query=f"{parts.query}&{query}" if parts.query else query))
