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
        print(f"hub: --lang {chosen}: expected {' or '.join(LANGUAGES)}", file=sys.stderr)
        return 2
    if chosen is not None:
        set_language(chosen)  # before any message is made, the commands' help included
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
