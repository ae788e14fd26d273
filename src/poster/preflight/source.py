"""Opening a PDF within the bounds of `poster.limits`, for `poster check` and `poster tile`.

A PDF says little about its size before it is read: a 3 MB file can inflate to
gigabytes, and pikepdf (qpdf) inflates a stream whole when asked for it. So before
anything is parsed the file's raw bytes are scanned for compressed streams, each
inflated in small pieces and only counted (zlib with `max_length`), stopping at the
bound; then the document is opened and its pages and objects counted; and every stream
the checks read (pages, forms, patterns, appearances) is measured again through its
filters with the smaller bound for drawing instructions. Whatever pikepdf raises on a
damaged or hostile file becomes a coded refusal (`NotAPDF`), never an internal error.
"""

from __future__ import annotations

import base64
import mmap
import re
import zlib
from pathlib import Path
from typing import TYPE_CHECKING, Any

from poster import limits
from poster.preflight.objects import get

if TYPE_CHECKING:
    import pikepdf

_CHUNK_IN = 64 * 1024  # compressed bytes fed to zlib at a time
_CHUNK_OUT = 1024 * 1024  # inflated bytes asked of zlib at a time (counted, then dropped)


class NotAPDF(Exception):
    """Not a PDF that can be read within bounds: a catalogue code and its parameters (its
    text is the English message)."""

    def __init__(self, code: str, **params: Any):
        from poster.catalogue import say

        super().__init__(say(code, "en", params))
        self.code, self.params = code, params


def size_words(n: float) -> str:
    from poster.files import size_text

    return size_text(n)


# ---------------------------------------------------------------- inflating, counted


def _inflated_size(data: memoryview | bytes, cap: int) -> int:
    """How many bytes zlib data inflates to, counted in pieces; stops past `cap` (returns
    cap + 1). Raises zlib.error where the data is not zlib data."""
    inflater = zlib.decompressobj()
    total, at, view = 0, 0, memoryview(data)
    while at < len(view) and not inflater.eof:
        piece = view[at : at + _CHUNK_IN]
        at += len(piece)
        out = inflater.decompress(piece, _CHUNK_OUT)
        total += len(out)
        while inflater.unconsumed_tail and not inflater.eof and total <= cap:
            out = inflater.decompress(inflater.unconsumed_tail, _CHUNK_OUT)
            total += len(out)
        if total > cap:
            return cap + 1
    return total


_STREAM = re.compile(rb"(?<!end)stream(?:\r\n|\n|\r)")
_IMAGE = re.compile(rb"/Subtype\s*/Image\b")


def scan_streams(data: bytes | mmap.mmap) -> None:
    """Every zlib stream in the file's raw bytes inflated and counted: an image over
    PDF_STREAM_INFLATED, another stream over PDF_DATA_INFLATED, or all over
    PDF_INFLATED, is refused. Found by the `stream`
    keyword, not through the cross-reference table, so the table's own stream and
    object streams are counted before qpdf inflates them. (Encrypted streams do not
    look like zlib here; they are measured when read, see `stream_bytes`.)"""
    total = 0
    for match in _STREAM.finditer(data):
        start = match.end()
        if not _zlib_header(data[start : start + 2]):
            continue  # not zlib data (an image's JPEG, an encrypted stream)
        # the stream's dictionary, just before it: an image may be larger than the rest
        head = bytes(data[max(0, match.start() - 2048) : match.start()])
        head = head[head.rfind(b" obj") :] if b" obj" in head else head
        bound = "PDF_STREAM_INFLATED" if _IMAGE.search(head) else "PDF_DATA_INFLATED"
        cap = getattr(limits, bound)
        try:
            size = _inflated_size(memoryview(data)[start:], cap)
        except zlib.error:
            continue  # damaged further on: qpdf decides; what it reads is measured again
        if size > cap:
            raise NotAPDF(
                "pdf.stream-inflates", offset=match.start(), limit=size_words(cap), bound=bound
            )
        total += size
        if total > limits.PDF_INFLATED:
            raise NotAPDF("pdf.inflates", limit=size_words(limits.PDF_INFLATED))


def _zlib_header(head: bytes) -> bool:
    return len(head) == 2 and head[0] & 0x0F == 8 and (head[0] * 256 + head[1]) % 31 == 0


# ---------------------------------------------------------------- decoding, bounded

_FILTERS = {
    "/FlateDecode": "flate", "/Fl": "flate",
    "/ASCIIHexDecode": "hex", "/AHx": "hex",
    "/ASCII85Decode": "a85", "/A85": "a85",
    "/RunLengthDecode": "rle", "/RL": "rle",
    "/LZWDecode": "lzw", "/LZW": "lzw",
}  # fmt: skip


