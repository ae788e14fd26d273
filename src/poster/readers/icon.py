"""An item's icon given as a path: an SVG file, read within bounds and checked before it
is drawn.

At most ICON_BYTES, looked at before it is opened (a pipe would block); a PNG, JPEG,
PDF or other binary file is named as what it is; then the XML is parsed with expat
(no entity declarations, at most ICON_ELEMENTS elements), its root must be <svg> with
a width, height and viewBox of at most ICON_SIDE units, and it may neither hold a
picture (<image>: an icon is a line drawing printed in one ink, and a picture would
bring its own colours, RGB, into a CMYK poster) nor link outside the file (no file is
ever read on an icon's word). Last, svglib must make a drawing of it whose paths stay
near its box. Every refusal names the file and the limit; the text read is cached by
path, modification time and size, so a batch reads an icon once per process.
"""

from __future__ import annotations

import codecs
import io
import math
import re
from functools import lru_cache
from pathlib import Path
from typing import Any
from xml.parsers import expat

from poster import limits
from poster.errors import PosterError

_SVG = "http://www.w3.org/2000/svg"
_XLINK = "http://www.w3.org/1999/xlink"
# what a file is from its first bytes: its name in words (see catalogue.words)
_MAGIC = (
    (b"\x89PNG", "a PNG image"), (b"\xff\xd8\xff", "a JPEG image"), (b"GIF8", "a GIF image"),
    (b"%PDF", "a PDF file"), (b"\x1f\x8b", "a compressed file (SVGZ)"),
    (b"PK\x03\x04", "a zip file"), (b"BM", "a BMP image"), (b"II*\0", "a TIFF image"),
    (b"MM\0*", "a TIFF image"),
)  # fmt: skip
_NUMBER = r"[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?"
_LENGTH = re.compile(rf"\s*({_NUMBER})\s*(px|pt|pc|mm|cm|in|em|ex|%)?\s*")
_UNITS = {None: 1.0, "px": 1.0, "pt": 4 / 3, "pc": 16.0, "mm": 96 / 25.4, "cm": 96 / 2.54,
          "in": 96.0, "em": 16.0, "ex": 8.0}  # fmt: skip
# how far the drawing may reach past its box, as a share of its larger side (a stroke
# on the edge, a slightly loose export); further, it would draw over the poster
_REACH = 0.5

# the catalogue codes of files.file_check's answers, for an icon
_FILE_CODES = {
    "file.not-found": "icon.file-not-found",
    "file.unreadable": "icon.cannot-read",
    "file.nul-name": "icon.cannot-read",
    "file.not-regular": "icon.not-regular",
    "file.too-large": "icon.file-too-large",
}


class _Refused(Exception):
    def __init__(self, code: str, **params: Any):
        super().__init__(code)
        self.code = code
        self.params = params


def read_icon(path: Path, file: str, field: str) -> str:
    """The text of the SVG icon at `path`, checked (see the module); `file` and `field`
    (the content file, 'items.3.icon') name it in a refusal."""
    from poster.files import file_check

    found = file_check(path, "an SVG file", limits.ICON_BYTES, "an icon")
    if found is not None:
        code, params = found
        raise PosterError.of(_FILE_CODES[code], file, field, name=path.name, **params)
    st = path.stat()
    answer = _read(str(path), st.st_mtime_ns, st.st_size)
    if isinstance(answer, _Refused):
        raise PosterError.of(answer.code, file, field, name=path.name, **answer.params)
    return answer


@lru_cache(maxsize=64)
def _read(path: str, mtime_ns: int, size: int) -> str | _Refused:
    from poster.files import read_bounded

    try:
        raw = read_bounded(Path(path), limits.ICON_BYTES)
    except OSError as e:
        return _Refused("icon.cannot-read", reason=e.strerror or str(e))
    try:
        return _check(raw)
    except _Refused as e:
        return e


def _check(raw: bytes) -> str:
    for magic, what in _MAGIC:
        if raw.startswith(magic):
            raise _Refused("icon.not-svg", what_word=what)
    if b"\0" in raw[:4096]:
        raise _Refused("icon.not-svg", what_word="binary data")
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise _Refused("icon.not-utf8") from None
    _Parse(raw.removeprefix(codecs.BOM_UTF8)).run()
    _drawn(text)
    return text


