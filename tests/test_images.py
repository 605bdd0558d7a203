"""Cover images: published upright at the sizes of the page, feeds and social previews; the original never changes."""

from __future__ import annotations

import hashlib
import io
import itertools
import math
import shutil
import struct
import threading
import time
import zipfile
import zlib
from concurrent.futures import Future, ThreadPoolExecutor, wait
from datetime import datetime, timezone
from pathlib import Path
from typing import Any

import pytest
from PIL import Image, ImageChops, ImageCms, ImageOps, ImageStat

from conftest import build, write_pdf
from hub.content.errors import ContentError
from hub.content.frontmatter import read_markdown
from hub.content.model import Inline, Post, PostText
from hub.content.pictures import ImageError, inspect
from hub.outputs import cover_art, images
from hub.outputs.bare import bare
from hub.site import pictures
from hub.site.pages import post_assets
from reading import page, resolve

GPS = 0x8825
ORIENTATION = 0x0112


def post_with_cover(folder: Path, cover: Path) -> Post:
    """A post whose cover the loader read (its header only: the copies are made from the file)."""
    moment = datetime(2026, 11, 20, tzinfo=timezone.utc)
    return Post(folder.name, moment, moment, False, (), (), (), inspect(cover), {}, folder)


def cover_post(tmp_path: Path, slug: str, picture: Image.Image, name: str, **options: object) -> Post:
    """A post whose folder holds `picture` saved as `name` (with Pillow's save `options`)."""
    folder = tmp_path / slug
    folder.mkdir()
    picture.save(folder / name, **options)
    return post_with_cover(folder, folder / name)


def every_copy(posts: list[Post], cache: Path | None, first: set[str] = frozenset()) -> dict[str, bytes]:
    """The copies of every cover, as a build makes them: the slugs in `first` at once, the others in the background."""
    copies = images.PictureCopies(pictures.sources(posts), cache, pictures.sources(p for p in posts if p.slug in first))
    copies.start(fork=False)
    return dict(copies.finish())  # as a build writes them, at once


def psnr(one: Image.Image, other: Image.Image) -> float:
    """How alike two pictures of the same size are, in dB: above 40, no one sees a difference."""
    difference = ImageStat.Stat(ImageChops.difference(one.convert("RGB"), other.convert("RGB")))
    mse = sum(rms * rms for rms in difference.rms) / 3
    return math.inf if mse == 0 else 10 * math.log10(255 ** 2 / mse)


def opened(data: bytes) -> Image.Image:
    with Image.open(io.BytesIO(data)) as image:
        image.load()
        return image


def phone_photo(path: Path) -> bytes:
    """A 4000×3000 JPEG stored sideways, as phones do, with where it was taken in its EXIF: red on top once upright."""
    image = Image.new("RGB", (4000, 3000), (20, 20, 200))
    image.paste((220, 20, 20), (0, 0, 2000, 3000))  # the left half, stored; turned upright (orientation 6) it is the top
    exif = Image.Exif()
    exif[ORIENTATION] = 6
    exif[GPS] = {1: "N", 2: (50.0, 27.0, 0.0)}
    image.save(path, quality=90, exif=exif)
    return path.read_bytes()


