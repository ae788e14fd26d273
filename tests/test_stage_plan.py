"""Stage tests of planning: the tile's named boxes, the poster and deck planners, the
outputs registry. Expected numbers are written here (A-series sizes, the YAML the user
wrote, hand arithmetic), never taken from the code under test."""

from __future__ import annotations

from pathlib import Path

import msgspec
import pytest
import yaml

from poster.document import Document, Fill, Polygon, QRSymbol, TextBox, TextLine
from poster.errors import PosterError
from poster.geometry import Rect
from poster.outputs import WRITERS, Request, check_format, format_for, produce
from poster.plan import Options, plan_document
from poster.plan.tile import Design, arrange, make_styles, measure
from poster.spec import Content, Item, Labels, load_brand, load_content, load_layout

PT = 72 / 25.4
REPO = Path(__file__).resolve().parents[1]
LAYOUT_DIR_YAML = {
    name: yaml.safe_load((REPO / "layouts" / f"{name}.yaml").read_text(encoding="utf-8"))
    for name in ("a1-portrait", "slides-16x9")
}


def _content(*items: tuple[str, str, str]) -> Content:
    return Content(
        title="TIÊU ĐỀ",
        labels=Labels(left="Trước", right="Sau"),
        items=[Item(n=i + 1, heading=h, left=a, right=b) for i, (h, a, b) in enumerate(items)],
    )


DESIGN = Design(
    sides="stacked",
    pad=10.0,
    gap=5.0,
    between=8.0,
    radius=3.0,
    side_radius=2.0,
    number="circle",
    label="run-in",
    frame=True,
)


def _styles(content: Content, body: float = 10.0, heading: float = 20.0):
    return make_styles(
        content, body, heading, body_leading=1.3, heading_leading=1.2,
        label_size=body * 0.72, number_size=heading * 0.95,
    )  # fmt: skip


# ---------------------------------------------------------------- the tile


def test_tile_boxes_by_hand() -> None:
    """Badge, heading and sides where the design's numbers put them (rect 0,0–300,400)."""
    content = _content(("Một hai", "ba bốn năm", "sáu bảy"))
    st = _styles(content)
    m = measure(content.items[0], content, DESIGN, st, 300.0)
    boxes = arrange(m, Rect(0, 0, 300, 400))
    # badge: 1.75 × the 20 pt heading = 35 pt, at the padding (10) from the top-left
    assert boxes.badge == Rect(10, 400 - 10 - 35, 45, 390)
    # the heading starts 0.45 × 20 = 9 pt right of the badge and runs to the padding
    assert boxes.heading_x == pytest.approx(54.0)
    assert boxes.heading_width == pytest.approx(300 - 10 - 54)
    # the sides span the tile's inner width; the left one sits above the right one,
    # `between` = max(8, 0.7 × 10) = 8 pt apart; the right one ends at the padding
    left, right = boxes.left.box, boxes.right.box
    assert (left.x0, left.x1, right.x0, right.x1) == (10, 290, 10, 290)
    assert left.y0 - right.y1 == pytest.approx(8.0)
    assert right.y0 == pytest.approx(10.0)
    # the sides start the gap (5) below the head (the 35 pt badge is taller than 1 line)
    assert left.y1 == pytest.approx(400 - 10 - 35 - 5)
    # the spare height is shared between the two sides
    spare = 400 - m.height
    assert left.h - m.side_height("left") == pytest.approx(spare / 2)
    assert right.h - m.side_height("right") == pytest.approx(spare / 2)


def test_tile_side_by_side_by_hand() -> None:
    content = _content(("Một", "hai", "ba"))
    design = msgspec.structs.replace(DESIGN, sides="side-by-side")
    m = measure(content.items[0], content, design, _styles(content), 300.0)
    b = arrange(m, Rect(100, 0, 400, 300))
    # inner width 280, two sides 8 pt apart: 136 each
    assert (b.left.box.x0, b.left.box.x1) == pytest.approx((110, 246))
    assert (b.right.box.x0, b.right.box.x1) == pytest.approx((254, 390))
    # both start under the heading; in a rect far taller than the text, each box ends
    # at most a body line (10 pt × 1.3 here) below its text
    assert b.left.box.y1 == b.right.box.y1 and b.left.box.y0 == b.right.box.y0
    text_bottom = b.left.text_top - m.left.height
    assert 0 < text_bottom - b.left.box.y0 <= m.side_pad + 10 * 1.3 + 1e-6


def test_tile_height_grows_with_text_and_lines_fit_the_side() -> None:
    short = _content(("Một", "hai", "ba"))
    long_ = _content(("Một", " ".join(["hai"] * 60), "ba"))
    st = _styles(short)
    a = measure(short.items[0], short, DESIGN, st, 200.0)
    b = measure(long_.items[0], long_, DESIGN, _styles(long_), 200.0)
    assert b.height > a.height + 3 * 10 * 1.3 - 1e-6  # at least three more body lines
    face = b.styles.body.face
    text_w = 200 - 2 * 10 - 2 * b.side_pad
    for i, line in enumerate(b.left.lines):
        indent = b.label_room[0] if i == 0 else 0.0
        assert face.width(line) * 10 + indent <= text_w + 1e-6


# ---------------------------------------------------------------- planners


