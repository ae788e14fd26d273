"""Random and mutated files fed to every reader through the command line (issue 20):
spreadsheets (CSV and .xlsx, `poster batch --brands`), brand files (`poster render
--brand`), content files and their SVG icons (`poster render --content`).

Each example starts from a real file (the shipped examples.csv and examples.xlsx, a
workbook with shared strings as Excel writes it, a shipped brand, a small content file,
a shipped icon) and mutates it: bytes flipped, inserted, deleted, duplicated or cut,
tokens that mean something to the format (quotes, line breaks, formula signs, YAML
anchors, XML entities, absurd numbers) spliced in; a workbook's parts are mutated
inside a well-formed zip, or replaced by a deflate bomb whose declared size may lie.

Whatever comes in, the command must answer as for bad input or render: exit 0 or 2
(a batch: 1 when rows failed, each with its coded reason), never a traceback or an
"internal error", within 5 s of CPU and 500 MB (tests/measure.py), never hang.
Bounded and derandomized, so CI runs the same examples every time, in about half a
minute of CPU for the five readers.
"""

from __future__ import annotations

import io
import re
import shutil
import tempfile
import zipfile
from pathlib import Path

from conftest import BRAND_FOLDER, REPO
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from measure import MEMORY_MB, SECONDS, Measured, run_measured
from zips import CONTENT_TYPES, RELS, SHEET_END, SHEET_START, WORKBOOK, deflate_repeated

ICONS = REPO / "src" / "poster" / "data" / "icons"
EMBLEM = BRAND_FOLDER / "placeholder-emblem.png"

FUZZ = settings(
    max_examples=12,
    deadline=None,
    derandomize=True,  # the same examples in CI every time
    database=None,  # nothing written beside the tests
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)

# tokens that mean something to one of the formats, spliced into the files
TOKENS = [
    b'"', b'""', b"\r", b"\n", b"\r\n", b"\t", b",", b";", b"|", b"\x00", b"\xff\xfe",
    b"\xc3", b"\xe2\x80\xae", b"=", b"+cmd|' /C calc'!A0", b"=HYPERLINK(\"http://x\")",
    b"@SUM(1)", b"-2+3", b": ", b"- ", b"{", b"}", b"[", b"]", b"&a ", b"*a", b"!!python/object",
    b"---", b"#", b"'", b"1e999", b"-1", b"0", b"NaN", b".inf", b"99999999999999999999",
    b"<", b">", b"<!DOCTYPE a [<!ENTITY b \"bbbbbbbb\">]>", b"&b;", b"<!--", b"]]>",
    b'<image href="/dev/zero"/>', b'<use href="#x"/>', b'transform="scale(1e300)"',
    b'd="M0 0 L1e308 1e308"', b'viewBox="0 0 0 0"', b'width="-5"', b"\xef\xbb\xbf",
    b"x" * 5000, "Đặc khu Côn Đảo".encode(), b"https://" + b"a" * 1700,
]  # fmt: skip


@st.composite
def mutations(draw: st.DrawFn, seed: bytes) -> bytes:
    """`seed` with one to four mutations."""
    data = bytearray(seed)
    for _ in range(draw(st.integers(1, 4))):
        op = draw(st.sampled_from(["flip", "insert", "token", "delete", "cut", "repeat"]))
        at = draw(st.integers(0, len(data)))
        if op == "flip" and data:
            at = min(at, len(data) - 1)
            data[at] = draw(st.integers(0, 255))
        elif op == "insert":
            data[at:at] = draw(st.binary(min_size=1, max_size=16))
        elif op == "token":
            data[at:at] = draw(st.sampled_from(TOKENS))
        elif op == "delete":
            del data[at : at + draw(st.integers(1, 64))]
        elif op == "cut":
            del data[at:]
        elif op == "repeat":
            piece = bytes(data[at : at + draw(st.integers(1, 200))])
            data[at:at] = piece * draw(st.integers(1, 500))
    return bytes(data)


