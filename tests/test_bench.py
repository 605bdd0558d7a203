"""The build benchmark cannot rot: a small corpus goes through the generator, the hub's build and the baseline."""

from __future__ import annotations

import hashlib
import re
import statistics
import subprocess
import sys
from pathlib import Path
from urllib.parse import urlsplit

import feedparser
import pytest
from PIL import Image, ImageStat

from bench.corpus import GeneratedPost, make_project
from bench.memory import SHM, TreePeak
from bench.photos import GPS_IFD, ORIENTATION
from bench.run import Build, Measurement, measure, report, targets
from hub.site.urls import Urls
from reading import links, page, resolve

COUNT = 30
PHOTO_SCALE = 0.1
"""Photos a tenth of their real size (400 × 300 for a phone's): the same pipeline, quickly."""
LANGS = {"uk": "", "en": "en/"}
LANG_OF = {prefix: lang for lang, prefix in LANGS.items()}
URLS = Urls("uk")


@pytest.fixture(scope="module")
def measured(tmp_path_factory: pytest.TempPathFactory) -> Measurement:
    return measure(COUNT, tmp_path_factory.mktemp("bench"), photo_scale=PHOTO_SCALE)


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
            words = set(re.findall(r"[^\W\d_]{4,}", post.texts[lang].body))
            shown = html.xpath("string(//article)")
            assert sum(word in shown for word in words) >= 0.8 * len(words), "the post's whole text, as the hub's"
            for photo in (post.cover, post.picture):
                if photo:
                    published = plain / post.url(prefix) / photo.name
                    assert published.read_bytes() == (_folder(measured, post) / photo.name).read_bytes(), "copied as it is"


def test_the_report_gives_every_figure_of_every_build(measured: Measurement) -> None:
    for build in (measured.hub, measured.rebuild, measured.added, measured.plain):
        assert build.seconds > 0 and build.cpu_seconds > 0
        assert build.whole_mb > 20 and build.largest_mb > 20
        assert build.pages >= 2 * COUNT and build.output_mb > 0
        assert build.post_kb > 1
    assert measured.hub.whole_mb >= measured.hub.largest_mb / 2, "the whole build holds at least its largest process's own pages"
    assert measured.hub.search_mb + measured.hub.pagefind_mb > 0 and measured.plain.search_mb > 0
    rows = {line.split()[1]: line.split() for line in report([measured]).splitlines()[1:5]}
    assert list(rows) == ["hub", "rebuild", "added", "plain"] and all(row[0] == str(COUNT) for row in rows.values())
    assert float(rows["hub"][5]) == pytest.approx(measured.ratio, abs=0.01)
    assert float(rows["rebuild"][5]) == pytest.approx(measured.rebuild_ratio, abs=0.01)
    assert float(rows["added"][5]) == pytest.approx(measured.added_ratio, abs=0.01)
    assert float(rows["hub"][6]) == pytest.approx(measured.hub.whole_mb, abs=1)
    assert float(rows["plain"][7]) == pytest.approx(measured.plain.largest_mb, abs=1)
    assert measured.rebuild.pages == measured.hub.pages, "the second build is as complete as the first"
    assert measured.added.pages >= measured.hub.pages + 2, "one more post in each language (and maybe a listing page)"