def test_cover_sizes_are_upright_never_enlarged_and_carry_no_metadata(tmp_path: Path) -> None:
    folder = tmp_path / "lviv-training"
    folder.mkdir()
    original = phone_photo(folder / "photo.jpg")
    post = post_with_cover(folder, folder / "photo.jpg")

    planned = pictures.variants(post)
    assert {name: (v.width, v.height) for name, v in planned.items()} == {"page": (900, 1200), "feed": (600, 800), "social": (1200, 630)}
    assert planned["page"].src == "news/2026/lviv-training/photo-page.jpg"
    for name, data in images.render(pictures.cover(post)).items():
        with Image.open(io.BytesIO(data)) as made:
            assert made.format == "JPEG" and made.size == (planned[name].width, planned[name].height)
            assert ("progressive" in made.info) == (name == "page"), "the page's copy shows at once and sharpens as it loads"
            assert not made.getexif(), "no EXIF: no place, no time, no rotation left to apply"
            red, green, blue = made.convert("RGB").getpixel((made.width // 2, 2))
            assert red > 150 and blue < 100, f"{name}: the top is red, as the photo stands upright"
    assert (folder / "photo.jpg").read_bytes() == original, "the original is never modified"


def test_small_and_transparent_covers_stay_png_and_are_never_enlarged(tmp_path: Path) -> None:
    folder = tmp_path / "logo-post"
    folder.mkdir()
    Image.new("RGBA", (640, 360), (0, 120, 110, 128)).save(folder / "logo.png")
    post = post_with_cover(folder, folder / "logo.png")
    planned = pictures.variants(post)
    assert (planned["page"].width, planned["page"].height) == (640, 360), "never enlarged"
    assert (planned["social"].width, planned["social"].height) == (640, 336), "cropped to the 1.91:1 of previews, not enlarged"
    made = images.render(pictures.cover(post))
    assert Image.open(io.BytesIO(made["page"])).mode == "RGBA" and planned["page"].mime == "image/png", "transparency kept on the page"
    assert Image.open(io.BytesIO(made["social"])).format == "JPEG", "social networks get a JPEG"


def test_the_built_post_shows_the_page_size_and_publishes_every_size(site: Path, project: Path) -> None:
    source = project / "news" / "2026" / "synthetic-cover" / "cover.png"
    for prefix in ("", "en/"):
        url = prefix + "news/2026/synthetic-cover/"
        (img,) = page(site, url).xpath('//figure[contains(@class, "hub-cover")]/img')
        published = site / resolve(url, img.get("src"))
        assert published.name == "cover-page.png"
        with Image.open(published) as shown:
            assert shown.size == (int(img.get("width")), int(img.get("height")))
    for name in ("cover-feed.png", "cover-social.jpg"):
        assert (site / "news/2026/synthetic-cover" / name).is_file()
    fresh = io.BytesIO()
    Image.new("RGB", (640, 360), (20, 120, 110)).save(fresh, "PNG")  # as the fixture made it
    assert hashlib.sha256(source.read_bytes()).digest() == hashlib.sha256(fresh.getvalue()).digest(), "the original is unchanged"


def test_a_cover_that_is_no_picture_stops_the_build_clearly(project: Path, tmp_path: Path) -> None:
    root = tmp_path / "project"
    shutil.copytree(project, root)
    (root / "news" / "2026" / "synthetic-cover" / "cover.png").write_text("not a picture", encoding="utf-8")
    result = build(root)
    assert result.returncode != 0
    assert "news/2026/synthetic-cover/index.uk.md:6: 'cover': the cover image 'cover.png' is not a picture" in result.stderr
    assert "Traceback" not in result.stderr


def test_a_cover_cut_short_stops_the_build_clearly_and_keeps_the_site(project: Path, tmp_path: Path) -> None:
    root = tmp_path / "project"
    shutil.copytree(project, root)
    shutil.rmtree(root / ".cache")
    cover = root / "news" / "2026" / "synthetic-cover" / "cover.png"
    cover.write_bytes(cover.read_bytes()[:400])  # an upload that stopped half-way: the header reads, the pixels do not
    before = (root / "site" / "index.html").read_bytes()
    result = build(root)
    assert result.returncode != 0
    assert "news/2026/synthetic-cover/index.uk.md:6: 'cover': the cover image 'cover.png' could not be read" in result.stderr
    assert "Traceback" not in result.stderr
    assert (root / "site" / "index.html").read_bytes() == before, "the site from the last good build is kept"


@pytest.mark.parametrize("fork", [False, True], ids=["threads", "processes"])
def test_covers_the_feeds_do_not_need_are_made_while_the_pages_are_built(tmp_path: Path, fork: bool) -> None:
    """The feeds enclose the copies of the newest covers, needed before the pages: the others are made meanwhile."""
    posts = [cover_post(tmp_path, slug, Image.new("RGB", (960, 540), colour), "cover.jpg")
             for slug, colour in (("newest", (0, 120, 110)), ("older", (230, 110, 80)))]
    copies = images.PictureCopies(pictures.sources(posts), tmp_path / "cache", pictures.sources(posts[:1]), fork=fork)
    copies.settle()
    assert set(copies.made()) == {variant.src for variant in pictures.variants(posts[0]).values()}, "only the feeds' covers so far"
    copies.start(fork)
    assert copies.finish() == every_copy(posts, None), "then every copy, as made at once"

    broken = cover_post(tmp_path, "broken", Image.effect_noise((960, 540), 40).convert("RGB"), "cover.jpg")
    broken.cover.path.write_bytes(broken.cover.path.read_bytes()[:20_000])  # its header whole, its pixels cut short
    copies = images.PictureCopies(pictures.sources([broken, *posts]), tmp_path / "cache", pictures.sources(posts[:1]), fork=fork)
    copies.start(fork)
    with pytest.raises(ContentError) as raised:
        copies.finish()
    assert [problem.path for problem in raised.value.problems] == [broken.shared], "the post is named"


@pytest.mark.parametrize("fork", [False, True], ids=["threads", "processes"])
@pytest.mark.parametrize("end", ["settle", "finish", "discard"])
def test_no_thread_of_the_copies_outlives_their_end(tmp_path: Path, fork: bool, end: str) -> None:
    """A pool still closing down as Python exits may print a traceback after a failed build's message (Python 3.11):
    once the copies are settled, finished or discarded, none of their threads is left running."""
    before = set(threading.enumerate())
    for round_ in range(5):  # the pool ends itself once its last copy is made: a race, tried a few times
        folder = tmp_path / str(round_)
        folder.mkdir()
        posts = [cover_post(folder, slug, Image.new("RGB", (640, 360), colour), "cover.jpg")
                 for slug, colour in (("newest", (0, 120, 110)), ("older", (230, 110, 80)))]
        first = posts if end == "settle" else posts[:1]  # else the other is made in the background, after `start`
        copies = images.PictureCopies(pictures.sources(posts), folder / "cache", pictures.sources(first), fork=fork)
        if end != "settle":
            copies.start(fork)
        getattr(copies, end)()
        left = [thread.name for thread in set(threading.enumerate()) - before if thread.is_alive()]
        assert not left, f"after {end}: {left}"


def test_copies_a_failed_build_ends_before_they_start_end_at_once(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A failed build (or preview) ends the copies still waiting for a thread: ending them never waits on itself."""
    release = threading.Event()

    def busy_pool() -> ThreadPoolExecutor:
        """A pool whose only thread is taken: as when each of its threads is between two copies."""
        pool = ThreadPoolExecutor(1)
        pool.submit(release.wait)
        return pool

    monkeypatch.setattr(images, "ThreadPoolExecutor", busy_pool)
    posts = [cover_post(tmp_path, f"post-{n}", Image.new("RGB", (64, 36), (0, 120, 110)), "cover.png") for n in range(3)]
    copies = images.PictureCopies(pictures.sources(posts), None, pictures.sources(posts))
    ending = threading.Thread(target=copies.discard, name="discard", daemon=True)
    ending.start()
    ending.join(0.5)  # the waiting copies are cancelled at once; the pool then waits for its thread's task
    release.set()
    ending.join(30)
    assert not ending.is_alive(), "discarding the copies never ends"


def test_copies_made_before_they_are_watched_can_be_waited_for_from_another_thread(tmp_path: Path,
                                                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    """The build waits for the copies on a thread of its own (its covers): copies all made before `start` watched them
    (found in the cache, small pictures on a fast core) never make that thread wait for the one that started them."""

    class QuickPool(ThreadPoolExecutor):
        """A pool whose every copy is made by the time `submit` returns."""

        def submit(self, *args: Any, **kwargs: Any) -> Future[Any]:
            future = super().submit(*args, **kwargs)
            wait([future])
            return future

    monkeypatch.setattr(images, "ThreadPoolExecutor", QuickPool)
    posts = [cover_post(tmp_path, f"post-{n}", Image.new("RGB", (64, 36), (0, 120, 110)), "cover.png") for n in range(3)]
    copies = images.PictureCopies(pictures.sources(posts), None, [])
    copies.start(fork=False)
    finishing = threading.Thread(target=copies.finish, name="hub-covers", daemon=True)
    finishing.start()
    finishing.join(30)
    assert not finishing.is_alive(), "waiting for the copies from another thread never ends"
    assert len(copies.made()) == 3 * len(pictures.cover(posts[0]).sizes)


def test_the_pool_is_never_ended_from_two_threads_at_once(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The last copy's callback ends its pool; waiting for the copies ends it too, and a copy's result is known before
    its callbacks run: the second ending waits for the first (a process pool's `shutdown` is not thread-safe)."""
    gate, ending, overlaps = threading.Event(), threading.Lock(), []
    render = images.render

    def gated(*args: Any) -> dict[str, bytes]:
        gate.wait()  # every callback is in place: the last runs on the pool's thread
        return render(*args)

    class SlowToEnd(ThreadPoolExecutor):
        def shutdown(self, wait: bool = True, *, cancel_futures: bool = False) -> None:
            if not ending.acquire(blocking=False):
                overlaps.append(threading.current_thread().name)
                return super().shutdown(wait, cancel_futures=cancel_futures)
            try:
                time.sleep(0.3)
                super().shutdown(wait, cancel_futures=cancel_futures)
            finally:
                ending.release()

    monkeypatch.setattr(images, "render", gated)
    monkeypatch.setattr(images, "ThreadPoolExecutor", SlowToEnd)
    posts = [cover_post(tmp_path, f"post-{n}", Image.new("RGB", (64, 36), (0, 120, 110)), "cover.png") for n in range(2)]
    copies = images.PictureCopies(pictures.sources(posts), None, pictures.sources(posts))
    gate.set()
    copies.settle()
    assert not overlaps, "the pool was ended from two threads at once"
    assert len(copies.made()) == 2 * len(pictures.cover(posts[0]).sizes)


def test_every_jpeg_is_encoded_again_even_a_clean_one_that_fits_the_page(tmp_path: Path) -> None:
    """A clean JPEG that fitted the page was published as it was, to spare it a second loss; but its coded data may
    carry bytes a decoder skips, which no walk of its file tells from the picture's: every copy is encoded again,
    without EXIF or comment, the colour profile kept."""
    size = (900, 600)
    photo = Image.merge("RGB", (Image.linear_gradient("L").resize(size), Image.radial_gradient("L").resize(size),
                                Image.effect_noise(size, 10)))
    exif = Image.Exif()
    exif[GPS] = {1: "N", 2: (50.0, 27.0, 0.0)}
    srgb = ImageCms.ImageCmsProfile(ImageCms.createProfile("sRGB")).tobytes()
    cases = {"clean": {"quality": 80}, "profiled": {"quality": 80, "icc_profile": srgb}, "located": {"quality": 80, "exif": exif},
             "commented": {"quality": 80, "comment": "Lviv, 12 May, with Olena's children"}}
    for slug, options in cases.items():
        post = cover_post(tmp_path, slug, photo, "cover.jpg", **options)
        original = post.cover.path.read_bytes()
        hidden = original[:-2] + b"Olena's children, vul. Sadova 5" + original[-2:]  # before the end: a decoder skips it
        post.cover.path.write_bytes(hidden)
        made = images.render(pictures.cover(post))
        assert all(copy != hidden and b"Sadova" not in copy for copy in made.values()), slug
        copy = opened(made["page"])
        assert copy.size == size and not copy.getexif() and "comment" not in copy.info, slug
        assert copy.info.get("icc_profile") == options.get("icc_profile"), slug


def test_a_size_at_the_scale_of_the_original_keeps_its_pixels_sharp(tmp_path: Path) -> None:
    """1000×700 holds the page size as it is and a 1000×525 social crop from row 87.5: one-pixel rows must survive both."""
    stripes = Image.new("L", (1000, 700), 255)
    for y in range(0, 700, 2):
        stripes.paste(0, (0, y, 1000, y + 1))
    made = images.render(pictures.cover(cover_post(tmp_path, "stripes", stripes, "stripes.png")))
    assert opened(made["page"]).convert("L").tobytes() == stripes.tobytes(), "the page copy is the picture, pixel for pixel"
    social = opened(made["social"]).convert("L")
    assert social.size == (1000, 525)
    column = [social.getpixel((500, y)) for y in range(100, 140)]
    assert min(abs(a - b) for a, b in itertools.pairwise(column)) > 200, "black and white rows, not the grey of a half-pixel resampling"


def test_a_size_made_from_a_larger_copy_looks_like_one_made_from_the_original(tmp_path: Path) -> None:
    """The feed size of a phone photo comes from its page size: it must match the original resampled at full resolution."""
    photo = Image.merge("RGB", (Image.linear_gradient("L").resize((4000, 3000)), Image.radial_gradient("L").resize((4000, 3000)),
                                Image.effect_noise((4000, 3000), 10)))
    exif = Image.Exif()
    exif[ORIENTATION] = 6  # stored sideways: the copies are made from the upright picture
    post = cover_post(tmp_path, "gradients", photo, "photo.jpg", quality=92, exif=exif)
    feed = opened(images.render(pictures.cover(post))["feed"])
    with Image.open(post.cover.path) as original:
        expected = ImageOps.exif_transpose(original).resize(feed.size, pictures.SIZES["feed"].resample)
    assert feed.size == (600, 800)
    assert psnr(feed, expected) > 42, "no visible difference with the slow way (45 dB measured; 25 dB if 1 % off)"


def png_with_trailing_exif(path: Path, exif: bytes) -> None:
    """A 1600×900 PNG whose EXIF (`exif`, a TIFF block) comes after its pixels, as the PNG format allows."""
    image = Image.new("RGB", (1600, 900), (0, 120, 110))
    image.paste((220, 20, 20), (0, 0, 800, 900))  # the left half, stored; upright (orientation 6), the top
    stream = io.BytesIO()
    image.save(stream, "PNG")
    data = stream.getvalue()
    end = data.rindex(b"IEND") - 4
    chunk = struct.pack(">I", len(exif)) + b"eXIf" + exif + struct.pack(">I", zlib.crc32(b"eXIf" + exif))
    path.write_bytes(data[:end] + chunk + data[end:])


def test_a_png_with_its_exif_after_the_pixels_is_read_without_decoding_and_published_upright(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    exif = Image.Exif()
    exif[ORIENTATION] = 6
    exif[GPS] = {1: "N", 2: (50.0, 27.0, 0.0)}
    (tmp_path / "chart").mkdir()
    png_with_trailing_exif(tmp_path / "chart" / "chart.png", exif.tobytes())
    with monkeypatch.context() as patched:  # every build inspects every picture: its header only, never its pixels
        patched.setattr("PIL.ImageFile.ImageFile.load", lambda self: pytest.fail("the PNG was decoded to read its EXIF"))
        post = post_with_cover(tmp_path / "chart", tmp_path / "chart" / "chart.png")
    assert post.cover is not None and (post.cover.width, post.cover.height) == (900, 1600)
    page_copy = opened(images.render(pictures.cover(post))["page"])
    assert page_copy.size == (675, 1200)
    assert page_copy.getpixel((300, 100))[0] > 200 and page_copy.getpixel((300, 1100))[0] < 50, "red on top: upright"
    assert not page_copy.getexif(), "no EXIF published"


def test_a_png_with_damaged_exif_is_said_to_be_damaged(tmp_path: Path) -> None:
    png_with_trailing_exif(tmp_path / "chart.png", b"garbage, not a TIFF block")
    with pytest.raises(ImageError, match="could not be read"):
        inspect(tmp_path / "chart.png")
    with pytest.raises(ContentError, match="chart.png.*could not be read"):  # a picture of a hand-written page
        images.stripped(tmp_path / "chart.png")


@pytest.mark.parametrize("brand, said", [(b"heic", "is an HEIC photo, as iPhones take them, which browsers cannot show"),
                                         (b"mif1", "is an HEIC photo"), (b"avif", "is an AVIF picture"),
                                         (b"isom", "is not a picture, or of a kind browsers cannot show")])
def test_a_phones_heic_or_avif_photo_is_named_as_such(tmp_path: Path, brand: bytes, said: str) -> None:
    """An iPhone's photo looks like any other to its writer: "not a picture" left them guessing."""
    photo = tmp_path / "IMG_0001.HEIC"
    photo.write_bytes(b"\x00\x00\x00\x18ftyp" + brand + b"\x00\x00\x00\x00mif1" + bytes(2000))
    with pytest.raises(ImageError) as raised:
        inspect(photo)
    assert str(raised.value).startswith(said)


def test_a_landscape_photos_social_preview_is_cut_out_of_its_page_copy(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """At the scale of the page copy (1200 px wide), the 1.91:1 preview is a part of it: cut out, not resampled again."""
    photo = Image.merge("RGB", (Image.linear_gradient("L").resize((4000, 3000)), Image.radial_gradient("L").resize((4000, 3000)),
                                Image.effect_noise((4000, 3000), 10)))
    post = cover_post(tmp_path, "landscape", photo, "photo.jpg", quality=90)
    resized: list[tuple[int, int]] = []
    resize = Image.Image.resize
    monkeypatch.setattr(Image.Image, "resize", lambda self, size, *args, **kwargs: resized.append(size) or resize(self, size, *args, **kwargs))
    made = images.render(pictures.cover(post))
    assert sorted(resized) == [(800, 600), (1200, 900)], "the page copy, and the feed's from it"
    page_copy, social = opened(made["page"]), opened(made["social"])
    top = (page_copy.height - social.height) // 2
    assert social.size == (1200, 630) and psnr(social, page_copy.crop((0, top, 1200, top + 630))) > 40


def test_covers_keep_their_colour_profile_and_lose_their_exif_in_every_format(tmp_path: Path) -> None:
    srgb = ImageCms.ImageCmsProfile(ImageCms.createProfile("sRGB")).tobytes()
    exif = Image.Exif()
    exif[GPS] = {1: "N", 2: (50.0, 27.0, 0.0)}
    post = cover_post(tmp_path, "chart", Image.new("RGB", (1600, 900), (0, 120, 110)), "chart.png", icc_profile=srgb, exif=exif)
    for name, data in images.render(pictures.cover(post)).items():
        copy = opened(data)
        assert copy.format == ("JPEG" if name == "social" else "PNG")
        assert copy.info.get("icc_profile") == srgb, f"{name}: the colours are read as the author saw them"
        assert not copy.getexif(), f"{name}: no EXIF"


def test_a_second_run_publishes_the_cached_sizes_and_never_a_damaged_entry(tmp_path: Path) -> None:
    post = cover_post(tmp_path, "lviv-training", Image.effect_noise((1600, 1200), 40).convert("RGB"), "photo.jpg")
    cache = tmp_path / "cache"
    made = every_copy([post], cache)
    (entry,) = cache.glob("*.zip")
    stored = entry.stat()
    assert every_copy([post], cache) == made
    assert (entry.stat().st_ino, entry.stat().st_mtime_ns) == (stored.st_ino, stored.st_mtime_ns), "nothing made or stored again"

    with zipfile.ZipFile(entry, "w") as archive:  # the entry now holds something a render could never make
        for name in pictures.SIZES:
            archive.writestr(name, f"cached {name}")
    assert sorted(every_copy([post], cache).values()) == sorted(f"cached {name}".encode() for name in pictures.SIZES), \
        "what the cache holds is published: the original was not rendered again"

    damaged = entry.read_bytes().replace(b"cached page", b"cached pagE")
    for damage in (damaged, damaged[: len(damaged) // 2], b""):  # a flipped byte, a cut-short file, an empty one
        entry.write_bytes(damage)
        assert every_copy([post], cache) == made, "a damaged entry is made again, never published"
        with zipfile.ZipFile(entry) as archive:
            assert archive.testzip() is None and {name: archive.read(name) for name in pictures.SIZES} == dict(
                zip(pictures.SIZES, made.values())), "and stored again, whole"
    assert sorted(path.name for path in cache.iterdir()) == [entry.name], "no temporary file is left behind"


def test_the_cache_keeps_the_covers_still_published_and_follows_a_changed_one(tmp_path: Path) -> None:
    cache = tmp_path / "cache"
    first = cover_post(tmp_path, "first", Image.new("RGB", (960, 540), (0, 120, 110)), "cover.jpg")
    second = cover_post(tmp_path, "second", Image.new("RGB", (960, 540), (230, 110, 80)), "cover.jpg")
    every_copy([first, second], cache)
    assert len(list(cache.glob("*.zip"))) == 2
    kept = every_copy([first], cache)
    assert len(list(cache.glob("*.zip"))) == 1, "the entry of a cover no longer published is removed"

    Image.new("RGB", (960, 540), (230, 110, 80)).save(first.cover.path, quality=60)  # the writer replaces the picture
    changed = every_copy([first], cache)
    assert opened(changed["news/2026/first/cover-page.jpg"]).getpixel((480, 270))[0] > 200, "the new picture, not the cached old one"
    assert changed != kept and len(list(cache.glob("*.zip"))) == 1


def test_a_rebuild_takes_the_cover_sizes_from_the_project_cache(project: Path, tmp_path: Path) -> None:
    root = tmp_path / "project"
    shutil.copytree(project, root)
    published = root / "site" / "news/2026/synthetic-cover/cover-page.png"
    entries = {}
    for entry in (root / ".cache" / "hub" / "covers").glob("*.zip"):
        with zipfile.ZipFile(entry) as archive:
            entries[archive.read("page")] = entry
    entry = entries[published.read_bytes()]  # the entry of the project's one cover, found by what it holds
    marked = io.BytesIO()
    Image.new("RGB", (640, 360), (250, 0, 250)).save(marked, "PNG")
    with zipfile.ZipFile(entry) as archive:
        sizes = {name: archive.read(name) for name in pictures.SIZES} | {"page": marked.getvalue()}
    with zipfile.ZipFile(entry, "w") as archive:
        for name, data in sizes.items():
            archive.writestr(name, data)
    result = build(root)
    assert result.returncode == 0, result.stderr
    assert published.read_bytes() == marked.getvalue(), "the rebuild published the cached copy instead of rendering again"


def test_a_covers_original_is_never_published_and_the_text_shows_a_copy_of_it(tmp_path: Path) -> None:
    """The original may tell where and when the photo was taken (EXIF GPS): copies are published instead, also
    of a cover the text shows, and of every other picture it shows."""
    exif = Image.Exif()
    exif[GPS] = {1: "N", 2: (50.0, 27.0, 0.0)}
    post = cover_post(tmp_path, "kyiv-visit", Image.new("RGB", (900, 600), (0, 120, 110)), "photo.jpg", exif=exif)
    write_pdf(post.source / "report.pdf")
    written = post.source / "index.en.md"
    written.write_text("---\ntitle: T\n---\n\nSee the full photo: ![a visit](photo.jpg)\n", encoding="utf-8")
    stored = read_markdown(written).stored
    assert stored is not None
    text = PostText("T", "S", None, stored, written)
    shown = Post(post.slug, post.date, post.publish_at, False, (), (), (), post.cover, {"en": text}, post.source,
                 (post.cover.path, post.source / "report.pdf"), (Inline(post.cover, written),))
    assert set(post_assets(shown)) == {"news/2026/kyiv-visit/report.pdf"}, "documents only, as they are"
    roles = {(source.role, source.path.name) for source in pictures.sources([shown])}
    assert roles == {("cover", "photo.jpg"), ("inline", "photo.jpg")}
    for source in pictures.sources([shown]):
        for data in images.render(source).values():
            assert GPS not in opened(data).getexif()


def test_the_built_site_and_its_feeds_carry_the_covers_copies_not_its_original(site: Path) -> None:
    folder = site / "news" / "2026" / "synthetic-cover"
    assert not (folder / "cover.png").exists()
    assert {path.name for path in folder.glob("cover-*")} == {"cover-page.png", "cover-feed.png", "cover-social.jpg"}
    assert "cover-feed.png" in (site / "feed.xml").read_text(encoding="utf-8")


def drawn_cover(title: str) -> Image.Image:
    """The share card drawn for a post titled `title`: its pixels are how white each is over the topic's colour."""
    drawing = pictures.Drawing(title, pictures.SITE_COLOUR, None, "Право на родину")
    card = Image.open(io.BytesIO(cover_art.drawn(drawing)["social"]))
    return Image.frombytes("L", card.size, card.tobytes())  # a palette of 256 steps to white: each index is the step


def test_a_drawn_cover_leaves_out_what_its_font_cannot_draw() -> None:
    """Emoji and flags, which the font has no glyph for, would be empty boxes on the card every network shows: the
    title is drawn without them, exactly as if it had none."""
    plain = drawn_cover("Свято у громаді")
    assert ImageChops.difference(drawn_cover("Свято 🎉👨‍👩‍👧‍👦 у громаді 🇺🇦"), plain).getbbox() is None
    assert ImageChops.difference(drawn_cover("Свято\u200d у громаді\ufe0f"), plain).getbbox() is None


def test_a_word_longer_than_a_line_is_cut_not_drawn_past_the_edge() -> None:
    """A title of one long word (an address, a compound) is cut with hyphens inside the text's width."""
    card = drawn_cover("Надзвичайнодовгесловобезжоднихпробілів" * 4)
    right = card.width - cover_art.MARGIN - 120 + 8  # the text's width, and the hyphen's rounding
    assert card.crop((right, 0, card.width, card.height)).point(lambda white: 255 if white == 255 else 0).getbbox() is None
    assert card.crop((0, 0, right, card.height // 2)).point(lambda white: 255 if white == 255 else 0).getbbox() is not None


def _encoded(fmt: str, **options: Any) -> bytes:
    out = io.BytesIO()
    Image.effect_noise((96, 64), 40).convert("RGB").save(out, fmt, **options)
    return out.getvalue()


def _png(*chunks: tuple[bytes, bytes], after: bytes = b"") -> bytes:
    """A PNG of the noise picture with `chunks` (type, data) written before its IEND."""
    data = _encoded("PNG")
    end = data.rindex(b"IEND") - 4
    extra = b"".join(struct.pack(">I", len(body)) + kind + body + struct.pack(">I", zlib.crc32(kind + body)) for kind, body in chunks)
    return data[:end] + extra + data[end:] + after


SECRET = b"SECRET-GPS-50.4501N-Ivan-Petrenko"


@pytest.mark.parametrize(("data", "expected"), [
    pytest.param(_encoded("PNG"), True, id="png"),
    pytest.param(_encoded("WEBP"), True, id="webp"),
    pytest.param(_encoded("JPEG", quality=80), False, id="jpeg-always-encoded-again"),  # its coded data may hide bytes
    pytest.param(_png(), True, id="png-rebuilt"),
    pytest.param(_png(after=b"PK\x03\x04" + SECRET), False, id="png-then-zip"),
    pytest.param(_png((b"tEXt", b"Comment\0" + SECRET)), False, id="png-text"),
    pytest.param(_png((b"pHYs", struct.pack(">IIB", 2835, 2835, 1) + SECRET)), False, id="png-longer-chunk"),
    pytest.param(_png((b"IDAT", zlib.compress(SECRET))), False, id="png-second-stream"),
    pytest.param(_encoded("WEBP", exif=b"Exif\x00\x00MM\x00*\x00\x00\x00\x08\x00\x00"), False, id="webp-exif"),
    pytest.param(b"BM" + bytes(60), False, id="bmp"),
])
def test_only_a_file_holding_nothing_but_its_picture_is_bare(data: bytes, expected: bool) -> None:
    """The test before a picture of docs/ is published as it is: the whole file is walked, not only its header, and
    each of its parts read as no more than the standard gives it."""
    assert bare(data) is expected
