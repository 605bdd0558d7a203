"""`hub`: the communicators' command-line tool. Each command lives in `hub/commands/<name>.py`."""

from __future__ import annotations

import argparse
import importlib
import sys
from collections.abc import Sequence

from ..content.catalog import ClockError

COMMANDS: tuple[str, ...] = ("new", "check", "preview", "newsletter", "subscribers")
"""Modules of `hub.commands`, in the order `--help` lists them. Each defines
`register(subparsers) -> None`, which adds its parser with `set_defaults(run=<function(args) -> int>)`."""


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="hub",
        description="Write, check, preview and publish the hub's news. Run 'hub <command> --help' for details.",
    )
    subparsers = parser.add_subparsers(title="commands", metavar="<command>")
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


if __name__ == "__main__":
    sys.exit(main())
