"""Where the glyphs land: inside their tile, in order, clear of the next line."""

from __future__ import annotations

import unicodedata

import pytest
from conftest import (
    BRANDS,
    LAYOUTS,
    SIDE_LAYOUTS,
    box_in,
    chars_by_tile,
    content_yaml,
    layout_yaml,
    line_gap_problems,
    mm,
    overlap,
    squash,
    text_lines,
    tile_expected_text,
    trim_mm,
    write_yaml,
    yaml_areas,
)

TOL = 0.5  # points

GEOMETRY_LAYOUTS = [name for name in ("a1-portrait", "a3-portrait") if name in LAYOUTS]
GEOMETRY_BRANDS = [name for name in ("default", "hiep-hoa") if name in BRANDS]
COMBOS = [(layout, brand) for layout in GEOMETRY_LAYOUTS for brand in GEOMETRY_BRANDS]
IDS = [f"{layout}-{brand}" for layout, brand in COMBOS]
each = pytest.mark.parametrize(("layout", "brand"), COMBOS, ids=IDS)


def test_geometry_combos_exist():
    assert len(GEOMETRY_LAYOUTS) == 2 and len(GEOMETRY_BRANDS) == 2


@each
def test_page_origin_is_media_box_origin(render, layout, brand):
    r = render(layout, brand)
    spec = layout_yaml(layout)
    w, h = trim_mm(spec)
    bleed = spec["bleed_mm"]
    x0, y0, x1, y1 = r.page.get_mediabox()
    assert (x0, y0) == pytest.approx((0, 0), abs=0.01)
    assert (x1, y1) == pytest.approx((mm(w + 2 * bleed), mm(h + 2 * bleed)), abs=0.01)
    # pdfium reports boxes in the same space: the crop box starts at the media box origin
    assert r.page.get_cropbox()[:2] == pytest.approx((0, 0), abs=0.01)


@each
def test_glyphs_lie_inside_their_tile(render, layout, brand):
    r = render(layout, brand)
    outside, found = [], 0
    for side in r.sides:  # a poster of several pages: each page's tiles
        per, _ = chars_by_tile(side)
        found += len(per)
        outside += [
            f"page {side.index + 1} tile {n}: {ch.text!r} box {ch.box} sticks out of "
            f"{side.tiles[n]}"
            for n, chars in per.items()
            for ch in chars
            if not box_in(side.tiles[n], ch.box, TOL)
        ]
    assert found == len(r.content.items)
    assert not outside, "\n".join(outside[:20])


@each
def test_each_tile_holds_exactly_its_text(render, layout, brand):
    r = render(layout, brand)
    per: dict[int, list] = {}
    for side in r.sides:  # each item on exactly one page
        here, _ = chars_by_tile(side)
        assert not set(here) & set(per), f"items on two pages: {set(here) & set(per)}"
        per |= here
    assert sorted(per) == sorted(item.n for item in r.content.items)
    for n, chars in per.items():
        got = squash("".join(ch.text for ch in chars))
        expected = tile_expected_text(r.content, n)
        # pdfium reads the content stream order, which is reading order here
        assert got == expected, f"tile {n}"


@each
def test_glyphs_outside_tiles_are_in_header_or_footer(render, layout, brand):
    sides = render(layout, brand).sides
    for r in sides:  # every page of a poster printed front and back
        geo = yaml_areas(layout_yaml(layout), r.index, len(sides))
        _, outside = chars_by_tile(r)
        assert outside, "the header title and the footer text should be outside the tiles"
        between = [
            ch
            for ch in outside
            if not (box_in(geo.header, ch.box, TOL) or box_in(geo.footer, ch.box, TOL))
        ]
        # the only other text is the key: the two labels (content YAML), above every tile
        labels = content_yaml()["labels"]
        key = squash(labels["left"].upper() + labels["right"].upper())
        top = max(t.y1 for t in r.tiles.values())
        stray = [f"{ch.text!r} at {ch.box}" for ch in between if ch.box.y0 < top - TOL]
        assert not stray, "text outside every tile, header and footer:\n" + "\n".join(stray[:20])
        assert squash("".join(ch.text for ch in between)) in ("", key)
        # the title is in the header band
        header_text = squash("".join(ch.text for ch in outside if box_in(geo.header, ch.box, TOL)))
        assert squash(r.content.title) in header_text


