"""Reading YAML files and Markdown front matter, keeping the line of every top-level key.

PyYAML's safe loader is used through its node API because plain `yaml.safe_load`
forgets where a key stood, and errors must point at a line a writer can find.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from .errors import Problem

FENCE = "---"
SAFE_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
"""libyaml's parser when PyYAML was built with it (its wheels are): the same data and lines, reading
thousands of posts three times faster than the pure-Python parser (scripts/bench)."""


@dataclass(frozen=True)
class Document:
    """A parsed file: its data, the line of each top-level key, and its Markdown body."""

    path: Path
    data: dict[str, Any]
    lines: dict[str, int]
    body: str = ""
    body_line: int = 1

    def line_of(self, key: str) -> int | None:
        return self.lines.get(key.split(".")[0])


class ParseError(Exception):
    def __init__(self, problem: Problem) -> None:
        self.problem = problem
        super().__init__(problem.message)


def read_yaml(path: Path) -> Document:
    """Parse a whole YAML file that must hold a mapping."""
    text = _read_text(path)
    data, lines = _parse_mapping(text, path, first_line=1)
    return Document(path, data, lines)


def read_markdown(path: Path) -> Document:
    """Split a Markdown file into front matter (required) and body."""
    text = _read_text(path)
    all_lines = text.splitlines(keepends=True)
    if not all_lines or all_lines[0].strip() != FENCE:
        raise ParseError(Problem(path, "expected front matter: the file must start with a line '---'", line=1))
    for index, line in enumerate(all_lines[1:], start=1):
        if line.strip() == FENCE:
            front = "".join(all_lines[1:index])
            body = "".join(all_lines[index + 1 :])
            data, lines = _parse_mapping(front, path, first_line=2)
            return Document(path, data, lines, body.lstrip("\n"), index + 2)
    raise ParseError(Problem(path, "front matter is not closed: add a line '---' after it", line=1))


def _read_text(path: Path) -> str:
    try:
        return path.read_text(encoding="utf-8-sig")
    except UnicodeDecodeError as error:
        raise ParseError(Problem(path, f"expected UTF-8 text ({error.reason} at byte {error.start})")) from error


def _parse_mapping(text: str, path: Path, first_line: int) -> tuple[dict[str, Any], dict[str, int]]:
    loader = SAFE_LOADER(text)
    try:
        node = loader.get_single_node()
        data = loader.construct_document(node) if node is not None else {}
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        line = first_line + mark.line if mark else None
        raise ParseError(Problem(path, f"broken YAML: {error.problem or error.context}", line=line)) from error
    finally:
        loader.dispose()
    if data is None:
        return {}, {}
    if not isinstance(data, dict):
        raise ParseError(Problem(path, f"expected a mapping of 'key: value' lines, got {type(data).__name__}", line=first_line))
    lines = {
        str(key.value): first_line + key.start_mark.line
        for key, _ in node.value  # type: ignore[union-attr]
    }
    return data, lines
