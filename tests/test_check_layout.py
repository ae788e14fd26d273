"""`poster check` holds a file to the rules of the layout it was made for (issue 23.4):
the handout's photocopy (every text 4.5:1 in grey, each tile's two sides 15 % apart in
grey) and the standee's foot (nothing but the background in its bottom 150 mm), by the
layout the file's metadata names or the one `--layout` names, never by size alone.

The defects are injected here with pikepdf at places this file finds on its own: the
side boxes of item 1 are the filled paths of the content stream (read here, with their
transformation) under the first letters of item 1's two texts of the content YAML
(found with pdfium); the mark in the standee's foot is drawn here at a position chosen
here. Expected positions (mm from the top left of the TrimBox) come from those, the
thresholds from the issue (4.5:1, 15 %, 150 mm), never from the code under test.
"""

from __future__ import annotations

import io
import re
from pathlib import Path

import pikepdf
import pytest
from conftest import content_yaml, find_run, nfc, run_cli

MM = 72 / 25.4
HANDOUT, STANDEE = "a4-handout", "standee-850x2000"
FOOT_MM = 150  # the issue: the bottom 150 mm of the standee left for the stand's foot
LINE = re.compile(r"^  (ERROR|WARN|ok|LỖI|CHÚ Ý|đạt)\s+(layout|khổ)\s+(.*)$")
WHERE = re.compile(r"^(?:page|trang) (\d+) \(x (-?\d+[.,]\d); y (-?\d+[.,]\d) mm\): ")


def layout_lines(stdout: str) -> list[tuple[str, str]]:
    """(mark, text) of the report's lines of the layout topic."""
    return [(m.group(1), m.group(3)) for line in stdout.splitlines()
            for m in [LINE.match(line)] if m]  # fmt: skip


def where(text: str) -> tuple[int, float, float]:
    m = WHERE.match(text)
    assert m, text
    return int(m.group(1)), float(m.group(2).replace(",", ".")), float(m.group(3).replace(",", "."))


def written(tmp_path: Path, name: str, data: bytes) -> Path:
    path = tmp_path / name
    path.write_bytes(data)
    return path


# ---------------------------------------------------------------- the handout


def test_the_xmp_names_the_layout(render):
    with pikepdf.open(io.BytesIO(render(HANDOUT, "default").pdf)) as pdf:
        meta = pdf.open_metadata()
        assert meta["{urn:x-poster:xmp:1.0/}Layout"] == HANDOUT


def test_a_rendered_handout_passes_its_photocopy_rules(tmp_path, render):
    path = written(tmp_path, "handout.pdf", render(HANDOUT, "hiep-hoa").pdf)
    done = run_cli("check", "--no-qr", path)
    assert done.returncode == 0, done.stdout
    lines = layout_lines(done.stdout)
    assert [mark for mark, _ in lines] == ["ok"] * 3, done.stdout
    assert HANDOUT in lines[0][1] and "metadata" in lines[0][1]
    ratio = float(re.search(r"at least (\d+\.\d):1", lines[1][1]).group(1))
    assert ratio >= 4.5
    tiles, apart = re.search(r"(\d+) tiles: their two sides at least (\d+\.\d) %",
                             lines[2][1]).groups()  # fmt: skip
    assert int(tiles) == len(content_yaml()["items"]) and float(apart) >= 15
    # printed on paper by an office printer: not told to add a bleed
    assert "WARN   bleed" not in done.stdout and "give 3 mm of bleed" not in done.stdout
    assert re.search(r"^  ok     bleed   no bleed: layout a4-handout prints on paper",
                     done.stdout, re.M), done.stdout  # fmt: skip


