"""Geometry stage: page boxes, columns, balanced columns and stacking, by hand.

Every expectation is written in millimetres from the ISO 216 sizes and the YAML
values of the layout below, and converted with 72 / 25.4 points per millimetre.
"""

from __future__ import annotations

import itertools

import pytest
import yaml

from poster.geometry import Rect, balance, column_width, marks_margin, page_geometry, stack
from poster.spec import load_layout

PT = 72 / 25.4


def mm(value: float) -> float:
    return value * PT


# An A3 portrait poster: 297 × 420 mm.
A3 = {
    "page": {"size": "A3", "orientation": "portrait"},
    "bleed_mm": 3,
    "safe_margin_mm": 10,
    "header": {
        "height_mm": 60,
        "authority": {"min": 8, "max": 12},
        "title": {"min": 20, "max": 30},
    },
    "footer": {"height_mm": 30, "text": {"min": 6, "max": 9}},
    "grid": {"columns": 3, "gutter_mm": 5},
    "fonts": {"body": {"min": 7, "max": 12}, "heading": {"min": 9, "max": 16}},
    "qr": {"size_mm": 20},
}


def layout(tmp_path, **changes):
    data = {**A3, **changes}
    path = tmp_path / "layout.yaml"
    path.write_text(yaml.safe_dump(data), encoding="utf-8")
    return load_layout(path)


def boxes(rect: Rect) -> tuple[float, float, float, float]:
    return rect.x0, rect.y0, rect.x1, rect.y1


def in_mm(*values: float) -> pytest.approx:
    return pytest.approx(tuple(mm(v) for v in values), abs=1e-9)


# ---------------------------------------------------------------- page geometry


def test_a3_boxes(tmp_path):
    geo = page_geometry(layout(tmp_path))
    # the bleed box is the sheet: 297 + 2 × 3 by 420 + 2 × 3
    assert boxes(geo.media) == in_mm(0, 0, 303, 426)
    assert boxes(geo.bleed_box) == in_mm(0, 0, 303, 426)
    assert boxes(geo.trim) == in_mm(3, 3, 300, 423)
    assert boxes(geo.safe) == in_mm(13, 13, 290, 413)  # 10 mm inside the trim
    # header: 60 mm down from the trim's top, out to the bleed on three sides
    assert boxes(geo.header) == in_mm(0, 363, 303, 426)
    # footer: 30 mm up from the trim's bottom
    assert boxes(geo.footer) == in_mm(0, 0, 303, 33)
    # the header's content starts min(10, 1.5 × 5) = 7.5 mm above the band's bottom edge
    assert boxes(geo.header_content) == in_mm(13, 370.5, 290, 413)
    assert boxes(geo.footer_content) == in_mm(13, 13, 290, 33)
    # the body: one gutter (5 mm) from the header and from the footer, safe at the sides
    assert boxes(geo.body) == in_mm(13, 38, 290, 358)
    assert geo.gutter == pytest.approx(mm(5))


def test_header_content_pad_is_the_margin_when_the_gutter_is_wide(tmp_path):
    # min(10, 1.5 × 8 = 12) = 10 mm
    geo = page_geometry(layout(tmp_path, grid={"columns": 3, "gutter_mm": 8}))
    assert geo.header_content.y0 == pytest.approx(mm(363 + 10))
    assert boxes(geo.body) == in_mm(13, 41, 290, 355)


def test_landscape_and_other_bleed(tmp_path):
    geo = page_geometry(
        layout(tmp_path, page={"size": "A3", "orientation": "landscape"}, bleed_mm=5)
    )
    assert boxes(geo.media) == in_mm(0, 0, 430, 307)
    assert boxes(geo.trim) == in_mm(5, 5, 425, 302)
    assert boxes(geo.header) == in_mm(0, 242, 430, 307)


def test_explicit_size(tmp_path):
    geo = page_geometry(layout(tmp_path, page={"width_mm": 338.7, "height_mm": 190.5}))
    assert boxes(geo.trim) == in_mm(3, 3, 341.7, 193.5)


def test_bleed_override(tmp_path):
    geo = page_geometry(layout(tmp_path), bleed_mm=5)
    assert boxes(geo.media) == in_mm(0, 0, 307, 430)
    assert boxes(geo.trim) == in_mm(5, 5, 302, 425)
    assert boxes(geo.bleed_box) == in_mm(0, 0, 307, 430)
    # zero bleed is an override too, not "use the layout's"
    geo = page_geometry(layout(tmp_path), bleed_mm=0)
    assert boxes(geo.trim) == in_mm(0, 0, 297, 420)
    assert boxes(geo.header) == in_mm(0, 360, 297, 420)


