"""`hub newsletter`: the e-mail issue of the news published in a period, in each language."""

from __future__ import annotations

import argparse
from datetime import date, datetime
from pathlib import Path
from zoneinfo import ZoneInfo

from ..content.catalog import build_time
from ..content.errors import ContentError
from ..engine.mkdocs.project import add_root_option, fail
from ..messages import _, n_
from ..newsletter.issue import STATE, Edition, Issue, Period, compose, read_state, render, select, write_state
from ..newsletter.output import RefusedOutput, write_files
from ..site.language import languages
from .newsletter_settings import Settings


def example() -> str:
    return _("""\
examples:
  hub newsletter                                  the news since the last issue (remembered in {state})
  hub newsletter --since 2026-11-01 --until 2026-11-30 --utm-campaign 2026-11
  hub newsletter --lang uk --out ../issues/november
""", state=STATE)


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "newsletter", help=_("make the e-mail issue of the latest news"),
        description=_("Turn the news published in a period into an e-mail issue for each language: an HTML e-mail "
                      "with its styles inlined, the same in plain text, and a JSON manifest with the subject and the "
                      "preheader. Paste or upload them into your mailing service. Drafts and scheduled posts are left "
                      "out. By default the period starts where the last issue ended; the end is recorded in {state} "
                      "(commit it). With no news in the period nothing is written and the exit code is 1.", state=STATE),
        epilog=example(), formatter_class=argparse.RawDescriptionHelpFormatter)
    add_root_option(parser)
    parser.add_argument("--since", type=_day, metavar="DATE",
                        help=_("the first day of the period, like 2026-11-01 (default: where the last issue ended)"))
    parser.add_argument("--until", type=_day, metavar="DATE", help=_("the last day of the period (default: now)"))
    parser.add_argument("--lang", action="append", metavar="CODE", help=_("only this language (repeat for several; default: all)"))
    parser.add_argument("--out", type=Path, metavar="FOLDER", help=_("where to write (default: newsletter/issues/<today>/)"))
    parser.add_argument("--utm-campaign", metavar="NAME",
                        help=_("add utm_source=newsletter, utm_medium=email and utm_campaign=NAME to the links to the site"))
    parser.set_defaults(run=run)


def _day(text: str) -> date:
    """A day given on the command line, refused in plain words (argparse would name the parsing function)."""
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(_("expected a day like 2026-11-01, got '{value}'", value=text)) from None


def run(args: argparse.Namespace) -> int:
    settings = Settings.find(args.root)
    workspace = settings.workspace
    langs = _languages(args.lang, workspace.languages)
    unsubscribe = settings.newsletter.unsubscribe
    if unsubscribe is None:
        fail(_("the e-mail needs the unsubscribe merge tag of your mailing service: set 'unsubscribe_tag' "
               "under plugins → hub → newsletter in mkdocs.yml"))
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
            period = periods[lang]
            print(_("{lang}: no news was published from {start} to {end} ({zone})", lang=lang,
                    start=f"{period.start:%Y-%m-%d %H:%M}", end=f"{period.end:%Y-%m-%d %H:%M}", zone=f"{period.start:%Z}"))
    if not issues:
        print(_("Nothing was written."))
        return 1
    files = {name: data for issue in issues for name, data in render(issue, issue.lang).items()}
    write_files(out, files)
    write_state(workspace.root, {issue.lang: issue.period.end for issue in issues})
    for issue in issues:
        print(n_("{lang}: {count} post → {file} (+ .txt, .json)", "{lang}: {count} posts → {file} (+ .txt, .json)",
                 len(issue.items), lang=issue.lang, file=out / (issue.lang + ".html")))
        print("    " + _("subject: {subject}", subject=issue.subject))
    return 0


def _languages(wanted: list[str] | None, known: tuple[str, ...]) -> tuple[str, ...]:
    unknown = [lang for lang in wanted or () if lang not in known]
    if unknown:
        fail(_("--lang {value}: the site's languages are {languages}", value=unknown[0], languages=", ".join(known)))
    return tuple(lang for lang in known if not wanted or lang in wanted)


def _periods(args: argparse.Namespace, langs: tuple[str, ...], root: Path, tz: ZoneInfo, now: datetime) -> dict[str, Period]:
    """Each language's period: the days asked for, or from the end of its last issue."""
    if args.since and args.until and args.until < args.since:
        fail(_("--until {until} is before --since {since}", until=args.until, since=args.since))
    until = args.until or now.date()
    if args.since:
        return {lang: Period.days(args.since, until, tz, now) for lang in langs}
    try:
        state = read_state(root)
    except ValueError as error:
        fail(str(error))
    missing = [lang for lang in langs if lang not in state]
    if missing:
        fail(_("no '{lang}' issue is recorded in {state} yet: give --since DATE for the first one", lang=missing[0], state=STATE))
    return {lang: Period(state[lang].astimezone(tz), Period.days(until, until, tz, now).end) for lang in langs}
