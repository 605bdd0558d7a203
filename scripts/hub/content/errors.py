"""Problems found in content, reported with the file, line and field they concern."""

from __future__ import annotations

import os
import re
from dataclasses import dataclass
from pathlib import Path

from ..messages import _, n_


@dataclass(frozen=True)
class Problem:
    """One thing wrong with one file: where it is and what was expected."""

    path: Path
    message: str
    line: int | None = None
    field: str | None = None
    severity: str = "error"
    """'error' must be fixed before publishing; 'warning' is worth a look (`hub check`)."""
    code: str = "content"
    """A stable name of the kind of problem, for tools reading `hub check --format json`."""
    hint: str | None = None
    """How to fix it, when the message does not already say so."""

    def describe(self, root: Path | None = None, *, severity: bool = False) -> str:
        """`news/2026/x/index.uk.md:3: 'date': expected …` — the shape of compiler errors.

        With `severity`: `news/2026/x/index.en.md:7: warning: … — how to fix it`.
        """
        where = self.relative_path(root)
        if self.line is not None:
            where += f":{self.line}"
        label = f" {severity_label(self.severity)}:" if severity else ""
        field = f" '{self.field}':" if self.field else ""
        hint = f" — {self.hint}" if self.hint else ""
        return f"{where}:{label}{field} {self.message}{hint}"

    def relative_path(self, root: Path | None) -> str:
        return relative_path(self.path, root)


class ContentError(Exception):
    """Raised with every problem found, so a writer can fix them all in one pass."""

    def __init__(self, problems: list[Problem], root: Path | None = None) -> None:
        self.problems = sorted(problems, key=lambda p: (str(p.path), p.line or 0, p.field or ""))
        self.root = root
        super().__init__(self.report())

    def __reduce__(self) -> tuple[type[ContentError], tuple[list[Problem], Path | None]]:
        """Pickled whole: a cover's problem comes back from the process that made its copies (hub.outputs.images)."""
        return ContentError, (self.problems, self.root)

    def report(self) -> str:
        head = n_("The content has {count} problem; nothing was built:", "The content has {count} problems; nothing was built:",
                  len(self.problems))
        return "\n".join([head, *("  " + p.describe(self.root) for p in self.problems)])


def severity_label(severity: str) -> str:
    """'error' or 'warning', in the writer's language (the `severity` of a Problem stays English, for tools)."""
    return _("warning") if severity == "warning" else _("error")


LINE_BREAK = re.compile(r"\r\n|\r|\n")


def text_lines(text: str) -> list[str]:
    """The lines of `text` as editors and Markdown number them: `str.splitlines` also breaks at U+000B, U+000C,
    U+001C to U+001E, U+0085, U+2028 and U+2029, which pasted text holds inside a line."""
    lines = LINE_BREAK.split(text)
    return lines[:-1] if lines[-1] == "" else lines


def line_of(lines: list[str], needles: tuple[str | re.Pattern[str], ...], start: int = 1, *,
            ignore_case: bool = False) -> int | None:
    """The first of `lines` at or after line `start` (then from the top) holding one of `needles` (a text, or a
    pattern searched as it is), tried in order: where a value the model holds was written, for a message that names
    its line."""
    order = [*range(start, len(lines) + 1), *range(1, start)]
    for needle in needles:
        if isinstance(needle, re.Pattern):
            found = (number for number in order if needle.search(lines[number - 1]))
        else:
            wanted = needle.lower() if ignore_case else needle
            found = (number for number in order if wanted in (lines[number - 1].lower() if ignore_case else lines[number - 1]))
        number = next(found, None)
        if number is not None:
            return number
    return None


def key_line(lines: list[str], key: str, section: str | None = None) -> int | None:
    """The line of `key:` in a YAML file such as mkdocs.yml: at the top level, or the first after `section:`."""
    if section is None:
        return line_of(lines, (re.compile(rf"^{re.escape(key)}\s*:"),))
    start = line_of(lines, (re.compile(rf"^\s+{re.escape(section)}\s*:"),))
    return line_of(lines, (re.compile(rf"^\s+{re.escape(key)}\s*:"),), start) if start else None


def relative_path(path: Path, root: Path | None) -> str:
    """`path` from `root`; a symbolic link is named where it is, never by where it points."""
    if root is not None:
        for resolved in (lambda p: Path(os.path.abspath(p)), Path.resolve):
            try:
                return resolved(path).relative_to(resolved(root)).as_posix()
            except ValueError:
                pass
    return path.as_posix()