class _Parse:
    """One pass of expat over the icon: its root, its sizes, its links and images."""

    def __init__(self, raw: bytes):
        self.raw = raw
        self.elements = 0
        self.root: str | None = None
        self.parser = expat.ParserCreate(namespace_separator=" ")
        self.parser.SetParamEntityParsing(expat.XML_PARAM_ENTITY_PARSING_NEVER)
        self.parser.EntityDeclHandler = self._entity
        self.parser.StartElementHandler = self._start

    def run(self) -> None:
        try:
            self.parser.Parse(self.raw, True)
        except expat.ExpatError as e:
            raise _Refused("icon.xml", row=e.lineno, reason=expat.ErrorString(e.code)) from None
        if self.root is None:
            raise _Refused("icon.xml", row=1, reason="no element")

    def _entity(self, name: str, *_: object) -> None:
        raise _Refused("icon.entities", entity=name)

    def _start(self, tag: str, attrs: dict[str, str]) -> None:
        self.elements += 1
        if self.elements > limits.ICON_ELEMENTS:
            raise _Refused("icon.elements", limit=limits.ICON_ELEMENTS)
        namespace, _, local = tag.rpartition(" ")
        if self.root is None:
            self.root = local
            if local != "svg" or namespace not in ("", _SVG):
                raise _Refused("icon.not-svg-root", root=local[:40])
            self._sizes(attrs)
        if local == "image":
            raise _Refused("icon.image")
        href = attrs.get(f"{_XLINK} href", attrs.get("href"))
        if href is not None and not href.startswith("#"):
            raise _Refused("icon.link", element=local[:40], href=href[:60])

    def _sizes(self, attrs: dict[str, str]) -> None:
        for name in ("width", "height"):
            value = attrs.get(name)
            if value is None:
                continue
            m = _LENGTH.fullmatch(value)
            number = float(m[1]) if m else math.nan
            if not (m and math.isfinite(number) and number > 0):
                raise _Refused("icon.size", attribute=name, value=value[:40],
                               limit=limits.ICON_SIDE)  # fmt: skip
            if m[2] != "%" and number * _UNITS[m[2]] > limits.ICON_SIDE:
                raise _Refused("icon.size", attribute=name, value=value[:40],
                               limit=limits.ICON_SIDE)  # fmt: skip
        box = attrs.get("viewBox")
        if box is not None:
            parts = re.split(r"[\s,]+", box.strip())
            try:
                x, y, w, h = (float(p) for p in parts)
            except ValueError:
                x = y = w = h = math.nan
            values = (x, y, w, h)
            if not (
                all(math.isfinite(v) and abs(v) <= limits.ICON_SIDE for v in values)
                and w > 0
                and h > 0
            ):
                raise _Refused("icon.size", attribute="viewBox", value=box[:40],
                               limit=limits.ICON_SIDE)  # fmt: skip


def _drawn(text: str) -> None:
    """svglib's drawing of the icon: it must be made, have a size, and keep its paths
    near its box (they are drawn scaled into the item's square, unclipped)."""
    import logging

    from svglib.svglib import svg2rlg

    svglib_log = logging.getLogger("svglib.svglib")
    level = svglib_log.level
    svglib_log.setLevel(logging.CRITICAL)  # its complaints are ours to word
    try:
        drawing = svg2rlg(io.BytesIO(text.replace("currentColor", "#000000").encode()))
        if drawing is not None:
            _standard_font(drawing)
        bounds = drawing.getBounds() if drawing is not None else None
    except Exception as e:  # anything svglib or ReportLab raises on a strange drawing
        raise _Refused("icon.unreadable", reason=f"{type(e).__name__}: {e}"[:200]) from None
    finally:
        svglib_log.setLevel(level)
    if drawing is None:
        raise _Refused("icon.unreadable", reason="svglib made no drawing")
    width, height = float(drawing.width), float(drawing.height)
    if not all(math.isfinite(v) and 0 < v <= limits.ICON_SIDE for v in (width, height)):
        raise _Refused("icon.size", attribute="width × height",
                       value=f"{width:g} × {height:g}", limit=limits.ICON_SIDE)  # fmt: skip
    if bounds is None:
        return  # nothing drawn: an empty icon, drawn as nothing
    reach = _REACH * max(width, height)
    x0, y0, x1, y1 = (float(b) for b in bounds)
    if not (
        all(math.isfinite(v) for v in (x0, y0, x1, y1))
        and x0 >= -reach
        and y0 >= -reach
        and x1 <= width + reach
        and y1 <= height + reach
    ):
        raise _Refused("icon.outside")


def _standard_font(node: Any) -> None:
    """Text in a font ReportLab always has, to measure it (the icon module draws any
    text of an icon in the poster's font, of about the same width)."""
    if getattr(node, "fontName", None) is not None:
        node.fontName = "Helvetica"
    for child in getattr(node, "contents", ()):
        _standard_font(child)