@pytest.mark.parametrize("layout", LAYOUTS)
def test_tiles_are_disjoint_and_inside_safe_area(render, layout):
    r = render(layout, "default")
    assert sum(len(side.tiles) for side in r.sides) == len(r.content.items)
    for side in r.sides:  # each page's areas: with or without the header and the footer
        geo = yaml_areas(layout_yaml(layout), side.index, len(r.sides))
        _disjoint_inside(sorted(side.tiles.items()), geo)


def _disjoint_inside(rects, geo) -> None:
    for i, (n, a) in enumerate(rects):
        assert a.w > 0 and a.h > 0, f"tile {n} is empty"
        assert box_in(geo.safe, a, 0.01), f"tile {n} {a} leaves the safe area {geo.safe}"
        assert box_in(geo.body, a, 0.01), f"tile {n} {a} leaves the body area {geo.body}"
        assert not overlap(a, geo.header), f"tile {n} {a} overlaps the header {geo.header}"
        assert not overlap(a, geo.footer), f"tile {n} {a} overlaps the footer {geo.footer}"
        for m, b in rects[i + 1 :]:
            assert not overlap(a, b), f"tiles {n} and {m} overlap: {a} {b}"


# ---------------------------------------------------------------- line clearance


def _heading_size(per) -> float:
    """The heading size: the largest Bold text in the tiles (labels are Bold but smaller)."""
    return max(c.size for chars in per.values() for c in chars if c.font.endswith("-Bold"))


def _tile_blocks(heading_size, n, chars):
    """Heading lines and the two side blocks of tile n, from pdfium's fonts and sizes."""
    heading = [c for c in chars if c.font.endswith("-Bold") and abs(c.size - heading_size) < 0.01]
    rest = [c for c in chars if c not in heading and not c.font.endswith("-ExtraBold")]
    lines = text_lines(rest)
    # a side starts on the line that carries its (Bold, smaller) run-in label
    starts = [i for i, line in enumerate(lines) if any(c.font.endswith("-Bold") for c in line)]
    assert len(starts) == 2 and starts[0] == 0, f"tile {n}: labels found on lines {starts}"
    return text_lines(heading), [lines[: starts[1]], lines[starts[1] :]]


CAPITAL_RUNS = [
    "CHUYỂN ĐỔI SỐ ỄỂỖẪẬẶ ỆỘ",
    "ỨNG DỤNG ẨM THỰC ỞỠỢỬỮỰ ỴỶỸ",
    "QUẢN LÝ ĐIỆN TOÁN ẴẲẶẤẦẨẪẬ",
    "NỀN TẢNG SỐ ỂỄỆ ỔỖỘ ỊỌỤ",
    "DỊCH VỤ CÔNG TRỰC TUYẾN ẪẬỄỆ",
    "THỦ TỤC HÀNH CHÍNH ỖỘỠỢỮỰ",
]


@pytest.fixture(scope="session")
def capitals_content(tmp_path_factory):
    items = []
    for n, run in enumerate(CAPITAL_RUNS, start=1):
        items.append(
            {
                "n": n,
                "heading": " ".join([run] * 3),
                "left": "Công nghệ thông tin làm từng phần, chỗ làm chỗ không, vẫn dùng giấy tờ.",
                "right": "Chuyển đổi số làm toàn diện, mọi việc diễn ra trên môi trường số.",
            }
        )
    data = {
        "title": "CHỮ HOA CÓ DẤU: ỄỂỖẪẬẶ ỆỘ",
        "labels": {"left": "Trước", "right": "Sau"},
        "items": items,
    }
    return write_yaml(tmp_path_factory.mktemp("capitals") / "capitals.yaml", data)


