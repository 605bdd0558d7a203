"""The hand-written pages mkdocs.yml names: in the navigation (`nav`) and as the subscribe form's privacy notice.

A page deleted or renamed in `docs/` while mkdocs.yml still names it is a link that leads nowhere on
every page (MkDocs only warns, in English, and publishes the link as `privacy.md`), and a subscribe
form whose "how we use your address" link is broken. Both are errors at the line of mkdocs.yml, found
by `hub check` and the build alike.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path, PurePosixPath
from typing import Any
from urllib.parse import urlsplit

from ..messages import _
from .errors import Problem, key_line, line_of, text_lines
from .load import GENERATED_DIRS


def problems(config_file: Path, nav: Any, docs: Path, languages: tuple[str, ...], privacy: str | None) -> list[Problem]:
    """A page the navigation names, or the privacy notice the subscribe form links to (`privacy`: its URL, or None
    when no form is shown), that has no file in `docs/` in any language."""
    lines = text_lines(config_file.read_text(encoding="utf-8")) if config_file.is_file() else []
    start = key_line(lines, "nav") or 1
    found = []
    for target in _pages(nav):
        page = PurePosixPath(target.removeprefix("./"))
        if page.parts[0] in GENERATED_DIRS or _written(docs, page.with_suffix(""), languages):
            continue  # the build writes the pages of GENERATED_DIRS
        found.append(Problem(
            config_file, _("'{page}' in the navigation is a page that does not exist", page=target),
            line_of(lines, (re.compile(rf"(?<![\w/.-]){re.escape(target)}\s*(?:#.*)?$"),), start), "nav", code="nav-page",
            hint=_("write the page ({files}), or take the line out of the navigation", files=_files(page.with_suffix(""), languages))))
    if privacy and not urlsplit(privacy).scheme:
        page = PurePosixPath(privacy.strip("/") or "index")
        if not _written(docs, page, languages[:1]) and not _written(docs, page / "index", languages[:1]):
            found.append(Problem(
                config_file, _("the privacy notice the subscribe form links to, '{url}', is a page that does not exist",
                               url=privacy),
                key_line(lines, "privacy", "newsletter"), "plugins → hub → newsletter → privacy", code="nav-page",
                hint=_("write the page ({files}), or set the address of the page that holds it", files=_files(page, languages))))
    return found


def paths(nav: Any) -> Iterator[str]:
    """Every page or address `nav` names, at any depth (`- about.md`, `- About: about.md`, sections)."""
    if isinstance(nav, str):
        yield nav
    elif isinstance(nav, list):
        for item in nav:
            yield from paths(item)
    elif isinstance(nav, dict):
        for value in nav.values():
            yield from paths(value)


def _pages(nav: Any) -> Iterator[str]:
    """The Markdown pages of `docs/` that `nav` names, each once: not web addresses."""
    for path in dict.fromkeys(paths(nav)):
        if path.endswith(".md") and not urlsplit(path).scheme and not path.startswith("/"):
            yield path


def _written(docs: Path, page: PurePosixPath, languages: tuple[str, ...]) -> bool:
    """Whether `docs/` holds `page` (without `.md`) in one of `languages`, or without a language."""
    return any((docs / f"{page}{suffix}.md").is_file() for suffix in ("", *(f".{lang}" for lang in languages)))


def _files(page: PurePosixPath, languages: tuple[str, ...]) -> str:
    return ", ".join(f"docs/{page}.{lang}.md" for lang in languages)
