"""Social cards (issue 23.1): the square and portrait carousels, as an officer makes them.

Rendered from the command line. Expected values come from outside the program: the
pixel sizes the issue names (1080 × 1080, 1080 × 1350), the phone rules written here
(nothing within 60 px of an edge, body ≥ 30 px, headings ≥ 44 px), the content and
brand YAML read with yaml.safe_load, rasters by pdftoppm and Pillow, text and glyph
boxes by pdfium. The PNGs are checked to be the PDF whose text is checked.
"""

from __future__ import annotations

import io
import re
import shutil
import subprocess
import unicodedata
import zipfile
from pathlib import Path

import pypdfium2 as pdfium
import pytest
from conftest import (
    BRAND_FOLDER,
    brand_yaml,
    char_fill,
    content_yaml,
    hex_rgb,
    page_chars,
    run_cli,
    squash,
    text_lines,
    write_yaml,
)
from PIL import Image, ImageChops, ImageStat

# the sizes the issue asks for, pixels
SIZES = {"social-square": (1080, 1080), "social-portrait": (1080, 1350)}
BRAND = {"social-square": "hiep-hoa", "social-portrait": "cam-pha"}
CARDS = 19  # cover, 17 items, closing
EDGE_PX = 60  # apps crop the edges: no text nearer
BODY_PX, HEADING_PX = 30, 44  # a phone held at arm's length
# the two sides' names as Vietnamese abbreviates them (in the captions)
ABBREVIATIONS = ("CNTT", "CĐS")


@pytest.fixture(scope="module", params=list(SIZES))
def cards(request, tmp_path_factory):
    """One layout's set: the PNGs as `--format png` writes them, and the PDF of the
    same cards (same inputs, deterministic)."""
    layout = request.param
    folder = tmp_path_factory.mktemp(layout)
    brand = BRAND[layout]
    png = run_cli("render", "--layout", layout, "--brand", brand, "--format", "png",
                  "--deterministic", "-o", folder / "png" / "bai.png")  # fmt: skip
    assert png.returncode == 0, png.stderr
    pdf = run_cli("render", "--layout", layout, "--brand", brand, "--deterministic",
                  "-o", folder / "bai.pdf")  # fmt: skip
    assert pdf.returncode == 0, pdf.stderr
    return layout, brand, folder / "png", (folder / "bai.pdf").read_bytes()


def _pages(pdf: bytes) -> list[tuple[float, float, list, str, list[tuple[int, int, int]]]]:
    """Each page: width, height (pt), its glyphs, its text, each glyph's fill colour."""
    doc = pdfium.PdfDocument(pdf)
    out = []
    try:
        for page in doc:
            tp = page.get_textpage()
            chars = page_chars(tp)
            fills = [char_fill(tp, c.index) for c in chars]
            out.append((page.get_width(), page.get_height(), chars, tp.get_text_range(), fills))
            tp.close()
            page.close()
    finally:
        doc.close()
    return out


def _nfc(text: str) -> str:
    return unicodedata.normalize("NFC", text)


# ---------------------------------------------------------------- the images


def test_nineteen_pngs_at_exactly_the_layouts_pixels(cards):
    layout, _, folder, _ = cards
    names = sorted(p.name for p in folder.iterdir())
    expected = [f"bai-{i:02d}.png" for i in range(1, CARDS + 1)]
    assert names == [*expected, "bai-captions.txt"]
    for name in expected:
        with Image.open(folder / name) as im:
            assert im.format == "PNG"
            assert im.size == SIZES[layout], (name, im.size)


def test_the_pngs_are_the_pdf_rendered(cards, tmp_path):
    """pdftoppm at 72 dpi makes the PDF's pages the PNGs' size and look."""
    layout, _, folder, pdf = cards
    (tmp_path / "c.pdf").write_bytes(pdf)
    for page in (1, 2, 7, CARDS):
        subprocess.run(["pdftoppm", "-r", "72", "-png", "-f", str(page), "-l", str(page),
                        "-singlefile", tmp_path / "c.pdf", tmp_path / "p"], check=True)  # fmt: skip
        png = folder / f"bai-{page:02d}.png"
        with Image.open(tmp_path / "p.png") as ref, Image.open(png) as im:
            assert ref.size == SIZES[layout] == im.size
            # at an eighth of the size, where the two renderers' antialiasing and rounding
            # of half pixels average out (another card differs by about 20)
            a, b = (x.convert("RGB").reduce(8) for x in (ref, im))
            mean = sum(ImageStat.Stat(ImageChops.difference(a, b)).mean) / 3
            assert mean < 4, (page, mean)


