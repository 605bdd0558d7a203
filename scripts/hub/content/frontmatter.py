"""Reading YAML files and Markdown front matter, keeping the line of every top-level key.

PyYAML's safe loader is used through its node API because plain `yaml.safe_load`
forgets where a key stood, and errors must point at a line a writer can find.
"""

from __future__ import annotations

import calendar
import hashlib
import re
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path
from collections.abc import Iterator
from typing import Any

import yaml
from babel.dates import get_month_names
from yaml.constructor import ConstructorError

from ..messages import _, language, n_
from .errors import ContentError, Problem
from .workload import BRACKETS, FENCE_LINE, LINES, Overload, overload
from .nesting import LIMIT, too_deep

FENCE = "---"
_SAFE_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
"""libyaml's parser when PyYAML was built with it (its wheels are): the same data and lines, reading
thousands of posts three times faster than the pure-Python parser (scripts/bench)."""
DATE_LIKE = re.compile(r"^([0-9]{4})-([0-9]{1,2})-([0-9]{1,2})")
UNREADABLE = re.compile("[^\t\n\r\x20-\x7e\x85\xa0-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")
"""What YAML refuses to read (PyYAML's reader stops at it with an error naming no line): control characters, which
text pasted from Word (U+000B) or a PDF (U+000C) brings along. Made spaces, as they are in the texts (CONTROL_RE)."""
TIME_LIKE = re.compile(r"^[0-9]{4}-[0-9]{1,2}-[0-9]{1,2}(?:[Tt]|[ \t]+)([0-9]{1,2}):([0-9]{2})(?::([0-9]{2}))?")


class NotADate(str):
    """A value written like a date that is none (2026-02-31): kept as its text, which a date's option refuses."""

    @property
    def reason(self) -> str:
        return _impossible_date(str(self))


class _ContentLoader(_SAFE_LOADER):  # type: ignore[misc, valid-type]
    """The safe loader, stricter where PyYAML is lenient or fails without a place: a key given twice (PyYAML
    keeps the last silently) and a date that is not in the calendar (PyYAML raises a bare ValueError: see NotADate)."""

    def construct_mapping(self, node: yaml.MappingNode, deep: bool = False) -> dict[Any, Any]:
        seen: dict[Any, int] = {}
        for key_node, _value in node.value:
            key = self.construct_object(key_node, deep=True)
            if isinstance(key, (str, int, float, bool)) and key in seen:
                raise ConstructorError(None, None, _("'{key}' is given twice (also on line {line}): keep one of them",
                                                     key=key, line=seen[key] + 1), key_node.start_mark)
            seen[key] = key_node.start_mark.line
        return super().construct_mapping(node, deep=deep)

    def construct_yaml_timestamp(self, node: yaml.ScalarNode) -> Any:
        try:
            return super().construct_yaml_timestamp(node)
        except ValueError:  # the schema reports it at its key, and the file's other keys are still read
            return NotADate(str(node.value))


_ContentLoader.add_constructor("tag:yaml.org,2002:timestamp", _ContentLoader.construct_yaml_timestamp)
TIMESTAMP = next(regexp for resolvers in yaml.resolver.Resolver.yaml_implicit_resolvers.values()
                 for tag, regexp in resolvers if tag == "tag:yaml.org,2002:timestamp")
"""What YAML reads as a date or a time when it is written without quotes."""


def timestamp(text: str) -> date | datetime | NotADate | None:
    """`text` read as YAML reads a date or time written without quotes (`2026-11-05`, `2026-11-05T09:00:00+02:00`),
    for one written in quotes, as the browser editor writes them: the same values, the same impossible dates
    (a NotADate); None when YAML would not read it as a date."""
    if not TIMESTAMP.match(text):
        return None
    loader = _ContentLoader("")
    try:
        return loader.construct_yaml_timestamp(yaml.ScalarNode("tag:yaml.org,2002:timestamp", text))
    finally:
        loader.dispose()


