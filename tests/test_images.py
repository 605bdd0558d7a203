"""Cover images: published upright at the sizes of the page, feeds and social previews; the original never changes."""

from __future__ import annotations

import hashlib
import io
import shutil
from datetime import datetime, timezone
from pathlib import Path

from PIL import Image

from conftest import build
from hub import images
from hub.model import Post
from reading import page, resolve

GPS = 0x8825
ORIENTATION = 0x0112


def post_with_cover(folder: Path, cover: Path) -> Post:
    moment = datetime(2026, 11, 20, tzinfo=timezone.utc)
    return Post(folder.name, moment, moment, False, (), (), (), cover, {}, folder)


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

    planned = images.variants(post)
    assert {name: (v.width, v.height) for name, v in planned.items()} == {"page": (900, 1200), "feed": (600, 800), "social": (1200, 630)}
    assert planned["page"].src == "news/2026/lviv-training/photo-page.jpg"
    for name, data in images.render(post).items():
        with Image.open(io.BytesIO(data)) as made:
            assert made.format == "JPEG" and made.size == (planned[name].width, planned[name].height)
            assert not made.getexif(), "no EXIF: no place, no time, no rotation left to apply"
            red, green, blue = made.convert("RGB").getpixel((made.width // 2, 2))
            assert red > 150 and blue < 100, f"{name}: the top is red, as the photo stands upright"
    assert (folder / "photo.jpg").read_bytes() == original, "the original is never modified"


def test_small_and_transparent_covers_stay_png_and_are_never_enlarged(tmp_path: Path) -> None:
    folder = tmp_path / "logo-post"
    folder.mkdir()
    Image.new("RGBA", (640, 360), (0, 120, 110, 128)).save(folder / "logo.png")
    post = post_with_cover(folder, folder / "logo.png")
    planned = images.variants(post)
    assert (planned["page"].width, planned["page"].height) == (640, 360), "never enlarged"
    assert (planned["social"].width, planned["social"].height) == (640, 336), "cropped to the 1.91:1 of previews, not enlarged"
    made = images.render(post)
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
    assert "news/2026/synthetic-cover/meta.yml: 'cover': the cover image 'cover.png' is not a picture" in result.stderr
    assert "Traceback" not in result.stderr
