"""Properties of the outputs, measured on the PDF/PPTX/raster against expectations from outside
the code: numbers written here, or the user's YAML read here with yaml.safe_load.

Each test names, in its docstring, a one-line bug that makes it fail.
"""

from __future__ import annotations

import unicodedata
from pathlib import Path

import pypdfium2 as pdfium
import pytest
from conftest import (
    BRANDS,
    DECK_LAYOUTS,
    LAYOUT_FOLDER,
    LAYOUTS,
    SIDE_LAYOUTS,
    WHITE,
    Char,
    Filled,
    Rect,
    bounds,
    box_in,
    brand_rgb,
    brand_yaml,
    char_fill,
    chars_by_tile,
    content_yaml,
    filled_paths,
    find_qr,
    find_run,
    fold,
    footer_area,
    footer_page,
    layout_yaml,
    mm,
    nfc,
    overlap,
    page_chars,
    squash,
    trim_mm,
    write_yaml,
)
from metrics import wcag

TOL = 0.5  # points, as the other glyph tests


# ---------------------------------------------------------------- helpers


def _labels() -> tuple[str, str]:
    """The side labels as drawn: the content YAML's labels in capitals."""
    labels = content_yaml()["labels"]
    return nfc(labels["left"]).upper(), nfc(labels["right"]).upper()


def _items() -> list[dict]:
    return content_yaml()["items"]


def _is_tint_of(tint: tuple[int, int, int], colour: tuple[int, int, int]) -> bool:
    """`tint` is some amount a (0 < a < 1) of `colour` on white paper: for every channel
    255 − tint = a · (255 − colour), one `a` for all channels."""
    amounts = [(255 - t) / (255 - c) for t, c in zip(tint, colour, strict=True) if 255 - c >= 40]
    assert amounts, f"colour {colour} is too light to tell its tints"
    return min(amounts) > 0 and max(amounts) < 1 and max(amounts) - min(amounts) <= 0.03


def _reads_as(got: tuple[int, int, int], want: tuple[int, int, int], ground: Filled | None) -> bool:
    """`got` is `want`, or `want` with every channel scaled by one factor under 1 (hue
    kept) that makes it read on `ground` at 4.5:1 (WCAG, tests/metrics.py)."""
    if max(abs(a - b) for a, b in zip(got, want, strict=True)) <= 1:
        return True
    f = max(got) / max(want)
    shade = all(abs(g - f * w) <= 1.5 for g, w in zip(got, want, strict=True)) and f < 1
    rgb = tuple(c / 255 for c in got)
    return shade and ground is not None and wcag(rgb, tuple(c / 255 for c in ground.color)) >= 4.5


def _under(paths: list[Filled], ch: Char) -> Filled | None:
    """The smallest filled, non-white shape (of `paths`) under a character's centre."""
    held = [f for f in paths if f.color != WHITE and box_in(f.box, Rect(*ch.centre, *ch.centre), 0)]
    return min(held, key=lambda f: f.area) if held else None


def _sides(chars: list[Char], item: dict) -> tuple[list[Char], list[Char]]:
    """The left and right sides (label and text) among `chars`, in content-stream order."""
    left_label, right_label = _labels()
    left = squash(left_label + nfc(item["left"]))
    right = squash(right_label + nfc(item["right"]))
    runs = find_run(chars, left + right)
    assert len(runs) == 1, f"item {item['n']}: the two sides are not drawn once, in order"
    return runs[0][: len(left)], runs[0][len(left) :]


