"""The PDF documents the site publishes as they are (a report, a methodology), read before they are.

A PDF can hold more than pages: a script that viewers run when it opens (browsers' own viewers run some),
an action that starts a program or sends a form's fields to an address, another file attached inside it, an action
the viewer runs on its own as the document or a page opens (a web address fetched, which tells a tracker who reads it,
or a file on another computer, which hands it the reader's Windows password hash). No report an NGO publishes needs
any of them, and each is refused, as is a PDF that readers could not open (protected by a password, or no PDF at
all). pypdf reads the file's objects; nothing of it is changed.
"""

from __future__ import annotations

import logging
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from pypdf import PdfReader
from pypdf.filters import decode_stream_data
from pypdf.generic import ArrayObject, DictionaryObject, IndirectObject, PdfObject, StreamObject

from ..messages import _
from .errors import Problem

ACTIVE_KEYS = {"/JS": "script", "/JavaScript": "script", "/XFA": "script", "/EmbeddedFiles": "file", "/EF": "file"}
"""Keys of a PDF's dictionaries that hold a script (of an action, of the names of the document, of an XFA form) or
an attached file (the document's list of them, or one file's specification)."""
ACTIVE_ACTIONS = {"/JavaScript": "script", "/RichMediaExecute": "script", "/Launch": "program", "/SubmitForm": "form",
                  "/ImportData": "form", "/GoToE": "file", "/GoToR": "remote"}
"""Kinds of actions (`/S`) that run a script, start a program, send or fill a form, open an attached file, or open a
file on the reader's computer or another one (`/GoToR`: on Windows, `\\\\host\\x.pdf` hands that host the reader's
password hash), clicked or not."""
REMOTE_URIS = ("file:", "\\\\", "//")
"""How a link's address (`/URI`) begins that leads to a file on the reader's computer or network, not a web page."""
TRIGGERS = {"/OpenAction", "/AA"}
"""Keys of the actions a viewer runs without the reader asking: the document's when it opens (`/OpenAction`), and the
additional ones (`/AA`) of the document, a page, an annotation or a form field (a page opened, a field left…). Only a
go-to inside the document may be one: a link's action (`/A`) runs when the reader clicks it, and may lead elsewhere."""


class DocumentError(ValueError):
    """A PDF readers could not open, or holding what a viewer would run or open; its message says which."""


def problem(owner: Path, path: Path, error: DocumentError, line: int | None) -> Problem:
    """The document at `path` is refused: said at the `line` of the file that links to it (or of itself)."""
    return Problem(owner, _("the document '{name}' {problem}", name=path.name, problem=str(error)), line,
                   code="document", hint=_("export it again as PDF from the original (File → Save as PDF), without "
                                           "attachments, forms or scripts, and put that file in its place"))


def inspect(path: Path) -> None:
    """Raise DocumentError for the PDF at `path` that readers could not open or that holds an active part (see the
    module); every object the document reaches is read, none of the pages' drawing (but a JPEG compressed again)."""
    with path.open("rb") as stream:
        if stream.read(5) != b"%PDF-":  # the header, first: a page of HTML with one further on is sniffed as HTML
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
    if kind == "remote":
        raise DocumentError(_("links to a file on the reader's computer or network, not to a web page: a viewer could "
                              "hand that computer the reader's password"))
    if kind == "automatic":
        raise DocumentError(_("makes the viewer act on its own as it is read (open a web address or another file, print, "
                              "play a sound): only links a reader clicks may lead elsewhere"))


def jpeg(stream: StreamObject) -> bytes | None:
    """The JPEG picture `stream` holds, the filters before its /DCTDecode undone (a scanning app may compress it again
    with Flate); None when it holds none. Raise DocumentError when /DCTDecode is not the last filter: no viewer draws
    such a picture, and its metadata could not be taken out."""
    filters = stream.get("/Filter", ArrayObject()).get_object()
    names = [str(name.get_object()) for name in (filters if isinstance(filters, ArrayObject) else [filters])]
    if "/DCTDecode" not in names:
        return None
    if names[-1] != "/DCTDecode":
        raise DocumentError(_("holds a picture its viewers could not draw: its filters are in the wrong order ({filters})",
                              filters=" ".join(names)))
    return decode_stream_data(stream)


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
    """The kind of the first active part found among the objects the document reaches from its trailer, an action run
    on its own ("automatic") only if there is no other; None if none. A picture `jpeg` could not read raises."""
    automatic = None
    for dictionary in reachable(reader):
        for key, value in dict.items(dictionary):  # as written: an indirect value is followed once (`reachable`)
            if key in ACTIVE_KEYS:
                return ACTIVE_KEYS[key]
            if key == "/S" and (kind := ACTIVE_ACTIONS.get(str(value.get_object()))):  # a name, or one referred to
                return kind
            if key == "/URI" and str(value.get_object()).strip().lower().startswith(REMOTE_URIS):
                return "remote"
            if key in TRIGGERS and not _goes_to(value.get_object(), key == "/AA"):
                automatic = "automatic"
        if isinstance(dictionary, StreamObject):
            jpeg(dictionary)
    return automatic


def _goes_to(trigger: PdfObject, additional: bool) -> bool:
    """Whether the actions run on their own from a `trigger` (the /OpenAction, or a dictionary of `additional` ones)
    only go to a place in the document: a destination, or /GoTo actions, with the ones each runs next (`/Next`)."""
    if not isinstance(trigger, DictionaryObject):
        return True  # a destination: a page and how to show it, or its name
    pending: list[PdfObject] = list(dict.values(trigger)) if additional else [trigger]
    seen: set[int] = set()
    while pending:
        action = pending.pop().get_object()
        if id(action) in seen:  # pypdf reads an object once: a /Next leading back finds the same
            continue
        seen.add(id(action))
        if isinstance(action, ArrayObject):  # a /Next of more than one
            pending.extend(action)
        elif isinstance(action, DictionaryObject):
            if "/S" not in action or action["/S"] != "/GoTo":
                return False
            if "/Next" in action:
                pending.append(action["/Next"])
    return True


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
