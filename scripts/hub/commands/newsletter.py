"""`hub newsletter`: the e-mail issue of the news published in a period, in each language."""

from __future__ import annotations

import argparse
import json
import tempfile
from datetime import date, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

from ..content.catalog import build_time
from ..content.issues import ISSUES, Period
from ..content.load import Loaded
from ..engine.mkdocs.project import Workspace, add_root_option, fail, progress
from ..messages import _, n_
from ..newsletter.clipping import LIMIT
from ..newsletter.issue import Edition, Made, compose, render, select
from ..newsletter.output import RefusedOutput, write_files
from ..newsletter.state import STATE, LastIssue, read_state, write_state
from ..site.language import languages
from ..site.organisation import Organisation
from .checks import check
from .newsletter_settings import Settings


def example() -> str:
    return _("""\
examples:
  hub newsletter --dry-run                        try: the issue since the last one, in a temporary folder
  hub newsletter                                  the news since the last issue (remembered in {state})
  hub newsletter --again                          make the last issue again, after correcting a post
  hub newsletter --since 2026-11-01 --until 2026-11-30 --utm-campaign 2026-11
""", state=STATE)


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "newsletter", help=_("make the e-mail issue of the latest news"),
        description=_("Turn the news published in a period of whole days into an e-mail issue for each language: an "
                      "HTML e-mail with its styles inlined, the same in plain text, and a JSON manifest with the subject "
                      "and the preheader, in {issues}/<today>/. Paste or upload them into your mailing service. Commit "
                      "the folder: the site publishes each issue as a web page, where the e-mail's \"view in browser\" "
                      "link leads. Drafts and scheduled posts are left out. By default the period starts where the last "
                      "issue ended and ends with yesterday; the end is recorded in {state} (commit it). With no news in "
                      "the period nothing is written and the exit code is 1.", issues=ISSUES, state=STATE),
        epilog=example(), formatter_class=argparse.RawDescriptionHelpFormatter)
    add_root_option(parser)
    parser.add_argument("--since", type=_day, metavar="DATE",
                        help=_("the first day of the period, like 2026-11-01 (default: where the last issue ended)"))
    parser.add_argument("--until", type=_day, metavar="DATE", help=_("the last day of the period (default: yesterday)"))
    parser.add_argument("--lang", action="append", metavar="CODE", help=_("only this language (repeat for several; default: all)"))
    where = parser.add_mutually_exclusive_group()
    where.add_argument("--out", type=Path, metavar="FOLDER",
                       help=_("where to write (default: {issues}/<today>/, which the site publishes)", issues=ISSUES))
    where.add_argument("--dry-run", action="store_true",
                       help=_("write into a temporary folder and leave {state} as it is: to try, or to look", state=STATE))
    parser.add_argument("--again", action="store_true",
                        help=_("make the last issue again, for the same period into the same folder (after correcting a "
                               "post); {state} stays as it is", state=STATE))
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
    unsubscribe = settings.newsletter.unsubscribe
    if unsubscribe is None:
        fail(_("the e-mail needs the unsubscribe merge tag of your mailing service: set 'unsubscribe_tag' "
               "under plugins → hub → newsletter in mkdocs.yml"))
    organisation = _sender(workspace)
    tz = ZoneInfo(workspace.timezone)
    now = build_time().astimezone(tz)
    root = workspace.content_dir
    langs = _languages(args.lang, workspace.languages)
    issues = _again(args, langs, root) if args.again else {lang: (now.date(), period)
                                                            for lang, period in _periods(args, langs, root, tz, now).items()}
    try:
        if args.out:
            settings.forbidden.check(args.out)
        loaded = workspace.read()
        _publishable(workspace, loaded)
        catalog = workspace.catalog(loaded.content)
    except RefusedOutput as error:
        fail(str(error))
    strings = languages(workspace.languages)
    made: list[Made] = []
    for lang, (day, period) in issues.items():
        posts = select(catalog, lang, period)
        if posts:
            edition = Edition(settings.site_url, settings.site_names, unsubscribe, organisation, day, args.utm_campaign)
            made.append(render(compose(posts, lang, period, strings[lang], workspace.urls, edition), lang))
        elif period.end <= period.start:
            print(_("{lang}: the last issue already covers the days up to {day}; an issue covers whole days, so the next "
                    "one can be made tomorrow", lang=lang, day=period.last))
        else:
            print(_("{lang}: no news was published from {start} to {end} ({zone})", lang=lang,
                    start=f"{period.start:%Y-%m-%d %H:%M}", end=f"{period.end:%Y-%m-%d %H:%M}", zone=f"{period.start:%Z}"))
    if not made:
        print(_("Nothing was written."))
        return 1
    scratch = Path(tempfile.mkdtemp(prefix="hub-newsletter-")) if args.dry_run else None
    folders = [scratch or args.out or root / ISSUES / issue.issue.day.isoformat() for issue in made]
    for issue, folder in zip(made, folders):
        _check_free(folder, issue)
    for issue, folder in zip(made, folders):
        try:
            write_files(folder, issue.files)
        except RefusedOutput as error:
            fail(_("{error}; {state} is unchanged", error=error, state=STATE))
        _report(issue, folder)
    if scratch:
        print(_("Dry run: the issues are in {folder}; {state} is unchanged.", folder=scratch, state=STATE))
    elif not args.again:
        write_state(root, {issue.issue.lang: (issue.issue.day, issue.issue.period) for issue in made})
    return 0


