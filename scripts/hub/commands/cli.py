"""`hub`: the communicators' command-line tool. Each command lives in `hub/commands/<name>.py`."""

from __future__ import annotations

import argparse
import importlib
import sys
from collections.abc import Sequence

from ..content.catalog import ClockError
from ..messages import LANGUAGES, _, set_language

COMMANDS: tuple[str, ...] = ("new", "check", "preview", "newsletter", "subscribers")
"""Modules of `hub.commands`, in the order `--help` lists them. Each defines
`register(subparsers) -> None`, which adds its parser with `set_defaults(run=<function(args) -> int>)`."""


def main(argv: Sequence[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    chosen = _language_option(argv)
    if chosen is not None and chosen not in LANGUAGES:
        print("hub: " + _("--lang {value}: expected one of {choices}", value=chosen, choices=", ".join(LANGUAGES)), file=sys.stderr)
        return 2
    if chosen is not None:
        set_language(chosen)  # before any message is made, the commands' help included
    _speak_argparse()
    parser = argparse.ArgumentParser(
        prog="hub",
        description=_("Write, check, preview and publish the hub's news. Run 'hub <command> --help' for details."),
    )
    parser.add_argument("--lang", choices=LANGUAGES,
                        help=_("the language of the messages (else HUB_LANG, then the system's language); put it before the command"))
    subparsers = parser.add_subparsers(title=_("commands"), metavar="<command>")
    for name in COMMANDS:
        importlib.import_module(f"hub.commands.{name}").register(subparsers)
    args = parser.parse_args(argv)
    if not hasattr(args, "run"):
        parser.print_help()
        return 2
    try:
        return args.run(args)
    except ClockError as error:
        print(f"hub: {error}", file=sys.stderr)
        return 2


def _speak_argparse() -> None:
    """argparse's own words (`usage:`, `options`, its errors) in the writer's language too: Python has no Ukrainian
    catalog of them, so argparse's gettext function is pointed at the hub's catalog for the words a command shows.
    Unknown texts (another Python's wording) stay as argparse wrote them."""
    words = {
        "usage: ": lambda: _("usage: "),
        "positional arguments": lambda: _("positional arguments"),
        "options": lambda: _("options"),
        "show this help message and exit": lambda: _("show this help message and exit"),
        "%(prog)s: error: %(message)s\n": lambda: _("%(prog)s: error: %(message)s\n"),
        "argument %(argument_name)s: %(message)s": lambda: _("argument %(argument_name)s: %(message)s"),
        "the following arguments are required: %s": lambda: _("the following arguments are required: %s"),
        "unrecognized arguments: %s": lambda: _("unrecognized arguments: %s"),
        "invalid choice: %(value)r (choose from %(choices)s)": lambda: _("invalid choice: %(value)r (choose from %(choices)s)"),
        "invalid %(type)s value: %(value)r": lambda: _("invalid %(type)s value: %(value)r"),
        "expected one argument": lambda: _("expected one argument"),
        "expected at least one argument": lambda: _("expected at least one argument"),
        "ambiguous option: %(option)s could match %(matches)s": lambda: _("ambiguous option: %(option)s could match %(matches)s"),
        "not allowed with argument %s": lambda: _("not allowed with argument %s"),
        "one of the arguments %s is required": lambda: _("one of the arguments %s is required"),
    }
    argparse._ = lambda text: words[text]() if text in words else text  # type: ignore[attr-defined]


def _language_option(argv: Sequence[str]) -> str | None:
    """`--lang X` given before the command (after it, `hub newsletter --lang` chooses the issue's languages)."""
    for index, arg in enumerate(argv):
        if arg.startswith("--lang="):
            return arg.partition("=")[2]
        if arg == "--lang":
            return argv[index + 1] if index + 1 < len(argv) else ""
        if not arg.startswith("-"):
            return None
    return None


if __name__ == "__main__":
    sys.exit(main())
