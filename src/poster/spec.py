"""YAML in, frozen validated objects out: content, layout specs and brands.

The only module that reads YAML. Every string is NFC-normalised here, every length
stays in millimetres (`*_mm`) and is converted where it is used, every problem of a
file is reported at once as `FILE: field.path: what is wrong`.
"""

from __future__ import annotations

import math
import os
import re
import unicodedata
import warnings
from functools import lru_cache
from pathlib import Path
from typing import Annotated, Any, Literal, TypedDict, TypeVar

import msgspec
import yaml
from msgspec import Meta, Struct
from msgspec.structs import replace
from yaml.composer import Composer
from yaml.constructor import SafeConstructor
from yaml.events import AliasEvent, MappingEndEvent, MappingStartEvent
from yaml.nodes import MappingNode, Node, ScalarNode
from yaml.resolver import Resolver

from poster import resources
from poster.colors import Color, parse_color
from poster.errors import PosterError, Problem
from poster.files import file_problem, read_bounded
from poster.units import PAGE_SIZES_MM

DEFAULT_LAYOUT = "a1-portrait"
DEFAULT_BRAND = "default"


def _decode(kind: type, value: Any) -> Any:
    if kind is Color:
        if not isinstance(value, str):
            raise ValueError(f'not a colour: {value!r} (expected a quoted "#RRGGBB")')
        return parse_color(value)
    raise NotImplementedError


Text = Annotated[str, Meta(min_length=1)]
# A PDF page is at most 200 inches (5080 mm) a side: no length or type size in a layout
# can be larger, and a larger number only breaks the drawing somewhere further on.
MAX_LENGTH = 5080
Positive = Annotated[float, Meta(gt=0, le=MAX_LENGTH)]
NonNegative = Annotated[float, Meta(ge=0, le=MAX_LENGTH)]


class Model(Struct, frozen=True, forbid_unknown_fields=True, kw_only=True):
    pass


# ---------------------------------------------------------------- content


MAX_ITEMS = 200


class Item(Model, frozen=True, kw_only=True):
    n: Annotated[int, Meta(ge=0)]
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
                raise ValueError(f"items: number {item.n} is used twice")
            seen.add(item.n)


# ---------------------------------------------------------------- layout


class SizeRange(Model, frozen=True, kw_only=True):
    min: Positive
    max: Positive

    def __post_init__(self) -> None:
        if self.min > self.max:
            raise ValueError(f"min ({self.min:g}) is larger than max ({self.max:g})")


class BodyFont(SizeRange, frozen=True, kw_only=True):
    leading: Annotated[float, Meta(ge=1.0, le=2.5)] = 1.3


class HeadingFont(SizeRange, frozen=True, kw_only=True):
    ratio_min: Annotated[float, Meta(ge=0.5, le=4)] = 1.3
    ratio_max: Annotated[float, Meta(ge=0.5, le=4)] = 1.6
    leading: Annotated[float, Meta(ge=1.0, le=2.5)] = 1.2


class Fonts(Model, frozen=True, kw_only=True):
    body: BodyFont
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
            raise ValueError("give either size (A0–A5) or both width_mm and height_mm")
        if self.size is not None and (self.width_mm is not None or self.height_mm is not None):
            raise ValueError("give either size or width_mm/height_mm, not both")

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
    authority: SizeRange
    authority_max_lines: Annotated[int, Meta(ge=1, le=8)] = 4  # a letterhead has 1 to 4
    title: SizeRange
    title_max_lines: Annotated[int, Meta(ge=1, le=4)] = 2


class Header(TitleBlock, frozen=True, kw_only=True):
    height_mm: Positive


class Footer(Model, frozen=True, kw_only=True):
    height_mm: Positive
    text: SizeRange


class Grid(Model, frozen=True, kw_only=True):
    columns: Annotated[int, Meta(ge=1, le=12)]
    gutter_mm: NonNegative = 6
    flow: Literal["masonry", "rows"] = "masonry"
    order: Literal["down", "across"] = "down"
    spans: dict[int, Annotated[int, Meta(ge=1)]] = {}

    def __post_init__(self) -> None:
        for n, span in self.spans.items():
            if span > self.columns:
                raise ValueError(
                    f"spans: item {n} spans {span} columns, the grid has {self.columns}"
                )
        if self.spans and self.flow == "masonry":
            raise ValueError("spans: only the rows flow supports spans")
        if self.flow == "masonry" and self.order != "down":
            raise ValueError("order: masonry columns are read down ('down')")


