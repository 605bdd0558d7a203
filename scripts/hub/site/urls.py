"""The URL scheme, shared by both languages: `news/2026/lviv-training/` and `en/news/2026/lviv-training/`."""

from __future__ import annotations

import posixpath
import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from urllib.parse import quote

from ..content.model import Post

FEED_FILES = {"rss": "feed.xml", "atom": "atom.xml", "json": "feed.json"}
"""The file name of each feed format; a feed lives in the folder of the page that lists its posts."""


@dataclass(frozen=True)
class Urls:
    """Site-relative URLs (no leading slash); the default language lives at the root."""

    default_language: str

    def prefix(self, lang: str) -> str:
        return "" if lang == self.default_language else f"{lang}/"

    def home(self, lang: str) -> str:
        return self.prefix(lang)

    def news(self, lang: str, page: int = 1) -> str:
        return self.prefix(lang) + _paged("news/", page)

    def year(self, lang: str, year: int, page: int = 1) -> str:
        return self.prefix(lang) + _paged(f"news/{year}/", page)

    def tags(self, lang: str) -> str:
        return self.prefix(lang) + "news/tags/"

    def tag(self, lang: str, slug: str, page: int = 1) -> str:
        return self.prefix(lang) + _paged(f"news/tags/{slug}/", page)

    def post(self, lang: str, post: Post) -> str:
        return self.prefix(lang) + post_files(post)

    def projects(self, lang: str) -> str:
        return self.prefix(lang) + "projects/"

    def project(self, lang: str, slug: str, page: int = 1) -> str:
        """The project's page; from page 2 on, its older news."""
        return self.prefix(lang) + _paged(f"projects/{slug}/", page)

    def partners(self, lang: str) -> str:
        return self.prefix(lang) + "partners/"

    def partner(self, lang: str, slug: str, page: int = 1) -> str:
        """The partner's page; from page 2 on, its older news."""
        return self.prefix(lang) + _paged(f"partners/{slug}/", page)

    def issues(self, lang: str) -> str:
        """The archive of the e-mail issues."""
        return self.prefix(lang) + "newsletter/"

    def issue(self, lang: str, day: date) -> str:
        """An e-mail issue's web version: `newsletter/2026-11-23/`."""
        return f"{self.issues(lang)}{day.isoformat()}/"

    def subscribe(self, lang: str) -> str:
        """The hand-written subscribe page (docs/subscribe.*.md)."""
        return self.prefix(lang) + "subscribe/"

    def feed(self, page: str, fmt: str) -> str:
        """The feed in `fmt` of the posts a page lists: `feed.xml`, `en/atom.xml`, `projects/jointly/feed.json`."""
        return page + FEED_FILES[fmt]

    def source(self, lang: str, url: str) -> str:
        """The `docs/` file that MkDocs + mkdocs-static-i18n turn into `url` for `lang`."""
        path = url[len(self.prefix(lang)):]
        return f"{path}index.{lang}.md"


    def nearest(self, url: str, lang: str, other: str, exists: Callable[[str], bool]) -> str:
        """Where a reader of `url` (a page of `lang`) switching to `other` lands: the same page in `other`; for a
        listing longer in `lang`, its last page in `other`; else the home page of `other`."""
        path = self.prefix(other) + url[len(self.prefix(lang)):]
        while not exists(path):
            paged = PAGED.match(path)
            if paged is None:
                return self.home(other)
            path = _paged(paged[1], int(paged[2]) - 1)
        return path


def post_files(post: Post) -> str:
    """The folder of a post's published files (picture copies, documents), shared by its pages in every language."""
    return f"news/{post.year}/{post.slug}/"


def partner_files(slug: str) -> str:
    """The folder of a partner's published files (its logo's copy)."""
    return f"partners/{slug}/"


def absolute(site_url: str, path: str) -> str:
    """The site-relative `path` (a file's, as written: `news/2026/x/фото 2-feed.jpg`) as an address on the site at
    `site_url`, for feeds, e-mail and share previews, which take addresses as they are: spaces and letters beyond
    ASCII percent-encoded."""
    return site_url + quote(path, safe="/")


def relative(url: str, page: str) -> str:
    """The site-relative `url` as a link on the page at `page` (`../../partners/unicef/`), both slash-separated paths.

    As MkDocs's `get_relative_url`, which the templates' links were made with, written here so that the site's plan
    imports no engine: the last part of `page` is a file if it has a dot; `..` above the root stays at the root."""
    folder, _, name = page.rpartition("/")
    if "." in name:
        page = folder
    here, there = _parts(page), _parts(url)
    common = next((n for n, (a, b) in enumerate(zip(here, there)) if a != b), min(len(here), len(there)))
    link = "/".join([".."] * (len(here) - common) + there[common:]) or "."
    if ":" in link.split("/", 1)[0] or link.startswith("\\"):
        # `javascript:x` or `\\host\x` would be read as a scheme or another host (browsers read `\` as `/`)
        link = "./" + link
    return link + "/" if url.endswith("/") else link


def _parts(path: str) -> list[str]:
    normal = posixpath.normpath("/" + path.lstrip("/"))[1:]
    return normal.split("/") if normal else []


PAGED = re.compile(r"^(.*/)page/(\d+)/$")
"""A listing's page after the first, as `_paged` writes it."""


def _paged(base: str, page: int) -> str:
    return base if page == 1 else f"{base}page/{page}/"