def test_each_side_shows_its_colour_in_a_bar_seen_from_afar(cards):
    """On every item card, each side's colour (brand YAML) fills a bar at least 10 px wide
    and 100 px tall: the sides are told apart without reading."""
    _, brand, folder, _ = cards
    colors = brand_yaml(brand)["colors"]
    for i in range(2, CARDS):
        with Image.open(folder / f"bai-{i:02d}.png") as im:
            rgb = im.convert("RGB")
        for side in ("left", "right"):
            solid = Image.new("RGB", rgb.size, hex_rgb(colors[side]))
            r, g, b = ImageChops.difference(rgb, solid).split()
            far = ImageChops.lighter(r, ImageChops.lighter(g, b))
            mask = far.point(lambda v: 255 if v <= 6 else 0)  # the side's colour, ±6
            # each column's share of such pixels (the mean of the column)
            columns = list(mask.reduce((1, mask.height)).tobytes())
            tall = sum(1 for v in columns if v * mask.height / 255 >= 100 - 0.5)
            assert tall >= 10, (i, side, tall)


# ---------------------------------------------------------------- the text, on the PDF


def test_every_item_on_one_card_with_its_heading_and_both_sides(cards):
    _, brand, _, pdf = cards
    content = content_yaml()
    pages = _pages(pdf)
    assert len(pages) == CARDS
    texts = [squash(_nfc(text)) for _, _, _, text, _ in pages]
    authority = brand_yaml(brand)["authority"]
    assert squash(content["title"]) in texts[0]
    assert all(squash(line) in texts[0] for line in authority)
    labels = [content["labels"][s].upper() for s in ("left", "right")]
    for k, item in enumerate(content["items"], start=1):
        page = texts[k]
        for part in (item["heading"], item["left"], item["right"], *labels):
            assert squash(_nfc(part)) in page, (item["n"], part[:40])
        assert "tiếp" not in page  # never a continuation
    assert brand_yaml(brand)["qr"]["url"] in texts[-1]


def test_no_text_within_60_px_of_an_edge(cards):
    layout, _, _, pdf = cards
    width_px, height_px = SIZES[layout]
    for n, (w, h, chars, _, _) in enumerate(_pages(pdf), start=1):
        scale = width_px / w  # pixels per point: the PNG's width over the page's
        assert h * scale == pytest.approx(height_px)
        for c in chars:
            if c.text.isspace():
                continue
            b = c.box
            x0, x1 = b.x0 * scale, b.x1 * scale
            top, bottom = (h - b.y1) * scale, (h - b.y0) * scale  # from the PNG's top
            assert x0 >= EDGE_PX and x1 <= width_px - EDGE_PX, (n, c.text, x0, x1)
            assert top >= EDGE_PX and bottom <= height_px - EDGE_PX, (n, c.text, top, bottom)


def test_type_for_a_phone_and_one_scale_across_the_item_cards(cards):
    """Every glyph ≥ 30 px; on the item cards each heading ≥ 44 px, one body size and
    one heading size for all 17."""
    layout, _, _, pdf = cards
    content = content_yaml()
    bodies, headings = set(), set()
    for n, (w, _, chars, _, _) in enumerate(_pages(pdf)):
        scale = SIZES[layout][0] / w
        sizes = [round(c.size * scale, 2) for c in chars if not c.text.isspace()]
        assert min(sizes) >= BODY_PX - 0.01, (n, min(sizes))
        if not 1 <= n <= 17:
            continue
        item = content["items"][n - 1]
        for line in text_lines(chars):
            text = squash("".join(c.text for c in line))
            fonts = {c.font for c in line}
            size = {round(c.size * scale, 2) for c in line}
            if fonts == {"BeVietnamPro-Bold"} and text in squash(item["heading"]):
                headings |= size
            if fonts == {"BeVietnamPro-Regular"} and (
                text in squash(item["left"]) or text in squash(item["right"])
            ):
                bodies |= size
    assert len(headings) == 1 and min(headings) >= HEADING_PX, headings
    assert len(bodies) == 1 and min(bodies) >= BODY_PX, bodies


def test_the_sides_names_are_in_the_sides_colours(cards):
    """Each side's label on an item card is nearer its own side's colour than the other's."""
    _, brand, _, pdf = cards
    content, colors = content_yaml(), brand_yaml(brand)["colors"]
    rgb = {s: hex_rgb(colors[s]) for s in ("left", "right")}

    def dist(a, b):
        return sum((x - y) ** 2 for x, y in zip(a, b, strict=True))

    for n, (_, _, chars, _, fills) in enumerate(_pages(pdf)[1:18], start=1):
        fill_of = {c.index: f for c, f in zip(chars, fills, strict=True)}
        lines = text_lines(chars)
        for side, other in (("left", "right"), ("right", "left")):
            label = squash(content["labels"][side].upper())
            line = next(ln for ln in lines if squash("".join(c.text for c in ln)) == label)
            ink = fill_of[line[0].index]
            assert dist(ink, rgb[side]) < dist(ink, rgb[other]), (n, side, ink)