def _fills(pdf: pikepdf.Pdf, page: pikepdf.Page) -> list[tuple[int, list[float], tuple]]:
    """Every filled path of the page's content: (index of the operator that set its fill
    colour, that colour, its bounding box in page points), the CTM followed."""

    def mul(a, b):
        return [a[0] * b[0] + a[1] * b[2], a[0] * b[1] + a[1] * b[3],
                a[2] * b[0] + a[3] * b[2], a[2] * b[1] + a[3] * b[3],
                a[4] * b[0] + a[5] * b[2] + b[4], a[4] * b[1] + a[5] * b[3] + b[5]]  # fmt: skip

    ctm, stack = [1.0, 0, 0, 1, 0, 0], []
    colour: tuple[int, list[float]] = (-1, [0.0])
    points: list[tuple[float, float]] = []
    out = []
    for i, (operands, op) in enumerate(pikepdf.parse_content_stream(page)):
        name, nums = str(op), [float(v) for v in operands if isinstance(v, (int, float))
                               or type(v).__name__ == "Decimal"]  # fmt: skip
        if name == "q":
            stack.append(list(ctm))
        elif name == "Q":
            ctm = stack.pop()
        elif name == "cm":
            ctm = mul(nums, ctm)
        elif name in ("rg", "k", "g", "sc", "scn"):
            colour = (i, nums)
        elif name in ("m", "l", "c", "v", "y"):
            for x, y in zip(nums[::2], nums[1::2], strict=True):
                points.append((ctm[0] * x + ctm[2] * y + ctm[4], ctm[1] * x + ctm[3] * y + ctm[5]))
        elif name == "re":
            x, y, w, h = nums
            for px, py in ((x, y), (x + w, y + h)):
                points.append((ctm[0] * px + ctm[2] * py + ctm[4],
                               ctm[1] * px + ctm[3] * py + ctm[5]))  # fmt: skip
        elif name in ("f", "f*", "F", "B", "B*", "b", "b*"):
            if points:
                xs, ys = zip(*points, strict=True)
                out.append((colour[0], colour[1], (min(xs), min(ys), max(xs), max(ys))))
            points = []
        elif name in ("S", "s", "n"):
            points = []
    return out


def _under(fills, x: float, y: float):
    """The smallest filled path holding the point that is not white: the box the text
    at that point sits on."""
    holding = [f for f in fills if f[2][0] <= x <= f[2][2] and f[2][1] <= y <= f[2][3]
               and any(v < 0.99 for v in f[1])]  # fmt: skip
    return min(holding, key=lambda f: (f[2][2] - f[2][0]) * (f[2][3] - f[2][1]))


@pytest.fixture(scope="module")
def grey_sides(tmp_path_factory, render) -> tuple[Path, tuple[float, float]]:
    """The handout with item 1's second side box filled in the colour of its first
    (the lighter): the two sides one grey on a photocopy. Returns the file and where the
    tile's sides begin (mm from the top left of the trim)."""
    r = render(HANDOUT, "default")
    item = content_yaml()["items"][0]
    starts = []
    for part in ("left", "right"):
        runs = find_run(r.chars, nfc(item[part]))
        assert runs, part
        first = runs[0][0]
        starts.append(((first.box.x0 + first.box.x1) / 2, (first.box.y0 + first.box.y1) / 2))
    path = tmp_path_factory.mktemp("grey") / "grey-sides.pdf"
    with pikepdf.open(io.BytesIO(r.pdf)) as pdf:
        page = pdf.pages[0]
        fills = _fills(pdf, page)
        first, second = (_under(fills, x, y) for x, y in starts)
        assert first[0] != second[0] and first[1] != second[1]
        assert sum(f[0] == second[0] for f in fills) == 1  # its colour operator is its own
        ops = list(pikepdf.parse_content_stream(page))
        _, op = ops[second[0]]
        ops[second[0]] = pikepdf.ContentStreamInstruction(
            [pikepdf.Object.parse(str(v).encode()) for v in first[1]], op
        )  # fmt: skip
        page.Contents = pdf.make_stream(pikepdf.unparse_content_stream(ops))
        x0, _, _, y1 = (float(v) for v in page.TrimBox)
        pdf.save(path)
    left = min(first[2][0], second[2][0])
    top = max(first[2][3], second[2][3])
    return path, ((left - x0) / MM, (y1 - top) / MM)


def test_sides_one_grey_fail_naming_page_position_and_fix(grey_sides):
    path, (x, y) = grey_sides
    done = run_cli("check", "--no-qr", path)
    assert done.returncode == 1, done.stdout
    errors = [text for mark, text in layout_lines(done.stdout) if mark == "ERROR"]
    assert len(errors) == 1, done.stdout
    (error,) = errors
    page, at_x, at_y = where(error)
    assert page == 1
    assert abs(at_x - x) <= 0.15 and abs(at_y - y) <= 0.15, (x, y, error)
    assert "the two sides of a tile" in error and " 0.0 % apart in grey, under 15 %" in error
    fix = error.split(" → ")[1]
    assert "15 % apart in grey" in fix, error


