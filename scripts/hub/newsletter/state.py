"""Where the last issue of each language ended, and what it was: `newsletter/state.json`, committed with the content.

The next issue starts where the last one ended; `hub newsletter --again` makes the last one again, from the same
period into the same folder. A state written before `--again` existed holds only the ends (`"uk": "<end>"`).
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path

from ..content.issues import Period
from ..messages import _

STATE = Path("newsletter") / "state.json"
"""Relative to the content folder."""


@dataclass(frozen=True)
class LastIssue:
    end: datetime
    period: Period | None = None
    day: date | None = None
    """The day it was made: its folder in newsletter/issues/ (None in an older state)."""


def read_state(root: Path) -> dict[str, LastIssue]:
    """The last issue of each language; {} before the first one."""
    path = root / STATE
    if not path.exists():
        return {}
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        return {lang: _last(value) for lang, value in data["last_issue"].items()}
    except (ValueError, KeyError, TypeError, AttributeError) as error:
        raise ValueError(_('{file}: expected {{"last_issue": {{"uk": {{"date": "2026-11-23", "start": …, "end": …}}, …}}}} '
                           '({error})', file=path, error=error)) from None


def write_state(root: Path, issues: Mapping[str, tuple[date, Period]]) -> None:
    """Record the issues just made, by language; a language whose recorded issue ends later keeps it."""
    state = read_state(root)
    for lang, (day, period) in issues.items():
        if lang not in state or period.end >= state[lang].end:
            state[lang] = LastIssue(period.end, period, day)
    path = root / STATE
    path.parent.mkdir(parents=True, exist_ok=True)
    data = {"last_issue": {lang: _stored(last) for lang, last in sorted(state.items())}}
    path.write_text(json.dumps(data, indent=2) + "\n", encoding="utf-8")


def _last(value: object) -> LastIssue:
    if isinstance(value, str):
        return LastIssue(datetime.fromisoformat(value))
    if not isinstance(value, dict):
        raise TypeError(_("expected an object or a time, got {value}", value=repr(value)))
    period = Period.parse(value)
    return LastIssue(period.end, period, date.fromisoformat(value["date"]))


def _stored(last: LastIssue) -> str | dict[str, str]:
    if last.period is None or last.day is None:
        return last.end.isoformat()
    return {"date": last.day.isoformat(), **last.period.stored()}
