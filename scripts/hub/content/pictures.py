"""What a picture file is, read from its header (its format, size and rotation, the limits it must keep), and why
a file is no picture a reader's browser can show. Nothing is decoded here: hub.outputs.images makes the copies."""

from __future__ import annotations

import struct
import warnings
from functools import lru_cache
from pathlib import Path
from typing import IO

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


ORIENTATION = 0x0112  # ExifTags.Base.Orientation


Image.MAX_IMAGE_PIXELS = MAX_PIXELS  # Pillow's own guard against decompression bombs, at the same limit
# up to twice the limit Pillow only warns, in English, with its own code lines: `describe` says it in the writer's words
warnings.filterwarnings("ignore", category=Image.DecompressionBombWarning)
"""A cache entry holds every size of one cover; zip checks each member's CRC-32 as it reads it back."""


PICTURE_ERRORS = (OSError, ValueError, SyntaxError, Image.DecompressionBombError)
"""What Pillow raises reading a picture cut short, damaged or absurdly large (SyntaxError: EXIF that is no TIFF block)."""


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
        raise ImageError(_unknown_kind(path)) from None
    except PICTURE_ERRORS as error:  # the header reads, what follows does not
        raise unreadable(error) from None


HEIF_BRANDS = (b"heic", b"heix", b"hevc", b"hevx", b"heim", b"heis", b"mif1", b"msf1")
"""The brands an HEIC photo's ISO file header names (`ftyp`), as iPhones write it; AVIF's is `avif`."""


def _unknown_kind(path: Path) -> str:
    """What to say of a file Pillow does not read: an iPhone's HEIC photo and an AVIF picture are named, since phones
    and cameras make them and a writer cannot tell them from a JPEG by their look."""
    with path.open("rb") as stream:
        head = stream.read(12)
    brand = head[8:12].lower() if head[4:8] == b"ftyp" else b""
    if brand == b"avif":
        return _("is an AVIF picture, which some browsers and most e-mail clients cannot show")
    if brand in HEIF_BRANDS:
        return _("is an HEIC photo, as iPhones take them, which browsers cannot show (on the iPhone, Settings → Camera → "
                 "Formats → Most Compatible takes JPEG photos)")
    return _("is not a picture, or of a kind browsers cannot show")


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
    if _orientation(image) in ROTATED:
        width, height = height, width
    transparent = image.mode in ("RGBA", "LA", "PA") or "transparency" in image.info
    return Picture(path, fmt, width, height, transparent)


def _orientation(image: Image.Image) -> int:
    """The picture's EXIF orientation (1: upright as stored), read without decoding its pixels."""
    if image.format != "PNG" or "exif" in image.info:
        return image.getexif().get(ORIENTATION, 1)
    # Pillow reads a PNG's chunks after its pixels only once it has decoded them all (its `getexif` then decodes the
    # whole picture: 4 s for 34 screenshots at each build), and a PNG may keep its EXIF there: walked here instead
    exif = _trailing_chunk(image.fp, b"eXIf") if image.fp is not None else None
    if exif is None:
        return 1
    found = Image.Exif()
    found.load(exif)
    return found.get(ORIENTATION, 1)


def _trailing_chunk(file: IO[bytes], kind: bytes) -> bytes | None:
    """The data of the first chunk of `kind` in the PNG `file`, found by skipping from chunk to chunk; None when it has
    none (or ends before). The file's position is kept: Pillow reads the pixels from it later."""
    position = file.tell()
    try:
        file.seek(8)  # the signature
        while len(header := file.read(8)) == 8:
            length, found = struct.unpack(">I4s", header)
            if found == kind:
                return file.read(length)
            if found == b"IEND":
                return None
            file.seek(length + 4, 1)  # the data and its CRC
        return None
    finally:
        file.seek(position)
