"""Stage tests of the web page's form (poster.web.jobs, poster.web.messages), in process:
every field read and checked, every problem placed on its form field in Vietnamese, the
answer's summary, the page labels, the file of pages. No server, no worker: the
functions are called directly. Every expected order, message and label is written here
by hand; a suggested colour is checked with the WCAG formula written here."""

from __future__ import annotations

import io
import math
import unicodedata
import zipfile
from types import SimpleNamespace
from typing import Any

import pytest
import yaml
from conftest import LAYOUT_FOLDER

from poster.errors import Problem, problem
from poster.web import jobs
from poster.web.jobs import (
    Invalid,
    Order,
    _field_holding,
    _logo_warning,
    _page_labels,
    _set_aside,
    _shape,
    _too_wide,
    _zip,
    brand_problems,
    layout_choices,
    logo_min_px,
    parse_order,
    reject,
    too_large_message,
)
from poster.web.messages import decimal, field_of, form_errors, form_fixes, merge, vietnamese

TOO_LONG = "Quá dài: {} ký tự, tối đa {}."
CONTROL = "Có ký tự điều khiển U+{} (không in được): hãy gõ lại ô này."
NO_GLYPH = "Ký tự '{}' (U+{}) không có trong phông chữ Be Vietnam Pro: hãy bỏ hoặc thay ký tự này."


def errors(fields: dict[str, str], logo: Any = None) -> tuple[dict[str, list[str]], dict[str, str]]:
    with pytest.raises(Invalid) as raised:
        parse_order(fields, logo)
    return raised.value.errors, raised.value.fixes


def poster(**fields: str) -> dict[str, str]:
    return {"name": "Xã A", "layout": "a1-portrait", **fields}