def _impossible_date(value: str) -> str:
    """Why `value` (a date PyYAML could not make) is no date: 2026-02-31 → February 2026 has 28 days."""
    match = DATE_LIKE.match(value)
    if match:
        year, month, day = map(int, match.groups())
        if year == 0:
            return _("'{value}' is not a date in the calendar: there is no year 0", value=value)
        if 1 <= month <= 12 and day > 0:
            days = calendar.monthrange(year, month)[1]
            if day <= days:  # the day is there: what follows it is no time
                time = TIME_LIKE.match(value)
                hour, minute, second = (int(part or 0) for part in time.groups()) if time else (0, 0, 0)
                if hour > 23:
                    return _("'{value}' is not a time of day: hours go from 00 to 23", value=value)
                if minute > 59 or second > 59:
                    return _("'{value}' is not a time of day: minutes and seconds go from 00 to 59", value=value)
                return _("'{value}' is not a time written as the site reads it: write it like 2026-11-23 09:30, or "
                         "2026-11-23T09:30:00+02:00 with its time zone", value=value)
            name = get_month_names("wide", context="stand-alone", locale=language())[month]
            return n_("'{value}' is not a date in the calendar: {month} {year} has {count} day",
                      "'{value}' is not a date in the calendar: {month} {year} has {count} days", days,
                      value=value, month=name, year=year)
        if not 1 <= month <= 12:
            return _("'{value}' is not a date in the calendar: there are 12 months, written 01 to 12", value=value)
    return _("'{value}' is not a date in the calendar", value=value)


Listed = dict[str, tuple[tuple[int, dict[str, int]], ...]]
"""For each top-level key that holds a list: the line of each item, and of each key of an item that is a mapping."""


@dataclass(frozen=True)
class Body:
    """Where the Markdown below a file's front matter is, to read it again when its page is rendered: a content
    model holding every post's text in both languages would keep them in each language's process to the end of
    the build (24 MB a process at 2,000 posts per language, scripts/bench). The digest is that of the file's bytes
    that were checked: a text changed since is refused, never published unchecked."""

    path: Path
    start: int
    """The number of characters of the file's text before it."""
    digest: bytes
    line: int
    """The line it begins on."""

    def read(self) -> str:
        """The text as it was when it was checked; ContentError if the file changed or went away since."""
        try:
            data = self.path.read_bytes()
        except OSError:
            data = None
        if data is None or _digest(data) != self.digest:
            raise ContentError([Problem(self.path, _("changed or was removed while the site was being built: nothing of "
                                                     "it was published; build the site again"), line=self.line)])
        return data.decode("utf-8-sig")[self.start:]


@dataclass(frozen=True)
class Document:
    """A parsed file: its data, the line of each top-level key, and its Markdown body."""

    path: Path
    data: dict[str, Any]
    lines: dict[str, int]
    body: str = ""
    body_line: int = 1
    listed: Listed = field(default_factory=dict)
    line: int | None = None
    """Where a part of a file (an item of a list) begins: the line reported for a key it lacks."""
    stored: Body | None = None
    """Where `body` is in the file, to read it again (a Markdown file's only)."""

    def line_of(self, key: str) -> int | None:
        return self.lines.get(key.split(".")[0], self.line)

    def items(self, key: str) -> tuple[Document, ...]:
        """The items of the list at `key`, each a document of its own, with its lines in the file (an item that is
        no mapping has no data: its value is `data[key][i]`)."""
        values = self.data.get(key)
        if not isinstance(values, list):
            return ()
        return tuple(Document(self.path, value if isinstance(value, dict) else {}, lines, line=line)
                     for value, (line, lines) in zip(values, self.listed.get(key, ())))


class ParseError(Exception):
    def __init__(self, problem: Problem) -> None:
        self.problem = problem
        super().__init__(problem.message)


def read_yaml(path: Path, prose: bool = False) -> Document:
    """Parse a whole YAML file that must hold a mapping; `prose`: its texts are written for readers (a partner's
    description, a topic's name), which a ' #' must not cut short in silence."""
    text = _read_text(path)
    data, lines, listed = _parse_mapping(text, path, first_line=1, prose=prose)
    return Document(path, data, lines, listed=listed)


