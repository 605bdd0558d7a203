"""A post's cover image, published at the sizes readers need: on the page, in feeds, in social previews.

Made with Pillow at build time from the original, which is only ever read. The published
copies are turned upright (phone photos store their rotation apart), never enlarged, and keep
no metadata: a photo's EXIF can hold where and when it was taken.
"""

from __future__ import annotations

import io
from collections.abc import Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from functools import lru_cache
from math import ceil
from pathlib import Path

from PIL import Image, ImageOps, UnidentifiedImageError

from .errors import ContentError, Problem
from .load import META
from .model import Post


@dataclass(frozen=True)
class Size:
    width: int
    height: int
    crop: bool
    """Crop to exactly this shape (social previews) instead of fitting inside it."""


SIZES = {
    "page": Size(1200, 1200, crop=False),
    "feed": Size(800, 800, crop=False),
    # the shape Facebook, LinkedIn and Telegram show a shared link's image in (1.91:1)
    "social": Size(1200, 630, crop=True),
}
FORMATS = ("JPEG", "PNG", "WEBP")
"""Formats a cover may have: what browsers show (feeds and e-mail get JPEG or PNG copies)."""
PUBLISHED = {"JPEG": (".jpg", "image/jpeg"), "PNG": (".png", "image/png")}
JPEG_QUALITY = 82
ROTATED = {5, 6, 7, 8}
"""EXIF orientations that turn the picture by a quarter: width and height swap."""


@dataclass(frozen=True)
class Picture:
    """What a cover is, read from the file itself (the extension may lie)."""

    format: str
    width: int
    height: int
    """Upright: after the rotation the camera recorded."""
    transparent: bool


@dataclass(frozen=True)
class Variant:
    src: str
    """Site-relative URL, next to the post: `news/2026/lviv-training/cover-page.jpg`."""
    width: int
    height: int
    mime: str


class ImageError(Exception):
    """A file that is not a picture a browser can show; the message says what it is, not how to fix it."""


def inspect(path: Path) -> Picture:
    """Read the header only; raise ImageError when the file is no JPEG, PNG or WebP picture."""
    return _inspect(path, *_stamp(path))


def variants(post: Post) -> dict[str, Variant]:
    """Where each size of the post's cover is published, and how large it is (no pixel is decoded)."""
    assert post.cover is not None
    picture = _picture_of(post)
    folder = f"news/{post.year}/{post.slug}/"
    result = {}
    for name, size in SIZES.items():
        width, height = _box(picture, size)[1]
        suffix, mime = PUBLISHED[_output_format(picture, size)]
        result[name] = Variant(f"{folder}{post.cover.stem}-{name}{suffix}", width, height, mime)
    return result


def render(post: Post) -> dict[str, bytes]:
    """The bytes of each size of the post's cover, keyed like `variants`."""
    assert post.cover is not None
    _picture_of(post)  # a clear error, naming the post, for a file that is no picture
    return _render(post.cover, *_stamp(post.cover))


def cover_files(posts: Sequence[Post]) -> dict[str, bytes]:
    """Every size of the covers of `posts`, as `{site-relative path: bytes}` for the generated files."""
    covered = [post for post in posts if post.cover is not None]
    # Pillow lets go of the GIL while it decodes, resizes and encodes: threads use every core
    with ThreadPoolExecutor() as pool:
        rendered = pool.map(render, covered)
        files = {}
        for post, data in zip(covered, rendered):
            planned = variants(post)
            files.update({planned[name].src: data[name] for name in SIZES})
    return files


def _picture_of(post: Post) -> Picture:
    assert post.cover is not None
    try:
        return inspect(post.cover)
    except ImageError as error:
        problem = Problem(post.source / META, f"the cover image '{post.cover.name}' {error}: save it as JPEG", field="cover")
        raise ContentError([problem]) from None


def _stamp(path: Path) -> tuple[int, int]:
    """What tells a changed file apart, so that `mkdocs serve` does not redo unchanged covers."""
    stat = path.stat()
    return stat.st_mtime_ns, stat.st_size


@lru_cache(maxsize=1024)
def _inspect(path: Path, mtime: int, size: int) -> Picture:
    try:
        with Image.open(path) as image:
            fmt = image.format or ""
            width, height = image.size
            orientation = image.getexif().get(0x0112, 1)  # ExifTags.Base.Orientation
            transparent = image.mode in ("RGBA", "LA", "PA") or "transparency" in image.info
    except UnidentifiedImageError:
        raise ImageError("is not a picture, or of a kind browsers cannot show") from None
    if fmt not in FORMATS:
        raise ImageError(f"is a {fmt} file, which browsers or e-mail clients may not show (JPEG, PNG and WebP they all do)")
    if orientation in ROTATED:
        width, height = height, width
    return Picture(fmt, width, height, transparent)


def _box(picture: Picture, size: Size) -> tuple[tuple[float, float, float, float], tuple[int, int]]:
    """The part of the upright picture to use, and the size to publish it at (never larger than the original)."""
    width, height = picture.width, picture.height
    left = top = 0.0
    if size.crop:  # the largest centred area of the wanted shape
        ratio = size.width / size.height
        if width / height > ratio:
            left, width = (width - height * ratio) / 2, height * ratio
        else:
            top, height = (height - width / ratio) / 2, width / ratio
    scale = min(1.0, size.width / width, size.height / height)
    target = (max(1, round(width * scale)), max(1, round(height * scale)))
    return (left, top, left + width, top + height), target


def _output_format(picture: Picture, size: Size) -> str:
    """PNG stays PNG (often a graphic with text, which JPEG blurs); photos become JPEG; social networks get JPEG."""
    return "PNG" if picture.format == "PNG" and not size.crop else "JPEG"


@lru_cache(maxsize=256)
def _render(path: Path, mtime: int, size: int) -> dict[str, bytes]:
    picture = _inspect(path, mtime, size)
    planned = {name: _box(picture, wanted) for name, wanted in SIZES.items()}
    with Image.open(path) as original:
        # JPEG decodes at 1/2, 1/4 or 1/8 of its size when that is still enough: much faster
        scale = max(target[0] / (box[2] - box[0]) for box, target in planned.values())
        original.draft(None, (ceil(original.width * scale), ceil(original.height * scale)))
        icc = original.info.get("icc_profile")
        upright = ImageOps.exif_transpose(original)
    shrink = upright.width / picture.width
    result = {}
    for name, wanted in SIZES.items():
        box, target = planned[name]
        fmt = _output_format(picture, wanted)
        resized = _prepared(upright, fmt, picture.transparent).resize(
            target, Image.Resampling.LANCZOS, box=tuple(edge * shrink for edge in box))
        out = io.BytesIO()
        options = {"quality": JPEG_QUALITY, "progressive": True} if fmt == "JPEG" else {}
        resized.save(out, fmt, optimize=True, icc_profile=icc, **options)
        result[name] = out.getvalue()
    return result


def _prepared(image: Image.Image, fmt: str, transparent: bool) -> Image.Image:
    """The picture in the colours `fmt` stores; a transparent one flattened on white for JPEG."""
    if fmt == "PNG" or not transparent:
        return image.convert("RGBA" if transparent else "RGB")
    rgba = image.convert("RGBA")
    return Image.alpha_composite(Image.new("RGBA", rgba.size, (255, 255, 255, 255)), rgba).convert("RGB")