def test_room_for_crop_marks(tmp_path):
    # marks: 2 mm gap beyond the bleed, 6 mm long, 5 mm slug: 3 + 2 + 6 + 5 = 16 mm a side
    assert marks_margin(3) == pytest.approx(mm(16))
    assert marks_margin(0) == pytest.approx(mm(13))
    geo = page_geometry(layout(tmp_path), marks=True)
    assert boxes(geo.media) == in_mm(0, 0, 329, 452)
    assert boxes(geo.trim) == in_mm(16, 16, 313, 436)
    assert boxes(geo.bleed_box) == in_mm(13, 13, 316, 439)
    assert boxes(geo.body) == in_mm(26, 51, 303, 371)
    geo = page_geometry(layout(tmp_path), bleed_mm=5, marks=True)
    assert boxes(geo.trim) == in_mm(18, 18, 315, 438)
    assert boxes(geo.bleed_box) == in_mm(13, 13, 320, 443)


@pytest.mark.parametrize(
    ("size", "w", "h"),
    [("A0", 841, 1189), ("A1", 594, 841), ("A2", 420, 594), ("A4", 210, 297), ("A5", 148, 210)],
)
def test_every_a_size(tmp_path, size, w, h):
    geo = page_geometry(layout(tmp_path, page={"size": size}))
    assert boxes(geo.trim) == in_mm(3, 3, 3 + w, 3 + h)
    assert boxes(geo.media) == in_mm(0, 0, w + 6, h + 6)


# ---------------------------------------------------------------- columns


@pytest.mark.parametrize(
    ("columns", "gutter", "span", "width"),
    [
        (3, 10, 1, 280 / 3),  # (300 − 2 × 10) / 3
        (3, 10, 2, 2 * 280 / 3 + 10),
        (3, 10, 3, 300),
        (1, 10, 1, 300),
        (4, 0, 1, 75),
        (2, 20, 1, 140),
    ],
)
def test_column_width(columns, gutter, span, width):
    body = Rect(50, 0, 350, 500)
    assert column_width(body, columns, gutter, span) == pytest.approx(width)


# ---------------------------------------------------------------- balance


@pytest.mark.parametrize(
    ("heights", "columns", "gap", "starts"),
    [
        ([10], 1, 5, [0]),
        ([10, 20, 30], 1, 5, [0]),
        ([1, 1, 1, 1, 1, 1], 3, 0, [0, 2, 4]),
        ([6, 1, 1, 1, 1, 1, 1], 2, 0, [0, 1]),  # 6 | 6
        ([1, 1, 1, 1, 1, 1, 6], 2, 0, [0, 6]),
        ([4, 4, 1, 1, 1], 2, 0, [0, 1]),  # 4 | 7 is lower than 8 | 3
        ([3, 3, 3, 3], 2, 2, [0, 2]),  # 3 + 2 + 3 = 8 each
        ([2, 2, 2, 2, 2, 2, 2, 2, 2], 3, 1, [0, 3, 6]),
        ([5, 5], 3, 0, [0, 1]),  # never an empty column
    ],
)
def test_balance_by_hand(heights, columns, gap, starts):
    assert balance(heights, columns, gap) == starts


def test_the_gap_counts_once_between_tiles():
    # without gaps [1, 1, 1, 1, 4.5] splits 4 | 4.5; with a gap of 1 four tiles of 1 are
    # 4 + 3 = 7 tall, and 1, 1, 1 | 1, 4.5 (3 + 2 | 5.5 + 1 = 6.5) is lower
    assert balance([1, 1, 1, 1, 4.5], 2, 0) == [0, 4]
    assert balance([1, 1, 1, 1, 4.5], 2, 1) == [0, 3]
    # a gap alone decides: three tiles of 1 with gap 10: 1 | 1 + 10 + 1 or 1 + 10 + 1 | 1
    assert balance([1, 1, 1], 2, 10) in ([0, 1], [0, 2])


def test_balance_of_heights_under_one_point():
    # 0.1 + 0.2 | 0.3 (tallest 0.3) beats 0.1 | 0.2 + 0.3 (0.5)
    assert balance([0.1, 0.2, 0.3], 2, 0) == [0, 2]
    assert balance([0.3, 0.2, 0.1], 2, 0) == [0, 1]


def _tallest(heights, starts, gap):
    bounds = [*starts, len(heights)]
    return max(sum(heights[i:j]) + gap * (j - i - 1) for i, j in itertools.pairwise(bounds))


