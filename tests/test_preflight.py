"""`poster check` against a corpus of bad files, and `check`/`tile` against hostile ones.

The corpus is built here from a real poster rendered with `--pdfx`, one defect each,
injected with pikepdf at a place this file chooses: the expected position of each
finding (mm from the top left of the trim box) is computed here from that place and
the page's TrimBox, not by the code under test. The bounds (a compression bomb, a
3,000-page file) are measured from outside: exit status, time and the child's peak
memory (wait4).
"""

from __future__ import annotations

import contextlib
import random
import re
import zlib
from collections.abc import Callable
from pathlib import Path

import pikepdf
import pytest
from conftest import BRANDS, LAYOUTS, brand_yaml, run_cli, write_yaml
from measure import run_measured
from PIL import Image

MM = 72 / 25.4
X, Y = 300.0, 500.0  # where on page 1 (points) every defect is put

# ---------------------------------------------------------------- the corpus


def add(pdf: pikepdf.Pdf, page: pikepdf.Page, ops: bytes) -> None:
    page.contents_add(pdf.make_stream(ops), prepend=False)


def noise_hex(n: int, high: int = 256) -> bytes:
    """n bytes of noise (so no image is one flat colour), ASCIIHex-encoded."""
    r = random.Random(n)
    return bytes(r.randrange(high) for _ in range(n)).hex().encode() + b">"


def rgb_inline_image(pdf, page):
    # 64 px over 14.4 pt: 320 ppi, sharp enough: its only fault is RGB
    add(pdf, page, b"q 14.4 0 0 14.4 %g %g cm BI /W 64 /H 64 /CS /RGB /BPC 8 /F /AHx ID "
        % (X, Y) + noise_hex(64 * 64 * 3) + b" EI Q")  # fmt: skip


def low_inline_image(pdf, page):
    # 8 px over 80 mm: 2.5 ppi; light CMYK so no ink limit is near
    side = 80 * MM
    add(pdf, page, b"q %g 0 0 %g %g %g cm BI /W 8 /H 8 /CS /CMYK /BPC 8 /F /AHx ID "
        % (side, side, X, Y) + noise_hex(8 * 8 * 4, 60) + b" EI Q")  # fmt: skip


def rgb_tiling_pattern(pdf, page):
    cell = pdf.make_stream(
        b"1 0 0 rg 0 0 5 5 re f", Type=pikepdf.Name.Pattern, PatternType=1, PaintType=1,
        TilingType=1, BBox=[0, 0, 10, 10], XStep=10, YStep=10, Resources=pikepdf.Dictionary(),
    )  # fmt: skip
    page.Resources.Pattern = pikepdf.Dictionary(P9=cell)
    add(pdf, page, b"q /Pattern cs /P9 scn %g %g 60 60 re f Q" % (X, Y))


def rgb_axial_shading(pdf, page):
    ramp = pikepdf.Dictionary(FunctionType=2, Domain=[0, 1], C0=[1, 0, 0], C1=[0, 0, 1], N=1)
    page.Resources.Shading = pikepdf.Dictionary(Sh9=pikepdf.Dictionary(
        ShadingType=2, ColorSpace=pikepdf.Name.DeviceRGB, Coords=[X, 0, X + 100, 0],
        Function=ramp,
    ))  # fmt: skip
    add(pdf, page, b"q %g %g 100 50 re W n /Sh9 sh Q" % (X, Y))


def transparency_group(pdf, page):
    form = pdf.make_stream(
        b"0 0.5 0 0 k 0 0 50 50 re f", Type=pikepdf.Name.XObject, Subtype=pikepdf.Name.Form,
        BBox=[0, 0, 50, 50], Resources=pikepdf.Dictionary(),
        Group=pikepdf.Dictionary(S=pikepdf.Name.Transparency, CS=pikepdf.Name.DeviceCMYK),
    )  # fmt: skip
    page.Resources.XObject.Fm9 = form
    add(pdf, page, b"q 1 0 0 1 %g %g cm /Fm9 Do Q" % (X, Y))


