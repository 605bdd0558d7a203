"""The content loader on its own: the model it builds from the shipped content."""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

from conftest import ROOT
from hub.content.catalog import Catalog
from hub.content.load import load_content

KYIV = ZoneInfo("Europe/Kyiv")


def test_shipped_content_is_complete_and_valid() -> None:
    content = load_content(ROOT, ("uk", "en"))
    assert len(content.projects) >= 6
    assert len(content.partners) >= 15
    published = Catalog.build(content, datetime(2026, 11, 23, 12, tzinfo=KYIV)).published
    assert len(published) >= 8
    for post in content.posts:
        assert set(post.text) == {"uk", "en"}, post.slug
        assert post.date.tzinfo is not None
    for project in content.projects.values():
        assert project.partners, project.slug


def test_naive_dates_are_kyiv_time() -> None:
    content = load_content(ROOT, ("uk", "en"))
    post = content.posts[0]
    assert post.date.utcoffset() == datetime(post.date.year, post.date.month, post.date.day, tzinfo=KYIV).utcoffset()