def read_markdown(path: Path) -> Document:
    """Split a Markdown file into front matter (required) and body."""
    raw = path.read_bytes()
    text = whole = _decoded(path, raw)
    all_lines = text.splitlines(keepends=True)
    if not all_lines or all_lines[0].strip() != FENCE:
        raise ParseError(Problem(path, _("expected front matter: the file must start with a line '---'"), line=1))
    for index, line in enumerate(all_lines[1:], start=1):
        if line.strip() == FENCE:
            front = "".join(all_lines[1:index])
            body = "".join(all_lines[index + 1 :])
            data, lines, _listed = _parse_mapping(front, path, first_line=2, prose=True)
            text = body.lstrip("\n")
            body_line = index + 2 + body.count("\n", 0, len(body) - len(text))
            if (unreadable := body_problem(path, text, body_line)) is not None:
                raise ParseError(unreadable)
            return Document(path, data, lines, text, body_line,
                            stored=Body(path, len(whole) - len(text), _digest(raw), body_line))
    raise ParseError(Problem(path, _("front matter is not closed: add a line '---' after it"), line=1))


def body_problem(path: Path, body: str, body_line: int = 1) -> Problem | None:
    """Why Python-Markdown cannot read `body`, the text of `path` from its line `body_line`: it nests too deep
    (hub.content.nesting) or would take minutes (hub.content.workload); None when it reads it."""
    if (deep := too_deep(body)) is not None:
        return Problem(path, _("blocks are nested {depth} levels deep here (lists, quotes, indented or HTML blocks inside "
                               "each other), more than the {limit} a text can have: readers could not follow them, and "
                               "the site cannot read them", depth=deep[1], limit=LIMIT), line=body_line + deep[0] - 1)
    if (heavy := overload(body)) is not None:
        return _overloaded(path, heavy, body_line + heavy.line - 1)
    return None


def _overloaded(path: Path, heavy: Overload, line: int) -> Problem:
    """The problem of a text that would take Markdown minutes to read (hub.content.workload), at its `line`."""
    if heavy.kind == "fence":
        return Problem(path, _("the opening line of a code block is {count} characters long: it holds ``` and the name "
                               "of a language at most ({limit} characters)", count=heavy.count, limit=FENCE_LINE),
                       line=line, hint=_("write the code on the lines after it"))
    if heavy.kind == "lines":
        return Problem(path, _("from the block on this line, the text has more lines with no blank line between them "
                               "than the site can read in good time ({count} in this block; at most {limit}, fewer when "
                               "several blocks are this long)", count=heavy.count, limit=LINES),
                       line=line, hint=_("separate paragraphs, headings and lists with blank lines"))
    return Problem(path, _("from the paragraph on this line, the text holds more brackets ('[' or '<') than the site can "
                           "read in good time ({count} in this paragraph; at most {limit}, fewer when several paragraphs "
                           "hold many)", count=heavy.count, limit=BRACKETS),
                   line=line, hint=_("remove the stray brackets, or split long paragraphs with blank lines"))


def _read_text(path: Path) -> str:
    return _decoded(path, path.read_bytes())


def _digest(data: bytes) -> bytes:
    return hashlib.blake2b(data, digest_size=16).digest()


def _decoded(path: Path, data: bytes) -> str:
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = data[:error.start].count(b"\n") + 1
        if _cyrillic_1251(data):  # an old Notepad's or Word's «ANSI»: the text reads, in another encoding
            message = _("is not UTF-8 text but Windows-1251 (Cyrillic, as old Notepad and Word save «ANSI» text): save it "
                        "again as UTF-8 in your editor (Notepad: File → Save as → Encoding: UTF-8)")
        else:
            message = _("is not UTF-8 text (byte {at} is none of its letters): save it again as UTF-8 in your editor",
                        at=error.start)
        raise ParseError(Problem(path, message, line=line)) from error


def _cyrillic_1251(data: bytes) -> bool:
    """Whether `data` reads as Windows-1251 text whose letters beyond ASCII are mostly Cyrillic."""
    try:
        text = data.decode("cp1251")
    except UnicodeDecodeError:
        return False
    beyond = [char for char in text if ord(char) > 127]
    return sum("\u0400" <= char <= "\u04ff" for char in beyond) > 0.8 * len(beyond)


