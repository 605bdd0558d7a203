"""The e-mail issues on the site: a web version of each (where "view in browser" leads), an archive per language
linked from the subscribe page, in the sitemap; nothing of the issue's files is published. The test site holds the
issue made by conftest.send_issue (20–22 November, made on the 23rd); the Nu HTML Checker (test_browser_markup) and
axe-core (test_browser) check these pages with all the others."""

from __future__ import annotations

import json
import shutil
from dataclasses import replace
from datetime import datetime
from pathlib import Path

import lxml.etree
import pytest

from conftest import NOW
from hub.content.catalog import Catalog
from hub.content.errors import ContentError
from hub.content.issues import read_issues
from hub.content.load import load_content
from hub.site.language import languages
from hub.site.pages import PageRef
from hub.site.urls import Urls
from hub.site.views import Site
from reading import BASE, links, page, text

PREFIX = {"uk": "", "en": "en/"}
HEADING = {"uk": "Новини 20–22 листопада 2026", "en": "News 20–22 November 2026"}
POSTS = {"uk": ["synthetic-special", "synthetic-cover"], "en": ["synthetic-special", "synthetic-english-only", "synthetic-cover"]}
SITEMAP = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9", "x": "http://www.w3.org/1999/xhtml"}


@pytest.mark.parametrize("lang", PREFIX)
def test_the_web_version_shows_the_issues_posts_where_the_email_links(site: Path, project: Path, lang: str) -> None:
    url = f"{PREFIX[lang]}newsletter/2026-11-23/"
    stored = json.loads((project / "newsletter" / "issues" / "2026-11-23" / f"{lang}.json").read_text(encoding="utf-8"))
    assert stored["web_version"] == BASE + url
    html = page(site, url)
    assert html.get("lang") == lang and html.xpath("//h1")[0].text_content() == HEADING[lang]
    assert links(site, url, '//*[contains(@class, "hub-card__title")]/a') == [f"{PREFIX[lang]}news/2026/{slug}/" for slug in POSTS[lang]]
    assert f"{PREFIX[lang]}newsletter/" in links(site, url) and f"{PREFIX[lang]}subscribe/" in links(site, url)


@pytest.mark.parametrize("lang", PREFIX)
def test_the_archive_lists_the_issues_and_the_subscribe_page_links_to_it(site: Path, lang: str) -> None:
    archive = f"{PREFIX[lang]}newsletter/"
    assert f"{archive}2026-11-23/" in links(site, archive)
    assert {"uk": "20–22 листопада 2026 · 2 новини", "en": "20–22 November 2026 · 3 news items"}[lang] in text(site, archive)
    assert archive in links(site, f"{PREFIX[lang]}subscribe/")


def test_the_sitemap_lists_the_archive_and_the_issue_with_their_translations(site: Path) -> None:
    root = lxml.etree.parse(str(site / "sitemap.xml")).getroot()
    listed = {url.findtext("s:loc", namespaces=SITEMAP): {link.get("hreflang") for link in url.iterfind("x:link", SITEMAP)}
              for url in root.iterfind("s:url", SITEMAP)}
    for path in ("newsletter/", "newsletter/2026-11-23/"):
        assert listed[BASE + path] == listed[BASE + "en/" + path] == {"uk", "en", "x-default"}


def test_nothing_of_the_issues_files_is_published(site: Path) -> None:
    published = [path for path in site.rglob("*") if "newsletter" in path.parts and path.is_file()]
    assert sorted(path.name for path in published) == ["index.html"] * 4
    assert not any("UnsubscribeURL" in path.read_text(encoding="utf-8") for path in published)


def test_a_post_taken_off_the_site_leaves_the_web_version(project: Path) -> None:
    content = load_content(project, ("uk", "en"))
    content = replace(content, posts=tuple(post for post in content.posts if post.slug != "synthetic-cover"))
    site = Site(Catalog.build(content, datetime.fromisoformat(NOW)), Urls("uk"), languages(("uk", "en")), 10, 5)
    cards = site.views("uk").for_page(PageRef("issue", "2026-11-23"))["cards"]
    assert [card["url"] for card in cards] == ["news/2026/synthetic-special/"]


def test_a_damaged_stored_issue_stops_the_build_with_its_file(project: Path, tmp_path: Path) -> None:
    copy = tmp_path / "project"
    shutil.copytree(project, copy, ignore=shutil.ignore_patterns("site", "site.*"))
    damaged = copy / "newsletter" / "issues" / "2026-11-23" / "en.json"
    damaged.write_text(damaged.read_text(encoding="utf-8").replace('"language": "en"', '"language": "uk"'), encoding="utf-8")
    with pytest.raises(ContentError) as error:
        load_content(copy, ("uk", "en"))
    assert "newsletter/issues/2026-11-23/en.json: is not an issue as hub newsletter writes it" in error.value.report()


def test_an_issue_stored_before_the_web_versions_is_published_too(tmp_path: Path) -> None:
    """The manifests written before issue 20 have no "date": their folder's name gives it."""
    folder = tmp_path / "newsletter" / "issues" / "2026-11-10"
    folder.mkdir(parents=True)
    (folder / "uk.json").write_text(json.dumps({"language": "uk", "items": [{"slug": "a-post"}], "period": {
        "start": "2026-11-01T00:00:00+02:00", "end": "2026-11-10T12:00:00+02:00"}}), encoding="utf-8")
    (issue,), problems = read_issues(tmp_path, ("uk", "en"))
    assert problems == [] and (issue.day.isoformat(), issue.lang, issue.slugs) == ("2026-11-10", "uk", ("a-post",))
