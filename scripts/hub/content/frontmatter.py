"""Reading YAML files and Markdown front matter, keeping the line of every top-level key.

PyYAML's safe loader is used through its node API because plain `yaml.safe_load`
forgets where a key stood, and errors must point at a line a writer can find.
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml
from yaml.constructor import ConstructorError

from .errors import Problem

FENCE = "---"
_SAFE_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
"""libyaml's parser when PyYAML was built with it (its wheels are): the same data and lines, reading
thousands of posts three times faster than the pure-Python parser (scripts/bench)."""
DATE_LIKE = re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})")


class _ContentLoader(_SAFE_LOADER):  # type: ignore[misc, valid-type]
    """The safe loader, stricter where PyYAML is lenient or fails without a place: a key given twice (PyYAML
    keeps the last silently) and a date that is not in the calendar (PyYAML raises a bare ValueError)."""

    def construct_mapping(self, node: yaml.MappingNode, deep: bool = False) -> dict[Any, Any]:
        seen: dict[Any, int] = {}
        for key_node, _ in node.value:
            key = self.construct_object(key_node, deep=True)
            if isinstance(key, (str, int, float, bool)) and key in seen:
                raise ConstructorError(None, None, f"'{key}' is given twice (also on line {seen[key] + 1}): keep one of them",
                                       key_node.start_mark)
            seen[key] = key_node.start_mark.line
        return super().construct_mapping(node, deep=deep)

    def construct_yaml_timestamp(self, node: yaml.ScalarNode) -> Any:
        try:
            return super().construct_yaml_timestamp(node)
        except ValueError:
            raise ConstructorError(None, None, _impossible_date(str(node.value)), node.start_mark) from None


_ContentLoader.add_constructor("tag:yaml.org,2002:timestamp", _ContentLoader.construct_yaml_timestamp)


def _impossible_date(value: str) -> str:
    """Why `value` (a date PyYAML could not make) is no date: 2026-02-31 → February 2026 has 28 days."""
    match = DATE_LIKE.match(value)
    if match:
        year, month, day = map(int, match.groups())
        if 1 <= month <= 12 and day > 0:
            days = calendar.monthrange(year, month)[1]
            return f"'{value}' is not a date in the calendar: {calendar.month_name[month]} {year} has {days} days"
        if not 1 <= month <= 12:
            return f"'{value}' is not a date in the calendar: there are 12 months, written 01 to 12"
    return f"'{value}' is not a date in the calendar"


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
            text = body.lstrip("\n")
            return Document(path, data, lines, text, index + 2 + body.count("\n", 0, len(body) - len(text)))
    raise ParseError(Problem(path, "front matter is not closed: add a line '---' after it", line=1))


def _read_text(path: Path) -> str:
    data = path.read_bytes()
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = data[:error.start].count(b"\n") + 1
        raise ParseError(Problem(path, f"is not UTF-8 text ({error.reason} at byte {error.start}): save it again as "
                                       "UTF-8 in your editor", line=line)) from error


def _parse_mapping(text: str, path: Path, first_line: int) -> tuple[dict[str, Any], dict[str, int]]:
    loader = _ContentLoader(text)
    try:
        node = loader.get_single_node()
        if node is None:
            return {}, {}
        _refuse_aliases(node)
        data = loader.construct_document(node)
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


def _refuse_aliases(root: yaml.Node) -> None:
    """YAML's anchors and aliases (`&a`, `*a`) reuse one value in several places: nobody writing a post needs
    them, and a few nested ones make a value of billions of items (the "billion laughs")."""
    seen: set[int] = set()
    stack = [root]
    while stack:
        node = stack.pop()
        if id(node) in seen:
            raise ConstructorError(None, None, "uses an alias ('*name'): write the value out in full", node.start_mark)
        seen.add(id(node))
        if isinstance(node, yaml.MappingNode):
            stack.extend(part for pair in node.value for part in pair)
        elif isinstance(node, yaml.SequenceNode):
            stack.extend(node.value)
