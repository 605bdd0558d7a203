"""The project a `hub` command works on: its `mkdocs.yml` and the settings of the `hub` and `i18n` plugins.

Commands read the same configuration as the build, so that they see the same languages,
time zone and content folder, and load the content through the one loader.
"""

from __future__ import annotations

import argparse
import logging
import sys
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Any, NoReturn

from mkdocs.config import load_config
from mkdocs.exceptions import ConfigurationError

from ...content.catalog import Catalog, build_time
from ...content.load import Loaded, load_content, read_content
from ...content.model import Content
from ...messages import _
from ...newsletter.config import NewsletterSettings
from ...site.organisation import Organisation
from ...site.urls import Urls
from . import i18n
from .config import unknown_settings

CONFIG = "mkdocs.yml"
CONFIG_LOG = logging.getLogger("mkdocs.config")


def fail(message: str) -> NoReturn:
    """Stop a command with a message in plain words (exit code 2: nothing was done)."""
    print(f"hub: {message}", file=sys.stderr)
    raise SystemExit(2)


def add_root_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--root", type=Path, metavar="FOLDER",
                        help=_("the project folder, where {file} is (default: this folder or the nearest one above it)", file=CONFIG))


@dataclass(frozen=True)
class Workspace:
    root: Path
    """The folder of mkdocs.yml."""
    content_dir: Path
    """The folder holding news/, projects/ and partners/."""
    docs_dir: Path
    languages: tuple[str, ...]
    """Default language first."""
    timezone: str
    per_page: int
    site_url: str
    site_dir: Path
    site_names: dict[str, str]
    """The site's name in each language (mkdocs-static-i18n's `site_name` of the language, or the site's)."""
    newsletter: NewsletterSettings
    organisation: Organisation | None
    markdown_extensions: list[Any]
    markdown_configs: dict[str, Any]
    nav: Any
    """mkdocs.yml's `nav`, as MkDocs read it."""
    unknown_settings: list[tuple[tuple[str, ...], str]]
    """The keys under `hub` that are no setting, by their path, with the build's warning: `hub check` tells them at their
    lines, so MkDocs's own warning of them is not printed here."""

    @classmethod
    def find(cls, root: Path | None = None) -> Workspace:
        """The project at `root`, or at the current folder or the nearest folder above it with a mkdocs.yml."""
        start = (root or Path.cwd()).resolve()
        candidates = [start] if root else [start, *start.parents]
        config_file = next((folder / CONFIG for folder in candidates if (folder / CONFIG).is_file()), None)
        if config_file is None:
            fail(_("no {file} in {folder}: run the command in the project folder, or give --root", file=CONFIG, folder=start) if root
                 else _("no {file} in {folder} or above it: run the command in the project folder, or give --root", file=CONFIG,
                        folder=start))
        held: list[logging.LogRecord] = []
        CONFIG_LOG.addFilter(held.append)  # a falsy answer: each warning is held back, then told once, below
        try:
            config = load_config(str(config_file), config_file_path=str(config_file))
        except ConfigurationError as error:
            _tell(held)
            fail(f"{config_file}: {error}")
        finally:
            CONFIG_LOG.removeFilter(held.append)
        hub = config.plugins.get("hub")
        if hub is None:
            _tell(held)
            fail(_("{file}: the 'hub' plugin is not configured", file=config_file))
        unknown = unknown_settings(hub.config)
        _tell(record for record in held if not any(message in record.getMessage() for _path, message in unknown))
        names = i18n.site_names(config)
        languages = i18n.languages(config)
        return cls(
            root=config_file.parent,
            content_dir=(config_file.parent / hub.config.content_dir).resolve(),
            docs_dir=Path(config.docs_dir),
            languages=languages,
            timezone=hub.config.timezone,
            per_page=hub.config.posts_per_page,
            site_url=config.site_url or "",
            site_dir=Path(config.site_dir),
            site_names={lang: names[lang] for lang in languages},
            newsletter=hub.config.newsletter,
            organisation=hub.config.organisation,
            markdown_extensions=list(config.markdown_extensions),
            markdown_configs=dict(config.mdx_configs),
            nav=config.nav,
            unknown_settings=unknown,
        )

    @property
    def urls(self) -> Urls:
        return Urls(self.languages[0])

    def load(self) -> Content:
        """All the content, read and validated by the build's own loader (raises ContentError)."""
        return load_content(self.content_dir, self.languages, self.timezone)

    def read(self) -> Loaded:
        """Like `load`, with the problems returned instead of raised."""
        return read_content(self.content_dir, self.languages, self.timezone)

    def catalog(self, content: Content) -> Catalog:
        """What is published now (or at `HUB_NOW`), as the build would decide."""
        return Catalog.build(content, build_time())


def _tell(records: Iterable[logging.LogRecord]) -> None:
    """MkDocs's warnings about the settings, held back while they were read."""
    for record in records:
        CONFIG_LOG.handle(record)


def progress(label: str, stream: IO[str] | None = None) -> Callable[[int, int], None]:
    """A counter `label: 120/500` rewritten in place on a terminal; silent when the output is a file or a pipe."""
    out = stream or sys.stderr
    if not out.isatty():
        return lambda done, total: None

    def show(done: int, total: int) -> None:
        out.write(f"\r{label}: {done}/{total}")
        if done >= total:
            out.write("\r" + " " * (len(label) + 2 * len(str(total)) + 3) + "\r")
        out.flush()

    return show
