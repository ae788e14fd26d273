"""What the web page asks for, checked, and the work done for it in a worker process.

`parse_order` turns the form's fields into an `Order` or the problems found in them
(every one at once, in Vietnamese, keyed by form field). `make` runs in a worker:
it checks the logo by decoding it, renders the poster, deck or tiled sheets in a
temporary folder of its own, and returns the preview or the file. No value from the
request ever becomes a path: the layout is one of the shipped names, the logo is
written under a fixed name inside that folder.
"""

from __future__ import annotations

import contextlib
import io
import logging
import struct
import tempfile
import unicodedata
import zipfile
import zlib
from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypedDict

from poster import limits
from poster.errors import PosterError, Problem

if TYPE_CHECKING:
    from PIL import Image

    from poster.logo import Logo
    from poster.outputs import Artifact, SheetSize
    from poster.spec import Brand, BrandData, Content, Layout, PosterLayout
from poster.web.messages import (
    GENERAL,
    HEADER_FULL,
    HEADER_FULL_WITH_LOGO,
    decimal,
    form_errors,
    form_fixes,
    merge,
)

MAX_LOGO_BYTES = limits.LOGO_UPLOAD_BYTES  # an upload larger than this is refused (413)
MAX_LOGO_SIDE = limits.LOGO_SIDE
MAX_LOGO_PIXELS = limits.LOGO_PIXELS  # read from the header, before decoding
PIXEL_BUDGET = 64_000_000  # pixels one request may rasterise (every page of a PNG download)
PREVIEW_WIDTH = 640  # px, the first page in the preview pane
THUMB_WIDTH = 180  # px, each page of a deck or of tiled sheets
PNG_WIDTH = {"poster": 2400, "deck": 1920}  # px, the PNG download
PREVIEW_LOGO_PX = 400  # a preview draws the logo about 40 px wide: no need for more
PREPARED_SIDE = 2048  # px, the long side of a logo kept for downloads: 700 dpi on A0
PREPARED_BYTES = 2 * 1024 * 1024  # an upload kept as it is sent up to this size
PREPARED_DRAFT = 1024  # px: a JPEG decoded at 1/2…1/8 scale keeping this much (a phone's
# 4032 × 3024 photo at 2016 × 1512: a quarter of the memory and time)

FORMATS = ("pdf", "pptx", "png")
SHEETS: tuple[SheetSize, ...] = ("A4", "A3")
COLOR_FIELDS = ("primary", "left", "right", "text", "background")
VIEWS = ("preview", "pages", "download")

# Longest accepted text per field: a poster header or footer holds far less, and a
# bound keeps a hostile request from making the text fitting search crawl.
MAX_CHARS = {
    "name": 100,
    "authority": 100,  # each line
    "qr.url": 300,
    "qr.caption": 200,
    "footer": 200,
    "subtitle": 120,
    "province": 60,
}
# The font role each drawn text field is set in: a character it lacks is refused.
_ROLES = {
    "name": "title",
    "authority": "authority",
    "qr.caption": "caption",
    "footer": "footer",
    "subtitle": "authority",
}
TEXT_FIELDS = ("name", "authority", "qr.url", "qr.caption", "footer", "subtitle", "province")
MAX_AUTHORITY_LINES = 4

_MEDIA = {
    "pdf": "application/pdf",
    "pptx": "application/vnd.openxmlformats-officedocument.presentationml.presentation",
    "png": "image/png",
    "zip": "application/zip",
}
_LOGO_NAME = {"PNG": "logo.png", "JPEG": "logo.jpg"}


class Invalid(Exception):
    """Bad input from the form: {form field: [Vietnamese messages]}."""

    expected = True  # not a bug: the worker pool sends it back without a traceback

    def __init__(self, errors: dict[str, list[str]], fixes: dict[str, str] | None = None):
        self.errors = errors
        self.fixes = fixes or {}  # {form field: a value that passes}: one-click fixes
        super().__init__(errors)


