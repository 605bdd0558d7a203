"""The hub's core without an engine: the URL scheme, the schema options, the site's plan of pages. Fast, no build."""

from __future__ import annotations

from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest

from conftest import ROOT
from hub.content.catalog import Catalog
from hub.content.load import load_content
from hub.content.model import Period
from hub.content.schema import (Choice, DateTime, Flag, ListOf, Localized, PostMetaSchema, Slug, Text, URL, ValidationError,
                                YearSpan, validate)
from hub.site.language import languages
from hub.site.pages import page_bounds, page_specs
from hub.site.urls import Urls, relative

URLS = Urls("uk")
KYIV = ZoneInfo("Europe/Kyiv")


@pytest.mark.parametrize(("target", "page", "link"), [
    ("news/", "news/2026/x/", "../../"),
    ("en/news/", "news/2026/x/", "../../../en/news/"),
    ("news/2026/x/cover-page.jpg", "en/news/2026/x/", "../../../../news/2026/x/cover-page.jpg"),
    ("", "about/", ".."),
    ("about/", "", "about/"),
    ("feed.xml", "404.html", "feed.xml"),
    ("news/", "news/", "./"),
])
def test_links_are_relative_to_the_page(target: str, page: str, link: str) -> None:
    assert relative(target, page) == link


def test_the_switcher_lands_on_the_translation_or_the_nearest_page() -> None:
    pages = {"news/", "news/page/2/", "news/page/3/", "en/news/", "en/news/page/2/", "about/", "en/about/"}
    assert URLS.nearest("news/page/2/", "uk", "en", pages.__contains__) == "en/news/page/2/"
    assert URLS.nearest("news/page/3/", "uk", "en", pages.__contains__) == "en/news/page/2/"
    assert URLS.nearest("news/tags/x/page/4/", "uk", "en", pages.__contains__) == "en/"
    assert URLS.nearest("en/about/", "en", "uk", pages.__contains__) == "about/"


def test_urls_are_shared_by_both_languages() -> None:
    content = load_content(ROOT, ("uk", "en"))
    post = content.posts[0]
    assert URLS.post("en", post) == "en/" + URLS.post("uk", post)
    assert URLS.tag("uk", "training", 3) == "news/tags/training/page/3/"
    assert URLS.source("en", "en/news/page/2/") == "news/page/2/index.en.md"


@pytest.mark.parametrize(("option", "value", "expected"), [
    (Text(), "  Заголовок ", "Заголовок"),
    (Flag(), True, True),
    (Slug(), "lviv-training", "lviv-training"),
    (Choice(("a", "b")), "b", "b"),
    (ListOf(Slug()), "one", ("one",)),
    (Localized(), {"uk": " Текст ", "en": "Text"}, {"uk": "Текст", "en": "Text"}),
    (DateTime(), date(2026, 11, 23), datetime(2026, 11, 23)),
    (DateTime(), "2026-11-23T09:30:00+02:00", datetime.fromisoformat("2026-11-23T09:30:00+02:00")),
    (YearSpan(), {"start": 2019, "end": 2021}, Period(2019, 2021)),
    (URL(), "https://www.unicef.org/ukraine/", "https://www.unicef.org/ukraine/"),
])
def test_options_take_what_writers_write(option, value, expected) -> None:
    assert option.validate(value) == expected


@pytest.mark.parametrize(("option", "value", "message"), [
    (Text(required=True), None, "is missing: expected a non-empty text"),
    (Text(), "<b>Жирний</b>", "holds markup"),
    (Slug(), "Львів", "expected a Latin slug"),
    (Choice(("ongoing", "completed")), "ongoin", "did you mean 'ongoing'?"),
    (ListOf(Slug()), ["a", "a"], "lists a more than once"),
    (Localized(), {"ukr": "x"}, "two-letter language code"),
    (DateTime(), "23.11.2026", "expected a date like 2026-11-23"),
    (YearSpan(), {"start": 2022, "end": 2020}, "starts (2022) after it ends (2020)"),
    (URL(), "javascript:alert(1)", "starting with https:// or http://"),
])
def test_options_say_what_was_expected(option, value, message: str) -> None:
    with pytest.raises(ValidationError, match=message.replace("(", r"\(").replace(")", r"\)").replace("?", r"\?")):
        option.validate(value)


def test_a_schema_reports_every_key_at_once() -> None:
    values, errors = validate(PostMetaSchema, {"date": "tomorrow", "tagz": ["x"], "draft": "yes"})
    assert {key for key, _ in errors} == {"date", "tagz", "draft"}
    assert "did you mean 'tags'" in dict(errors)["tagz"]


def test_the_plan_has_every_page_in_each_language_and_no_more() -> None:
    content = load_content(ROOT, ("uk", "en"))
    catalog = Catalog.build(content, datetime(2026, 11, 23, 12, tzinfo=KYIV))
    specs = page_specs(catalog, URLS, languages(("uk", "en")), 10)
    urls = [spec.url for spec in specs]
    assert len(urls) == len(set(urls)), "one page per address"
    for lang, prefix in (("uk", ""), ("en", "en/")):
        own = [spec for spec in specs if spec.lang == lang]
        assert all(spec.url.startswith(prefix) for spec in own)
        assert {spec.ref["key"] for spec in own if spec.ref["kind"] == "post"} == {post.slug for post in catalog.published}
        assert {spec.ref["key"] for spec in own if spec.ref["kind"] == "project"} == set(content.projects)
    assert page_bounds(25, 10) == [(0, 10), (10, 20), (20, 25)]
    assert page_bounds(0, 10) == [(0, 0)], "a listing with no post still has its page"
    assert page_bounds(120, 10, archive=True) == [(0, 10), (10, 60), (60, 110), (110, 120)]
