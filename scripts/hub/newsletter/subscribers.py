"""Sign-ups, confirmations and unsubscribes from form back-ends and spreadsheets → one consent record per address.

Input: CSV (UTF-8 with or without BOM, `,` or `;`) or a JSON array of objects, one event per record,
with the columns of `COLUMNS` (or their usual aliases). Each record is either refused, with its
file, line and reason, or merged into the record of its address, event by event in time order:

- a sign-up with consent subscribes (unconfirmed until a later confirmation);
- a sign-up without consent subscribes nobody;
- an unsubscribe always wins over anything older, and at the same moment;
- nothing older than an unsubscribe, and no confirmation after it, subscribes again:
  only a newer sign-up with consent does.

Every input row is accounted for: rows = exported + suppressed + rejected + merged duplicates.
"""

from __future__ import annotations

import csv
import io
import json
import re
from collections import Counter, defaultdict
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import datetime, timezone
from functools import cached_property
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

from babel import Locale
from email_validator import EmailNotValidError, validate_email

from ..messages import _, n_
from ..messages.email_reasons import email_reason
from ..messages.file_reasons import file_reason

COLUMNS: dict[str, tuple[str, ...]] = {
    "email": ("email", "e_mail", "email_address", "mail", "електронна_пошта", "ел_пошта", "адреса_електронної_пошти",
              "пошта", "імейл", "емейл"),
    "name": ("name", "full_name", "fname", "first_name", "імя", "піб", "прізвище_та_імя", "повне_імя"),
    "language": ("language", "lang", "locale", "мова"),
    "event": ("event", "action", "status", "type", "подія", "дія", "статус"),
    "time": ("time", "timestamp", "date", "datetime", "created_at", "submitted_at", "час", "дата", "позначка_часу",
             "дата_і_час", "дата_та_час"),
    "consent": ("consent", "consent_given", "agreed", "gdpr", "згода", "згода_на_обробку_персональних_даних",
                "згода_на_обробку_даних", "згода_на_розсилку", "згода_на_отримання_розсилки"),
    "consent_source": ("consent_source", "source", "form", "page", "джерело", "джерело_згоди", "форма", "сторінка"),
    "consent_version": ("consent_version", "consent_text_version", "version", "версія_згоди", "версія"),
    "tags": ("tags", "tag", "теги", "мітки"),
}
"""Canonical column → the header names that mean it, in English and in Ukrainian (Google Forms' «Позначка часу»),
compared as `_header_key` writes them."""
REQUIRED = ("email", "event", "time")
EVENTS: dict[str, str] = {
    **dict.fromkeys(("signup", "sign-up", "sign_up", "subscribe", "subscribed",
                     "підписка", "підписатися", "підписався", "підписалася"), "signup"),
    **dict.fromkeys(("confirm", "confirmed", "confirmation", "підтвердження", "підтверджено", "підтвердив", "підтвердила"),
                    "confirm"),
    **dict.fromkeys(("unsubscribe", "unsubscribed", "opt-out", "optout", "opted-out",
                     "відписка", "відписатися", "відписався", "відписалася"), "unsubscribe"),
}
ORDER = {"signup": 0, "confirm": 1, "unsubscribe": 2}
"""At the same moment, an unsubscribe comes last: it wins."""
YES = {"yes", "y", "true", "1", "on", "так", "checked", "agreed"}
NO = {"no", "n", "false", "0", "off", "ні", ""}
ACTIVE = ("confirmed", "unconfirmed")
"""Exported as subscribers."""
SUPPRESSED = ("unsubscribed", "no-consent")
"""Never exported as subscribers; unsubscribes go to the tools' blocklists."""
DAY_FIRST = ("%d.%m.%Y %H:%M:%S", "%d.%m.%Y %H:%M", "%d.%m.%Y")
"""Ukrainian spreadsheets write dates day first; ISO 8601 is tried before these."""


class InputError(Exception):
    """A file that cannot be read at all: nothing is exported."""


@dataclass(frozen=True)
class _Broken:
    """A record that is not even a set of fields (an overlong CSV row, a JSON item that is no object)."""

    email: str
    reason: str


@dataclass(frozen=True)
class Where:
    file: str
    line: int

    def __str__(self) -> str:
        return f"{self.file}:{self.line}"


Record = tuple[Where, "dict[str, Any] | _Broken"]
"""An input record and where it is."""


