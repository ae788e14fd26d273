"""YAML in, frozen validated objects out: content, layout specs and brands.

The only module that reads YAML. Every string is NFC-normalised here, every length
stays in millimetres (`*_mm`) and is converted where it is used, every problem of a
file is reported at once as `FILE: field.path: what is wrong`.
"""

from __future__ import annotations

import json
import os
import re
import unicodedata
from functools import lru_cache
from pathlib import Path
from typing import Annotated, Any, Literal, TypedDict, TypeVar

import msgspec
from msgspec import Meta, Struct
from msgspec.structs import replace

from poster import cache, limits, resources
from poster.colors import Color, parse_color
from poster.errors import PosterError, Problem, problem
from poster.files import file_error, read_bounded
from poster.units import PAGE_SIZES_MM

DEFAULT_LAYOUT = "a1-portrait"
DEFAULT_BRAND = "default"


_MARK = "\x1f"  # separates a check's English message from its code and parameters


def coded(code: str, field: str = "", **params: Any) -> ValueError:
    """A ValueError for a check inside the validator that keeps the problem's code and
    parameters through msgspec (which passes only the text on): see `_problem_of`."""
    from poster.catalogue import say

    payload = json.dumps({"code": code, "field": field, "params": params}, ensure_ascii=False)
    return ValueError(f"{say(code, 'en', params)}{_MARK}{payload}{_MARK}")


def _decode(kind: type, value: Any) -> Any:
    if kind is Color:
        if value is None:  # `primary: #B3261E`: YAML took the colour for a comment
            raise coded("colour.empty", value=value)
        if not isinstance(value, str):
            raise coded("colour.unquoted", value=value)
        try:
            return parse_color(value)
        except ValueError:
            raise coded("colour.invalid", value=value.strip()) from None
    raise NotImplementedError


Text = Annotated[str, Meta(min_length=1)]
MAX_LENGTH = limits.LENGTH_MM
Positive = Annotated[float, Meta(gt=0, le=MAX_LENGTH)]
NonNegative = Annotated[float, Meta(ge=0, le=MAX_LENGTH)]


class Model(Struct, frozen=True, forbid_unknown_fields=True, kw_only=True):
    pass


# ---------------------------------------------------------------- content


MAX_ITEMS = limits.ITEMS


class Item(Model, frozen=True, kw_only=True):
    n: Annotated[int, Meta(ge=0)]
    icon: Text | None = None  # a shipped icon's name, or a path to an SVG file
    heading: Text
    left: Text
    right: Text


class Labels(Model, frozen=True, kw_only=True):
    left: Text
    right: Text


class Content(Model, frozen=True, kw_only=True):
    title: Text
    subtitle: Text | None = None
    labels: Labels
    source: Text | None = None
    # a poster holds a few dozen; more only makes the layout search crawl (it grows with
    # the square of the count) before it fails
    items: Annotated[list[Item], Meta(min_length=1, max_length=MAX_ITEMS)]
    source_file: str = ""  # set by the loader

    def __post_init__(self) -> None:
        seen: set[int] = set()
        for item in self.items:
            if item.n in seen:
                raise coded("items.duplicate", "items", n=item.n)
            seen.add(item.n)


# ---------------------------------------------------------------- layout


class SizeRange(Model, frozen=True, kw_only=True):
    min: Positive
    max: Positive

    def __post_init__(self) -> None:
        if self.min > self.max:
            raise coded("range.inverted", min=self.min, max=self.max)


class BodyFont(SizeRange, frozen=True, kw_only=True):
    leading: Annotated[float, Meta(ge=1.0, le=2.5)] = 1.3
    aim: Positive | None = None  # the body kept with equal columns (plan.poster); else min


class HeadingFont(SizeRange, frozen=True, kw_only=True):
    ratio_min: Annotated[float, Meta(ge=0.5, le=4)] = 1.3
    ratio_max: Annotated[float, Meta(ge=0.5, le=4)] = 1.6
    leading: Annotated[float, Meta(ge=1.0, le=2.5)] = 1.2


