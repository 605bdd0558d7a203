"""Whether a picture's file holds its picture and nothing else: the test a PNG or WebP picture of `docs/` passes
before it is published as it is, instead of a copy encoded again; and the walk that cuts a JPEG's metadata out of
the photos of a PDF (hub.outputs.documents).

Pillow reads what a format's header declares and stops where the picture ends: it does not see what a file holds
past its end, nor a segment between the scans of a progressive JPEG. A file can carry anything there: a phone's
"motion photo" (a video after the JPEG, with its GPS position), a second picture with its EXIF, an HTML page or a
ZIP archive appended to make a polyglot, a comment. So the file is walked here, from its first byte to its last,
by the lengths its format gives (hand-written: no kept library walks a whole PNG, WebP or JPEG file this way).
A JPEG is never taken as bare: its coded data may carry bytes a decoder skips, which no walk tells from the picture's,
so a JPEG is always encoded again.
"""

from __future__ import annotations

import struct
import zlib
from collections.abc import Iterator
from typing import NamedTuple

JPEG_KEPT = {0xE0: (b"JFIF\0", 14), 0xE2: (b"ICC_PROFILE\0", None), 0xEE: (b"Adobe", 12)}
"""Application segments that say how the picture is drawn, by marker: what their data begins with and, where fixed,
its length. JFIF's fixed fields take 14 bytes (anything after is a thumbnail), Adobe's 12 (how CMYK is read), a
colour profile (APP2) whatever it needs. EXIF and XMP (APP1), IPTC (APP13), makers' notes and comments (COM) are
what a camera or a person recorded about the picture."""
JPEG_STANDALONE = {0x01, *range(0xD0, 0xD8)}
"""Markers without a length: TEM and the restart markers RST0–7 (T.81, B.1.1.3)."""
SOS, EOI, COM = 0xDA, 0xD9, 0xFE

PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"
PNG_KEPT = frozenset({b"IHDR", b"PLTE", b"IDAT", b"IEND", b"tRNS", b"gAMA", b"cHRM", b"sRGB", b"sBIT", b"pHYs", b"bKGD"})
"""Chunks that draw a PNG: its pixels, palette, transparency, colours and pixel size. Text (tEXt, zTXt, iTXt: XMP
among them), EXIF (eXIf), a time (tIME), a colour profile (iCCP, compressed: it may hold anything) and any private
chunk are not."""
PNG_LENGTHS = {b"IHDR": lambda size: size == 13, b"IEND": lambda size: size == 0, b"gAMA": lambda size: size == 4,
               b"cHRM": lambda size: size == 32, b"sRGB": lambda size: size == 1, b"pHYs": lambda size: size == 9,
               b"sBIT": lambda size: size <= 4, b"bKGD": lambda size: size <= 6, b"tRNS": lambda size: size <= 256,
               b"PLTE": lambda size: size <= 768 and size % 3 == 0}
"""The lengths the PNG standard gives its chunks: a longer one would carry more than its values."""
PNG_CHANNELS = {0: 1, 2: 3, 3: 1, 4: 2, 6: 4}
"""Samples a pixel has, by colour type: grey, RGB, a palette's index, grey and alpha, RGBA."""

WEBP_KEPT = frozenset({b"VP8 ", b"VP8L", b"VP8X", b"ALPH", b"ICCP"})
"""Chunks that draw a still WebP; EXIF and XMP are not."""


def bare(data: bytes) -> bool:
    """Whether `data`, a PNG or WebP file, holds nothing but its picture and ends where the picture does (never a JPEG:
    see the module)."""
    if data.startswith(PNG_SIGNATURE):
        return _bare_png(data)
    if data[:4] == b"RIFF" and data[8:12] == b"WEBP":
        return _bare_webp(data)
    return False


class Segment(NamedTuple):
    """A JPEG marker and the bytes it spans, a scan's coded data with its SOS."""

    marker: int
    start: int
    end: int


