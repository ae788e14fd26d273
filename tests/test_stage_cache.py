"""The cache on disk: what is stored is read back, under the same inputs and code only;
a damaged, oversized, unwritable or turned-off cache is never an error."""

from __future__ import annotations

import os

import pytest

from poster import cache


@pytest.fixture
def folder(tmp_path, monkeypatch):
    monkeypatch.setenv("POSTER_CACHE_DIR", str(tmp_path / "c"))
    return tmp_path / "c"


def test_what_is_put_is_got_back_under_its_key_only(folder):
    assert cache.get("solve", b"key") is None
    cache.put("solve", b"key", b"value")
    assert cache.get("solve", b"key") == b"value"
    assert cache.get("solve", b"other key") is None
    assert cache.get("other kind", b"key") is None
    (entry,) = (folder / "solve").glob("*.bin")
    assert entry.read_bytes() == b"value"
    assert not list((folder / "solve").glob(".tmp-*"))  # written by a rename


def test_other_code_reads_nothing(folder, monkeypatch):
    cache.put("solve", b"key", b"old answer")
    monkeypatch.setattr(cache, "fingerprint", lambda: b"another version of the code")
    assert cache.get("solve", b"key") is None


def test_the_fingerprint_changes_with_a_module(tmp_path, monkeypatch):
    package = tmp_path / "poster"
    package.mkdir()
    (package / "a.py").write_text("x = 1\n")
    monkeypatch.setattr(cache, "_PACKAGE", package)
    cache.fingerprint.cache_clear()
    try:
        first = cache.fingerprint()
        (package / "a.py").write_text("x = 22\n")  # another size
        cache.fingerprint.cache_clear()
        assert cache.fingerprint() != first
    finally:
        cache.fingerprint.cache_clear()


@pytest.mark.parametrize("off", ["off", "0", ""])
def test_turned_off(tmp_path, monkeypatch, off):
    monkeypatch.setenv("POSTER_CACHE_DIR", off)
    monkeypatch.chdir(tmp_path)
    cache.put("solve", b"key", b"value")
    assert cache.get("solve", b"key") is None
    assert list(tmp_path.iterdir()) == []


def test_xdg_cache_home_is_used(tmp_path, monkeypatch):
    monkeypatch.delenv("POSTER_CACHE_DIR", raising=False)
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    assert cache.folder() == tmp_path / "poster"


def test_an_unwritable_or_damaged_cache_is_no_error(folder):
    folder.mkdir()
    (folder / "solve").write_text("a file where the folder should be")
    cache.put("solve", b"key", b"value")  # no error
    assert cache.get("solve", b"key") is None


def test_an_oversized_entry_is_neither_written_nor_read(folder, monkeypatch):
    monkeypatch.setattr(cache, "MAX_ENTRY_BYTES", 10)
    cache.put("solve", b"big", b"x" * 11)
    assert cache.get("solve", b"big") is None
    cache.put("solve", b"small", b"x" * 10)
    assert cache.get("solve", b"small") == b"x" * 10
    entry = next((folder / "solve").glob("*.bin"))
    entry.write_bytes(b"y" * 11)  # grown on disk
    assert cache.get("solve", b"small") is None


def test_the_oldest_entries_go_past_the_limit(folder, monkeypatch):
    monkeypatch.setattr(cache, "KEPT_PER_KIND", 3)
    for i in range(5):
        cache.put("solve", f"k{i}".encode(), b"v")
        entry = cache._entry("solve", f"k{i}".encode())
        assert entry is not None
        os.utime(entry, (1000 + i, 1000 + i))  # k0 oldest
    cache.put("solve", b"k5", b"v")
    kept = [i for i in range(6) if cache.get("solve", f"k{i}".encode()) is not None]
    assert kept == [3, 4, 5]
