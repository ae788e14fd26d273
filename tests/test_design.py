"""The designer's checks, on the PDFs: no runts, the key, boxes that end at their text.

Paragraphs are found from the content YAML (what the user wrote), lines and boxes
from the PDF (pdfium's glyph boxes and filled path objects).
"""

from __future__ import annotations

import ctypes

import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_c
import pytest
from conftest import (
    DECK_LAYOUTS,
    Char,
    box_in,
    brand_yaml,
    content_yaml,
    layout_yaml,
    mm,
    nfc,
    page_chars,
    run_cli,
    text_lines,
    write_yaml,
)

from poster.geometry import Rect

# every poster (A3 on both its pages) and both decks
RUNT_LAYOUTS = ["a0-portrait", "a1-portrait", "a2-portrait", "a3-portrait", *DECK_LAYOUTS]


def segments(chars: list[Char]) -> list[tuple[str, Rect, float]]:
    """Each baseline's characters split where a gap wider than 1.5 em opens: (text, box, size)."""
    out = []
    for line in text_lines(chars):
        line.sort(key=lambda c: c.box.x0)
        run: list[Char] = []
        for ch in line:
            if run and ch.box.x0 - run[-1].box.x1 > 1.5 * ch.size and not ch.text.isspace():
                out.append(run)
                run = []
            run.append(ch)
        out.append(run)
    result = []
    for run in out:
        text = "".join(c.text for c in run).strip()
        if text:
            ink = [c for c in run if not c.text.isspace()]
            box = Rect(
                min(c.box.x0 for c in ink),
                min(c.baseline for c in ink),
                max(c.box.x1 for c in ink),
                max(c.box.y1 for c in ink),
            )
            result.append((nfc(text), box, max(c.size for c in ink)))
    return result


def paragraphs() -> list[str]:
    c = content_yaml()
    out = [c["title"]]
    for item in c["items"]:
        out += [item["heading"], item["left"], item["right"]]
    return [" ".join(nfc(p).split()) for p in out]


def runts(pdf: bytes) -> list[str]:
    """One-word last lines of a paragraph of more than one line: the word alone on a
    line whose line above (same column, one pitch higher) ends with the word before."""
    ends = {}
    for p in paragraphs():
        words = p.split(" ")
        if len(words) > 1:
            ends.setdefault(words[-1], set()).add(words[-2])
    found = []
    doc = pdfium.PdfDocument(pdf)
    try:
        for number, page in enumerate(doc, start=1):
            tp = page.get_textpage()
            segs = segments(page_chars(tp))
            tp.close()
            for text, box, size in segs:
                if " " in text or text not in ends:
                    continue
                above = [
                    (t, b)
                    for t, b, _ in segs
                    if abs(b.x0 - box.x0) < 0.6 * size and 0.8 * size < b.y0 - box.y0 < 2 * size
                ]
                if any(t.split(" ")[-1] in ends[text] for t, _ in above):
                    found.append(f"page {number}: {text!r} alone after {above[0][0][-40:]!r}")
    finally:
        doc.close()
    return found


@pytest.mark.parametrize("layout", RUNT_LAYOUTS)
def test_no_paragraph_or_heading_ends_with_one_syllable(render, layout):
    assert runts(render(layout, "default").pdf) == []


def test_the_runt_finder_finds_a_runt():
    # the check itself: a PDF with "… khách" / "hàng" as the last two lines is caught
    import io

    from reportlab.pdfgen import canvas

    from poster.fonts import face

    buf = io.BytesIO()
    cv = canvas.Canvas(buf, pagesize=(400, 200))
    f = face("body")
    cv.setFont(f.name, 12)
    first = nfc("Chuyển trọng tâm từ chính quyền sang người dân, từ tổ chức sang")
    cv.drawString(10, 150, first)
    cv.drawString(10, 134, nfc("nhân viên, từ doanh nghiệp sang khách"))
    cv.drawString(10, 118, nfc("hàng"))
    cv.save()
    assert len(runts(buf.getvalue())) == 1


# ---------------------------------------------------------------- the key


@pytest.mark.parametrize("layout", ["a0-portrait", "a1-portrait", "a2-portrait", "a3-portrait"])
def test_key_names_both_sides_larger_than_the_headings(render, layout):
    r = render(layout, "default")
    labels = content_yaml()["labels"]
    segs = segments(r.chars)
    heading_size = max(  # the tiles' headings: the bold first line of item 1's heading
        size
        for text, _, size in segs
        if text and nfc(content_yaml()["items"][0]["heading"]).startswith(text)
    )
    for label in (labels["left"], labels["right"]):
        hits = [s for t, _, s in segs if t == nfc(label).upper()]
        assert hits and max(hits) >= heading_size, (label, hits, heading_size)
    # left before right, on one line, above every tile's number
    left = next(b for t, b, _ in segs if t == nfc(labels["left"]).upper())
    right = next(b for t, b, _ in segs if t == nfc(labels["right"]).upper() and b.x0 > left.x1)
    assert abs(left.y0 - right.y0) < 0.5


