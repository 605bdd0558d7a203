"""A copy of the project with N synthetic bilingual news posts, in the real content format.

Posts are written into a temporary copy, never into the real content. Their tags, projects
and partners come from the copy's own registries, read through the project's loader; about a
quarter have a cover image drawn with Pillow. The same seed writes the same corpus.
"""

from __future__ import annotations

import random
import shutil
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path

import yaml
from PIL import Image, ImageDraw

from hub.content.load import GENERATED_DIRS, load_content
from hub.content.model import Content

from .text import LANGUAGES, Draft, write

REPO = Path(__file__).resolve().parents[2]
SOURCES = ("docs", "news", "projects", "partners", "overrides", "mkdocs.yml")
NOW = "2026-11-23T12:00:00+02:00"
"""Builds are made as of this moment (`HUB_NOW`), so that every generated post is published."""
FIRST_DAY, LAST_DAY = date(2019, 1, 1), date(2026, 11, 22)
"""Generated posts span these days; the newest is always on LAST_DAY, after every shipped post."""
COVER_SHARE = 0.25
COVER_SIZE = (960, 540)
PALETTE = [(0, 121, 107), (255, 193, 7), (38, 70, 83), (231, 111, 81), (244, 162, 97), (42, 157, 143), (233, 196, 106)]


@dataclass(frozen=True)
class GeneratedPost:
    day: date
    slug: str
    tags: tuple[str, ...]
    texts: dict[str, Draft]

    def url(self, prefix: str = "") -> str:
        return f"{prefix}news/{self.day.year}/{self.slug}/"


def copy_project(target: Path, source: Path = REPO) -> Path:
    """The content and configuration of `source`, without anything its builds generated."""
    target.mkdir(parents=True, exist_ok=True)
    for name in SOURCES:
        path = source / name
        if path.is_dir():
            generated = set(GENERATED_DIRS) if name == "docs" else set()
            shutil.copytree(path, target / name, ignore=lambda folder, names: set(names) & generated if Path(folder) == path else set())
        else:
            shutil.copy2(path, target / name)
    return target


def make_project(target: Path, count: int, seed: int = 8) -> list[GeneratedPost]:
    """Copy the project into `target` and add `count` posts in every language."""
    copy_project(target)
    return write_posts(target, count, seed)


def write_posts(root: Path, count: int, seed: int = 8) -> list[GeneratedPost]:
    """Add `count` bilingual posts under `root/news/`, dated at random from 2019 to LAST_DAY."""
    rng = random.Random(seed)
    content = load_content(root, LANGUAGES)
    span = (LAST_DAY - FIRST_DAY).days
    days = sorted(FIRST_DAY + timedelta(days=rng.randrange(span)) for _ in range(count - 1)) + [LAST_DAY][:count]
    return [_write_post(root, content, rng, number, day) for number, day in enumerate(days, start=1)]


def _write_post(root: Path, content: Content, rng: random.Random, number: int, day: date) -> GeneratedPost:
    tags = tuple(rng.sample(sorted(content.tags), rng.randint(1, 3)))
    projects = rng.sample(sorted(content.projects), rng.choice((0, 1, 1, 2)))
    partners = rng.sample(sorted(content.partners), rng.randint(1, 4))
    names = {lang: [content.partners[slug].text[lang].short_name for slug in partners] for lang in LANGUAGES}
    project = {lang: content.projects[projects[0]].text[lang].title for lang in LANGUAGES} if projects else None
    story = write(rng, day, names, project)
    cover = rng.random() < COVER_SHARE
    folder = root / "news" / str(day.year) / f"{story.name}-{number:05}"
    folder.mkdir(parents=True)
    meta: dict[str, object] = {"date": day, "tags": list(tags), "projects": projects, "partners": partners}
    if cover:
        meta["cover"] = "cover.jpg"
        _draw_cover(folder / "cover.jpg", rng)
    (folder / "meta.yml").write_text(_dump({key: value for key, value in meta.items() if value}, lists_inline=True), encoding="utf-8")
    for lang, text in story.texts.items():
        front = {"title": text.title, "summary": text.summary} | ({"cover_alt": text.cover_alt} if cover else {})
        (folder / f"{lang}.md").write_text(f"---\n{_dump(front)}---\n\n{text.body}", encoding="utf-8")
    return GeneratedPost(day, folder.name, tags, story.texts)


def _draw_cover(path: Path, rng: random.Random) -> None:
    """An abstract picture of people at a table: a two-colour gradient, heads and shoulders."""
    top, bottom = rng.sample(PALETTE, 2)
    width, height = COVER_SIZE
    image = Image.linear_gradient("L").resize(COVER_SIZE)
    image = Image.composite(Image.new("RGB", COVER_SIZE, bottom), Image.new("RGB", COVER_SIZE, top), image)
    draw = ImageDraw.Draw(image)
    for _ in range(rng.randint(3, 7)):
        x, size = rng.randrange(40, width - 40), rng.randrange(40, 90)
        y = height - size * 3
        colour = rng.choice(PALETTE)
        draw.ellipse((x - size // 2, y - size, x + size // 2, y), fill=colour)
        draw.rounded_rectangle((x - size, y + 10, x + size, height), radius=size // 2, fill=colour)
    draw.rectangle((0, height - 60, width, height), fill=(93, 64, 55))
    image.save(path, "JPEG", quality=80, optimize=True)


def _dump(data: dict[str, object], lists_inline: bool = False) -> str:
    """YAML as a writer would type it: block mappings, and `[a, b]` lists in meta.yml."""
    return yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=1000, default_flow_style=None if lists_inline else False)
