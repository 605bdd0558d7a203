"""`hub subscribers`: merge sign-ups, confirmations and unsubscribes into import files for mailing tools."""

from __future__ import annotations

import argparse
import json
from pathlib import Path

from ..engine.mkdocs.project import add_root_option, fail
from ..newsletter.adapters import ADAPTERS, Output, rejects_file
from ..newsletter.output import RefusedOutput, write_files
from ..newsletter.subscribers import ACTIVE, SUPPRESSED, InputError, Merged, merge_files
from .newsletter_settings import Settings

EXAMPLE = """\
examples:
  hub subscribers form-export.csv sheet.csv --out ../subscribers-2026-11
  hub subscribers backend.json --format listmonk --out ../subscribers-2026-11

columns (any order; usual names like 'E-mail' or 'Status' are understood):
  email, event (signup, confirm, unsubscribe), time (with an offset, or Kyiv time)   required
  name, language, consent (yes/no), consent_source, consent_version, tags            optional
"""


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "subscribers", help="merge subscriber records into import files for your mailing tool",
        description="Read the CSV or JSON records of sign-ups, confirmations and unsubscribes exported from form "
                    "back-ends and spreadsheets, keep one consent record per address (an unsubscribe always wins; a "
                    "sign-up without consent subscribes nobody), and write the import files of listmonk, Mailchimp "
                    "and Brevo, the full record (subscribers.csv), every refused row with its line and reason "
                    "(rejects.csv) and a summary that accounts for every row (summary.json). The files hold personal "
                    "data: they are readable by you only, and never written into site/ or docs/.",
        epilog=EXAMPLE, formatter_class=argparse.RawDescriptionHelpFormatter)
    add_root_option(parser)
    parser.add_argument("inputs", nargs="+", type=Path, metavar="FILE", help="CSV or JSON files of subscriber events")
    parser.add_argument("--out", type=Path, required=True, metavar="FOLDER", help="where to write (outside the project is best)")
    parser.add_argument("--format", action="append", choices=tuple(ADAPTERS), dest="formats",
                        help="only this format (repeat for several; default: all)")
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    settings = Settings.find(args.root)
    languages = settings.workspace.languages
    try:
        settings.forbidden.check(args.out)
        merged = merge_files(args.inputs, languages, settings.workspace.timezone)
    except (RefusedOutput, InputError) as error:
        fail(f"{error}; nothing was written")
    if not merged.summary.balanced:  # every row is counted once by construction: this would be a bug
        raise AssertionError(f"the rows do not add up: {merged.summary.as_dict()}")
    outputs = {name: ADAPTERS[name](merged.subscribers, languages) for name in args.formats or ADAPTERS}
    files = {name: data for output in outputs.values() for name, data in output.files.items()}
    files["rejects.csv"] = rejects_file(merged.rejects)
    files["summary.json"] = (json.dumps(merged.summary.as_dict(), ensure_ascii=False, indent=2) + "\n").encode()
    write_files(args.out, files, private=True)
    print(_report(merged, outputs, args.out))
    return 0


def _report(merged: Merged, outputs: dict[str, Output], out: Path) -> str:
    s = merged.summary

    def count(statuses: tuple[str, ...]) -> str:
        return ", ".join(f"{s.statuses[status]} {status}" for status in statuses if s.statuses.get(status))

    lines = [
        f"{s.rows_in} rows in {len(s.rows)} files: {s.exported} exported ({count(ACTIVE)}), "
        f"{s.suppressed} suppressed ({count(SUPPRESSED)}), {s.rejected} rejected, "
        f"{s.merged} merged into the record of the same address.",
        f"Every row is accounted for: {s.rows_in} = {s.exported} + {s.suppressed} + {s.rejected} + {s.merged}.",
    ]
    if merged.rejects:
        lines.append("Rejected rows (also in rejects.csv):")
        lines += [f"  {r.where}: {r.email or '(no address)'}: {r.reason}" for r in merged.rejects]
    for name, columns in s.ignored_columns.items():
        lines.append(f"{name}: columns not understood, ignored: {', '.join(columns)}")
    lines += [note for output in outputs.values() for note in output.notes]
    lines.append(f"Written to {out} (readable by you only): rejects.csv, summary.json, "
                 + ", ".join(name for output in outputs.values() for name in output.files))
    return "\n".join(lines)
