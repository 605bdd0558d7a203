"""The baseline: the same Markdown pages as a plain MkDocs + Material site, with no i18n and no news logic.

Every published post becomes an ordinary page in each of its languages (`news/<year>/<slug>/`
and `en/news/<year>/<slug>/`), with its title, summary, cover and text, and its pictures copied
as they are (plain MkDocs publishes the originals); the hand-written pages are copied without
their language suffix. Posts are left out of the navigation, as in the
hub's own site, so that the baseline is not slowed by a navigation of thousands of entries
and measures what rendering these pages costs.
"""

from __future__ import annotations

import shutil
from datetime import datetime
from pathlib import Path

import yaml

from hub.content.catalog import Catalog
from hub.content.load import GENERATED_DIRS, load_content

from .corpus import NOW
from .text import LANGUAGES

CONFIG = """\
site_name: Право на родину
site_url: https://right-to-family.example.org/
theme:
  name: material
  language: uk
  font: false
  palette:
    - scheme: default
      primary: teal
      accent: amber
  features: [navigation.tabs, navigation.indexes, navigation.top, search.highlight]
extra_css: [assets/hub.css]
markdown_extensions:
  - attr_list
  - md_in_html
  - admonition
  - toc:
      permalink: true
      slugify: !!python/object/apply:pymdownx.slugs.slugify
        kwds:
          case: lower
plugins:
  - search
not_in_nav: |
  /news/**
  /en/news/**
"""
"""The project's theme and Markdown settings, without its `i18n` and `hub` plugins."""


def make_baseline(project: Path, target: Path) -> Path:
    """Write into `target` a plain MkDocs project of the pages of `project`; return `target`."""
    docs = target / "docs"
    _copy_hand_written(project / "docs", docs)
    content = load_content(project, LANGUAGES)
    for post in Catalog.build(content, datetime.fromisoformat(NOW)).published:
        for lang, text in post.text.items():
            folder = docs / _prefix(lang) / "news" / str(post.year) / post.slug
            folder.mkdir(parents=True)
            front = yaml.safe_dump({"title": text.title, "description": text.summary}, allow_unicode=True, width=1000)
            for path in {*post.attachments, *([post.cover.path] if post.cover else [])}:
                shutil.copy2(path, folder / path.name)
            cover = f"![{text.cover_alt}]({post.cover.path.name})\n\n" if post.cover else ""
            (folder / "index.md").write_text(f"---\n{front}---\n\n{cover}{text.body.read()}", encoding="utf-8")
    (target / "mkdocs.yml").write_text(CONFIG, encoding="utf-8")
    return target


def _copy_hand_written(source: Path, docs: Path) -> None:
    """`about.uk.md` → `about.md`, `about.en.md` → `en/about.md`; other files as they are."""
    for path in sorted(source.rglob("*")):
        relative = path.relative_to(source)
        if not path.is_file() or relative.parts[0] in GENERATED_DIRS:
            continue
        stem, _, lang = path.name.removesuffix(".md").rpartition(".")
        if path.suffix == ".md" and lang in LANGUAGES:
            relative = Path(_prefix(lang)) / relative.with_name(f"{stem}.md")
        destination = docs / relative
        destination.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(path, destination)


def _prefix(lang: str) -> str:
    return "" if lang == LANGUAGES[0] else lang