@dataclass(frozen=True)
class Reject:
    where: Where
    email: str
    reason: str


@dataclass(frozen=True)
class Event:
    """One accepted input row."""

    where: Where
    email: str
    kind: str
    time: datetime
    """UTC."""
    name: str | None
    language: str | None
    consent: bool
    source: str
    version: str | None
    tags: tuple[str, ...]


@dataclass(frozen=True)
class Subscriber:
    """The canonical consent record of one address."""

    email: str
    name: str
    language: str
    status: str
    """One of ACTIVE or SUPPRESSED."""
    consent_at: datetime | None
    consent_source: str | None
    consent_version: str | None
    confirmed_at: datetime | None
    unsubscribed_at: datetime | None
    tags: tuple[str, ...]


@dataclass(frozen=True)
class Summary:
    rows: Mapping[str, int]
    """Input rows per file."""
    rejected: int
    merged: int
    """Accepted rows beyond the first of their address."""
    statuses: Mapping[str, int]
    """Addresses per status."""
    ignored_columns: Mapping[str, tuple[str, ...]] = field(default_factory=dict)

    @property
    def rows_in(self) -> int:
        return sum(self.rows.values())

    @property
    def exported(self) -> int:
        return sum(self.statuses.get(status, 0) for status in ACTIVE)

    @property
    def suppressed(self) -> int:
        return sum(self.statuses.get(status, 0) for status in SUPPRESSED)

    @property
    def balanced(self) -> bool:
        return self.rows_in == self.exported + self.suppressed + self.rejected + self.merged

    def as_dict(self) -> dict[str, Any]:
        return {"rows_in": self.rows_in, "exported": self.exported, "suppressed": self.suppressed,
                "rejected": self.rejected, "merged_duplicates": self.merged, "balanced": self.balanced,
                "statuses": dict(self.statuses), "rows_per_file": dict(self.rows),
                "ignored_columns": {name: list(columns) for name, columns in self.ignored_columns.items()}}


@dataclass(frozen=True)
class Merged:
    subscribers: list[Subscriber]
    rejects: list[Reject]
    summary: Summary


def merge_files(paths: Sequence[Path], languages: tuple[str, ...], tz: str) -> Merged:
    """Read every file (InputError for one that cannot be read), then merge their events per address."""
    reader = _Reader(languages, ZoneInfo(tz))
    rows: dict[str, int] = {}
    events: list[Event] = []
    rejects: list[Reject] = []
    ignored: dict[str, tuple[str, ...]] = {}
    for path in paths:
        records, unknown = _records(path)
        rows[path.name] = len(records)
        if unknown:
            ignored[path.name] = unknown
        for where, values in records:
            result = Reject(where, values.email, values.reason) if isinstance(values, _Broken) else reader.event(where, values)
            if isinstance(result, Event):
                events.append(result)
            else:
                rejects.append(result)
    subscribers = merge(events, languages[0])
    summary = Summary(rows, len(rejects), len(events) - len(subscribers), dict(Counter(s.status for s in subscribers)), ignored)
    return Merged(subscribers, rejects, summary)


def merge(events: Iterable[Event], default_language: str) -> list[Subscriber]:
    """One record per address, sorted by address."""
    by_address: dict[str, list[Event]] = defaultdict(list)
    for event in events:
        by_address[event.email].append(event)
    return [_merge_address(email, sorted(found, key=lambda e: (e.time, ORDER[e.kind])), default_language)
            for email, found in sorted(by_address.items())]


def _merge_address(email: str, events: list[Event], default_language: str) -> Subscriber:
    status: str | None = None
    consent: Event | None = None
    confirmed = unsubscribed = None
    name = language = None
    tags: set[str] = set()
    for event in events:
        name, language = event.name or name, event.language or language
        tags.update(event.tags)
        if event.kind == "unsubscribe":
            status, unsubscribed = "unsubscribed", event.time
        elif event.kind == "confirm":
            if status == "unconfirmed":  # a confirmation of nothing, or after an unsubscribe, changes nothing
                status, confirmed = "confirmed", event.time
        elif event.consent:
            consent = event  # the latest consent given is the one on record
            if status not in ACTIVE:
                status, confirmed, unsubscribed = "unconfirmed", None, None
        elif status is None:
            status = "no-consent"
    return Subscriber(email, name or "", language or default_language, status or "no-consent",
                      consent.time if consent else None, consent.source if consent else None,
                      consent.version if consent else None, confirmed, unsubscribed, tuple(sorted(tags)))