def annotation_in_trim(pdf, page):
    square = pikepdf.Dictionary(Type=pikepdf.Name.Annot, Subtype=pikepdf.Name.Square,
                                Rect=[X, Y, X + 100, Y + 60], F=4)  # fmt: skip
    page.obj.Annots = pdf.make_indirect(pikepdf.Array([square]))


def artwork_stops_at_trim(pdf, page):
    x0, y0, x1, y1 = (float(v) for v in page.TrimBox)
    page.contents_add(pdf.make_stream(b"q %g %g %g %g re W n\n" % (x0, y0, x1 - x0, y1 - y0)),
                      prepend=True)  # fmt: skip
    add(pdf, page, b"Q")


def white_6pt_on_four_inks(pdf, page):
    white_text(pdf, page, b"0.6 0.5 0.4 0.3 k")


def white_text(pdf, page, background: bytes, size: float = 6) -> None:
    """Eight glyphs of the page's first font, white, on a 200 × 40 pt band of `background`."""
    font = next(iter(page.Resources.Font.keys())).encode()
    ops = b"q %s %g %g 200 40 re f BT %s %g Tf 1 0 0 1 %g %g Tm 0 0 0 0 k " % (
        background,
        X,
        Y,
        font,
        size,
        X + 10,
        Y + 15,
    )
    add(pdf, page, ops + b"<0102030405060708> Tj ET Q")


# name: (inject, topic, words of the finding, where it is (points, top left) or None)
CORPUS: dict[str, tuple[Callable, str, str, tuple[float, float] | None]] = {
    "rgb-inline-image": (rgb_inline_image, "colour",
                         "DeviceRGB in a file for CMYK print: an inline image", (X, Y + 14.4)),
    "8px-inline-image-80mm": (low_inline_image, "images",
                              "an inline image 8×8 px (DeviceCMYK) printed 80×80 mm: 3 ppi "
                              "(under 150 ppi", (X, Y + 80 * MM)),
    "rgb-tiling-pattern": (rgb_tiling_pattern, "colour",
                           "DeviceRGB in a file for CMYK print: a filled shape in a tiling "
                           "pattern", (X, Y + 60)),
    "rgb-axial-shading": (rgb_axial_shading, "colour",
                          "DeviceRGB in a file for CMYK print: a shading (gradient)", (X, Y + 50)),
    "transparency-group": (transparency_group, "transparency",
                           "a transparency group (a form XObject): PDF/X-1a allows no "
                           "transparency", (X, Y + 50)),
    "annotation-in-trim": (annotation_in_trim, "annotations",
                           "a Square annotation inside the trim", (X, Y + 60)),
    "artwork-stops-at-trim": (artwork_stops_at_trim, "bleed",
                              "artwork stops at the trim along the left edge", None),
    "white-6pt-on-4-inks": (white_6pt_on_four_inks, "text",
                            "text of 6.0 pt on a background of 4 inks (C60 M50 Y40 K30)", None),
}  # fmt: skip

LINE = re.compile(r"^  (ERROR|WARN|ok)\s+(\S+)\s+(.*)$")


def findings(stdout: str, level: str = "ERROR") -> list[tuple[str, str]]:
    """(topic, text) of the report's lines of `level`."""
    out = []
    for line in stdout.splitlines():
        m = LINE.match(line)
        if m and m.group(1) == level:
            out.append((m.group(2), m.group(3)))
    return out


@pytest.fixture(scope="module")
def pdfx_poster(tmp_path_factory) -> Path:
    """A3, two pages, rendered by the command line with --pdfx."""
    path = tmp_path_factory.mktemp("pdfx") / "a3-pdfx.pdf"
    done = run_cli("render", "--layout", "a3-portrait", "--brand", "hiep-hoa", "--pdfx",
                   "-o", path)  # fmt: skip
    assert done.returncode == 0, done.stderr
    return path


