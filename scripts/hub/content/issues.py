"""The e-mail issues sent so far, as `hub newsletter` stored them: `newsletter/issues/<date>/<lang>.json`.

The site publishes each as a page and lists them in an archive (hub.site.pages). Of a stored issue it reads only
its day, language, period and the slugs of its posts: what the page shows of each post comes from the catalog, so
a corrected title shows corrected and a post taken off the site leaves the archive too. Nothing else in the folder
(the HTML and text parts, with the mailing service's merge tags) is published.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

from ..messages import _
from .errors import Problem

ISSUES = Path("newsletter") / "issues"
"""Relative to the content folder: one folder per issue, named by the day it was made."""


@dataclass(frozen=True)
class Period:
    """What an issue covers: [start, end), whole days of the site's time zone, so that consecutive issues never
    repeat or skip a post, nor share a day."""

    start: datetime
    end: datetime

    @classmethod
    def days(cls, first: date, last: date, tz: ZoneInfo) -> Period:
        """From the start of `first` to the end of `last`."""
        return cls(datetime.combine(first, time(), tz), datetime.combine(last + timedelta(days=1), time(), tz))

    def __contains__(self, moment: datetime) -> bool:
        return self.start <= moment < self.end

    @property
    def first(self) -> date:
        return self.start.date()

    @property
    def last(self) -> date:
        """The last day it covers: its end is the midnight after it."""
        return (self.end - timedelta(microseconds=1)).date()

    def stored(self) -> dict[str, str]:
        return {"start": self.start.isoformat(), "end": self.end.isoformat()}

    @classmethod
    def parse(cls, data: dict) -> Period:
        """A period as `stored` wrote it (ValueError, KeyError or TypeError if it is not one)."""
        start, end = (datetime.fromisoformat(data[key]) for key in ("start", "end"))
        if start.tzinfo is None or end.tzinfo is None or end <= start:
            raise ValueError(_("a period is a start before an end, each with its time zone"))
        return cls(start, end)


@dataclass(frozen=True)
class IssueRecord:
    day: date
    """When it was made: its folder, and its address on the site (`newsletter/2026-11-23/`)."""
    lang: str
    period: Period
    slugs: tuple[str, ...]
    """Its posts, in the order the e-mail showed them."""
    source: Path


def record(day: date, lang: str, period: Period, slugs: list[str]) -> dict:
    """What the site reads of a stored issue (the command adds what the communicator needs: subject, items…)."""
    return {"date": day.isoformat(), "language": lang, "period": period.stored(), "items": [{"slug": slug} for slug in slugs]}


def read_issues(root: Path, languages: tuple[str, ...]) -> tuple[list[IssueRecord], list[Problem]]:
    """Every stored issue under `root`, newest first, and the problem of each file that cannot be read."""
    folder = root / ISSUES
    issues, problems = [], []
    if not folder.is_dir():
        return issues, problems
    for path in sorted(folder.glob("*/*.json")):
        if path.stem not in languages:
            continue
        try:
            issues.append(_record(path, json.loads(path.read_text(encoding="utf-8"))))
        except (ValueError, KeyError, TypeError, AttributeError) as error:
            problems.append(Problem(path, _('is not an issue as hub newsletter writes it ({error}): make it again with '
                                            '"hub newsletter --again", or remove its folder', error=error)))
    return sorted(issues, key=lambda issue: (issue.day, issue.period.start), reverse=True), problems


def _record(path: Path, data: dict) -> IssueRecord:
    day = date.fromisoformat(path.parent.name)
    if data["language"] != path.stem or data.get("date", day.isoformat()) != day.isoformat():  # none before issue 20
        raise ValueError(_("its language and date are not those of its name"))
    period = Period.parse(data["period"])
    slugs = tuple(item["slug"] for item in data["items"])
    if not all(isinstance(slug, str) for slug in slugs):
        raise ValueError(_("an item has no slug"))
    return IssueRecord(day, path.stem, period, slugs, path)