def _side_problems(
    page: pdfium.PdfPage,
    textpage: pdfium.PdfTextPage,
    chars: list[Char],
    item: dict,
    brand: str | Path,
    arrangement: str,
    tile: Rect | None = None,
) -> list[str]:
    """Colours and placement of one item's two sides; an empty list when all is well."""
    problems = []
    paths = filled_paths(page)
    left_label, right_label = _labels()
    sides = _sides(chars, item)
    for which, side, label in zip(("left", "right"), sides, (left_label, right_label), strict=True):
        want = brand_rgb(brand, which)
        label_chars = side[: len(squash(label))]
        got = {char_fill(textpage, c.index) for c in label_chars}
        tint = _under(paths, label_chars[0])
        # the side's colour, or (issue 19: a poster's stronger fill) a darker shade of it
        # that reads on its fill at 4.5:1
        if len(got) != 1 or not _reads_as(got.pop(), want, tint):
            problems.append(f"item {item['n']}: {which} label {label!r} in {got}, want {want}")
        if tint is None or not _is_tint_of(tint.color, want):
            problems.append(
                f"item {item['n']}: the {which} side's ground {tint} is not a tint of {want}"
            )
        if tile is not None and not box_in(tile, bounds(side), TOL):
            problems.append(f"item {item['n']}: {which} side {bounds(side)} leaves tile {tile}")
        if tile is not None and tint is not None and not box_in(tile, tint.box, TOL):
            problems.append(f"item {item['n']}: {which} tint {tint.box} leaves tile {tile}")
    left, right = (bounds(s) for s in sides)
    grounds = [_under(paths, s[0]) for s in sides]
    if overlap(left, right):
        problems.append(f"item {item['n']}: the sides overlap: {left} {right}")
    if arrangement == "stacked":
        if not left.y0 > right.y1:
            problems.append(f"item {item['n']}: left side {left} is not above the right {right}")
        if None not in grounds and not grounds[0].box.y0 >= grounds[1].box.y1 - TOL:
            problems.append(f"item {item['n']}: left tint is not above the right tint {grounds}")
    else:
        if not left.x1 < right.x0:
            problems.append(f"item {item['n']}: left side {left} is not left of the right {right}")
        if None not in grounds and not grounds[0].box.x1 <= grounds[1].box.x0 + TOL:
            problems.append(f"item {item['n']}: left tint is not left of the right tint {grounds}")
    return problems


def _deck_pages(path: Path):
    """(page, textpage, chars) of every page of a PDF; closed by the caller via the doc."""
    doc = pdfium.PdfDocument(str(path))
    pages = []
    for page in doc:
        textpage = page.get_textpage()
        pages.append((page, textpage, page_chars(textpage)))
    return doc, pages


def _close(doc, pages) -> None:
    for page, textpage, _ in pages:
        textpage.close()
        page.close()
    doc.close()


# ---------------------------------------------------------------- safe margin, page size


@pytest.mark.parametrize("brand", BRANDS)
@pytest.mark.parametrize("layout", DECK_LAYOUTS)
def test_deck_glyphs_keep_the_safe_margin(cli_render, layout, brand):
    """Every glyph on every slide is safe_margin_mm (layout YAML) inside the page, and the page
    is the YAML's width × height. Fails if e.g. a slide's `safe` rect is built without the
    margin, or the footer line is set on the page edge."""
    spec = layout_yaml(layout)
    w, h = (mm(v) for v in trim_mm(spec))
    margin = mm(spec["safe_margin_mm"])
    assert spec.get("bleed_mm", 0) == 0
    doc, pages = _deck_pages(cli_render(layout, brand))
    try:
        unsafe = []
        for no, (page, _, chars) in enumerate(pages):
            assert page.get_mediabox() == pytest.approx((0, 0, w, h), abs=0.01)
            assert page.get_trimbox() == pytest.approx((0, 0, w, h), abs=0.01)
            safe = Rect(margin, margin, w - margin, h - margin)
            unsafe += [
                f"slide {no + 1}: {c.text!r} at {c.box}"
                for c in chars
                if not c.text.isspace() and not box_in(safe, c.box, TOL)
            ]
        # a title, one to three overview slides, every item (some over two slides), the end
        assert len(pages) >= len(_items()) + 3
        assert not unsafe, "glyphs in the safe margin:\n" + "\n".join(unsafe[:20])
    finally:
        _close(doc, pages)


