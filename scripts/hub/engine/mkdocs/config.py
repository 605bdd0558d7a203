"""The `hub` plugin's settings in `mkdocs.yml`, validated by MkDocs like Material's plugin settings.

The newsletter's settings are the hub's own (hub.newsletter.config): checked by its rules, reported in MkDocs's words.
"""

from __future__ import annotations

import re
import zoneinfo
from collections.abc import Callable
from typing import Any
from urllib.parse import urlsplit

from mkdocs.config import config_options as c
from mkdocs.config.base import Config, ConfigErrors, ConfigWarnings, ValidationError

from ...content.schema import suggest
from ...editor.settings import BACKENDS, PUBLISH_MODES, EditorSettings
from ...messages import _
from ...newsletter.config import NewsletterSettings
from ...outputs.search import PART_PAGES
from ...site.organisation import Organisation as OrganisationSettings

REPOSITORY = re.compile(r"[\w.-]+(?:/[\w.-]+)+")
"""`owner/name`, or a GitLab group's `group/subgroup/name`."""


class Newsletter(c.BaseConfigOption[NewsletterSettings]):
    """`newsletter:`, a mapping of the hub's newsletter settings; none (no provider) when left out."""

    def run_validation(self, value: Any) -> NewsletterSettings:
        if value is not None and not isinstance(value, dict):
            raise ValidationError(_("expected the newsletter's settings ('provider:', 'url:' …), got {value}", value=repr(value)))
        settings, problems = NewsletterSettings.parse(value)
        if settings is None:
            raise ValidationError("\n".join(_("Sub-option '{key}': {problem}", key=key, problem=message)  # as SubConfig says
                                             for key, message in problems))
        return settings


class Organisation(c.BaseConfigOption[OrganisationSettings | None]):
    """`organisation:`, who publishes the site (hub.site.organisation); none when left out, which the build warns of."""

    def run_validation(self, value: Any) -> OrganisationSettings | None:
        if value is None:
            return None
        if not isinstance(value, dict):
            raise ValidationError(_("expected the organisation's settings ('name:', 'email:', 'address:' …), got {value}",
                                    value=repr(value)))
        settings, problems = OrganisationSettings.parse(value)
        if settings is None:
            raise ValidationError("\n".join(_("Sub-option '{key}': {problem}", key=key, problem=message)
                                             for key, message in problems))
        return settings


class Count(c.BaseConfigOption[int]):
    """A whole number, `least` or more, refused in the writer's words: MkDocs's `Type(int)` answers "Expected type:
    <class 'int'>" and takes a negative number, with which the build would go on."""

    def __init__(self, what: Callable[[], str], default: int, least: int = 1) -> None:
        super().__init__()
        self.what, self.default, self.least = what, default, least

    def run_validation(self, value: Any) -> int:
        if isinstance(value, bool) or not isinstance(value, int) or value < self.least:
            raise ValidationError(_("expected {what}: a whole number, {least} or more; got {value}", what=self.what(),
                                    least=self.least, value=repr(value)))
        return value


class TimeZone(c.BaseConfigOption[str]):
    """A time zone of the IANA database, like Europe/Kyiv: a typo would stop the build with a missing file's traceback."""

    def __init__(self, default: str) -> None:
        super().__init__()
        self.default = default

    def run_validation(self, value: Any) -> str:
        zones = zoneinfo.available_timezones()
        if not isinstance(value, str) or value not in zones:
            raise ValidationError(_("expected a time zone like Europe/Kyiv, got {value}{suggestion}", value=repr(value),
                                    suggestion=suggest(str(value), zones)))
        return value


class Repository(c.BaseConfigOption[str]):
    """`owner/name` (GitLab: `group/subgroup/name`), as Decap asks for it; a repository's web or clone address, which
    people paste, would leave the editor failing to sign in, so it is refused with the part meant."""

    def __init__(self, default: str) -> None:
        super().__init__()
        self.default = default

    def run_validation(self, value: Any) -> str:
        if not isinstance(value, str) or not REPOSITORY.fullmatch(value):
            text = str(value)
            path = (text.split(":", 1)[1] if text.startswith("git@") else urlsplit(text).path).strip("/").removesuffix(".git")
            meant = _(" (did you mean '{name}'?)", name=path) if REPOSITORY.fullmatch(path) else ""
            raise ValidationError(_("expected the repository as owner/name, like your-organisation/right-to-family; "
                                    "got {value}{suggestion}", value=repr(value), suggestion=meant))
        return value