class Fonts(Model, frozen=True, kw_only=True):
    body: BodyFont | None = None  # required unless the tiles show their headings alone
    heading: HeadingFont
    label_ratio: Annotated[float, Meta(gt=0.3, le=1.5)] = 0.72


class Page(Model, frozen=True, kw_only=True):
    size: Literal["A0", "A1", "A2", "A3", "A4", "A5"] | None = None
    width_mm: Positive | None = None
    height_mm: Positive | None = None
    # default: portrait for named sizes; width_mm × height_mm as given
    orientation: Literal["portrait", "landscape"] | None = None

    def __post_init__(self) -> None:
        if self.size is None and (self.width_mm is None or self.height_mm is None):
            raise coded("page.size-or-dims")
        if self.size is not None and (self.width_mm is not None or self.height_mm is not None):
            raise coded("page.not-both")

    def trim_mm(self) -> tuple[float, float]:
        if self.size:
            w, h = PAGE_SIZES_MM[self.size]
        else:
            assert self.width_mm is not None and self.height_mm is not None
            w, h = self.width_mm, self.height_mm
        orientation = self.orientation or ("portrait" if self.size else None)
        if orientation is None:
            return (w, h)
        short, long_ = min(w, h), max(w, h)
        return (short, long_) if orientation == "portrait" else (long_, short)


class TitleBlock(Model, frozen=True, kw_only=True):
    """Authority lines, logo and title: a poster's header band, a deck's title slide."""

    logo_mm: NonNegative = 0
    # the least resolution a logo should print at: 150 dpi read at arm's length, less on
    # a panel read from metres (a warning names a logo below it)
    logo_dpi: Annotated[float, Meta(ge=30, le=1200)] = 150
    authority: SizeRange
    authority_max_lines: Annotated[int, Meta(ge=1, le=8)] = 4  # a letterhead has 1 to 4
    title: SizeRange
    title_max_lines: Annotated[int, Meta(ge=1, le=4)] = 2


class Header(TitleBlock, frozen=True, kw_only=True):
    height_mm: Positive
    # a poster over several pages: the header band and the key on every page, or on the
    # first only (a handout's front; the back holds more tiles)
    pages: Literal["all", "first"] = "all"


class Footer(Model, frozen=True, kw_only=True):
    height_mm: Positive
    text: SizeRange
    # on every page, or on the first or the last alone (a handout's front or back)
    pages: Literal["all", "first", "last"] = "all"
    # at the foot of the page; right under the header band (a roll-up's QR code at eye
    # height, above the key and the tiles); or at the foot of the last column alone, the
    # other columns reaching the bottom margin (a wide panel whose tiles need the height)
    position: Literal["bottom", "under-header", "last-column"] = "bottom"


class Grid(Model, frozen=True, kw_only=True):
    columns: Annotated[int, Meta(ge=1, le=12)]
    gutter_mm: NonNegative = 6
    flow: Literal["masonry", "rows"] = "masonry"
    order: Literal["down", "across"] = "down"
    spans: dict[int, Annotated[int, Meta(ge=1)]] = {}

    def __post_init__(self) -> None:
        for n, span in self.spans.items():
            if span > self.columns:
                raise coded("grid.span-too-wide", "spans", n=n, span=span, columns=self.columns)
        if self.spans and self.flow == "masonry":
            raise coded("grid.spans-masonry", "spans")
        if self.flow == "masonry" and self.order != "down":
            raise coded("grid.masonry-order", "order")


