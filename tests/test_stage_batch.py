"""Stage tests of what a batch decides before and after its workers render (poster.batch),
in process: the output names, where the brands come from, the resume record, and the
lines a failed row or a dead worker gets. The worker pool itself is tested by
tests/test_batch.py and tests/test_processes.py (it runs other processes). Every
expected name, record and message is written here by hand, or read from the Quảng Ninh
fixture checked into tests/data."""

from __future__ import annotations

import hashlib
import io
import json
import os
import signal
from pathlib import Path

import pytest

from poster import batch, limits
from poster.batch import (
    MANIFEST,
    _death,
    _file_digest,
    _read_manifest,
    _save_manifest,
    assign_slugs,
    commune_sources,
    internal_error,
    internal_problem,
    plain_progress,
    remove_partials,
    sources_from,
)
from poster.errors import PosterError, Problem
from poster.readers.sources import Source
from poster.resources import BRAND_ANCHOR

QUANG_NINH = Path(__file__).resolve().parent / "data" / "quang-ninh-a3.tsv"


def refused(*args: object) -> Problem:
    with pytest.raises(PosterError) as raised:
        sources_from(*args)  # type: ignore[arg-type]
    (p,) = raised.value.problems
    return p


def named(*names: str | None, qualifiers: str = "") -> list[Source]:
    quals = qualifiers.split() or [""] * len(names)
    return [
        Source({} if n is None else {"name": n}, Path("b.csv"), "b.csv", qualifier=q)
        for n, q in zip(names, quals, strict=True)
    ]


def slugs(sources: list[Source]) -> list[str]:
    assign_slugs(sources)
    return [s.slug for s in sources]


# ---------------------------------------------------------------- output names


def test_a_unique_name_is_its_slug() -> None:
    assert slugs(named("Xã Hiệp Hòa", "Phường Đông Triều", "")) == [
        "xa-hiep-hoa",
        "phuong-dong-trieu",
        "poster",
    ]
    assert slugs(named("", None, qualifiers="r2 r3")) == ["poster-r2", "poster-r3"]


def test_a_repeated_name_takes_its_qualifier_then_a_number() -> None:
    got = slugs(named("Xã A", "Xã B", "Xã A", "Xã A", qualifiers="r2 r3 r4 r5"))
    assert got == ["xa-a-r2", "xa-b", "xa-a-r4", "xa-a-r5"]
    got = slugs(named("Xã A", "Xã A", "Xã A", qualifiers="Q Q Q"))
    assert got == ["xa-a-q", "xa-a-q-2", "xa-a-q-3"]


def test_a_name_that_equals_anothers_qualified_name_is_numbered() -> None:
    got = slugs(named("Xã A", "Xã A", "Xã A R3", qualifiers="r2 r3 r4"))
    assert got == ["xa-a-r2", "xa-a-r3", "xa-a-r3-2"]


def test_a_source_with_its_slug_starts_from_it() -> None:
    sources = named("Xã A", "Xã B", "Xã C", qualifiers="bac-ninh quang-ninh ha-noi")
    sources[0].slug = "xa-b"
    sources[2].slug = "given"
    assert slugs(sources) == ["xa-b-bac-ninh", "xa-b-quang-ninh", "given"]


# ---------------------------------------------------------------- communes


def test_a_provinces_communes_and_their_files() -> None:
    rows = [
        line.split("\t")
        for line in QUANG_NINH.read_text("utf-8").splitlines()
        if not line.startswith("#")
    ]
    sources = commune_sources("Quảng Ninh")
    assert len(sources) == len(rows) == 54
    assign_slugs(sources)
    assert [f"a3-portrait-{s.slug}.pdf" for s in sources] == [file for file, _ in rows]
    assert [s.data["name"] for s in sources] == [name for _, name in rows]
    assert {(s.qualifier, s.path, s.row) for s in sources} == {
        ("quang-ninh", BRAND_ANCHOR / "communes.yaml", None)
    }
    first = sources[0]
    assert first.where == "Phường An Sinh, Quảng Ninh"
    assert dict(first.data) == {
        "name": "Phường An Sinh",
        "authority": ["UBND PHƯỜNG AN SINH", "TỈNH QUẢNG NINH"],
    }


