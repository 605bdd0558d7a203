"""The hub's core without an engine: the URL scheme, the schema options, the site's plan of pages. Fast, no build."""

from __future__ import annotations

import dataclasses
from datetime import date, datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from PIL import Image

from conftest import ROOT
from hub.build.plan import Plan, Settings, plan
from hub.content.catalog import Catalog
from hub.content.load import load_content
from hub.content.model import Inline, Period, Picture
from hub.engine.mkdocs.config import HubConfig
from hub.content.schema import (Choice, DateTime, Flag, ListOf, Localized, PostMetaSchema, Reference, RelativeFile, Text, URL,
                                ValidationError, YearSpan, validate)
from hub.site.language import languages
from hub.site.organisation import Organisation, is_placeholder
from hub.site.pages import KINDS, PageRef, page_bounds, page_specs
from hub.site.urls import Urls, relative
from hub.site.views import Views

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
    # what follows the page's own address is never read as a scheme or another host
    ("partners/x/javascript:alert(1)", "partners/x/", "./javascript:alert(1)"),
    ("partners/x/\\\\evil.example\\p.gif", "partners/x/", "./\\\\evil.example\\p.gif"),
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
    (Reference(), " lviv-training ", "lviv-training"),
    (Reference(), "Навчання", "Навчання"),  # the loader says which slug a name stands for
    (Choice(("a", "b")), "b", "b"),
    (ListOf(Reference()), "one", ("one",)),
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
    # a field of a partner's YAML, a command's option or a synonym has no text below a front matter to point to
    (Text(), "<b>Жирний</b>", r"holds markup ('<b…'): HTML is not allowed here; write the text without it (bold, "
                             "links and the like go in the text of a post or a page, in Markdown)"),
    (Reference(), 3, "expected the slug of a record"),
    (Choice(("ongoing", "completed")), "ongoin", "did you mean 'ongoing'?"),
    (ListOf(Reference()), ["a", "a"], "lists a more than once"),
    (Localized(), {"ukr": "x"}, "two-letter language code"),
    (DateTime(), "23.11.2026", "expected a date like 2026-11-23"),
    (DateTime(), "0026-11-23", "the year 26 is not one the site publishes news of (1970 to 2100): is it a typo?"),
    (DateTime(), date(9999, 12, 31), "the year 9999 is not one"),
    (YearSpan(), {"start": 2022, "end": 2020}, "starts (2022) after it ends (2020)"),
    (URL(), "javascript:alert(1)", "starting with https:// or http://"),
    (URL(), 'https://unicef.example/"><svg/onload=alert(1)>', "starting with https:// or http://"),
    # a cover or logo from another host or another folder: "does not exist" sent writers looking for a file
    *((RelativeFile(), name, f"expected a file name next to this file, like 'cover.jpg', got '{name}'")
      for name in ("https://unicef.example/logo.png", "logos/unicef.png", "/etc/passwd")),
])
def test_options_say_what_was_expected(option, value, message: str) -> None:
    with pytest.raises(ValidationError, match=message.replace("(", r"\(").replace(")", r"\)").replace("?", r"\?")):
        option.validate(value)


def test_a_schema_reports_every_key_at_once() -> None:
    values, errors = validate(PostMetaSchema, {"date": "tomorrow", "tagz": ["x"], "draft": "yes"})
    assert {key for key, _ in errors} == {"date", "tagz", "draft"}
    assert "did you mean 'tags'" in dict(errors)["tagz"]


@pytest.mark.parametrize(("settings", "message"), [
    ({"posts_per_page": -3}, "'posts_per_page': expected how many posts a page of the news lists: a whole number, 1 or more; got -3"),
    ({"home_news": "five"}, "'home_news': expected how many of the newest posts the home page shows: a whole number, 1 or more; got 'five'"),
    ({"feeds": {"items": True}}, "'feeds': Sub-option 'items': expected how many posts each feed carries: a whole number, 1 or more; got True"),
    ({"timezone": "Europe/Kiyv"}, "'timezone': expected a time zone like Europe/Kyiv, got 'Europe/Kiyv' (did you mean 'Europe/Kyiv'?)"),
    ({"timezone": "../../etc/passwd"}, "'timezone': expected a time zone like Europe/Kyiv, got '../../etc/passwd'"),
    ({"editor": {"repo": "https://github.com/ngo/right-to-family.git"}}, "'editor': Sub-option 'repo': expected the repository as "
     "owner/name, like your-organisation/right-to-family; got 'https://github.com/ngo/right-to-family.git' (did you mean "
     "'ngo/right-to-family'?)"),
])
def test_the_plugins_settings_are_refused_in_the_writers_words(settings: dict, message: str) -> None:
    """A typo in mkdocs.yml stops the build before anything is read, saying what the setting means; a negative count
    and an unknown time zone no longer go through (to a traceback, or a news list the build cannot page)."""
    config = HubConfig()
    config.load_dict(settings)
    failed, _warnings = config.validate()
    assert message in [f"'{key}': {error}" for key, error in failed]