class TileStyle(Model, frozen=True, kw_only=True):
    # what a tile shows: number, heading, icon and the two sides (full), or the number,
    # heading and icon alone (headings: a roadside panel read from 5–10 m)
    show: Literal["full", "headings"] = "full"
    sides: Literal["stacked", "side-by-side"] = "stacked"
    padding_mm: NonNegative = 5
    gap_mm: NonNegative = 3
    radius_mm: NonNegative = 3
    badge: Literal["circle", "square"] = "circle"
    # inside each side's box, around its text; None: from the body size (0.45 em, 1.5 mm
    # at least)
    side_padding_mm: NonNegative | None = None
    # the two side boxes this far apart in grey (0–1, as a black-and-white photocopier
    # sees them), every text on them readable in grey too; 0: told apart by colour
    grey_apart: Annotated[float, Meta(ge=0, le=0.6)] = 0.0


class QRPlacement(Model, frozen=True, kw_only=True):
    size_mm: Positive
    position: Literal["footer-right", "footer-left"] = "footer-right"


class QRSize(Model, frozen=True, kw_only=True):
    size_mm: Positive


class PosterLayout(Model, frozen=True, kw_only=True):
    """A poster: pages of tiles in a grid, each between a header band and a footer."""

    page: Page
    # the items spread evenly over this many pages (front and back of a small poster),
    # each with the header, the key and the footer with its QR code
    pages: Annotated[int, Meta(ge=1, le=4)] = 1
    bleed_mm: Annotated[float, Meta(ge=0, le=20)] = 3
    safe_margin_mm: NonNegative = 12
    header: Header
    footer: Footer
    grid: Grid
    tile: TileStyle = TileStyle()
    fonts: Fonts
    qr: QRPlacement
    # bleed: the ground colour and the header band run into the bleed (print shops);
    # paper: nothing is printed outside the safe margin, the page stays paper white and
    # the header band sits inside the margins (office printers, photocopies)
    ground: Literal["bleed", "paper"] = "bleed"
    # the bottom of the trim left empty, nothing but the ground (a roll-up stand's foot)
    foot_mm: NonNegative = 0
    # a PNG or JPEG preview asked for without a resolution: this many pixels wide
    # (a 2.4 m panel at 150 dpi would be 14,000 pixels); None: 150 dpi
    preview_px: Annotated[int, Meta(ge=16, le=20000)] | None = None
    description: str = ""  # what it is and what it is for (`poster layouts` shows it)
    name: str = ""  # set by the loader from the file name
    source_file: str = ""

    def __post_init__(self) -> None:
        if self.footer.position == "last-column" and self.grid.flow != "masonry":
            raise coded("footer.last-column-masonry", "footer.position")
        if self.fonts.body is None and self.tile.show == "full":
            raise coded("field.missing", "fonts.body")

    @property
    def body_font(self) -> BodyFont:
        """The body's sizes; a headings-only layout's headings stand in for it."""
        if self.fonts.body is not None:
            return self.fonts.body
        h = self.fonts.heading
        return BodyFont(min=h.min, max=h.max, leading=h.leading)


class SlideFonts(Model, frozen=True, kw_only=True):
    body: BodyFont
    heading: HeadingFont  # the item slides' titles


class DeckSpec(Model, frozen=True, kw_only=True):
    """The item slides: a big number, the heading, the two sides as columns."""

    number_size: Positive = 80  # the big item number, pt
    gutter_mm: NonNegative = 8  # between the two columns
    padding_mm: NonNegative = 4  # inside a column
    radius_mm: NonNegative = 3
    footer_pt: Positive = 18  # the footer line: authority and "5/17"
    overview: SizeRange  # the overview slide's list of headings
    overview_columns: Annotated[int, Meta(ge=1, le=4)] = 3
    # the two sides as columns, or one above the other (full lines on a narrow slide)
    sides: Literal["stacked", "side-by-side"] = "side-by-side"
    label: Literal["run-in", "above"] = "above"  # a side's label: above its text, or run in
    heading_lines: Annotated[int, Meta(ge=1, le=6)] = 3  # the most lines an item's heading takes


