"""Photos as phones and cameras produce them, for the covers and pictures of the synthetic posts.

A few source photos of each kind are drawn once per corpus (sky above, ground below, coarse and
fine noise, so that JPEG sizes are those of real photos), encoded once, and every post gets its
own copy that differs by its metadata alone: a JPEG's EXIF (camera, time, the GPS position of the
shot, the orientation) or a PNG's text chunk. Each copy is therefore a distinct file with its own
cache key in the build, at no cost of encoding. Rotated kinds store the picture turned as the
sensor saw it, with the EXIF orientation that turns it upright again.
"""

from __future__ import annotations

import io
import random
import struct
import zlib
from dataclasses import dataclass
from datetime import datetime
from functools import cached_property
from pathlib import Path

from PIL import Image, ImageChops
from PIL.TiffImagePlugin import IFDRational

ORIENTATION, MAKE, MODEL, DATETIME, GPS_IFD = 0x0112, 0x010F, 0x0110, 0x0132, 0x8825
STORED_TURN = {1: None, 3: Image.Transpose.ROTATE_180, 6: Image.Transpose.ROTATE_90, 8: Image.Transpose.ROTATE_270}
"""How the sensor stored an upright picture for each EXIF orientation (the viewer turns it back)."""
SKY, GROUND = (150, 190, 232), (62, 84, 38)
SOURCES_PER_KIND = 3
UNIFORM_SPREAD = 73.9
"""The standard deviation of bytes drawn uniformly from 0–255."""


@dataclass(frozen=True)
class Kind:
    """A kind of photo: its upright size in pixels, its format, its camera and the orientations of its sources."""

    name: str
    size: tuple[int, int]
    format: str
    camera: tuple[str, str] | None
    orientations: tuple[int, ...] = (1,)

    @property
    def suffix(self) -> str:
        return ".png" if self.format == "PNG" else ".jpg"


PHONE = Kind("phone", (4000, 3000), "JPEG", ("samsung", "SM-A546B"))
PHONE_TURNED = Kind("phone, turned by EXIF", (3000, 4000), "JPEG", ("Apple", "iPhone 13"), (6, 8, 3))
DSLR = Kind("DSLR", (6000, 4000), "JPEG", ("Canon", "Canon EOS 90D"))
PNG = Kind("PNG", (2400, 1600), "PNG", None)
COVER_KINDS = ((PHONE, 0.4), (PHONE_TURNED, 0.4), (DSLR, 0.12), (PNG, 0.08))
"""The kinds of the covers with their shares: half of the phone photos need turning."""


@dataclass(frozen=True)
class Photo:
    """One original written into a post: its kind and the orientation its EXIF gives (1: none)."""

    name: str
    kind: Kind
    orientation: int

    @property
    def portrait(self) -> bool:
        """Whether it shows taller than wide, once turned upright."""
        return self.kind.size[1] > self.kind.size[0]


class Darkroom:
    """Writes photos of every kind, scaled by `scale` (1: the real sizes; the test asks for small ones)."""

    def __init__(self, seed: int, scale: float = 1.0) -> None:
        self.seed = seed
        self.scale = scale

    def write(self, rng: random.Random, kind: Kind, folder: Path, stem: str, moment: datetime) -> Photo:
        """A new original of `kind` in `folder`, taken at `moment` at a random place in Ukraine."""
        index = rng.randrange(SOURCES_PER_KIND)
        orientation = kind.orientations[index % len(kind.orientations)]
        encoded = self._encoded[(kind.name, index)]
        name = stem + kind.suffix
        if kind.format == "PNG":
            data = _with_text(encoded, f"{stem} {moment.isoformat()} {rng.random():.9f}")
        else:
            assert kind.camera is not None
            data = _with_exif(encoded, _exif(rng, kind.camera, orientation, moment))
        (folder / name).write_bytes(data)
        return Photo(name, kind, orientation)

    @cached_property
    def _encoded(self) -> dict[tuple[str, int], bytes]:
        """Every source photo, drawn and encoded once: (kind name, index) → the file's bytes without metadata."""
        rng = random.Random(self.seed)
        sources = {}
        for kind in (PHONE, PHONE_TURNED, DSLR, PNG):
            for index in range(SOURCES_PER_KIND):
                size = tuple(max(8, round(side * self.scale)) for side in kind.size)
                picture = _draw(rng, size)
                turn = STORED_TURN[kind.orientations[index % len(kind.orientations)]]
                if turn is not None:
                    picture = picture.transpose(turn)
                buffer = io.BytesIO()
                picture.save(buffer, kind.format, **({"quality": 90} if kind.format == "JPEG" else {}))
                sources[(kind.name, index)] = buffer.getvalue()
        return sources


def _draw(rng: random.Random, size: tuple[int, int]) -> Image.Image:
    """An upright outdoor photo: bright sky fading into dark ground, with detail at two scales."""
    width, height = size
    horizon = Image.linear_gradient("L").resize(size)
    picture = Image.composite(Image.new("RGB", size, GROUND), Image.new("RGB", size, SKY), horizon)
    coarse = _noise(rng, (max(1, width // 8), max(1, height // 8)), "RGB", rng.uniform(40, 70))
    picture = ImageChops.add(picture, coarse.resize(size, Image.Resampling.BILINEAR), 1, -128)
    return ImageChops.add(picture, _noise(rng, size, "L", rng.uniform(4, 8)).convert("RGB"), 1, -128)


def _noise(rng: random.Random, size: tuple[int, int], mode: str, spread: float) -> Image.Image:
    """Uniform noise around 128 with this standard deviation, from `rng` (Pillow's own noise cannot be seeded)."""
    bands = len(mode)
    noise = Image.frombytes(mode, size, rng.randbytes(size[0] * size[1] * bands))
    factor = spread / UNIFORM_SPREAD
    return noise.point([round(128 + (value - 128) * factor) for value in range(256)] * bands)


def _exif(rng: random.Random, camera: tuple[str, str], orientation: int, moment: datetime) -> bytes:
    exif = Image.Exif()
    exif[MAKE], exif[MODEL] = camera
    exif[DATETIME] = moment.strftime("%Y:%m:%d %H:%M:%S")
    exif[ORIENTATION] = orientation
    gps = exif.get_ifd(GPS_IFD)
    gps[1], gps[2] = "N", _degrees(rng.uniform(45.5, 51.5))
    gps[3], gps[4] = "E", _degrees(rng.uniform(23.0, 39.5))
    return exif.tobytes()


def _degrees(value: float) -> tuple[IFDRational, IFDRational, IFDRational]:
    """Degrees, minutes and seconds as EXIF writes a GPS coordinate."""
    degrees, rest = divmod(value, 1)
    minutes, rest = divmod(rest * 60, 1)
    return IFDRational(int(degrees), 1), IFDRational(int(minutes), 1), IFDRational(round(rest * 6000), 100)


def _with_exif(jpeg: bytes, exif: bytes) -> bytes:
    """`jpeg` with an APP1 segment holding `exif` (which starts with `Exif\\0\\0`) right after its start marker."""
    return jpeg[:2] + b"\xff\xe1" + struct.pack(">H", len(exif) + 2) + exif + jpeg[2:]


def _with_text(png: bytes, comment: str) -> bytes:
    """`png` with a `tEXt` chunk before its end chunk, as an editor leaves its comment."""
    body = b"tEXt" + b"Comment\0" + comment.encode("latin-1")
    chunk = struct.pack(">I", len(body) - 4) + body + struct.pack(">I", zlib.crc32(body))
    end = png.rindex(b"IEND") - 4
    return png[:end] + chunk + png[end:]
