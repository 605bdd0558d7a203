"""`hub subscribers`: merge sign-ups, confirmations and unsubscribes into import files for mailing tools."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from ..engine.mkdocs.project import add_root_option, fail
from ..messages import _, n_
from ..newsletter.adapters import ADAPTERS, Output, rejects_file
from ..newsletter.output import RefusedOutput, write_files
from ..newsletter.subscribers import ACTIVE, SUPPRESSED, InputError, Merged, merge_files
from .newsletter_settings import Settings


def example() -> str:
    return _("""\
examples:
  hub subscribers form-export.csv sheet.csv --out ../subscribers-2026-11
  hub subscribers backend.json --format listmonk --out ../subscribers-2026-11

columns (any order; usual names in English or Ukrainian, like 'E-mail', 'Status' or 'Позначка часу', are understood):
  email, event (signup, confirm, unsubscribe), time (with an offset, or Kyiv time)   required
  name, language (uk, en or their names), consent (yes/no), consent_source, consent_version, tags   optional
""")


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "subscribers", help=_("merge subscriber records into import files for your mailing tool"),
        description=_("Read the CSV or JSON records of sign-ups, confirmations and unsubscribes exported from form "
                      "back-ends and spreadsheets, keep one consent record per address (an unsubscribe always wins; a "
                      "sign-up without consent subscribes nobody), and write the import files of listmonk, Mailchimp "
                      "and Brevo, the full record (subscribers.csv), every refused row with its line and reason "
                      "(rejects.csv) and a summary that accounts for every row (summary.json). The files hold personal "
                      "data: they are readable by you only, and never written into site/ or docs/."),
        epilog=example(), formatter_class=argparse.RawDescriptionHelpFormatter)
    add_root_option(parser)
    parser.add_argument("inputs", nargs="+", type=Path, metavar="FILE", help=_("CSV or JSON files of subscriber events"))
    parser.add_argument("--out", type=Path, required=True, metavar="FOLDER", help=_("where to write: outside the project folder"))
    parser.add_argument("--format", action="append", choices=tuple(ADAPTERS), dest="formats",
                        help=_("only this format (repeat for several; default: all)"))
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    settings = Settings.find(args.root)
    languages = settings.workspace.languages
    try:
        settings.private.check(args.out)
        merged = merge_files(args.inputs, languages, settings.workspace.timezone)
    except (RefusedOutput, InputError) as error:
        fail(_("{error}; nothing was written", error=error))
    if not merged.summary.balanced:  # every row is counted once by construction: this would be a bug
        raise AssertionError(f"the rows do not add up: {merged.summary.as_dict()}")
    outputs = {name: ADAPTERS[name](merged.subscribers, languages) for name in args.formats or ADAPTERS}
    files = {name: data for output in outputs.values() for name, data in output.files.items()}
    files["rejects.csv"] = rejects_file(merged.rejects)
    files["summary.json"] = (json.dumps(merged.summary.as_dict(), ensure_ascii=False, indent=2) + "\n").encode()
    try:
        write_files(args.out, files, private=True)
    except RefusedOutput as error:
        fail(_("{error}; nothing was written", error=error))
    print(_report(merged, outputs, args.out))
    for source in args.inputs:
        if settings.private.holding(source) is not None:  # a form's export saved into the project: a commit takes it
            print(_("warning: {file} is inside the project folder and holds personal data: move it out of the project, "
                    "so that it is never committed", file=source), file=sys.stderr)
    return 0


def _report(merged: Merged, outputs: dict[str, Output], out: Path) -> str:
    s = merged.summary

    def count(statuses: tuple[str, ...]) -> str:
        """' (2 confirmed, 1 unconfirmed)', or nothing when none has these statuses."""
        listed = ", ".join(_status(status, s.statuses[status]) for status in statuses if s.statuses.get(status))
        return f" ({listed})" if listed else ""

    lines = [
        n_("{count} row {files}: {exported} exported{active}, {suppressed} suppressed{inactive}, {rejected} rejected, "
           "{merged} merged into the record of the same address.",
           "{count} rows {files}: {exported} exported{active}, {suppressed} suppressed{inactive}, {rejected} rejected, "
           "{merged} merged into the record of the same address.", s.rows_in,
           files=n_("in {count} file", "in {count} files", len(s.rows)), exported=s.exported, active=count(ACTIVE),
           suppressed=s.suppressed, inactive=count(SUPPRESSED), rejected=s.rejected, merged=s.merged),
        _("Every row is accounted for: {rows} = {exported} + {suppressed} + {rejected} + {merged}.",
          rows=s.rows_in, exported=s.exported, suppressed=s.suppressed, rejected=s.rejected, merged=s.merged),
    ]
    if merged.rejects:
        lines.append(_("Rejected rows (also in rejects.csv):"))
        nobody = _("(no address)")
        lines += [f"  {r.where}: {r.email or nobody}: {r.reason}" for r in merged.rejects]
    for name, columns in s.ignored_columns.items():
        lines.append(_("{file}: columns not understood, ignored: {columns}", file=name, columns=", ".join(columns)))
    lines += [note for output in outputs.values() for note in output.notes]
    lines.append(_("Written to {folder} (readable by you only): {files}", folder=out,
                   files=", ".join(["rejects.csv", "summary.json", *(name for output in outputs.values() for name in output.files)])))
    return "\n".join(lines)


def _status(status: str, count: int) -> str:
    """`4 confirmed`: how many addresses have `status` (a value of the `status` column of subscribers.csv)."""
    words = {
        "confirmed": lambda: _("{count} confirmed", count=count),
        "unconfirmed": lambda: _("{count} unconfirmed", count=count),
        "unsubscribed": lambda: _("{count} unsubscribed", count=count),
        "no-consent": lambda: _("{count} no-consent", count=count),
    }
    return words[status]() if status in words else f"{count} {status}"