def inject(source: Path, out: Path, defect: Callable) -> Path:
    with pikepdf.open(source) as pdf:
        defect(pdf, pdf.pages[0])
        pdf.save(out)
    return out


def test_the_poster_the_corpus_is_made_of_passes(pdfx_poster):
    done = run_cli("check", "--pdfx", "--no-qr", pdfx_poster)
    assert done.returncode == 0, done.stdout
    assert findings(done.stdout) == [], done.stdout


@pytest.mark.parametrize("name", sorted(CORPUS))
def test_check_names_each_defect_of_the_corpus(tmp_path, pdfx_poster, name):
    defect, topic, words, where = CORPUS[name]
    path = inject(pdfx_poster, tmp_path / f"{name}.pdf", defect)
    done = run_cli("check", "--pdfx", "--no-qr", path)
    assert done.returncode == 1, done.stdout
    errors = findings(done.stdout)
    # one defect: every error is about it
    assert errors and all(t == topic for t, _ in errors), done.stdout
    hits = [text for t, text in errors if words in text]
    assert hits, f"{words!r} not in\n{done.stdout}"
    # page, position in mm and the fix
    assert re.match(r"page 1 \(x -?\d+\.\d; y -?\d+\.\d mm\): ", hits[0]), hits[0]
    assert " → " in hits[0] and hits[0].split(" → ")[1].strip(), hits[0]
    if where is not None:
        with pikepdf.open(path) as pdf:
            x0, _, _, y1 = (float(v) for v in pdf.pages[0].TrimBox)
        x, y = (where[0] - x0) / MM, (y1 - where[1]) / MM
        assert f"page 1 (x {x:.1f}; y {y:.1f} mm)" in hits[0], (x, y, hits[0])


def test_artwork_stopping_at_the_trim_is_found_on_every_side(tmp_path, pdfx_poster):
    path = inject(pdfx_poster, tmp_path / "clipped.pdf", artwork_stops_at_trim)
    done = run_cli("check", "--pdfx", "--no-qr", path)
    sides = {m.group(1) for _, text in findings(done.stdout)
             for m in [re.search(r"along the (\w+) edge", text)] if m}  # fmt: skip
    assert sides == {"left", "right", "top", "bottom"}, done.stdout
    # the bleed the shop asked for, from the file's boxes: 3 mm
    assert "extend the background 3.0 mm beyond the trim" in done.stdout


def rgb_appearance_outside_trim(pdf, page):
    """A printing annotation in the bleed (outside the trim, so allowed) whose appearance
    paints in RGB."""
    look = pdf.make_stream(b"0 1 0 rg 0 0 6 60 re f", Type=pikepdf.Name.XObject,
                           Subtype=pikepdf.Name.Form, BBox=[0, 0, 6, 60])  # fmt: skip
    note = pikepdf.Dictionary(Type=pikepdf.Name.Annot, Subtype=pikepdf.Name.Square, F=4,
                              Rect=[1, Y, 7, Y + 60], AP=pikepdf.Dictionary(N=look))  # fmt: skip
    page.obj.Annots = pdf.make_indirect(pikepdf.Array([note]))


def form_field_in_trim(pdf, page):
    field = pdf.make_indirect(pikepdf.Dictionary(
        Type=pikepdf.Name.Annot, Subtype=pikepdf.Name.Widget, FT=pikepdf.Name.Tx,
        T=pikepdf.String("ho_ten"), Rect=[X, Y, X + 150, Y + 20], F=4,
    ))  # fmt: skip
    page.obj.Annots = pdf.make_indirect(pikepdf.Array([field]))
    pdf.Root.AcroForm = pikepdf.Dictionary(Fields=pikepdf.Array([field]))