# ---------------------------------------------------------------- boxes end at their text


def filled_boxes(page: pdfium.PdfPage) -> list[Rect]:
    out = []
    for obj in page.get_objects(filter=[pdfium_c.FPDF_PAGEOBJ_PATH]):
        r, g, b, a = (ctypes.c_uint() for _ in range(4))
        if not pdfium_c.FPDFPageObj_GetFillColor(obj.raw, *(ctypes.byref(v) for v in (r, g, b, a))):
            continue
        mode, stroke = ctypes.c_int(), ctypes.c_int()
        pdfium_c.FPDFPath_GetDrawMode(obj.raw, ctypes.byref(mode), ctypes.byref(stroke))
        if mode.value == 0:
            continue
        x0, y0, x1, y1 = obj.get_bounds()
        out.append(Rect(x0, y0, x1, y1))
    return out


def empty_box_problems(pdf: bytes) -> list[str]:
    """In a filled box holding text, the space below its content (text and boxes inside
    it) is at most the space above it plus one body line (1.35 × the text's size).

    Two boxes side by side with the same top and bottom (a slide's two columns, which
    issue 19.7 gives one height) are held to it as a pair: the fuller of the two."""
    problems = []
    doc = pdfium.PdfDocument(pdf)
    try:
        for number, page in enumerate(doc, start=1):
            w, h = page.get_size()
            tp = page.get_textpage()
            chars = [c for c in page_chars(tp) if not c.text.isspace()]
            tp.close()
            boxes = [b for b in filled_boxes(page) if b.w * b.h < 0.45 * w * h]
            found: dict[Rect, str] = {}
            for box in boxes:
                inside = [
                    c
                    for c in chars
                    if box.x0 <= c.centre[0] <= box.x1 and box.y0 <= c.centre[1] <= box.y1
                ]
                if not inside:
                    continue
                nested = [
                    b for b in boxes
                    if b != box and b.w * b.h < box.w * box.h and box_in(box, b, 0.01)
                ]  # fmt: skip
                top = max([c.box.y1 for c in inside] + [b.y1 for b in nested])
                bottom = min([c.box.y0 for c in inside] + [b.y0 for b in nested])
                body = max(c.size for c in inside)
                below, above = bottom - box.y0, box.y1 - top
                if below > above + 1.35 * body + 0.5:
                    text = "".join(c.text for c in inside)[:40]
                    found[box] = (
                        f"page {number}: box {box} holding {text!r}: {below / mm(1):.1f} mm "
                        f"empty below, {above / mm(1):.1f} mm above"
                    )
                else:
                    found.setdefault(box, "")
            for box, problem in found.items():
                twins = [
                    b for b in found
                    if b != box and abs(b.y0 - box.y0) < 0.5 and abs(b.y1 - box.y1) < 0.5
                    and (b.x0 >= box.x1 or b.x1 <= box.x0)
                ]  # fmt: skip
                if problem and not any(found[b] == "" for b in twins):
                    problems.append(problem)
    finally:
        doc.close()
    return problems


@pytest.mark.parametrize(
    "layout", ["a0-portrait", "a1-portrait", "a2-portrait", "a3-portrait", *DECK_LAYOUTS]
)
def test_no_box_is_half_empty(render, layout):
    assert empty_box_problems(render(layout, "default").pdf) == []


def test_floors_of_the_body_size(render):
    # A1 ≥ 16 pt and A0 ≥ 22 pt body: the size of every line taken from the sides' text
    sides = [nfc(i[k]) for i in content_yaml()["items"] for k in ("left", "right")]
    for layout, floor in (("a1-portrait", 16), ("a0-portrait", 22)):
        r = render(layout, "default")
        sizes = [s for t, _, s in segments(r.chars) if len(t) > 15 and any(t in p for p in sides)]
        assert len(sizes) > 50 and min(sizes) >= floor - 0.05, (layout, min(sizes))


# ---------------------------------------------------------------- slides for a hall


@pytest.mark.parametrize(("layout", "floor"), [("slides-16x9", 24), ("slides-4x3", 22)])
def test_slide_text_reads_from_the_back_of_a_hall(render, layout, floor):
    r = render(layout, "default")
    c = content_yaml()
    sides = [nfc(i[k]) for i in c["items"] for k in ("left", "right")]
    headings = [nfc(i["heading"]) for i in c["items"]]
    doc = pdfium.PdfDocument(r.pdf)
    try:
        overview_sizes, body_sizes, small = [], [], []
        for number, page in enumerate(doc, start=1):
            tp = page.get_textpage()
            segs = segments(page_chars(tp))
            tp.close()
            texts = " ".join(t for t, _, _ in segs)
            for text, _, size in segs:
                if size < 14 - 0.05 and not text.replace("/", "").replace(" (tiếp)", "").isdigit():
                    small.append((number, text, size))
                if len(text) > 12 and any(text.strip("… ") in p for p in sides):
                    body_sizes.append(size)
                on_overview = number in (2, 3) and "/" not in texts  # item slides show "5/17"
                if on_overview and len(text) > 12 and any(text in h for h in headings):
                    overview_sizes.append(size)
        assert small == []
        assert len(body_sizes) > 100 and min(body_sizes) >= floor - 0.05
        assert overview_sizes and min(overview_sizes) >= 20 - 0.05
    finally:
        doc.close()


