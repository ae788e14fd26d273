"""Spreadsheets as officers save them: an Excel workbook, Excel's "CSV" (Windows-1258) and
"Unicode Text" (UTF-16, tab-separated), Vietnamese column headers, a notes column, and
cells that look like formulas. The same sheet in every form gives the same posters."""

from __future__ import annotations

import codecs
import csv
import io
import shutil
import unicodedata
from pathlib import Path

import pytest
from conftest import pdf_text, run_cli

BRAND_DIR = Path(__file__).resolve().parents[1] / "content" / "brands"
TONES = "\u0300\u0301\u0303\u0309\u0323"  # grave, acute, tilde, hook above, dot below


def cp1258(text: str) -> bytes:
    """Text as Excel writes it on a Vietnamese Windows: Windows-1258, where a letter
    carries its shape (ê, ơ, ư…) and the tone mark follows it as a combining character."""
    out = bytearray()
    for ch in unicodedata.normalize("NFC", text):
        try:
            out += ch.encode("cp1258")
        except UnicodeEncodeError:
            parts = unicodedata.normalize("NFD", ch)
            tone = "".join(c for c in parts if c in TONES)
            base = unicodedata.normalize("NFC", "".join(c for c in parts if c not in TONES))
            out += base.encode("cp1258") + tone.encode("cp1258")
    return bytes(out)


def example_rows() -> list[list[str]]:
    with (BRAND_DIR / "examples.csv").open(encoding="utf-8-sig", newline="") as f:
        return list(csv.reader(f))


def as_csv(rows: list[list[str]], sep: str = ",") -> str:
    buffer = io.StringIO()
    csv.writer(buffer, delimiter=sep, lineterminator="\r\n").writerows(rows)
    return buffer.getvalue()


VIETNAMESE = ["Tên", "CƠ QUAN", "Logo", "Màu chủ đạo", "màu trái", "Màu Phải", "Màu chữ",
              "Địa chỉ QR", "Chú thích QR", "Chân trang"]  # fmt: skip


def _forms(folder: Path) -> dict[str, Path]:
    rows = example_rows()
    assert rows[0][0] == "name" and len(rows[0]) == len(VIETNAMESE)
    shutil.copy(BRAND_DIR / "placeholder-emblem.png", folder)
    text = as_csv(rows)
    cp = folder / "windows-1258.csv"
    cp.write_bytes(cp1258(text))
    assert b"\xd2" in cp.read_bytes() or b"\xec" in cp.read_bytes()  # combining tone marks
    with pytest.raises(UnicodeDecodeError):
        cp.read_bytes().decode("utf-8")
    tsv = folder / "unicode-text.txt"
    tsv.write_bytes(codecs.BOM_UTF16_LE + as_csv(rows, "\t").encode("utf-16-le"))
    notes = folder / "tieng-viet.csv"
    vi_rows = [[*VIETNAMESE, "Ghi chú"]] + [[*r, f"ghi chú {i}"] for i, r in enumerate(rows[1:])]
    notes.write_text(as_csv(vi_rows), encoding="utf-8")
    xlsx = folder / "examples.xlsx"
    shutil.copy(BRAND_DIR / "examples.xlsx", xlsx)
    return {"xlsx": xlsx, "cp1258": cp, "utf16": tsv, "vietnamese": notes}


def test_every_form_of_the_sheet_renders_the_same_posters(tmp_path):
    reference = tmp_path / "ref"
    done = run_cli("batch", "--brands", BRAND_DIR / "examples.csv", "--layout", "a3-portrait",
                   "-j", "2", "-o", reference)  # fmt: skip
    assert done.returncode == 0, done.stderr
    expected = {p.name: p.read_bytes() for p in reference.glob("*.pdf")}
    assert len(expected) == len(example_rows()) - 1 == 4
    assert "UBND THÀNH PHỐ CẨM PHẢ" in pdf_text(reference / "a3-portrait-cam-pha.pdf")
    for kind, sheet in _forms(tmp_path).items():
        out = tmp_path / kind
        done = run_cli("batch", "--brands", sheet, "--layout", "a3-portrait", "-j", "2", "-o", out)
        assert done.returncode == 0, (kind, done.stderr)
        got = {p.name: p.read_bytes() for p in out.glob("*.pdf")}
        assert got.keys() == expected.keys(), kind
        for name, data in expected.items():
            assert got[name] == data, (kind, name)
        warnings = [ln for ln in done.stderr.splitlines() if ln.startswith("warning:")]
        if kind == "vietnamese":  # the notes column: one warning naming it, and no more
            assert warnings == [f"warning: {sheet}:1: columns ignored (not brand fields): Ghi chú"]
        else:
            assert warnings == [], (kind, done.stderr)