@pytest.mark.parametrize(
    ("defect", "topic", "words", "where"),
    [
        (rgb_appearance_outside_trim, "colour",
         "DeviceRGB in a file for CMYK print: a filled shape in an annotation's appearance",
         (1, Y + 60)),
        (form_field_in_trim, "annotations", "form field ho_ten inside the trim", (X, Y + 20)),
    ],
    ids=["rgb-appearance", "form-field"],
)  # fmt: skip
def test_check_names_more_defects(tmp_path, pdfx_poster, defect, topic, words, where):
    path = inject(pdfx_poster, tmp_path / "more.pdf", defect)
    done = run_cli("check", "--pdfx", "--no-qr", path)
    assert done.returncode == 1, done.stdout
    errors = findings(done.stdout)
    assert [t for t, _ in errors] == [topic], done.stdout
    with pikepdf.open(path) as pdf:
        x0, _, _, y1 = (float(v) for v in pdf.pages[0].TrimBox)
    x, y = (where[0] - x0) / MM, (y1 - where[1]) / MM
    assert errors[0][1].startswith(f"page 1 (x {x:.1f}; y {y:.1f} mm): {words}"), errors


def test_spot_colours_are_listed(tmp_path, pdfx_poster):
    def spot(pdf, page):
        tint = pikepdf.Dictionary(FunctionType=2, Domain=[0, 1], C0=[0, 0, 0, 0],
                                  C1=[1, 0.3, 0, 0.1], N=1)  # fmt: skip
        page.Resources.ColorSpace = pikepdf.Dictionary(CS9=pikepdf.Array([
            pikepdf.Name.Separation, pikepdf.Name("/PANTONE 300 C"), pikepdf.Name.DeviceCMYK,
            tint,
        ]))  # fmt: skip
        add(pdf, page, b"q /CS9 cs 1 scn %g %g 50 50 re f Q" % (X, Y))

    done = run_cli("check", "--pdfx", "--no-qr", inject(pdfx_poster, tmp_path / "s.pdf", spot))
    assert done.returncode == 0, done.stdout
    assert "spot colours: PANTONE 300 C (each prints on a plate of its own)" in done.stdout


def test_white_text_on_one_ink_passes(tmp_path, pdfx_poster):
    """The same 6 pt white text on a one-ink background is no error: the rule is about
    the background's inks, not about small white text."""

    def one_ink(pdf, page):
        white_text(pdf, page, b"0 0 0 1 k")

    done = run_cli("check", "--pdfx", "--no-qr", inject(pdfx_poster, tmp_path / "k.pdf", one_ink))
    assert done.returncode == 0, done.stdout


# ---------------------------------------------------------------- posters that pass

POSTERS = [(layout, brand) for layout in LAYOUTS for brand in BRANDS]


@pytest.mark.parametrize(("layout", "brand"), POSTERS, ids=[f"{a}-{b}" for a, b in POSTERS])
def test_shipped_posters_pass_as_pdfx(tmp_path, layout, brand):
    # rendered in process once per session, shared with test_inks (the command line's
    # --pdfx: test_colour, test_inks, test_formats); checked as a print shop would
    from test_inks import made

    path = tmp_path / "p.pdf"
    path.write_bytes(made(layout, brand, "pdfx"))
    done = run_cli("check", "--pdfx", "--no-qr", path)
    assert done.returncode == 0, done.stdout
    assert findings(done.stdout) == [], done.stdout
    assert "preflight passed: 0 error(s)" in done.stdout
    # the shipped placeholder logo is sharp for offset print at every size (review 19)
    assert [t for topic, t in findings(done.stdout, "WARN") if topic == "images"] == []


def logo_brand(tmp_path: Path, logo: Image.Image) -> Path:
    logo.save(tmp_path / "logo.png")
    data = brand_yaml("hiep-hoa")
    data["logo"] = "logo.png"
    return write_yaml(tmp_path / "brand.yaml", data)


@pytest.mark.parametrize("layout", ["a1-portrait", "a3-portrait"])
def test_a_flat_colour_square_logo_is_not_a_box(tmp_path, layout):
    """A one-colour square logo is a shape: its edges meet the band, but it has no
    background meant to vanish."""
    brand = logo_brand(tmp_path, Image.new("RGB", (600, 600), (0, 90, 160)))
    path = tmp_path / "flat.pdf"
    done = run_cli("render", "--layout", layout, "--brand", brand, "--pdfx", "-o", path)
    assert done.returncode == 0, done.stderr
    done = run_cli("check", "--pdfx", "--no-qr", path)
    assert done.returncode == 0, done.stdout
    assert "prints a box" not in done.stdout