def test_the_organisation_is_named_reachable_and_postal_in_every_language() -> None:
    settings = {"name": {"uk": "ГО «Рідні»", "en": "NGO Ridni"}, "email": " Info@Ridni.org.ua ", "address": {"uk": "Київ", "en": "Kyiv"}}
    organisation, problems = Organisation.parse(settings)
    assert problems == [] and organisation is not None
    assert (organisation.email, organisation.data_controller("en"), organisation.placeholders) == ("info@ridni.org.ua", "NGO Ridni", [])
    assert organisation.check_languages(("uk", "en", "pl")) == [("name", "no text for 'pl': add 'pl: …'"),
                                                                ("address", "no text for 'pl': add 'pl: …'")]
    broken, problems = Organisation.parse({"name": {"uk": "x"}, "email": "info@", "adress": "Київ"})
    assert broken is None and {key for key, _ in problems} == {"email", "address", "adress"}
    assert "did you mean 'address'" in dict(problems)["adress"]
    assert dict(problems)["email"] == "'info@' is not an e-mail address: there is nothing after the @ sign"
    assert is_placeholder("editors@hub.example.org") and is_placeholder("https://lists.example.com/form")
    assert not is_placeholder("info@example.org.ua") and not is_placeholder("https://sample.org/")


def test_the_plan_has_every_page_in_each_language_and_no_more() -> None:
    content = load_content(ROOT, ("uk", "en"))
    catalog = Catalog.build(content, datetime(2026, 11, 23, 12, tzinfo=KYIV))
    specs = page_specs(catalog, URLS, languages(("uk", "en")), 10)
    urls = [spec.url for spec in specs]
    assert len(urls) == len(set(urls)), "one page per address"
    for lang, prefix in (("uk", ""), ("en", "en/")):
        own = [spec for spec in specs if spec.lang == lang]
        assert all(spec.url.startswith(prefix) for spec in own)
        assert {spec.ref.key for spec in own if spec.ref.kind == "post"} == {post.slug for post in catalog.published}
        assert {spec.ref.key for spec in own if spec.ref.kind == "project"} == set(content.projects)
    assert page_bounds(25, 10) == [(0, 10), (10, 20), (20, 25)]
    assert page_bounds(0, 10) == [(0, 0)], "a listing with no post still has its page"
    assert page_bounds(120, 10, archive=True) == [(0, 10), (10, 60), (60, 110), (110, 120)]


def shipped_plan() -> Plan:
    settings = Settings(("uk", "en"), per_page=10, home_news=5, feed_items=20)
    return plan(load_content(ROOT, ("uk", "en")), settings, datetime(2026, 11, 23, 12, tzinfo=KYIV))


def test_a_page_shows_what_its_source_path_says() -> None:
    """Which record a generated page shows is looked up by its source path, never read from its front matter."""
    made = shipped_plan()
    assert {spec.source: spec.ref for spec in made.specs} == dict(made.refs)
    assert all("hub" not in spec.meta for spec in made.specs)
    assert made.ref("about.uk.md") is None and made.ref("index.en.md") is None, "hand-written pages show no record"
    post = made.catalog.published[0]
    ref = made.ref(f"news/{post.year}/{post.slug}/index.en.md")
    assert ref == PageRef("post", post.slug) and made.post(ref) is post
    assert made.text_source(ref, "en") == post.text["en"].source
    assert made.text_source(PageRef("news"), "en") is None, "a listing shows no text of its own"


def test_the_kinds_of_page_are_a_fixed_set_each_with_its_template_and_view() -> None:
    with pytest.raises(ValueError, match="no kind of page is called 'blog'"):
        PageRef("blog")  # type: ignore[arg-type]
    assert set(Views.VIEWS) == set(KINDS)
    assert {path.stem for path in (ROOT / "overrides" / "hub").glob("*.html")} == set(KINDS)
    made = shipped_plan()
    # but an issue's web version: no e-mail issue is shipped (tests/test_newsletter_archive.py makes and publishes one)
    assert {spec.ref.kind for spec in made.specs} == set(KINDS) - {"issue"}, "the shipped content has a page of every kind"
    for spec in made.specs:
        assert isinstance(made.site.views(spec.lang).for_page(spec.ref), dict), spec.source


def test_the_plan_is_immutable_and_made_alike_twice() -> None:
    made = shipped_plan()
    with pytest.raises(dataclasses.FrozenInstanceError):
        made.urls = frozenset()  # type: ignore[misc]
    again = shipped_plan()
    assert again.specs == made.specs and again.urls == made.urls and again.carried == made.carried


def test_pictures_carry_the_size_the_loader_read(tmp_path: Path) -> None:
    """Upright sizes from the file's header, once: a photo the camera turned is as tall as it is shown."""
    folder = tmp_path / "news" / "2026" / "turned"
    folder.mkdir(parents=True)
    exif = Image.Exif()
    exif[0x0112] = 6  # rotated a quarter turn
    Image.new("RGB", (1600, 1200), (0, 120, 110)).save(folder / "photo.jpg", exif=exif)
    (folder / "index.uk.md").write_text("---\ntitle: Т\nsummary: С\ncover_alt: Опис\ndate: 2026-11-20\ncover: photo.jpg\n"
                                        "only_language: uk\n---\n\nТекст ![фото](photo.jpg)\n", encoding="utf-8")
    post = load_content(tmp_path, ("uk", "en")).posts[0]
    assert post.cover == Picture(folder / "photo.jpg", "JPEG", 1200, 1600)
    assert post.pictures == (Inline(post.cover, folder / "index.uk.md"),)