def luminance(hex_colour: str) -> float:
    """WCAG 2.1 relative luminance, written here."""
    channels = [int(hex_colour[i : i + 2], 16) / 255 for i in (1, 3, 5)]
    linear = [c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def contrast(a: str, b: str) -> float:
    la, lb = sorted((luminance(a), luminance(b)), reverse=True)
    return (la + 0.05) / (lb + 0.05)


# ---------------------------------------------------------------- an order


def test_a_posters_order_with_every_field() -> None:
    order = parse_order(
        {
            "name": " Xã \u00a0Hiệp  Hòa ",
            "authority": "UBND huye\u0302\u0323n\n\n  UBND   xã \r\n",
            "colors.primary": " #B3261E ",
            "colors.background": "#FFFFFF",
            "qr.url": "https://a.vn/x",
            "qr.caption": "Quét  mã",
            "footer": "Chân\ttrang",
            "province": " Quảng  Ninh ",
            "layout": "a3-portrait",
            "format": "pdf",
            "sheet": "A3",
            "marks": "on",
            "cmyk": "YES",
            "unknown": "ignored",
        },
        b"png",
    )
    assert order == Order(
        {
            "name": "Xã Hiệp Hòa",
            "authority": ["UBND huyện", "UBND xã"],
            "colors": {"primary": "#B3261E", "background": "#FFFFFF"},
            "qr": {"url": "https://a.vn/x", "caption": "Quét mã"},
            "footer": "Chân trang",
        },
        "a3-portrait",
        False,
        "pdf",
        "A3",
        True,
        True,
        None,
        b"png",
        "Quảng Ninh",
    )
    assert unicodedata.is_normalized("NFC", order.brand["authority"][0])


def test_a_form_without_a_name() -> None:
    assert errors({"layout": "a1-portrait"})[0] == {"name": ["Không được để trống."]}


def test_the_least_order_and_the_defaults() -> None:
    order = parse_order({"name": "Xã A", "layout": "a1-portrait", "marks": "no", "sheet": ""})
    assert order == Order(
        {"name": "Xã A", "authority": [], "colors": {}, "qr": {}}, "a1-portrait", False, "pdf"
    )
    assert (order.sheet, order.marks, order.cmyk, order.subtitle, order.logo, order.province) == (
        None, False, False, None, None, None,
    )  # fmt: skip
    assert parse_order(poster(footer="", subtitle="", province=""), b"").brand == {
        "name": "Xã A", "authority": [], "colors": {}, "qr": {}
    }  # fmt: skip


@pytest.mark.parametrize("value", ["on", "1", "true", "True", "yes", "ON"])
def test_a_ticked_box(value) -> None:
    assert parse_order(poster(marks=value)).marks is True
    assert parse_order(poster(cmyk=value)).cmyk is True


@pytest.mark.parametrize("value", ["", "off", "0", "no", "y"])
def test_a_box_not_ticked(value) -> None:
    assert parse_order(poster(marks=value, cmyk=value)).marks is False


def test_a_deck_and_social_cards() -> None:
    deck = parse_order({"name": "Xã A", "layout": "slides-16x9", "format": "pptx",
                        "subtitle": " Hà Nội,  2026 "})  # fmt: skip
    assert (deck.layout, deck.deck, deck.format, deck.subtitle) == (
        "slides-16x9", True, "pptx", "Hà Nội, 2026",
    )  # fmt: skip
    cards = parse_order({"name": "Xã A", "layout": "social-square", "format": "png"})
    assert (cards.deck, cards.format, cards.cards) == (False, "png", True)
    assert parse_order(poster(sheet="A4")).sheet == "A4"


# ---------------------------------------------------------------- control characters first


def test_a_control_character_is_refused_before_anything_else() -> None:
    got, fixes = errors({"name": "A\x1b", "authority": "a\nb\x00", "footer": "x\ny",
                         "qr.url": "\u202e", "layout": "nope", "subtitle": "a\tb"})  # fmt: skip
    assert got == {
        "name": [CONTROL.format("001B")],
        "authority": [CONTROL.format("0000")],
        "footer": [CONTROL.format("000A")],
        "qr.url": [CONTROL.format("202E")],
    }
    assert fixes == {}
    assert parse_order(poster(authority="a\r\nb\rc")).brand["authority"] == ["a", "b", "c"]


# ---------------------------------------------------------------- lengths and glyphs


@pytest.mark.parametrize(
    "field, most, value",
    [
        ("name", 100, "x"),
        ("qr.url", 300, "https://a.vn/"),
        ("qr.caption", 200, "x"),
        ("footer", 200, "x"),
        ("province", 60, "x"),
    ],
)
def test_a_field_at_its_length_and_one_over(field, most, value) -> None:
    exact = value + "x" * (most - len(value))
    assert parse_order(poster(**{field: exact}))
    assert errors(poster(**{field: exact + "x"}))[0] == {field: [TOO_LONG.format(most + 1, most)]}


def test_a_subtitle_at_its_length_and_one_over() -> None:
    deck = {"name": "Xã A", "layout": "slides-4x3"}
    assert parse_order({**deck, "subtitle": "x" * 120}).subtitle == "x" * 120
    assert errors({**deck, "subtitle": "x" * 121})[0] == {"subtitle": [TOO_LONG.format(121, 120)]}


def test_lengths_are_counted_after_spaces_are_gathered() -> None:
    assert parse_order(poster(name=" " + "x" * 50 + "   " + "x" * 49 + " ")).brand["name"] == (
        "x" * 50 + " " + "x" * 49
    )


@pytest.mark.parametrize("field", ["name", "authority", "qr.caption", "footer"])
def test_a_character_the_font_lacks_is_named_on_its_field(field) -> None:
    got = errors(poster(**{field: "Xã 😀"}))[0]
    assert got == {field: [NO_GLYPH.format("😀", "1F600")]}


def test_a_subtitle_the_font_cannot_draw() -> None:
    got = errors({"name": "Xã A", "layout": "slides-16x9", "subtitle": "☃"})[0]
    assert got == {"subtitle": [NO_GLYPH.format("☃", "2603")]}


def test_an_address_and_a_province_are_not_drawn_in_the_font() -> None:
    assert parse_order(poster(**{"qr.url": "https://a.vn/😀", "province": "😀"}))


def test_at_most_four_authority_lines_of_100_characters() -> None:
    four = "\n".join(["a", "x" * 100, "c", "d"])
    assert parse_order(poster(authority=four)).brand["authority"][1] == "x" * 100
    got = errors(poster(authority="a\nb\nc\nd\ne"))[0]
    assert got == {"authority": ["Nhiều nhất 4 dòng (đang có 5)."]}
    got = errors(poster(authority="a\n" + "x" * 101 + "\n" + "y" * 102))[0]
    assert got == {
        "authority": [
            "Dòng 2 quá dài: tối đa 100 ký tự.",
            "Dòng 3 quá dài: tối đa 100 ký tự.",
        ]
    }


# ---------------------------------------------------------------- the brand's own problems


def test_the_brands_problems_are_merged_onto_the_form() -> None:
    got, fixes = errors(
        {"name": "", "colors.primary": "red", "qr.url": "ftp://x", "layout": "a1-portrait"}
    )
    assert got == {
        "name": ["Không được để trống."],
        "colors.primary": ["Không phải mã màu: 'red' (cần dạng #RRGGBB, ví dụ #B3261E)."],
        "qr.url": ["Không phải địa chỉ web: 'ftp://x' (cần dạng https://…)."],
    }
    assert fixes == {}
    # the form's own message and the brand's on one field
    got = errors(poster(name="x" * 101 + "😀"))[0]
    assert got["name"] == [TOO_LONG.format(102, 100), NO_GLYPH.format("😀", "1F600")]


def test_a_colour_too_light_comes_with_a_fix_that_passes() -> None:
    # a dark olive, too light for links on the background and too dark for a light
    # band with black text (a pale primary gets that band: see test_light_primary)
    got, fixes = errors(poster(**{"colors.primary": "#777700"}))
    assert fixes == {"colors.primary": "#727200"}
    # the fix, by the formula written here: the same hue (red = green, no blue), and AA
    assert contrast("#777700", "#F3F1EC") < 4.5
    assert contrast("#727200", "#F3F1EC") >= 4.5
    assert got == {
        "colors.primary": [
            "Màu #777700 trên nền áp phích (số thứ tự, đường dẫn) #F3F1EC có độ tương phản "
            "4,21:1, cần ít nhất 4,5:1 (WCAG AA): màu #727200 cùng tông màu đạt 4,51:1."
        ]
    }


def test_every_problem_of_a_brand_at_once() -> None:
    found = brand_problems(
        {"name": "", "authority": "x", "logo": 5, "colors": {"primary": "a", "left": "b"},
         "qr": {"url": "ftp://x"}, "footer": 7, "foo": 1}
    )  # fmt: skip
    assert [(p.code, p.field) for p in found] == [
        ("field.empty", "name"),
        ("field.lines", "authority"),
        ("field.type", "logo"),
        ("colour.invalid", "colors.primary"),
        ("colour.invalid", "colors.left"),
        ("url.invalid", "qr.url"),
        ("field.type", "footer"),
        ("field.unknown", "foo"),
    ]
    found = brand_problems({"name": "A", "authority": [1, 2], "footer": 3})
    assert [(p.code, p.field) for p in found] == [
        ("field.type", "authority.0"),
        ("field.type", "authority.1"),
        ("field.type", "footer"),
    ]
    assert brand_problems({"name": "Xã A", "authority": []}) == []


def test_contrast_is_judged_once_the_rest_passes() -> None:
    # the empty name alone first; set aside, the text colour's four surfaces together
    found = brand_problems({"name": "", "authority": [], "colors": {"text": "#777777"}})
    assert [(p.code, p.field) for p in found] == [("field.empty", "name")] + [
        ("contrast.low-fix", "colors.text")
    ] * 4
    found = brand_problems({"name": "A", "footer": 3, "colors": {"primary": "#777700"}})
    assert [(p.code, p.field) for p in found] == [
        ("field.type", "footer"),
        ("contrast.low-fix", "colors.primary"),
    ]


def test_two_problems_found_together_end_the_search_too() -> None:
    found = brand_problems({"name": "", "footer": 3, "colors": {"text": "#777777"}})
    assert [(p.code, p.field) for p in found] == [("field.empty", "name"), ("field.type", "footer")]


def test_the_brand_is_not_changed_by_the_search() -> None:
    brand = {"name": "", "authority": ["a", 1], "colors": {"primary": "a"}}
    brand_problems(brand)
    assert brand == {"name": "", "authority": ["a", 1], "colors": {"primary": "a"}}
    # one problem at a time: its field is set aside in a copy, never in the brand given
    colours: dict[str, Any] = {"name": "A", "colors": {"primary": "zz", "left": "#1F5FA8"}}
    assert [p.field for p in brand_problems(colours)] == ["colors.primary"]
    assert colours == {"name": "A", "colors": {"primary": "zz", "left": "#1F5FA8"}}
    lines: dict[str, Any] = {"name": "A", "authority": ["ok", 5]}
    assert [p.field for p in brand_problems(lines)] == ["authority.1"]
    assert lines == {"name": "A", "authority": ["ok", 5]}


def test_a_brands_problems_name_the_web_page_as_their_file() -> None:
    assert [(p.file, p.field) for p in brand_problems({"name": ""})] == [("trang-web", "name")]


def test_a_field_is_set_aside_by_its_path() -> None:
    data: dict[str, Any] = {
        "name": "",
        "authority": ["a", "b", "c"],
        "footer": "f",
        "colors": {"primary": "p", "left": "l"},
        "qr": {"url": "u"},
    }
    assert _set_aside(data, "name") and data["name"] == "x"
    assert _set_aside(data, "colors.left") and data["colors"] == {"primary": "p"}
    assert _set_aside(data, "qr.url") and data["qr"] == {}
    assert _set_aside(data, "authority.1") and data["authority"] == ["a", "c"]
    assert _set_aside(data, "authority.2") and "authority" not in data  # past its end: all
    assert _set_aside(data, "colors.text") and "colors" not in data  # not there: the section
    assert _set_aside(data, "footer") and "footer" not in data
    assert not _set_aside(data, "logo")
    assert _set_aside(data, "qr.caption") and "qr" not in data  # not in it: the section
    assert data == {"name": "x"}
    assert _set_aside({"authority": ["a"]}, "authority.x") is True
    assert not _set_aside({}, "authority.0")
    assert not _set_aside({}, "colors.primary")


# ---------------------------------------------------------------- the output asked for


def test_an_unknown_layout_format_or_sheet() -> None:
    got = errors({"name": "Xã A", "format": "gif", "sheet": "A5", "subtitle": "x"})[0]
    assert got == {
        "layout": ["Khổ không có trong danh sách: hãy chọn lại."],
        "format": ["Định dạng không có: chọn PDF, PPTX hoặc PNG."],
        "sheet": ["Khổ giấy ghép không có: chọn A4 hoặc A3."],
    }
    assert errors(poster(sheet="a4"))[0] == {"sheet": ["Khổ giấy ghép không có: chọn A4 hoặc A3."]}
    got = errors({"name": "Xã A", "layout": "x", "format": "pptx", "marks": "on", "cmyk": "on"})
    assert got[0] == {"layout": ["Khổ không có trong danh sách: hãy chọn lại."]}


def test_social_cards_are_not_for_print() -> None:
    cards = {"name": "Xã A", "layout": "social-portrait"}
    screen = "Thẻ mạng xã hội là ảnh cho màn hình, không dành cho in."
    assert errors({**cards, "sheet": "A4", "marks": "on", "cmyk": "on"})[0] == {"sheet": [screen]}
    assert errors({**cards, "marks": "on", "cmyk": "on"})[0] == {"marks": [screen]}
    assert errors({**cards, "cmyk": "on"})[0] == {"cmyk": [screen]}
    assert errors({**cards, "sheet": "A3"})[0] == {"sheet": [screen]}
    assert errors({**cards, "marks": "on"})[0] == {"marks": [screen]}
    assert errors({**cards, "format": "pptx"})[0] == {
        "format": ["Thẻ mạng xã hội có dạng ảnh PNG (tệp ZIP) hoặc PDF."]
    }
    assert parse_order({**cards, "format": "pdf", "subtitle": "x"}).format == "pdf"


def test_slides_are_not_tiled_marked_or_in_cmyk() -> None:
    deck = {"name": "Xã A", "layout": "slides-4x3"}
    assert errors({**deck, "sheet": "A4", "marks": "on", "cmyk": "on", "format": "png"})[0] == {
        "sheet": ["In ghép tờ A4/A3 chỉ dành cho áp phích."],
        "marks": ["Dấu cắt chỉ dành cho áp phích in."],
        "cmyk": ["CMYK chỉ dành cho áp phích in."],
    }
    assert errors({**deck, "cmyk": "1"})[0] == {"cmyk": ["CMYK chỉ dành cho áp phích in."]}


def test_a_poster_is_not_a_powerpoint_and_its_sheets_are_a_pdf() -> None:
    pptx = "PowerPoint (PPTX) chỉ dành cho bản trình chiếu 16:9 hoặc 4:3."
    assert errors(poster(format="pptx", sheet="A4"))[0] == {"format": [pptx]}
    assert errors(poster(format="png", sheet="A3"))[0] == {
        "format": ["Bản in ghép tờ A4/A3 chỉ có dạng PDF."]
    }
    assert parse_order(poster(format="png")).format == "png"
    assert errors(poster(subtitle="Hà Nội"))[0] == {
        "subtitle": ["Dòng phụ chỉ dành cho bản trình chiếu."]
    }


def test_a_logo_sent_with_the_form_is_at_most_5_mb() -> None:
    most = 5 * 1024 * 1024
    assert parse_order(poster(), b"x" * most).logo == b"x" * most
    assert errors(poster(), b"x" * (most + 1))[0] == {"logo": ["Tệp quá lớn: tối đa 5 MB."]}
    assert too_large_message() == "Tệp quá lớn: tối đa 5 MB."


def test_a_prepared_logo_is_taken_as_it_is() -> None:
    prepared = jobs.Prepared(b"f" * (6 * 1024 * 1024), "logo.png", b"p", (10, 10))
    assert parse_order(poster(), prepared).logo is prepared


def test_invalid_keeps_its_errors_and_fixes() -> None:
    e = Invalid({"name": ["x"]})
    assert (e.errors, e.fixes, e.expected) == ({"name": ["x"]}, {}, True)
    assert Invalid({}, {"colors.text": "#000000"}).fixes == {"colors.text": "#000000"}


# ---------------------------------------------------------------- problems on the form


@pytest.mark.parametrize(
    "field, form",
    [
        ("header.height_mm", "authority"),
        ("footer.height_mm", "footer"),
        ("qr.size_mm", "qr.caption"),
        ("authority.1", "authority"),
        ("authority", "authority"),
        ("colors.left", "colors.left"),
        ("colors.background", "colors.background"),
        ("colors.leftx", ""),
        ("colors", "colors.primary"),
        ("qr", "qr.url"),
        ("qr.url", "qr.url"),
        ("qr.caption.x", "qr.caption"),
        ("slug", "name"),
        ("subtitle", "subtitle"),
        ("name", "name"),
        ("namex", ""),
        ("logo", "logo"),
        ("footer", "footer"),
        ("layout", ""),
        ("", ""),
    ],
)
def test_a_problems_form_field(field, form) -> None:
    assert field_of(Problem("f", field, "m")) == form


def test_a_problem_in_the_pages_vietnamese() -> None:
    assert vietnamese(problem("field.missing", "f", "name")) == "Bắt buộc: hãy nhập."
    assert vietnamese(problem("sheet.empty", "f")) == "Tệp trống."  # the command line's, closed
    assert vietnamese(Problem("f", "x", "bad thing")) == "Giá trị không hợp lệ (bad thing)."
    assert vietnamese(Problem("f", "x", "là gì?", code="no.such")) == "Là gì?"
    assert vietnamese(Problem("f", "x", "thôi!", code="no.such")) == "Thôi!"
    assert vietnamese(Problem("f", "x", "xong.", code="no.such")) == "Xong."


def test_problems_are_grouped_by_field_each_once() -> None:
    empty = problem("field.empty", "f", "name")
    got = form_errors([empty, problem("field.empty", "g", "slug"), Problem("f", "layout", "x"),
                       problem("colour.invalid", "f", "colors.text", value="x")])  # fmt: skip
    assert got == {
        "name": ["Không được để trống."],
        "": ["Giá trị không hợp lệ (x)."],
        "colors.text": ["Không phải mã màu: 'x' (cần dạng #RRGGBB, ví dụ #B3261E)."],
    }
    assert form_errors([]) == {}


def test_a_fix_is_offered_for_a_contrast_problem_with_a_suggestion() -> None:
    fix = Problem(
        "f", "colors.text", "m", code="contrast.low-fix", params={"suggestion": "#6B6B6B"}
    )
    bare = Problem("f", "colors.left", "m", code="contrast.low-fix")
    other = Problem("f", "colors.right", "m", code="contrast.low", params={"suggestion": "#000"})
    assert form_fixes([fix, bare, other]) == {"colors.text": "#6B6B6B"}


def test_messages_are_merged_each_once_in_order() -> None:
    assert merge({"a": ["1", "2"]}, {"a": ["2", "3"], "b": ["4"]}, {}) == {
        "a": ["1", "2", "3"],
        "b": ["4"],
    }
    assert merge() == {}


def test_a_decimal_comma() -> None:
    assert [decimal(4.5), decimal(30.0), decimal(0.25), decimal(1e-05)] == [
        "4,5", "30", "0,25", "1e-05",
    ]  # fmt: skip


def test_an_answers_summary_counts_what_to_fix() -> None:
    assert reject() == {"message": "Yêu cầu không hợp lệ.", "errors": {}}
    assert reject({"name": ["a"]}) == {"message": "Có 1 chỗ cần sửa.", "errors": {"name": ["a"]}}
    two = {"name": ["a"], "footer": ["b", "c"]}
    assert reject(two) == {"message": "Có 3 chỗ cần sửa.", "errors": two}
    assert reject({"name": []})["message"] == "Có 0 chỗ cần sửa."
    assert reject(message="Bận.") == {"message": "Bận.", "errors": {}}
    general = {"": ["Khổ này quá nhỏ.", "Hãy thử lại."], "name": ["a"]}
    assert reject(general)["message"] == "Có 3 chỗ cần sửa. Khổ này quá nhỏ. Hãy thử lại."
    assert reject({"name": ["a"]}, None, {"colors.text": "#000000"}) == {
        "message": "Có 1 chỗ cần sửa.",
        "errors": {"name": ["a"]},
        "fixes": {"colors.text": "#000000"},
    }
    assert "fixes" not in reject({"name": ["a"]}, None, {})


# ---------------------------------------------------------------- words the page shows


def test_a_word_too_wide_is_placed_on_the_field_that_holds_it() -> None:
    order = Order(
        {"name": "Xã A", "authority": ["UBND huyện B", "UBND xã"], "footer": "Chân",
         "qr": {"url": "https://a.vn/dai", "caption": "Quét"}},
        "slides-16x9", True, "pdf", subtitle="Hội nghị tháng",
    )  # fmt: skip
    assert _field_holding(order, "a.vn/dai") == "qr.url"
    assert _field_holding(order, "Quét") == "qr.caption"
    assert _field_holding(order, " Chân ") == "footer"
    assert _field_holding(order, "huyện B UBND") == "authority"
    assert _field_holding(order, "Xã") == "name"
    assert _field_holding(order, "tháng") == "subtitle"
    assert _field_holding(order, "không có") == ""
    assert _field_holding(order, "  ") == ""
    bare = Order({"name": "Xã A"}, "a1-portrait", False, "pdf")
    assert _field_holding(bare, "Xã") == "name"
    assert _field_holding(bare, "x") == ""


def test_a_word_too_wide_is_quoted_by_its_first_40_characters() -> None:
    tail = " dài quá một dòng ở khổ này và không ngắt được: hãy dùng địa chỉ hoặc chữ ngắn hơn."
    assert _too_wide("x" * 40) == f"“{'x' * 40}”{tail}"
    assert _too_wide("x" * 41) == f"“{'x' * 37}…”{tail}"


def test_a_slides_shape() -> None:
    assert _shape((338.7, 190.5)) == "16:9"
    assert _shape((254, 190.5)) == "4:3"
    assert _shape((160 * 1.01, 90)) == "16:9"  # 1 % off: within 0.02 of the ratio
    assert _shape((16 / 9 + 0.021, 1)) == ""
    assert _shape((4 / 3 - 0.019, 1)) == "4:3"
    assert _shape((4 / 3 + 0.021, 1)) == ""
    assert _shape((1, 1)) == ""


def layout(logo_mm: float, logo_dpi: float = 150) -> Any:
    return SimpleNamespace(header=SimpleNamespace(logo_mm=logo_mm, logo_dpi=logo_dpi))


def test_the_pixels_a_logo_needs_for_150_dpi() -> None:
    # 25.4 mm is an inch: 150 px exactly, not 151 (a hair of float rounding aside)
    assert [logo_min_px(layout(mm)) for mm in (25.4, 50.8, 52, 1)] == [150, 300, 308, 6]
    # a panel read from metres asks less: 100 dpi over 120 mm is 472.4, so 473
    assert logo_min_px(layout(25.4, 100)) == 100
    assert logo_min_px(layout(120, 100)) == 473


def test_a_logo_too_small_for_print_is_a_warning() -> None:
    assert _logo_warning((150, 10), layout(25.4)) is None
    assert _logo_warning((10, 150), layout(25.4)) is None
    assert _logo_warning((149, 10), layout(25.4)) == (
        "Logo 149 × 10 điểm ảnh chỉ đạt 149 dpi khi in (25,4 mm): bản in có thể bị mờ, "
        "nên dùng ảnh có cạnh dài từ 150 điểm ảnh."
    )
    assert _logo_warning((10, 290), layout(50.8)) == (
        "Logo 10 × 290 điểm ảnh chỉ đạt 145 dpi khi in (50,8 mm): bản in có thể bị mờ, "
        "nên dùng ảnh có cạnh dài từ 300 điểm ảnh."
    )
    assert _logo_warning((1, 1), layout(0)) is None  # a layout without a logo
    assert _logo_warning((100, 10), layout(25.4, 100)) is None
    assert _logo_warning((99, 10), layout(25.4, 100)) == (
        "Logo 99 × 10 điểm ảnh chỉ đạt 99 dpi khi in (25,4 mm): bản in có thể bị mờ, "
        "nên dùng ảnh có cạnh dài từ 100 điểm ảnh."
    )


def labelled_pdf(labels: list[str]) -> bytes:
    from pypdf import PdfWriter

    writer = PdfWriter()
    for i, label in enumerate(labels):
        writer.add_blank_page(100, 100)
        writer.set_page_label(i, i, prefix=label)
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def test_thumbnails_are_labelled_by_what_their_page_is() -> None:
    deck = Order({"name": "A"}, "slides-16x9", True, "pdf")
    pdf = labelled_pdf(["Bìa", "Tổng quan (1/2)", "5", "5 (tiếp)", "Kết"])
    assert _page_labels(deck, pdf, 5) == ["Bìa", "Tổng quan (1/2)", "Điểm 5", "Điểm 5 (tiếp)",
                                          "Trang kết"]  # fmt: skip
    cards = Order({"name": "A"}, "social-square", False, "png")
    assert _page_labels(cards, labelled_pdf(["Bìa", "12"]), 2) == ["Bìa", "Điểm 12"]
    one = Order({"name": "A"}, "a1-portrait", False, "pdf")
    assert _page_labels(one, b"", 2) == ["Trang 1/2", "Trang 2/2"]


def test_tiled_sheets_are_labelled_by_page_of_the_poster() -> None:
    tiled = Order({"name": "A"}, "a1-portrait", False, "pdf", sheet="A4")
    assert _page_labels(tiled, b"", 4) == ["Sơ đồ ghép", "Tờ 1/3", "Tờ 2/3", "Tờ 3/3"]
    assert _page_labels(tiled, b"", 6, 2) == [
        "Sơ đồ ghép (trang 1/2)", "Tờ 1/2 (trang 1/2)", "Tờ 2/2 (trang 1/2)",
        "Sơ đồ ghép (trang 2/2)", "Tờ 1/2 (trang 2/2)", "Tờ 2/2 (trang 2/2)",
    ]  # fmt: skip


def test_the_pages_images_in_one_zip() -> None:
    arts = [SimpleNamespace(data=b"one"), SimpleNamespace(data=b"two")]
    data = _zip(arts, "ap-phich-a3-xa-a.v2.png")  # type: ignore[arg-type]
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        assert z.namelist() == ["ap-phich-a3-xa-a.v2-01.png", "ap-phich-a3-xa-a.v2-02.png"]
        assert [z.read(n) for n in z.namelist()] == [b"one", b"two"]
        assert {i.compress_type for i in z.infolist()} == {zipfile.ZIP_STORED}


def test_file_names_in_vietnamese_words_without_accents() -> None:
    def name(**kw: Any) -> str:
        fields = {"brand": {"name": "Xã Hiệp Hòa"}, "layout": "a1-portrait", "deck": False,
                  "format": "pdf", **kw}  # fmt: skip
        return Order(**fields).filename

    assert name() == "ap-phich-a1-xa-hiep-hoa.pdf"
    assert name(province="Bắc Ninh") == "ap-phich-a1-xa-hiep-hoa-bac-ninh.pdf"
    assert name(sheet="A3", format="png") == "ap-phich-a1-xa-hiep-hoa-to-A3.pdf"
    assert name(format="png") == "ap-phich-a1-xa-hiep-hoa.png"
    assert name(layout="slides-4x3", deck=True, format="png") == "trinh-chieu-4x3-xa-hiep-hoa.zip"
    assert name(layout="slides-16x9", deck=True, format="pptx") == (
        "trinh-chieu-16x9-xa-hiep-hoa.pptx"
    )
    assert name(layout="social-square", format="png") == "the-mxh-vuong-xa-hiep-hoa.zip"
    assert name(layout="social-portrait", format="pdf") == "the-mxh-doc-xa-hiep-hoa.pdf"
    assert name(brand={"name": ""}) == "ap-phich-a1-poster.pdf"


# ---------------------------------------------------------------- the page's list of sizes


def test_the_layouts_as_the_page_lists_them() -> None:
    def yaml_of(name: str) -> dict[str, Any]:
        return yaml.safe_load((LAYOUT_FOLDER / f"{name}.yaml").read_text("utf-8"))

    def px(name: str) -> int:  # 150 dpi (or the YAML's own) over the logo's side
        header = yaml_of(name)["header"]
        return math.ceil(header["logo_mm"] * header.get("logo_dpi", 150) / 25.4)

    expected = [
        ("a0-portrait", "poster", "A0 (841 × 1189 mm)", px("a0-portrait")),
        ("a1-portrait", "poster", "A1 (594 × 841 mm)", px("a1-portrait")),
        ("a2-portrait", "poster", "A2 (420 × 594 mm)", px("a2-portrait")),
        ("a3-portrait", "poster", "A3 (297 × 420 mm)", px("a3-portrait")),
        ("a4-handout", "poster", "A4 (210 × 297 mm)", px("a4-handout")),
        ("pano-2400x1200", "poster", "2400 × 1200 mm", px("pano-2400x1200")),
        ("slides-16x9", "deck", "16:9 (338,7 × 190,5 mm)", None),
        ("slides-4x3", "deck", "4:3 (254 × 190,5 mm)", None),
        ("social-portrait", "social", "dọc 4:5 (1080 × 1350 px)", None),
        ("social-square", "social", "vuông (1080 × 1080 px)", None),
        ("standee-850x2000", "poster", "850 × 2000 mm", px("standee-850x2000")),
    ]
    got = layout_choices()
    assert [(c["name"], c["kind"], c["label"], c["logo_px"]) for c in got] == expected
    assert [c["description"] for c in got] == [yaml_of(n)["description"] for n, *_ in expected]
    assert px("a1-portrait") == 308
    assert px("pano-2400x1200") == 473  # 120 mm at 100 dpi