def _parse_mapping(text: str, path: Path, first_line: int, prose: bool = False) -> tuple[dict[str, Any], dict[str, int], Listed]:
    """The mapping `text` holds, the line of each key, and of the items of each list it holds (`Document.listed`);
    `prose`: its values are texts (a Markdown file's front matter), which a ' #' would cut short without a word."""
    text = UNREADABLE.sub(" ", text)
    _refuse_deep(text, path, first_line)
    loader = _ContentLoader(text)
    try:
        node = loader.get_single_node()
        if node is None:
            return {}, {}, {}
        _refuse_aliases(node)
        written = text.splitlines()
        _refuse_commands(node, written, path, first_line)
        _refuse_types(node, written, path, first_line)
        data = loader.construct_document(node)
    except ConstructorError as error:  # what the loader itself refused: its message says it
        mark = error.problem_mark
        raise ParseError(Problem(path, str(error.problem), line=first_line + mark.line if mark else None)) from error
    except yaml.MarkedYAMLError as error:
        index, message, hint = explained(error, text.splitlines())
        raise ParseError(Problem(path, message, line=None if index is None else first_line + index, code="yaml", hint=hint)) from error
    finally:
        loader.dispose()
    if data is None:
        return {}, {}, {}
    if not isinstance(data, dict):
        raise ParseError(Problem(path, _("expected lines of 'key: value', like 'title: …'"), line=first_line))
    lines = {
        str(key.value): first_line + key.start_mark.line
        for key, _value in node.value  # type: ignore[union-attr]
    }
    listed = {str(key.value): tuple((first_line + item.start_mark.line, _key_lines(item, first_line)) for item in value.value)
              for key, value in node.value if isinstance(value, yaml.SequenceNode)}  # type: ignore[union-attr]
    if prose:
        _refuse_cut_texts(node, text.splitlines(), path, first_line)
    return data, lines, listed


YAML_NESTING = 20
"""Lists and mappings inside each other: the fields of a post or a partner go three levels deep at most (a list of
mappings under a key). PyYAML builds the nodes of a value by recursion: a thousand levels stop it with Python's
RecursionError, which names no file, and a hundred thousand crash the process."""


def _refuse_deep(text: str, path: Path, first_line: int) -> None:
    """Refuse `text` nested more than YAML_NESTING levels deep, at the line where it goes too deep: read as a stream of
    events, which libyaml makes without recursion, and only when it could be (each level takes a '[' or '{', or a
    line's indentation or its '- ' markers)."""
    lines = text.splitlines()
    bound = text.count("[") + text.count("{") + max((len(line) - len(line.lstrip(" -?:")) for line in lines), default=0)
    if bound <= YAML_NESTING:
        return
    depth = 0
    try:
        for event in yaml.parse(text, Loader=_SAFE_LOADER):
            if isinstance(event, (yaml.SequenceStartEvent, yaml.MappingStartEvent)):
                depth += 1
                if depth > YAML_NESTING:
                    raise ParseError(Problem(path, _("lists or mappings are nested more than {limit} levels deep here: "
                                                     "the fields go three levels deep at most", limit=YAML_NESTING),
                                             line=first_line + event.start_mark.line, code="yaml",
                                             hint=_("write the list flat, like tags: [training, family-care]")))
            elif isinstance(event, (yaml.SequenceEndEvent, yaml.MappingEndEvent)):
                depth -= 1
    except yaml.YAMLError:
        return  # the loader reads no deeper than this did, and says what is wrong


def _key_lines(node: yaml.Node, first_line: int) -> dict[str, int]:
    """The line of each key of `node`, when it is a mapping."""
    if not isinstance(node, yaml.MappingNode):
        return {}
    return {str(key.value): first_line + key.start_mark.line for key, _value in node.value}


def _texts(node: yaml.Node) -> Iterator[tuple[str, yaml.ScalarNode]]:
    """Every `key: value` of `node` whose value is a plain scalar, at any depth."""
    if isinstance(node, yaml.MappingNode):
        for key, value in node.value:
            if isinstance(value, yaml.ScalarNode) and isinstance(key, yaml.ScalarNode):
                yield str(key.value), value
            else:
                yield from _texts(value)
    elif isinstance(node, yaml.SequenceNode):
        for item in node.value:
            yield from _texts(item)