def _publishable(workspace: Workspace, loaded: Loaded) -> None:
    """Stop when the site would not be published as it stands: the build refuses content the loader or the cleaning
    does (a script, a javascript: link) and the publishing workflow any error of `hub check`, so the issue would send
    readers to pages that are not online."""
    checked = check(workspace, progress(_("Checking")), loaded=loaded)  # 35 s at 2,000 posts
    errors = [problem for problem in checked if problem.severity == "error"]
    if errors:
        fail("\n".join([n_("The content has {count} error, with which the site is not published: no issue was written, "
                           "as it would link to pages readers cannot open. Fix it, then make the issue again:",
                           "The content has {count} errors, with which the site is not published: no issue was written, "
                           "as it would link to pages readers cannot open. Fix them, then make the issue again:",
                           len(errors)),
                         *("  " + problem.describe(workspace.root) for problem in errors)]))


def _sender(workspace: Workspace) -> Organisation:
    """Who the e-mail's footer names, with a postal address and a contact, as the law asks of a newsletter."""
    organisation = workspace.organisation
    if organisation is None:
        fail(_("the e-mail's footer must name who sends it, with a postal address and a contact: set 'organisation:' "
               "(name, address, email) under plugins → hub in mkdocs.yml; nothing was written"))
    for key in organisation.placeholders:
        print(_("warning: the organisation's '{key}' in mkdocs.yml is still an example; replace it before sending", key=key))
    return organisation


def _check_free(folder: Path, made: Made) -> None:
    """Refuse to overwrite another issue of the same language made the same day: only the same issue may be made again."""
    stored = folder / f"{made.issue.lang}.json"
    if not stored.exists():
        other = next((folder / name for name in made.files if (folder / name).exists()), None)
        if other is not None:  # a file of that name, which no issue wrote
            fail(_("{file} is there already: to make the issue, give --out a folder of its own, or remove that file first",
                   file=other))
        return
    try:
        same = Period.parse(json.loads(stored.read_text(encoding="utf-8"))["period"]) == made.issue.period
    except (ValueError, KeyError, TypeError):
        same = False
    if not same:
        fail(_("{file} holds another issue: to make this one too, give --out FOLDER, or remove that file first",
               file=stored))


