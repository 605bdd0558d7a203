"""Interface strings, dates and plural forms."""

from __future__ import annotations

from datetime import datetime

import pytest

from hub.site.language import languages

LANGS = languages(("uk", "en"))


@pytest.mark.parametrize(("n", "expected"), [(1, "1 новина"), (3, "3 новини"), (5, "5 новин"), (11, "11 новин"),
                                             (21, "21 новина"), (22, "22 новини"), (0, "0 новин")])
def test_ukrainian_plurals(n: int, expected: str) -> None:
    assert LANGS["uk"].plural("news_count", n) == expected


def test_english_plurals() -> None:
    assert [LANGS["en"].plural("project_count", n) for n in (1, 2)] == ["1 project", "2 projects"]


def test_dates_read_naturally() -> None:
    moment = datetime(2026, 11, 23, 10, 0)
    assert LANGS["uk"].date(moment) == "23 листопада 2026"
    assert LANGS["en"].date(moment) == "23 November 2026"
    assert LANGS["uk"].date(datetime(2026, 3, 1)) == "1 березня 2026"


def test_names_sort_in_ukrainian_alphabetical_order() -> None:
    names = ["Уряд Німеччини", "Lumos", "«Надія і житло для дітей»", "Європейський Союз", "Агенції ООН", "Іспит", "Ґанок"]
    assert sorted(names, key=LANGS["uk"].sort_key) == [
        "Агенції ООН", "Ґанок", "Європейський Союз", "Іспит", "«Надія і житло для дітей»", "Уряд Німеччини", "Lumos"]
