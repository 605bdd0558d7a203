"""The build benchmark cannot rot: a small corpus goes through the generator, the hub's build and the baseline."""

from __future__ import annotations

import hashlib
from pathlib import Path
from urllib.parse import urlsplit

import feedparser
import pytest

from bench.corpus import make_project
from bench.run import Build, Measurement, measure, report, targets
from hub.site.urls import Urls
from reading import links, page

COUNT = 30
LANGS = {"uk": "", "en": "en/"}
URLS = Urls("uk")


@pytest.fixture(scope="module")
def measured(tmp_path_factory: pytest.TempPathFactory) -> Measurement:
    return measure(COUNT, tmp_path_factory.mktemp("bench"))


@pytest.fixture(scope="module")
def site(measured: Measurement) -> Path:
    return measured.root / "hub" / "site"


def listed(site: Path, url_of) -> set[str]:
    """Every link of a paginated listing, following its pages until there are no more."""
    found: set[str] = set()
    number = 1
    while (site / url_of(number) / "index.html").exists():
        found.update(links(site, url_of(number)))
        number += 1
    assert number > 1, f"no listing at {url_of(1)}"
    return found


def test_every_generated_post_has_its_page_in_both_languages(measured: Measurement, site: Path) -> None:
    assert len(measured.generated) == COUNT
    for post in measured.generated:
        for lang, prefix in LANGS.items():
            html = page(site, post.url(prefix))
            assert html.get("lang") == lang
            assert " ".join(html.xpath("string(//h1)").split()) == post.texts[lang].title


def test_generated_posts_are_in_the_news_index_and_their_archives(measured: Measurement, site: Path) -> None:
    for lang, prefix in LANGS.items():
        news = listed(site, lambda n: URLS.news(lang, n))
        assert {post.url(prefix) for post in measured.generated} <= news
        for post in measured.generated:
            assert post.url(prefix) in listed(site, lambda n: URLS.year(lang, post.day.year, n))
            for tag in post.tags:
                assert post.url(prefix) in listed(site, lambda n: URLS.tag(lang, tag, n)), f"{post.slug} missing from tag {tag}"


def test_the_newest_generated_posts_are_in_each_language_feed(measured: Measurement, site: Path) -> None:
    newest_first = sorted(measured.generated, key=lambda post: (post.day, post.slug), reverse=True)
    for lang, prefix in LANGS.items():
        path = site / prefix / "feed.xml"
        if not path.exists():
            pytest.skip(f"the build has no {prefix}feed.xml (yet): feeds are not checked")
        feed = feedparser.parse(path.read_bytes())
        assert not feed.bozo, feed.get("bozo_exception")
        in_feed = [urlsplit(entry.link).path.lstrip("/") for entry in feed.entries]
        generated = [url for url in in_feed if url in {post.url(prefix) for post in measured.generated}]
        assert generated, f"no generated post in {prefix}feed.xml"
        assert generated == [post.url(prefix) for post in newest_first[: len(generated)]], "the feed skips a newer post"
        entry = feed.entries[in_feed.index(generated[0])]
        assert entry.title == newest_first[0].texts[lang].title


def test_the_baseline_builds_the_same_posts_as_plain_pages(measured: Measurement) -> None:
    plain = measured.root / "plain" / "site"
    for post in measured.generated:
        for lang, prefix in LANGS.items():
            html = page(plain, post.url(prefix))
            assert post.texts[lang].title in html.xpath("string(//h1)")


def test_the_report_gives_every_figure_of_both_builds(measured: Measurement) -> None:
    for build in (measured.hub, measured.rebuild, measured.plain):
        assert build.seconds > 0 and build.peak_mb > 20
        assert build.pages >= 2 * COUNT and build.output_mb > 0
        assert build.post_kb > 1
    assert measured.hub.search_mb + measured.hub.pagefind_mb > 0 and measured.plain.search_mb > 0
    hub, rebuild, plain = (line.split() for line in report([measured]).splitlines()[1:4])
    assert hub[:2] == [str(COUNT), "hub"] and rebuild[:2] == [str(COUNT), "rebuild"] and plain[:2] == [str(COUNT), "plain"]
    assert float(hub[5]) == pytest.approx(measured.ratio, abs=0.01)
    assert float(rebuild[5]) == pytest.approx(measured.rebuild_ratio, abs=0.01)
    assert measured.rebuild.pages == measured.hub.pages, "the second build is as complete as the first"


def test_targets_flag_what_is_missed() -> None:
    def at(posts: int, seconds: float, plain: float = 10.0, post_kb: float = 20.0, peak_mb: float = 300.0,
           preview: float = 1.0) -> Measurement:
        hub = Build(seconds, seconds, peak_mb, 1, 1.0, post_kb, 1.0, 1.0)
        return Measurement(posts, hub, hub, Build(plain, plain, 100.0, 1, 1.0, 20.0, 1.0, 0.0), Path(), [],
                           {"hub": seconds, "rebuild": seconds, "plain": plain}, [preview] * 5)

    good = targets([at(100, 1.0), at(500, 3.0), at(2000, 12.0)])
    assert [ok for _, ok in good] == [True] * 6
    bad = targets([at(100, 1.0), at(500, 3.0, post_kb=20.0), at(2000, 14.0, post_kb=23.0, peak_mb=1500.0, preview=2.5)])
    assert [ok for _, ok in bad] == [False] * 6


def test_the_live_preview_is_timed_edit_by_edit(measured: Measurement) -> None:
    """Each saved edit reached the browser (the preview logged its reload), and the report gives the figures."""
    assert len(measured.preview) == 5
    assert all(0 < seconds < 60 for seconds in measured.preview)
    assert f"live preview, {COUNT} posts/lang: saved post → browser reload, median" in report([measured])


def test_the_corpus_is_the_same_for_the_same_seed(tmp_path: Path) -> None:
    def fingerprint(root: Path, seed: int) -> str:
        make_project(root, 5, seed)
        digest = hashlib.sha256()
        for path in sorted((root / "news").rglob("*")):
            if path.is_file():
                digest.update(path.relative_to(root).as_posix().encode() + path.read_bytes())
        return digest.hexdigest()

    assert fingerprint(tmp_path / "a", 8) == fingerprint(tmp_path / "b", 8)
    assert fingerprint(tmp_path / "c", 9) != fingerprint(tmp_path / "a2", 8)


def test_generated_ukrainian_agrees_with_its_numbers(measured: Measurement) -> None:
    """«21 учасник», «3 учасники», «12 учасників»: checked against the CLDR rule written out here."""
    for post in measured.generated:
        for line in post.texts["uk"].body.splitlines():
            if "взяли участь" in line or "взяв участь" in line:
                n = int(line.split("участь ")[1].split()[0])
                form = {"one": "учасник.", "few": "учасники.", "many": "учасників."}[_uk_plural(n)]
                assert f"участь {n} {form}" in line, line


def _uk_plural(n: int) -> str:
    if n % 10 == 1 and n % 100 != 11:
        return "one"
    if 2 <= n % 10 <= 4 and not 12 <= n % 100 <= 14:
        return "few"
    return "many"