class DeckLayout(Model, frozen=True, kw_only=True):
    """Slides: a title slide, an overview, one slide per item, a closing slide."""

    page: Page
    safe_margin_mm: NonNegative = 12
    title_slide: TitleBlock
    fonts: SlideFonts
    deck: DeckSpec
    qr: QRSize
    description: str = ""
    name: str = ""  # set by the loader from the file name
    source_file: str = ""


class CardPage(Model, frozen=True, kw_only=True):
    """A screen page sized in pixels (see units.PX_DPI): planned at 1 px = 1 pt."""

    width_px: Annotated[int, Meta(ge=16, le=limits.CARD_PX)]
    height_px: Annotated[int, Meta(ge=16, le=limits.CARD_PX)]

    def trim_mm(self) -> tuple[float, float]:
        from poster.units import px, to_mm

        return (to_mm(px(self.width_px)), to_mm(px(self.height_px)))


Pixels = Annotated[float, Meta(ge=0, le=limits.CARD_PX)]


class CardCover(Model, frozen=True, kw_only=True):
    """The cover card: logo, locality, title (sizes in px)."""

    logo_px: Pixels = 0
    authority: SizeRange
    title: SizeRange
    title_max_lines: Annotated[int, Meta(ge=1, le=6)] = 4


class CardSpec(Model, frozen=True, kw_only=True):
    """The item cards: the number in a badge, the heading, the icon, the two sides."""

    sides: Literal["stacked", "side-by-side"] = "stacked"
    badge: Literal["circle", "square"] = "circle"
    padding_px: Pixels = 24  # inside a side's box
    edge_px: Pixels = 12  # the solid bar of the side's colour down its box: seen from afar
    gap_px: Pixels = 28  # between the heading and the sides
    between_px: Pixels = 28  # between the two sides
    radius_px: Pixels = 14
    heading_lines: Annotated[int, Meta(ge=1, le=6)] = 3
    footer: SizeRange  # the footer line: the locality and "5/17"


class CardQR(Model, frozen=True, kw_only=True):
    size_px: Annotated[float, Meta(gt=0, le=limits.CARD_PX)]


class CardLayout(Model, frozen=True, kw_only=True):
    """Social cards (a carousel): a cover, one card per item, a closing card with the QR.
    Every length in pixels; every item fits one card, in one type scale."""

    page: CardPage
    safe_margin_px: Pixels = 72  # apps crop the edges: no text nearer than this
    cover: CardCover
    fonts: SlideFonts  # px
    cards: CardSpec
    qr: CardQR
    description: str = ""
    name: str = ""  # set by the loader from the file name
    source_file: str = ""


Layout = PosterLayout | DeckLayout | CardLayout


# ---------------------------------------------------------------- brand


class Colors(Model, frozen=True, kw_only=True):
    primary: Color = parse_color("#B3261E")
    left: Color = parse_color("#1F5FA8")
    right: Color = parse_color("#1E7B4A")
    text: Color = parse_color("#1B1B1B")
    background: Color = parse_color("#F3F1EC")


_URL = re.compile(r"https?://[^\s/$.?#][^\s]*")


class QRInfo(Model, frozen=True, kw_only=True):
    url: str = "https://t63.mic.gov.vn"
    caption: Text = "Câu chuyện chuyển đổi số của 63 tỉnh, thành phố"

    def __post_init__(self) -> None:
        length = len(self.url.encode("utf-8", "replace"))  # a QR code holds bytes
        if length > limits.QR_BYTES:
            code = "url.too-long-for-qr" if self.url.isascii() else "url.too-long-for-qr-bytes"
            raise coded(code, "url", length=length, limit=limits.QR_BYTES)
        if not _URL.fullmatch(self.url):
            raise coded("url.invalid", "url", value=self.url)