PLAIN_TAGS = frozenset(f"tag:yaml.org,2002:{name}" for name in ("str", "int", "float", "bool", "null", "timestamp", "seq", "map"))
"""The types YAML gives the values a writer types (texts, numbers, dates, true/false, lists, keys): any other was
asked for with a '!' (`!!python/object/apply:…`, `!!set`), which the safe loader refuses in its own English words."""


def _refuse_types(root: yaml.Node, lines: list[str], path: Path, first_line: int) -> None:
    """No value may ask YAML for a type of its own: a writer never needs one, and what asks for one is an attack or
    a mistake (`summary: !важливо …`: `_refuse_commands` has said how to quote it)."""
    stack: list[tuple[str | None, yaml.Node]] = [(None, root)]
    while stack:
        key, node = stack.pop()
        if node.tag not in PLAIN_TAGS:
            line = lines[node.start_mark.line] if node.start_mark.line < len(lines) else ""
            written = (line[node.start_mark.column:].split() or [node.tag])[0]
            raise ParseError(Problem(path, _("'{key}' asks YAML for the type '{tag}': the values here are texts, numbers, "
                                             "dates, true or false, and lists", key=key or "---", tag=written),
                                     line=first_line + node.start_mark.line, code="yaml",
                                     hint=_("remove '{tag}' from the line", tag=written)))
        if isinstance(node, yaml.MappingNode):
            stack.extend((str(name.value) if isinstance(name, yaml.ScalarNode) else key, part)
                         for name, value in node.value for part in (name, value))
        elif isinstance(node, yaml.SequenceNode):
            stack.extend((key, item) for item in node.value)


def _refuse_commands(node: yaml.Node, lines: list[str], path: Path, first_line: int) -> None:
    """`title: &Co тренінг` is read as «тренінг» (`&Co` names it for YAML), `summary: !важливо …` as a YAML type:
    a value may not begin with either."""
    for key, value in _texts(node):
        line = lines[value.start_mark.line] if value.start_mark.line < len(lines) else ""
        character = line[value.start_mark.column:value.start_mark.column + 1]
        if not value.style and character in ("&", "!"):
            typed = line.split(":", 1)[1].strip() if ":" in line else line.strip()
            raise ParseError(Problem(path, _("the text of '{key}' begins with '{character}', which YAML reads as a command, "
                                             "not as text", key=key, character=character),
                                     line=first_line + value.start_mark.line, code="yaml",
                                     hint=_("put the whole text in quotes: {fixed}", fixed=f'{key}: "{_quoted(typed)}"')))


def _refuse_cut_texts(node: yaml.Node, lines: list[str], path: Path, first_line: int) -> None:
    """`title: Новина #1` is read as the title «Новина» and a comment: a text must not lose its end in silence."""
    for key, value in _texts(node):
        if value.style or value.tag != "tag:yaml.org,2002:str" or value.end_mark.line >= len(lines):
            continue  # a quoted text (a plain one has no style: None from PyYAML's parser, '' from libyaml's), a date…
        if lines[value.end_mark.line][value.end_mark.column:].lstrip().startswith("#"):
            typed = lines[value.end_mark.line].split(":", 1)[1].strip()
            raise ParseError(Problem(path, _("the text of '{key}' is cut at '#': YAML reads what follows as a note "
                                             "to itself", key=key), line=first_line + value.end_mark.line,
                                     code="yaml", hint=_("put the whole text in quotes: {fixed}",
                                                         fixed=f'{key}: "{_quoted(typed)}"')))


def _refuse_aliases(root: yaml.Node) -> None:
    """YAML's anchors and aliases (`&a`, `*a`) reuse one value in several places: nobody writing a post needs
    them, and a few nested ones make a value of billions of items (the "billion laughs")."""
    seen: set[int] = set()
    stack = [root]
    while stack:
        node = stack.pop()
        if id(node) in seen:
            raise ConstructorError(None, None, _("uses an alias ('*name'): write the value out in full"), node.start_mark)
        seen.add(id(node))
        if isinstance(node, yaml.MappingNode):
            stack.extend(part for pair in node.value for part in pair)
        elif isinstance(node, yaml.SequenceNode):
            stack.extend(node.value)