def test_the_cover_keeps_each_sides_name_on_one_line_of_the_title(cards):
    _, _, _, pdf = cards
    content = content_yaml()
    _, _, chars, _, _ = _pages(pdf)[0]
    title = [c for c in chars if c.font == "BeVietnamPro-ExtraBold"]
    lines = [squash("".join(c.text for c in ln)) for ln in text_lines(title)]
    assert "".join(lines) == squash(content["title"])
    for side in ("left", "right"):
        name = squash(content["labels"][side].upper())
        assert any(name in line for line in lines), (name, lines)


# ---------------------------------------------------------------- captions and ZIP


def _entries(text: str) -> list[list[str]]:
    return [entry.split("\n") for entry in text.strip("\n").split("\n\n")]


def _check_captions(text: str, stem: str, brand: str) -> None:
    content, b = content_yaml(), brand_yaml(brand)
    entries = _entries(text)
    assert len(entries) == CARDS
    for k, entry in enumerate(entries, start=1):
        assert entry[0] == f"{stem}-{k:02d}.png"
        body = " ".join(entry[1:])
        assert body and unicodedata.is_normalized("NFC", body)
        assert len(body) <= 600, (k, len(body))  # short: a post, an image's description
    cover = " ".join(entries[0][1:])
    assert content["title"] in cover and b["authority"][0] in cover
    for item, entry in zip(content["items"], entries[1:18], strict=True):
        body = " ".join(entry[1:])
        assert body.startswith(f"{item['n']}. {item['heading']}")
        for abbreviation, side in zip(ABBREVIATIONS, ("left", "right"), strict=True):
            # at least the side's first sentence (its first 100 characters, if longer)
            first = re.split(r"(?<=[.;!?])\s", item[side])[0]
            assert f"{abbreviation}: {first[:100]}" in body, (item["n"], side)
    assert b["qr"]["url"] in " ".join(entries[-1])


def test_captions_beside_the_pngs(cards):
    _, brand, folder, _ = cards
    _check_captions((folder / "bai-captions.txt").read_text(encoding="utf-8"), "bai", brand)


def test_a_zip_of_the_pngs_and_captions(tmp_path):
    out = tmp_path / "the.zip"
    done = run_cli("render", "--layout", "social-square", "--brand", "cam-pha", "--format",
                   "zip", "-o", out)  # fmt: skip
    assert done.returncode == 0, done.stderr
    assert done.stdout.split() == [str(out)]
    with zipfile.ZipFile(out) as z:
        names = z.namelist()
        assert names == [*(f"the-{i:02d}.png" for i in range(1, CARDS + 1)), "captions.txt"]
        for name in names[:-1]:
            with Image.open(io.BytesIO(z.read(name))) as im:
                assert im.size == SIZES["social-square"]
        _check_captions(z.read("captions.txt").decode("utf-8"), "the", "cam-pha")


# ---------------------------------------------------------------- the pipeline


def test_batch_makes_a_zip_per_commune(tmp_path):
    brands = tmp_path / "brands"
    brands.mkdir()
    for name in ("hiep-hoa", "cam-pha"):
        data = brand_yaml(name)
        if "logo" in data:
            shutil.copy(BRAND_FOLDER / data["logo"], brands / data["logo"])
        write_yaml(brands / f"{name}.yaml", data)
    out = tmp_path / "out"
    args = ("batch", "--brands", brands, "--layout", "social-square", "-o", out, "-j", "1")
    done = run_cli(*args)
    assert done.returncode == 0, done.stderr
    names = sorted(p.name for p in out.iterdir() if not p.name.startswith("."))
    assert names == ["social-square-cam-pha.zip", "social-square-hiep-hoa.zip"]
    for name in names:
        with zipfile.ZipFile(out / name) as z:
            members = z.namelist()
            assert len(members) == CARDS + 1 and members[-1] == "captions.txt"
            assert members[:-1] == sorted(members[:-1])
            assert len(_entries(z.read("captions.txt").decode("utf-8"))) == CARDS
    again = run_cli(*args)  # nothing changed: nothing is made again
    assert again.returncode == 0 and "skipped 2" in again.stdout, again.stdout


def test_batch_png_of_cards_keeps_each_communes_files_together(tmp_path):
    brands = tmp_path / "brands"
    brands.mkdir()
    write_yaml(brands / "a.yaml", {"name": "Xã An Bình", "authority": ["UBND XÃ AN BÌNH"]})
    out = tmp_path / "out"
    done = run_cli("batch", "--brands", brands, "--layout", "social-portrait", "--format",
                   "png", "-o", out, "-j", "1")  # fmt: skip
    assert done.returncode == 0, done.stderr
    names = sorted(p.name for p in out.iterdir() if not p.name.startswith("."))
    stem = "social-portrait-xa-an-binh"
    assert names == [*(f"{stem}-{i:02d}.png" for i in range(1, CARDS + 1)),
                     f"{stem}-captions.txt"]  # fmt: skip


