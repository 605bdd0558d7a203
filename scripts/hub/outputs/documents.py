"""The PDF documents the site publishes, without what the writer's software or a reviewer recorded about them.

A PDF exported from Word or LibreOffice carries more than its pages: the author's name (the computer's user), a
title that is often the file's own name («Microsoft Word - Іванченко, акт обстеження.docx»), the software's name,
which may be a person's or a folder's («C:\\Users\\olena.ivanenko\\…»), XMP packets saying the same and more (of the
document, of a page, of a photo: its GPS position), an editor's private data (`/PieceInfo`); one saved again after an
edit keeps its earlier version in the file too (an incremental update: a name taken off a page is still there, for
any tool to read), and any file may hold objects nothing refers to, comments, or bytes after its end. A reviewer's
notes stay in it as annotations, with the reviewer's name. A phone's photo placed in it may keep its own EXIF, GPS
position included, as a photo made into a PDF by a scanning app or img2pdf does: the JPEG is stored as it was.

Readers need none of it, as they need no photo's GPS position on a page (hub.outputs.images): every document is
published as pypdf writes it again from the objects its catalog reaches, without all of the above. Every one, even a
document that seems to hold nothing of it: what lies outside its objects is read by no PDF library, yet by any tool
that searches a file's bytes. Written again, a document grows (pypdf writes no object streams): by some tens of
kilobytes for a report of twenty pages, the price of a copy that holds nothing else.

hub.content.documents has already refused what a PDF must not hold at all (scripts, attachments, passwords, actions
run on their own, pictures it could not read).
"""

from __future__ import annotations

import io
from pathlib import Path

from pypdf import PdfReader, PdfWriter
from pypdf.generic import ArrayObject, DictionaryObject, NameObject, NullObject, PdfObject, StreamObject

from ..content.documents import DocumentError, jpeg, problem, quiet_pypdf, reachable
from ..content.errors import ContentError
from ..messages import _
from .bare import draws, jpeg_segments

PRIVATE_KEYS = ("/Metadata", "/PieceInfo")
"""Keys of any of a document's dictionaries that hold what software recorded, not what it shows: XMP (of the document,
a page, a picture, a font) and the private data of the application that edited it (Illustrator's, Acrobat's)."""

NOTED = ("/T", "/Contents", "/RC", "/NM", "/M", "/Popup", "/TU", "/V", "/DV", "/AP")
"""What a kept link or form field carries besides what it does: an author (`/T`, a field's name there too), a comment
(`/Contents`, `/RC`, read out as a link's description), a name, a time, a note; a field's tooltip (`/TU`) and what
someone typed into it (`/V`, `/DV`, and the appearance `/AP` that draws it): a published form is an empty one."""
KEPT_ANNOTATIONS = {"/Link", "/Widget"}
"""Annotations kept on a page: its links, and its form's fields. The others are a reviewer's markup (a note, a
highlight, a stamp, a drawing, a comment's pop-up), taken off whole: taking off only its author and text (`/T`,
`/Contents`, `/RC`) would leave what it draws (`/AP`: a comment's box draws its text) and empty notes. The pages'
own content, what the document showed as it was exported, stays as it is."""


def stripped(path: Path) -> bytes:
    """The PDF at `path` written again from the objects its catalog reaches (see the module), without what they
    recorded about people. `path` has passed hub.content.documents.inspect; `hub check` calls it too. Raises
    ContentError for a document that could not be written again."""
    try:
        with quiet_pypdf():
            reader = PdfReader(path)
            for dictionary in reachable(reader):  # in the reader's objects, which the copy below takes
                _clean(dictionary)
            writer = PdfWriter()
            writer.clone_reader_document_root(reader)  # the catalog and what it reaches: no information, nothing else
            writer.pdf_header = reader.pdf_header  # the version it was written in, not pypdf's own (1.3)
            out = io.BytesIO()
            writer.write(out)
    except Exception as error:  # noqa: BLE001 — pypdf raises many kinds on what it cannot write
        reason = DocumentError(_("could not be written again without what it records about people ({error})",
                                 error=str(error) or type(error).__name__))
        raise ContentError([problem(path, path, reason, None)]) from None
    return out.getvalue()


def _clean(dictionary: DictionaryObject) -> None:
    """Take out of `dictionary` what software or a reviewer recorded (PRIVATE_KEYS, KEPT_ANNOTATIONS), and its
    metadata out of the JPEG it is. pypdf refuses to set the data of a stream that is not Flate-compressed, so the base
    class's `set_data` is used: the JPEG's bytes, the filters before its /DCTDecode undone, are its stream's data."""
    for key in PRIVATE_KEYS:
        dictionary.pop(key, None)
    if dictionary.get("/Subtype") in KEPT_ANNOTATIONS or "/FT" in dictionary:  # a link, a form's field or its widget
        for key in NOTED:
            dictionary.pop(key, None)
    if "/Annots" in dictionary and isinstance(annotations := dictionary["/Annots"], ArrayObject):
        kept: list[PdfObject] = []
        for annotation in annotations:
            if isinstance(note := annotation.get_object(), DictionaryObject):
                if note.get("/Subtype") in KEPT_ANNOTATIONS:
                    kept.append(annotation)
                else:
                    note.clear()  # emptied: a structure tree or another note may still refer to it
        annotations[:] = kept  # in place: the page's list may be an object of its own
    if isinstance(dictionary, StreamObject) and (picture := jpeg(dictionary)) and \
            (clean := without_metadata(picture)) is not None:
        if isinstance(parameters := dictionary.get("/DecodeParms", NullObject()).get_object(), ArrayObject):
            # one for each filter: the last is /DCTDecode's own (its colour transform)
            dictionary[NameObject("/DecodeParms")] = parameters[-1]
        dictionary[NameObject("/Filter")] = NameObject("/DCTDecode")
        StreamObject.set_data(dictionary, clean)


def without_metadata(jpeg: bytes) -> bytes | None:
    """The JPEG with only the segments that draw its picture (hub.outputs.bare): no EXIF, XMP, IPTC or comment, between
    its scans as before them, and nothing after its end; its coded data untouched. None when it holds nothing else.

    Hand-written: Pillow drops EXIF only by encoding the picture again (a loss, and a heavier PDF), and the libraries
    that cut segments out (piexif) are no longer kept."""
    if not jpeg.startswith(b"\xff\xd8"):
        return None
    clean = jpeg[:2] + b"".join(jpeg[segment.start:segment.end] for segment in jpeg_segments(jpeg) if draws(jpeg, segment))
    return None if clean == jpeg else clean
