"""Stage tests of reading an item's SVG icon (poster.readers.icon), in process: the file,
what its first bytes say it is, the XML (entities, elements, root, pictures, links), the
sizes in every unit, and svglib's drawing kept near its box. Every expected code,
parameter and message is written here by hand (svglib draws 1 px as 0.75 pt: an icon
20 px wide is a drawing 15 pt wide, whose reach past its box is half that, 7.5 pt)."""

from __future__ import annotations

import codecs
import logging
import os
from pathlib import Path
from typing import Any

import pytest

from poster import limits
from poster.errors import PosterError, Problem
from poster.readers import icon
from poster.readers.icon import _check, _drawn, _Parse, _Refused, _standard_font, read_icon

NS = 'xmlns="http://www.w3.org/2000/svg"'
XLINK = 'xmlns:xlink="http://www.w3.org/1999/xlink"'


def svg(body: str = "", attrs: str = 'width="20" height="20" viewBox="0 0 20 20"') -> str:
    return f"<svg {NS} {attrs}>{body}</svg>"


def why(raw: bytes | str) -> tuple[str, dict[str, Any]]:
    """The code and parameters of the refusal of an icon's bytes."""
    with pytest.raises(_Refused) as raised:
        _check(raw.encode() if isinstance(raw, str) else raw)
    return raised.value.code, raised.value.params


def drawn_why(text: str) -> tuple[str, dict[str, Any]]:
    with pytest.raises(_Refused) as raised:
        _drawn(text)
    return raised.value.code, raised.value.params


def refused(path: Path) -> Problem:
    with pytest.raises(PosterError) as raised:
        read_icon(path, "content.yaml", "items.3.icon")
    (p,) = raised.value.problems
    assert (p.file, p.field) == ("content.yaml", "items.3.icon")
    return p


# ---------------------------------------------------------------- the file


def test_an_icon_file_is_read_as_its_text(tmp_path) -> None:
    path = tmp_path / "a.svg"
    text = svg('<path d="M2 2 L18 18"/>')
    path.write_text(text, encoding="utf-8")
    assert read_icon(path, "content.yaml", "items.3.icon") == text
    bom = tmp_path / "bom.svg"
    bom.write_bytes(codecs.BOM_UTF8 + text.encode())
    assert read_icon(bom, "content.yaml", "items.3.icon") == text


def test_a_changed_icon_is_read_again(tmp_path) -> None:
    path = tmp_path / "a.svg"
    one, two = svg('<path d="M1 1 L2 2"/>'), svg('<path d="M3 3 L4 4"/>')
    assert len(one) == len(two)
    path.write_text(one, encoding="utf-8")
    assert read_icon(path, "content.yaml", "items.3.icon") == one
    os.utime(path, ns=(1, 1))
    path.write_text(two, encoding="utf-8")  # the same size, another time
    os.utime(path, ns=(2, 2))
    assert read_icon(path, "content.yaml", "items.3.icon") == two
    three = svg('<path d="M5 5 L6 6"/><g/>')
    path.write_text(three, encoding="utf-8")  # the same time, another size
    os.utime(path, ns=(2, 2))
    assert read_icon(path, "content.yaml", "items.3.icon") == three


def test_a_missing_file_a_folder_and_a_bad_name(tmp_path) -> None:
    p = refused(tmp_path / "x.svg")
    assert (p.code, p.params) == ("icon.file-not-found", {"name": "x.svg"})
    assert p.message == "icon file 'x.svg' not found"
    (tmp_path / "d.svg").mkdir()
    p = refused(tmp_path / "d.svg")
    assert (p.code, p.message) == (
        "icon.not-regular",
        "the icon d.svg is a folder, not an SVG file",
    )
    p = refused(tmp_path / "a\0b.svg")
    assert (p.code, p.params) == ("icon.cannot-read", {"name": "a\0b.svg"})


def test_a_name_the_system_refuses_is_unreadable(tmp_path) -> None:
    p = refused(tmp_path / ("x" * 300 + ".svg"))
    assert (p.code, p.params["reason"]) == ("icon.cannot-read", "File name too long")
    assert p.message == f"cannot read the icon {'x' * 300}.svg: File name too long"