@pytest.mark.parametrize(
    ("heights", "columns", "gap"),
    [
        ([3.0, 7.0, 2.0, 5.0, 5.0, 1.0, 4.0, 6.0, 2.0], 3, 2.0),
        ([9.0, 1.0, 1.0, 1.0, 8.0, 2.0, 2.0, 5.0], 3, 0.5),
        ([1.0, 2.0, 3.0, 4.0, 5.0, 6.0, 7.0, 8.0, 9.0, 10.0], 4, 1.0),
        ([5.0, 1.0, 1.0, 1.0, 1.0, 1.0, 1.0, 1.0, 5.0], 2, 3.0),
    ],
)
def test_balance_is_optimal_against_every_split(heights, columns, gap):
    best = min(
        _tallest(heights, [0, *cuts], gap)
        for cuts in itertools.combinations(range(1, len(heights)), columns - 1)
    )
    starts = balance(heights, columns, gap)
    assert len(starts) == columns and starts[0] == 0 and starts == sorted(set(starts))
    assert _tallest(heights, starts, gap) == pytest.approx(best)


# ---------------------------------------------------------------- stack


def test_stack_goes_down_from_the_top():
    assert stack([10, 20, 5], top=100, gap=3) == [(90, 100), (67, 87), (59, 64)]
    assert stack([10, 20], top=0, gap=0) == [(-10, 0), (-30, -10)]
    assert stack([], top=100, gap=3) == []


# ---------------------------------------------------------------- Rect


def test_rect_size_shift_inset():
    r = Rect(10, 20, 110, 70)
    assert (r.w, r.h) == (100, 50)
    assert r.shift(5, -7) == Rect(15, 13, 115, 63)
    assert r.inset(5) == Rect(15, 25, 105, 65)
    assert r.inset(5, 10) == Rect(15, 30, 105, 60)
    assert r.inset(-2, 0) == Rect(8, 20, 112, 70)


def test_rect_contains_within_a_micro_point():
    outer = Rect(0, 0, 10, 10)
    assert outer.contains(outer)
    assert outer.contains(Rect(1, 1, 9, 9))
    for x0, y0, x1, y1 in [(-1e-7, 0, 10, 10), (0, -1e-7, 10, 10), (0, 0, 10 + 1e-7, 10),
                           (0, 0, 10, 10 + 1e-7)]:  # fmt: skip
        assert outer.contains(Rect(x0, y0, x1, y1))
    for x0, y0, x1, y1 in [(-1e-5, 0, 10, 10), (0, -1e-5, 10, 10), (0, 0, 10 + 1e-5, 10),
                           (0, 0, 10, 10 + 1e-5)]:  # fmt: skip
        assert not outer.contains(Rect(x0, y0, x1, y1))
    assert outer.contains(Rect(-0.5, 0, 10, 10), tol=1)
    assert not outer.contains(Rect(-1.5, 0, 10, 10), tol=1)
    # exactly the tolerance outside is still inside
    for other in [Rect(-1, 0, 10, 10), Rect(0, -1, 10, 10), Rect(0, 0, 11, 10), Rect(0, 0, 10, 11)]:
        assert outer.contains(other, tol=1)


def test_rect_overlaps_only_beyond_a_micro_point():
    a = Rect(0, 0, 10, 10)
    assert a.overlaps(Rect(5, 5, 15, 15))
    # sharing an edge, or crossing it by less than the tolerance, is not overlapping
    for other in [Rect(10, 0, 20, 10), Rect(-10, 0, 0, 10), Rect(0, 10, 10, 20),
                  Rect(0, -10, 10, 0), Rect(10 - 1e-7, 0, 20, 10), Rect(-10, 0, 1e-7, 10),
                  Rect(0, 10 - 1e-7, 10, 20), Rect(0, -10, 10, 1e-7)]:  # fmt: skip
        assert not a.overlaps(other) and not other.overlaps(a)
    for other in [Rect(10 - 1e-5, 0, 20, 10), Rect(-10, 0, 1e-5, 10),
                  Rect(0, 10 - 1e-5, 10, 20), Rect(0, -10, 10, 1e-5)]:  # fmt: skip
        assert a.overlaps(other) and other.overlaps(a)
    assert not a.overlaps(Rect(9.5, 0, 20, 10), tol=1)
    assert a.overlaps(Rect(8.5, 0, 20, 10), tol=1)
    # crossing by exactly the tolerance is not overlapping, on each of the four edges
    for other in [Rect(9, 0, 20, 10), Rect(-10, 0, 1, 10), Rect(0, 9, 10, 20), Rect(0, -10, 10, 1)]:
        assert not a.overlaps(other, tol=1) and not other.overlaps(a, tol=1)