def jpeg_segments(data: bytes) -> Iterator[Segment]:
    """The segments of the JPEG `data` after its SOI, in order (T.81, B.1.1.4), each scan with its coded data, up to
    its EOI; the walk stops, without an EOI, where the file stops following the standard."""
    at = 2
    while at + 2 <= len(data) and data[at] == 0xFF:
        marker = data[at + 1]
        if marker == 0xFF:  # a fill byte before a marker
            at += 1
            continue
        if marker == EOI or marker in JPEG_STANDALONE:
            yield Segment(marker, at, at + 2)
            if marker == EOI:
                return
            at += 2
            continue
        if at + 4 > len(data):
            return
        end = at + 2 + int.from_bytes(data[at + 2:at + 4], "big")
        if marker == SOS:
            end = _scan_end(data, end)
        yield Segment(marker, at, end)
        at = end


def draws(data: bytes, segment: Segment) -> bool:
    """Whether `segment` of the JPEG `data` draws its picture: any but an application segment outside JPEG_KEPT and a
    comment."""
    if not (0xE0 <= segment.marker <= 0xEF or segment.marker == COM):
        return True
    kept = JPEG_KEPT.get(segment.marker)
    payload = data[segment.start + 4:segment.end]
    return kept is not None and payload.startswith(kept[0]) and kept[1] in (None, len(payload))


def _scan_end(data: bytes, at: int) -> int:
    """Where the coded data of a scan starting at `at` ends: at the first marker that is neither a stuffed 0xFF00 nor
    a restart marker; the end of `data` if none."""
    while (at := data.find(b"\xff", at)) >= 0 and at + 1 < len(data):
        if data[at + 1] == 0x00 or 0xD0 <= data[at + 1] <= 0xD7:
            at += 2
        else:
            return at
    return len(data)


def _bare_png(data: bytes) -> bool:
    """Chunk by chunk (length, type, data, CRC), up to IEND at the end: each chunk of PNG_KEPT at its standard length,
    and the compressed pixels (IDAT) exactly the picture's, nothing after their stream's end."""
    at, pixels, header = len(PNG_SIGNATURE), [], b""
    while at + 12 <= len(data):
        length, kind = struct.unpack(">I4s", data[at:at + 8])
        body = data[at + 8:at + 8 + length]
        if kind not in PNG_KEPT or len(body) != length or not PNG_LENGTHS.get(kind, lambda size: True)(length):
            return False
        header = body if kind == b"IHDR" else header
        pixels += [body] if kind == b"IDAT" else []
        at += 12 + length
        if kind == b"IEND":
            return at == len(data) and _exact_pixels(header, b"".join(pixels))
    return False


def _exact_pixels(header: bytes, compressed: bytes) -> bool:
    """Whether `compressed` (a PNG's IDAT data) is one zlib stream, with nothing after it, of exactly the bytes the
    picture of `header` (its IHDR) needs: not interlaced, each row a filter byte and its pixels."""
    width, height, depth, colour, _method, _filter, interlace = struct.unpack(">IIBBBBB", header)
    if interlace or colour not in PNG_CHANNELS:
        return False
    expected = height * (1 + (width * depth * PNG_CHANNELS[colour] + 7) // 8)
    stream = zlib.decompressobj()
    try:
        size = len(stream.decompress(compressed, expected + 1))
    except zlib.error:
        return False
    return size == expected and stream.eof and not stream.unused_data and not stream.unconsumed_tail


def _bare_webp(data: bytes) -> bool:
    """The RIFF container's size is the file's, and each of its chunks (padded to an even length) draws the picture."""
    if int.from_bytes(data[4:8], "little") + 8 != len(data):
        return False
    at = 12
    while at + 8 <= len(data):
        kind, length = data[at:at + 4], int.from_bytes(data[at + 4:at + 8], "little")
        if kind not in WEBP_KEPT:
            return False
        at += 8 + length + (length & 1)
    return at == len(data)