KEY_LINE = re.compile(r"^(\s*[\w-]+\s*:\s*)(.*?)\s*$")
"""`summary: Text: more`: the key (with its colon and spaces) and the value as typed."""
COMMAND_CHARACTERS = "*&!%@`|>"
"""Characters that, at the start of a plain YAML value, make it something else than text."""


def explained(error: yaml.MarkedYAMLError, lines: list[str]) -> tuple[int | None, str, str]:
    """What a writer did that PyYAML could not read, in their terms: the line (counted from 0), the message, and
    how to fix it, with the line as it should be."""
    problem = f"{error.problem or ''} {error.context or ''}"
    quoted = "quoted scalar" in problem and error.context_mark is not None  # where the quote opened, not the file's end
    listed = "flow sequence" in problem and error.context_mark is not None  # where the '[' opened
    mark = error.context_mark if quoted or listed else error.problem_mark or error.context_mark
    index = mark.line if mark is not None else None
    typed = lines[index] if index is not None and index < len(lines) else ""
    found = KEY_LINE.match(typed)
    if "\t" in problem or "\t" in typed[: len(typed) - len(typed.lstrip())]:
        return index, _("a tab is used to indent this line: YAML takes only spaces"), _("replace the tab with two spaces")
    if quoted:
        return index, _("a quote opened on this line is never closed"), _("close it at the end of the text, on the same line")
    if index and _left_open(lines[index - 1]):  # the quote ran on into this line, which YAML then blames
        return index - 1, _("a quote opened on this line is never closed"), _("close it at the end of the text, on the same line")
    if listed:
        return index, _("a list opened with '[' on this line is never closed"), _("close it with ']': tags: [training, family-care]")
    if found and found[2]:
        key, value = found[1].rstrip().rstrip(":").strip(), found[2]
        fixed = f'{found[1]}"{_quoted(value)}"'.strip()
        if "mapping values are not allowed" in problem:
            return (index, _("the text of '{key}' holds a colon (:), which YAML reads as the start of another key", key=key),
                    _("put the whole text in quotes: {fixed}", fixed=fixed))
        if value[0] in COMMAND_CHARACTERS or "alias" in problem or "anchor" in problem:
            return (index, _("the text of '{key}' begins with '{character}', which YAML reads as a command, not as text",
                             key=key, character=value[0]), _("put the whole text in quotes: {fixed}", fixed=fixed))
        if value[0] in "\"'":
            return (index, _("the text of '{key}' begins with a quote but goes on after the closing one", key=key),
                    _("put the whole text in quotes, with «…» for the quotes inside: {fixed}", fixed=fixed))
    return (index, _("the lines cannot be read as 'key: value' ({problem})", problem=(error.problem or error.context or "").strip()),
            _("each line is 'key: value'; a text with a colon, a quote or a '#' goes in quotes: title: \"…\""))


PAIRED_QUOTES = re.compile(r'"([^"]*)"')


def _left_open(line: str) -> bool:
    """Whether `line` is a key whose value opens a double quote and never closes it (`title: "Тренінг у Львові`)."""
    found = KEY_LINE.match(line)
    value = found[2].strip() if found and found[2] else ""
    return value.startswith('"') and (len(value) == 1 or not value.endswith('"') or value.endswith('\\"'))


def _quoted(value: str) -> str:
    """`value` as the inside of a YAML double-quoted text: the quotes the writer put around it dropped (or the one
    opening it, when the text goes on after its closing one), pairs of quotes inside it made «…» (“…” in a Latin text),
    what is left escaped; apostrophes stay as they are."""
    if len(value) > 1 and value[0] == value[-1] and value[0] in "\"'":
        value = value[1:-1]
    elif value[:1] in ("\"", "'"):
        value = value[1:]
    opening, closing = ("«", "»") if re.search("[\u0400-\u04ff]", value) else ("\u201c", "\u201d")
    value = PAIRED_QUOTES.sub(lambda found: f"{opening}{found[1]}{closing}", value)
    return value.replace("\\", "\\\\").replace('"', '\\"')