def filters_of(stream: pikepdf.Object) -> list[str]:
    value = stream.get("/Filter")
    if value is None:
        return []
    items = list(value) if hasattr(value, "__iter__") and not hasattr(value, "keys") else [value]
    return [str(f) for f in items]


def decoded_size(raw: bytes, filters: list[str], cap: int) -> int:
    """The size of `raw` through `filters` (the ones drawing instructions use), counting
    and stopping past `cap` (returns cap + 1). Filters of images (DCT, JPX, …) are not
    decoded here: their size is their dictionary's width × height."""
    data: bytes = raw
    for n, name in enumerate(filters):
        kind = _FILTERS.get(name)
        last = n == len(filters) - 1
        if kind is None:
            return len(data)
        if kind == "flate":
            if last:
                return _inflated_size(data, cap)
            if _inflated_size(data, cap) > cap:
                return cap + 1
            data = zlib.decompressobj().decompress(data, cap + 1)
        elif kind == "hex":
            digits = re.sub(rb"\s", b"", data.split(b">", 1)[0])
            data = bytes.fromhex((digits + b"0" * (len(digits) % 2)).decode("ascii"))
        elif kind == "a85":
            body = data.strip()
            body = body[2:] if body.startswith(b"<~") else body
            body = body.split(b"~>", 1)[0]
            data = base64.a85decode(re.sub(rb"\s", b"", body))
        elif kind == "rle":
            data = _run_length(data, cap)
        else:
            data = _lzw(data, cap)
        if len(data) > cap:
            return cap + 1
    return len(data)


def _run_length(data: bytes, cap: int) -> bytes:
    out = bytearray()
    at = 0
    while at < len(data) and len(out) <= cap:
        n = data[at]
        if n == 128:
            break
        if n < 128:
            out += data[at + 1 : at + 2 + n]
            at += n + 2
        else:
            out += data[at + 1 : at + 2] * (257 - n)
            at += 2
    return bytes(out)


def _lzw(data: bytes, cap: int) -> bytes:
    """LZW as PDF writes it (early change), stopping past `cap`."""
    out = bytearray()
    table = [bytes([i]) for i in range(256)] + [b"", b""]
    width, bits, nbits, previous = 9, 0, 0, b""
    for byte in data:
        bits, nbits = (bits << 8) | byte, nbits + 8
        while nbits >= width:
            nbits -= width
            code = (bits >> nbits) & ((1 << width) - 1)
            if code == 256:
                table, width, previous = table[:258], 9, b""
                continue
            if code == 257:
                return bytes(out)
            if code < len(table):
                entry = table[code]
                if previous:
                    table.append(previous + entry[:1])
            elif previous:
                entry = previous + previous[:1]
                table.append(entry)
            else:
                return bytes(out)
            out += entry
            if len(out) > cap:
                return bytes(out)
            previous = entry
            if len(table) + 1 >= 1 << width and width < 12:
                width += 1
    return bytes(out)


def measure(
    stream: pikepdf.Object, cap: int, page: int = 0, bound: str = "PDF_CONTENT_INFLATED"
) -> None:
    """Refuse a stream whose decoded size passes `cap`, the limit named `bound` (counted,
    not kept)."""
    import pikepdf

    try:
        size = decoded_size(stream.read_raw_bytes(), filters_of(stream), cap)
    except (zlib.error, ValueError, pikepdf.PdfError) as e:
        raise NotAPDF("pdf.damaged-stream", page=page, reason=str(e)) from None
    if size > cap:
        raise NotAPDF("pdf.content-inflates", page=page, limit=size_words(cap), bound=bound)


def stream_bytes(stream: pikepdf.Object, cap: int, page: int = 0) -> bytes:
    """A stream's decoded bytes, read by pikepdf only after `measure` found them within
    `cap`."""
    import pikepdf

    measure(stream, cap, page)
    try:
        return stream.read_bytes()
    except pikepdf.PdfError as e:
        raise NotAPDF("pdf.damaged-stream", page=page, reason=str(e)) from None


# ---------------------------------------------------------------- opening