# ---------------------------------------------------------------- QR quiet zone


QR_DPI = 200  # at least; more for a QR under 22 mm (version 3: 6 px a module)


def _quiet_zone(found) -> dict[str, float]:
    """Per side, the narrowest run of white pixels (every channel ≥ 250) from the symbol's
    edge outwards, in modules. The first pixel outside the edge may be anti-aliased: it
    counts as quiet, whatever its colour."""
    pixels = found.image.load()
    width, height = found.image.size
    x0, y0, x1, y1 = found.px
    limit = int(6 * found.module_px) + 2

    def run(x: int, y: int, dx: int, dy: int) -> int:
        n = 1
        x, y = x + dx, y + dy
        while n < limit and 0 <= x < width and 0 <= y < height and min(pixels[x, y]) >= 250:
            n += 1
            x, y = x + dx, y + dy
        return n

    rows, cols = range(y0 + 1, y1 - 1), range(x0 + 1, x1 - 1)
    px = {
        "left": min(run(x0 - 1, y, -1, 0) for y in rows),
        "right": min(run(x1, y, 1, 0) for y in rows),
        "top": min(run(x, y0 - 1, 0, -1) for x in cols),
        "bottom": min(run(x, y1, 0, 1) for x in cols),
    }
    return {side: n / found.module_px for side, n in px.items()}


def _check_qr(found, url: str) -> None:
    assert [q.text for q in found] == [url]
    (qr,) = found
    # the grid zxing read: the finder pattern in the top-left corner is 7 modules wide
    assert qr.finder_module_px == pytest.approx(qr.module_px, abs=0.5)
    assert qr.module_px >= 5, "raster too coarse to measure the quiet zone"
    zone = _quiet_zone(qr)
    slack = 1.5 / qr.module_px  # anti-aliasing at the plate's outer edge
    narrow = {side: round(m, 2) for side, m in zone.items() if m < 4 - slack}
    assert not narrow, f"quiet zone under 4 modules (module {qr.module_px:.1f} px): {narrow}"


@pytest.mark.parametrize("layout", LAYOUTS)
def test_poster_qr_has_a_white_quiet_zone_of_four_modules(render, layout):
    """The QR has ≥ 4 modules of white on every side, measured on a raster (module size
    from the raster: symbol width / (17 + 4·version)). Fails if the white plate under the
    QR is dropped or made smaller (e.g. `symbol.inset(-quiet)` → `symbol`)."""
    r = render(layout, "default")
    spec = layout_yaml(layout)
    at = r.sides[footer_page(spec, len(r.sides))]  # the page with the footer
    footer = footer_area(spec, at.index, len(r.sides))
    width = at.page.get_width()
    bottom = 0 if spec["footer"].get("position") != "under-header" else footer.y0 - mm(10)
    clip = Rect(max(0, footer.x0 - mm(10)), bottom, width, footer.y1 + mm(5))
    # some 250 pixels across the symbol (the YAML's size): 6 or more a module (a version
    # 3 symbol is 29 modules: 8.6 px), whatever the QR's size (A3's is 18 mm)
    qr_mm = spec["qr"]["size_mm"]
    dpi = max(QR_DPI, 250 * 25.4 / qr_mm) if qr_mm <= 60 else 250 * 25.4 / qr_mm
    _check_qr(find_qr(at.page, dpi, clip), r.brand.qr.url)


@pytest.mark.parametrize("layout", DECK_LAYOUTS)
def test_closing_slide_qr_has_a_white_quiet_zone_of_four_modules(cli_render, layout):
    """The same on the deck's closing slide. Fails if its white plate is dropped."""
    doc = pdfium.PdfDocument(str(cli_render(layout, "hiep-hoa")))
    try:
        page = doc[len(doc) - 1]
        found = find_qr(page, 100)
        page.close()
    finally:
        doc.close()
    _check_qr(found, brand_yaml("hiep-hoa")["qr"]["url"])