def test_an_item_too_long_for_one_card_is_named(tmp_path):
    content = content_yaml()
    content["items"][2]["left"] = " ".join([content["items"][2]["left"]] * 6)
    path = write_yaml(tmp_path / "long.yaml", content)
    out = tmp_path / "o" / "c.png"
    done = run_cli("render", "--content", path, "--layout", "social-square", "-o", out)
    assert done.returncode == 2
    assert done.stderr.count("\n") == 1 and "Traceback" not in done.stderr
    assert done.stderr.startswith(f"{path}: items.2: item 3 ")
    assert "social-square" in done.stderr and "30 px" in done.stderr
    assert not out.parent.exists() or not any(out.parent.iterdir())


def test_print_and_slide_only_options_are_refused_on_cards(tmp_path):
    for extra, field in ((["--format", "pptx"], "format"), (["--cmyk"], "cards")):
        done = run_cli("render", "--layout", "social-square", *extra, "-o",
                       tmp_path / ("x.pptx" if "pptx" in extra else "x.png"))  # fmt: skip
        assert done.returncode == 2, done.stderr
        assert done.stderr.count("\n") == 1 and f": {field}: " in done.stderr, done.stderr
    assert not any(tmp_path.iterdir())


def test_layouts_lists_sizes_in_mm_or_px_and_the_use():
    done = run_cli("layouts")
    assert done.returncode == 0, done.stderr
    lines = {line.split()[0]: line for line in done.stdout.splitlines()}
    assert "1080 × 1080 px" in lines["social-square"] and "Social card" in lines["social-square"]
    assert "1080 × 1350 px" in lines["social-portrait"]
    assert "594 × 841 mm" in lines["a1-portrait"]


def test_deck_pngs_are_numbered_to_sort_in_order(tmp_path):
    out = tmp_path / "d" / "s.png"
    done = run_cli("render", "--layout", "slides-16x9", "--format", "png", "--width", "96",
                   "-o", out)  # fmt: skip
    assert done.returncode == 0, done.stderr
    names = [Path(line).name for line in done.stdout.split()]
    assert len(names) >= 20  # title, overview, 17 items, closing
    assert names == [f"s-{i:02d}.png" for i in range(1, len(names) + 1)]
    assert names == sorted(names)


def test_the_web_pages_social_choice():
    """The page lists the card layouts as "social" with their pixels, and refuses print
    options and PowerPoint for them (poster.web is optional: skipped without it)."""
    jobs = pytest.importorskip("poster.web.jobs")
    choices = {c["name"]: c for c in jobs.layout_choices()}
    assert choices["social-square"]["kind"] == "social"
    assert "1080 × 1080 px" in str(choices["social-square"]["label"])
    assert "1080 × 1350 px" in str(choices["social-portrait"]["label"])
    order = {"name": "Xã An Bình", "layout": "social-square"}
    assert jobs.parse_order({**order, "format": "png"}).filename == "the-mxh-vuong-xa-an-binh.zip"
    for bad, field in (({"cmyk": "on"}, "cmyk"), ({"format": "pptx"}, "format")):
        with pytest.raises(jobs.Invalid) as e:
            jobs.parse_order({**order, **bad})
        assert field in e.value.errors


def test_a_logo_is_judged_by_the_pixels_a_screen_shows(tmp_path):
    """On a card a logo is shown pixel for pixel: 60 px for a 150 px place is too few
    (a warning, the cards are made); the shipped 800 px emblem is not warned about
    (print's 150 dpi would ask 313 px for the same place)."""
    Image.new("RGB", (60, 60), "#B3261E").save(tmp_path / "tiny.png")
    brand = write_yaml(tmp_path / "b.yaml", {"name": "Xã Nhỏ", "logo": "tiny.png"})
    out = tmp_path / "t.zip"
    done = run_cli("render", "--layout", "social-square", "--brand", brand, "-o", out)
    assert done.returncode == 0, done.stderr
    assert "tiny.png is 60×60 px, smaller than the 150 px" in done.stderr
    with Image.open(BRAND_FOLDER / brand_yaml("hiep-hoa")["logo"]) as im:
        assert max(im.size) >= 150
    done = run_cli("render", "--layout", "social-square", "--brand", "hiep-hoa", "-o",
                   tmp_path / "h.zip")  # fmt: skip
    assert done.returncode == 0 and "logo" not in done.stderr, done.stderr