def test_a_logo_on_a_white_square_prints_a_box(tmp_path):
    """The other way round: an emblem on an opaque white background (a JPEG logo) shows
    a white square on the coloured band."""
    logo = Image.new("RGB", (600, 600), "white")
    for x in range(600):
        for y in range(600):
            if (x - 300) ** 2 + (y - 300) ** 2 < 200**2:
                logo.putpixel((x, y), (200, 30, 30))
    brand = logo_brand(tmp_path, logo)
    path = tmp_path / "boxed.pdf"
    done = run_cli("render", "--layout", "a3-portrait", "--brand", brand, "--pdfx", "-o", path)
    assert done.returncode == 0, done.stderr
    done = run_cli("check", "--pdfx", "--no-qr", path)
    assert done.returncode == 1, done.stdout
    assert any("prints a box: its edge C0 M0 Y0 K0" in text for _, text in findings(done.stdout))


def test_plain_rgb_poster_is_said_not_for_offset(tmp_path):
    path = tmp_path / "rgb.pdf"
    assert run_cli("render", "--layout", "a3-portrait", "-o", path).returncode == 0
    done = run_cli("check", "--no-qr", path)
    assert done.returncode == 0, done.stdout
    (line,) = [text for topic, text in findings(done.stdout, "WARN") if topic == "colour"]
    assert line.startswith("not for offset: the colours are DeviceRGB"), line
    assert line.endswith("→ render with --pdfx for offset print"), line


def test_sheets_of_a_pdfx_poster_pass(tmp_path, pdfx_poster):
    """Tiling adds marks; in a CMYK file they must be CMYK too (registration or K), and
    the sheets of a file that passed pass."""
    sheets = tmp_path / "sheets.pdf"
    done = run_cli("tile", pdfx_poster, "-o", sheets)
    assert done.returncode == 0, done.stderr
    with pikepdf.open(sheets) as pdf:
        for n, page in enumerate(pdf.pages, start=1):
            ops = {str(op) for _, op in pikepdf.parse_content_stream(page)}
            assert not ops & {"rg", "RG"}, f"sheet page {n}: RGB operators {ops & {'rg', 'RG'}}"
    done = run_cli("check", "--no-qr", sheets)
    assert done.returncode == 0, done.stdout
    assert findings(done.stdout) == [], done.stdout


# ---------------------------------------------------------------- Vietnamese

ENGLISH = re.compile(
    r"\b(page|pages|error|errors|warning|passed|failed|image|printed|colour|colours|text|"
    r"embedded|positions?|total|limit|under|inks?|run|edge|artwork|annotation)\b",
    re.IGNORECASE,
)


def test_report_in_vietnamese(tmp_path, pdfx_poster):
    path = inject(pdfx_poster, tmp_path / "low.pdf", low_inline_image)
    done = run_cli("check", "--pdfx", "--no-qr", path, lang="vi_VN.UTF-8")
    assert done.returncode == 1, done.stdout
    lines = done.stdout.splitlines()
    assert lines[0] == f"{path}: 2 trang"
    assert lines[-1] == "kiểm tra KHÔNG ĐẠT: 1 lỗi, 0 điều cần chú ý"
    for line in lines[1:]:
        # names of the file's own things (fonts, PDF keys, colour spaces) aside
        words = re.sub(r"[A-Z]{6}\+\S+|/\w+|\b(Device|ICCBased|Media|Trim|Bleed)\w*|FOGRA39|"
                       r"PDF/X-1a:2001|OutputIntent|TrueType|ppi|mm|pt", "", line)  # fmt: skip
        assert not ENGLISH.search(words), line
    (error,) = [ln for ln in lines if ln.startswith("  LỖI")]
    with pikepdf.open(path) as pdf:
        x0, _, _, y1 = (float(v) for v in pdf.pages[0].TrimBox)
    x, y = (f"{v:.1f}".replace(".", ",") for v in ((X - x0) / MM, (y1 - Y - 80 * MM) / MM))
    assert f"trang 1 (x {x}; y {y} mm): ảnh nhúng ngay trong lệnh vẽ 8×8 điểm ảnh" in error
    assert "dưới 150 ppi khi in offset" in error and " → hãy dùng ảnh ít nhất" in error
    assert re.search(r"khổ thành phẩm \(TrimBox\) 297,0 × 420,0 mm", done.stdout), done.stdout


