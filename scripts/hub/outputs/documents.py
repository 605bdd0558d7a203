"""The PDF documents the site publishes, without what the writer's software recorded about them.

A PDF exported from Word or LibreOffice carries more than its pages: the author's name (the computer's user), a
title that is often the file's own name («Microsoft Word - Іванченко, акт обстеження.docx»), an XMP packet saying
the same and more; one saved again after an edit keeps its earlier version in the file too (an incremental update:
a name taken off a page is still there, for any tool to read). A phone's photo placed in it may keep its own EXIF,
GPS position included, as a photo made into a PDF by a scanning app or img2pdf does: the JPEG is stored as it was.
Readers need none of it, as they need no photo's GPS position on a page (hub.outputs.images): such a document is
published as pypdf writes it again from the objects its pages reach, without its document information and XMP, its
photos without their metadata. A document with none of them is published as it is: writing it again only makes it
heavier (pypdf writes no object streams).

hub.content.documents has already refused what a PDF must not hold at all (scripts, attachments, passwords).
"""

from __future__ import annotations

import io
import re
from pathlib import Path

from pypdf import PdfReader, PdfWriter
from pypdf.generic import NameObject, StreamObject

from ..content.documents import quiet_pypdf, reachable

SOFTWARE_KEYS = {"/Producer", "/Creator", "/CreationDate", "/ModDate", "/Trapped"}
"""Keys of a document's information that name the software and the time it was made with, and nobody: kept as they
are in a document holding nothing else. Any other (author, title, subject, keywords, a company's own) is written
by a person or copied from a file's name."""

_REVISION = re.compile(rb"startxref\s")
"""The end of a revision: a document saved once has one (a linearised one, for fast web view, two: it is written
again too, losing only the order that let a browser show its first page before the rest had come)."""


def stripped(path: Path) -> bytes | None:
    """The PDF at `path` written again without its document information, its XMP and its earlier revisions; None
    when it holds none of them (see the module). `path` has passed hub.content.documents.inspect."""
    data = path.read_bytes()
    with quiet_pypdf():
        reader = PdfReader(io.BytesIO(data))
        info = reader.metadata or {}
        personal = any(key not in SOFTWARE_KEYS and str(value).strip() for key, value in info.items())
        photos = _strip_photos(reader)  # in the reader's objects, which the copy below takes
        if not personal and not photos and "/Metadata" not in reader.root_object and len(_REVISION.findall(data)) <= 1:
            return None
        reader.root_object.pop(NameObject("/Metadata"), None)  # before the copy, which copies what the root reaches
        writer = PdfWriter(clone_from=reader)
        writer.metadata = None
        out = io.BytesIO()
        writer.write(out)
    return out.getvalue()


KEPT_SEGMENTS = {0xE0, 0xE2, 0xEE}
"""JPEG segments kept: JFIF (APP0), the colour profile (APP2) and Adobe's (APP14, how CMYK is to be read): how the
picture is drawn. The other application segments (EXIF and XMP in APP1, Photoshop's IPTC in APP13, a maker's notes)
and comments (COM) are what the camera or a person recorded about it."""


def _strip_photos(reader: PdfReader) -> int:
    """Take the metadata out of the JPEG pictures the document reaches (on its pages, in forms, annotations and
    thumbnails alike); how many had some. pypdf refuses to set the data of a stream that is not Flate-compressed, so
    the base class's `set_data` is used: a JPEG's bytes are its stream's data as they are."""
    changed = 0
    for image in reachable(reader):
        if isinstance(image, StreamObject) and image.get("/Subtype") == "/Image" and \
                image.get("/Filter") in ("/DCTDecode", ["/DCTDecode"]):
            clean = without_metadata(image._data)
            if clean is not None:
                StreamObject.set_data(image, clean)
                changed += 1
    return changed


def without_metadata(jpeg: bytes) -> bytes | None:
    """The JPEG without its metadata segments (see KEPT_SEGMENTS), its picture's bytes untouched; None when it has none.

    Hand-written: Pillow drops EXIF only by encoding the picture again (a loss, and a heavier PDF), and the libraries
    that cut segments out (piexif) are no longer kept. The segments before the picture's data (SOS) are read by their
    lengths, as the JPEG standard (T.81, B.1.1.4) lays them out."""
    if not jpeg.startswith(b"\xff\xd8"):
        return None
    kept, at, dropped = [jpeg[:2]], 2, False
    while at + 4 <= len(jpeg) and jpeg[at] == 0xFF:
        marker = jpeg[at + 1]
        if marker == 0xFF:  # a fill byte before a marker
            at += 1
            continue
        if marker == 0xDA:  # start of scan: the picture's data follows, to the end
            break
        end = at + 2 + int.from_bytes(jpeg[at + 2:at + 4], "big")
        if (0xE0 <= marker <= 0xEF and marker not in KEPT_SEGMENTS) or marker == 0xFE:
            dropped = True
        else:
            kept.append(jpeg[at:end])
        at = end
    return b"".join(kept) + jpeg[at:] if dropped else None
