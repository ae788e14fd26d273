"""`poster batch`: spreadsheets, bad rows, skip-unchanged, interruption, communes;
brand checks (contrast) and `render --locality`."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from conftest import cli_env, find_run, layout_yaml, pdf_text, run_cli, write_yaml

BRAND_DIR = Path(__file__).resolve().parents[1] / "content" / "brands"
QUANG_NINH = Path(__file__).resolve().parent / "data" / "quang-ninh-a3.tsv"

PALETTE = ["#B3261E", "#0B4F8A", "#6A1B9A", "#00695C", "#283593"]


def write_csv(path: Path, rows: list[list[str]], *, bom: bool, sep: str) -> Path:
    header = ["name", "authority", "logo", "primary", "left", "right", "text", "qr_url",
              "qr_caption", "footer"]  # fmt: skip
    lines = [sep.join(header)]
    for row in rows:
        cells = row + [""] * (len(header) - len(row))
        lines.append(sep.join(f'"{c}"' if sep in c or '"' in c else c for c in cells))
    data = "\r\n".join(lines) + "\r\n"
    path.write_bytes(("\ufeff" if bom else "").encode() + data.encode("utf-8"))
    return path


def thirty_rows() -> list[list[str]]:
    rows = []
    for i in range(1, 31):
        name = f"Xã Thử Nghiệm {i}"
        rows.append([name, f"UBND {name.upper()} | TỈNH MẪU", "", PALETTE[i % len(PALETTE)]])
    return rows


def test_thirty_brands_two_layouts_from_a_semicolon_csv_with_bom(tmp_path):
    csv = write_csv(tmp_path / "xa.csv", thirty_rows(), bom=True, sep=";")
    out = tmp_path / "out"
    done = run_cli("batch", "--brands", csv, "--layout", "a3-portrait", "--layout", "a2-portrait",
                   "-o", out, "-j", "2")  # fmt: skip
    assert done.returncode == 0, done.stderr
    files = sorted(p.name for p in out.glob("*.pdf"))
    expected = sorted(
        f"{layout}-xa-thu-nghiem-{i}.pdf"  # 'Xã Thử Nghiệm 7', folded by hand
        for i in range(1, 31)
        for layout in ("a3-portrait", "a2-portrait")
    )
    assert files == expected
    for i in (1, 17, 30):
        for layout in ("a3-portrait", "a2-portrait"):
            text = pdf_text(out / f"{layout}-xa-thu-nghiem-{i}.pdf")
            assert f"UBND XÃ THỬ NGHIỆM {i}" in text
    assert "rendered 60, skipped 0, failed 0" in done.stdout
    assert not list(out.glob(".*.part"))


def test_bad_rows_are_reported_and_the_rest_render(tmp_path):
    rows = thirty_rows()[:5]
    rows[1][3] = "#12345G"  # spreadsheet row 3: a bad colour
    rows[3][2] = "khong-co-logo.png"  # spreadsheet row 5: a missing logo
    csv = write_csv(tmp_path / "xa.csv", rows, bom=False, sep=",")
    out = tmp_path / "out"
    done = run_cli("batch", "--brands", csv, "--layout", "a3-portrait", "-o", out)
    assert done.returncode == 1
    assert "Traceback" not in done.stderr
    assert "xa.csv:3: primary: not a colour: '#12345G'" in done.stderr
    assert "xa.csv:5: logo: file not found" in done.stderr
    assert "rendered 3, skipped 0, failed 2" in done.stdout
    names = sorted(p.name for p in out.glob("*.pdf"))
    assert names == [f"a3-portrait-xa-thu-nghiem-{i}.pdf" for i in (1, 3, 5)]


def test_a_second_run_skips_and_a_changed_row_alone_renders_again(tmp_path):
    rows = thirty_rows()[:6]
    csv = write_csv(tmp_path / "xa.csv", rows, bom=True, sep=",")
    out = tmp_path / "out"
    first = run_cli("batch", "--brands", csv, "--layout", "a3-portrait", "-o", out)
    assert "rendered 6, skipped 0" in first.stdout, first.stderr
    stamps = {p.name: p.stat().st_mtime_ns for p in out.glob("*.pdf")}
    again = run_cli("batch", "--brands", csv, "--layout", "a3-portrait", "-o", out)
    assert again.returncode == 0
    assert "rendered 0, skipped 6, failed 0" in again.stdout
    rows[2][3] = "#1B5E20"
    write_csv(csv, rows, bom=True, sep=",")
    third = run_cli("batch", "--brands", csv, "--layout", "a3-portrait", "-o", out)
    assert "rendered 1, skipped 5, failed 0" in third.stdout
    changed = {p.name for p in out.glob("*.pdf") if p.stat().st_mtime_ns != stamps[p.name]}
    assert changed == {"a3-portrait-xa-thu-nghiem-3.pdf"}
    forced = run_cli("batch", "--brands", csv, "--layout", "a3-portrait", "-o", out, "--force")
    assert "rendered 6, skipped 0" in forced.stdout


@pytest.mark.parametrize("sig", [signal.SIGINT, signal.SIGTERM], ids=["SIGINT", "SIGTERM"])
def test_an_interrupted_batch_leaves_only_complete_files(tmp_path, sig):
    out = tmp_path / "out"
    proc = subprocess.Popen(
        [sys.executable, "-m", "poster", "batch", "--all-communes", "-o", str(out), "-j", "2"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=cli_env(),
    )
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline and len(list(out.glob("*.pdf"))) < 20:
        time.sleep(0.05)
    proc.send_signal(sig)
    stdout, stderr = proc.communicate(timeout=60)
    assert proc.returncode == 130, stderr[-2000:]
    assert "interrupted" in stdout
    assert "Traceback" not in stderr
    record = (".poster-batch.json", ".poster-batch.lock")  # the resume record, its lock
    leftovers = [p.name for p in out.iterdir() if p.name not in record]
    pdfs = [p for p in out.glob("*.pdf")]
    assert len(pdfs) >= 20
    assert len(pdfs) < 3321  # it really was stopped midway
    assert sorted(leftovers) == sorted(p.name for p in pdfs), "only finished PDFs remain"
    for p in pdfs:
        assert "UBND" in pdf_text(p), p.name


def test_a_stopped_batch_carries_on_where_it_stopped(tmp_path):
    import re

    out = tmp_path / "hcm"
    cmd = [sys.executable, "-m", "poster", "batch", "--province", "Hồ Chí Minh", "-o", str(out),
           "--layout", "a3-portrait", "-j", "1"]  # fmt: skip
    proc = subprocess.Popen(
        cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=cli_env()
    )
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline and len(list(out.glob("*.pdf"))) < 10:
        time.sleep(0.05)
    proc.send_signal(signal.SIGINT)
    proc.communicate(timeout=60)
    finished = len(list(out.glob("*.pdf")))
    units = 168  # Thành phố Hồ Chí Minh since 1 July 2025: 113 wards, 54 communes, 1 zone
    assert 10 <= finished < units
    again = subprocess.run(cmd, capture_output=True, text=True, timeout=300, env=cli_env())
    assert again.returncode == 0, again.stderr[-2000:]
    m = re.search(r"rendered (\d+), skipped (\d+), failed 0", again.stdout)
    assert m, again.stdout
    # every finished file is skipped, but one whose result was still on its way
    # from the worker when the run stopped (one worker: at most one)
    assert int(m[2]) >= finished - 1 and int(m[1]) + int(m[2]) == units
    assert len(list(out.glob("*.pdf"))) == units


def test_low_contrast_is_refused_with_the_ratio(tmp_path):
    brand = write_yaml(
        tmp_path / "xam.yaml",
        {"name": "Xã Xám", "colors": {"text": "#9A9A9A", "background": "#FFFFFF"}},
    )
    out = tmp_path / "p.pdf"
    done = run_cli("render", "--brand", brand, "-o", out)
    assert done.returncode == 2
    # the refusal, then the way out (checked in tests/test_contrast.py)
    assert any(
        line.startswith(
            f"{brand}: colors.text: #9A9A9A on the background #FFFFFF has contrast 2.81:1, "
            "needs at least 4.5:1 (WCAG AA); #"
        )
        for line in done.stderr.splitlines()
    ), done.stderr
    assert not out.exists()


def test_province_renders_one_poster_per_commune(tmp_path):
    out = tmp_path / "qn"
    done = run_cli("batch", "--province", "Quảng Ninh", "-o", out, "--layout", "a3-portrait")
    assert done.returncode == 0, done.stderr
    # the expected files and names: a fixture checked into the tests, not the localities
    # module under test
    lines = QUANG_NINH.read_text("utf-8").splitlines()
    rows = [line.split("\t") for line in lines if not line.startswith("#")]
    expected = dict(rows)
    assert len(expected) == 54
    # a unit whose name another unit of the country shares carries its province, so that
    # two provinces rendered into one folder never overwrite each other's files
    assert sum(f.endswith("-quang-ninh.pdf") for f in expected) == 9
    assert {p.name for p in out.glob("*.pdf")} == set(expected)
    for file in sorted(expected)[::7]:
        text = pdf_text(out / file)
        assert f"UBND {expected[file].upper()}" in text
        assert "TỈNH QUẢNG NINH" in text


def test_namesakes_in_different_provinces_get_distinct_files():
    from poster.batch import Source, assign_slugs

    anchor = BRAND_DIR / "communes.yaml"
    sources = [
        Source({"name": "Phường Hoàng Mai"}, anchor, "a", qualifier="ha-noi"),
        Source({"name": "Phường Hoàng Mai"}, anchor, "b", qualifier="nghe-an"),
        Source({"name": "Xã Một"}, anchor, "c", qualifier="x"),
    ]
    assign_slugs(sources)
    assert [s.slug for s in sources] == [
        "phuong-hoang-mai-ha-noi",
        "phuong-hoang-mai-nghe-an",
        "xa-mot",
    ]


def test_render_locality_and_a_misspelt_one(tmp_path):
    out = tmp_path / "cp.pdf"
    done = run_cli("render", "--locality", "Phường Cẩm Phả, Quảng Ninh", "--layout", "a3-portrait",
                   "-o", out)  # fmt: skip
    assert done.returncode == 0, done.stderr
    text = pdf_text(out)
    assert "UBND PHƯỜNG CẨM PHẢ" in text and "TỈNH QUẢNG NINH" in text
    bad = tmp_path / "bad.pdf"
    done = run_cli("render", "--locality", "Phường Cẩm Pah", "-o", bad)
    assert done.returncode == 2
    assert "Traceback" not in done.stderr
    assert "did you mean: Phường Cẩm Phả, Quảng Ninh" in done.stderr
    assert not bad.exists()


def test_examples_csv_renders(tmp_path):
    out = tmp_path / "ex"
    done = run_cli("batch", "--brands", BRAND_DIR / "examples.csv", "--layout", "a3-portrait",
                   "-o", out)  # fmt: skip
    assert done.returncode == 0, done.stderr
    assert len(list(out.glob("*.pdf"))) >= 4


def test_unknown_csv_column_is_one_clear_warning(tmp_path):
    # officers add notes columns: an unknown column is named once and ignored (it used to
    # refuse the whole file)
    csv = tmp_path / "x.csv"
    csv.write_text("name,colour,Ghi chú\nXã A,#000000,x\n", encoding="utf-8")
    done = run_cli("batch", "--brands", csv, "--layout", "a3-portrait", "-o", tmp_path / "o")
    assert done.returncode == 0, done.stderr
    assert done.stderr.startswith(
        f"warning: {csv}:1: columns ignored (not brand fields): colour, Ghi chú\n"
    )
    assert done.stderr.count("warning:") == 1
    assert (tmp_path / "o" / "a3-portrait-xa-a.pdf").exists()


def test_plain_progress_lines_when_not_a_terminal(tmp_path):
    csv = write_csv(tmp_path / "xa.csv", thirty_rows()[:3], bom=False, sep=",")
    done = run_cli("batch", "--brands", csv, "--layout", "a3-portrait", "-o", tmp_path / "o")
    lines = [ln for ln in done.stderr.splitlines() if ln.startswith("[")]
    assert [ln.split("]")[0] for ln in lines] == ["[1/3", "[2/3", "[3/3"]


assert os.name == "posix"


def test_authority_lines_shrink_to_fit_and_fail_when_they_cannot(render, tmp_path):
    def authority_size(line: str) -> float:
        """The size the PDF draws the authority line in (found by its text)."""
        name = f"b{len(list(tmp_path.glob('b*.yaml')))}.yaml"
        brand = write_yaml(tmp_path / name, {"name": "X", "authority": [line]})
        (run,) = find_run(render("a3-portrait", brand).chars, line)
        sizes = {round(c.size, 3) for c in run}
        assert len(sizes) == 1, sizes
        return sizes.pop()

    short = authority_size("UBND XÃ AN")
    # 111 characters: too wide for A3's 277 mm at its largest 14 pt, not at its 12 pt floor
    long_ = authority_size(("UBND XÃ " + "RẤT DÀI " * 13).strip())
    assert long_ < short
    brand = write_yaml(tmp_path / "long.yaml", {"name": "X", "authority": ["DÀI " * 80]})
    out = tmp_path / "p.pdf"
    done = run_cli("render", "--brand", brand, "-o", out)
    assert done.returncode == 2
    assert f"{brand}: authority: line 'DÀI DÀI" in done.stderr
    least = layout_yaml("a1-portrait")["header"]["authority"]["min"]
    assert f"is too long for the header of layout 'a1-portrait' even at {least:g} pt" in done.stderr
    assert not out.exists()


def test_a_small_logo_gets_a_resolution_warning(tmp_path):
    from PIL import Image

    Image.new("RGB", (60, 60), "#B3261E").save(tmp_path / "tiny.png")
    brand = write_yaml(tmp_path / "b.yaml", {"name": "Xã Nhỏ", "logo": "tiny.png"})
    out = tmp_path / "p.pdf"
    done = run_cli("render", "--brand", brand, "-o", out)
    assert done.returncode == 0, done.stderr
    assert out.exists()
    warning = [ln for ln in done.stderr.splitlines() if ln.startswith("warning:")]
    assert len(warning) == 1
    assert "logo: tiny.png is 60×60 px" in warning[0] and "under 150 dpi" in warning[0]


# ---------------------------------------------------------------- odd input, one clear line


def _bad(tmp_path, *args) -> str:
    done = run_cli(*args)
    assert done.returncode == 2, (done.returncode, done.stderr[-1500:])
    assert "Traceback" not in done.stderr
    assert len(done.stderr.strip().splitlines()) >= 1
    return done.stderr


def test_odd_batch_input_is_refused_before_any_work(tmp_path):
    out = tmp_path / "o"
    assert "file not found" in _bad(
        tmp_path, "batch", "--brands", BRAND_DIR / "examples.csv", "--content",
        tmp_path / "none.yaml", "-o", out, "-j", "1",
    )  # fmt: skip
    assert "give a province name" in _bad(tmp_path, "batch", "--province", "", "-o", out)
    header_only = tmp_path / "h.csv"
    header_only.write_text("name,authority\n", encoding="utf-8")
    assert "no rows" in _bad(tmp_path, "batch", "--brands", header_only, "-o", out)
    empty_dir = tmp_path / "empty"
    empty_dir.mkdir()
    assert "no brand .yaml" in _bad(tmp_path, "batch", "--brands", empty_dir, "-o", out)
    assert "spreadsheet (.csv)" in _bad(
        tmp_path, "batch", "--brands", BRAND_DIR / "cam-pha.yaml", "-o", out
    )
    assert "PowerPoint output needs a slide layout" in _bad(
        tmp_path, "batch", "--brands", BRAND_DIR, "--format", "pptx", "-o", out
    )
    assert not out.exists() or not list(out.iterdir())


def test_spreadsheet_with_empty_trailing_columns_is_accepted(tmp_path):
    csv = tmp_path / "x.csv"
    csv.write_bytes("name;authority;;\r\nXã A;UBND XÃ A;;\r\n".encode())
    done = run_cli("batch", "--brands", csv, "--layout", "a3-portrait", "-o", tmp_path / "o")
    assert done.returncode == 0, done.stderr
    assert (tmp_path / "o" / "a3-portrait-xa-a.pdf").exists()


def test_odd_render_input_is_refused(tmp_path):
    out = tmp_path / "p.pdf"
    assert "not for posters" in _bad(tmp_path, "render", "--subtitle", "Tháng 11", "-o", out)
    assert "between 10 and 1200" in _bad(
        tmp_path, "render", "--layout", "slides-16x9", "--png", "5", "-o", out
    )
    assert "between 16 and 20000" in _bad(tmp_path, "render", "--width", "0", "-o", out)
    assert "too large a preview" in _bad(
        tmp_path, "render", "--layout", "a0-portrait", "--png", "1200", "-o", out
    )
    assert "give the name of a commune" in _bad(tmp_path, "render", "--locality", "", "-o", out)
    assert "two lines at most" in _bad(
        tmp_path, "render", "--layout", "slides-4x3", "--subtitle", "Nhà văn hóa xã " * 30,
        "-o", out,
    )  # fmt: skip
    assert "cannot write" in _bad(tmp_path, "render", "-o", "/proc/poster-test.pdf")
    assert not out.exists()


def test_locality_with_its_own_logo_and_footer(tmp_path):
    from PIL import Image

    Image.new("RGB", (800, 800), "#0B4F8A").save(tmp_path / "logo.png")
    out = tmp_path / "cp.pdf"
    done = run_cli("render", "--locality", "Phường Cẩm Phả, Quảng Ninh", "--logo",
                   tmp_path / "logo.png", "--footer", "Phường Cẩm Phả, tháng 11 năm 2026",
                   "--layout", "a3-portrait", "-o", out)  # fmt: skip
    assert done.returncode == 0, done.stderr
    text = pdf_text(out)
    assert "Phường Cẩm Phả, tháng 11 năm 2026" in text and "UBND PHƯỜNG CẨM PHẢ" in text
    from pypdf import PdfReader

    xobjects = PdfReader(out).pages[0]["/Resources"]["/XObject"]
    assert any(x.get_object()["/Subtype"] == "/Image" for x in xobjects.values())


def test_serve_binds_to_loopback_by_default(tmp_path):
    proc = subprocess.Popen(
        [sys.executable, "-m", "poster", "serve", "--port", "0"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=cli_env(),
    )
    try:
        line = proc.stdout.readline()
        assert "http://127.0.0.1:" in line, line
    finally:
        proc.send_signal(signal.SIGINT)
        try:
            proc.communicate(timeout=20)
        except subprocess.TimeoutExpired:
            proc.kill()


def test_huge_logo_and_folder_logo_are_refused(tmp_path):
    from PIL import Image

    Image.new("1", (12000, 12000)).save(tmp_path / "big.png")
    (tmp_path / "dir.png").mkdir()
    for logo, expected in (("big.png", "too large an image"), ("dir.png", "is a folder")):
        brand = write_yaml(tmp_path / "b.yaml", {"name": "X", "logo": logo})
        stderr = _bad(tmp_path, "render", "--brand", brand, "-o", tmp_path / "p.pdf")
        assert f"{brand}: logo: " in stderr and expected in stderr
        assert "Warning" not in stderr
