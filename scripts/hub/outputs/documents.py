"""The PDF documents the site publishes, without what the writer's software recorded about them.

A PDF exported from Word or LibreOffice carries more than its pages: the author's name (the computer's user), a
title that is often the file's own name («Microsoft Word - Іванченко, акт обстеження.docx»), an XMP packet saying
the same and more; one saved again after an edit keeps its earlier version in the file too (an incremental update:
a name taken off a page is still there, for any tool to read). Readers need none of it, as they need no photo's
GPS position (hub.outputs.images): such a document is published as pypdf writes it again from the objects its
pages reach, without its document information and XMP. A document with none of them is published as it is:
writing it again only makes it heavier (pypdf writes no object streams).

hub.content.documents has already refused what a PDF must not hold at all (scripts, attachments, passwords).
"""

from __future__ import annotations

import io
import re
from pathlib import Path

from pypdf import PdfReader, PdfWriter
from pypdf.generic import NameObject

from ..content.documents import quiet_pypdf

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
        if not personal and "/Metadata" not in reader.root_object and len(_REVISION.findall(data)) <= 1:
            return None
        reader.root_object.pop(NameObject("/Metadata"), None)  # before the copy, which copies what the root reaches
        writer = PdfWriter(clone_from=reader)
        writer.metadata = None
        out = io.BytesIO()
        writer.write(out)
    return out.getvalue()
