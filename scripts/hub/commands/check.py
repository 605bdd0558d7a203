"""`hub check`: find every mistake in the content before it is published."""

from __future__ import annotations

import argparse
import json
from collections.abc import Iterable
from datetime import datetime
from typing import Any

from babel.dates import format_datetime

from ..content.catalog import build_time
from ..content.errors import Problem, relative_path
from ..content.model import Post
from ..engine.mkdocs.project import CONFIG, Workspace, add_root_option, progress
from ..messages import _, language, n_
from .checks import FILE_BUDGET, SUMMARY_MAX, TEMPLATE_MARK, TITLE_MAX, check, counts

JSON_VERSION = 1
"""Raised only when a key of `--format json` changes meaning or disappears."""


def description() -> str:
    return _("""\
Check all the content as the build does, then as a careful editor would:
whatever would stop the build (a script, an event handler or a javascript: link in a text, a symbolic link,
a damaged picture, an impossible date, a key given twice), what the build would clean away (a style="…",
a comment, a file of a post's folder that no text uses), a missing translation, a picture without a description or missing, a PDF too heavy (over {megabytes} MB),
a link to a page that does not exist, an unknown topic, project or partner,
a summary over {summary} characters or a title over {title} (social previews cut them),
Latin and Cyrillic letters mixed in one word, template text ({mark}) left in.

Each finding names the file and line, what is wrong and how to fix it.
Errors must be fixed before publishing; warnings are worth a look.
Before its summary it lists the posts not on the site yet: drafts, and posts scheduled for later, with their day.
The exit code is 1 when there is an error, 0 otherwise.""", megabytes=FILE_BUDGET // 1_000_000, summary=SUMMARY_MAX, title=TITLE_MAX,
             mark=TEMPLATE_MARK)


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser("check", help=_("find mistakes in all posts, projects and pages"),
                                   description=description(), formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--format", choices=("text", "json", "github"), default="text",
                        help=_("'text' for people (the default), 'json' for other programs, 'github' for annotations of "
                               "a pull request on GitHub (in the workflow)"))
    parser.add_argument("--strict", action="store_true",
                        help=_("a text left untranslated, in the other language's letters or copied from the other "
                               "language, or a setting still on an example address, is an error, not a warning "
                               "(for the check before publishing)"))
    add_root_option(parser)
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    workspace = Workspace.find(args.root)
    try:
        loaded = workspace.read()
        # the counter on the terminal's error stream: JSON output stays clean
        problems = check(workspace, progress(_("Checking")), strict=args.strict, loaded=loaded)
        waiting = waiting_posts(loaded.content.posts, build_time())
    except Exception as error:  # noqa: BLE001 — a fault of the checker itself: reported in the asked format, exit 2
        problems = [Problem(workspace.root / CONFIG, _("the check itself failed ({kind}: {error}); please report this to the "
                                                       "site's developers with the content that caused it",
                                                       kind=type(error).__name__, error=error), code="internal-error")]
        _print(args.format, problems, workspace)
        return 2
    _print(args.format, problems, workspace, waiting)
    return 1 if counts(problems)["error"] else 0


def waiting_posts(posts: Iterable[Post], now: datetime) -> list[Post]:
    """The posts not on the site at `now`, drafts first, then the scheduled ones by the time they appear: what a
    writer asks after a check, as Ghost's and WordPress's lists say «Scheduled» (a year mistyped ahead hides a post
    without any error)."""
    return sorted((post for post in posts if not post.is_published(now)),
                  key=lambda post: (not post.draft, post.publish_at, post.slug))


def _waiting_report(posts: list[Post], workspace: Workspace) -> str:
    lines = [n_("{count} post is not on the site yet:", "{count} posts are not on the site yet:", len(posts))]
    for post in posts:
        folder = relative_path(post.source, workspace.root) + "/"
        if post.draft:
            lines.append("  " + _("{folder}: a draft, shown nowhere until 'draft: true' is taken out", folder=folder))
        else:
            moment = post.publish_at.astimezone(post.date.tzinfo)  # the site's time zone
            pattern = "d MMMM y" if (moment.hour, moment.minute) == (0, 0) else "d MMMM y, HH:mm"
            lines.append("  " + _("{folder}: scheduled for {moment}: it appears with the site's first build from then on",
                                  folder=folder, moment=format_datetime(moment, pattern, locale=language())))
    return "\n".join(lines)


def _print(fmt: str, problems: list[Problem], workspace: Workspace, waiting: list[Post] | None = None) -> None:
    """The findings in `fmt`; as text, the posts `waiting` to appear are listed before the summary."""
    if fmt == "json":
        print(json.dumps(as_json(problems, workspace), ensure_ascii=False, indent=2))
    elif fmt == "github":
        for line in as_github(problems, workspace):
            print(line)
        print(_summary(counts(problems)))
    else:
        for problem in problems:
            print(problem.describe(workspace.root, severity=True))
        if waiting:
            print(_waiting_report(waiting, workspace))
        print(_summary(counts(problems)))


def as_json(problems: list[Problem], workspace: Workspace) -> dict[str, Any]:
    """`{"version", "errors", "warnings", "problems": [{"file", "line", "severity", "code", "field", "message", "hint"}]}`."""
    total = counts(problems)
    return {
        "version": JSON_VERSION,
        "errors": total["error"],
        "warnings": total["warning"],
        "problems": [
            {"file": p.relative_path(workspace.root), "line": p.line, "severity": p.severity, "code": p.code,
             "field": p.field, "message": p.message, "hint": p.hint}
            for p in problems
        ],
    }


def as_github(problems: list[Problem], workspace: Workspace) -> list[str]:
    """GitHub Actions' workflow commands, one a problem: `::error file=news/…/index.uk.md,line=3,title=…::message`,
    which GitHub shows on the pull request's changed files, at the line."""
    lines = []
    for item in as_json(problems, workspace)["problems"]:
        level = "error" if item["severity"] == "error" else "warning"
        properties = [f"file={_escape(item['file'], True)}"]
        if item["line"]:
            properties.append(f"line={item['line']}")
        properties.append(f"title={_escape(item['field'] or item['code'] or 'hub check', True)}")
        message = item["message"] + (f"\n{item['hint']}" if item["hint"] else "")
        lines.append(f"::{level} {','.join(properties)}::{_escape(message, False)}")
    return lines


def _escape(text: str, property: bool) -> str:
    """As GitHub's toolkit escapes workflow commands: `%`, line breaks, and in properties `:` and `,`."""
    text = str(text).replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")
    return text.replace(":", "%3A").replace(",", "%2C") if property else text


def _summary(total: dict[str, int]) -> str:
    if not any(total.values()):
        return _("No problems found.")
    errors, warnings = total["error"], total["warning"]
    if not errors:
        return n_("0 errors, {count} warning: nothing stops publishing.", "0 errors, {count} warnings: nothing stops publishing.",
                  warnings)
    return n_("{count} error, {warnings}: fix the errors before publishing.",
              "{count} errors, {warnings}: fix the errors before publishing.", errors,
              warnings=n_("{count} warning", "{count} warnings", warnings))
