"""All the hub asks of mkdocs-static-i18n, in one place: its languages, the language of the pass being built,
the switcher of the page being rendered, and the language passes it would otherwise run itself.

mkdocs-static-i18n offers no public way to run its other languages' passes elsewhere: the hub sets its
`building` flag (its `on_post_build` then leaves them to the hub, hub.engine.mkdocs.passes), swaps its
`current_language` around each pass, and calls `reconfigure_search_index` when MkDocs's own search is on.
`INTERNALS` names them; tests/test_engines.py fails loudly when a release renames one.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from mkdocs.commands.build import build
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError

from ...messages import _
from .passes import quiet_build_logs

INTERNALS = ("building", "current_language", "reconfigure_search_index")
"""The attributes of mkdocs-static-i18n's plugin the hub uses that its documentation does not offer."""


def languages(config: MkDocsConfig) -> tuple[str, ...]:
    """The languages of mkdocs-static-i18n's configuration, default first."""
    i18n = config.plugins.get("i18n")
    if i18n is None:
        raise PluginError(_("the 'hub' plugin needs the 'i18n' plugin (mkdocs-static-i18n) in mkdocs.yml"))
    configured = [lang for lang in i18n.config.languages if lang.build]
    default = [lang.locale for lang in configured if lang.default]
    return tuple(default + [lang.locale for lang in configured if not lang.default])


def language(config: MkDocsConfig) -> str:
    """The language of the pass being built: mkdocs-static-i18n's `on_config` sets the theme's."""
    return config.theme["language"]


def names(config: MkDocsConfig) -> dict[str, str]:
    """Each language's name as the switcher shows it (`Українська`), by code."""
    return {lang.locale: lang.name for lang in config.plugins["i18n"].config.languages}


def site_names(config: MkDocsConfig) -> dict[str, str]:
    """Each language's site name (its `site_name` under the language, or the site's), by code."""
    return {lang.locale: lang.site_name or config.site_name for lang in config.plugins["i18n"].config.languages}


def take_over_passes(config: MkDocsConfig) -> None:
    """From the default language's pass: mkdocs-static-i18n's `on_post_build` will not run the other languages."""
    config.plugins["i18n"].building = True


def run_pass(config: MkDocsConfig, lang: str, site_dir: Path) -> None:
    """Build `lang` into `site_dir`: an ordinary MkDocs build, whose events come back to the plugins."""
    i18n = config.plugins["i18n"]
    kept, default = config.site_dir, i18n.current_language
    config.site_dir, i18n.current_language = str(site_dir), lang
    try:
        with quiet_build_logs():
            build(config)
    finally:
        config.site_dir, i18n.current_language = kept, default


def reconfigure_search(config: MkDocsConfig) -> None:
    """What mkdocs-static-i18n's `on_post_build` does after its passes when MkDocs's or Material's search is on."""
    config.plugins["i18n"].reconfigure_search_index(config)


def set_switcher(config: MkDocsConfig, link: Callable[[str], str]) -> None:
    """Point the language switcher (Material's `extra.alternate`) of the page being rendered at `link(language)`.

    mkdocs-static-i18n keeps each page's switcher in the *attribute* `config.extra.alternate`, a fresh copy per page,
    which Jinja reads before the item of the same name."""
    config.extra.alternate = [{**alternate, "link": link(alternate["lang"])}
                              for alternate in getattr(config.extra, "alternate", None) or config.extra.get("alternate", [])]