class TileStyle(Model, frozen=True, kw_only=True):
    sides: Literal["stacked", "side-by-side"] = "stacked"
    padding_mm: NonNegative = 5
    gap_mm: NonNegative = 3
    radius_mm: NonNegative = 3
    badge: Literal["circle", "square"] = "circle"


class QRPlacement(Model, frozen=True, kw_only=True):
    size_mm: Positive
    position: Literal["footer-right", "footer-left"] = "footer-right"


class QRSize(Model, frozen=True, kw_only=True):
    size_mm: Positive


class PosterLayout(Model, frozen=True, kw_only=True):
    """A poster: one page of tiles in a grid, between a header band and a footer."""

    page: Page
    bleed_mm: Annotated[float, Meta(ge=0, le=20)] = 3
    safe_margin_mm: NonNegative = 12
    header: Header
    footer: Footer
    grid: Grid
    tile: TileStyle = TileStyle()
    fonts: Fonts
    qr: QRPlacement
    description: str = ""
    name: str = ""  # set by the loader from the file name
    source_file: str = ""


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


Layout = PosterLayout | DeckLayout


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
        if not _URL.fullmatch(self.url):
            raise ValueError(f"url: not a web address: {self.url!r} (expected https://…)")


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


def _problem_of(error: msgspec.ValidationError, path: Path) -> Problem:
    """msgspec's 'Expected `str`, got `int` - at `$.items[0].heading`' → field and message."""
    m = _AT.match(str(error))
    assert m is not None
    msg, where = m["msg"], m["path"] or "$"
    field = where.removeprefix("$").lstrip(".")
    field = re.sub(r"\[(\d+)\]", r".\1", field).lstrip(".")
    if m["key"]:
        msg = f"{msg} (in a key)"
    missing = re.fullmatch(r"Object missing required field `(.+)`", msg)
    unknown = re.fullmatch(r"Object contains unknown field `(.+)`", msg)
    if missing:
        field, msg = _join(field, missing[1]), "missing (required)"
    elif unknown:
        field, msg = _join(field, unknown[1]), "unknown field"
        if " " in unknown[1]:
            msg += " (a comma inside {…} starts a new field: put the text in quotes)"
    else:
        inner = re.match(r"(\w+): (.*)", msg, re.S)  # a check that names its own field
        if inner and not msg.startswith(("Expected", "Invalid")):
            field, msg = _join(field, inner[1]), inner[2]
        msg = msg.replace("Expected", "expected").replace(
            "Invalid enum value", "not one of the choices:"
        )
    return Problem(str(path), field, msg)


def _join(a: str, b: str) -> str:
    return f"{a}.{b}" if a else b


def _normalise(value: Any) -> Any:
    """Every string NFC, whitespace runs folded to one space, ends trimmed."""
    if isinstance(value, str):
        return " ".join(unicodedata.normalize("NFC", value).split())
    if isinstance(value, list):
        return [_normalise(v) for v in value]
    if isinstance(value, dict):
        return {k: _normalise(v) for k, v in value.items()}
    return value


# The largest file read, by kind: the 17 differences are 12 KB, a layout or a brand 1 KB.
MAX_YAML_BYTES = {"content": 1024 * 1024, "layout": 256 * 1024, "brand": 256 * 1024}
MAX_YAML_DEPTH = 32  # levels of nesting; the formats use 4
MAX_YAML_NODES = 10_000  # values (texts, lists, mappings); 200 items take 1,000
MAX_LOGO_BYTES = 20 * 1024 * 1024  # a logo is an emblem, not a photograph

YamlKind = Literal["content", "layout", "brand"]

try:  # libyaml's parser when PyYAML has it: the same events, several times faster
    from yaml._yaml import CParser as _Parser
except ImportError:  # pragma: no cover - PyYAML built without libyaml
    from yaml.parser import Parser
    from yaml.reader import Reader
    from yaml.scanner import Scanner

    class _Parser(Reader, Scanner, Parser):  # type: ignore[no-redef]
        def __init__(self, stream: str) -> None:
            Reader.__init__(self, stream)
            Scanner.__init__(self)
            Parser.__init__(self)


