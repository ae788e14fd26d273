"""Solved sizes kept on disk: the next render of the same content and layout reads them
back, and the PDF is the same bytes as one solved afresh; a damaged entry is solved again."""

from __future__ import annotations

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
    assert {p.parent.name for p in kept} == {"solve", "title"}
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
    count = len(entries(folder))
    cli(tmp_path, str(folder), "a1.pdf", "a1-portrait")
    assert len(entries(folder)) == 2 * count


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