def open_pdf(source: Path | bytes) -> pikepdf.Pdf:
    """The document, opened within bounds (see the module's docstring). The caller has
    checked the file itself (a regular file under PDF_BYTES, see `poster.files`)."""
    import io

    import pikepdf

    if isinstance(source, bytes):
        head = source[:1024]
        scan_streams(source)
    else:
        try:
            with source.open("rb") as f:
                head = f.read(1024)
                if f.seek(0, 2) > 0:
                    with mmap.mmap(f.fileno(), 0, access=mmap.ACCESS_READ) as view:
                        scan_streams(view)
        except OSError as e:
            raise NotAPDF("file.unreadable", reason=e.strerror) from None
    if b"%PDF-" not in head:
        raise NotAPDF("pdf.not-pdf")
    try:
        pdf = pikepdf.open(io.BytesIO(source) if isinstance(source, bytes) else source)
    except pikepdf.PasswordError:
        raise NotAPDF("pdf.encrypted") from None
    except (pikepdf.PdfError, OSError, ValueError, RuntimeError) as e:
        raise NotAPDF("pdf.unreadable", reason=str(e)) from None
    try:
        _count(pdf)
    except NotAPDF:
        pdf.close()
        raise
    except Exception as e:  # qpdf on a hostile page tree or trailer
        pdf.close()
        raise NotAPDF("pdf.unreadable", reason=f"{type(e).__name__}: {e}") from None
    return pdf


def _count(pdf: pikepdf.Pdf) -> None:
    """Objects and pages within bounds, and at least one page."""
    size = pdf.trailer.get("/Size")
    if size is not None and _number(size) > limits.PDF_OBJECTS:
        raise NotAPDF("pdf.too-many-objects", count=int(size), limit=limits.PDF_OBJECTS)
    declared = get(get(pdf.Root, "/Pages"), "/Count")
    if declared is not None and _number(declared) > limits.PDF_PAGES:
        raise NotAPDF("pdf.too-many-pages", count=int(declared), limit=limits.PDF_PAGES)
    pages = len(pdf.pages)
    if pages > limits.PDF_PAGES:
        raise NotAPDF("pdf.too-many-pages", count=pages, limit=limits.PDF_PAGES)
    if pages == 0:
        raise NotAPDF("pdf.no-pages")
    for no, page in enumerate(pdf.pages, start=1):
        _page_boxes(no, page.obj)


PAGE_SIDE = (3.0, 14_400.0)  # points: the sizes a PDF page can have (ISO 32000, 200 in)


def _page_boxes(no: int, page: pikepdf.Object) -> None:
    """A page's boxes are four numbers, its media box a page size: a checker or tiler
    that trusted a box of 0 × 0 or of a kilometre would divide by zero or never end."""
    from poster.preflight.objects import inherited, numbers

    for key in ("/MediaBox", "/TrimBox", "/BleedBox"):
        value = inherited(page, key) if key == "/MediaBox" else page.get(key)
        if value is None and key != "/MediaBox":
            continue
        box = numbers(value) if value is not None and hasattr(value, "__len__") else None
        if box is None or len(box) != 4:
            raise NotAPDF("pdf.page-box", page=no, box=key[1:])
        w, h = abs(box[2] - box[0]), abs(box[3] - box[1])
        low, high = PAGE_SIDE if key == "/MediaBox" else (0.0, PAGE_SIDE[1])
        if not (low <= w <= high and low <= h <= high) or (key != "/MediaBox" and not w * h):
            raise NotAPDF("pdf.page-size", page=no, box=key[1:], w=round(w, 1), h=round(h, 1))


def _number(value: object) -> float:
    try:
        return float(value)  # type: ignore[arg-type]
    except (TypeError, ValueError):
        return 0.0


# ---------------------------------------------------------------- images


def check_image_size(
    obj: Any, name: str, page: int, width: int, height: int, n: int, bits: int
) -> None:
    """An image's pixels, as declared (and as its JPEG header says), within the bound
    before anything decodes them."""
    declared = width * height * n * bits / 8
    filters = str(get(obj, "/Filter"))
    if "DCT" in filters:
        header = _jpeg_size(obj)
        if header is not None:
            declared = max(declared, header[0] * header[1] * header[2])
    if declared > limits.PDF_STREAM_INFLATED:
        raise NotAPDF(
            "pdf.image-too-large", name=name, page=page, width=width, height=height,
            size=size_words(declared), limit=size_words(limits.PDF_STREAM_INFLATED),
        )  # fmt: skip


def _jpeg_size(obj: Any) -> tuple[int, int, int] | None:
    """Width, height and components from a JPEG's frame header."""
    import pikepdf

    try:
        data = obj.read_raw_bytes()
    except pikepdf.PdfError:
        return None
    at = 2
    while at + 9 < len(data) and at < 1 << 20:
        if data[at] != 0xFF:
            at += 1
            continue
        marker = data[at + 1]
        if 0xC0 <= marker <= 0xCF and marker not in (0xC4, 0xC8, 0xCC):
            height = data[at + 5] << 8 | data[at + 6]
            width = data[at + 7] << 8 | data[at + 8]
            return width, height, data[at + 9]
        if marker in (0xD8, 0x01) or 0xD0 <= marker <= 0xD7 or marker == 0xFF:
            at += 2 if marker != 0xFF else 1
            continue
        at += 2 + (data[at + 2] << 8 | data[at + 3])
    return None