class _Refused(Exception):
    def __init__(self, field: str, message: str, mark: Any):
        super().__init__(message)
        self.field, self.message = field, message
        self.line: int | None = mark.line + 1 if mark is not None else None


class _Loader(Composer, _Parser, SafeConstructor, Resolver):
    """PyYAML's safe loader, composing in Python so that it can refuse, before building
    anything: aliases (`*name`: a few lines of them expand to billions of values), nesting
    deeper than MAX_YAML_DEPTH (libyaml's composer recurses in C and would crash), more
    than MAX_YAML_NODES values (a megabyte of tiny ones takes seconds to build), a key
    given twice in one mapping (the last would silently win), and a number that is not
    finite (.inf, .nan). Each refusal names the field and the line."""

    def __init__(self, text: str) -> None:
        _Parser.__init__(self, text)
        SafeConstructor.__init__(self)
        Resolver.__init__(self)
        Composer.__init__(self)
        self._path: list[str] = []
        self._nodes = 0

    def compose_node(self, parent: Node | None, index: Any) -> Node | None:
        # a mapping's value comes with its key node, a sequence's item with its index
        if parent is None:
            steps = self._path
        elif isinstance(index, ScalarNode):
            steps = [*self._path, str(index.value)]
        elif isinstance(index, int):
            steps = [*self._path, str(index)]
        else:  # a key
            steps = [*self._path, "(key)"]
        event = self.peek_event()
        assert event is not None  # a node is coming: the composer checked
        if isinstance(event, AliasEvent):
            raise _Refused(
                ".".join(steps),
                f"an alias (*{event.anchor}) repeats another value: aliases are not "
                "supported, write the value out",
                event.start_mark,
            )
        self._nodes += 1
        if self._nodes > MAX_YAML_NODES:  # building a million small values takes seconds
            raise _Refused(
                ".".join(steps),
                f"the file holds more than {MAX_YAML_NODES:,} values (texts, lists and "
                "mappings together)",
                event.start_mark,
            )
        if len(steps) > MAX_YAML_DEPTH:
            raise _Refused(
                ".".join([*steps[:4], "…"]),
                f"nested more than {MAX_YAML_DEPTH} levels deep",
                event.start_mark,
            )
        outer, self._path = self._path, steps
        try:
            node = super().compose_node(parent, index)
        finally:
            self._path = outer
        if isinstance(node, ScalarNode) and node.tag == "tag:yaml.org,2002:float":
            try:
                number = self.construct_yaml_float(node)
            except (ValueError, IndexError):  # `!!float abc`, `!!float ""`
                raise _Refused(
                    ".".join(steps), f"not a number: {node.value!r}", node.start_mark
                ) from None
            if not math.isfinite(number):
                raise _Refused(
                    ".".join(steps), f"not a finite number: {node.value}", node.start_mark
                )
        return node

    def compose_mapping_node(self, anchor: Any) -> MappingNode:
        # PyYAML's, plus the check of repeated keys
        start = self.get_event()
        assert isinstance(start, MappingStartEvent)
        tag = start.tag
        if tag is None or tag == "!":
            tag = self.resolve(MappingNode, None, start.implicit)  # type: ignore[no-untyped-call]
        mark: Any = start.start_mark  # libyaml's Mark or PyYAML's: the same fields
        node = MappingNode(tag, [], mark, None, flow_style=start.flow_style)
        if anchor is not None:
            self.anchors[anchor] = node
        seen: dict[tuple[str, object], int] = {}
        while not self.check_event(MappingEndEvent):
            key = self.compose_node(node, None)
            assert key is not None  # a mapping's key is a node, if only an empty one
            if isinstance(key, ScalarNode):
                first = seen.get((key.tag, key.value))
                if first is not None:
                    raise _Refused(
                        ".".join([*self._path, str(key.value)]),
                        f"given twice (first on line {first}): give each field once",
                        key.start_mark,
                    )
                seen[key.tag, key.value] = key.start_mark.line + 1
            value = self.compose_node(node, key)
            assert value is not None
            node.value.append((key, value))
        end = self.get_event()
        assert end is not None
        node.end_mark = end.end_mark
        return node


