"""Interface strings, dates and plural forms."""

from __future__ import annotations

from datetime import date, datetime

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


@pytest.mark.parametrize(("first", "last", "uk", "en"), [
    (date(2026, 11, 1), date(2026, 11, 10), "1–10 листопада 2026", "1–10 November 2026"),
    (date(2026, 10, 28), date(2026, 11, 3), "28 жовтня – 3 листопада 2026", "28 October\u2009–\u20093 November 2026"),
    (date(2026, 12, 28), date(2027, 1, 3), "28 грудня 2026 – 3 січня 2027", "28 December 2026\u2009–\u20093 January 2027"),
    (date(2026, 11, 23), date(2026, 11, 23), "23 листопада 2026", "23 November 2026"),
])
def test_periods_of_days_name_the_month_and_year_once(first: date, last: date, uk: str, en: str) -> None:
    assert (LANGS["uk"].interval(first, last), LANGS["en"].interval(first, last)) == (uk, en)


def test_names_sort_in_ukrainian_alphabetical_order() -> None:
    names = ["Уряд Німеччини", "Lumos", "«Надія і житло для дітей»", "Європейський Союз", "Агенції ООН", "Іспит", "Ґанок"]
    assert sorted(names, key=LANGS["uk"].sort_key) == [
        "Агенції ООН", "Ґанок", "Європейський Союз", "Іспит", "«Надія і житло для дітей»", "Уряд Німеччини", "Lumos"]
