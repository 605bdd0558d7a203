"""Frozen records of the site's content. Nothing here knows about MkDocs, feeds or e-mail."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path

from .frontmatter import Body
from .issues import IssueRecord

PARTNER_KINDS = ("un-agency", "donor", "government", "local-government", "international-ngo", "ngo", "network")
PROJECT_STATUSES = ("ongoing", "completed")


@dataclass(frozen=True)
class Picture:
    """A picture the site publishes copies of, as the loader read it from the file's header (the extension may lie)."""

    path: Path
    format: str
    width: int
    height: int
    """Upright: after the rotation the camera recorded."""
    transparent: bool = False


@dataclass(frozen=True)
class Inline:
    """A picture a post's text shows, and the first text that names it: errors about its copies point there."""

    picture: Picture
    owner: Path


@dataclass(frozen=True)
class Tag:
    slug: str
    label: Mapping[str, str]


@dataclass(frozen=True)
class PartnerText:
    name: str
    short_name: str
    description: str


@dataclass(frozen=True)
class Partner:
    slug: str
    kind: str
    website: str | None
    logo: Picture | None
    text: Mapping[str, PartnerText]
    source: Path


@dataclass(frozen=True)
class Period:
    start: int | None = None
    end: int | None = None


@dataclass(frozen=True)
class Status:
    """Where a project stands, as the content last confirmed it: a status is only ever shown with its date."""

    state: str
    """One of PROJECT_STATUSES."""
    confirmed: date


@dataclass(frozen=True)
class ProjectText:
    title: str
    summary: str
    regions: tuple[str, ...]
    communities: tuple[str, ...]
    body: Body
    """Read when it is needed (`Body.read`)."""
    source: Path
    results: tuple[str, ...] = ()
    """What the project achieved, each as its sources state it."""


@dataclass(frozen=True)
class Project:
    slug: str
    status: Status | None
    """None when the content gives no status: the site then claims none."""
    period: Period | None
    funders: tuple[str, ...]
    partners: tuple[str, ...]
    text: Mapping[str, ProjectText]
    source: Path
    contact: str | None = None
    """The slug of the partner to contact about the project."""


@dataclass(frozen=True)
class PostText:
    title: str
    summary: str
    cover_alt: str | None
    body: Body
    """Read when it is needed (`Body.read`)."""
    source: Path


@dataclass(frozen=True)
class Event:
    """What a post reports on or announces, apart from its own publication date."""

    date: date
    place: Mapping[str, str] | None = None
    """In each language; None for an event with no place (online)."""


@dataclass(frozen=True)
class Post:
    slug: str
    date: datetime
    """The date shown to readers (time zone-aware)."""
    publish_at: datetime
    """When the post may appear: its own publication time, or the start of its date."""
    draft: bool
    tags: tuple[str, ...]
    projects: tuple[str, ...]
    partners: tuple[str, ...]
    cover: Picture | None
    text: Mapping[str, PostText]
    """Only the languages the post is written in, in the site's order: the first holds the shared fields (`shared`)."""
    source: Path
    attachments: tuple[Path, ...] = ()
    """The files of its folder its texts show or link to (pictures, documents): only these are published."""
    pictures: tuple[Inline, ...] = ()
    """The pictures among `attachments`, published as copies."""
    event: Event | None = None

    @property
    def year(self) -> int:
        return self.date.year

    @property
    def shared(self) -> Path:
        """The file whose front matter holds the fields both languages share (date, tags, cover…): the text in the
        default language, `index.uk.md`, or the only text of a post in another language only."""
        return next((text.source for text in self.text.values()), self.source)

    def is_published(self, now: datetime) -> bool:
        return not self.draft and self.publish_at <= now


@dataclass(frozen=True)
class Content:
    """Everything the loader read, validated and cross-checked."""

    languages: tuple[str, ...]
    tags: Mapping[str, Tag]
    partners: Mapping[str, Partner]
    projects: Mapping[str, Project]
    posts: tuple[Post, ...] = field(default=())
    """All posts, drafts and scheduled ones included, newest first."""
    synonyms: tuple[tuple[str, ...], ...] = field(default=())
    """Groups of words or names the search treats as one (`news/search-synonyms.yml`), each as written."""
    issues: tuple[IssueRecord, ...] = field(default=())
    """The e-mail issues stored in `newsletter/issues/`, newest first (hub.content.issues)."""