def test_tile_speaks_vietnamese(tmp_path, pdfx_poster):
    out = tmp_path / "t.pdf"
    done = run_cli("tile", pdfx_poster, "-o", out, lang="vi_VN.UTF-8")
    assert done.returncode == 0, done.stderr
    assert re.fullmatch(rf"{re.escape(str(out))}: 2 trang, mỗi trang trên \d+ tờ A4 "
                        r"\(\d+ × \d+\) \+ sơ đồ ghép\n", done.stdout), done.stdout  # fmt: skip


# ---------------------------------------------------------------- bounds

SECONDS, MEGABYTES = 5.0, 500


def measured(*args: str | Path, cwd: Path, lang: str = "C") -> tuple[int, str, str, float, float]:
    """Run the command line; its exit status, output, CPU seconds and peak memory (MB) of
    the command alone (tests/measure.py: started by a small launcher, so the test
    process's own size is not counted)."""
    got = run_measured(*args, lang=lang, cwd=cwd)
    return got.returncode, got.stdout, got.stderr, got.cpu, got.peak_mb


@pytest.fixture(scope="module")
def bomb(tmp_path_factory) -> Path:
    """3 MB (compressed) of a content stream that inflates to 3 GB of zeros: the same
    deflate block, flushed to a byte boundary, repeated."""
    chunk = bytes(1 << 20)
    deflate = zlib.compressobj(9)
    head = deflate.compress(chunk) + deflate.flush(zlib.Z_FULL_FLUSH)
    block = deflate.compress(chunk) + deflate.flush(zlib.Z_FULL_FLUSH)
    n = 3000
    # Adler-32 of L zero bytes: a = 1, b = L mod 65521 (each byte adds a to b)
    adler = ((n << 20) % 65521) << 16 | 1
    data = head + block * (n - 1) + b"\x03\x00" + adler.to_bytes(4, "big")
    path = tmp_path_factory.mktemp("bomb") / "bomb.pdf"
    with pikepdf.new() as pdf:
        pdf.add_blank_page(page_size=(595, 842))
        stream = pikepdf.Stream(pdf, b"")
        stream.write(data, filter=pikepdf.Name.FlateDecode)
        pdf.pages[0].obj.Contents = stream
        pdf.save(path, compress_streams=False, stream_decode_level=pikepdf.StreamDecodeLevel.none)
    assert path.stat().st_size < 4_000_000
    return path


def test_the_bomb_inflates_as_said(bomb):
    """Its first 100 KB alone are 100 MB of zeros."""
    raw = bomb.read_bytes()
    start = raw.index(b"stream\n") + 7
    piece = zlib.decompressobj().decompress(raw[start : start + 100_000])
    assert len(piece) >= 95 << 20 and not piece.strip(b"\0")


@pytest.mark.parametrize("command", ["check", "tile"])
def test_a_compression_bomb_is_refused_quickly_and_small(tmp_path, bomb, command):
    code, out, err, seconds, mb = measured(command, bomb, cwd=tmp_path)
    assert code == 2, out + err
    assert err.splitlines() == [
        f"{bomb}: a compressed stream (at byte {bomb.read_bytes().index(b'stream')}) inflates "
        "past 64 MB (limits.PDF_DATA_INFLATED): a compression bomb or a damaged file, refused"
    ], err
    assert seconds < SECONDS and mb < MEGABYTES, (seconds, mb)
    assert not list(bomb.parent.glob("*tiled*")), "an output was written"