# ---------------------------------------------------------------- the two sides


# the tiles with their two sides (a panel read from metres shows the headings alone)
COMBOS = [(layout, brand) for layout in SIDE_LAYOUTS for brand in BRANDS]


@pytest.mark.parametrize(("layout", "brand"), COMBOS, ids=[f"{a}-{b}" for a, b in COMBOS])
def test_poster_left_side_is_in_the_left_colour_above_the_right(render, layout, brand):
    """In every tile the left label is in the brand's `left` colour on a tint of it, the
    right one likewise, and the left side lies above the right one (stacked), both inside
    the tile. Fails if the side colours are swapped (`c.left if which == "left"` inverted)
    or the sides are drawn in the wrong order."""
    assert layout_yaml(layout)["tile"]["sides"] == "stacked"
    items = {item["n"]: item for item in _items()}
    problems, seen = [], []
    for side in render(layout, brand).sides:  # a poster printed front and back: both pages
        per, _ = chars_by_tile(side)
        seen += per
        for n, chars in sorted(per.items()):
            problems += _side_problems(
                side.page, side.textpage, chars, items[n], brand, "stacked", tile=side.tiles[n]
            )
    assert sorted(seen) == sorted(items)
    assert not problems, "\n".join(problems[:20])


@pytest.mark.parametrize("brand", BRANDS)
@pytest.mark.parametrize("layout", DECK_LAYOUTS)
def test_slide_left_side_is_in_the_left_colour_before_the_right(cli_render, layout, brand):
    """Every item slide: the left side's label in the brand's left colour on its tint, left
    of the right side (16:9, two columns) or above it (4:3, `deck: {sides: stacked}`), no
    overlap. Fails if the deck swaps the side colours, the columns or the boxes."""
    arrangement = layout_yaml(layout)["deck"].get("sides", "side-by-side")
    path = cli_render(layout, brand)
    slides = _item_slides(path)
    doc, pages = _deck_pages(path)
    try:
        problems = []
        whole = [item for item in _items() if len(slides[item["n"]]) == 1]
        assert len(whole) >= len(_items()) // 2, "most items fit one slide"
        for item in whole:
            page, textpage, chars = pages[slides[item["n"]][0]]
            problems += _side_problems(page, textpage, chars, item, brand, arrangement)
        assert not problems, "\n".join(problems[:20])
    finally:
        _close(doc, pages)


def _item_slides(path: Path) -> dict[int, list[int]]:
    """Item number → the indices of its slides, from the PDF's page labels ("5", "5 (tiếp)")."""
    from pypdf import PdfReader

    out: dict[int, list[int]] = {}
    for index, label in enumerate(PdfReader(str(path)).page_labels):
        number = label.removesuffix(" (tiếp)")
        if number.isdigit():
            out.setdefault(int(number), []).append(index)
    return out


@pytest.fixture(scope="session")
def side_by_side_layout(tmp_path_factory) -> Path:
    """The A1 layout in two columns of side-by-side tiles, written as a user would."""
    data = layout_yaml(LAYOUT_FOLDER / "a1-portrait.yaml")
    data["grid"]["columns"] = 2
    data["tile"]["sides"] = "side-by-side"
    return write_yaml(tmp_path_factory.mktemp("sbs") / "a1-side-by-side.yaml", data)


@pytest.mark.parametrize("brand", ["default", "cam-pha"])
def test_side_by_side_tiles_put_left_text_left_of_right_text(render, side_by_side_layout, brand):
    """`tile: {sides: side-by-side}`: in every tile the left text (label and side) lies left
    of the right text with no overlap, both inside the tile, each on its own colour. Fails
    if both sides are drawn at the same x (e.g. the right box starting at `r.x0 + pad`)."""
    r = render(side_by_side_layout, brand)
    per, _ = chars_by_tile(r)
    items = {item["n"]: item for item in _items()}
    assert sorted(per) == sorted(items)
    problems = []
    for n, chars in sorted(per.items()):
        problems += _side_problems(
            r.page, r.textpage, chars, items[n], brand, "side-by-side", tile=r.tiles[n]
        )
    assert not problems, "\n".join(problems[:20])


