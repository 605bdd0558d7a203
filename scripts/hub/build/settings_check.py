"""The settings of mkdocs.yml that only the site's languages can judge, and the site's address: one list of what
stops the build, which `hub check` reports too (before the build meets them)."""

from __future__ import annotations

from functools import partial
from pathlib import Path

from ..content.errors import Problem, key_line, text_lines
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