@pytest.mark.parametrize("command", ["check", "tile"])
def test_three_thousand_pages_are_refused_quickly(tmp_path_factory, command):
    folder = tmp_path_factory.mktemp("pages")
    path = folder / "many.pdf"
    with pikepdf.new() as pdf:
        pdf.add_blank_page(page_size=(595, 842))
        for _ in range(2999):
            pdf.pages.append(pdf.pages[0])
        pdf.save(path)
    code, out, err, seconds, mb = measured(command, path, cwd=folder, lang="vi_VN.UTF-8")
    assert code == 2, out + err
    assert err.splitlines() == [
        f"{path}: có 3000 trang; lệnh check và tile chỉ đọc tối đa 200 trang "
        "(limits.PDF_PAGES): hãy tách tệp trước, ví dụ bằng `qpdf --split-pages`"
    ], err
    assert seconds < SECONDS and mb < MEGABYTES, (seconds, mb)


def test_a_long_file_is_checked_with_progress(tmp_path):
    """40 pages: the report on stdout, and on stderr where the check is (the first and
    the last page of each step at least), in the user's language."""
    deck = tmp_path / "deck.pdf"
    assert run_cli("render", "--layout", "slides-16x9", "-o", deck).returncode == 0
    path = tmp_path / "long.pdf"
    with pikepdf.open(deck) as pdf:
        while len(pdf.pages) < 40:
            pdf.pages.append(pdf.pages[len(pdf.pages) % 20])
        pdf.save(path)
    done = run_cli("check", "--no-qr", path, lang="vi_VN.UTF-8")
    assert done.returncode == 0, done.stdout + done.stderr
    assert done.stdout.splitlines()[0] == f"{path}: 40 trang"
    lines = done.stderr.splitlines()
    assert lines[0] == "đang đọc trang 1/40" and "đang đọc trang 40/40" in lines, lines


def test_hostile_content_is_bad_input_not_a_bug(tmp_path, pdfx_poster):
    """Operators with nonsense operands, a form that draws itself, a colour space that
    names itself: skipped or refused, never an internal error."""

    def hostile(pdf, page):
        form = pdf.make_stream(b"/Fm8 Do", Type=pikepdf.Name.XObject, Subtype=pikepdf.Name.Form,
                               BBox=[0, 0, 1, 1])  # fmt: skip
        form.Resources = pikepdf.Dictionary(XObject=pikepdf.Dictionary(Fm8=form))
        page.Resources.XObject.Fm8 = form
        page.Resources.ColorSpace = pikepdf.Dictionary(CS8=pikepdf.Name("/CS8"))
        add(pdf, page, b"q /a /b /c /d /e /f cm (x) 3 rg /CS8 cs 1 scn 0 0 1 1 re f "
            b"BT /Nope 12 Tf [(a) /n 3] TJ ET /Fm8 Do /Missing Do Q")  # fmt: skip

    path = inject(pdfx_poster, tmp_path / "hostile.pdf", hostile)
    code, _, err, seconds, _ = measured("check", "--no-qr", path, cwd=tmp_path)
    assert code in (0, 1, 2) and "internal error" not in err and "Traceback" not in err, err
    assert seconds < 30