@dataclass(frozen=True)
class Order:
    brand: BrandData  # for spec.brand_from_dict, without the logo
    layout: str  # one of layout_kinds()
    deck: bool
    format: str  # one of FORMATS
    sheet: SheetSize | None = None  # the poster tiled for an office printer
    marks: bool = False
    cmyk: bool = False
    subtitle: str | None = None  # slides: date and place on the title slide
    logo: bytes | Prepared | None = field(default=None, repr=False)  # Prepared: from the store
    province: str | None = None  # from the commune search: namesakes get distinct files

    @property
    def cards(self) -> bool:
        """Social cards: their PNGs come as a ZIP with the captions."""
        return self.layout in card_layouts()

    @property
    def filename(self) -> str:
        """'ap-phich-a1-xa-hiep-hoa-bac-ninh.pdf': what it is in Vietnamese words without
        accents, the commune and its province ('-to-A4' for sheets to tile)."""
        from poster.spec import slugify

        stem = f"{layout_words(self.layout)}-{slugify(self.brand.get('name') or '')}"
        if self.province:
            stem = f"{stem}-{slugify(self.province)}"
        if self.sheet:
            return f"{stem}-to-{self.sheet}.pdf"
        if self.format == "png" and (self.deck or self.cards):
            return f"{stem}.zip"
        return f"{stem}.{self.format}"


@dataclass(frozen=True)
class Product:
    data: bytes
    media_type: str
    filename: str
    pages: int
    warnings: tuple[str, ...] = ()


# ---------------------------------------------------------------- the form


@lru_cache(maxsize=1)
def layout_kinds() -> dict[str, bool]:
    """The shipped layouts, the only names the page accepts: name → is a slide deck."""
    from poster.spec import DeckLayout, layout_names, load_layout

    return {name: isinstance(load_layout(name), DeckLayout) for name in layout_names()}


@lru_cache(maxsize=1)
def card_layouts() -> frozenset[str]:
    """The shipped social card layouts: the page's "Mạng xã hội" choice."""
    from poster.spec import CardLayout, layout_names, load_layout

    return frozenset(n for n in layout_names() if isinstance(load_layout(n), CardLayout))


@lru_cache(maxsize=16)
def layout_words(name: str) -> str:
    """A shipped layout in the file name's words: 'ap-phich-a1' (a poster of its paper
    size), 'trinh-chieu-16x9' (slides of their shape); another name as it is."""
    from poster.spec import CardLayout, load_layout

    if name not in layout_kinds():
        return name
    layout = load_layout(name)
    if isinstance(layout, CardLayout):  # social cards ("mạng xã hội"), square or portrait
        square = layout.page.width_px == layout.page.height_px
        return "the-mxh-vuong" if square else "the-mxh-doc"
    if layout_kinds()[name]:
        shape = _shape(layout.page.trim_mm())
        return f"trinh-chieu-{shape.replace(':', 'x')}" if shape else f"trinh-chieu-{name}"
    size = layout.page.size
    return f"ap-phich-{size.lower()}" if size else f"ap-phich-{name}"


def _shape(trim: tuple[float, float]) -> str:
    ratio = trim[0] / trim[1]
    return "16:9" if abs(ratio - 16 / 9) < 0.02 else "4:3" if abs(ratio - 4 / 3) < 0.02 else ""


def layout_choices() -> list[dict[str, object]]:
    """The shipped layouts as the page lists them: name, kind, a label in Vietnamese."""
    from poster.spec import CardLayout, load_layout

    out: list[dict[str, object]] = []
    for name, deck in layout_kinds().items():
        layout = load_layout(name)
        if isinstance(layout, CardLayout):  # social cards: their size is pixels
            p = layout.page
            shape = "vuông" if p.width_px == p.height_px else "dọc 4:5"
            out.append({"name": name, "kind": "social", "label": f"{shape} ({p.width_px} × "
                        f"{p.height_px} px)", "description": layout.description,
                        "logo_px": None})  # fmt: skip
            continue
        w, h = layout.page.trim_mm()
        size = f"{decimal(round(w, 1))} × {decimal(round(h, 1))} mm"  # Vietnamese decimal commas
        if deck:
            shape = _shape((w, h))
            label = f"{shape} ({size})" if shape else size
        else:
            size_name = getattr(layout.page, "size", None)
            label = f"{size_name} ({size})" if size_name else size
        logo_px = None if deck else logo_min_px(layout)  # type: ignore[arg-type]
        out.append({"name": name, "kind": "deck" if deck else "poster", "label": label,
                    "description": layout.description, "logo_px": logo_px})  # fmt: skip
    return out


