"""Interface strings, dates and plural forms in one language, with Babel's CLDR data."""

from __future__ import annotations

import re
from datetime import date, datetime
from functools import cache, cached_property
from pathlib import Path
from typing import Any

import yaml
from babel import Locale
from babel.dates import format_date

INTERVAL = "yMMMd"
"""CLDR's skeleton of a period of days; its months are widened to the full name, as TR35 allows, to match `date`."""
YEAR_SUFFIX = re.compile(r"(?<=y)[\s\u202f]*[^\W\d_A-Za-z]+\.")
"""What CLDR writes after a year in some languages (uk «2026 р.»): the site's dates leave it out."""

from ..messages import _

STRINGS = Path(__file__).with_name("strings.yml")
CURLY_QUOTES = ("en",)
"""The languages whose texts use typographic quotes and apostrophes: “it’s”. The build gives them to their Markdown
(`smarty`); plain-text fields are as written, so `hub check` asks for them there. Ukrainian keeps «лапки» and ʼ."""
STRAIGHT_QUOTES = ('"', "'")


class Language:
    """`t('news')`, `plural('news_count', 5)` → «5 новин», `date(d)` → «23 листопада 2026»."""

    def __init__(self, code: str, strings: dict[str, Any]) -> None:
        self.code = code
        self.locale = Locale.parse(code)
        self.strings = strings

    def t(self, key: str, **values: Any) -> str:
        text = self.strings
        for part in key.split("."):
            text = text[part]
        return str(text).format(**values)

    def plural(self, key: str, n: int) -> str:
        forms = self.strings[key]
        return forms.get(self.locale.plural_form(n), forms["other"]).format(n=n)

    def sort_key(self, text: str) -> tuple[int, ...]:
        """Alphabetical order of the language, ignoring case, quotes and punctuation.

        Hand-written: Python orders Cyrillic by code point («Є» after «Я»), and the one
        complete collation library (PyICU) needs the ICU system library.
        """
        order = self._order
        return tuple(order.get(char, len(order) + ord(char)) for char in text.casefold() if char.isalnum())

    @cached_property
    def _order(self) -> dict[str, int]:
        return {char: index for index, char in enumerate(self.strings["alphabet"])}

    def date(self, value: date) -> str:
        day = value.date() if isinstance(value, datetime) else value
        return format_date(day, self.strings["date_format"], locale=self.locale)

    def interval(self, start: date, end: date) -> str:
        """The days from `start` to `end`, as Babel's interval formatting writes them: «1–10 листопада 2026»,
        «28 жовтня – 3 листопада 2026», "1–10 November 2026"; one day as `date` writes it."""
        if start == end:
            return format_date(start, self.strings["date_format"], locale=self.locale)
        patterns = self._intervals
        field = "y" if start.year != end.year else "M" if start.month != end.month else "d"
        return "".join(format_date(day, pattern, locale=self.locale) for pattern, day in zip(patterns[field], (start, end)))

    @cached_property
    def _intervals(self) -> dict[str, tuple[str, str]]:
        """The two halves of the interval pattern for the greatest field that differs (year, month or day)."""
        formats = Locale.parse(self.strings["date_locale"]).interval_formats[INTERVAL]
        return {field: tuple(YEAR_SUFFIX.sub("", pattern.replace("MMM", "MMMM")) for pattern in formats[field])
                for field in ("y", "M", "d")}


@cache
def languages(codes: tuple[str, ...]) -> dict[str, Language]:
    """Load `strings.yml` and check that every language has every key and plural form."""
    data = yaml.safe_load(STRINGS.read_text(encoding="utf-8"))
    reference = data[codes[0]]
    result = {}
    for code in codes:
        strings = data.get(code)
        if strings is None:
            raise ValueError(_("{file}: no strings for language '{lang}'", file=STRINGS, lang=code))
        missing = _keys(reference) ^ _keys(strings)
        if missing:
            raise ValueError(_("{file}: '{lang}' and '{other}' differ in keys: {keys}", file=STRINGS, lang=code, other=codes[0],
                               keys=", ".join(sorted(missing))))
        language = Language(code, strings)
        for key, value in strings.items():
            if isinstance(value, dict) and "other" in value:
                needed = set(language.locale.plural_form.tags) | {"other"}
                if needed - value.keys():
                    raise ValueError(_("{file}: '{key}' needs the plural forms {forms}", file=STRINGS, key=f"{code}.{key}",
                                       forms=", ".join(sorted(needed))))
        result[code] = language
    return result


def _keys(strings: dict[str, Any], prefix: str = "") -> set[str]:
    keys = set()
    for key, value in strings.items():
        if isinstance(value, dict) and "other" not in value:
            keys |= _keys(value, f"{prefix}{key}.")
        elif not (isinstance(value, dict) and "other" in value):
            keys.add(prefix + key)
        else:
            keys.add(prefix + key + "[plural]")
    return keys
