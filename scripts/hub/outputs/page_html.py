"""The HTML of a text as readers get it, on the page and in the feeds: cleaned, with responsive pictures.

Pure: the HTML Markdown made in, the published HTML out. Every text (a post, a project, a partner,
a hand-written page) goes through `published`; what the cleaning removed is the writer's to hear
about (hub.outputs.sanitize.inspect, reported by the build and by `hub check` alike).
"""

from __future__ import annotations

import posixpath
import re
from collections.abc import Collection, Iterator, Mapping
from dataclasses import dataclass
from html import escape, unescape
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

from ..content.errors import Problem, line_of, text_lines
from ..content.model import Post
from ..site import pictures
from ..site.urls import relative
from . import sanitize

MARKERS = {  # marker: (template, view method giving its items)
    "<!-- hub:latest-news -->": ("hub/partials/cards.html", "latest"),
    "<!-- hub:projects -->": ("hub/partials/projects.html", "all_projects"),
    "<!-- hub:organisation -->": ("hub/partials/organisation.html", None),  # reads the `hub_organisation` global
    "<!-- hub:feeds -->": ("hub/partials/feed-list.html", None),  # reads the `hub_feeds` global
    "<!-- hub:subscribe-form -->": ("hub/partials/subscribe-form.html", None),  # reads the `hub_subscribe` global
}
"""Comments a hand-written page may hold to show a part of the site there: kept by the cleaning, rendered after it."""
IMG = re.compile(r"<img\b([^>]*)>")
ATTRIBUTE = re.compile(r'([\w:-]+)="([^"]*)"')
"""An attribute as nh3 writes it: always quoted with ", which is escaped inside."""


@dataclass(frozen=True)
class Responsive:
    """A picture of a text: the copy the page shows and the smaller one phones take."""

    page: pictures.Variant
    small: pictures.Variant


SITE_PATH = re.compile(r'\b(href|src)="/(?!/)([^"]*)"')
"""A link written from the site's root, as the guide teaches (`/projects/jointly/`), in cleaned HTML."""


def published(html: str, keep: Collection[str] = (), shown: Mapping[str, Responsive] | None = None,
              page_url: str | None = None) -> str:
    """`html` cleaned (hub.outputs.sanitize), the comments in `keep` kept; each picture of `shown` (by the file name of
    its page copy, as MkDocs links it) with its size, a copy for phones and lazy loading; each link from the site's root
    made relative to `page_url` (site-relative), so that it works wherever the site lives (`https://x.github.io/repo/`)."""
    cleaned = sanitize.clean(html, keep)
    if page_url is not None:
        cleaned = SITE_PATH.sub(lambda link: f'{link[1]}="{escape(_from_page(unescape(link[2]), page_url))}"', cleaned)
    return IMG.sub(lambda tag: _responsive(tag, shown, page_url), cleaned) if shown else cleaned


def _from_page(target: str, page_url: str) -> str:
    """`projects/jointly/#partners` (from the site's root) as a link on the page at `page_url`."""
    parts = urlsplit(target)
    return urlunsplit(("", "", relative(parts.path, page_url), parts.query, parts.fragment))


def responsive_pictures(post: Post) -> dict[str, Responsive]:
    """The pictures the texts of `post` show, by the file name of their page copy (a Markdown picture, which MkDocs
    leads to the copy) and of their original (an `<img>` written in HTML, which MkDocs leaves as it is)."""
    found = {}
    for source in pictures.sources([post]):
        if source.role == "inline":
            made = pictures.copies(source)
            shown = Responsive(made["page"], made["small"])
            found[posixpath.basename(made["page"].src)] = found[source.path.name] = shown
    return found


def stand_ins(posts: Collection[Post]) -> Iterator[tuple[str, Path, str]]:
    """For each picture a text shows: the docs-relative path the text names it by, its original, and where its page
    copy is published. MkDocs resolves the text's links through them, so that they lead to the copy."""
    for source in pictures.sources(posts):
        if source.role == "inline":
            yield source.folder + source.path.name, source.path, pictures.copies(source)["page"].src


def problems(html: str, source: Path, keep: Collection[str] = (), *, errors_only: bool = False) -> list[Problem]:
    """What cleaning takes from `html`, the text of the file `source`, each at its line there."""
    findings = [f for f in sanitize.inspect(html, keep) if f.severity == "error" or not errors_only]
    if not findings:
        return []
    lines = text_lines(source.read_text(encoding="utf-8-sig", errors="replace")) if source.is_file() else []
    found, line, placed = [], 1, {}
    for finding in findings:
        kind = (finding.code, finding.message)
        if kind in placed:  # the same thing again (two `javascript:` links): first look past where the last one stands
            ahead = line_of(lines[placed[kind]:], finding.needles, ignore_case=True)
            line = placed[kind] + ahead if ahead else line_of(lines, finding.needles, line, ignore_case=True) or line
        else:
            line = line_of(lines, finding.needles, line, ignore_case=True) or line
        placed[kind] = line
        found.append(Problem(source, finding.message, line if lines else None, None, finding.severity, finding.code, finding.hint))
    return found


def _responsive(tag: re.Match[str], shown: Mapping[str, Responsive], page_url: str | None) -> str:
    attributes = dict(ATTRIBUTE.findall(tag[1]))
    src = unescape(attributes.get("src", ""))
    picture = shown.get(posixpath.basename(src))
    if picture is None:
        return tag[0]
    page, small = picture.page, picture.small
    if posixpath.basename(src) != posixpath.basename(page.src):  # an <img> of the original, which is not published
        if "/" in src or page_url is None:
            return tag[0]
        src = relative(page.src, page_url)
        attributes["src"] = escape(src)
    folder = src[: len(src) - len(posixpath.basename(src))]
    extra = {"width": str(page.width), "height": str(page.height), "loading": "lazy", "decoding": "async"}
    if small.width < page.width:
        extra |= {"srcset": f"{folder}{posixpath.basename(small.src)} {small.width}w, {src} {page.width}w",
                  "sizes": pictures.INLINE_SIZES}
    written = {**attributes, **{name: escape(value) for name, value in extra.items()}}
    return "<img " + " ".join(f'{name}="{value}"' for name, value in written.items()) + ">"