@dataclass(frozen=True)
class _Reader:
    languages: tuple[str, ...]
    tz: ZoneInfo

    @cached_property
    def _names(self) -> dict[str, str]:
        """The names of the newsletter's languages in each of them, lower case (Babel's CLDR): «українська» → uk."""
        return {Locale.parse(shown).languages[code].lower(): code for shown in self.languages for code in self.languages}

    def event(self, where: Where, values: Mapping[str, Any]) -> Event | Reject:
        raw = _text(values.get("email"))
        try:
            return self._event(where, raw, values)
        except ValueError as error:
            return Reject(where, raw, str(error))

    def _event(self, where: Where, raw: str, values: Mapping[str, Any]) -> Event:
        if not raw:
            raise ValueError(_("no e-mail address"))
        try:
            valid = validate_email(raw, check_deliverability=False)
        except EmailNotValidError as error:
            raise ValueError(_("not a valid e-mail address: {reason}", reason=email_reason(error))) from None
        word = _text(values.get("event")).lower()
        if word not in EVENTS:
            raise ValueError(_("unknown event '{event}': expected signup, confirm or unsubscribe", event=word) if word
                             else _("no event: expected signup, confirm or unsubscribe"))
        if EVENTS[word] == "signup" and "consent" not in values:  # no such column: it would be a sign-up without consent
            raise ValueError(_("a sign-up, but the file has no consent column: nobody is subscribed without their consent on "
                               "record; add a column 'consent' (or «Згода») with yes or no"))
        consent = _text(values.get("consent")).lower()
        if consent not in YES | NO:
            raise ValueError(_("consent '{value}': expected yes or no", value=consent))
        return Event(where, (valid.ascii_email or valid.normalized).lower(), EVENTS[word], self._time(values.get("time")),
                     _text(values.get("name")) or None, self._language(values.get("language")), consent in YES,
                     _text(values.get("consent_source")) or str(where), _text(values.get("consent_version")) or None,
                     _tags(values.get("tags")))

    def _time(self, value: Any) -> datetime:
        """UTC; times without an offset are the site's local time."""
        text = _text(value)
        if not text:
            raise ValueError(_("no time: an event without its time cannot be ordered"))
        moment = None
        if isinstance(value, (int, float)) and not isinstance(value, bool):
            try:
                moment = datetime.fromtimestamp(value, timezone.utc)
            except (OverflowError, OSError, ValueError):  # 1e400, NaN, a year past 9999
                moment = None
        else:
            try:
                moment = datetime.fromisoformat(text)
            except ValueError:
                for pattern in DAY_FIRST:
                    try:
                        moment = datetime.strptime(text, pattern)
                        break
                    except ValueError:
                        continue
        if moment is None:
            raise ValueError(_("time '{value}': expected a time like 2026-11-05T09:30:00+02:00, 2026-11-05 09:30 or "
                               "05.11.2026 09:30", value=text))
        return (moment if moment.tzinfo else moment.replace(tzinfo=self.tz)).astimezone(timezone.utc)

    def _language(self, value: Any) -> str | None:
        """A code (uk, en-GB, uk_UA) or a language's name in one of the newsletter's languages (Українська, English)."""
        text = _text(value).lower().replace("_", "-")
        text = self._names.get(text) or text.split("-")[0]
        if text and text not in self.languages:
            raise ValueError(_("language '{value}': the newsletter's languages are {languages}", value=text,
                               languages=", ".join(self.languages)))
        return text or None


def _header_key(header: object) -> str:
    """A column's header as COLUMNS lists it: lower case, without dots and apostrophes, words joined by '_'
    («Ел. пошта» → ел_пошта, «Ім’я» → імя, "E-mail" → e_mail)."""
    return re.sub(r"[\s\-]+", "_", re.sub(r"[.'’ʼ`]", "", str(header).strip().lower()))


def _text(value: Any) -> str:
    return "" if value is None else str(value).strip()


def _tags(value: Any) -> tuple[str, ...]:
    items = value if isinstance(value, list) else re.split(r"[,;|]", _text(value))
    return tuple(dict.fromkeys(tag for tag in (_text(item) for item in items) if tag))


# --- reading files --------------------------------------------------------------------------