def _text(fields: Mapping[str, str], name: str, default: str | None = None) -> str | None:
    value = fields.get(name)
    if value is None:
        return default
    return " ".join(unicodedata.normalize("NFC", value).split())


def _checked(fields: Mapping[str, str], name: str) -> bool:
    return (fields.get(name) or "").lower() in ("on", "1", "true", "yes")


def parse_order(fields: Mapping[str, str], logo: bytes | Prepared | None = None) -> Order:
    """The form's fields → an Order, or Invalid with every problem found."""
    errors: dict[str, list[str]] = {}

    def bad(field_: str, message: str) -> None:
        errors.setdefault(field_, []).append(message)

    for name_, raw in fields.items():
        ch = _control(raw, allow_newline=name_ == "authority")
        if ch is not None:
            bad(name_, f"Có ký tự điều khiển U+{ord(ch):04X} (không in được): hãy gõ lại ô này.")
    if errors:  # a NUL or an escape never reaches the checks below, nor a PDF
        raise Invalid(errors)

    # the brand
    name = _text(fields, "name", "") or ""
    lines = [
        " ".join(unicodedata.normalize("NFC", line).split())
        for line in (fields.get("authority") or "").splitlines()
    ]
    authority = [line for line in lines if line]
    brand: BrandData = {"name": name, "authority": authority}
    colors = {k: _text(fields, f"colors.{k}") for k in COLOR_FIELDS}
    brand["colors"] = {k: v for k, v in colors.items() if v is not None}
    qr = {"url": _text(fields, "qr.url"), "caption": _text(fields, "qr.caption")}
    brand["qr"] = {k: v for k, v in qr.items() if v is not None}
    footer = _text(fields, "footer")
    if footer:
        brand["footer"] = footer
    subtitle = _text(fields, "subtitle") or None
    province = _text(fields, "province") or None

    for key, value in (
        ("name", name),
        ("qr.url", qr["url"]),
        ("qr.caption", qr["caption"]),
        ("footer", footer),
        ("subtitle", subtitle),
        ("province", province),
    ):
        if value and len(value) > MAX_CHARS[key]:
            bad(key, f"Quá dài: {len(value)} ký tự, tối đa {MAX_CHARS[key]}.")
    drawn = {"name": name, "authority": "".join(authority), "qr.caption": qr["caption"],
             "footer": footer, "subtitle": subtitle}  # fmt: skip
    for key, role in _ROLES.items():
        missing = _missing_glyph(drawn[key] or "", role)
        if missing is not None:
            bad(key, _no_glyph(missing))
    if len(authority) > MAX_AUTHORITY_LINES:
        bad("authority", f"Nhiều nhất {MAX_AUTHORITY_LINES} dòng (đang có {len(authority)}).")
    for i, line in enumerate(authority, start=1):
        if len(line) > MAX_CHARS["authority"]:
            bad("authority", f"Dòng {i} quá dài: tối đa {MAX_CHARS['authority']} ký tự.")
    problems = brand_problems(brand)
    errors = merge(errors, form_errors(problems))
    fixes = form_fixes(problems)

    # the output
    kinds = layout_kinds()
    layout = fields.get("layout") or ""
    deck = kinds.get(layout)
    if deck is None:
        bad("layout", "Khổ không có trong danh sách: hãy chọn lại.")
    fmt = fields.get("format") or "pdf"
    if fmt not in FORMATS:
        bad("format", "Định dạng không có: chọn PDF, PPTX hoặc PNG.")
    asked = fields.get("sheet") or None
    sheet = next((s for s in SHEETS if s == asked), None)
    if asked is not None and sheet is None:
        bad("sheet", "Khổ giấy ghép không có: chọn A4 hoặc A3.")
    marks, cmyk = _checked(fields, "marks"), _checked(fields, "cmyk")
    if layout in card_layouts():
        if sheet or marks or cmyk:
            bad("sheet" if sheet else "marks" if marks else "cmyk",
                "Thẻ mạng xã hội là ảnh cho màn hình, không dành cho in.")  # fmt: skip
        if fmt == "pptx":
            bad("format", "Thẻ mạng xã hội có dạng ảnh PNG (tệp ZIP) hoặc PDF.")
    elif deck:
        if sheet:
            bad("sheet", "In ghép tờ A4/A3 chỉ dành cho áp phích.")
        if marks:
            bad("marks", "Dấu cắt chỉ dành cho áp phích in.")
        if cmyk:
            bad("cmyk", "CMYK chỉ dành cho áp phích in.")
    elif deck is False:
        if fmt == "pptx":
            bad("format", "PowerPoint (PPTX) chỉ dành cho bản trình chiếu 16:9 hoặc 4:3.")
        elif sheet and fmt != "pdf":
            bad("format", "Bản in ghép tờ A4/A3 chỉ có dạng PDF.")
        if subtitle:
            bad("subtitle", "Dòng phụ chỉ dành cho bản trình chiếu.")
    if isinstance(logo, bytes) and len(logo) > MAX_LOGO_BYTES:
        bad("logo", too_large_message())
    if errors:
        raise Invalid(errors, fixes)
    assert deck is not None
    return Order(brand, layout, deck, fmt, sheet, marks, cmyk, subtitle, logo or None, province)