def test_an_icon_holds_at_most_icon_bytes(tmp_path, monkeypatch) -> None:
    text = svg()
    monkeypatch.setattr(limits, "ICON_BYTES", len(text))
    exact = tmp_path / "exact.svg"
    exact.write_text(text, encoding="utf-8")
    assert read_icon(exact, "content.yaml", "items.3.icon") == text
    over = tmp_path / "over.svg"
    over.write_text(text + " ", encoding="utf-8")
    p = refused(over)
    assert (p.code, p.params) == (
        "icon.file-too-large",
        {"name": "over.svg", "size": f"{len(text) + 1} bytes", "kind_word": "an icon",
         "limit": f"{len(text)} bytes"},
    )  # fmt: skip


def test_what_the_content_refuses_names_the_file_and_the_field(tmp_path) -> None:
    path = tmp_path / "p.svg"
    path.write_bytes(b"\x89PNG\r\n\x1a\n")
    p = refused(path)
    assert (p.code, p.params) == ("icon.not-svg", {"name": "p.svg", "what_word": "a PNG image"})
    assert str(p) == (
        "content.yaml: items.3.icon: p.svg is a PNG image, not an SVG drawing: give an SVG "
        "file (convert the picture to SVG, or use a shipped icon)"
    )


# ---------------------------------------------------------------- what the bytes are


@pytest.mark.parametrize(
    "head, what",
    [
        (b"\x89PNG\r\n", "a PNG image"),
        (b"\xff\xd8\xff\xe0", "a JPEG image"),
        (b"GIF89a", "a GIF image"),
        (b"%PDF-1.7", "a PDF file"),
        (b"\x1f\x8b\x08", "a compressed file (SVGZ)"),
        (b"PK\x03\x04", "a zip file"),
        (b"BM6", "a BMP image"),
        (b"II*\x00", "a TIFF image"),
        (b"MM\x00*", "a TIFF image"),
    ],
)
def test_a_picture_or_an_archive_is_named_as_what_it_is(head, what) -> None:
    assert why(head + b"<svg/>") == ("icon.not-svg", {"what_word": what})


def test_binary_data_is_seen_in_the_first_4096_bytes() -> None:
    text = svg().encode()
    assert why(text[:5] + b"\0" + text[5:]) == ("icon.not-svg", {"what_word": "binary data"})
    late = text + b"<!--" + b" " * 4096 + b"\0-->"  # a NUL past the first 4,096 bytes
    at = late.index(b"\0")
    assert at > 4096
    assert why(late)[0] == "icon.xml"  # left to the XML parser
    edge = b" " * 4095 + b"\0" + text
    assert why(edge) == ("icon.not-svg", {"what_word": "binary data"})
    past = b" " * 4096 + b"\0" + text
    assert why(past)[0] == "icon.xml"


def test_a_byte_order_mark_is_taken_first_only() -> None:
    text = svg()
    assert _check(codecs.BOM_UTF8 + text.encode()) == text
    assert why(text.encode() + codecs.BOM_UTF8)[0] == "icon.xml"


def test_text_that_is_not_utf8() -> None:
    assert why(b"<svg>caf\xe9</svg>") == ("icon.not-utf8", {})


# ---------------------------------------------------------------- the XML


def test_xml_that_is_not_well_formed_is_named_by_line() -> None:
    assert why(f"<svg {NS}>\n<g></svg>") == ("icon.xml", {"row": 2, "reason": "mismatched tag"})
    assert why("") == ("icon.xml", {"row": 1, "reason": "no element found"})


def test_entity_declarations_are_refused() -> None:
    assert why(f'<!DOCTYPE svg [<!ENTITY a "b">]><svg {NS}/>') == ("icon.entities", {"entity": "a"})
    assert why(f'<!DOCTYPE svg [<!ENTITY % p "x">]><svg {NS}/>') == (
        "icon.entities",
        {"entity": "p"},
    )


def test_at_most_icon_elements_elements(monkeypatch) -> None:
    monkeypatch.setattr(limits, "ICON_ELEMENTS", 3)
    assert _check(svg("<g/><g/>").encode()) == svg("<g/><g/>")
    assert why(svg("<g/><g/><g/>")) == ("icon.elements", {"limit": 3})


def test_the_root_must_be_svg_in_the_svg_namespace_or_none() -> None:
    assert _check(b'<svg width="2" height="2"/>') == '<svg width="2" height="2"/>'
    assert why(b"<html/>") == ("icon.not-svg-root", {"root": "html"})
    assert why(b'<svg xmlns="http://example.org/svg"/>') == ("icon.not-svg-root", {"root": "svg"})
    assert why(f"<{'x' * 50}/>") == ("icon.not-svg-root", {"root": "x" * 40})
    assert why(f"<g {NS}><svg {NS}/></g>") == ("icon.not-svg-root", {"root": "g"})


