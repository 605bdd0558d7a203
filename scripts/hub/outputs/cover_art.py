"""The cover drawn for a post that has no picture: its title on its topic's colour, with the site's mark.

Drawn with Pillow at build time, never an invented photo: the same picture is the post's cover on its page and in the
listings, and its card when the post is shared. The font travels with the code (DejaVu Sans, `fonts/`), so that every
machine draws the same bytes; drawings are kept between builds in a cache folder, under a hash of what shapes them.
"""

from __future__ import annotations

import hashlib
import io
import unicodedata
from functools import cache
from pathlib import Path

import PIL
from PIL import Image, ImageDraw, ImageFont

from ..site.pictures import DRAWN, Drawing

FONT = Path(__file__).with_name("fonts") / "DejaVuSansCondensed-Bold.ttf"
VERSION = 2
"""Raise it when a change here changes the drawings: every cached one is then drawn again."""

MARGIN = 72
TITLE_SIZES = (64, 56, 48, 42)
"""The title's font sizes, tried from the largest until the title fits in MAX_LINES."""
MAX_LINES = 5
MARKS = 2
"""Accents drawn over one letter at most (a letter with two is rare in any language)."""
MARK_SIZE = 30
PNG_LEVEL = 3
"""zlib's level: 3.4 ms and 29 KB for the large size, where the default (6) takes 30 ms for 25 KB."""


def drawn(drawing: Drawing, cache_dir: Path | None = None) -> dict[str, bytes]:
    """The PNG bytes of each size of `drawing` (keyed like DRAWN), from `cache_dir` when drawn before."""
    key = hashlib.sha256(repr((VERSION, PIL.__version__, PNG_LEVEL, DRAWN, drawing)).encode()).hexdigest()
    kept = {name: cache_dir / f"{key}-{name}.png" for name in DRAWN} if cache_dir is not None else {}
    if kept and all(path.is_file() for path in kept.values()):
        return {name: path.read_bytes() for name, path in kept.items()}
    large = _draw(drawing)
    palette = _palette(drawing.colour)
    made = {}
    for name, size in DRAWN.items():
        image = large if large.size == (size.width, size.height) else large.resize((size.width, size.height), Image.Resampling.BOX)
        made[name] = _png(image, palette)
    for name, path in kept.items():
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(made[name])
    return made


def _draw(drawing: Drawing) -> Image.Image:
    """The cover as a grey-scale picture of how white each pixel is over the colour (0: the colour, 255: white)."""
    width, height = max((size.width, size.height) for size in DRAWN.values())
    image = Image.new("L", (width, height), 0)
    pen = ImageDraw.Draw(image)
    pen.ellipse((width - 330, -170, width + 170, 330), fill=48)  # a quiet shape, the same on every cover
    if drawing.topic:
        pen.text((MARGIN, MARGIN), _drawable(drawing.topic).upper(), font=_font(28), fill=255)
    font, lines = _fit(_drawable(drawing.title), width - 2 * MARGIN - 120)
    line_height = round(font.size * 1.2)
    top = MARGIN + 70
    for number, line in enumerate(lines):
        pen.text((MARGIN, top + number * line_height), line, font=font, fill=255)
    _mark(pen, drawing.mark, height)
    return image


def _mark(pen: ImageDraw.ImageDraw, name: str, height: int) -> None:
    """The site's mark: a house drawn in two strokes, and the site's name."""
    x, base = MARGIN, height - MARGIN
    pen.polygon([(x, base - 22), (x + 22, base - 42), (x + 44, base - 22)], fill=255)
    pen.rectangle((x + 7, base - 22, x + 37, base), fill=255)
    pen.text((x + 60, base - 38), name, font=_font(MARK_SIZE), fill=255)


def _fit(title: str, width: int) -> tuple[ImageFont.FreeTypeFont, list[str]]:
    """The largest font the title fits in MAX_LINES with, and its lines; the smallest, cut with '…', if none does."""
    for size in TITLE_SIZES:
        font = _font(size)
        lines = _wrap(title, font, width)
        if len(lines) <= MAX_LINES:
            return font, lines
    lines = _wrap(title, font, width)[:MAX_LINES]
    while lines[-1] and font.getlength(lines[-1] + "…") > width:
        lines[-1] = lines[-1].rsplit(" ", 1)[0] if " " in lines[-1] else lines[-1][:-1]
    lines[-1] = lines[-1].rstrip("-") + "…"
    return font, lines


def _wrap(text: str, font: ImageFont.FreeTypeFont, width: int) -> list[str]:
    lines: list[str] = []
    for word in text.split():
        if lines and font.getlength(f"{lines[-1]} {word}") <= width:
            lines[-1] += f" {word}"
            continue
        while len(word) > 1 and font.getlength(word) > width:  # longer than a line (an address, a compound): cut
            cut = _fitting(word, font, width)
            lines.append(word[:cut] + "-")
            word = word[cut:]
        lines.append(word)
    return lines or [""]


def _fitting(word: str, font: ImageFont.FreeTypeFont, width: int) -> int:
    """How many letters of `word`, one at least, fit in `width` with a hyphen after them (halving the range)."""
    low, high = 1, len(word)
    while low < high:
        middle = (low + high + 1) // 2
        low, high = (middle, high) if font.getlength(word[:middle] + "-") <= width else (low, middle - 1)
    return low


def _drawable(text: str) -> str:
    """`text` without what the font would draw as empty boxes (emoji, flags, letters of other scripts: no glyph) or
    cannot join (the invisible characters joining emoji), and without accents stacked more than MARKS high over a
    letter, which would cover the lines above and below; the spaces they leave closed up."""
    kept, stacked = [], 0
    for char in unicodedata.normalize("NFC", text):
        category = unicodedata.category(char)
        stacked = stacked + 1 if category in ("Mn", "Me") else 0
        drawn = ord(char) in _glyphs() and category != "Cf" and stacked <= MARKS
        kept.append(char if drawn else " " if not stacked else "")
    return " ".join("".join(kept).split())


@cache
def _glyphs() -> frozenset[int]:
    """The characters the font draws: its character map, read with fontTools (Pillow tells no missing glyph apart)."""
    from fontTools.ttLib import TTFont  # 50 ms to import: only when a cover is drawn, not at every build's start

    with TTFont(FONT, lazy=True) as font:
        return frozenset(font.getBestCmap())


@cache
def _font(size: int) -> ImageFont.FreeTypeFont:
    return ImageFont.truetype(str(FONT), size)


def _palette(colour: str) -> list[int]:
    """256 steps from `colour` to white: the grey-scale drawing's values, in colour."""
    rgb = [int(colour[i:i + 2], 16) for i in (1, 3, 5)]
    return [round(channel + (255 - channel) * step / 255) for step in range(256) for channel in rgb]


def _png(image: Image.Image, palette: list[int]) -> bytes:
    """The drawing in colour, as a palette PNG: a flat background and white text take a few kilobytes."""
    coloured = Image.frombytes("P", image.size, image.tobytes())
    coloured.putpalette(palette)
    out = io.BytesIO()
    coloured.save(out, "PNG", compress_level=PNG_LEVEL)
    return out.getvalue()