def _control(value: str, allow_newline: bool = False) -> str | None:
    """The first control or format character of a field's value (NUL, escape, a
    right-to-left override…), or None: the rule of the command line and the files too."""
    from poster.characters import unprintable

    return unprintable(value, lines=allow_newline)


def _missing_glyph(text: str, role: str) -> str | None:
    from poster.fonts import face

    return face(role).missing(text) if text else None


def _no_glyph(ch: str) -> str:
    return (
        f"Ký tự {ch!r} (U+{ord(ch):04X}) không có trong phông chữ Be Vietnam Pro: "
        "hãy bỏ hoặc thay ký tự này."
    )


def brand_problems(brand: BrandData) -> list[Problem]:
    """Every problem of a brand mapping (without its logo), not only the first.

    The spec loader stops at the first field that fails to convert; here that field
    is set aside and the rest checked again, until the mapping passes or nothing is left.
    """
    from poster.spec import brand_from_dict

    # a copy to take apart field by field: its values are of every kind
    data: dict[str, Any] = {
        k: (dict(v) if isinstance(v, dict) else list(v) if isinstance(v, list) else v)
        for k, v in brand.items()
    }
    found: list[Problem] = []
    for _ in range(12):
        try:
            brand_from_dict(data, Path("trang-web"))  # no logo: no file is read
            return found
        except PosterError as e:
            found.extend(e.problems)
            if not any(_set_aside(data, p.field) for p in e.problems) or len(e.problems) > 1:
                return found  # contrast problems come all together, after the rest passed
    return found


def _set_aside(data: dict[str, Any], field_: str) -> bool:
    head, _, rest = field_.partition(".")
    if head == "name":
        data["name"] = "x"
        return True
    if head in ("colors", "qr") and rest in data.get(head, {}):
        del data[head][rest]
        return True
    if head == "authority" and rest.isdigit() and int(rest) < len(data.get("authority", [])):
        del data["authority"][int(rest)]
        return True
    if head in data and head != "name":
        del data[head]
        return True
    return False


def too_large_message() -> str:
    return f"Tệp quá lớn: tối đa {MAX_LOGO_BYTES // (1024 * 1024)} MB."


# ---------------------------------------------------------------- the logo


def open_logo(data: bytes, draft: int | None = None) -> Logo:
    """The upload read by the one logo reader (`poster.logo`): upright, in sRGB, or
    Invalid: not an image, not PNG/JPEG, too many pixels (read from the header before
    anything is decoded; Pillow's own bomb guard is an error too). `draft`: a JPEG is
    decoded at the smallest scale that keeps this many pixels a side."""
    from poster import logo

    try:
        return logo.from_bytes(data, "logo", "trang-web", "logo", draft)
    except PosterError as e:
        raise Invalid(form_errors(e.problems)) from None


