"""How outputs reach the disk, seen from outside: the command line in fresh interpreters.

- The same inputs give the same bytes in two processes (different hash seeds).
- The output path is only ever created by a rename: an audit hook in the child process
  records every open of it for writing (none allowed) and every rename onto it (one needed).
- A failed write (a real EFBIG from a file size limit, or ENOSPC from the rename) leaves a
  previous file byte for byte intact and no temporary file behind.

Each test names, in its docstring, a one-line bug that makes it fail.
"""

from __future__ import annotations

import json
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest
from conftest import cli_env, run_cli

TIMEOUT = 120

# ---------------------------------------------------------------- same bytes


@pytest.mark.parametrize(
    ("layout", "brand", "ext"),
    [("a1-portrait", "hiep-hoa", "pdf"), ("slides-16x9", "cam-pha", "pdf")],
)
def test_two_processes_write_the_same_pdf(tmp_path, layout, brand, ext):
    """Byte-identical PDFs from two interpreters with different hash seeds. Fails if the
    PDF carries the time (ReportLab's `invariant=1` dropped) or depends on set/dict order of
    strings (e.g. fonts registered by iterating a set)."""
    files = []
    for seed in ("1", "2"):
        out = tmp_path / seed / f"out.{ext}"
        args = ["render", "--layout", layout, "--brand", brand, "-o", out]
        done = run_cli(*args, env=cli_env(PYTHONHASHSEED=seed))
        assert done.returncode == 0, done.stderr
        files.append(out.read_bytes())
    assert files[0].startswith(b"%PDF") and len(files[0]) > 10_000
    assert files[0] == files[1]


def test_two_processes_write_the_same_pptx(tmp_path):
    """Two PPTX files from two interpreters hold the same members with the same bytes, in
    the same order. Only the ZIP container's per-member modification times (written by
    zipfile from the clock, not part of any member) are left out. Fails if e.g. a slide,
    the core properties or a picture name carry the time or a random id."""
    members = []
    for seed in ("1", "2"):
        out = tmp_path / seed / "deck.pptx"
        args = ["render", "--layout", "slides-4x3", "--brand", "hiep-hoa", "-o", out]
        done = run_cli(*args, env=cli_env(PYTHONHASHSEED=seed))
        assert done.returncode == 0, done.stderr
        with zipfile.ZipFile(out) as z:
            members.append([(i.filename, i.compress_type, z.read(i)) for i in z.infolist()])
    assert len(members[0]) > 20
    assert [m[0] for m in members[0]] == [m[0] for m in members[1]]
    for a, b in zip(*members, strict=True):
        assert a == b, f"member {a[0]} differs between the two runs"


# ---------------------------------------------------------------- written by a rename only


# Runs `python -m poster ARGS…` in this interpreter, with an audit hook on the paths named
# in POSTER_TEST_WATCH (a JSON list). POSTER_TEST_FAIL=replace makes os.replace/os.rename
# fail with ENOSPC; POSTER_TEST_FAIL=fsize sets a 4 KiB file size limit, so a write of more
# fails for real (EFBIG). The records go to POSTER_TEST_LOG as JSON.
DRIVER = r"""
import errno, json, os, runpy, sys

watch = {os.path.abspath(p) for p in json.loads(os.environ["POSTER_TEST_WATCH"])}
records = []
WRITE = os.O_WRONLY | os.O_RDWR | os.O_CREAT | os.O_TRUNC | os.O_APPEND


def watched(path):
    if not isinstance(path, (str, bytes, os.PathLike)):
        return None  # an open of a file descriptor
    path = os.path.abspath(os.fsdecode(path))
    return path if path in watch else None


def hook(event, args):
    if event == "open":
        path = watched(args[0])
        if path:
            mode, flags = args[1] or "", args[2] or 0
            writes = any(c in mode for c in "wax+") or bool(flags & WRITE)
            records.append(["open-write" if writes else "open-read", path, str(args[1]), flags])
    elif event in ("os.rename", "os.link", "os.symlink", "shutil.copyfile", "shutil.move"):
        path = watched(args[1])
        if path:
            records.append([event, path, os.path.abspath(os.fsdecode(args[0]))])


sys.addaudithook(hook)
fail = os.environ.get("POSTER_TEST_FAIL", "")
if fail == "replace":
    def no_space(*args, **kwargs):
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))
    os.replace = os.rename = no_space
elif fail == "fsize":
    import resource, signal
    signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
    resource.setrlimit(resource.RLIMIT_FSIZE, (4096, resource.getrlimit(resource.RLIMIT_FSIZE)[1]))

sys.argv = ["poster", *sys.argv[1:]]
code = 0
try:
    runpy.run_module("poster", run_name="__main__", alter_sys=True)
except SystemExit as e:
    code = e.code
finally:
    if fail != "fsize":
        with open(os.environ["POSTER_TEST_LOG"], "w") as f:
            json.dump(records, f)
raise SystemExit(code)
"""