# ---------------------------------------------------------------- icons


def stroked_clusters(page: pdfium.PdfPage, rgb: tuple[int, int, int]) -> list[Rect]:
    """Bounding boxes of groups of stroked paths in colour `rgb` that touch each other."""
    return clusters_of(stroked_boxes(page, rgb))


def stroked_boxes(page: pdfium.PdfPage, rgb: tuple[int, int, int]) -> list[Rect]:
    """The bounds of every stroked path in colour `rgb`."""
    boxes = []
    for obj in page.get_objects(filter=[pdfium_c.FPDF_PAGEOBJ_PATH]):
        mode, stroke = ctypes.c_int(), ctypes.c_int()
        pdfium_c.FPDFPath_GetDrawMode(obj.raw, ctypes.byref(mode), ctypes.byref(stroke))
        if not stroke.value:
            continue
        r, g, b, a = (ctypes.c_uint() for _ in range(4))
        pdfium_c.FPDFPageObj_GetStrokeColor(obj.raw, *(ctypes.byref(v) for v in (r, g, b, a)))
        if max(abs(x - y) for x, y in zip((r.value, g.value, b.value), rgb, strict=True)) > 2:
            continue
        boxes.append(Rect(*obj.get_bounds()))
    return boxes


def clusters_of(boxes: list[Rect]) -> list[Rect]:
    """The boxes merged into groups: parts of one icon (a node, a dot) are apart by less
    than half the icon's height."""
    clusters = list(boxes)
    merged = True
    while merged:
        merged = False
        for i, c in enumerate(clusters):
            for j in range(i + 1, len(clusters)):
                d = clusters[j]
                tol = 0.5 * max(c.h, d.h)
                near = d.x0 <= c.x1 + tol and c.x0 <= d.x1 + tol
                if near and d.y0 <= c.y1 + tol and c.y0 <= d.y1 + tol:
                    clusters[i] = Rect(
                        min(c.x0, d.x0), min(c.y0, d.y0), max(c.x1, d.x1), max(c.y1, d.y1)
                    )
                    del clusters[j]
                    merged = True
                    break
            if merged:
                break
    return clusters


@pytest.mark.parametrize("layout", ["a0-portrait", "a1-portrait", "a2-portrait", "a3-portrait"])
def test_every_item_has_a_vector_icon_in_its_tile(render, layout):
    # issue 19: an icon anchors its tile from 2 m: two heading lines tall (the capitals of
    # one, 0.74 em in Be Vietnam Pro, and the YAML's leading to the next baseline), in the
    # colour of the side it leads to (the right, "after" side)
    r = render(layout, "default")
    right = brand_yaml("default")["colors"]["right"].lstrip("#")
    rgb = (int(right[0:2], 16), int(right[2:4], 16), int(right[4:6], 16))
    items = content_yaml()["items"]
    assert all(i.get("icon") for i in items)
    heading_size = max(s for t, _, s in segments(r.chars) if nfc(items[0]["heading"]).startswith(t))
    two_lines = (0.74 + layout_yaml(layout)["fonts"]["heading"]["leading"]) * heading_size
    found = 0
    for side in r.sides:  # a poster printed front and back: both pages
        icons = stroked_clusters(side.page, rgb)
        found += len(icons)
        for icon in icons:  # a square two heading lines tall, at most three
            assert two_lines - 0.5 <= max(icon.w, icon.h) <= 3 * heading_size, icon
            # beside a heading: on the same height as some bold heading line
            heads = [b for _, b, s in segments(side.chars) if abs(s - heading_size) < 0.05]
            assert any(b.y0 <= icon.y1 and icon.y0 <= b.y1 and b.x1 < icon.x0 for b in heads)
    assert found == len(items)


def test_an_unknown_icon_is_an_error_naming_the_item(tmp_path):
    data = content_yaml()
    data["items"][4]["icon"] = "clod"
    path = write_yaml(tmp_path / "content.yaml", data)
    done = run_cli("render", "--content", path, "-o", tmp_path / "out.pdf")
    assert done.returncode == 2
    assert "Traceback" not in done.stderr
    assert "items.4.icon" in done.stderr and "clod" in done.stderr
    assert not (tmp_path / "out.pdf").exists()