@dataclass(frozen=True)
class Prepared:
    """An uploaded logo made ready once: `full` (upright, sRGB, at most PREPARED_SIDE a
    side, as `name`) for downloads, `preview` (PNG, PREVIEW_LOGO_PX) for previews, and
    `uploaded`, the upright size in pixels of what was sent (the sharpness warning's)."""

    full: bytes = field(repr=False)
    name: str  # logo.png or logo.jpg
    preview: bytes = field(repr=False)
    uploaded: tuple[int, int]

    @property
    def nbytes(self) -> int:
        return len(self.full) + len(self.preview)


def prepare_logo(data: bytes) -> Prepared:
    """An upload → its prepared copies (in a worker: decoding is the costly part)."""
    from PIL import Image

    from poster.logo import encode

    read = open_logo(data, PREPARED_DRAFT)
    image = read.image
    if max(image.size) > PREPARED_SIDE:
        image = image.copy()
        image.thumbnail((PREPARED_SIDE, PREPARED_SIDE), Image.Resampling.LANCZOS)
    photo = read.format == "JPEG" and image.mode in ("RGB", "L")
    if not read.changed and image is read.image and len(data) <= PREPARED_BYTES:
        full, name = data, _LOGO_NAME[read.format]  # its own pixels: kept as sent
    else:
        full = encode(image, "JPEG" if photo else "PNG", quality=92)
        name = "logo.jpg" if photo else "logo.png"
    return Prepared(full, name, _preview_png(image), read.full_size)


def _preview_png(image: Image.Image) -> bytes:
    """A small PNG copy of the logo: a preview draws it a few dozen pixels wide."""
    small = image.copy()
    if small.mode not in ("RGB", "RGBA", "L", "LA", "P"):
        small = small.convert("RGB")
    small.thumbnail((PREVIEW_LOGO_PX, PREVIEW_LOGO_PX))
    buf = io.BytesIO()
    small.save(buf, "PNG", compress_level=1)
    return buf.getvalue()


def _logo_for(logo: bytes | Prepared, view: str) -> tuple[bytes, str, tuple[int, int]]:
    """The logo's file for `view` (its bytes and name) and its uploaded upright size. An
    upload sent with the form (a page without JavaScript) is prepared here."""
    if isinstance(logo, Prepared):
        if view == "download":
            return logo.full, logo.name, logo.uploaded
        return logo.preview, "logo.png", logo.uploaded
    if view == "download":
        prepared = prepare_logo(logo)
        return prepared.full, prepared.name, prepared.uploaded
    read = open_logo(logo, PREVIEW_LOGO_PX)  # a JPEG decoded at 1/2…1/8: far less work
    return _preview_png(read.image), "logo.png", read.full_size


def _logo_warning(pixels: tuple[int, int], layout: PosterLayout) -> str | None:
    from poster.contrast import logo_dpi
    from poster.units import mm

    side = mm(layout.header.logo_mm)
    if not side:
        return None
    scale = side / max(pixels)
    dpi = logo_dpi(pixels, (pixels[0] * scale, pixels[1] * scale))
    if dpi >= layout.header.logo_dpi:  # the layout's: less on a panel read from metres
        return None
    return (
        f"Logo {pixels[0]} × {pixels[1]} điểm ảnh chỉ đạt {dpi:.0f} dpi khi in "
        f"({decimal(layout.header.logo_mm)} mm): bản in có thể bị mờ, "
        f"nên dùng ảnh có cạnh dài từ {logo_min_px(layout)} điểm ảnh."
    )


def logo_min_px(layout: PosterLayout) -> int:
    """The long side, in pixels, a logo needs to print sharp on `layout`: the one number
    the page's advice and the warning both give."""
    import math

    return math.ceil(layout.header.logo_mm / 25.4 * layout.header.logo_dpi - 1e-9)


# ---------------------------------------------------------------- the work