def test_every_commune_of_the_country() -> None:
    sources = commune_sources(None)
    assert len(sources) == 3321  # 34 provinces' units since 1 July 2025
    assert sources[0].where == "Phường Hoàn Kiếm, Hà Nội"
    assert (sources[0].slug, sources[0].qualifier) == ("phuong-hoan-kiem", "ha-noi")


# ---------------------------------------------------------------- where the brands come from


def test_brands_from_a_sheet(tmp_path) -> None:
    sheet = tmp_path / "b.csv"
    sheet.write_text("name,logo\nXã A,a.png\n=1,b.png\n", encoding="utf-8")
    sources, failures, notes = sources_from(str(sheet), None, False)
    assert [(s.where, dict(s.data)) for s in sources] == [
        ("b.csv:2", {"name": "Xã A", "logo": "a.png"})
    ]
    assert [f.text() for f in failures] == [
        "b.csv:3: name: looks like a spreadsheet formula: '=1' (type the value itself, without "
        "the leading sign)"
    ]
    assert notes == []
    bare = tmp_path / "brands"  # no suffix: text
    bare.write_text("name\nXã B\n", encoding="utf-8")
    assert [s.where for s in sources_from(str(bare), "Quảng Ninh", True)[0]] == ["brands:2"]


def test_a_sheet_of_failures_only_is_not_empty(tmp_path) -> None:
    sheet = tmp_path / "b.tsv"
    sheet.write_text("name\n=1\n", encoding="utf-8")
    sources, failures, _ = sources_from(str(sheet), None, False)
    assert sources == [] and [f.where for f in failures] == ["b.tsv:2"]


def test_a_sheet_with_a_header_and_no_rows(tmp_path) -> None:
    sheet = tmp_path / "b.txt"
    sheet.write_text("name,logo\n\n", encoding="utf-8")
    p = refused(str(sheet), None, False)
    assert (p.code, p.file, p.field) == ("sheet.no-rows", str(sheet), "--brands")


def test_brands_from_a_workbook_with_its_note(tmp_path) -> None:
    import openpyxl

    wb = openpyxl.Workbook()
    wb.active.title = "DS"
    wb.active.append(["name"])
    wb.active.append(["Xã A"])
    path = tmp_path / "b.XLSM"
    wb.save(path)
    sources, failures, notes = sources_from(str(path), None, False)
    assert [s.where for s in sources] == ["b.XLSM:2"] and failures == []
    assert [str(n) for n in notes] == [f"{path}: reading the sheet 'DS' (the active sheet)"]


def test_a_folder_of_brand_files(tmp_path) -> None:
    (tmp_path / "a.yaml").write_text("name: Xã A\n", encoding="utf-8")
    (tmp_path / "b.yaml").write_text("name: [\n", encoding="utf-8")
    sources, failures, notes = sources_from(str(tmp_path), None, False)
    assert [s.qualifier for s in sources] == ["a"]
    assert [f.code for f in failures] == ["yaml.invalid"] and notes == []
    (tmp_path / "a.yaml").unlink()
    sources, failures, _ = sources_from(str(tmp_path), None, False)
    assert sources == [] and len(failures) == 1


def test_an_empty_folder(tmp_path) -> None:
    (tmp_path / "a.yml").write_text("name: x\n", encoding="utf-8")
    p = refused(str(tmp_path), None, False)
    assert (p.code, p.file, p.field) == ("brands.empty-folder", str(tmp_path), "--brands")
    assert p.message == "the folder holds no brand .yaml file"


def test_no_such_file_and_a_kind_not_read(tmp_path) -> None:
    p = refused(str(tmp_path / "x.csv"), None, False)
    assert (p.code, p.file, p.field) == ("brands.not-found", str(tmp_path / "x.csv"), "--brands")
    for name in ("b.ods", "b.xls", "b.json"):
        (tmp_path / name).write_text("name\nA\n", encoding="utf-8")
        p = refused(str(tmp_path / name), None, False)
        assert (p.code, p.file, p.field) == ("sheet.kind", str(tmp_path / name), "--brands")


