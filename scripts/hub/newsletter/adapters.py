"""The merged consent records in the import formats of mailing tools: one adapter per tool.

Each adapter takes the records (sorted by address) and the newsletter's languages and returns
`{file name: bytes}` plus notes on anything it had to change. Only active subscribers
(confirmed or unconfirmed) go into subscriber files; unsubscribes go where each tool keeps the
addresses it must never write to. Sign-ups without consent go nowhere but the canonical file.
"""

from __future__ import annotations

import csv
import io
import json
import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import datetime, timezone

from ..messages import n_
from .subscribers import ACTIVE, Reject, Subscriber

FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
"""What makes a spreadsheet read a cell as a formula."""
ADDRESS = re.compile(r"[^\s()\"'|;,<>]+@[^\s()\"'|;,<>@]+")
MAILCHIMP_FIELD_BYTES = 255
"""Mailchimp's limit for a text field, in UTF-8 bytes: about 127 Cyrillic letters."""


@dataclass
class Output:
    files: dict[str, bytes] = field(default_factory=dict)
    notes: list[str] = field(default_factory=list)
    """What an adapter changed, to be shown to the person importing."""


Adapter = Callable[[Sequence[Subscriber], tuple[str, ...]], Output]


def canonical(subscribers: Sequence[Subscriber], languages: tuple[str, ...]) -> Output:
    """`subscribers.csv`: every record, whatever its status: the consent register to keep."""
    header = ["email", "name", "language", "status", "consent_at", "consent_source", "consent_version",
              "confirmed_at", "unsubscribed_at", "tags"]
    rows = [[s.email, s.name, s.language, s.status, _time(s.consent_at), s.consent_source or "", s.consent_version or "",
             _time(s.confirmed_at), _time(s.unsubscribed_at), ",".join(s.tags)] for s in subscribers]
    return Output({"subscribers.csv": _csv(header, rows)})


def listmonk(subscribers: Sequence[Subscriber], languages: tuple[str, ...]) -> Output:
    """`email,name,attributes`: listmonk imports one list and one status at a time, so one file for each;
    unsubscribes as a blocklist import."""
    header = ["email", "name", "attributes"]
    output = Output()
    for lang in languages:
        for status in ACTIVE:
            chosen = [s for s in subscribers if s.language == lang and s.status == status]
            output.files[f"listmonk-{lang}-{status}.csv"] = _csv(header, [[s.email, s.name, _attributes(s)] for s in chosen])
    blocked = [s for s in subscribers if s.status == "unsubscribed"]
    output.files["listmonk-blocklist.csv"] = _csv(header, [[s.email, s.name, _attributes(s)] for s in blocked])
    return output


def mailchimp(subscribers: Sequence[Subscriber], languages: tuple[str, ...]) -> Output:
    """One audience, the language in a field; imported once as 'subscribed', once as 'unsubscribed'."""
    output = Output()
    header = ["Email Address", "First Name", "Language", "Tags", "Consent Time", "Consent Source", "Consent Version",
              "Confirmation Time", "Unsubscribe Time"]
    for name, statuses in (("mailchimp-subscribed.csv", ACTIVE), ("mailchimp-unsubscribed.csv", ("unsubscribed",))):
        rows = []
        for s in subscribers:
            if s.status in statuses:
                values = [s.email, s.name, s.language, ",".join(s.tags), _time(s.consent_at), s.consent_source or "",
                          s.consent_version or "", _time(s.confirmed_at), _time(s.unsubscribed_at)]
                rows.append([_fit(value, column, s.email, output.notes) for value, column in zip(values, header)])
        output.files[name] = _csv(header, rows)
    return output


def brevo(subscribers: Sequence[Subscriber], languages: tuple[str, ...]) -> Output:
    """`;`-separated, one file per language list, and the blocklist."""
    output = Output()
    header = ["EMAIL", "FIRSTNAME", "LANGUAGE", "CONSENT_AT", "CONSENT_SOURCE", "CONSENT_VERSION", "CONFIRMED_AT", "TAGS"]
    for lang in languages:
        rows = [[s.email, s.name, s.language, _time(s.consent_at), s.consent_source or "", s.consent_version or "",
                 _time(s.confirmed_at), ",".join(s.tags)]
                for s in subscribers if s.language == lang and s.status in ACTIVE]
        output.files[f"brevo-{lang}.csv"] = _csv(header, rows, delimiter=";")
    blocked = [[s.email, _time(s.unsubscribed_at)] for s in subscribers if s.status == "unsubscribed"]
    output.files["brevo-blocklist.csv"] = _csv(["EMAIL", "UNSUBSCRIBED_AT"], blocked, delimiter=";")
    return output


ADAPTERS: Mapping[str, Adapter] = {"canonical": canonical, "listmonk": listmonk, "mailchimp": mailchimp, "brevo": brevo}


def rejects_file(rejects: Sequence[Reject]) -> bytes:
    """Every refused row: the file and line to fix, and why."""
    return _csv(["file", "line", "email", "reason"], [[r.where.file, str(r.where.line), r.email, r.reason] for r in rejects])


def _csv(header: list[str], rows: list[list[str]], delimiter: str = ",") -> bytes:
    out = io.StringIO(newline="")
    writer = csv.writer(out, delimiter=delimiter)
    writer.writerow(header)
    writer.writerows([_as_text(value) for value in row] for row in rows)
    return out.getvalue().encode()


def _as_text(value: str) -> str:
    """A value a spreadsheet would run as a formula, made text with a leading apostrophe (OWASP's advice on CSV
    injection): the names, sources and tags come from a public form, and whoever keeps the list opens these files in
    Excel or LibreOffice, where `=HYPERLINK("https://…?"&A2)` would send the next cell away. An address is left as it
    is: it can start with `-` or `+`, but holds no parenthesis, quote, space or pipe, without which no formula runs."""
    if value.startswith(FORMULA_START) and not ADDRESS.fullmatch(value):
        return "'" + value
    return value


def _time(moment: datetime | None) -> str:
    return moment.astimezone(timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ") if moment else ""


def _attributes(s: Subscriber) -> str:
    values = {"language": s.language, "consent_at": _time(s.consent_at), "consent_source": s.consent_source,
              "consent_version": s.consent_version, "confirmed_at": _time(s.confirmed_at),
              "unsubscribed_at": _time(s.unsubscribed_at), "tags": list(s.tags)}
    return json.dumps({key: value for key, value in values.items() if value}, ensure_ascii=False, separators=(",", ":"))


def _fit(value: str, column: str, email: str, notes: list[str]) -> str:
    """`value` cut to Mailchimp's byte limit at a character boundary (never half a Cyrillic letter)."""
    data = value.encode()
    if len(data) <= MAILCHIMP_FIELD_BYTES:
        return value
    cut = data[:MAILCHIMP_FIELD_BYTES].decode(errors="ignore")
    notes.append(n_("mailchimp: '{column}' of {email} shortened from {before} to {count} byte",
                    "mailchimp: '{column}' of {email} shortened from {before} to {count} bytes", len(cut.encode()),
                    column=column, email=email, before=len(data)))
    return cut