def test_formula_cells_are_refused_for_their_row_only(tmp_path):
    rows = [
        ["Tên", "Chân trang", "Ghi chú"],
        ["Xã Một", "- Phòng Văn hóa xã", ""],  # a dash before text is text
        ["Xã Hai", '=HYPERLINK("http://x.example","bấm")', ""],
        ["Xã Ba", "+SUM(A1:A3)", ""],
        ["Xã Bốn", "@A1", ""],
        ["Xã Năm", "-2+3", ""],
        ["Xã Sáu", "", "=1+1"],  # an ignored column is not read
    ]
    sheet = tmp_path / "f.csv"
    sheet.write_text(as_csv(rows, ";"), encoding="utf-8")
    out = tmp_path / "o"
    done = run_cli("batch", "--brands", sheet, "--layout", "a3-portrait", "-o", out)
    assert done.returncode == 1
    refused = [ln for ln in done.stderr.splitlines() if "looks like" in ln]
    assert refused == [
        'f.csv:3: footer: looks like a spreadsheet formula: \'=HYPERLINK("http://x.example",'
        '"bấm")\' (type the value itself, without the leading sign)',
        "f.csv:4: footer: looks like a spreadsheet formula: '+SUM(A1:A3)' "
        "(type the value itself, without the leading sign)",
        "f.csv:5: footer: looks like a spreadsheet formula: '@A1' "
        "(type the value itself, without the leading sign)",
        "f.csv:6: footer: looks like a spreadsheet formula: '-2+3' "
        "(type the value itself, without the leading sign)",
    ]
    assert sorted(p.name for p in out.glob("*.pdf")) == [
        "a3-portrait-xa-mot.pdf", "a3-portrait-xa-sau.pdf"
    ]  # fmt: skip
    assert "- Phòng Văn hóa xã" in pdf_text(out / "a3-portrait-xa-mot.pdf")
    vi = run_cli("batch", "--brands", sheet, "--layout", "a3-portrait", "-o", out,
                 lang="vi_VN.UTF-8")  # fmt: skip
    assert "f.csv:4: footer: trông như một công thức bảng tính: '+SUM(A1:A3)'" in vi.stderr
    assert "cảnh báo:" in vi.stderr and "bỏ qua các cột không dùng đến: Ghi chú" in vi.stderr
    # the second run: the two good rows are unchanged, four rows fail again
    assert vi.stdout.startswith("đã tạo 0, bỏ qua 2 (không đổi), lỗi 4, trong "), vi.stdout


def test_a_sheet_without_a_name_column_and_an_old_excel_file(tmp_path):
    sheet = tmp_path / "x.csv"
    sheet.write_text("Cơ quan,Ghi chú\nUBND XÃ A,x\n", encoding="utf-8")
    done = run_cli("batch", "--brands", sheet, "-o", tmp_path / "o")
    assert done.returncode == 2
    assert f"{sheet}:1: name: the header has no 'name' column" in done.stderr.splitlines()
    old = tmp_path / "x.xls"
    old.write_bytes(b"\xd0\xcf\x11\xe0")
    done = run_cli("batch", "--brands", old, "-o", tmp_path / "o", lang="vi_VN.UTF-8")
    assert done.returncode == 2
    assert "hãy lưu lại ở dạng .xlsx" in done.stderr
    broken = tmp_path / "hong.xlsx"
    broken.write_bytes(b"PK\x03\x04 not a workbook")
    done = run_cli("batch", "--brands", broken, "-o", tmp_path / "o")
    assert done.returncode == 2 and "Traceback" not in done.stderr
    assert done.stderr.startswith(f"{broken}: not a readable workbook")


def test_a_one_row_windows_1258_sheet(tmp_path):
    # short enough that an encoding guesser takes it for Shift-JIS; the fixed rule does not
    sheet = tmp_path / "mot-dong.csv"
    sheet.write_bytes(cp1258("Tên,Cơ quan\r\nXã Tân Lập,UBND XÃ TÂN LẬP | TỈNH PHÚ THỌ\r\n"))
    out = tmp_path / "o"
    done = run_cli("batch", "--brands", sheet, "--layout", "a3-portrait", "-o", out)
    assert done.returncode == 0, done.stderr
    text = pdf_text(out / "a3-portrait-xa-tan-lap.pdf")
    assert "UBND XÃ TÂN LẬP" in text and "TỈNH PHÚ THỌ" in text