def test_targets_flag_what_is_missed() -> None:
    def at(posts: int, seconds: float, plain: float = 10.0, whole_mb: float = 600.0, rebuild: float | None = None,
           added: float = 1.0) -> Measurement:
        def build(wall: float, memory: float = whole_mb) -> Build:
            return Build(wall, wall, memory, memory / 2, 1, 1.0, 20.0, 1.0, 1.0)

        slowest = dict.fromkeys(("hub", "rebuild", "added", "plain"), seconds)
        return Measurement(posts, build(seconds), build(rebuild or seconds), build(added), build(plain, 300.0), Path(), [],
                           None, slowest, [1.0] * 5)  # type: ignore[arg-type]

    good = targets([at(100, 1.0), at(500, 3.0), at(2000, 10.5, rebuild=9.5, added=2.0)])
    assert [ok for _, ok in good] == [True] * 4
    bad = targets([at(100, 1.0), at(500, 3.0), at(2000, 11.5, whole_mb=1100.0, rebuild=10.5, added=3.0)])
    assert [ok for _, ok in bad] == [False] * 4
    assert targets([at(100, 1.0)]) == [], "the targets are those of 2000 posts per language"
    assert "2000 / 500 posts/lang: 1.50" in report([at(500, 3.0, whole_mb=400.0), at(2000, 10.0)])


def test_memory_counts_every_process_of_a_build_and_nothing_of_what_started_it() -> None:
    """A build of two processes holding 150 and 100 MiB, started by a process holding 300 MiB."""
    hold = "import sys, time; held = b'x' * ({} << 20); time.sleep(0.5)"
    child = f"import subprocess, sys; held = b'x' * (150 << 20); subprocess.run([sys.executable, '-c', {hold.format(100)!r}])"
    ballast = b"x" * (300 << 20)
    process = subprocess.Popen([sys.executable, "-c", child])
    memory = TreePeak(process.pid)
    process.wait()
    whole_mb, largest_mb = memory.stop()
    assert 240 <= whole_mb < 300 and 150 <= largest_mb < 200, (whole_mb, largest_mb)
    assert len(ballast) == 300 << 20


@pytest.mark.skipif(not SHM.is_dir(), reason="no /dev/shm: not Linux")
def test_memory_counts_what_a_build_keeps_in_dev_shm() -> None:
    """The search's texts wait for Pagefind in /dev/shm: memory, which no process's PSS shows."""
    keep = ("import os, tempfile, time\nfd, name = tempfile.mkstemp(dir='/dev/shm')\nfor _ in range(80):\n"
            "    os.write(fd, b'x' * (1 << 20))\ntime.sleep(0.5)\nos.unlink(name)")
    process = subprocess.Popen([sys.executable, "-c", keep])
    memory = TreePeak(process.pid)
    process.wait()
    whole_mb, largest_mb = memory.stop()
    assert whole_mb >= 80 and largest_mb < 60, (whole_mb, largest_mb)


def test_posts_are_written_as_ngos_write_them(measured: Measurement) -> None:
    """About 650 words in Ukrainian and 800 in English, 3–6 links, sections, lists, quotes, admonitions on some."""
    for lang, words in (("uk", 650), ("en", 800)):
        counts = [len(post.texts[lang].body.split()) for post in measured.generated]
        assert 0.85 * words <= statistics.mean(counts) <= 1.15 * words, (lang, statistics.mean(counts))
        assert max(counts) - min(counts) > 0.3 * words, "lengths vary"
    bodies = [text.body for post in measured.generated for text in post.texts.values()]
    assert all(3 <= len(re.findall(r"\]\((?:/|https://)", body)) <= 6 for body in bodies)
    assert all(re.search(r"^## ", body, re.M) and re.search(r"^- ", body, re.M) for body in bodies)
    for on_some in (r"^> ", r"^!!! \w+ ", r"^1\. "):  # quotes, admonitions, numbered steps
        assert 0 < sum(bool(re.search(on_some, body, re.M)) for body in bodies) < len(bodies), on_some
    for kind in (r"https://", r"/(en/)?news/", r"/(en/)?projects/", r"/(en/)?partners/"):
        assert any(re.search(r"\]\(" + kind, body) for body in bodies), f"no link to {kind}"
    covers = [post.cover for post in measured.generated if post.cover]
    assert 0.1 * COUNT <= len(covers) <= 0.35 * COUNT
    assert any(post.picture for post in measured.generated), "some texts show a photo"


