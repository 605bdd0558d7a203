"""The feeds as subscribers' readers, RSS-to-e-mail services and bots meet them."""

from __future__ import annotations

import json
import re
import shutil
import sys
from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import datetime, timezone
from email.utils import parsedate_to_datetime
from pathlib import Path
from urllib.parse import urlsplit
from zoneinfo import ZoneInfo

import feedparser
import lxml.etree
import lxml.html
import pytest

from conftest import NOW, ROOT, SPECIAL, build, copy_project, reader_pages
from hub.content.catalog import Catalog
from hub.content.load import load_content
from hub.outputs.feeds import Channel, LanguageFeeds
from hub.site.language import languages
from hub.site.urls import Urls
from reading import BASE, page, resolve
from test_site import HIDDEN, HIDDEN_TITLES, LANGS

NS = {
    "atom": "http://www.w3.org/2005/Atom",
    "content": "http://purl.org/rss/1.0/modules/content/",
    "media": "http://search.yahoo.com/mrss/",
    "dc": "http://purl.org/dc/elements/1.1/",
}
KYIV = ZoneInfo("Europe/Kyiv")
FILES = {"rss": "feed.xml", "atom": "atom.xml", "json": "feed.json"}
RFC3339 = re.compile(r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$")
JSON_FEED_KEYS = {"version", "title", "home_page_url", "feed_url", "description", "user_comment", "next_url", "icon",
                  "favicon", "authors", "language", "expired", "hubs", "items"}
JSON_ITEM_KEYS = {"id", "url", "external_url", "title", "content_html", "content_text", "summary", "image", "banner_image",
                  "date_published", "date_modified", "authors", "tags", "language", "attachments"}
SPECIAL_SLUG = "synthetic-special"
COVER_SLUG = "synthetic-cover"


@dataclass(frozen=True)
class Entry:
    """An item as a reader shows it, whatever the feed's format."""

    id: str
    link: str
    title: str
    summary: str
    html: str
    published: datetime


def entries(path: Path) -> list[Entry]:
    """The items of a feed: feedparser for RSS and Atom (6.0 has no JSON Feed), plain JSON for JSON Feed."""
    if path.suffix == ".json":
        items = json.loads(path.read_text(encoding="utf-8"))["items"]
        return [Entry(i["id"], i["url"], i["title"], i["summary"], i["content_html"], datetime.fromisoformat(i["date_published"]))
                for i in items]
    parsed = feedparser.parse(path.read_bytes())
    assert parsed.bozo == 0, f"{path}: {parsed.get('bozo_exception')}"
    return [Entry(e.id, e.link, e.title, e.summary, e.content[0].value, datetime(*e.published_parsed[:6], tzinfo=timezone.utc))
            for e in parsed.entries]


def feeds(site: Path, fmt: str) -> list[Path]:
    return sorted(site.rglob(FILES[fmt]))


def lang_of(site: Path, path: Path) -> str:
    return "en" if path.relative_to(site).as_posix().startswith("en/") else "uk"


def url_of(site: Path, path: Path) -> str:
    return BASE + path.relative_to(site).as_posix()


def xml(path: Path) -> lxml.etree._Element:
    """Strict parsing: any XML error fails the test."""
    return lxml.etree.fromstring(path.read_bytes(), lxml.etree.XMLParser(recover=False))


def slug(url: str) -> str:
    return url.rstrip("/").rsplit("/", 1)[-1]


def rss_items(path: Path) -> list[lxml.etree._Element]:
    return xml(path).xpath("/rss/channel/item")


def published(lang: str, project: Path) -> list[str]:
    """Slugs of the posts published in `lang` at the test build's moment, newest first, from the content model."""
    content = load_content(project, tuple(LANGS))
    return [post.slug for post in Catalog.build(content, datetime.fromisoformat(NOW)).languages[lang].posts]


def html_urls(html: str) -> Iterator[str]:
    if html.strip():
        for _, attribute, link, _ in lxml.html.fragment_fromstring(html, create_parent="div").iterlinks():
            if attribute in ("href", "src"):
                yield link


def all_feeds(site: Path) -> list[Path]:
    return [path for fmt in FILES for path in feeds(site, fmt)]


# -- every feed is valid ----------------------------------------------------------------------------


def test_every_feed_parses_cleanly(site: Path) -> None:
    assert len(all_feeds(site)) >= 3 * 2 * 10, "site, project and tag feeds in three formats and two languages"
    for path in feeds(site, "rss") + feeds(site, "atom"):
        parsed = feedparser.parse(path.read_bytes())
        assert parsed.bozo == 0, f"{path.relative_to(site)}: {parsed.get('bozo_exception')}"
        assert parsed.feed.get("title"), path


def test_each_page_kind_has_its_feeds_in_both_languages(site: Path) -> None:
    for prefix in LANGS.values():
        for folder in ("", "projects/jointly/", "news/tags/training/"):
            for name in FILES.values():
                assert (site / prefix / folder / name).is_file(), prefix + folder + name


def test_rss_channel_has_every_required_element(site: Path) -> None:
    for path in feeds(site, "rss"):
        lang = lang_of(site, path)
        (channel,) = xml(path).xpath("/rss[@version='2.0']/channel")
        assert channel.findtext("title") and channel.findtext("description"), path
        page_url = url_of(site, path.parent) + "/" if path.parent != site else BASE
        assert channel.findtext("link") == page_url, "the channel links to its page, not to the feed itself"
        assert channel.xpath("atom:link[@rel='self']/@href", namespaces=NS) == [url_of(site, path)]
        assert channel.findtext("language") == lang
        assert channel.findtext("generator")
        assert channel.xpath("image/url/text()") and channel.findtext("image/link") == page_url
        items = channel.findall("item")
        if items:
            assert channel.findtext("lastBuildDate") == items[0].findtext("pubDate"), "updated when the newest item was"


def test_rss_items_have_every_required_element(site: Path) -> None:
    for path in feeds(site, "rss"):
        for item in rss_items(path):
            link = item.findtext("link")
            assert item.findtext("title") and link.startswith(BASE), path
            assert item.xpath("guid[@isPermaLink='true']/text()") == [link], "the GUID is the permalink"
            assert item.findtext("description"), "the summary"
            assert item.xpath("content:encoded/text()", namespaces=NS), "the full text"
            assert item.xpath("dc:creator/text()", namespaces=NS), "the author"
            moment = parsedate_to_datetime(item.findtext("pubDate"))
            assert moment.utcoffset() == moment.astimezone(KYIV).utcoffset(), "dates carry Kyiv's offset"


def test_atom_feed_has_every_required_element(site: Path) -> None:
    for path in feeds(site, "atom"):
        root = xml(path)
        assert root.get("{http://www.w3.org/XML/1998/namespace}lang") == lang_of(site, path)
        assert root.xpath("atom:id/text()", namespaces=NS) == [url_of(site, path)]
        assert root.xpath("atom:link[@rel='self']/@href", namespaces=NS) == [url_of(site, path)]
        assert root.xpath("atom:link[@rel='alternate']/@href", namespaces=NS)
        assert root.xpath("atom:title/text()", namespaces=NS) and root.xpath("atom:author/atom:name/text()", namespaces=NS)
        assert root.xpath("atom:icon/text()", namespaces=NS) and root.xpath("atom:logo/text()", namespaces=NS)
        entries = root.xpath("atom:entry", namespaces=NS)
        for entry in entries:
            (link,) = entry.xpath("atom:link[not(@rel) or @rel='alternate']/@href", namespaces=NS)
            assert entry.xpath("atom:id/text()", namespaces=NS) == [link]
            assert entry.xpath("atom:content[@type='html']/text()", namespaces=NS)
            assert entry.xpath("atom:summary/text()", namespaces=NS)
            (stamp,) = entry.xpath("atom:published/text()", namespaces=NS)
            assert entry.xpath("atom:updated/text()", namespaces=NS) == [stamp]
            moment = datetime.fromisoformat(stamp)
            assert moment.utcoffset() == moment.astimezone(KYIV).utcoffset()
        if entries:
            assert root.xpath("atom:updated/text()", namespaces=NS) == entries[0].xpath("atom:updated/text()", namespaces=NS)


def test_json_feed_follows_version_1_1(site: Path) -> None:
    for path in feeds(site, "json"):
        feed = json.loads(path.read_text(encoding="utf-8"))
        assert feed["version"] == "https://jsonfeed.org/version/1.1"
        assert isinstance(feed["title"], str) and feed["title"]
        assert feed["feed_url"] == url_of(site, path)
        assert feed["language"] == lang_of(site, path)
        assert all(isinstance(author.get("name"), str) for author in feed["authors"])
        assert not set(feed) - JSON_FEED_KEYS, "unknown top-level keys must start with an underscore"
        ids = []
        for item in feed["items"]:
            assert not set(item) - JSON_ITEM_KEYS
            assert isinstance(item["id"], str) and item["id"]
            assert isinstance(item["content_html"], str)
            assert RFC3339.match(item["date_published"]), item["date_published"]
            assert item["url"].startswith(BASE)
            ids.append(item["id"])
        assert len(ids) == len(set(ids))


# -- what subscribers get --------------------------------------------------------------------------------


def test_guids_are_unique_in_every_feed(site: Path) -> None:
    for path in all_feeds(site):
        ids = [entry.id for entry in entries(path)]
        assert len(ids) == len(set(ids)), path


@pytest.mark.parametrize("lang", LANGS)
def test_site_feed_has_the_twenty_newest_posts_newest_first(site: Path, project: Path, lang: str) -> None:
    expected = published(lang, project)
    assert len(expected) > 20, "the test content has more posts than a feed carries"
    for fmt in FILES:
        items = entries(site / LANGS[lang] / FILES[fmt])
        assert len(items) == 20
        assert {slug(e.link) for e in items} == set(expected[:20])
        times = [e.published for e in items]
        assert times == sorted(times, reverse=True)
        assert slug(items[0].link) == "synthetic-due"


def test_english_feeds_carry_only_english_items_and_ukrainian_only_ukrainian(site: Path) -> None:
    for path in all_feeds(site):
        lang = lang_of(site, path)
        for entry in entries(path):
            target = entry.link[len(BASE):]
            assert target.startswith("en/") == (lang == "en"), f"{path.relative_to(site)}: {entry.link}"
            opened = page(site, target.rstrip("/"))
            assert opened.get("lang") == lang
            assert not opened.xpath('//*[contains(@class, "hub-untranslated")]'), "an item is never an untranslated page"
    english = {slug(e.link) for e in entries(site / "en/feed.json")}
    ukrainian = {slug(e.link) for e in entries(site / "feed.json")}
    assert "synthetic-english-only" in english and "synthetic-english-only" not in ukrainian


def test_drafts_and_future_posts_appear_in_no_feed(site: Path) -> None:
    for path in all_feeds(site):
        content = path.read_text(encoding="utf-8")
        for needle in (*HIDDEN, *HIDDEN_TITLES):
            assert needle not in content, f"{needle} leaks into {path.relative_to(site)}"


def test_project_and_tag_feeds_carry_their_own_posts(site: Path) -> None:
    for prefix in LANGS.values():
        project = {slug(e.link) for e in entries(site / prefix / "projects/jointly/feed.xml")}
        assert "synthetic-due" in project and SPECIAL_SLUG not in project
        tagged = feedparser.parse((site / prefix / "news/tags/training/atom.xml").read_bytes()).entries
        assert SPECIAL_SLUG in {slug(e.link) for e in tagged}
        assert all("training" in {t.term for t in e.tags} for e in tagged)


def test_items_carry_categories_in_the_feed_language(site: Path) -> None:
    (item,) = [i for i in rss_items(site / "feed.xml") if slug(i.findtext("link")) == SPECIAL_SLUG]
    assert item.xpath("category/text()") == ["навчання"]
    entry = next(e for e in feedparser.parse((site / "en/atom.xml").read_bytes()).entries if slug(e.link) == SPECIAL_SLUG)
    assert [(t.term, t.label) for t in entry.tags] == [("training", "training")]


def test_ukrainian_text_round_trips_unescaped(site: Path) -> None:
    title = entries(site / "feed.xml")[0].title
    assert re.search("[а-яіїєґ]", title)
    for name in FILES.values():
        raw = (site / name).read_bytes()
        assert title.encode() in raw, f"{name} writes Ukrainian as it is, not as entities"
        assert b"&#" not in raw and b"\\u04" not in raw


@pytest.mark.parametrize("lang", LANGS)
def test_special_characters_survive_every_format(site: Path, lang: str) -> None:
    for fmt, name in FILES.items():
        path = site / LANGS[lang] / name
        if fmt != "json":
            xml(path)
        entry = next(e for e in entries(path) if slug(e.link) == SPECIAL_SLUG)
        assert entry.title == SPECIAL[lang], fmt
        # RSS readers read <description> as HTML: what they show of it is the summary, to the letter
        summary = lxml.html.fragment_fromstring(entry.summary, create_parent="p").text_content() if fmt == "rss" else entry.summary
        assert summary == SPECIAL[lang], fmt
        body = lxml.html.fragment_fromstring(entry.html, create_parent="div").text_content()
        quoted = "“лапки”" if lang == "en" else '"лапки"'  # an English text gets curly quotes; a Ukrainian one keeps its own
        assert f"Текст < 5 & {quoted} 🎉👨‍👩‍👧" in body, fmt


def test_every_url_in_the_content_is_absolute_and_leads_somewhere(site: Path) -> None:
    for path in all_feeds(site):
        for entry in entries(path):
            for url in html_urls(entry.html):
                parts = urlsplit(url)
                assert parts.scheme in ("https", "http", "mailto"), f"{path.relative_to(site)}: {url}"
                if url.startswith(BASE):
                    target = site / parts.path.lstrip("/")
                    assert target.is_file() or (target / "index.html").is_file(), url
    for prefix in LANGS.values():
        entry = next(e for e in entries(site / prefix / "feed.xml") if slug(e.link) == SPECIAL_SLUG)
        urls = list(html_urls(entry.html))
        assert BASE + prefix + "news/2025/synthetic-archive-01/" in urls, "a relative link is resolved against the post"
        assert any(url.endswith("/pixel-page.png") for url in urls), "so is an image (its copy: the original is never published)"
        assert "¶" not in entry.html, "heading anchors stay on the site"


def test_cover_image_is_an_enclosure_with_its_real_length_and_type(site: Path) -> None:
    for prefix in LANGS.values():
        (item,) = [i for i in rss_items(site / prefix / "feed.xml") if slug(i.findtext("link")) == COVER_SLUG]
        (enclosure,) = item.findall("enclosure")
        url = enclosure.get("url")
        published_file = site / urlsplit(url).path.lstrip("/")
        assert url.startswith(BASE) and published_file.is_file()
        assert enclosure.get("length") == str(published_file.stat().st_size)
        assert enclosure.get("type") == "image/png"
        (media,) = item.xpath("media:content", namespaces=NS)
        assert not item.xpath(".//media:group", namespaces=NS), "not wrapped in a group"
        assert (media.get("url"), media.get("fileSize"), media.get("type"), media.get("medium")) == \
               (url, enclosure.get("length"), "image/png", "image")
        assert (media.get("width"), media.get("height")) == ("640", "360")
        atom = xml(site / prefix / "atom.xml")
        assert atom.xpath(f"//atom:entry/atom:link[@rel='enclosure'][@href='{url}']/@length", namespaces=NS) == [enclosure.get("length")]
        json_item = next(i for i in json.loads((site / prefix / "feed.json").read_bytes())["items"] if slug(i["url"]) == COVER_SLUG)
        assert json_item["image"] == url


# -- how readers find the feeds ---------------------------------------------------------------------------


def test_every_page_advertises_its_language_feeds(site: Path) -> None:
    pages = reader_pages(site)
    for path in pages:
        html = lxml.html.fromstring(path.read_bytes())
        lang = html.get("lang")
        alternates = html.xpath('//head/link[@rel="alternate"][@type]')
        advertised = {(link.get("type"), link.get("href")) for link in alternates}
        prefix = LANGS[lang]
        assert {("application/rss+xml", BASE + prefix + "feed.xml"), ("application/atom+xml", BASE + prefix + "atom.xml"),
                ("application/feed+json", BASE + prefix + "feed.json")} <= advertised, path.relative_to(site)
        assert all(link.get("hreflang") == lang and link.get("title") for link in alternates)


@pytest.mark.parametrize("url", ["news/", "projects/jointly/", "news/tags/training/"])
@pytest.mark.parametrize("prefix", LANGS.values())
def test_pages_show_a_visible_link_to_their_own_feed(site: Path, prefix: str, url: str) -> None:
    content = page(site, prefix + url).xpath('//div[contains(@class, "md-content")]//p[contains(@class, "hub-feeds")]')
    (block,) = content
    assert block.xpath(".//svg"), "with the feed icon"
    (rss,) = block.xpath('.//a[@type="application/rss+xml"]/@href')
    target = resolve(prefix + url, rss)
    assert target == (prefix + url if url != "news/" else prefix) + "feed.xml" and (site / target).is_file()
    help_page = resolve(prefix + url, block.xpath(".//a[not(@type)]/@href")[0])
    assert help_page == prefix + "feeds/"
    head = page(site, prefix + url).xpath('//head/link[@rel="alternate"][@type="application/rss+xml"]/@href')
    assert BASE + target in head


@pytest.mark.parametrize("prefix", LANGS.values())
def test_footer_links_the_feed_with_an_icon_on_every_page(site: Path, prefix: str) -> None:
    for url in (prefix, prefix + "about/", prefix + "news/2026/synthetic-due/"):
        (block,) = page(site, url).xpath('//footer//*[contains(@class, "hub-feeds")]')
        assert block.xpath(".//svg")
        assert resolve(url, block.xpath('.//a[@type="application/rss+xml"]/@href')[0]) == prefix + "feed.xml"


def test_a_page_explains_feeds_in_both_languages(site: Path) -> None:
    for prefix, words in (("", "читалк"), ("en/", "feed reader")):
        explained = page(site, prefix + "feeds/")
        assert words in explained.text_content()
        listed = explained.xpath('//ul[contains(@class, "hub-feed-list")]//code/text()')
        assert listed == [BASE + prefix + name for name in FILES.values()]


# -- stability across builds and bad configuration -----------------------------------------------------------


def copy_built_project(project: Path, target: Path) -> Path:
    shutil.copytree(project, target, ignore=shutil.ignore_patterns("site", "site.partial"), dirs_exist_ok=True)
    return target


@pytest.fixture(scope="module")
def rebuilt(project: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The same content built again, in another folder at another moment of the clock."""
    root = copy_built_project(project, tmp_path_factory.mktemp("again"))
    result = build(root)
    assert result.returncode == 0, result.stderr
    return root / "site"


@pytest.fixture(scope="module")
def edited(project: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A build after a writer corrected a post's title and text, with feeds of 5 items."""
    root = copy_built_project(project, tmp_path_factory.mktemp("edited"))
    text = root / "news/2026/synthetic-due/index.uk.md"
    text.write_text(text.read_text(encoding="utf-8").replace("Щойно-опублікований", "Виправлений заголовок")
                    .replace("Текст допису.", "Виправлений текст."), encoding="utf-8")
    config = root / "mkdocs.yml"
    config.write_text(config.read_text(encoding="utf-8").replace("  - hub:\n", "  - hub:\n      feeds:\n        items: 5\n"), encoding="utf-8")
    result = build(root)
    assert result.returncode == 0, result.stderr
    return root / "site"


def test_two_builds_of_the_same_content_give_identical_feeds(site: Path, rebuilt: Path) -> None:
    paths = [path.relative_to(site) for path in all_feeds(site)]
    assert paths == [path.relative_to(rebuilt) for path in all_feeds(rebuilt)]
    for relative in paths:
        assert (site / relative).read_bytes() == (rebuilt / relative).read_bytes(), relative


def test_an_edited_post_keeps_its_guid(site: Path, edited: Path) -> None:
    before = entries(site / "feed.xml")
    after = entries(edited / "feed.xml")
    (old,) = [e for e in before if slug(e.link) == "synthetic-due"]
    (new,) = [e for e in after if slug(e.link) == "synthetic-due"]
    assert new.title == "Виправлений заголовок" and "Виправлений текст." in new.html
    assert new.id == old.id and new.published == old.published
    assert [e.id for e in after] == [e.id for e in before[:5]], "the same items, in the same order"


def test_item_count_is_configurable(edited: Path) -> None:
    for path in (edited / "feed.xml", edited / "en/atom.xml", edited / "projects/jointly/feed.json"):
        assert len(entries(path)) <= 5
    assert len(entries(edited / "en/feed.json")) == 5


@pytest.mark.parametrize("line", ["", 'site_url: ""\n'])
def test_a_build_without_a_site_url_stops_before_writing(tmp_path: Path, line: str) -> None:
    root = copy_project(tmp_path / "project")
    config = root / "mkdocs.yml"
    config.write_text(re.sub(r"^site_url: .*\n", line, config.read_text(encoding="utf-8"), flags=re.M), encoding="utf-8")
    result = build(root)
    assert result.returncode != 0
    assert "mkdocs.yml: 'site_url' is missing: feeds need absolute links" in result.stderr
    assert not (root / "site").exists() and not (root / "docs/news").exists(), "nothing is written"


def test_a_feed_size_below_one_is_refused(tmp_path: Path) -> None:
    root = copy_project(tmp_path / "project")
    config = root / "mkdocs.yml"
    config.write_text(config.read_text(encoding="utf-8").replace("  - hub:\n", "  - hub:\n      feeds:\n        items: 0\n"), encoding="utf-8")
    result = build(root)
    assert result.returncode != 0
    assert "items" in result.stderr and "1 or more; got 0" in result.stderr


def test_a_build_lets_each_feed_go_once_written_and_the_preview_keeps_them_for_its_next_build() -> None:
    """A build writes each language's feeds once, at the end of its pass: holding them to the end of the build only
    adds to its memory (15 MB of the Python heap at 2,000 posts per language). The preview keeps them: at its next
    build most feeds are the same, and are not made again."""
    catalog = Catalog.build(load_content(ROOT, ("uk", "en")), datetime.fromisoformat(NOW))
    channel = Channel("en", "https://example.org/", "Hub", "News", None, "assets/icon.png", "Europe/Kyiv", 20)
    html = {post.slug: f"<p>{post.slug}</p>" for post in catalog.published}
    copies = defaultdict(lambda: b"cover")

    def held(files: dict[str, bytes]) -> set[str]:
        """The feed files something besides `files` still refers to (a reference from `files`, one from the call)."""
        return {url for url in files if sys.getrefcount(files[url]) > 2}

    built = LanguageFeeds(catalog, Urls("uk"), languages(("uk", "en"))["en"], channel, copies)
    files = built.render(html)
    assert "en/feed.xml" in files and held(files) == set()
    previewed = LanguageFeeds(catalog, Urls("uk"), languages(("uk", "en"))["en"], channel, copies, {})
    files = previewed.render(html)
    assert held(files) == set(files) and previewed.render(html)["en/feed.xml"] is files["en/feed.xml"]