def init_worker() -> None:
    """A worker process: bomb guard on, warnings kept off the server's terminal, and
    the specs, fonts and every layout's tile solution loaded before the first request."""
    from PIL import Image

    Image.MAX_IMAGE_PIXELS = MAX_LOGO_PIXELS
    log = logging.getLogger("poster")
    log.addHandler(logging.NullHandler())
    log.propagate = False
    try:
        order = parse_order({"name": "Khởi động", "layout": "a1-portrait"})
        for layout in layout_kinds():
            make(Order(order.brand, layout, layout_kinds()[layout], "pdf"), "preview")
    except Exception:  # a warm-up failure shows on the first real request instead
        logging.getLogger("poster.web").exception("warm-up failed")


def _forget_logo_caches() -> None:
    """The drawing and planning caches key a logo by its path: each request's logo lives in
    a folder that is gone afterwards, so keeping them only grows the worker's memory."""
    from poster.outputs.pdf import forget_images

    forget_images()


def make(order: Order, view: str, workdir: str | None = None) -> Product:
    """Render what `order` asks for. view: 'preview' (first page, PNG), 'pages' (every
    page as thumbnails on one PNG) or 'download' (the file itself). Raises Invalid.

    `workdir`: an empty folder the caller made for this request and removes afterwards
    whatever happens to this process (the server's way); without it, a temporary folder
    of its own."""
    from poster.spec import PosterLayout, brand_from_dict, load_content, load_layout
    from poster.textfit import TooWide

    assert view in VIEWS
    content = load_content()
    layout = load_layout(order.layout)
    notes: list[str] = []
    try:
        with contextlib.ExitStack() as stack:
            if workdir is None:
                workdir = stack.enter_context(tempfile.TemporaryDirectory(prefix="poster-web-"))
            folder = Path(workdir)
            data = dict(order.brand)
            if order.logo is not None:
                # a preview draws a small copy; a download the prepared one
                drawn, name, uploaded = _logo_for(order.logo, view)
                (folder / name).write_bytes(drawn)
                if not order.deck:
                    assert isinstance(layout, PosterLayout)  # not a deck
                    warning = _logo_warning(uploaded, layout)
                    if warning:
                        notes.append(warning)
                data["logo"] = name
            brand = brand_from_dict(data, folder / "brand.yaml")
            return _make(order, view, content, layout, brand, folder, tuple(notes))
    except PosterError as e:
        errors = form_errors(e.problems)
        if order.logo is not None and any(p.field == "header.height_mm" for p in e.problems):
            errors["authority"] = [
                m if m != HEADER_FULL else HEADER_FULL_WITH_LOGO for m in errors["authority"]
            ]
        raise Invalid(errors, form_fixes(e.problems)) from None
    except TooWide as e:  # one word wider than its line: say which field holds it
        raise Invalid({_field_holding(order, e.word): [_too_wide(e.word)]}) from None
    finally:
        if order.logo is not None:
            _forget_logo_caches()


def _field_holding(order: Order, word: str) -> str:
    """The form field whose text holds `word` (a QR address, most often)."""
    brand = order.brand
    qr = brand.get("qr") or {}
    candidates = [
        ("qr.url", qr.get("url")),
        ("qr.caption", qr.get("caption")),
        ("footer", brand.get("footer")),
        ("authority", " ".join(brand.get("authority") or [])),
        ("name", brand.get("name")),
        ("subtitle", order.subtitle),
    ]
    for key, text in candidates:
        if text and word.strip() and word.strip() in str(text):
            return key
    return GENERAL


def _too_wide(word: str) -> str:
    shown = word if len(word) <= 40 else word[:37] + "…"
    return (
        f"“{shown}” dài quá một dòng ở khổ này và không ngắt được: "
        "hãy dùng địa chỉ hoặc chữ ngắn hơn."
    )