def test_every_code_the_preflight_says_is_worded_in_both_languages():
    """Codes written in the preflight's source, and the families it builds from a word
    (listed here), are all in the catalogue, English and Vietnamese."""
    import poster.preflight
    from poster.catalogue import MESSAGES

    folder = Path(poster.preflight.__file__).parent
    codes = set()
    for module in folder.glob("*.py"):
        codes |= set(re.findall(r'"((?:check|pdf)\.[a-z0-9-]+)"', module.read_text("utf-8")))
    families = {
        "check.topic-": ["pdfx", "page", "bleed", "fonts", "images", "colour", "text",
                         "transparency", "annotations", "ink", "qr", "layout"],
        "check.mark-": ["ok", "warning", "error"],
        "check.side-": ["left", "right", "top", "bottom"],
        "check.what-": ["fill", "stroke", "text", "image", "inline-image", "shading",
                        "pattern", "glyph"],
        "check.via-": ["form", "pattern", "annotation", "glyph"],
        "check.transparency-": ["smask", "alpha", "blend", "image-smask", "group",
                                "page-group"],
        "check.use-": ["offset", "office"],
        "check.progress-": ["walk", "look", "qr"],
        "check.effect-": ["soft", "blurred"],
    }  # fmt: skip
    for prefix, words in families.items():
        codes |= {prefix + w for w in words}
    missing = sorted(c for c in codes if c not in MESSAGES and not c.endswith("-"))
    assert not missing, missing
    for code in codes - {c for c in codes if c.endswith("-")}:
        english, vietnamese = MESSAGES[code]
        assert english.strip() and vietnamese.strip(), code


@pytest.fixture(scope="module")
def plain_corpus_file(tmp_path_factory, pdfx_poster) -> bytes:
    """A corpus file with its streams uncompressed, so that mutations hit operators and
    dictionaries rather than zlib data."""
    path = tmp_path_factory.mktemp("fuzz") / "plain.pdf"
    with pikepdf.open(pdfx_poster) as pdf:
        rgb_tiling_pattern(pdf, pdf.pages[0])
        white_6pt_on_four_inks(pdf, pdf.pages[0])
        annotation_in_trim(pdf, pdf.pages[1])
        del pdf.pages[1:]
        pdf.save(path, compress_streams=False, object_stream_mode=pikepdf.ObjectStreamMode.disable,
                 stream_decode_level=pikepdf.StreamDecodeLevel.generalized)  # fmt: skip
    return path.read_bytes()


def test_mutated_files_are_checked_or_refused_never_a_crash(tmp_path, plain_corpus_file):
    """Bytes overwritten, cut, inserted (names, huge numbers, brackets, references): check
    and tile answer with a report or a coded refusal, in process, never another error."""
    from hypothesis import HealthCheck, given, settings
    from hypothesis import strategies as st

    from poster.errors import PosterError
    from poster.outputs.sheets import tile_pdf
    from poster.preflight import NotAPDF, check_pdf

    data = plain_corpus_file
    # where mutations land: the drawing instructions mostly, and anywhere after the header
    spans = [(m.start(), m.end()) for m in re.finditer(rb"stream\r?\n.*?endstream", data, re.S)
             if b" Tf" in m.group() or b" scn" in m.group()]  # fmt: skip
    spans += [(data.index(b"obj"), len(data) - 1)]
    junk = st.sampled_from([b" /Foo ", b" -1e308 ", b" [ ", b" << ", b" 99999 0 R ", b"9",
                            b" (x) ", b" BI ", b" Do ", b" \xff\xfe ", b" Tf ",
                            b" cm "])  # fmt: skip
    at = st.sampled_from(spans).flatmap(lambda span: st.integers(*span))
    edit = st.tuples(at, st.integers(0, 40), junk)

    # derandomized: the same 15 files in every run (CI reproducible); each costs a check
    # with its ghostscript raster and a tiling, about a second
    @settings(max_examples=15, deadline=None, database=None, derandomize=True,
              suppress_health_check=[HealthCheck.function_scoped_fixture])  # fmt: skip
    @given(st.lists(edit, min_size=1, max_size=6))
    def mutated(edits):
        data = bytearray(plain_corpus_file)
        for where, cut, insert in edits:
            data[where : where + cut] = insert
        path = tmp_path / "m.pdf"
        path.write_bytes(bytes(data))
        with contextlib.suppress(NotAPDF):
            check_pdf(path, qr=False, pdfx=True)
        with contextlib.suppress(PosterError):
            tile_pdf(path)

    mutated()