def test_stacked_diacritics_in_capital_headings_clear_the_line_above(render, capitals_content):
    r = render("a3-portrait", "default", capitals_content)
    per: dict[int, list] = {}
    for side in r.sides:  # A3: front and back
        per |= chars_by_tile(side)[0]
    assert len(per) == len(CAPITAL_RUNS)
    problems = []
    size = _heading_size(per)
    for n, chars in sorted(per.items()):
        heading, _ = _tile_blocks(size, n, chars)
        assert len(heading) >= 3, f"tile {n}: heading wraps onto {len(heading)} lines, want 3+"
        joined = squash("".join(c.text for line in heading for c in line))
        assert joined == squash(r.content.items[n - 1].heading)
        problems += line_gap_problems(heading, f"tile {n} heading")
    assert not problems, "\n".join(problems)


@pytest.mark.parametrize("layout", GEOMETRY_LAYOUTS)
def test_lines_clear_each_other_in_every_heading_and_side(render, layout):
    r = render(layout, "default")
    per: dict[int, list] = {}
    for side in r.sides:  # a poster printed front and back: both pages
        per |= chars_by_tile(side)[0]
    assert len(per) == len(r.content.items)
    problems = []
    size = _heading_size(per)
    for n, chars in sorted(per.items()):
        heading, sides = _tile_blocks(size, n, chars)
        item = r.content.items[[i.n for i in r.content.items].index(n)]
        assert squash("".join(c.text for line in heading for c in line)) == squash(item.heading)
        problems += line_gap_problems(heading, f"tile {n} heading")
        for name, block in zip(("left", "right"), sides, strict=True):
            assert len(block) >= 1
            problems += line_gap_problems(block, f"tile {n} {name}")
    assert not problems, "\n".join(problems[:20])


# ---------------------------------------------------------------- solved sizes


def _solved_sizes(r) -> tuple[float, float]:
    """(body, heading) as drawn in the tiles: one Regular size, the largest Bold size."""
    per, _ = chars_by_tile(r)
    body = {round(c.size, 3) for cs in per.values() for c in cs if c.font.endswith("-Regular")}
    assert len(body) == 1, f"the tiles' body text comes in several sizes: {sorted(body)}"
    return body.pop(), _heading_size(per)


@pytest.mark.parametrize(("layout", "minimum"), [("a1-portrait", 16), ("a0-portrait", 22)])
def test_solved_body_size_is_large_enough(render, layout, minimum):
    body, heading = _solved_sizes(render(layout, "default"))
    assert body >= minimum
    assert heading > body


@pytest.mark.parametrize("layout", SIDE_LAYOUTS)  # headings alone: see test_formats
def test_solved_sizes_respect_the_layout_ranges(render, layout):
    fonts = layout_yaml(layout)["fonts"]
    body, heading = _solved_sizes(render(layout, "default"))
    assert fonts["body"]["min"] - 0.01 <= body <= fonts["body"]["max"] + 0.01
    assert fonts["heading"]["min"] - 0.01 <= heading <= fonts["heading"]["max"] + 0.01
    assert heading > body


def test_capitals_reach_the_pdf_as_precomposed_capitals(render, capitals_content):
    # The line tests depend on it: the headings are drawn with the precomposed stacked
    # capitals (one code point each, e.g. U+1EC2 Ể), not a base letter and loose marks.
    assert all(unicodedata.is_normalized("NFC", run) for run in CAPITAL_RUNS)
    assert "\u1ec2" in CAPITAL_RUNS[0]  # Ể
    r = render("a3-portrait", "default", capitals_content)
    per, _ = chars_by_tile(r)
    size = _heading_size(per)
    for n, chars in sorted(per.items()):
        heading = [c.text for c in chars if c.font.endswith("-Bold") and abs(c.size - size) < 0.01]
        assert "".join(heading) == squash(" ".join([CAPITAL_RUNS[n - 1]] * 3)), f"tile {n}"