def test_poster_document_boxes_from_the_a_series_and_yaml() -> None:
    y = LAYOUT_DIR_YAML["a1-portrait"]
    doc = plan_document(load_content(), load_layout("a1-portrait"), load_brand("default"))
    assert doc.kind == "poster" and len(doc.pages) == 1
    page = doc.pages[0]
    bleed = y["bleed_mm"]
    assert (page.width, page.height) == pytest.approx(
        ((594 + 2 * bleed) * PT, (841 + 2 * bleed) * PT)
    )
    assert page.trim is not None and page.bleed is not None
    assert (page.trim.w, page.trim.h) == pytest.approx((594 * PT, 841 * PT))
    assert page.trim.x0 == pytest.approx(bleed * PT)
    assert page.bleed == Rect(0, 0, page.width, page.height)
    # every text mark starts inside the safe margin
    safe = page.trim.inset(y["safe_margin_mm"] * PT)
    for m in page.marks:
        if isinstance(m, TextLine):
            assert safe.x0 - 1e-6 <= m.x and m.y >= safe.y0 - 1e-6, m.text
    assert sum(isinstance(m, QRSymbol) for m in page.marks) == 1
    # one chevron per item, and the key's arrow
    assert sum(isinstance(m, Polygon) for m in page.marks) == 17 + 1


def test_poster_options_move_the_trim_for_marks() -> None:
    y = LAYOUT_DIR_YAML["a1-portrait"]
    layout, brand, content = load_layout("a1-portrait"), load_brand("default"), load_content()
    plain = plan_document(content, layout, brand).pages[0]
    marked = plan_document(content, layout, brand, Options(marks=True, bleed_mm=5)).pages[0]
    assert marked.trim is not None and plain.trim is not None
    assert (marked.trim.w, marked.trim.h) == pytest.approx((plain.trim.w, plain.trim.h))
    # room for 5 mm bleed + 2 mm gap + 6 mm marks + 5 mm slug on every side
    assert marked.trim.x0 == pytest.approx((5 + 2 + 6 + 5) * PT)
    assert marked.width == pytest.approx((594 + 2 * 18) * PT)
    assert y["bleed_mm"] != 5  # the option, not the layout's bleed, was used


def test_deck_document_pages_labels_notes() -> None:
    content = load_content()
    doc = plan_document(content, load_layout("slides-16x9"), load_brand("hiep-hoa"))
    assert doc.kind == "deck"
    kinds = [p.kind for p in doc.pages]
    # the overview on two slides (20 pt at least); long items continue on a second slide
    assert kinds == ["title", "overview", "overview", *["item"] * (len(kinds) - 4), "closing"]
    labels = [p.label for p in doc.pages]
    assert labels[:3] == ["Bìa", "Tổng quan (1/2)", "Tổng quan (2/2)"] and labels[-1] == "Kết"
    firsts = [label for label in labels[3:-1] if "tiếp" not in label]
    assert firsts == [str(n) for n in range(1, 18)]
    assert all(label.removesuffix(" (tiếp)") in firsts for label in labels[3:-1])
    for page in doc.pages:
        assert (page.width, page.height) == pytest.approx((338.7 * PT, 190.5 * PT))
        assert page.trim is None
    item5 = doc.pages[labels.index("5")]
    assert item5.item == 5 and item5.outline.startswith("5. ")
    assert content.items[4].left in item5.notes and content.items[4].right in item5.notes
    # every text box of an item slide lies on the slide
    page = Rect(0, 0, doc.pages[0].width, doc.pages[0].height)
    for p in doc.pages:
        for m in p.marks:
            if isinstance(m, TextBox):
                assert page.contains(m.rect), (p.label, m.runs[0].text)


def test_deck_and_poster_tiles_share_one_builder() -> None:
    """The same item gives the same heading text on a poster tile and on its slide."""
    content = load_content()
    poster = plan_document(content, load_layout("a1-portrait"), load_brand("default"))
    deck = plan_document(content, load_layout("slides-16x9"), load_brand("default"))
    heading = content.items[0].heading
    joined = {
        " ".join(ln.text for ln in m.lines) for m in poster.pages[0].marks if isinstance(m, TextBox)
    }
    assert heading in joined
    slide = next(p for p in deck.pages if p.label == "1")
    # the slide's runs (for the PPTX) join a word's syllables with no-break spaces
    assert any(
        isinstance(m, TextBox) and m.runs[0].text.replace("\xa0", " ") == heading
        for m in slide.marks
    )
    assert any(isinstance(m, Fill) for m in slide.marks)


# ---------------------------------------------------------------- outputs


def test_format_from_extension_or_option() -> None:
    assert format_for("x.pptx", None) == "pptx"
    assert format_for("x.PNG", None) == "png"
    assert format_for("x.jpg", None) == "jpeg"
    assert format_for("x.pdf", None) == "pdf"
    assert format_for("x.pdf", "sheets") == "sheets"
    assert format_for(None, None) == "pdf"
    assert {"pdf", "pptx", "png", "jpeg", "sheets"} <= set(WRITERS)


def test_format_refused_for_the_wrong_layout() -> None:
    with pytest.raises(PosterError) as e:
        check_format("pptx", load_layout("a1-portrait"))
    assert e.value.problems[0].field == "format"
    with pytest.raises(PosterError):
        check_format("sheets", load_layout("slides-4x3"))
    with pytest.raises(PosterError) as e:
        check_format("docx", load_layout("a1-portrait"))
    assert "unknown format" in e.value.problems[0].message


def test_produce_plans_once_and_names_artifacts() -> None:
    content, layout, brand = load_content(), load_layout("slides-4x3"), load_brand("cam-pha")
    doc, arts = produce(Request(content, layout, brand, ("pdf", "png"), dpi=10))
    assert isinstance(doc, Document)
    assert [a.format for a in arts] == ["pdf"] + ["png"] * len(doc.pages)
    assert len(doc.pages) >= 20  # title, overview, 17 items (some continued), closing
    assert arts[0].suffix == ".pdf" and arts[0].data.startswith(b"%PDF")
    assert [a.suffix for a in arts[1:3]] == ["-01.png", "-02.png"]  # zero-padded: they sort
    assert all(a.data.startswith(b"\x89PNG") for a in arts[1:])
