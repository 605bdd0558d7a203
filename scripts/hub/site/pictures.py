"""Where every published picture goes and how large each copy is: a post's cover (on the page, in feeds, in social
previews), the pictures its text shows (on the page, at two widths) and a partner's logo.

The plan only: sizes come from the model (the loader read each original's header); hub.outputs.images makes the copies.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from PIL import Image

from ..content import pictures
from ..content.errors import ContentError, Problem, line_of
from ..content.model import Content, Partner, Picture, Post
from .urls import Urls, partner_files, post_files


@dataclass(frozen=True)
class Size:
    width: int
    height: int
    crop: bool
    """Crop to exactly this shape (social previews) instead of fitting inside it."""
    progressive: bool = False
    """A JPEG that shows whole at once, blurred, then sharpens as it loads: for the copy readers wait for on the
    page. Feed readers and social networks fetch the whole file first; a baseline JPEG encodes 2.6 times faster."""
    resample: Image.Resampling = Image.Resampling.BILINEAR
    """How a smaller copy is made: Pillow's bilinear filter spans every source pixel a target pixel covers (the
    "triangle" filter WordPress makes its thumbnails with), at half the time of Lanczos, which is a little sharper."""


SIZES = {
    "page": Size(1200, 1200, crop=False, progressive=True, resample=Image.Resampling.LANCZOS),  # what readers look at
    "feed": Size(800, 800, crop=False),
    # the shape Facebook, LinkedIn and Telegram show a shared link's image in (1.91:1)
    "social": Size(1200, 630, crop=True),
}
"""A cover's copies."""


ROLES: dict[str, dict[str, Size]] = {
    "cover": SIZES,
    # a picture in a text: the page's copy, and half of it for phones (`srcset`)
    "inline": {"page": SIZES["page"], "small": Size(600, 600, crop=False)},
    "logo": {"logo": Size(600, 192, crop=False)},  # shown 64 px high (hub.css), sharp on screens of three times the pixels
}
"""The copies of each kind of picture, by name."""


DRAWN = {"social": SIZES["social"], "card": Size(400, 210, crop=True)}
"""The sizes of the cover drawn for a post without one (hub.outputs.cover_art): the share card's, which its page
shows too, and a third of it for the listings (shown 192 px wide at most: sharp on screens of twice the pixels)."""


SITE_COLOUR = "#00695c"
"""The site's teal (docs/assets/hub.css): the drawn cover of a post without a topic."""
TOPIC_COLOURS = ("#00695c", "#1f4e79", "#6a1b9a", "#ad1457", "#2e6b30", "#8a3b00", "#283593", "#5d4037", "#006064",
                 "#b71c1c", "#37474f", "#4a148c", "#33691e")
"""A colour per topic, by its place in news/tags.yml: each dark enough for white text (contrast 7:1 or more)."""


@dataclass(frozen=True)
class Drawing:
    """What a drawn cover shows; equal drawings are equal pictures."""

    title: str
    colour: str
    """`#rrggbb`: the post's first topic's colour."""
    topic: str | None
    mark: str
    """The site's name in the post's language."""


def drawing(post: Post, lang: str, content: Content, mark: str) -> Drawing:
    """The cover of `post` in `lang`, which it is written in, for a post without a picture of its own."""
    tag = post.tags[0] if post.tags else None
    if tag is None:
        return Drawing(post.text[lang].title, SITE_COLOUR, None, mark)
    colour = TOPIC_COLOURS[list(content.tags).index(tag) % len(TOPIC_COLOURS)]
    return Drawing(post.text[lang].title, colour, content.tags[tag].label[lang], mark)


def drawn(urls: Urls, post: Post, lang: str) -> dict[str, Variant]:
    """Where the cover drawn for `post` is published for readers of `lang`: next to its page in that language, or, for
    a post not written in it, in the post's own language."""
    written = lang if lang in post.text else next(iter(post.text))
    folder = urls.post(written, post)
    return {name: Variant(f"{folder}cover-drawn-{name}.png", size.width, size.height, "image/png") for name, size in DRAWN.items()}