class SettingsGroup(Config):
    """A group of the hub's settings. A key that is none of them is told in the writer's language, with the one it may
    stand for: MkDocs says "Unrecognised configuration name" in English, and a typo (`post_per_page`) leaves the
    setting at its default without another word."""

    def _validate(self) -> tuple[ConfigErrors, ConfigWarnings]:
        failed, warnings = super()._validate()
        return failed, [(key, message if key in self._schema_keys else unknown_setting(key, self._schema_keys))
                        for key, message in warnings]


def unknown_setting(key: str, known: set[str]) -> str:
    return _("no such setting: it is ignored{suggestion}", suggestion=suggest(key, known))


def unknown_settings(config: Config, path: tuple[str, ...] = ()) -> list[tuple[tuple[str, ...], str]]:
    """The keys of `config` and of its groups that are no setting, each by its path, with the build's warning."""
    found = []
    for key, value in Config.items(config):  # not `config.items`: the feeds have a setting of that name
        if key not in config._schema_keys:
            found.append(((*path, key), unknown_setting(key, config._schema_keys)))
        elif isinstance(value, Config):
            found += unknown_settings(value, (*path, key))
    return found


class FeedsConfig(SettingsGroup):
    items = Count(lambda: _("how many posts each feed carries"), default=20)
    """How many of the newest posts each feed carries."""
    icon = c.Optional(c.Type(str))
    """Site-relative path of the image shown with the feeds; the theme's favicon by default."""


class SearchConfig(SettingsGroup):
    part_pages = Count(lambda: _("how many pages the search indexes in one run"), default=PART_PAGES)
    """About how many pages Pagefind indexes in one run at most: the search's memory (see hub.outputs.search.PART_PAGES)."""


class EditorConfig(SettingsGroup):
    """`editor:`, the browser editor at /admin/ (hub.editor): where it commits, and how communicators sign in."""

    enabled = c.Type(bool, default=True)
    backend = c.Choice(BACKENDS, default="github")
    repo = Repository(default="your-organisation/right-to-family")
    """`owner/name` of the repository."""
    branch = c.Type(str, default="main")
    base_url = c.Optional(c.URL())
    """The OAuth proxy's address (README: "The browser editor")."""
    auth_endpoint = c.Optional(c.Type(str))
    site_domain = c.Optional(c.Type(str))
    publish_mode = c.Choice(PUBLISH_MODES, default="editorial_workflow")
    local_backend = c.Optional(c.URL())
    """decap-server's address, `http://localhost:8081/api/v1`: for the tests and for writing on one's own computer."""

    def settings(self) -> EditorSettings:
        return EditorSettings(self.enabled, self.backend, self.repo, self.branch, self.base_url, self.auth_endpoint,
                              self.publish_mode, self.site_domain, self.local_backend)


class HubConfig(SettingsGroup):
    content_dir = c.Type(str, default=".")
    """Folder holding news/, projects/ and partners/, relative to mkdocs.yml."""
    timezone = TimeZone(default="Europe/Kyiv")
    """Where the dates of the content are told: a date without a time is midnight there."""
    posts_per_page = Count(lambda: _("how many posts a page of the news lists"), default=10)
    home_news = Count(lambda: _("how many of the newest posts the home page shows"), default=5)
    feeds = c.SubConfig(FeedsConfig)
    search = c.SubConfig(SearchConfig)
    newsletter = Newsletter()
    """The subscribe form's mailing service; see hub/newsletter/config.py."""
    organisation = Organisation()
    """Who publishes the site: name, contact, postal address; see hub/site/organisation.py."""
    cache = c.Type(bool, default=True)
    """Keep the last build in `.cache/hub/build/` and render again only the pages a change affects (`./run build --clean`:
    everything); see hub/engine/mkdocs/build_cache.py."""
    parallel = c.Type(bool, default=True)
    """Build the other languages in processes of their own, on the other cores (`mkdocs build` where `fork` exists)."""
    editor = c.SubConfig(EditorConfig)
    """The browser editor at /admin/; see hub/editor/."""