def test_a_picture_anywhere_is_refused() -> None:
    assert why(svg('<g><image width="2" height="2"/></g>')) == ("icon.image", {})


def test_links_inside_the_file_only() -> None:
    inside = svg('<defs><path id="a" d="M1 1 L2 2"/></defs><use href="#a"/>')
    assert _check(inside.encode()) == inside
    xinside = svg('<use xlink:href="#a"/>', f'{XLINK} width="20" height="20"')
    assert _check(xinside.encode()) == xinside
    assert why(svg('<a href="https://example.org/x"><g/></a>')) == (
        "icon.link",
        {"element": "a", "href": "https://example.org/x"},
    )
    assert why(svg('<use xlink:href="other.svg#a"/>', XLINK)) == (
        "icon.link",
        {"element": "use", "href": "other.svg#a"},
    )
    assert why(svg('<use xlink:href="" href="#a"/>', XLINK)) == (
        "icon.link",
        {"element": "use", "href": ""},
    )
    long = "f" * 70
    assert why(svg(f'<{"u" * 50} href="{long}"/>')) == (
        "icon.link",
        {"element": "u" * 40, "href": "f" * 60},
    )


# ---------------------------------------------------------------- sizes


@pytest.mark.parametrize(
    "value",
    ["10000", "10000px", " 10000 px ", "7500pt", "625pc", "2645mm", "264.5cm", "104in",
     "625em", "1250ex", "1e4", "+5", ".5", "5.", "100000%"],
)  # fmt: skip
def test_a_width_of_at_most_icon_side_pixels_in_any_unit(value) -> None:
    # the parse alone: svglib has its own view of ' 10000 px ' and of percentages
    _Parse(svg("", f'width="{value}" height="{value}"').encode()).run()


@pytest.mark.parametrize(
    "value",
    ["10001", "7501pt", "626pc", "2646mm", "264.6cm", "104.2in", "625.1em", "1251ex", "0",
     "-5", "abc", "inf", "1e999", "5 px px", "", "12vw"],
)  # fmt: skip
def test_a_width_or_height_too_large_or_not_a_length(value) -> None:
    assert why(svg("", f'width="{value}" height="20"')) == (
        "icon.size",
        {"attribute": "width", "value": value, "limit": 10_000},
    )
    assert why(svg("", f'width="20" height="{value}"')) == (
        "icon.size",
        {"attribute": "height", "value": value, "limit": 10_000},
    )


def test_a_size_is_quoted_by_its_first_40_characters() -> None:
    assert why(svg("", f'width="{"9" * 50}"'))[1]["value"] == "9" * 40  # too large
    assert why(svg("", f'width="{"x" * 50}"'))[1]["value"] == "x" * 40  # not a length


def test_a_height_is_checked_without_a_width() -> None:
    assert why(svg("", 'height="10001"')) == (
        "icon.size",
        {"attribute": "height", "value": "10001", "limit": 10_000},
    )


@pytest.mark.parametrize(
    "box",
    [
        "0 0 24 24",
        "0,0,24,24",
        " 0, 0  24\t24 ",
        "-10000 -10000 10000 10000",
        "0 0 10000 1",
        "0 0 1 24",
        "0 0 0.5 0.5",
    ],
)
def test_a_view_box_within_icon_side(box) -> None:
    text = svg("", f'viewBox="{box}"')
    assert _check(text.encode()) == text


@pytest.mark.parametrize(
    "box",
    ["-10001 0 1 1", "0 10001 1 1", "0 0 10001 1", "0 0 1 10001", "0 0 0 24", "0 0 24 0",
     "0 0 -1 24", "0 0 24", "0 0 24 24 5", "0 0 a 24", "", "0 0 inf 1", "0 0 nan 1"],
)  # fmt: skip
def test_a_view_box_out_of_bounds_or_not_four_numbers(box) -> None:
    assert why(svg("", f'viewBox="{box}"')) == (
        "icon.size",
        {"attribute": "viewBox", "value": box, "limit": 10_000},
    )


def test_a_view_box_is_quoted_by_its_first_40_characters() -> None:
    box = "0 0 1 " + "9" * 50
    assert why(svg("", f'viewBox="{box}"'))[1]["value"] == box[:40]


# ---------------------------------------------------------------- the drawing


