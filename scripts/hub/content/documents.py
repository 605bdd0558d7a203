"""The PDF documents the site publishes as they are (a report, a methodology), read before they are.

A PDF can hold more than pages: a script that viewers run when it opens (browsers' own viewers run some),
an action that starts a program or sends a form's fields to an address, another file attached inside it.
No report an NGO publishes needs any of them, and each is refused, as is a PDF that readers could not open
(protected by a password, or no PDF at all). pypdf reads the file's objects; nothing of it is changed.
"""

from __future__ import annotations

import logging
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from pypdf import PdfReader
from pypdf.generic import ArrayObject, DictionaryObject, IndirectObject

from ..messages import _
from .errors import Problem

ACTIVE_KEYS = {"/JS": "script", "/JavaScript": "script", "/XFA": "script", "/EmbeddedFiles": "file", "/EF": "file"}
"""Keys of a PDF's dictionaries that hold a script (of an action, of the names of the document, of an XFA form) or
an attached file (the document's list of them, or one file's specification)."""
ACTIVE_ACTIONS = {"/JavaScript": "script", "/RichMediaExecute": "script", "/Launch": "program", "/SubmitForm": "form",
                  "/ImportData": "form", "/GoToE": "file"}
"""Kinds of actions (`/S`) that run a script, start a program, send or fill a form, or open an attached file."""


class DocumentError(ValueError):
    """A PDF readers could not open, or holding what a viewer would run or open; its message says which."""


def problem(owner: Path, path: Path, error: DocumentError, line: int | None) -> Problem:
    """The document at `path` is refused: said at the `line` of the file that links to it (or of itself)."""
    return Problem(owner, _("the document '{name}' {problem}", name=path.name, problem=str(error)), line,
                   code="document", hint=_("export it again as PDF from the original (File → Save as PDF), without "
                                           "attachments, forms or scripts, and put that file in its place"))


def inspect(path: Path) -> None:
    """Raise DocumentError for the PDF at `path` that readers could not open or that holds an active part (see the
    module); every object the document reaches is read, none of the pages' drawing."""
    with path.open("rb") as stream:
        if b"%PDF-" not in stream.read(1024):  # where the format puts its header
            raise DocumentError(_("is no PDF document, whatever its name says"))
    try:
        with quiet_pypdf():
            reader = PdfReader(path)
            if reader.is_encrypted:
                raise DocumentError(_("is protected by a password: readers could not open it"))
            kind = _active(reader)
    except DocumentError:
        raise
    except Exception as error:  # pypdf raises many kinds on a damaged file, or one that is no PDF at all
        raise DocumentError(_("could not be read as a PDF document ({error})", error=str(error) or type(error).__name__)) from None
    if kind == "script":
        raise DocumentError(_("holds a script (JavaScript) that PDF viewers run when it is opened"))
    if kind == "program":
        raise DocumentError(_("asks the viewer to start a program on the reader's computer"))
    if kind == "form":
        raise DocumentError(_("holds a form that sends what readers type to an address"))
    if kind == "file":
        raise DocumentError(_("carries another file attached inside it"))


@contextmanager
def quiet_pypdf() -> Iterator[None]:
    """pypdf's notes on a file's small flaws it reads past, silenced: they are not the writer's to fix."""
    log = logging.getLogger("pypdf")
    level = log.level
    log.setLevel(logging.ERROR)
    try:
        yield
    finally:
        log.setLevel(level)


def _active(reader: PdfReader) -> str | None:
    """The kind of the first active part found among the objects the document reaches from its trailer; None if none."""
    for dictionary in reachable(reader):
        for key, value in dict.items(dictionary):  # as written: an indirect value is followed once (`reachable`)
            if key in ACTIVE_KEYS:
                return ACTIVE_KEYS[key]
            if key == "/S" and value in ACTIVE_ACTIONS:
                return ACTIVE_ACTIONS[value]
    return None


def reachable(reader: PdfReader) -> Iterator[DictionaryObject]:
    """Every dictionary (a stream's too; its data is not read) the document reaches from its trailer, once each: what
    a viewer may use, not what an earlier revision left behind."""
    seen: set[tuple[int, int]] = set()
    stack: list[object] = [reader.trailer]
    while stack:
        item = stack.pop()
        if isinstance(item, IndirectObject):
            if (item.idnum, item.generation) in seen:
                continue
            seen.add((item.idnum, item.generation))
            item = item.get_object()
        if isinstance(item, DictionaryObject):
            yield item
            stack.extend(dict.values(item))
        elif isinstance(item, ArrayObject):
            stack.extend(item)
