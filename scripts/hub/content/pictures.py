"""What a picture file is, read from its header (its format, size and rotation, the limits it must keep), and why
a file is no picture a reader's browser can show. Nothing is decoded here: hub.outputs.images makes the copies."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

from PIL import Image, UnidentifiedImageError

from ..messages import _, n_
from .errors import Problem
from .model import Picture

FORMATS = ("JPEG", "MPO", "PNG", "WEBP")
"""Formats a picture may have: what browsers show (feeds and e-mail get JPEG or PNG copies). MPO is a JPEG
with a second picture after it, as many phones save photos: its first picture is used."""


MAX_PIXELS = 120_000_000
"""Pixels of a picture at most (a 108-megapixel phone photo fits): beyond, decoding it would take gigabytes."""


MAX_BYTES = 40_000_000
"""Bytes of a picture's file at most."""


ROTATED = {5, 6, 7, 8}
"""EXIF orientations that turn the picture by a quarter: width and height swap."""


Image.MAX_IMAGE_PIXELS = MAX_PIXELS  # Pillow's own guard against decompression bombs, at the same limit
"""A cache entry holds every size of one cover; zip checks each member's CRC-32 as it reads it back."""


class ImageError(Exception):
    """A file that is not a picture a browser can show; the message says what it is, not how to fix it, and is said
    after the picture's name (`problem`)."""


def inspect(path: Path) -> Picture:
    """Read the header only; raise ImageError when the file is no JPEG, PNG or WebP picture."""
    return _inspect(path, *stamp(path))


def problem(owner: Path, role: str, path: Path, error: ImageError, line: int | None, field: str | None) -> Problem:
    """The picture at `path` is no picture a browser shows: said at the `line` of the file that names it."""
    return Problem(owner, _named(role, path.name, str(error)), line, field, code=f"{role}-format",
                   hint=_("open it in an image editor and save it as JPEG, at most 4000 pixels wide"))


def _named(role: str, name: str, problem: str) -> str:
    """The `problem` of the picture `name`, named as a picture of its role (the roles of hub.site.pictures)."""
    if role == "cover":
        return _("the cover image '{name}' {problem}", name=name, problem=problem)
    if role == "logo":
        return _("the logo '{name}' {problem}", name=name, problem=problem)
    return _("the picture '{name}' {problem}", name=name, problem=problem)


def unreadable(error: Exception) -> ImageError:
    return ImageError(_("could not be read ({error}): it may be cut short or damaged", error=error))


def stamp(path: Path) -> tuple[int, int]:
    """What tells a changed file apart, so that `mkdocs serve` does not read unchanged covers again."""
    stat = path.stat()
    return stat.st_mtime_ns, stat.st_size


@lru_cache(maxsize=4096)
def _inspect(path: Path, mtime: int, size: int) -> Picture:
    if size > MAX_BYTES:
        raise ImageError(_("is {size} MB, over the limit of {limit} MB", size=f"{size / 1e6:.0f}", limit=f"{MAX_BYTES / 1e6:.0f}"))
    try:
        with Image.open(path) as image:
            return describe(image, path)
    except Image.DecompressionBombError:
        raise ImageError(n_("has more than {count} megapixel", "has more than {count} megapixels", MAX_PIXELS // 1_000_000)) from None
    except UnidentifiedImageError:
        raise ImageError(_("is not a picture, or of a kind browsers cannot show")) from None
    except (OSError, ValueError, Image.DecompressionBombError) as error:  # the header reads, what follows does not
        raise unreadable(error) from None


def describe(image: Image.Image, path: Path) -> Picture:
    fmt = image.format or ""
    if fmt not in FORMATS:
        raise ImageError(_("is a {format} file, which browsers or e-mail clients may not show (JPEG, PNG and WebP they all do)",
                           format=fmt))
    width, height = image.size
    if width * height > MAX_PIXELS:
        raise ImageError(n_("is {width}×{height} pixels, over the limit of {count} megapixel",
                            "is {width}×{height} pixels, over the limit of {count} megapixels", MAX_PIXELS // 1_000_000,
                            width=width, height=height))
    if image.getexif().get(0x0112, 1) in ROTATED:  # ExifTags.Base.Orientation
        width, height = height, width
    transparent = image.mode in ("RGBA", "LA", "PA") or "transparency" in image.info
    return Picture(path, fmt, width, height, transparent)