def test_a_drawing_reaching_half_its_side_past_its_box_is_kept() -> None:
    # 20 px → 15 pt; -10 and 30 user units → -7.5 and 22.5 pt: the reach exactly
    _drawn(svg('<path d="M-10 -10 L30 30"/>'))
    # not square: the reach is half the larger side (40 px → 30 pt: 15 pt)
    _drawn(svg('<path d="M-20 10 L60 10"/>', 'width="40" height="20" viewBox="0 0 40 20"'))
    _drawn(svg())  # nothing drawn


@pytest.mark.parametrize(
    "path",
    ["M-10.1 10 L10 10", "M30.1 10 L10 10", "M10 -10.1 L10 10", "M10 30.1 L10 10",
     "M0 0 L1e308 1e308 L-1e308 1"],
)  # fmt: skip
def test_a_drawing_further_out_on_any_side_is_refused(path) -> None:
    assert drawn_why(svg(f'<path d="{path}"/>')) == ("icon.outside", {})
    assert why(svg(f'<path d="{path}"/>')) == ("icon.outside", {})


def test_svglibs_size_of_the_drawing_is_bounded_too() -> None:
    _drawn(svg("", 'width="10000pt" height="20"'))
    assert drawn_why(svg("", 'width="10001pt" height="20"')) == (
        "icon.size",
        {"attribute": "width × height", "value": "10001 × 15", "limit": 10_000},
    )
    assert drawn_why(svg("", 'width="20" height="10001pt"'))[1]["value"] == "15 × 10001"
    assert drawn_why(svg("", 'height="5"'))[1]["value"] == "0 × 3.75"  # no width at all
    assert drawn_why(svg("", 'width="20" height="-3"'))[1]["value"] == "15 × -2.25"
    assert drawn_why(svg("", 'width="inf" height="3"'))[1]["value"] == "inf × 2.25"


def test_no_drawing_at_all() -> None:
    assert drawn_why("") == ("icon.unreadable", {"reason": "svglib made no drawing"})


def test_what_svglib_raises_is_the_icons_problem(monkeypatch) -> None:
    import svglib.svglib

    def broken(source: object) -> None:
        raise ValueError("bad  arc\n" + "x" * 300)

    monkeypatch.setattr(svglib.svglib, "svg2rlg", broken)
    code, params = drawn_why(svg())
    assert code == "icon.unreadable"
    assert params == {"reason": ("ValueError: bad  arc\n" + "x" * 300)[:200]}


def test_svglibs_complaints_are_silenced_while_it_draws_only(monkeypatch) -> None:
    import svglib.svglib

    log = logging.getLogger("svglib.svglib")
    seen: list[int] = []
    real = svglib.svglib.svg2rlg

    def watched(source: Any) -> Any:
        seen.append(log.level)
        return real(source)

    monkeypatch.setattr(svglib.svglib, "svg2rlg", watched)
    monkeypatch.setattr(log, "level", logging.INFO)
    _drawn(svg())
    assert seen == [logging.CRITICAL] and log.level == logging.INFO


def test_current_color_is_drawn_as_black(monkeypatch) -> None:
    import svglib.svglib

    got: list[bytes] = []
    real = svglib.svglib.svg2rlg

    def watched(source: Any) -> Any:
        got.append(source.getvalue())
        return real(source)

    monkeypatch.setattr(svglib.svglib, "svg2rlg", watched)
    _drawn(svg('<path fill="currentColor" stroke="currentColor" d="M1 1 L2 2"/>'))
    assert got == [svg('<path fill="#000000" stroke="#000000" d="M1 1 L2 2"/>').encode()]


class Node:
    def __init__(self, font: str | None = None, *children: Node, fontless: bool = False):
        if not fontless:
            self.fontName = font
        self.contents = list(children)


def test_text_of_an_icon_is_measured_in_a_standard_font() -> None:
    leaf = Node("Be Vietnam Pro")
    none = Node(None)
    bare = Node(fontless=True)
    deep = Node("X")
    root = Node("Times", leaf, none, Node(None, deep), bare)
    _standard_font(root)
    assert [root.fontName, leaf.fontName, none.fontName, deep.fontName] == [
        "Helvetica",
        "Helvetica",
        None,
        "Helvetica",
    ]
    assert not hasattr(bare, "fontName")
    _standard_font(object())  # neither a font nor contents


def test_the_refusal_names_the_icon_in_english() -> None:
    refusal = _Refused("icon.outside")
    assert (refusal.code, refusal.params, str(refusal)) == ("icon.outside", {}, "icon.outside")
    assert icon._FILE_CODES["file.too-large"] == "icon.file-too-large"
