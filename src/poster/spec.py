"""YAML in, frozen validated objects out: content, layout specs and brands.

The only module that reads YAML. Every string is NFC-normalised here, every length
stays in millimetres (`*_mm`) and is converted where it is used, every problem of a
file is reported at once as `FILE: field.path: what is wrong`.
"""

from __future__ import annotations

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

from poster import resources
from poster.colors import Color, parse_color
from poster.errors import PosterError, Problem
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
Positive = Annotated[float, Meta(gt=0)]
NonNegative = Annotated[float, Meta(ge=0)]


class Model(Struct, frozen=True, forbid_unknown_fields=True, kw_only=True):
    pass


# ---------------------------------------------------------------- content


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
    items: Annotated[list[Item], Meta(min_length=1)]
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


def _read_yaml(path: Path) -> Any:
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise PosterError.one(str(path), "", "file not found") from None
    except UnicodeDecodeError as e:
        raise PosterError.one(str(path), "", f"not UTF-8 text ({e.reason})") from None
    except OSError as e:
        raise PosterError.one(str(path), "", f"cannot read: {e.strerror}") from None
    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    try:
        return yaml.load(text, Loader=loader)
    except yaml.MarkedYAMLError as e:
        line = e.problem_mark.line + 1 if e.problem_mark else None
        raise PosterError.one(str(path), "", f"invalid YAML: {e.problem}", line) from None
    except yaml.YAMLError as e:
        raise PosterError.one(str(path), "", f"invalid YAML: {e}") from None


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
    content = _validate(Content, _read_yaml(path), path)
    items = [replace(item, icon=_icon(item.icon, path, f"items.{i}.icon")) if item.icon else item
             for i, item in enumerate(content.items)]  # fmt: skip
    return replace(content, items=items, source_file=str(path))


def _icon(value: str, content_file: Path, field: str) -> str:
    """An item's icon as the path of its SVG file: a shipped name or a path to a .svg
    (relative to the content file)."""
    if value.lower().endswith(".svg") or "/" in value or os.sep in value:
        path = Path(value) if Path(value).is_absolute() else content_file.parent / value
        if not path.is_file():
            raise PosterError.one(str(content_file), field, f"icon file {value!r} not found")
        return str(path.resolve())
    found = resources.find(resources.ICONS, f"{value}.svg")
    if found is None:
        known = ", ".join(resources.icon_names())
        raise PosterError.one(
            str(content_file), field, f"no icon named {value!r} (shipped: {known})"
        )
    return str(found)


def load_content(value: str | Path | None = None) -> Content:
    path = Path(value) if value else resources.DEFAULT_CONTENT
    return _load_content(path, _mtime(path))


@lru_cache(maxsize=32)
def _load_layout(path: Path, mtime: float) -> Layout:
    data = _read_yaml(path)
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
    return brand_from_dict(_read_yaml(path), path)


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
    slug = brand.slug or slugify(brand.name)
    return replace(brand, logo=str(logo) if logo else None, slug=slug, source_file=str(path))


def check_image(path: Path, file: str, field: str) -> None:
    from PIL import Image, UnidentifiedImageError

    if path.is_dir():
        raise PosterError.one(file, field, f"is a folder, not an image: {path}")
    if not path.is_file():
        raise PosterError.one(file, field, f"file not found: {path}")
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