class Brand(Model, frozen=True, kw_only=True):
    name: Text
    authority: list[Text] = []
    logo: str | None = None
    colors: Colors = Colors()
    qr: QRInfo = QRInfo()
    footer: Text | None = None
    slug: str = ""  # from the name unless given
    source_file: str = ""


class BrandData(TypedDict, total=False):
    """A brand as a mapping, before it is checked (see Brand, brand_from_dict): what a
    commune, a spreadsheet row or the web form gives."""

    name: str
    authority: list[str]
    logo: str
    colors: dict[str, str]
    qr: dict[str, str]
    footer: str


# ---------------------------------------------------------------- loading


_AT = re.compile(r"^(?P<msg>.*?)(?: - at `(?P<key>key` in `)?(?P<path>\$[^`]*)`)?$", re.S)
_CODED = re.compile(r"^(?P<msg>.*?)\x1f(?P<payload>.*)\x1f(?P<rest>.*)$", re.S)
_FIELD_NAME = re.compile(r"[a-z_][a-z0-9_]*")


def _problem_of(error: msgspec.ValidationError, path: Path, data: Any = None) -> Problem:
    """msgspec's 'Expected `str`, got `int` - at `$.items[0].heading`' → a problem with a
    code, its parameters and the field path ('items.0.heading'). The library's wording
    is kept only in the English text of a message it alone can word."""
    text = str(error)
    coded_ = _CODED.match(text)
    payload: dict[str, Any] | None = None
    if coded_:
        payload = json.loads(coded_["payload"])
        text = coded_["msg"] + coded_["rest"]
    m = _AT.match(text)
    assert m is not None
    msg, where = m["msg"], m["path"] or "$"
    field = where.removeprefix("$").lstrip(".")
    field = re.sub(r"\[(\d+)\]", r".\1", field).lstrip(".")
    file = str(path)
    if payload is not None:
        field = _join(field, payload["field"]) if payload["field"] else field
        return problem(payload["code"], file, field, **payload["params"])
    if m["key"]:
        t = re.fullmatch(r"Expected `(.+?)`, got `(.+?)`", msg)
        return problem("field.key-type", file, field, expected_word=t[1] if t else "str")
    missing = re.fullmatch(r"Object missing required field `(.+)`", msg)
    if missing:
        return problem("field.missing", file, _join(field, missing[1]))
    unknown = re.fullmatch(r"Object contains unknown field `(.+)`", msg)
    if unknown:
        name = unknown[1]
        value = _value_at(data, [*field.split("."), name] if field else [name])
        # `{caption: Câu chuyện, số}`: the text after a comma became a field of its own
        comma = not _FIELD_NAME.fullmatch(name) or value is None
        return problem("field.unknown-comma" if comma else "field.unknown", file,
                       _join(field, name))  # fmt: skip
    t = re.fullmatch(r"Expected `(.+?)`, got `(.+?)`", msg)
    if t:
        if t[1] == "array" and field.split(".")[0] == "authority":
            return problem("field.lines", file, field, got_word=t[2])
        return problem("field.type", file, field, expected_word=t[1], got_word=t[2])
    if re.fullmatch(r"Expected `str` of length >= 1", msg):
        return problem("field.empty", file, field)
    b = re.fullmatch(r"Expected `(?:int|float)` (>=|>|<=|<) (\S+)", msg)
    if b:
        return problem("field.bound", file, field, op_word=b[1], bound=b[2])
    c = re.fullmatch(r"Expected `(?:array|object)` of length >= (\d+)", msg)
    if c:
        return problem("field.count", file, field, bound=int(c[1]))
    c = re.fullmatch(r"Expected `(array|object)` of length <= (\d+)", msg)
    if c:  # the English as it has always been printed (scripts read it)
        return problem("field.count-max", file, field, kind=c[1], bound=int(c[2]))
    e = re.fullmatch(r"Invalid enum value (.+)", msg)
    if e:
        return problem("field.choice", file, field, value=e[1].strip("'\""))
    return problem("field.invalid", file, field, detail=msg.replace("Expected", "expected"))