def _report(made: Made, folder: Path) -> None:
    issue, fitted = made.issue, made.fitted
    print(n_("{lang}: {count} post → {file} (+ .txt, .json)", "{lang}: {count} posts → {file} (+ .txt, .json)",
             len(issue.items), lang=issue.lang, file=folder / (issue.lang + ".html")))
    print("    " + _("subject: {subject}", subject=issue.subject))
    size, limit = _kb(fitted.size), _kb(LIMIT)
    if not fitted.shortened:
        print("    " + _("{size} KB of HTML: Gmail shows it whole (it clips messages above about 102 KB)", size=size))
    elif fitted.shown == len(issue.items):
        print("    " + _("laid out in full it would weigh {full} KB, which Gmail clips (with the unsubscribe link): so "
                         "every post shows {what}, {size} KB", full=_kb(fitted.full_size), what=_layout(fitted.layout),
                         size=size))
    else:
        print("    " + n_("laid out in full it would weigh {full} KB, which Gmail clips (with the unsubscribe link): so it "
                          "shows the title of the first {shown} post and links to its web version for the others, {size} KB",
                          "laid out in full it would weigh {full} KB, which Gmail clips (with the unsubscribe link): so it "
                          "shows the titles of the first {shown} posts and links to its web version for the others, {size} KB",
                          fitted.shown, full=_kb(fitted.full_size), shown=fitted.shown, size=size))
    if fitted.shortened:
        print("    " + _("(an issue may weigh {limit} KB: mailing services lengthen its links)", limit=limit))
    print("    " + _("view in browser: {url} (on the site once {folder} is committed and the site built)", url=issue.web,
                     folder=ISSUES / issue.day.isoformat()))


def _layout(layout: str) -> str:
    return _("only its title and summary, with a link to read on") if layout == "summary" else _("only its title and date")


def _kb(size: int) -> str:
    return f"{size / 1000:.0f}"


def _languages(wanted: list[str] | None, known: tuple[str, ...]) -> tuple[str, ...]:
    unknown = [lang for lang in wanted or () if lang not in known]
    if unknown:
        fail(_("--lang {value}: the site's languages are {languages}", value=unknown[0], languages=", ".join(known)))
    return tuple(lang for lang in known if not wanted or lang in wanted)


def _periods(args: argparse.Namespace, langs: tuple[str, ...], root: Path, tz: ZoneInfo, now: datetime) -> dict[str, Period]:
    """Each language's period of whole days: the days asked for, or from the end of its last issue to yesterday."""
    today = now.date()
    for option, day in (("--since", args.since), ("--until", args.until)):
        if day is not None and day >= today:
            fail(_("{option} {day}: the day is not over yet; an issue covers whole days, the latest being yesterday, "
                   "{yesterday} (today's news go into the next issue)", option=option, day=day, yesterday=today - timedelta(days=1)))
    if args.since and args.until and args.until < args.since:
        fail(_("--until {until} is before --since {since}", until=args.until, since=args.since))
    until = args.until or today - timedelta(days=1)
    if args.since:
        return {lang: Period.days(args.since, until, tz) for lang in langs}
    state = _state(root)
    missing = [lang for lang in langs if lang not in state]
    if missing:
        fail(_("no '{lang}' issue is recorded in {state} yet: give --since DATE for the first one", lang=missing[0], state=STATE))
    return {lang: Period(state[lang].end.astimezone(tz), Period.days(until, until, tz).end) for lang in langs}


def _again(args: argparse.Namespace, langs: tuple[str, ...], root: Path) -> dict[str, tuple[date, Period]]:
    """The last issue of each language (of those asked for, or of all that have one), to make again."""
    if args.since or args.until:
        fail(_("--again makes the last issue again, for its own period: leave out --since and --until"))
    state = _state(root)
    again = {lang: state[lang] for lang in langs if lang in state and state[lang].period is not None}
    missing = [lang for lang in (args.lang or ()) if lang not in again]
    if missing or not again:
        fail(_("no '{lang}' issue to make again is recorded in {state}: make it with --since DATE --until DATE",
               lang=(missing or list(langs))[0], state=STATE))
    return {lang: (last.day, last.period) for lang, last in again.items()}


def _state(root: Path) -> dict[str, LastIssue]:
    try:
        return read_state(root)
    except ValueError as error:
        fail(str(error))
