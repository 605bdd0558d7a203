"""The language the hub's tools speak to writers, and their messages in it.

Every message a writer reads (from `hub` and from the build's content errors) is written in English in the code,
as `_("the cover image '{name}' does not exist", name=…)`, and translated through a gettext catalog made with
Babel's tools (`locale/uk/LC_MESSAGES/hub.po`; `./run messages` extracts new messages into it). The catalog is
compiled in memory the first time a process needs it, so no compiled file can go stale.

The language: `hub --lang uk|en`, else `HUB_LANG`, else the locale (`LANGUAGE`, `LC_ALL`, `LC_MESSAGES`, `LANG`,
or Windows's), else Ukrainian, which the hub's writers read first. Never call `_` at import time: the
language is known only once the command line is read.
"""

from __future__ import annotations

import io
import locale
import os
from functools import lru_cache
from gettext import NullTranslations
from pathlib import Path
from typing import Any

from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po
from babel.support import Translations

LANGUAGES = ("uk", "en")
SOURCE = "en"
"""The language the messages are written in, in the code."""
DEFAULT = "uk"
"""The language when neither the command line nor the locale names one of LANGUAGES."""
ENV = "HUB_LANG"
LOCALE_DIR = Path(__file__).parent / "locale"
DOMAIN = "hub"
LOCALE_VARIABLES = (ENV, "LANGUAGE", "LC_ALL", "LC_MESSAGES", "LANG")
"""Where the language is looked for, in gettext's order, after the hub's own variable."""
NEUTRAL = frozenset({"C", "POSIX"})
"""Locales that name no language (`C.UTF-8`, the default of WSL and containers), which Python reads as English."""
NAMES = {"uk": ("uk", "ukrainian"), "en": ("en", "english")}
"""How locale names begin (`uk_UA.UTF-8`, Windows's `Ukrainian_Ukraine`), by language."""


def language() -> str:
    """The language of the messages, `uk` or `en`."""
    for variable in LOCALE_VARIABLES:
        for value in os.environ.get(variable, "").split(":"):  # LANGUAGE may list several: `uk:en`
            code = _code(value)
            if code is not None:
                return code
            if value.partition(".")[0].upper() in NEUTRAL:
                return DEFAULT
    return _code(locale.getlocale()[0] or "") or DEFAULT  # Windows sets no variable


def set_language(code: str) -> None:
    """Speak `code` from now on, in this process and in those it starts (the build of `hub preview`)."""
    if code not in LANGUAGES:
        raise ValueError(f"expected one of {', '.join(LANGUAGES)}, got {code!r}")
    os.environ[ENV] = code


def _(message: str, /, **values: Any) -> str:
    """`message` in the writer's language, its `{placeholders}` filled with `values`."""
    text = _translations(language()).gettext(message)
    return text.format(**values) if values else text


def n_(singular: str, plural: str, count: int, /, **values: Any) -> str:
    """The form of `singular`/`plural` for `count` in the writer's language (Ukrainian has three); `{count}` and
    `values` filled in."""
    return _translations(language()).ngettext(singular, plural, count).format(count=count, **values)


def _code(value: str) -> str | None:
    lowered = value.strip().lower()
    return next((code for code, starts in NAMES.items() if lowered.startswith(starts)), None)


@lru_cache(maxsize=None)
def _translations(code: str) -> NullTranslations:
    """The catalog of `code`, compiled in memory with Babel; the messages as written for SOURCE."""
    path = LOCALE_DIR / code / "LC_MESSAGES" / f"{DOMAIN}.po"
    if code == SOURCE or not path.is_file():
        return NullTranslations()
    with path.open("rb") as stream:
        catalog = read_po(stream, locale=code, domain=DOMAIN)
    compiled = io.BytesIO()
    write_mo(compiled, catalog)
    compiled.seek(0)
    return Translations(compiled, domain=DOMAIN)