def _join(a: str, b: str) -> str:
    return f"{a}.{b}" if a else b


def _value_at(data: Any, parts: list[str]) -> Any:
    for part in parts:
        if isinstance(data, dict):
            data = data.get(part)
        elif isinstance(data, list) and part.isdigit() and int(part) < len(data):
            data = data[int(part)]
        else:
            return None
    return data


def _normalise(value: Any) -> Any:
    """Every string NFC, whitespace runs folded to one space, ends trimmed."""
    if isinstance(value, str):
        return " ".join(unicodedata.normalize("NFC", value).split())
    if isinstance(value, list):
        return [_normalise(v) for v in value]
    if isinstance(value, dict):
        return {k: _normalise(v) for k, v in value.items()}
    return value


MAX_YAML_BYTES = limits.YAML_BYTES
MAX_YAML_DEPTH = limits.YAML_DEPTH
MAX_YAML_NODES = limits.YAML_NODES
MAX_LOGO_BYTES = limits.LOGO_BYTES

YamlKind = Literal["content", "layout", "brand"]


def _read_yaml(path: Path, kind: YamlKind) -> Any:
    """A YAML file of `kind`, bounded: a regular file of at most MAX_YAML_BYTES[kind],
    looked at before it is opened, and parsed by poster.readers.yamlfile. What a file's
    bytes parse to is kept on disk (poster.cache), so a file read again is not parsed
    again (nor yaml imported)."""
    limit = MAX_YAML_BYTES[kind]
    refused = file_error(path, "a YAML file", limit, f"a {kind} file")
    if refused is not None:
        raise refused
    try:
        raw = read_bounded(path, limit)
        text = raw.decode("utf-8")
    except UnicodeDecodeError as e:
        raise PosterError.of("file.not-utf8", str(path), reason=e.reason) from None
    except OSError as e:
        raise PosterError.of("file.unreadable", str(path), reason=e.strerror) from None
    key = kind.encode() + b"\0" + raw
    kept = cache.get("yaml", key) if cache.folder() is not None else None
    if kept is not None:
        try:
            return msgspec.msgpack.decode(kept)
        except msgspec.DecodeError:
            pass
    from poster.readers.yamlfile import parse

    data = parse(text, str(path))
    if cache.folder() is not None and _plain(data):
        cache.put("yaml", key, msgspec.msgpack.encode(data))
    return data


def _plain(value: Any) -> bool:
    """Made only of what reads back the same from the cache: text, numbers, true/false,
    nothing, lists, mappings with text keys (not dates, bytes or other keys)."""
    if value is None or isinstance(value, str | bool | int | float):
        return True
    if isinstance(value, list):
        return all(_plain(v) for v in value)
    if isinstance(value, dict):
        return all(isinstance(k, str) and _plain(v) for k, v in value.items())
    return False


M = TypeVar("M", bound=Model)

_PLACEHOLDERS: tuple[Any, ...] = ("x", 1, 1.0, [], {}, True)
_DELETE = object()


def _validate(model: type[M], data: Any, path: Path) -> M:
    """The validated object, or PosterError with every problem of the file.

    msgspec stops at the first problem; the value it names is set aside (removed, or
    replaced by a placeholder when it is required) and the rest checked again, so a
    file with three mistakes gets three lines. What a placeholder itself causes is
    not reported.
    """
    if not isinstance(data, dict):
        raise PosterError.of("yaml.top-not-mapping", str(path))
    unprintable = _unprintable(data, path)  # never reaches a check, a poster or a PDF
    if unprintable:
        raise PosterError(unprintable)
    work = _normalise(data)
    problems: list[Problem] = []
    tried: dict[tuple[str, ...], int] = {}  # a set-aside path → placeholders tried
    for _ in range(60):
        try:
            result = msgspec.convert(work, model, strict=True, dec_hook=_decode)
        except msgspec.ValidationError as e:
            found = _problem_of(e, path, work)
            parts = tuple(p for p in found.field.split(".") if p)
            # caused by a placeholder: at or under a set-aside value, or at one of its parents
            own = [k for k in tried if parts[: len(k)] == k or k[: len(parts)] == parts]
            if not own:
                problems.append(found)
            if not parts or not _set_aside(work, parts, tried, found.code):
                break
            continue
        if not problems:
            return result
        break
    raise PosterError(problems)