def test_sides_one_grey_fail_in_vietnamese(grey_sides):
    path, (x, y) = grey_sides
    done = run_cli("check", "--no-qr", path, lang="vi_VN.UTF-8")
    assert done.returncode == 1, done.stdout
    errors = [text for mark, text in layout_lines(done.stdout) if mark == "LỖI"]
    assert len(errors) == 1, done.stdout
    (error,) = errors
    page, at_x, at_y = where(error)
    assert page == 1 and abs(at_x - x) <= 0.15 and abs(at_y - y) <= 0.15, (x, y, error)
    assert f"trang 1 (x {f'{at_x:.1f}'.replace('.', ',')}; " in error  # a decimal comma
    assert "hai phần của một ô" in error and "chỉ chênh nhau 0,0 % độ xám, dưới 15 %" in error
    assert "→ hãy làm đậm nền của một phần" in error and "15 % độ xám" in error
    assert done.stdout.splitlines()[-1].startswith("kiểm tra KHÔNG ĐẠT: 1 lỗi, ")


# ---------------------------------------------------------------- an A4 that is no handout


def _letter(path: Path) -> Path:
    """An A4 page made by ReportLab, not by poster, its TrimBox the A4 (the handout's
    finished size): a white box holding two boxes of nearly one grey, each with text,
    and a line of pale text on the paper."""
    from metrics import FONTS
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont
    from reportlab.pdfgen.canvas import Canvas

    pdfmetrics.registerFont(TTFont("Letter", str(FONTS / "BeVietnamPro-Regular.ttf")))
    c = Canvas(str(path), pagesize=(210 * MM, 297 * MM))
    c.setTrimBox((0, 0, 210 * MM, 297 * MM))
    c.setFillColorRGB(1, 1, 1)
    c.rect(20 * MM, 150 * MM, 170 * MM, 80 * MM, stroke=0, fill=1)
    c.setFont("Letter", 12)
    for n, (r, g, b) in enumerate(((0.80, 0.86, 0.92), (0.82, 0.88, 0.84))):
        top = 225 - n * 35
        c.setFillColorRGB(r, g, b)
        c.rect(25 * MM, (top - 30) * MM, 160 * MM, 30 * MM, stroke=0, fill=1)
        c.setFillColorRGB(0, 0, 0)
        c.drawString(30 * MM, (top - 10) * MM, "một phần của ô")
    c.setFillColorRGB(0.75, 0.75, 0.75)  # pale grey on white: 1.8:1
    c.drawString(40 * MM, 100 * MM, "chữ nhạt")
    c.save()
    return path


def test_an_a4_not_made_as_a_handout_is_not_judged_as_one(tmp_path):
    done = run_cli("check", "--no-qr", _letter(tmp_path / "letter.pdf"))
    assert done.returncode == 0, done.stdout
    assert layout_lines(done.stdout) == [], done.stdout
    assert "photocopy" not in done.stdout and "grey" not in done.stdout
    assert "WARN   bleed   page 1: no BleedBox" in done.stdout  # a print shop's A4


def test_layout_a4_handout_judges_it(tmp_path):
    done = run_cli("check", "--no-qr", _letter(tmp_path / "letter.pdf"), "--layout", HANDOUT)
    assert done.returncode == 1, done.stdout
    lines = layout_lines(done.stdout)
    assert lines[0] == ("ok", f"the rules of layout {HANDOUT} (--layout)"), done.stdout
    assert "WARN   bleed" not in done.stdout  # a handout: no bleed asked for
    errors = [text for mark, text in lines if mark == "ERROR"]
    pale = [e for e in errors if "#BFBFBF on #FFFFFF" in e]
    assert len(pale) == 1, done.stdout
    page, x, y = where(pale[0])
    # the text's top left: its left at 40 mm, its top above the baseline (297 - 100 mm
    # from the top) by at most the 12 pt size
    assert page == 1 and abs(x - 40) <= 0.5 and 197 - 12 / MM - 0.5 <= y <= 197, pale[0]
    assert "under 4.5:1" in pale[0] and " → darken the text" in pale[0]
    sides = [e for e in errors if "the two sides of a tile" in e]
    assert len(sides) == 1, done.stdout
    # the sides' top left: 25 mm in, 297 - 225 mm down
    assert where(sides[0]) == (1, 25.0, 72.0), sides[0]


def test_an_unknown_layout_is_bad_input(tmp_path):
    done = run_cli("check", "--no-qr", _letter(tmp_path / "letter.pdf"), "--layout", "a5-flyer")
    assert done.returncode == 2
    assert done.stdout == ""
    assert done.stderr.startswith("--layout: ") and "a5-flyer" in done.stderr, done.stderr
    assert HANDOUT in done.stderr and len(done.stderr.splitlines()) == 1


def test_check_layout_is_in_the_help_in_both_languages():
    english = run_cli("check", "--help")
    vietnamese = run_cli("check", "--help", lang="vi_VN.UTF-8")
    assert "--layout" in english.stdout and "--layout" in vietnamese.stdout
    assert "handout" in english.stdout and "tờ phát tay" in vietnamese.stdout