def test_a_sheet_is_bounded_by_its_kind_before_it_is_read(tmp_path, monkeypatch) -> None:
    text = "name\nXã A\n"
    size = len(text.encode())
    csv_path = tmp_path / "b.csv"
    csv_path.write_text(text, encoding="utf-8")
    monkeypatch.setattr(limits, "CSV_BYTES", size)
    monkeypatch.setattr(limits, "XLSX_BYTES", size - 1)
    assert len(sources_from(str(csv_path), None, False)[0]) == 1  # the limit exactly
    xlsx = tmp_path / "b.xlsx"
    xlsx.write_text(text, encoding="utf-8")
    p = refused(str(xlsx), None, False)
    assert (p.code, p.file, p.field) == ("file.too-large", str(xlsx), "--brands")
    assert p.params == {"size": f"{size} bytes", "kind_word": "a spreadsheet",
                        "limit": f"{size - 1} bytes"}  # fmt: skip
    monkeypatch.setattr(limits, "CSV_BYTES", size - 1)
    assert refused(str(csv_path), None, False).code == "file.too-large"


def test_a_sheet_that_is_not_a_regular_file(tmp_path) -> None:
    pipe = tmp_path / "b.csv"
    os.mkfifo(pipe)  # opened, it would block
    p = refused(str(pipe), None, False)
    assert (p.code, p.file, p.field) == ("file.not-regular", str(pipe), "--brands")
    assert p.message == "is a named pipe (FIFO), not a spreadsheet"


def test_a_province_or_every_commune(tmp_path) -> None:
    sources, failures, notes = sources_from(None, "quang ninh", False)
    assert (len(sources), failures, notes) == (54, [], [])
    assert len(sources_from(None, None, True)[0]) == 3321
    assert len(sources_from(None, "Quảng Ninh", True)[0]) == 3321
    for blank in (None, "", "  "):
        p = refused(None, blank, False)
        assert (p.code, p.file, p.field) == ("province.empty", "--province", "province")


# ---------------------------------------------------------------- the resume record


def test_a_files_digest_is_its_sha256_once_per_run(tmp_path) -> None:
    path = tmp_path / "logo.png"
    path.write_bytes(b"logo")
    cache: dict[Path, str] = {}
    expected = hashlib.sha256(b"logo").hexdigest()
    assert _file_digest(path, cache) == expected
    path.write_bytes(b"changed")
    assert _file_digest(path, cache) == expected  # read once
    assert cache == {path: expected}
    assert _file_digest(tmp_path / "none.png", cache) == "unreadable"
    assert _file_digest(tmp_path, cache) == "unreadable"


def test_the_record_is_read_when_it_is_a_small_json_mapping(tmp_path, monkeypatch) -> None:
    path = tmp_path / MANIFEST
    assert _read_manifest(path) == {}
    path.write_text('{"a.pdf": "1", "ảnh.pdf": "2"}', encoding="utf-8")
    assert _read_manifest(path) == {"a.pdf": "1", "ảnh.pdf": "2"}
    monkeypatch.setattr(batch, "MAX_MANIFEST_BYTES", path.stat().st_size)
    assert _read_manifest(path) == {"a.pdf": "1", "ảnh.pdf": "2"}
    monkeypatch.setattr(batch, "MAX_MANIFEST_BYTES", path.stat().st_size - 1)
    assert _read_manifest(path) == {}
    monkeypatch.setattr(batch, "MAX_MANIFEST_BYTES", limits.MANIFEST_BYTES)
    for bad in (b'["a.pdf"]', b"{", b'{"a": "\xff"}', b""):
        path.write_bytes(bad)
        assert _read_manifest(path) == {}
    assert _read_manifest(tmp_path) == {}


def test_a_run_merges_what_it_rendered_into_the_record(tmp_path) -> None:
    path = tmp_path / MANIFEST
    path.write_text('{"a.pdf": "1", "b.pdf": "2"}', encoding="utf-8")
    _save_manifest(path, {"b.pdf": "3", "ảnh.pdf": "4"})
    assert path.read_bytes() == '{\n"a.pdf": "1",\n"b.pdf": "3",\n"ảnh.pdf": "4"\n}'.encode()
    assert (tmp_path / ".poster-batch.lock").exists()
    _save_manifest(path, {"c.pdf": "5"})  # another run into the same folder
    assert json.loads(path.read_bytes()) == {"a.pdf": "1", "b.pdf": "3", "ảnh.pdf": "4",
                                             "c.pdf": "5"}  # fmt: skip
    other = tmp_path / "new" / MANIFEST
    other.parent.mkdir()
    _save_manifest(other, {})
    assert other.read_bytes() == b"{}"