def test_links_of_the_posts_lead_to_pages_that_exist(measured: Measurement, site: Path) -> None:
    for post in [*measured.generated, measured.added_post]:
        for prefix in LANGS.values():
            url = post.url(prefix)
            hrefs = page(site, url).xpath("//article//a/@href")
            internal = [resolve(url, href) for href in hrefs if not href.startswith(("https:", "mailto:", "#"))]
            assert internal, url
            missing = [target for target in internal if not ((site / target).is_file() or (site / target / "index.html").exists())]
            assert not missing, f"{url} links to {missing}"


def test_covers_and_photos_are_published_upright_and_without_gps(measured: Measurement, site: Path) -> None:
    posts = [post for post in [*measured.generated, measured.added_post] if post.cover or post.picture]
    kinds = {post.cover.kind.name for post in posts if post.cover}
    assert {post.cover.orientation for post in posts if post.cover} - {1}, f"no cover turned by EXIF among {kinds}"
    for post in posts:
        original = post.cover or post.picture
        assert original is not None
        if original.kind.format == "JPEG" and post in measured.generated:  # the added post's folder is gone
            exif = Image.open(_folder(measured, post) / original.name).getexif()
            assert exif.get_ifd(GPS_IFD) and exif[ORIENTATION] == original.orientation, "the originals are as phones made them"
        for prefix in LANGS.values():
            url = post.url(prefix)
            html = page(site, url)
            # the photos of the corpus; a post without a cover also shows a drawn one (hub.site.pictures), not a photo
            sources = [resolve(url, src) for src in html.xpath("//article//img/@src") if "cover-drawn" not in src]
            assert sources, url
            for source in sources:
                with Image.open(site / source) as image:
                    exif = image.getexif()
                    assert not exif.get_ifd(GPS_IFD) and exif.get(ORIENTATION, 1) == 1, source
                    assert _brightness(image, top=True) > _brightness(image, top=False) + 30, f"{source} is not upright"
            if post.cover:
                (cover,) = html.xpath("//img[@alt=$alt]", alt=post.texts[LANG_OF[prefix]].cover_alt)
                assert (int(cover.get("height")) > int(cover.get("width"))) == post.cover.portrait, url


def test_the_post_added_for_the_daily_build_is_published(measured: Measurement, site: Path) -> None:
    post = measured.added_post
    assert post not in measured.generated and post.cover is not None
    for lang, prefix in LANGS.items():
        assert " ".join(page(site, post.url(prefix)).xpath("string(//h1)").split()) == post.texts[lang].title
        assert post.url(prefix) in links(site, URLS.news(lang))


def test_the_live_preview_is_timed_edit_by_edit(measured: Measurement) -> None:
    """Each saved edit reached the browser (the preview logged its reload), and the report gives the figures."""
    assert len(measured.preview) == 5
    assert all(0 < seconds < 60 for seconds in measured.preview)
    assert f"live preview, {COUNT} posts/lang: saved post → browser reload, median" in report([measured])


def test_the_corpus_is_the_same_for_the_same_seed(tmp_path: Path) -> None:
    def fingerprint(root: Path, seed: int) -> str:
        make_project(root, 5, seed, photo_scale=0.05)
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


def _folder(measured: Measurement, post: GeneratedPost) -> Path:
    return measured.root / "hub" / "news" / str(post.day.year) / post.slug


def _brightness(image: Image.Image, top: bool) -> float:
    """The mean grey of the top or bottom fifth of a picture."""
    grey = image.convert("L")
    width, height = grey.size
    band = (0, 0, width, height // 5) if top else (0, height - height // 5, width, height)
    return ImageStat.Stat(grey.crop(band)).mean[0]


def _uk_plural(n: int) -> str:
    if n % 10 == 1 and n % 100 != 11:
        return "one"
    if 2 <= n % 10 <= 4 and not 12 <= n % 100 <= 14:
        return "few"
    return "many"

