"""Problems found in content, reported with the file, line and field they concern."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class Problem:
    """One thing wrong with one file: where it is and what was expected."""

    path: Path
    message: str
    line: int | None = None
    field: str | None = None

    def describe(self, root: Path | None = None) -> str:
        """`news/2026/x/meta.yml:3: 'date': expected …` — the shape of compiler errors."""
        where = _relative(self.path, root)
        if self.line is not None:
            where += f":{self.line}"
        field = f" '{self.field}':" if self.field else ""
        return f"{where}:{field} {self.message}"


class ContentError(Exception):
    """Raised with every problem found, so a writer can fix them all in one pass."""

    def __init__(self, problems: list[Problem], root: Path | None = None) -> None:
        self.problems = sorted(problems, key=lambda p: (str(p.path), p.line or 0, p.field or ""))
        self.root = root
        super().__init__(self.report())

    def report(self) -> str:
        count = len(self.problems)
        head = f"The content has {count} problem{'s' if count != 1 else ''}; nothing was built:"
        return "\n".join([head, *("  " + p.describe(self.root) for p in self.problems)])


def _relative(path: Path, root: Path | None) -> str:
    if root is not None:
        try:
            return path.resolve().relative_to(root.resolve()).as_posix()
        except ValueError:
            pass
    return path.as_posix()