def _read_yaml(path: Path, kind: YamlKind) -> Any:
    """A YAML file of `kind`, bounded: a regular file of at most MAX_YAML_BYTES[kind],
    looked at before it is opened, and parsed by _Loader."""
    limit = MAX_YAML_BYTES[kind]
    problem = file_problem(path, "a YAML file", limit, f"a {kind} file")
    if problem is not None:
        raise PosterError.one(str(path), "", problem)
    try:
        text = read_bounded(path, limit).decode("utf-8")
    except UnicodeDecodeError as e:
        raise PosterError.one(str(path), "", f"not UTF-8 text ({e.reason})") from None
    except OSError as e:
        raise PosterError.one(str(path), "", f"cannot read: {e.strerror}") from None
    loader = _Loader(text)
    try:
        return loader.get_single_data()
    except _Refused as e:
        raise PosterError.one(str(path), e.field, e.message, e.line) from None
    except yaml.MarkedYAMLError as e:
        line = e.problem_mark.line + 1 if e.problem_mark else None
        raise PosterError.one(str(path), "", f"invalid YAML: {e.problem}", line) from None
    except yaml.YAMLError as e:
        raise PosterError.one(str(path), "", f"invalid YAML: {e}") from None
    except (ValueError, TypeError, OverflowError, IndexError, KeyError, AttributeError) as e:
        # a value PyYAML's constructors do not take: `!!timestamp 2026-13-45`, `!!binary é`
        raise PosterError.one(str(path), "", f"invalid YAML value: {e}") from None
    finally:
        loader.dispose()


M = TypeVar("M", bound=Model)


def _validate(model: type[M], data: Any, path: Path) -> M:
    if not isinstance(data, dict):
        raise PosterError.one(str(path), "", "expected a mapping of fields at the top level")
    try:
        return msgspec.convert(_normalise(data), model, strict=True, dec_hook=_decode)
    except msgspec.ValidationError as e:
        raise PosterError(_problem_of(e, path)) from None


def _resolve(kind: str, value: str | Path, folder: str) -> Path:
    """A shipped name ('a1-portrait') or a path to a YAML file."""
    text = str(value)
    if text.endswith((".yaml", ".yml")) or os.sep in text or "/" in text:
        return Path(text)
    path = resources.find(folder, f"{text}.yaml")
    if path is None:
        known = ", ".join(resources.names(folder)) or "none"
        raise PosterError.one(f"--{kind}", kind, f"no {kind} named {text!r} (shipped: {known})")
    return path


@lru_cache(maxsize=16)
def _load_content(path: Path, mtime: float) -> Content:
    content = _validate(Content, _read_yaml(path, "content"), path)
    return replace(content, source_file=str(path))


def load_content(value: str | Path | None = None) -> Content:
    path = Path(value) if value else resources.DEFAULT_CONTENT
    return _load_content(path, _mtime(path))


@lru_cache(maxsize=32)
def _load_layout(path: Path, mtime: float) -> Layout:
    data = _read_yaml(path, "layout")
    # a `deck:` section makes a slide deck; anything else is a poster
    kind: type[PosterLayout] | type[DeckLayout] = (
        DeckLayout if isinstance(data, dict) and "deck" in data else PosterLayout
    )
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
    from PIL import Image, UnidentifiedImageError

    # looked at before it is opened: a named pipe would block, /dev/zero never end
    problem = file_problem(path, "an image", MAX_LOGO_BYTES, "a logo")
    if problem is not None:
        raise PosterError.one(file, field, f"{problem}: {path}")
    try:
        with warnings.catch_warnings():
            # a logo of ~90 megapixels or more is a mistake (or a decompression bomb)
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            image = Image.open(path)
        with image:
            if image.format not in ("PNG", "JPEG"):
                raise PosterError.one(
                    file, field, f"{path.name} is {image.format}, expected PNG or JPEG"
                )
            image.load()
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError) as e:
        raise PosterError.one(
            file, field, f"{path.name} is not a readable PNG or JPEG image ({e})"
        ) from None
    except (Image.DecompressionBombError, Image.DecompressionBombWarning) as e:
        raise PosterError.one(file, field, f"{path.name} is too large an image ({e})") from None


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