# What rendering one a3-portrait poster may take, on top of the bound: a mutation that
# repeats a good row 200 times makes a batch of 200 posters, about 27 ms of CPU each
PER_POSTER = 0.1


def _answered(done: Measured, batch: bool) -> None:
    """The command answered as it must whatever its input (see the module)."""
    assert "Traceback" not in done.stderr + done.stdout, done
    assert "internal error" not in done.stderr, done
    rendered = re.search(r"^rendered (\d+),", done.stdout)
    posters = int(rendered[1]) if rendered else 1
    assert done.cpu < SECONDS + PER_POSTER * posters, done
    assert done.peak_mb < MEMORY_MB, done
    allowed = (0, 1, 2) if batch else (0, 2)
    assert done.returncode in allowed, done
    if done.returncode == 1:  # a batch whose rows failed, each for a reason it names
        assert re.search(r"failed [1-9]\d* in", done.stdout), done


# ---------------------------------------------------------------- spreadsheets


def _batch(sheet: Path) -> Measured:
    out = sheet.parent / "out"
    return run_measured("batch", "--brands", sheet, "--layout", "a3-portrait", "-j", "1",
                        "-o", out)  # fmt: skip


@FUZZ
@given(mutations((BRAND_FOLDER / "examples.csv").read_bytes()))
def test_mutated_csv_sheets(data: bytes) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        sheet = Path(tmp) / "examples.csv"
        sheet.write_bytes(data)
        shutil.copy(EMBLEM, tmp)
        _answered(_batch(sheet), batch=True)


SHARED_STRINGS_TYPES = CONTENT_TYPES.replace(
    b"</Types>",
    b'<Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-'
    b'officedocument.spreadsheetml.sharedStrings+xml"/></Types>',
)
SHARED_STRINGS_RELS = (
    b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
    b'<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    b'<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/'
    b'relationships/worksheet" Target="worksheets/sheet1.xml"/><Relationship Id="rId2" '
    b'Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings" '
    b'Target="sharedStrings.xml"/></Relationships>'
)


def _shared_strings_workbook() -> bytes:
    """A workbook as Excel writes its text: in a shared strings part, cells by index."""
    strings = ["Tên", "Cơ quan", "Màu chủ đạo", "Xã Tân Lập", "UBND XÃ TÂN LẬP", "#0B4F8A"]
    sst = b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<sst xmlns="http://'
    sst += b'schemas.openxmlformats.org/spreadsheetml/2006/main" count="6" uniqueCount="6">'
    sst += b"".join(f"<si><t>{s}</t></si>".encode() for s in strings) + b"</sst>"
    rows = b""
    for r, indexes in ((1, (0, 1, 2)), (2, (3, 4, 5))):
        cells = "".join(f'<c r="{"ABC"[i]}{r}" t="s"><v>{v}</v></c>' for i, v in enumerate(indexes))
        rows += f'<row r="{r}">{cells}</row>'.encode()
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("[Content_Types].xml", SHARED_STRINGS_TYPES)
        z.writestr("_rels/.rels", RELS)
        z.writestr("xl/workbook.xml", WORKBOOK)
        z.writestr("xl/_rels/workbook.xml.rels", SHARED_STRINGS_RELS)
        z.writestr("xl/sharedStrings.xml", sst)
        z.writestr("xl/worksheets/sheet1.xml", SHEET_START + rows + SHEET_END)
    return out.getvalue()


WORKBOOKS = [(BRAND_FOLDER / "examples.xlsx").read_bytes(), _shared_strings_workbook()]


