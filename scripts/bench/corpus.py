"""A copy of the project with N synthetic bilingual news posts, in the real content format.

Posts are written into a temporary copy, never into the real content. Their tags, projects
and partners come from the copy's own registries, read through the project's loader. Each links
3 to 6 times: to earlier posts, to its projects' and partners' pages, to other websites. A fifth
have a cover photo as phones and cameras produce it (`photos.py`), some show a photo in their
text. The same seed writes the same corpus.
"""

from __future__ import annotations

import random
import shutil
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from pathlib import Path

import yaml

from hub.content.load import GENERATED_DIRS, load_content
from hub.site.urls import Urls

from .photos import COVER_KINDS, PHONE, PHONE_TURNED, Darkroom, Photo
from .text import LANGUAGES, PHRASES, Draft, Link, write

REPO = Path(__file__).resolve().parents[2]
SOURCES = ("docs", "news", "projects", "partners", "overrides", "mkdocs.yml")
NOW = "2026-11-23T12:00:00+02:00"
"""Builds are made as of this moment (`HUB_NOW`), so that every generated post is published."""
FIRST_DAY, LAST_DAY = date(2019, 1, 1), date(2026, 11, 22)
"""Generated posts span these days; the newest is always on LAST_DAY, after every shipped post."""
COVER_SHARE = 0.2
PICTURE_SHARE = 0.15
"""The share of posts showing a phone photo in their text."""
LINKS = (3, 6)
URLS = Urls(LANGUAGES[0])


@dataclass(frozen=True)
class GeneratedPost:
    day: date
    slug: str
    tags: tuple[str, ...]
    texts: dict[str, Draft]
    cover: Photo | None
    picture: Photo | None
    """The photo its text shows, if any."""

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


def make_project(target: Path, count: int, seed: int = 8, photo_scale: float = 1.0) -> Newsroom:
    """Copy the project into `target` and add `count` posts in every language; `photo_scale` shrinks the photos."""
    copy_project(target)
    newsroom = Newsroom(target, seed, photo_scale)
    span = (LAST_DAY - FIRST_DAY).days
    days = sorted(FIRST_DAY + timedelta(days=newsroom.rng.randrange(span)) for _ in range(count - 1)) + [LAST_DAY][:count]
    for day in days:
        newsroom.write(day)
    return newsroom


class Newsroom:
    """Writes the bilingual posts of one corpus into `root/news/`, each free to link to those written before it."""

    def __init__(self, root: Path, seed: int, photo_scale: float = 1.0) -> None:
        self.root = root
        self.rng = random.Random(seed)
        self.content = load_content(root, LANGUAGES)
        self.darkroom = Darkroom(seed, photo_scale)
        self.posts: list[GeneratedPost] = []

    def write(self, day: date, cover: bool | None = None) -> GeneratedPost:
        """A new post on `day`, with a cover if `cover` (by default, on a fifth of the posts)."""
        rng, content = self.rng, self.content
        tags = tuple(rng.sample(sorted(content.tags), rng.randint(1, 3)))
        projects = rng.sample(sorted(content.projects), rng.choice((0, 1, 1, 2)))
        partners = rng.sample(sorted(content.partners), rng.randint(1, 4))
        names = {lang: [content.partners[slug].text[lang].short_name for slug in partners] for lang in LANGUAGES}
        project = {lang: content.projects[projects[0]].text[lang].title for lang in LANGUAGES} if projects else None
        has_cover = rng.random() < COVER_SHARE if cover is None else cover
        links = self._links(projects, partners)
        picture = rng.choice((PHONE, PHONE_TURNED)) if rng.random() < PICTURE_SHARE else None
        story = write(rng, day, names, project, links, f"photo{picture.suffix}" if picture else None)
        folder = self.root / "news" / str(day.year) / f"{story.name}-{len(self.posts) + 1:05}"
        folder.mkdir(parents=True)
        moment = datetime.combine(day, time(9)) + timedelta(minutes=rng.randrange(600))
        photo = self.darkroom.write(rng, picture, folder, "photo", moment) if picture else None
        meta: dict[str, object] = {"date": day, "tags": list(tags), "projects": projects, "partners": partners}
        cover_photo = None
        if has_cover:
            kind = rng.choices([kind for kind, _ in COVER_KINDS], [share for _, share in COVER_KINDS])[0]
            cover_photo = self.darkroom.write(rng, kind, folder, "cover", moment)
            meta["cover"] = cover_photo.name
        shared = _dump({key: value for key, value in meta.items() if value}, lists_inline=True)
        for lang, text in story.texts.items():
            front = {"title": text.title, "summary": text.summary} | ({"cover_alt": text.cover_alt} if has_cover else {})
            # the default language's text also holds what both share (hub.content.load)
            (folder / f"index.{lang}.md").write_text(f"---\n{_dump(front)}{shared if lang == LANGUAGES[0] else ''}---\n\n{text.body}",
                                                     encoding="utf-8")
        post = GeneratedPost(day, folder.name, tags, story.texts, cover_photo, photo)
        self.posts.append(post)
        return post

    def remove(self, post: GeneratedPost) -> None:
        """Take `post` out of the corpus again."""
        shutil.rmtree(self.root / "news" / str(post.day.year) / post.slug)
        self.posts.remove(post)

    def _links(self, projects: list[str], partners: list[str]) -> list[Link]:
        """3 to 6 links: to earlier posts and the post's projects and partners, and one or two to other websites."""
        rng, content = self.rng, self.content
        ours = [Link("post", {lang: post.texts[lang].title for lang in LANGUAGES},
                     {lang: "/" + URLS.prefix(lang) + post.url() for lang in LANGUAGES})
                for post in rng.sample(self.posts, min(2, len(self.posts)))]
        ours += [Link("project", {lang: content.projects[slug].text[lang].title for lang in LANGUAGES},
                      {lang: "/" + URLS.project(lang, slug) for lang in LANGUAGES}) for slug in projects]
        ours += [Link("partner", {lang: content.partners[slug].text[lang].short_name for lang in LANGUAGES},
                      {lang: "/" + URLS.partner(lang, slug) for lang in LANGUAGES}) for slug in partners]
        theirs = [Link("external", {lang: content.partners[slug].text[lang].short_name for lang in LANGUAGES},
                       dict.fromkeys(LANGUAGES, content.partners[slug].website))
                  for slug in partners if content.partners[slug].website]
        theirs += [Link("external", {lang: site[lang] for lang in LANGUAGES}, dict.fromkeys(LANGUAGES, site["url"]))
                   for site in PHRASES["external"]]
        count = rng.randint(*LINKS)
        chosen = rng.sample(ours, min(count - rng.randint(1, 2), len(ours)))
        chosen += rng.sample(theirs, count - len(chosen))
        rng.shuffle(chosen)
        return chosen


def _dump(data: dict[str, object], lists_inline: bool = False) -> str:
    """YAML as a writer would type it: block mappings, and `[a, b]` lists in the fields a post's texts share."""
    return yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=1000, default_flow_style=None if lists_inline else False)
