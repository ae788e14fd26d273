"""Every input bounded before it is parsed (issue 20): a workbook that unpacks to a
gigabyte, one that declares XML entities or lists thousands of files, a CSV cell of
128 KB, an icon too large, not SVG or of absurd size, a link too long for a QR code.

Each is run as a user runs it and measured (tests/measure.py): exit 2, one line naming
the file and the limit, no traceback, under 5 s of CPU and 500 MB. The limits are
written here as numbers (64 MB, 1,000 files, 128 KB, 10,000 units, 1,663 bytes), not
read from poster.limits: changing a bound must change a test too.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import REPO, pdf_text
from measure import run_measured
from zips import (
    SHEET_END,
    SHEET_START,
    crc_repeated,
    deflate_repeated,
    inline_row,
    member,
    workbook,
    write_zip,
)

MB = 1 << 20
SHEET = "xl/worksheets/sheet1.xml"
HEAD = SHEET_START + inline_row(1, "name") + inline_row(2, "Xã Một")


def _refused(done, *words: str) -> str:
    """The one line a refusal prints, checked: exit 2, within bounds, no traceback."""
    assert done.returncode == 2, done
    assert done.within_bounds(), done
    assert "Traceback" not in done.stderr and "internal error" not in done.stderr, done
    lines = done.stderr.splitlines()
    assert len(lines) == 1, done
    for word in words:
        assert word in lines[0], (word, done)
    return lines[0]


def _batch(sheet: Path, tmp: Path, lang: str = "C"):
    return run_measured("batch", "--brands", sheet, "--layout", "a3-portrait", "-j", "1",
                        "-o", tmp / "out", lang=lang)  # fmt: skip


# ---------------------------------------------------------------- workbooks


def test_a_workbook_whose_sheet_unpacks_to_a_gigabyte_stops_at_the_bound(tmp_path):
    # 1.3 MB of deflate that unpacks to 1.3 GB of spaces after two real rows, its size
    # declared truthfully: refused from the declaration, before a byte is inflated
    data = deflate_repeated(HEAD, b" " * MB, 1300, SHEET_END)
    size = len(HEAD) + 1300 * MB + len(SHEET_END)
    bomb = workbook(tmp_path / "bom.xlsx", (SHEET, data, size, 0))
    assert bomb.stat().st_size < 2 * MB
    line = _refused(_batch(bomb, tmp_path), str(bomb), "unpacks to more than 64 MB", SHEET)
    assert "1300 MB" in line
    vi = _refused(_batch(bomb, tmp_path, "vi_VN.UTF-8"), "vượt quá 64 MB")
    assert "CSV UTF-8" in vi
    assert not (tmp_path / "out").exists() or not any((tmp_path / "out").glob("*.pdf"))


def test_a_part_that_lies_about_its_size_is_not_inflated_past_its_word(tmp_path):
    # the workbook: a sheet that says it is 5 KB and unpacks to 1.3 GB. zipfile
    # stops at the declared size, where the checksum fails: unreadable, at once
    data = deflate_repeated(HEAD, b" " * MB, 1300, SHEET_END)
    sheet = workbook(tmp_path / "noi-doi.xlsx", (SHEET, data, 5000, 0))
    _refused(_batch(sheet, tmp_path), "not a readable workbook", "Bad CRC-32")


def test_what_is_inflated_is_counted_over_every_read(tmp_path):
    # 40 MB of spaces, declared truthfully, under the bound; but openpyxl reads the
    # sheet twice (its size, then its rows), and the second time only 24 MB are left
    data = deflate_repeated(HEAD, b" " * MB, 40, SHEET_END)
    crc = crc_repeated(HEAD, b" " * MB, 40, SHEET_END)
    size = len(HEAD) + 40 * MB + len(SHEET_END)
    sheet = workbook(tmp_path / "hai-lan.xlsx", (SHEET, data, size, crc))
    _refused(_batch(sheet, tmp_path), f"unpacks to more than 64 MB ({SHEET}: 40 MB)")


def test_a_sheet_of_a_million_cells_in_one_row_stops_at_the_tag_bound(tmp_path):
    # 60 MB of number cells in row 3, under the byte bound: 2.8 million cells that
    # openpyxl would keep in memory as one row (534 MB for 16 MB of them)
    start = SHEET_START.replace(b"<sheetData>", b'<dimension ref="A1:B2"/><sheetData>')
    cell = b'<c t="n"><v>1</v></c>'
    chunk = cell * (64 * 1024 // len(cell))
    data = deflate_repeated(start + inline_row(1, "name") + b'<row r="3">', chunk, 900,
                            b"</row>" + SHEET_END)  # fmt: skip
    size = len(start) + len(inline_row(1, "name")) + 11 + 900 * len(chunk) + 6 + len(SHEET_END)
    sheet = workbook(tmp_path / "mot-dong.xlsx", (SHEET, data, size, 0))
    _refused(_batch(sheet, tmp_path), "more than 1,000,000 XML elements", str(sheet))


def test_xml_entities_in_a_workbook_are_refused_naming_the_part(tmp_path):
    laughs = (
        b'<!DOCTYPE worksheet [<!ENTITY a "hahahahahahahahahaha">'
        + b"".join(
            b'<!ENTITY %s "%s">' % (bytes([98 + i]), bytes([97 + i]).join([b"&", b";"]) * 10)
            for i in range(8)
        )
        + b"]>"
    )
    body = SHEET_START.replace(b"<worksheet", laughs + b"<worksheet") + inline_row(1, "name")
    body += b'<row r="2"><c r="A2" t="inlineStr"><is><t>&i;</t></is></c></row>' + SHEET_END
    sheet = workbook(tmp_path / "thuc-the.xlsx", member(SHEET, body))
    _refused(_batch(sheet, tmp_path), f"{SHEET} declares a DOCTYPE or XML entities")
    vi = _refused(_batch(sheet, tmp_path, "vi_VN.UTF-8"), "khai báo DOCTYPE")
    assert "lưu lại ở dạng .xlsx" in vi


def test_a_workbook_part_not_in_utf8_is_refused(tmp_path):
    body = (HEAD + SHEET_END).decode().replace('encoding="UTF-8"', 'encoding="UTF-16"')
    sheet = workbook(tmp_path / "utf16.xlsx", member(SHEET, body.encode("utf-16")))
    _refused(_batch(sheet, tmp_path), f"{SHEET} is not UTF-8 XML")


def test_a_zip_of_thousands_of_files_is_refused_before_zipfile_lists_them(tmp_path):
    many = write_zip(tmp_path / "nhieu.xlsx", [member(f"x/{i}.xml", b"<a/>") for i in range(1001)])
    _refused(_batch(many, tmp_path), "lists 1,001 files, more than 1,000")


def test_a_workbook_of_the_whole_country_is_read_within_the_bounds(tmp_path):
    """The bounds leave room for what is real: every unit of the country, ten columns,
    as openpyxl writes it (inline strings), is read, in well under the 5 s of a refusal."""
    import time

    from openpyxl import Workbook

    from poster.localities import localities

    book = Workbook()
    sheet = book.active
    sheet.append(["Tên", "Cơ quan", "Màu chủ đạo", "Địa chỉ QR", "Chân trang",
                  "Chú thích QR", "Màu trái", "Màu phải", "Màu chữ", "Ghi chú"])  # fmt: skip
    units = list(localities())
    assert len(units) == 3321
    for i, unit in enumerate(units):
        sheet.append([unit.name, " | ".join(unit.authority),
                      "#B3261E", f"https://dichvucong.gov.vn/p/home?xa={i}", f"Trang {unit.name}",
                      "Quét mã để xem thủ tục", "#1F5FA8", "#1E7B4A", "", "ghi chú"])  # fmt: skip
    path = tmp_path / "ca-nuoc.xlsx"
    book.save(path)
    from poster.readers.sheet import read_sheet

    started = time.process_time()
    sources, failures, _ = read_sheet(path)
    assert time.process_time() - started < 5
    assert len(sources) == 3321 and not failures
    assert sources[0].data["authority"] == units[0].authority
    assert sources[-1].where == "ca-nuoc.xlsx:3322"


# ---------------------------------------------------------------- CSV


def test_a_128_kb_cell_fails_its_row_and_the_batch_goes_on(tmp_path):
    sheet = tmp_path / "o-dai.csv"
    sheet.write_text(
        "name,footer\nXã Một,ngắn\nXã Hai," + "x" * 128 * 1024 + "\nXã Ba," + "y" * 4001 + "\n"
        "Xã Bốn,ngắn\n",
        encoding="utf-8",
    )  # fmt: skip
    done = _batch(sheet, tmp_path)
    assert done.returncode == 1 and done.within_bounds(), done
    assert "Traceback" not in done.stderr and "internal error" not in done.stderr
    failed = [ln for ln in done.stderr.splitlines() if "characters" in ln]
    assert failed == [
        "o-dai.csv:3: the row is 131,080 characters, more than 100,000: shorten its cells",
        "o-dai.csv:4: footer: 4,001 characters; a cell holds at most 4,000",
    ], done
    assert sorted(p.name for p in (tmp_path / "out").glob("*.pdf")) == [
        "a3-portrait-xa-bon.pdf", "a3-portrait-xa-mot.pdf"
    ]  # fmt: skip


def test_a_sheet_over_ten_thousand_rows_or_a_million_lines_is_refused_quickly(tmp_path):
    rows = tmp_path / "nhieu-dong.csv"
    rows.write_text("name\n" + "".join(f"Xã {i}\n" for i in range(10_001)), encoding="utf-8")
    _refused(_batch(rows, tmp_path), "more than 10,000 rows under the header")
    lines = tmp_path / "dong-trong.csv"
    lines.write_bytes(b"name\nX\n" + b"\n" * (16 * MB - 16))
    _refused(_batch(lines, tmp_path), "lines, more than a spreadsheet holds (1,048,576)")


# ---------------------------------------------------------------- icons


def _content(tmp: Path, icon: str) -> Path:
    path = tmp / "noi-dung.yaml"
    path.write_text(
        "title: Thử biểu tượng\nlabels: {left: Trái, right: Phải}\nitems:\n"
        f"  - n: 1\n    icon: {icon}\n    heading: Một\n    left: Bên trái\n    right: Bên phải\n",
        encoding="utf-8",
    )
    return path


def _render(content: Path, tmp: Path, lang: str = "C"):
    return run_measured("render", "--content", content, "--layout", "a3-portrait",
                        "-o", tmp / "out.pdf", lang=lang)  # fmt: skip


def _svg(attributes: str, more: str = "") -> str:
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" {attributes}>'
        f'<path d="M4 4 L20 20" stroke="#000"/>{more}</svg>'
    )


BOX = 'viewBox="0 0 24 24"'
PICTURE = '<image width="24" height="24" href="data:image/png;base64,iVBORw0KGgo="/>'
ICONS = {  # file → (its text, what the refusal says)
    "lon.svg": (_svg(BOX, "<!--" + "x" * 140_000 + "-->"),
                "the icon lon.svg is 136.8 KB; an icon is at most 128 KB"),
    "anh.svg": (None, "anh.svg is a PNG image, not an SVG drawing"),
    "rong.svg": (_svg('width="1e9" height="24"'),
                 "rong.svg: width is 1e9; an icon's width, height and viewBox must be positive "
                 "and at most 10,000 units"),
    "khong.svg": (_svg('viewBox="0 0 0 24"'), "viewBox is 0 0 0 24"),
    "vo-han.svg": (_svg('width="24" height="24" viewBox="0 0 1e400 24"'),
                   "viewBox is 0 0 1e400 24"),
    "tranh.svg": (_svg(BOX, PICTURE), "tranh.svg holds a picture (<image>)"),
    "lien-ket.svg": (_svg(BOX, '<use href="/dev/zero#a"/>'),
                     "links outside itself (<use> to '/dev/zero#a')"),
    "thuc-the.svg": ('<!DOCTYPE svg [<!ENTITY a "b">]>' + _svg(BOX, "<text>&a;</text>"),
                     "declares the XML entity 'a'"),
    "nhieu.svg": (_svg(BOX, '<path d="M1 1 L2 2"/>' * 1000), "has more than 1,000 elements"),
    "ngoai.svg": (_svg(BOX, '<path d="M4 4 L2000 2000" stroke="#000"/>'),
                  "draws far outside its own box"),
    "html.svg": ("<html><body>không phải SVG</body></html>",
                 "is XML but not SVG (its root element is <html>)"),
    "hong.svg": (_svg(BOX)[:-3], "hong.svg is not well-formed XML (line 1: "),
}  # fmt: skip


@pytest.mark.parametrize("name", list(ICONS))
def test_a_hostile_icon_is_refused_naming_the_item_and_the_limit(tmp_path, name):
    text, says = ICONS[name]
    icon = tmp_path / name
    if text is None:
        icon.write_bytes((REPO / "content" / "brands" / "placeholder-emblem.png").read_bytes())
    else:
        icon.write_text(text, encoding="utf-8")
    content = _content(tmp_path, name)
    line = _refused(_render(content, tmp_path), says)
    assert line.startswith(f"{content}: items.0.icon: "), line
    assert not (tmp_path / "out.pdf").exists()


def test_an_oversized_icon_is_refused_in_vietnamese_and_unread(tmp_path):
    # 1.5 GB, sparse: refused from its size, never read (the 3 GB and 'internal error')
    icon = tmp_path / "khong-lo.svg"
    with icon.open("wb") as f:
        f.truncate(1536 * MB)
    content = _content(tmp_path, icon.name)
    _refused(
        _render(content, tmp_path), "the icon khong-lo.svg is 1536 MB; an icon is at most 128 KB"
    )
    vi = _refused(_render(content, tmp_path, "vi_VN.UTF-8"), "khong-lo.svg nặng 1536 MB")
    assert "biểu tượng chỉ được tối đa 128 KB" in vi


def test_an_icon_as_drawing_programs_export_it_is_drawn(tmp_path):
    # an XML declaration with its encoding (which lxml refuses in a str), the SVG 1.1
    # DOCTYPE without entities, a viewBox with commas, a width in mm: drawn in its tile
    icon = tmp_path / "hop-le.svg"
    icon.write_text(
        '<?xml version="1.0" encoding="UTF-8" standalone="no"?>\n'
        '<!DOCTYPE svg PUBLIC "-//W3C//DTD SVG 1.1//EN" '
        '"http://www.w3.org/Graphics/SVG/1.1/DTD/svg11.dtd">\n'
        '<svg xmlns="http://www.w3.org/2000/svg" width="6.35mm" height="6.35mm" '
        'viewBox="0,0,24,24"><path d="M4 12 L12 4 L20 12 Z" stroke="#000" fill="none"/></svg>',
        encoding="utf-8",
    )
    done = _render(_content(tmp_path, icon.name), tmp_path)
    assert done.returncode == 0 and done.within_bounds(), done
    assert "Thử biểu tượng" in pdf_text(tmp_path / "out.pdf")


# ---------------------------------------------------------------- QR links


def test_a_link_too_long_for_a_qr_code_says_so(tmp_path):
    brand = tmp_path / "xa.yaml"
    url = "https://dichvucong.gov.vn/p/home/dvc-tra-cuu-ho-so.html?ma=" + "A1b2" * 736
    assert len(url) == 3003
    brand.write_text(f"name: Xã Thử\nqr:\n  url: {url}\n", encoding="utf-8")
    done = run_measured("render", "--brand", brand, "-o", tmp_path / "o.pdf")
    _refused(done, f"{brand}: qr.url: the link is 3,003 characters; a QR code holds at most "
                   "1,663: shorten it or use a short link")  # fmt: skip
    vi = run_measured("render", "--brand", brand, "-o", tmp_path / "o.pdf", lang="vi_VN.UTF-8")
    _refused(vi, "đường dẫn dài 3003 ký tự; mã QR chứa được tối đa 1663")
    accents = brand.with_name("dau.yaml")
    accents.write_text(f"name: Xã Thử\nqr:\n  url: https://x.vn/{'ệ' * 560}\n", encoding="utf-8")
    done = run_measured("render", "--brand", accents, "-o", tmp_path / "o.pdf")
    _refused(done, "the link takes 1,693 bytes in a QR code (a letter with accents takes 2 or 3)")


def test_the_longest_link_a_qr_code_holds_is_accepted():
    """1,663 bytes is what version 40 at error correction Q holds in byte mode (ISO/IEC
    18004, table 7): such a link makes a brand and its 177-module symbol; one more is
    refused."""
    from poster.errors import PosterError
    from poster.qr import qr_matrix
    from poster.spec import brand_from_dict

    base = "https://dichvucong.gov.vn/?q="
    url = base + "x" * (1663 - len(base))
    brand = brand_from_dict({"name": "Xã Thử", "qr": {"url": url}}, Path("xa.yaml"))
    assert len(qr_matrix(brand.qr.url)) == 177
    with pytest.raises(PosterError) as refused:
        brand_from_dict({"name": "Xã Thử", "qr": {"url": url + "x"}}, Path("xa.yaml"))
    assert refused.value.problems[0].code == "url.too-long-for-qr"


def test_a_custom_icon_is_read_once_for_every_poster_of_a_batch(tmp_path, monkeypatch):
    """Brands in other colours, one process (a batch worker): the icon file is read when
    the content is loaded, and never again, whatever colour it is drawn in."""
    from poster import files
    from poster.outputs import Request, produce
    from poster.spec import brand_from_dict, load_content, load_layout

    icon = tmp_path / "qua-cau.svg"
    icon.write_bytes((REPO / "src" / "poster" / "data" / "icons" / "globe.svg").read_bytes())
    reads: list[Path] = []
    read_bounded = files.read_bounded

    def counted(path: Path, limit: int) -> bytes:
        reads.append(Path(path))
        return read_bounded(path, limit)

    monkeypatch.setattr(files, "read_bounded", counted)
    content = load_content(_content(tmp_path, icon.name))
    layout = load_layout("a3-portrait")
    for i, primary in enumerate(["#B3261E", "#0B4F8A", "#1E7B4A"]):
        brand = brand_from_dict({"name": f"Xã {i}", "colors": {"primary": primary}}, tmp_path)
        produce(Request(content, layout, brand))
    assert reads.count(icon) == 1, reads


def test_a_folder_of_more_brand_files_than_a_sheet_has_rows_is_refused(tmp_path):
    folder = tmp_path / "brands"
    folder.mkdir()
    for i in range(10_001):
        (folder / f"{i}.yaml").write_text(f"name: Xã {i}\n", encoding="utf-8")
    _refused(_batch(folder, tmp_path), "more than 10,000 brand .yaml files")