def _drive(tmp_path: Path, args: list, watch: list[Path], fail: str = ""):
    """The command line under the audit hook; (completed process, records)."""
    driver = tmp_path / "driver.py"
    driver.write_text(DRIVER, encoding="utf-8")
    log = tmp_path / "audit.json"
    env = cli_env(
        POSTER_TEST_WATCH=json.dumps([str(p) for p in watch]),
        POSTER_TEST_LOG=str(log),
        POSTER_TEST_FAIL=fail,
    )
    done = subprocess.run(
        [sys.executable, str(driver), *map(str, args)],
        capture_output=True,
        text=True,
        encoding="utf-8",
        timeout=TIMEOUT,
        env=env,
        cwd=tmp_path,
    )
    records = json.loads(log.read_text()) if log.exists() else None
    return done, records


def _check_renamed_into_place(records: list, paths: list[Path]) -> None:
    writes = [r for r in records if r[0] != "os.rename" and r[0] != "open-read"]
    assert not writes, f"outputs opened for writing or copied in place: {writes}"
    for path in paths:
        renames = [r for r in records if r[0] == "os.rename" and r[1] == str(path)]
        assert len(renames) == 1, f"{path.name} should be renamed into place once: {records}"
        source = Path(renames[0][2])
        assert source.parent == path.parent and source != path, renames
        assert not source.exists(), f"the temporary {source.name} is left behind"


def test_pdf_and_preview_are_only_created_by_a_rename(tmp_path):
    """`poster render -o OUT.pdf --png`, over an existing OUT.pdf: neither OUT.pdf nor OUT.png
    is ever opened for writing; each appears by one rename of a temporary beside it. Fails
    if write_atomic writes the path directly (`path.write_bytes(data)`)."""
    out_dir = tmp_path / "out"
    out_dir.mkdir()
    pdf, png = out_dir / "poster.pdf", out_dir / "poster.png"
    pdf.write_bytes(b"%PDF-1.4 an older poster\n")
    args = ["render", "--layout", "a1-portrait", "-o", pdf, "--png", "--width", "300"]
    done, records = _drive(tmp_path, args, [pdf, png])
    assert done.returncode == 0, done.stderr
    _check_renamed_into_place(records, [pdf, png])
    assert pdf.read_bytes().startswith(b"%PDF-") and b"older poster" not in pdf.read_bytes()
    assert png.read_bytes().startswith(b"\x89PNG")
    assert sorted(p.name for p in out_dir.iterdir()) == ["poster.pdf", "poster.png"]


def test_pptx_is_only_created_by_a_rename(tmp_path):
    """The same for a PowerPoint deck. Fails if the deck is saved straight to its path
    (e.g. `presentation.save(path)`)."""
    out = tmp_path / "out" / "deck.pptx"
    done, records = _drive(tmp_path, ["render", "--layout", "slides-16x9", "-o", out], [out])
    assert done.returncode == 0, done.stderr
    _check_renamed_into_place(records, [out])
    assert zipfile.is_zipfile(out)
    assert [p.name for p in out.parent.iterdir()] == ["deck.pptx"]


@pytest.mark.parametrize("fail", ["fsize", "replace"])
@pytest.mark.parametrize(
    ("layout", "name"), [("a3-portrait", "poster.pdf"), ("slides-16x9", "deck.pptx")]
)
def test_a_failed_write_keeps_the_old_file(tmp_path, fail, layout, name):
    """The write fails (fsize: the file size limit stops the data after 4 KiB with EFBIG;
    replace: the rename fails with ENOSPC). The command exits 2 with one line naming the
    file; the previous file is byte for byte intact; no temporary is left. Fails if the
    output is written in place (truncated first), or the temporary is not removed."""
    out_dir = tmp_path / "out"
    out_dir.mkdir()
    out = out_dir / name
    old = b"an older file that must survive\n" * 10
    out.write_bytes(old)
    done, _ = _drive(tmp_path, ["render", "--layout", layout, "-o", out], [out], fail=fail)
    assert done.returncode == 2, (done.returncode, done.stderr)
    assert "Traceback" not in done.stderr
    lines = done.stderr.splitlines()
    assert len(lines) == 1 and lines[0].startswith(f"{out}: "), done.stderr
    assert out.read_bytes() == old
    assert [p.name for p in out_dir.iterdir()] == [name]
