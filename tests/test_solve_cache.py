"""Solved sizes kept on disk: the next render of the same content and layout reads them
back, and the PDF is the same bytes as one solved afresh; a damaged entry is solved again."""

from __future__ import annotations

import zlib
from collections import OrderedDict

import pytest
from conftest import run_cli

from poster.plan import poster as planner
from poster.spec import load_content, load_layout


def cli(tmp_path, cache: str, name: str, layout: str = "a3-portrait") -> bytes:
    from conftest import cli_env

    out = tmp_path / name
    done = run_cli("render", "--layout", layout, "--deterministic", "-o", out,
                   env=cli_env(POSTER_CACHE_DIR=cache))  # fmt: skip
    assert done.returncode == 0, done.stderr
    return out.read_bytes()


def entries(folder) -> list:
    return sorted(p for p in folder.rglob("*.bin"))


def test_a_kept_solution_gives_the_same_pdf(tmp_path):
    folder = tmp_path / "cache"
    fresh = cli(tmp_path, "off", "fresh.pdf")
    assert not folder.exists()
    first = cli(tmp_path, str(folder), "first.pdf")
    kept = entries(folder)
    assert {p.parent.name for p in kept} == {"solve", "title", "qr", "yaml", "fragment", "subset"}
    again = cli(tmp_path, str(folder), "again.pdf")
    assert entries(folder) == kept  # read back, nothing new
    assert fresh == first == again


def test_a_damaged_entry_is_solved_again(tmp_path):
    folder = tmp_path / "cache"
    first = cli(tmp_path, str(folder), "first.pdf")
    for entry in entries(folder):
        entry.write_bytes(b"\x93not a solution")
    assert cli(tmp_path, str(folder), "again.pdf") == first


def test_another_layout_is_solved_for_itself(tmp_path):
    folder = tmp_path / "cache"
    cli(tmp_path, str(folder), "a3.pdf", "a3-portrait")
    kinds = [p.parent.name for p in entries(folder)]
    cli(tmp_path, str(folder), "a1.pdf", "a1-portrait")
    again = [p.parent.name for p in entries(folder)]
    # a solution and a title size of its own; the QR code of the same link is shared
    assert (again.count("solve"), again.count("title"), again.count("qr")) == (
        2 * kinds.count("solve"),
        2 * kinds.count("title"),
        kinds.count("qr"),
    )


def test_solve_reads_the_kept_solution_instead_of_searching(tmp_path, monkeypatch):
    monkeypatch.setenv("POSTER_CACHE_DIR", str(tmp_path / "cache"))
    monkeypatch.setattr(planner, "_SOLUTIONS", OrderedDict())
    content, layout = load_content(), load_layout("a3-portrait")
    title = planner.title_size(content, layout)
    solved = planner.solve(content, layout, title)

    def no_search(*args, **kwargs):
        raise AssertionError("searched again")

    monkeypatch.setattr(planner, "_SOLUTIONS", OrderedDict())
    monkeypatch.setattr(planner, "_solve", no_search)
    monkeypatch.setattr(planner, "_title_size", no_search)
    assert planner.title_size(content, layout) == title
    assert planner.solve(content, layout, title) == solved
    # another content is not answered from the kept one
    other = content.__class__(**{**{f: getattr(content, f) for f in content.__struct_fields__},
                                 "items": content.items[:-1]})  # fmt: skip
    with pytest.raises(AssertionError, match="searched again"):
        planner.solve(other, layout, title)


def test_a_kept_qr_matrix_is_the_one_made_afresh(tmp_path, monkeypatch):
    """The matrix read back is the symbol made for the link (a damaged entry is made
    again), and a symbol decoded from it gives the link."""
    from poster import qr

    monkeypatch.setenv("POSTER_CACHE_DIR", str(tmp_path / "cache"))
    link = "https://t63.mic.gov.vn/?q=chuyển-đổi-số"
    qr.qr_matrix.cache_clear()
    made = qr.qr_matrix(link)
    qr.qr_matrix.cache_clear()
    monkeypatch.setattr(qr, "_make", lambda data: (_ for _ in ()).throw(AssertionError(data)))
    assert qr.qr_matrix(link) == made  # read back, not made
    (entry,) = (tmp_path / "cache" / "qr").glob("*.bin")
    entry.write_bytes(b"1\n")  # damaged: not square
    monkeypatch.undo()
    monkeypatch.setenv("POSTER_CACHE_DIR", str(tmp_path / "cache"))
    qr.qr_matrix.cache_clear()
    assert qr.qr_matrix(link) == made
    qr.qr_matrix.cache_clear()


def test_a_yaml_file_read_again_is_not_parsed_again(tmp_path, monkeypatch):
    """What a file's bytes parse to is kept: the same bytes are not parsed again, other
    bytes are; a value that would not read back the same (a date) is never kept."""
    from poster import spec
    from poster.readers import yamlfile

    monkeypatch.setenv("POSTER_CACHE_DIR", str(tmp_path / "cache"))
    brand = tmp_path / "b.yaml"
    brand.write_text("name: Xã Một\nauthority: [UBND XÃ MỘT]\n", encoding="utf-8")
    first = spec._read_yaml(brand, "brand")
    assert first == {"name": "Xã Một", "authority": ["UBND XÃ MỘT"]}
    parsed = []
    real = yamlfile.parse
    monkeypatch.setattr(yamlfile, "parse", lambda *a: parsed.append(a) or real(*a))
    assert spec._read_yaml(brand, "brand") == first
    assert parsed == []  # read back
    brand.write_text("name: Xã Hai\n", encoding="utf-8")
    assert spec._read_yaml(brand, "brand") == {"name": "Xã Hai"}
    assert len(parsed) == 1  # other bytes: parsed
    dated = tmp_path / "d.yaml"
    dated.write_text("name: Xã Ba\nwhen: 2026-12-04\n", encoding="utf-8")
    one = spec._read_yaml(dated, "brand")
    two = spec._read_yaml(dated, "brand")
    assert one == two and str(one["when"]) == "2026-12-04" and len(parsed) == 3


def test_a_kept_fragment_that_does_not_inflate_to_its_operators_is_drawn_again(tmp_path):
    """A fragment read back whose deflated bytes are not its operators (a cache written by
    something else) is never put in a page: the page is drawn afresh."""
    import msgspec

    folder = tmp_path / "cache"
    first = cli(tmp_path, str(folder), "first.pdf")
    entries_ = list((folder / "fragment").glob("*.bin"))
    assert entries_
    for entry in entries_:
        code, _ = msgspec.msgpack.decode(entry.read_bytes())
        other = zlib.compressobj(6, zlib.DEFLATED, -15)
        wrong = other.compress(b"0 0 m\n") + other.flush(zlib.Z_FULL_FLUSH)
        entry.write_bytes(msgspec.msgpack.encode((code, wrong)))
    assert cli(tmp_path, str(folder), "again.pdf") == first