def _records(path: Path) -> tuple[list[Record], tuple[str, ...]]:
    """The records of a file with their lines, and the columns that were not understood."""
    try:
        text = path.read_bytes().decode("utf-8-sig")
    except OSError as error:
        raise InputError(_("{file}: cannot be read: {reason}", file=path, reason=file_reason(error))) from None
    except UnicodeDecodeError as error:
        line = path.read_bytes()[: error.start].count(b"\n") + 1
        raise InputError(_("{file}:{line}: not UTF-8 text (byte {byte}): save the file as 'CSV UTF-8'", file=path, line=line,
                           byte=error.start)) from None
    if path.suffix.lower() == ".json":
        return _json_records(path, text)
    return _csv_records(path, text)


def _canonical(headers: Iterable[str], path: Path) -> tuple[dict[str, str], tuple[str, ...]]:
    """Header as written → canonical column, and the headers that are none."""
    aliases = {alias: column for column, names in COLUMNS.items() for alias in names}
    mapping: dict[str, str] = {}
    unknown = []
    for header in headers:
        column = aliases.get(_header_key(header))
        if column is None:
            unknown.append(str(header))
        elif column in mapping.values():
            other = next(h for h, c in mapping.items() if c == column)
            raise InputError(_("{file}: the columns '{first}' and '{second}' both give the {column}; keep one", file=path,
                               first=other, second=header, column=column))
        else:
            mapping[str(header)] = column
    return mapping, tuple(unknown)


def _csv_records(path: Path, text: str) -> tuple[list[Record], tuple[str, ...]]:
    header_line = text.split("\n", 1)[0]
    try:
        delimiter = csv.Sniffer().sniff(header_line, delimiters=",;").delimiter
    except csv.Error:
        delimiter = ","
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    headers = next(reader, [])
    mapping, unknown = _canonical(headers, path)
    missing = [column for column in REQUIRED if column not in mapping.values()]
    if missing:
        raise InputError(_("{file}:1: no '{column}' column; the header must name {required} (and may name {optional})",
                           file=path, column=missing[0], required=", ".join(REQUIRED),
                           optional=", ".join(c for c in COLUMNS if c not in REQUIRED)))
    records: list[Record] = []
    email = headers.index(next(header for header, column in mapping.items() if column == "email"))
    start = reader.line_num + 1
    for row in reader:
        where, start = Where(path.name, start), reader.line_num + 1
        if not row:
            continue  # a blank line is no record
        if len(row) > len(headers):
            reason = n_("{count} field for {columns}: quote the values that hold '{delimiter}'",
                        "{count} fields for {columns}: quote the values that hold '{delimiter}'", len(row),
                        columns=n_("{count} column", "{count} columns", len(headers)), delimiter=delimiter)
            records.append((where, _Broken(row[email].strip(), reason)))
            continue
        records.append((where, {mapping[h]: value for h, value in zip(headers, row) if h in mapping}))
    return records, unknown


def _json_records(path: Path, text: str) -> tuple[list[Record], tuple[str, ...]]:
    try:
        data = json.loads(text)
    except json.JSONDecodeError as error:
        raise InputError(_("{file}:{line}: broken JSON: {reason}", file=path, line=error.lineno, reason=error.msg)) from None
    if not isinstance(data, list):
        raise InputError(_('{file}: expected a JSON array of records, like [{{"email": …, "event": "signup", "time": …}}, …]',
                           file=path))
    records: list[Record] = []
    unknown: dict[str, None] = {}
    for line, item in zip(_json_lines(text), data):
        where = Where(path.name, line)
        if not isinstance(item, dict):
            records.append((where, _Broken("", _('expected an object {{"email": …}}, got {value}',
                                                 value=json.dumps(item, ensure_ascii=False)[:40]))))
            continue
        mapping, strange = _canonical(item, path)
        unknown.update(dict.fromkeys(strange))
        records.append((where, {column: item[key] for key, column in mapping.items()}))
    return records, tuple(unknown)


def _json_lines(text: str) -> Iterator[int]:
    """The line on which each item of the top-level array starts.

    The json module reports positions only for errors, so the array is walked again with
    `raw_decode`, which returns where each item ends.
    """
    decoder = json.JSONDecoder()
    separators = re.compile(r"[\s,]*")
    position = separators.match(text, text.index("[") + 1).end()
    line = text.count("\n", 0, position) + 1
    while position < len(text) and text[position] != "]":
        yield line
        _item, end = decoder.raw_decode(text, position)
        following = separators.match(text, end).end()
        line += text.count("\n", position, following)
        position = following