# ---------------------------------------------------------------- the standee's foot


def _mark(source: bytes, out: Path, bottom_mm: float, top_mm: float, left_mm: float) -> Path:
    """The standee with a black box, 20 mm wide, from `bottom_mm` to `top_mm` above the
    bottom edge of the trim, `left_mm` from its left edge."""
    with pikepdf.open(io.BytesIO(source)) as pdf:
        page = pdf.pages[0]
        x0, y0, _, _ = (float(v) for v in page.TrimBox)
        ops = b"q 0 0 0 rg %.3f %.3f %.3f %.3f re f Q" % (
            x0 + left_mm * MM,
            y0 + bottom_mm * MM,
            20 * MM,
            (top_mm - bottom_mm) * MM,
        )
        page.contents_add(pdf.make_stream(ops), prepend=False)
        pdf.save(out)
    return out


def test_a_rendered_standee_passes_its_foot_rule(tmp_path, render):
    path = written(tmp_path, "standee.pdf", render(STANDEE, "default").pdf)
    done = run_cli("check", "--no-qr", path)
    assert done.returncode == 0, done.stdout
    marks = layout_lines(done.stdout)
    assert [m for m, _ in marks] == ["ok", "ok"], done.stdout
    assert f"the bottom {FOOT_MM} mm hold nothing but the background" in marks[1][1]


@pytest.mark.parametrize(("bottom", "top"), [(50, 60), (-5, 2), (149, 170)],
                         ids=["inside", "in-the-bleed", "reaching-in"])  # fmt: skip
def test_a_mark_in_the_foot_fails_naming_its_position(tmp_path, render, bottom, top):
    path = _mark(render(STANDEE, "default").pdf, tmp_path / "mark.pdf", bottom, top, 400)
    done = run_cli("check", "--no-qr", path)
    assert done.returncode == 1, done.stdout
    errors = [text for mark, text in layout_lines(done.stdout) if mark == "ERROR"]
    assert len(errors) == 1, done.stdout
    page, x, y = where(errors[0])
    highest = min(top, FOOT_MM)  # the part above the foot is not its business
    assert page == 1 and abs(x - 400) <= 1.0, errors[0]
    assert abs(y - (2000 - highest)) <= 1.0, errors[0]
    up = float(re.search(r"drawn (-?\d+\.\d) mm above the bottom edge", errors[0]).group(1))
    assert abs(up - max(highest, 0)) <= 1.0, errors[0]
    assert f"in the {FOOT_MM} mm kept clear" in errors[0] and " → move it above" in errors[0]


def test_a_mark_just_above_the_foot_passes(tmp_path, render):
    path = _mark(render(STANDEE, "default").pdf, tmp_path / "above.pdf", 152, 170, 400)
    done = run_cli("check", "--no-qr", path)
    assert done.returncode == 0, done.stdout


def test_the_foot_rule_asked_of_a_wall_poster(tmp_path, render):
    """An A1 poster fills its page to the bottom: held to the standee's rules, its foot
    is not clear, and its size is not the standee's (a warning)."""
    path = written(tmp_path, "a1.pdf", render("a1-portrait", "default").pdf)
    plain = run_cli("check", "--no-qr", path)
    assert layout_lines(plain.stdout) == [], plain.stdout
    done = run_cli("check", "--no-qr", path, "--layout", STANDEE)
    assert done.returncode == 1, done.stdout
    marks = [m for m, _ in layout_lines(done.stdout)]
    assert marks.count("ERROR") == 1 and marks.count("WARN") == 1, done.stdout
    assert "594.0 × 841.0 mm" in done.stdout and "850.0 × 2000.0 mm" in done.stdout


def test_the_foot_is_looked_at_without_ghostscript(tmp_path, render, monkeypatch):
    """No ghostscript to be found: the foot is drawn by pdfium instead (20 dpi, 1.3 mm a
    pixel), and the mark is still found where it is."""
    import poster.preflight.raster
    from poster.preflight import check_pdf

    path = _mark(render(STANDEE, "default").pdf, tmp_path / "mark.pdf", 50, 60, 400)
    monkeypatch.setattr(poster.preflight.raster.shutil, "which", lambda name: None)
    found = [f for f in check_pdf(path, qr=False).findings if f.topic == "layout"]
    errors = [f for f in found if f.level == "error"]
    assert len(errors) == 1 and errors[0].page == 1, found
    x, y = errors[0].at
    assert abs(x - 400) <= 2.0 and abs(y - (2000 - 60)) <= 2.0, errors[0]