@st.composite
def mutated_workbooks(draw: st.DrawFn) -> bytes:
    """A workbook mutated as bytes (mostly a broken zip), or one of its parts mutated
    inside a well-formed zip, or a part replaced by a deflate bomb."""
    seed = draw(st.sampled_from(WORKBOOKS))
    how = draw(st.sampled_from(["bytes", "part", "part", "bomb"]))
    if how == "bytes":
        return draw(mutations(seed))
    with zipfile.ZipFile(io.BytesIO(seed)) as z:
        parts = {name: z.read(name) for name in z.namelist()}
    name = draw(st.sampled_from(sorted(parts)))
    out = io.BytesIO()
    if how == "part":
        parts[name] = draw(mutations(parts[name]))
        with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z:
            for part, data in parts.items():
                z.writestr(part, data)
        return out.getvalue()
    # a bomb: the part's text, then megabytes of one chunk; its size declared or not
    chunk = draw(st.sampled_from([b" ", b"<a/>", b'<c t="n"><v>1</v></c>', b"\x00"])) * 4096
    times = draw(st.integers(1, 40_000))
    bomb = deflate_repeated(parts[name][:200], chunk, times, b"")
    size = 200 + len(chunk) * times if draw(st.booleans()) else len(parts[name])
    from zips import member, write_zip

    path = Path(tempfile.mkdtemp()) / "b.xlsx"
    try:
        members = [member(p, d) for p, d in parts.items() if p != name]
        write_zip(path, [*members, (name, bomb, size, 0)])
        return path.read_bytes()
    finally:
        shutil.rmtree(path.parent)


@FUZZ
@given(mutated_workbooks())
def test_mutated_workbooks(data: bytes) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        sheet = Path(tmp) / "examples.xlsx"
        sheet.write_bytes(data)
        shutil.copy(EMBLEM, tmp)
        _answered(_batch(sheet), batch=True)


# ---------------------------------------------------------------- YAML and icons


BRANDS = [(BRAND_FOLDER / f"{name}.yaml").read_bytes() for name in ("hiep-hoa", "cam-pha")]


@FUZZ
@given(st.sampled_from(BRANDS).flatmap(mutations))
def test_mutated_brand_files(data: bytes) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        brand = Path(tmp) / "brand.yaml"
        brand.write_bytes(data)
        shutil.copy(EMBLEM, tmp)
        done = run_measured("render", "--brand", brand, "--layout", "a3-portrait",
                            "-o", Path(tmp) / "out.pdf")  # fmt: skip
        _answered(done, batch=False)


CONTENT = """\
title: Sự khác nhau giữa công nghệ thông tin và chuyển đổi số
labels: {left: Công nghệ thông tin, right: Chuyển đổi số}
source: Theo bài phát biểu của Bộ trưởng Bộ Thông tin và Truyền thông.
items:
  - n: 1
    icon: users
    heading: Chuyển trọng tâm từ chính quyền sang người dân
    left: Công nghệ thông tin tập trung mang lại giá trị cho nhà quản lý.
    right: Chuyển đổi số tập trung mang lại giá trị cho người dân.
  - n: 2
    icon: icon.svg
    heading: Chuyển từ chi phí sang tạo ra lợi ích và giá trị
    left: Công nghệ thông tin nói đến chi phí là bao nhiêu.
    right: Chuyển đổi số nói đến mang lại giá trị gì, lợi ích gì.
""".encode()
SVGS = [(ICONS / f"{name}.svg").read_bytes() for name in ("globe", "handshake", "users")]


def _render_content(tmp: str, content: bytes, icon: bytes) -> Measured:
    (Path(tmp) / "content.yaml").write_bytes(content)
    (Path(tmp) / "icon.svg").write_bytes(icon)
    return run_measured("render", "--content", Path(tmp) / "content.yaml", "--layout",
                        "a3-portrait", "-o", Path(tmp) / "out.pdf")  # fmt: skip


@FUZZ
@given(mutations(CONTENT))
def test_mutated_content_files(data: bytes) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        _answered(_render_content(tmp, data, SVGS[0]), batch=False)


@FUZZ
@given(st.sampled_from(SVGS).flatmap(mutations))
def test_mutated_icons(data: bytes) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        _answered(_render_content(tmp, CONTENT, data), batch=False)
