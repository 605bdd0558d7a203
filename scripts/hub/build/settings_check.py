"""The settings of mkdocs.yml that only the site's languages can judge, and the site's address: one list of what
stops the build, which `hub check` reports too (before the build meets them); and the keys under `hub` that are no
setting, which the build warns of and `hub check` counts, at their lines."""

from __future__ import annotations

import re
from collections.abc import Sequence
from functools import partial
from pathlib import Path

from ..content.errors import Problem, key_line, line_of, text_lines
from ..newsletter.config import NewsletterSettings
from ..outputs.feeds import check_site_url
from ..site.organisation import Organisation


def problems(config_file: Path, site_url: str | None, newsletter: NewsletterSettings, organisation: Organisation | None,
             languages: tuple[str, ...]) -> list[Problem]:
    """What is wrong with the site's address, the newsletter's lists or the organisation's texts for these languages,
    each at the line of mkdocs.yml that sets it."""
    lines = text_lines(config_file.read_text(encoding="utf-8")) if config_file.is_file() else []
    line = partial(key_line, lines)
    found = []
    try:
        check_site_url(site_url)
    except ValueError as error:
        found.append(Problem(config_file, str(error), line("site_url"), code="settings"))
    lists = newsletter.check_languages(languages)
    if lists:
        found.append(Problem(config_file, "plugins → hub → newsletter → lists: " + "; ".join(lists),
                             line("lists", "newsletter"), code="settings"))
    for key, message in organisation.check_languages(languages) if organisation is not None else ():
        found.append(Problem(config_file, f"plugins → hub → organisation → {key}: {message}", line(key, "organisation"),
                             code="settings"))
    return found


def unknown(config_file: Path, settings: Sequence[tuple[tuple[str, ...], str]]) -> list[Problem]:
    """A warning for each key under the `hub` plugin that is no setting (its path from `hub`, the message), at its line."""
    lines = text_lines(config_file.read_text(encoding="utf-8")) if config_file.is_file() else []
    found = []
    for path, message in settings:
        line = line_of(lines, (re.compile(r"^\s*-\s*hub\s*:"),))
        for key in path:
            line = line_of(lines, (re.compile(rf"^\s+{re.escape(key)}\s*:"),), line) if line else None
        found.append(Problem(config_file, " → ".join(("plugins", "hub", *path)) + ": " + message, line, severity="warning",
                             code="settings-unknown"))
    return found