def _unprintable(data: Any, path: Path, field: str = "") -> list[Problem]:
    """A problem for every text (or key) holding a control, escape or direction override
    (poster.characters); line breaks are fine in a file's texts (a YAML block, a cell
    typed with Alt+Enter), they become spaces."""
    from poster.characters import code_point, unprintable

    if isinstance(data, str):
        ch = unprintable(data, lines=True)
        if ch is None:
            return []
        return [problem("text.control", str(path), field, char=code_point(ch))]
    found: list[Problem] = []
    if isinstance(data, dict):
        for key, value in data.items():
            name = _join(field, str(key))
            ch = unprintable(str(key))
            if ch is not None:
                found.append(problem("text.control", str(path), field or "(key)",
                                     char=code_point(ch)))  # fmt: skip
                continue
            found += _unprintable(value, path, name)
    elif isinstance(data, list):
        for i, value in enumerate(data):
            found += _unprintable(value, path, _join(field, str(i)))
    return found


def _set_aside(
    data: Any, parts: tuple[str, ...], tried: dict[tuple[str, ...], int], code: str
) -> bool:
    """Remove the value at `parts`, or put the next placeholder there; False when out of
    options (the value cannot be navigated to, or every placeholder failed)."""
    parent = _value_at(data, list(parts[:-1]))
    key: Any = parts[-1]
    if isinstance(parent, list):
        if not key.isdigit() or int(key) >= len(parent):
            return False
        key = int(key)
    elif not isinstance(parent, dict):
        return False
    n = tried.get(parts, 0)
    tried[parts] = n + 1
    options: list[Any] = [] if code == "field.missing" else [_DELETE]
    options += list(_PLACEHOLDERS)
    if n >= len(options):
        return False
    choice = options[n]
    if choice is _DELETE:
        if isinstance(parent, list):
            parent[key] = None  # keep the indices of the others
            tried[parts] = n + 1
            return True
        parent.pop(key, None)
    else:
        parent[key] = json.loads(json.dumps(choice))  # a fresh copy
    return True


def _resolve(kind: str, value: str | Path, folder: str) -> Path:
    """A shipped name ('a1-portrait') or a path to a YAML file."""
    text = str(value)
    if text.endswith((".yaml", ".yml")) or os.sep in text or "/" in text:
        return Path(text)
    path = resources.find(folder, f"{text}.yaml")
    if path is None:
        known = ", ".join(resources.names(folder)) or "none"
        raise PosterError.of(f"{kind}.unknown", f"--{kind}", kind, name=text, known=known)
    return path


@lru_cache(maxsize=16)
def _load_content(path: Path, mtime: float) -> Content:
    content = _validate(Content, _read_yaml(path, "content"), path)
    sizes: dict[str, int] = {}  # the icon files given as paths, read and checked
    items = [replace(item, icon=_icon(item.icon, path, f"items.{i}.icon", sizes)) if item.icon
             else item for i, item in enumerate(content.items)]  # fmt: skip
    return replace(content, items=items, source_file=str(path))