def _make(
    order: Order, view: str, content: Content, layout: Layout, brand: Brand, folder: Path,
    notes: tuple[str, ...],
) -> Product:  # fmt: skip
    from poster.outputs import Request, produce
    from poster.outputs.images import rasterise
    from poster.plan import Options
    from poster.spec import PosterLayout

    filename = order.filename
    if order.sheet:
        fmt = "sheets"
    elif view == "download" and order.format != "pdf":
        fmt = order.format
    else:
        fmt = "pdf"
    options = Options(
        marks=order.marks,
        cmyk=order.cmyk,
        pdfx="1a" if order.cmyk else "",
        subtitle=order.subtitle,
        filename=filename,
    )
    kind = "deck" if order.deck else "poster"
    if fmt == "png" and order.cards:  # the cards at their pixels, with the captions
        fmt = "zip"
    elif fmt == "png":
        w, h = layout.page.trim_mm()
        # a deck: cover, overview, items, close; a poster: its pages (front and back)
        pages = layout.pages if isinstance(layout, PosterLayout) else len(content.items) + 3
        cost = pages * PNG_WIDTH[kind] * round(PNG_WIDTH[kind] * h / w)
        if cost > PIXEL_BUDGET:
            raise Invalid({"format": [f"Ảnh PNG quá lớn cho máy chủ ({cost // 1_000_000} triệu "
                           "điểm ảnh): hãy tải PDF."]})  # fmt: skip
    request = Request(
        content, layout, brand, (fmt,), options, sheet=order.sheet or "A4",
        width_px=PNG_WIDTH[kind] if fmt == "png" else None, name=filename,
    )  # fmt: skip
    _, artifacts = produce(request)
    if view == "download" and fmt == "zip":
        art = artifacts[0]
        return Product(art.data, _MEDIA["zip"], filename, art.pages, notes)
    if view == "download":
        if len(artifacts) > 1:
            return Product(
                _zip(artifacts, filename), _MEDIA["zip"], filename, len(artifacts), notes
            )
        art = artifacts[0]
        return Product(art.data, _MEDIA[order.format], filename, art.pages, notes)
    pdf = artifacts[0].data
    # the preview shows the marks when asked for them
    trim = order.deck or bool(order.sheet) or not order.marks
    if view == "pages":
        images = rasterise(pdf, width_px=THUMB_WIDTH)
        sides = layout.pages if isinstance(layout, PosterLayout) else 1
        labels = _page_labels(order, pdf, len(images), sides)
        return Product(
            _png(_sheet(images, labels=labels), 3), _MEDIA["png"], filename, len(images), notes
        )
    first, pages = _first_page(pdf, trim)
    return Product(_png(first, 1), _MEDIA["png"], filename, pages, notes)


def _count(pdf: bytes) -> int:
    import pypdfium2 as pdfium

    doc = pdfium.PdfDocument(pdf)
    try:
        return len(doc)
    finally:
        doc.close()


def _first_page(pdf: bytes, trim: bool) -> tuple[Image.Image, int]:
    """The first page, PREVIEW_WIDTH pixels wide, and the number of pages."""
    import pypdfium2 as pdfium

    doc = pdfium.PdfDocument(pdf)
    try:
        page = doc[0]
        media = page.get_mediabox()
        box = page.get_trimbox() if trim else media
        crop = (box[0] - media[0], box[1] - media[1], media[2] - box[2], media[3] - box[3])
        image = page.render(scale=PREVIEW_WIDTH / (box[2] - box[0]), crop=crop, draw_annots=False)
        out = image.to_pil()
        page.close()
        return out, len(doc)
    finally:
        doc.close()


def _png(image: Image.Image, level: int) -> bytes:
    """An RGB or RGBA image as PNG, every row unfiltered, zlib at `level`.

    A page of flat colour and text compresses well without PNG's row filters; Pillow
    tries them all on every row, which makes its encoder twice as slow here (34 ms
    against 17 ms for a 640 px preview) for a larger file (310 KB against 250 KB).
    """
    if image.mode not in ("RGB", "RGBA"):
        image = image.convert("RGBA" if "A" in image.mode else "RGB")
    width, height = image.size
    stride = width * len(image.mode)
    raw = image.tobytes()
    rows = b"".join(b"\0" + raw[i : i + stride] for i in range(0, len(raw), stride))

    def chunk(kind: bytes, data: bytes) -> bytes:
        return (
            struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))
        )

    colour = 2 if image.mode == "RGB" else 6
    header = struct.pack(">IIBBBBB", width, height, 8, colour, 0, 0, 0)
    return b"".join(
        [
            b"\x89PNG\r\n\x1a\n",
            chunk(b"IHDR", header),
            chunk(b"IDAT", zlib.compress(rows, level)),
            chunk(b"IEND", b""),
        ]
    )