def test_temporaries_of_an_interrupted_write_are_removed(tmp_path) -> None:
    for name in (".a.pdf.x1.part", ".b.png.part", "c.part", ".d.partial", "e.pdf"):
        (tmp_path / name).write_bytes(b"")
    (tmp_path / ".f.part").mkdir()  # not a file: left, and not counted
    assert remove_partials(tmp_path) == 2
    assert sorted(p.name for p in tmp_path.iterdir()) == [".d.partial", ".f.part", "c.part",
                                                          "e.pdf"]  # fmt: skip


# ---------------------------------------------------------------- failures


def test_a_bugs_line_is_its_type_and_message_on_one_line() -> None:
    assert internal_error(ValueError("a  b\n\tc")) == "internal error: ValueError: a b c"
    assert internal_error(KeyError()) == "internal error: KeyError"
    assert internal_error(ValueError("  \n")) == "internal error: ValueError"
    assert internal_error(ValueError("x" * 300)) == "internal error: ValueError: " + "x" * 300
    assert internal_error(ValueError("x" * 301)) == "internal error: ValueError: " + "x" * 299 + "…"


def test_a_bug_met_on_a_row_is_that_rows_problem() -> None:
    p = internal_problem(ZeroDivisionError("division by zero"), "b.csv:4")
    assert (p.code, p.file, p.field, dict(p.params)) == (
        "internal.error", "b.csv:4", "", {"detail": "ZeroDivisionError: division by zero"}
    )  # fmt: skip
    assert p.message == "internal error: ZeroDivisionError: division by zero"
    p = internal_problem(ZeroDivisionError("division by zero"), "b.csv:4", hint=True)
    assert p.code == "internal.error-debug"
    assert p.message == (
        "internal error: ZeroDivisionError: division by zero (run again with --debug for "
        "the details)"
    )
    assert internal_problem(KeyError(), "x").params == {"detail": "KeyError"}


def test_a_worker_that_died_twice() -> None:
    p = _death(-signal.SIGKILL, "b.csv:2")
    assert (p.code, p.file, p.field, dict(p.params)) == ("worker.killed-oom", "b.csv:2", "",
                                                         {"signal": "SIGKILL"})  # fmt: skip
    assert p.message == (
        "the worker process rendering it was killed by SIGKILL (out of memory?), twice; "
        "the other rows go on"
    )
    p = _death(-signal.SIGSEGV, "b.csv:3")
    assert (p.code, dict(p.params)) == ("worker.killed", {"signal": "SIGSEGV"})
    assert _death(-99, "x").params == {"signal": "signal 99"}
    p = _death(3, "b.csv:4")
    assert (p.code, p.file, p.field, dict(p.params)) == ("worker.ended", "b.csv:4", "",
                                                         {"status": 3})  # fmt: skip
    assert p.message == (
        "the worker process rendering it ended with status 3, twice; the other rows go on"
    )
    assert (_death(0, "x").code, _death(0, "x").params) == ("worker.ended", {"status": 0})
    assert _death(None, "x").params == {"status": None}


class Flushed(io.StringIO):
    """A stream that notes what had been written each time it is flushed."""

    def __init__(self) -> None:
        super().__init__()
        self.flushed: list[str] = []

    def flush(self) -> None:
        self.flushed.append(self.getvalue())


def test_progress_lines_line_up_and_show_at_once() -> None:
    out = Flushed()
    report = plain_progress(out)
    report(3, 120, "ok", "a.pdf")
    report(120, 120, "skipped", "b.pdf")
    report(7, 9, "failed", "b.csv:3: x")
    lines = ["[  3/120] ok      a.pdf\n", "[120/120] skipped b.pdf\n", "[7/9] failed  b.csv:3: x\n"]
    assert out.getvalue() == "".join(lines)
    assert out.flushed == ["".join(lines[:1]), "".join(lines[:2]), "".join(lines)]