INLINE_SIZES = "(max-width: 600px) 100vw, 600px"
"""How wide a text's picture is shown (`sizes`): the whole width of a phone, at most the text column's."""


PUBLISHED = {"JPEG": (".jpg", "image/jpeg"), "PNG": (".png", "image/png")}


Box = tuple[float, float, float, float]


@dataclass(frozen=True)
class Variant:
    src: str
    """Site-relative URL, next to the post: `news/2026/lviv-training/cover-page.jpg`."""
    width: int
    height: int
    mime: str


@dataclass(frozen=True)
class Source:
    """One original picture, and where its copies go."""

    picture: Picture
    folder: str
    """Site-relative folder of its copies: `news/2026/lviv-training/`."""
    role: str
    """Which copies it gets: a key of ROLES."""
    owner: Path
    """The file that names it (index.uk.md, partners/unicef.yml): errors point there."""
    field: str | None = None

    @property
    def path(self) -> Path:
        return self.picture.path

    @property
    def sizes(self) -> dict[str, Size]:
        return ROLES[self.role]


def cover(post: Post) -> Source:
    assert post.cover is not None
    return Source(post.cover, post_files(post), "cover", post.shared, "cover")


def sources(posts: Iterable[Post]) -> list[Source]:
    """The pictures of `posts`: each one's cover, then the pictures its texts show or link to."""
    found = []
    for post in posts:
        if post.cover is not None:
            found.append(cover(post))
        found += [Source(inline.picture, post_files(post), "inline", inline.owner) for inline in post.pictures]
    return found


def logo(partner: Partner) -> Source:
    assert partner.logo is not None
    return Source(partner.logo, partner_files(partner.slug), "logo", partner.source, "logo")


def variants(post: Post) -> dict[str, Variant]:
    """Where each size of the post's cover is published, and how large it is (no pixel is decoded)."""
    return copies(cover(post))


def copies(source: Source) -> dict[str, Variant]:
    """Where each copy of `source` is published, and how large it is (no pixel is decoded)."""
    picture = source.picture
    result = {}
    for name, size in source.sizes.items():
        width, height = fit(picture, size)[1]
        suffix, mime = PUBLISHED[output_format(picture, size)]
        result[name] = Variant(f"{source.folder}{source.path.stem}-{name}{suffix}", width, height, mime)
    return result


def content_error(source: Source, error: pictures.ImageError) -> ContentError:
    return ContentError([problem(source, error)])


def problem(source: Source, error: pictures.ImageError) -> Problem:
    """`source`'s problem found past the header the loader read (a picture cut short), at the line that names it."""
    text = source.owner.read_text(encoding="utf-8-sig", errors="replace").splitlines() if source.owner.is_file() else []
    return pictures.problem(source.owner, source.role, source.path, error, line_of(text, (source.path.name,)), source.field)


def fit(picture: Picture, size: Size) -> tuple[Box, tuple[int, int]]:
    """The part of the upright picture to use, and the size to publish it at (never larger than the original)."""
    width, height = picture.width, picture.height
    left = top = 0.0
    if size.crop:  # the largest centred area of the wanted shape; products, not ratios, keep whole numbers exact
        if width * size.height > height * size.width:
            width = height * size.width / size.height
            left = (picture.width - width) / 2
        else:
            height = width * size.height / size.width
            top = (picture.height - height) / 2
    scale = min(1.0, size.width / width, size.height / height)
    target = (max(1, round(width * scale)), max(1, round(height * scale)))
    return (left, top, left + width, top + height), target


def output_format(picture: Picture, size: Size) -> str:
    """PNG stays PNG (often a graphic with text, which JPEG blurs); photos become JPEG; social networks get JPEG."""
    return "PNG" if picture.format == "PNG" and not size.crop else "JPEG"

