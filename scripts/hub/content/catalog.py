"""What is published at a given time, indexed once per language for every page that lists posts."""

from __future__ import annotations

import os
from collections import defaultdict
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime, timezone

from ..messages import _
from .model import Content, Post, Project


class ClockError(ValueError):
    """`HUB_NOW` is not a moment with its offset."""


def build_time() -> datetime:
    """Now, or `HUB_NOW` (ISO 8601 with offset) to build the site as of another moment."""
    value = os.environ.get("HUB_NOW")
    if not value:
        return datetime.now(timezone.utc)
    try:
        moment = datetime.fromisoformat(value)
    except ValueError:
        moment = None
    if moment is None or moment.tzinfo is None:
        raise ClockError(_("HUB_NOW={value}: expected a time with its offset, like 2026-11-23T12:00:00+02:00", value=repr(value)))
    return moment


@dataclass(frozen=True)
class LanguageIndex:
    """Published posts written in one language, newest first, and their groupings."""

    posts: tuple[Post, ...]
    by_year: Mapping[int, tuple[Post, ...]]
    by_tag: Mapping[str, tuple[Post, ...]]
    by_project: Mapping[str, tuple[Post, ...]]
    by_partner: Mapping[str, tuple[Post, ...]]


@dataclass(frozen=True)
class Catalog:
    content: Content
    now: datetime
    published: tuple[Post, ...]
    """Published posts in any language, newest first."""
    by_slug: Mapping[str, Post]
    languages: Mapping[str, LanguageIndex]
    projects_of_partner: Mapping[str, tuple[Project, ...]]

    @classmethod
    def build(cls, content: Content, now: datetime, drafts: bool = False) -> Catalog:
        """What is published at `now`; with `drafts` (the preview's `--drafts`, never a build for publishing), every
        post, drafts and scheduled ones included, as if published."""
        published = tuple(post for post in content.posts if drafts or post.is_published(now))
        per_language = {lang: _index([p for p in published if lang in p.text]) for lang in content.languages}
        projects_of_partner: dict[str, list[Project]] = defaultdict(list)
        for project in content.projects.values():
            for slug in dict.fromkeys(project.partners + project.funders):
                projects_of_partner[slug].append(project)
        return cls(content, now, published, {p.slug: p for p in published}, per_language, {k: tuple(v) for k, v in projects_of_partner.items()})


def _index(posts: list[Post]) -> LanguageIndex:
    by_year: dict[int, list[Post]] = defaultdict(list)
    by_tag: dict[str, list[Post]] = defaultdict(list)
    by_project: dict[str, list[Post]] = defaultdict(list)
    by_partner: dict[str, list[Post]] = defaultdict(list)
    for post in posts:
        by_year[post.year].append(post)
        for tag in post.tags:
            by_tag[tag].append(post)
        for project in post.projects:
            by_project[project].append(post)
        for partner in post.partners:
            by_partner[partner].append(post)

    def freeze(groups: dict) -> dict:
        return {key: tuple(value) for key, value in groups.items()}

    return LanguageIndex(tuple(posts), freeze(by_year), freeze(by_tag), freeze(by_project), freeze(by_partner))