def _zip(artifacts: list[Artifact], filename: str) -> bytes:
    """The pages' images in one ZIP file: name-01.png, name-02.png…"""
    stem = filename.rsplit(".", 1)[0]
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_STORED) as z:  # PNG is compressed already
        for i, art in enumerate(artifacts, start=1):
            z.writestr(f"{stem}-{i:02d}.png", art.data)
    return buf.getvalue()


def _page_labels(order: Order, pdf: bytes, count: int, sides: int = 1) -> list[str]:
    """What each page is, in the words the page shows: a deck's cover, overview, its
    items by number (a continuation too) and the closing page, from the PDF's own page
    labels; tiled sheets' assembly map and each sheet (of each of the poster's `sides`
    pages); a poster's pages."""
    if order.sheet:
        per = count // sides  # the map and the sheets of one page of the poster
        out = []
        for side in range(1, sides + 1):
            of = f" (trang {side}/{sides})" if sides > 1 else ""
            out += [f"Sơ đồ ghép{of}", *(f"Tờ {i}/{per - 1}{of}" for i in range(1, per))]
        return out
    if order.deck or order.cards:
        from pypdf import PdfReader

        def word(label: str) -> str:  # "Bìa", "Tổng quan (1/2)", "5", "5 (tiếp)", "Kết"
            if label == "Kết":
                return "Trang kết"
            return f"Điểm {label}" if label[:1].isdigit() else label

        return [word(label) for label in PdfReader(io.BytesIO(pdf)).page_labels]
    return [f"Trang {i}/{count}" for i in range(1, count + 1)]


def _sheet(
    images: list[Image.Image],
    columns: int = 4,
    gap: int = 14,
    label: int = 22,
    labels: list[str] | None = None,
) -> Image.Image:
    """Page thumbnails in a grid, each labelled below, on a transparent ground."""
    from PIL import Image, ImageDraw, ImageFont

    from poster.resources import FONTS, shipped

    w = max(i.width for i in images)
    h = max(i.height for i in images)
    columns = min(columns, len(images))
    rows = -(-len(images) // columns)
    sheet = Image.new("RGBA", (columns * w + (columns - 1) * gap, rows * (h + label + gap) - gap))
    draw = ImageDraw.Draw(sheet)
    font: ImageFont.FreeTypeFont | ImageFont.ImageFont
    try:
        font = ImageFont.truetype(str(shipped(FONTS, "BeVietnamPro-Bold.ttf")), 13)
    except OSError:
        font = ImageFont.load_default()
    for n, image in enumerate(images):
        x, y = (n % columns) * (w + gap), (n // columns) * (h + label + gap)
        sheet.paste(image.convert("RGBA"), (x, y))
        draw.rectangle((x, y, x + image.width - 1, y + image.height - 1), outline=(0, 0, 0, 60))
        draw.text(
            (x + image.width / 2, y + h + 4),
            labels[n] if labels and n < len(labels) else str(n + 1),
            fill=(70, 80, 90, 255),
            font=font,
            anchor="mt",
        )
    return sheet


class _Rejection(TypedDict):
    message: str
    errors: dict[str, list[str]]


class Rejection(_Rejection, total=False):
    """The JSON body of an error response; `fixes`, when there are any: {form field: a
    value that passes} (the colour of the same hue with enough contrast), one click away."""

    fixes: dict[str, str]


def reject(
    errors: dict[str, list[str]] | None = None,
    message: str | None = None,
    fixes: dict[str, str] | None = None,
) -> Rejection:
    """The JSON body of an error response: a summary and the messages by field."""
    errors = errors or {}
    if message is None:
        count = sum(len(v) for v in errors.values())
        message = (
            ("Có 1 chỗ cần sửa." if count == 1 else f"Có {count} chỗ cần sửa.")
            if errors
            else "Yêu cầu không hợp lệ."
        )
    if GENERAL in errors:
        message = " ".join([message, *errors[GENERAL]])
    body: Rejection = {"message": message, "errors": errors}
    if fixes:
        body["fixes"] = fixes
    return body