def _icon(value: str, content_file: Path, field: str, sizes: dict[str, int]) -> str:
    """An item's icon as the path of its SVG file: a shipped name or a path to a .svg
    (relative to the content file), read and checked (see poster.readers.icon); `sizes`
    holds the files read so far, bounded together by limits.ICONS_BYTES."""
    if value.lower().endswith(".svg") or "/" in value or os.sep in value:
        from poster.files import size_text
        from poster.readers.icon import read_icon

        path = Path(value) if Path(value).is_absolute() else content_file.parent / value
        if not os.path.exists(path):  # False for a name with NUL too
            raise PosterError.of("icon.file-not-found", str(content_file), field, name=value)
        text = read_icon(path, str(content_file), field)
        key = str(path.resolve())
        sizes[key] = len(text.encode())
        if sum(sizes.values()) > limits.ICONS_BYTES:
            raise PosterError.of("icons.too-large", str(content_file), field,
                                 size=size_text(sum(sizes.values())),
                                 limit=size_text(limits.ICONS_BYTES))  # fmt: skip
        return key
    found = resources.find(resources.ICONS, f"{value}.svg")
    if found is None:
        known = ", ".join(resources.icon_names())
        raise PosterError.of("icon.unknown", str(content_file), field, name=value, known=known)
    return str(found)


def load_content(value: str | Path | None = None) -> Content:
    path = Path(value) if value else resources.DEFAULT_CONTENT
    return _load_content(path, _mtime(path))


@lru_cache(maxsize=32)
def _load_layout(path: Path, mtime: float) -> Layout:
    data = _read_yaml(path, "layout")
    # a `deck:` section makes a slide deck, `cards:` social cards; anything else a poster
    kind: type[PosterLayout] | type[DeckLayout] | type[CardLayout] = PosterLayout
    if isinstance(data, dict):
        kind = DeckLayout if "deck" in data else CardLayout if "cards" in data else kind
    layout = _validate(kind, data, path)
    return replace(layout, name=layout.name or path.stem, source_file=str(path))


def load_layout(value: str | Path | None = None) -> Layout:
    path = _resolve("layout", value or DEFAULT_LAYOUT, resources.LAYOUTS)
    return _load_layout(path, _mtime(path))


def layout_names() -> list[str]:
    return resources.names(resources.LAYOUTS)


def brand_names() -> list[str]:
    return resources.names(resources.BRANDS)


def load_brand(value: str | Path | None = None) -> Brand:
    path = _resolve("brand", value or DEFAULT_BRAND, resources.BRANDS)
    return brand_from_dict(_read_yaml(path, "brand"), path)


def brand_from_dict(data: Any, path: Path) -> Brand:
    """Validate a brand given as a mapping; `path` names it in errors and anchors the logo."""
    brand: Brand = _validate(Brand, data, path)
    from poster.contrast import contrast_problems

    problems = contrast_problems(brand.colors, str(path))
    if problems:
        raise PosterError(problems)
    logo = None
    if brand.logo is not None:
        logo = path.parent / brand.logo  # an absolute logo path stays absolute
        check_image(logo, str(path), "logo")
    slug = slugify(brand.slug or brand.name)  # a given slug too: it names a file
    return replace(brand, logo=str(logo) if logo else None, slug=slug, source_file=str(path))


def check_image(path: Path, file: str, field: str) -> None:
    """A logo that can be drawn, or PosterError: checked on disk, its pixel count from
    the header before decoding, then decoded (upright, in sRGB) once per version of the
    file by the one logo reader (`poster.logo`)."""
    from poster import logo

    logo.read(path, file, field)


def slugify(name: str) -> str:
    """'Hiệp Hòa' → 'hiep-hoa': Vietnamese letters folded to ASCII."""
    folded = unicodedata.normalize("NFD", name.replace("đ", "d").replace("Đ", "D"))
    ascii_ = "".join(c for c in folded if not unicodedata.combining(c)).lower()
    words = "".join(c if c.isascii() and c.isalnum() else " " for c in ascii_).split()
    return "-".join(words) or "poster"


def _mtime(path: Path) -> float:
    try:
        return path.stat().st_mtime
    except OSError:
        return 0.0