# ---------------------------------------------------------------- NFC out of NFD in


def _nfd(value):
    if isinstance(value, str):
        return unicodedata.normalize("NFD", value)
    if isinstance(value, list):
        return [_nfd(v) for v in value]
    if isinstance(value, dict):
        return {k: _nfd(v) for k, v in value.items()}
    return value


@pytest.fixture(scope="session")
def nfd_content(tmp_path_factory) -> Path:
    """The shipped content with every string decomposed (NFD), as some editors save it."""
    path = write_yaml(tmp_path_factory.mktemp("nfd") / "nfd.yaml", _nfd(content_yaml()))
    text = path.read_text(encoding="utf-8")
    assert sum(map(unicodedata.combining, text)) > 1000, "the file should be decomposed"
    return path


def _expected_nfc() -> list[str]:
    """Title, labels and every heading and side, NFC, from the shipped content YAML."""
    data = content_yaml()
    parts = [data["title"], *_labels()]
    parts += [item[k] for item in data["items"] for k in ("heading", "left", "right")]
    return [fold(nfc(p)) for p in parts]


def _nfc_problems(text: str, where: str) -> list[str]:
    marks = sorted({f"U+{ord(c):04X}" for c in text if unicodedata.combining(c)})
    problems = [f"{where}: combining marks {marks[:10]}"] if marks else []
    folded = fold(text)
    missing = [p[:50] for p in _expected_nfc() if p not in folded]
    return problems + [f"{where}: NFC text not found: {m!r}" for m in missing[:5]]


def test_nfd_input_gives_an_nfc_poster(render, nfd_content):
    """Decomposed input is drawn as precomposed Vietnamese: no combining mark in the PDF
    text, and the NFC strings of the content found in it. Fails if the NFC normalisation
    of the YAML strings is removed."""
    r = render("a3-portrait", "default", nfd_content)
    drawn = "".join(c.text for side in r.sides for c in side.chars)
    assert not [c for c in drawn if unicodedata.combining(c)]
    text = " ".join(side.textpage.get_text_range() for side in r.sides)  # front and back
    assert not _nfc_problems(text, "poster")


def test_nfd_input_gives_an_nfc_deck(cli_render, nfd_content):
    """The same for a slide deck PDF, every page."""
    doc, pages = _deck_pages(cli_render("slides-16x9", "default", "pdf", nfd_content))
    try:
        text = " ".join(tp.get_text_range() for _, tp, _ in pages)
        drawn = "".join(c.text for _, _, chars in pages for c in chars)
    finally:
        _close(doc, pages)
    assert not [c for c in drawn if unicodedata.combining(c)]
    # an item too long for one slide continues on the next, so its text is not in one
    # piece: every word of the content, precomposed, is on the slides
    words = set(fold(text).replace("…", " ").split())
    expected = {w for p in _expected_nfc() for w in p.split()}
    assert not sorted(expected - words)[:10]


def test_nfd_input_gives_an_nfc_pptx(cli_render, nfd_content):
    """The same for the PowerPoint deck: every text frame and the speaker notes."""
    from pptx import Presentation

    prs = Presentation(str(cli_render("slides-16x9", "default", "pptx", nfd_content)))
    texts = []
    for slide in prs.slides:
        texts += [s.text_frame.text for s in slide.shapes if s.has_text_frame]
        if slide.has_notes_slide:
            texts.append(slide.notes_slide.notes_text_frame.text)
    problems = _nfc_problems(" ".join(texts), "PPTX")
    assert not problems, "\n".join(problems)
