"""Layout arithmetic and the layout engine's options: balance, rows with spans, side-by-side."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml
from conftest import LAYOUT_FOLDER, box_in, content_yaml, layout_yaml, mm, overlap, yaml_areas

from poster.colors import contrast_ratio, parse_color
from poster.geometry import Rect, balance, stack
from poster.spec import slugify


@pytest.mark.parametrize(
    ("heights", "columns", "gap", "starts"),
    [
        ([1, 1, 1], 3, 0, [0, 1, 2]),
        ([1, 1, 1, 1], 2, 0, [0, 2]),
        ([3, 1, 1, 1], 2, 0, [0, 1]),
        ([1, 1, 1, 3], 2, 0, [0, 3]),
        ([2, 2, 2, 2, 2, 2], 3, 1, [0, 2, 4]),
        ([5, 1, 1, 1, 1, 1], 2, 0, [0, 1]),
        ([1, 2], 5, 0, [0, 1]),  # more columns than tiles
    ],
)
def test_balance_minimises_the_tallest_column(heights, columns, gap, starts):
    assert balance(heights, columns, gap) == starts


def test_balance_is_optimal_against_brute_force():
    import itertools

    heights = [3.0, 7.0, 2.0, 5.0, 5.0, 1.0, 4.0, 6.0, 2.0]

    def tallest(starts):
        bounds = [*starts, len(heights)]
        return max(sum(heights[i:j]) + 2.0 * (j - i - 1) for i, j in itertools.pairwise(bounds))

    best = min(tallest([0, *cuts]) for cuts in itertools.combinations(range(1, len(heights)), 2))
    assert tallest(balance(heights, 3, 2.0)) == pytest.approx(best)


def test_stack_goes_down_with_equal_gaps():
    boxes = stack([10, 20, 5], top=100, gap=3)
    assert boxes == [(90, 100), (67, 87), (59, 64)]


@pytest.mark.parametrize(
    ("name", "slug"),
    [
        ("Hiệp Hòa", "hiep-hoa"),
        ("Đồng Tháp", "dong-thap"),
        ("Phường Cẩm Phả", "phuong-cam-pha"),
        ("Toàn quốc", "toan-quoc"),
        ("Xã Ea H'Leo", "xa-ea-h-leo"),
    ],
)
def test_slug_folds_vietnamese_letters(name, slug):
    assert slugify(name) == slug


@pytest.mark.parametrize(
    ("a", "b", "ratio"),
    [("#000000", "#FFFFFF", 21.0), ("#FFFFFF", "#FFFFFF", 1.0), ("#777777", "#FFFFFF", 4.48)],
)
def test_contrast_ratio_matches_wcag(a, b, ratio):
    assert contrast_ratio(parse_color(a), parse_color(b)) == pytest.approx(ratio, abs=0.01)


@pytest.mark.parametrize("text", ["#B3261E", "b3261e", "#fff"])
def test_parse_color_accepts_hex(text):
    color = parse_color(text)
    assert all(0 <= c <= 1 for c in (*color.rgb, *color.cmyk))


@pytest.mark.parametrize("text", ["#12345G", "red", "#1234", ""])
def test_parse_color_rejects_others(text):
    with pytest.raises(ValueError, match="not a colour"):
        parse_color(text)


def _variant(tmp_path: Path, **changes) -> Path:
    data = yaml.safe_load((LAYOUT_FOLDER / "a1-portrait.yaml").read_text(encoding="utf-8"))
    for key, value in changes.items():
        data[key] = {**data[key], **value}
    path = tmp_path / "variant.yaml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    return path


def _check_tiles(r, layout: str | Path) -> dict:
    """The tiles the PDF paints: one per item, inside the body area the layout YAML gives
    (between the header and footer bands, a gutter from each, within the safe margin),
    none overlapping another."""
    tiles = r.tiles
    assert sorted(tiles) == sorted(item["n"] for item in content_yaml()["items"])
    body = yaml_areas(layout_yaml(layout)).body
    rects = list(tiles.items())
    for i, (n, a) in enumerate(rects):
        assert box_in(body, a, 0.01), f"tile {n} {a} leaves the body area {body}"
        for m, b in rects[i + 1 :]:
            assert not overlap(a, b), f"tiles {n} and {m} overlap: {a} {b}"
    return tiles


def test_rows_flow_with_a_spanning_tile(render, tmp_path):
    items = content_yaml()["items"]
    last = items[-1]["n"]
    path = _variant(tmp_path, grid={"flow": "rows", "order": "across", "spans": {last: 3}})
    tiles = _check_tiles(render(path, "default"), path)
    spec = layout_yaml(path)
    body, gutter = yaml_areas(spec).body, mm(spec["grid"]["gutter_mm"])
    assert tiles[last].w == pytest.approx(body.w, abs=0.01)
    first = tiles[items[0]["n"]]
    assert first.w == pytest.approx((body.w - 2 * gutter) / 3, abs=0.01)
    # read across: item 2 is right of item 1 on the same row
    second = tiles[items[1]["n"]]
    assert second.x0 > first.x1 and second.y1 == pytest.approx(first.y1, abs=0.01)


def test_side_by_side_tiles(render, tmp_path):
    path = _variant(tmp_path, grid={"columns": 2}, tile={"sides": "side-by-side"})
    r = render(path, "default")
    _check_tiles(r, path)
    assert r.pdf.startswith(b"%PDF")


def test_masonry_columns_end_level(render):
    tiles = render("a1-portrait", "default").tiles
    spec = layout_yaml("a1-portrait")
    body = yaml_areas(spec).body
    low = [t for t in tiles.values() if t.y0 < body.y0 + 1]
    assert low and all(t.y0 == pytest.approx(body.y0, abs=0.01) for t in low)
    columns = {round(t.x0, 1) for t in tiles.values()}
    assert len(columns) == spec["grid"]["columns"]
    # every column's lowest tile ends on the body's bottom edge
    for x in columns:
        lowest = min(t.y0 for t in tiles.values() if round(t.x0, 1) == x)
        assert lowest == pytest.approx(body.y0, abs=0.01)


def test_rect_overlap_and_contains():
    a, b = Rect(0, 0, 10, 10), Rect(10, 0, 20, 10)
    assert not a.overlaps(b)
    assert a.overlaps(Rect(5, 5, 15, 15))
    assert a.contains(Rect(1, 1, 9, 9)) and not a.contains(b)
