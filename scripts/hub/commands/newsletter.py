"""`hub newsletter`: the e-mail issue of the news published in a period, in each language."""

from __future__ import annotations

import argparse
from datetime import date, datetime
from pathlib import Path
from zoneinfo import ZoneInfo

from ..content.catalog import build_time
from ..content.errors import ContentError
from ..engine.mkdocs.project import add_root_option, fail
from ..newsletter.issue import STATE, Edition, Issue, Period, compose, read_state, render, select, write_state
from ..newsletter.output import RefusedOutput, write_files
from ..site.language import languages
from .newsletter_settings import Settings

EXAMPLE = f"""\
examples:
  hub newsletter                                  the news since the last issue (remembered in {STATE})
  hub newsletter --since 2026-11-01 --until 2026-11-30 --utm-campaign 2026-11
  hub newsletter --lang uk --out ../issues/november
"""


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "newsletter", help="make the e-mail issue of the latest news",
        description="Turn the news published in a period into an e-mail issue for each language: an HTML e-mail "
                    "with its styles inlined, the same in plain text, and a JSON manifest with the subject and the "
                    "preheader. Paste or upload them into your mailing service. Drafts and scheduled posts are left "
                    f"out. By default the period starts where the last issue ended; the end is recorded in {STATE} "
                    "(commit it). With no news in the period nothing is written and the exit code is 1.",
        epilog=EXAMPLE, formatter_class=argparse.RawDescriptionHelpFormatter)
    add_root_option(parser)
    parser.add_argument("--since", type=date.fromisoformat, metavar="DATE",
                        help="the first day of the period, like 2026-11-01 (default: where the last issue ended)")
    parser.add_argument("--until", type=date.fromisoformat, metavar="DATE", help="the last day of the period (default: now)")
    parser.add_argument("--lang", action="append", metavar="CODE", help="only this language (repeat for several; default: all)")
    parser.add_argument("--out", type=Path, metavar="FOLDER", help="where to write (default: newsletter/issues/<today>/)")
    parser.add_argument("--utm-campaign", metavar="NAME",
                        help="add utm_source=newsletter, utm_medium=email and utm_campaign=NAME to the links to the site")
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    settings = Settings.find(args.root)
    workspace = settings.workspace
    langs = _languages(args.lang, workspace.languages)
    unsubscribe = settings.newsletter.unsubscribe
    if unsubscribe is None:
        fail("the e-mail needs the unsubscribe merge tag of your mailing service: set 'unsubscribe_tag' "
             "under plugins → hub → newsletter in mkdocs.yml")
    tz = ZoneInfo(workspace.timezone)
    now = build_time().astimezone(tz)
    periods = _periods(args, langs, workspace.root, tz, now)
    out = args.out or workspace.root / "newsletter" / "issues" / now.date().isoformat()
    try:
        settings.forbidden.check(out)
        catalog = workspace.catalog(workspace.load())
    except RefusedOutput as error:
        fail(str(error))
    except ContentError as error:
        fail(error.report())
    strings = languages(workspace.languages)
    edition = Edition(settings.site_url, settings.site_names, unsubscribe, args.utm_campaign)
    issues: list[Issue] = []
    for lang in langs:
        posts = select(catalog, lang, periods[lang])
        if posts:
            issues.append(compose(posts, lang, periods[lang], strings[lang], workspace.urls, edition))
        else:
            print(f"{lang}: no news was published {_describe(periods[lang])}")
    if not issues:
        print("Nothing was written.")
        return 1
    files = {name: data for issue in issues for name, data in render(issue, issue.lang).items()}
    write_files(out, files)
    write_state(workspace.root, {issue.lang: issue.period.end for issue in issues})
    for issue in issues:
        count = len(issue.items)
        print(f"{issue.lang}: {count} post{'' if count == 1 else 's'} → {out / (issue.lang + '.html')} (+ .txt, .json)\n"
              f"    subject: {issue.subject}")
    return 0


def _languages(wanted: list[str] | None, known: tuple[str, ...]) -> tuple[str, ...]:
    unknown = [lang for lang in wanted or () if lang not in known]
    if unknown:
        fail(f"--lang {unknown[0]}: the site's languages are {', '.join(known)}")
    return tuple(lang for lang in known if not wanted or lang in wanted)


def _periods(args: argparse.Namespace, langs: tuple[str, ...], root: Path, tz: ZoneInfo, now: datetime) -> dict[str, Period]:
    """Each language's period: the days asked for, or from the end of its last issue."""
    if args.since and args.until and args.until < args.since:
        fail(f"--until {args.until} is before --since {args.since}")
    until = args.until or now.date()
    if args.since:
        return {lang: Period.days(args.since, until, tz, now) for lang in langs}
    try:
        state = read_state(root)
    except ValueError as error:
        fail(str(error))
    missing = [lang for lang in langs if lang not in state]
    if missing:
        fail(f"no '{missing[0]}' issue is recorded in {STATE} yet: give --since DATE for the first one")
    return {lang: Period(state[lang].astimezone(tz), Period.days(until, until, tz, now).end) for lang in langs}



def _describe(period: Period) -> str:
    return f"from {period.start:%Y-%m-%d %H:%M} to {period.end:%Y-%m-%d %H:%M} ({period.start:%Z})"
