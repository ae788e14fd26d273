"""Processes and files that behave: batch workers end with their parent even when it is
killed by SIGKILL; two batches into one folder keep every entry of the resume record;
`-o` never replaces a named pipe or a socket; control, escape and direction-override
characters are refused in every text field and never reach a PDF's metadata."""

from __future__ import annotations

import contextlib
import json
import os
import signal
import socket
import stat
import subprocess
import sys
import textwrap
import time
import unicodedata
from pathlib import Path

import pytest
import yaml
from conftest import cli_env, run_cli
from pypdf import PdfReader

from poster.errors import PosterError
from poster.files import write_atomic

POSIX = pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="named pipes and signals are POSIX")
LINUX = pytest.mark.skipif(not Path("/proc/self/stat").exists(), reason="reads /proc")


def children(pid: int) -> list[int]:
    """The processes whose parent is `pid` (from /proc)."""
    found = []
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            fields = (entry / "stat").read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        if int(fields[1]) == pid:
            found.append(int(entry.name))
    return found


def alive(pid: int) -> bool:
    """Running (a zombie nobody has reaped yet is not)."""
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except OSError:
        return False
    return state != "Z"


def wait_gone(pids: list[int], seconds: float) -> list[int]:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline and any(alive(p) for p in pids):
        time.sleep(0.05)
    return [p for p in pids if alive(p)]


# ---------------------------------------------------------------- workers and their parent


@POSIX
@LINUX
def test_a_batch_killed_by_sigkill_leaves_no_worker(tmp_path):
    out = tmp_path / "out"
    proc = subprocess.Popen(
        [sys.executable, "-m", "poster", "batch", "--all-communes", "-o", str(out), "-j", "2"],
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=cli_env(),
    )  # fmt: skip
    try:
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline and len(list(out.glob("*.pdf"))) < 4:
            time.sleep(0.05)
        workers = children(proc.pid)
        assert len(workers) == 2, workers
        proc.send_signal(signal.SIGKILL)  # what the out-of-memory killer sends
        proc.wait(10)
        left = wait_gone(workers, 2.0)
        assert left == [], f"workers still running 2 s after their parent was killed: {left}"
    finally:
        for pid in [proc.pid, *children(proc.pid)]:
            with_suppressed_kill(pid)


def with_suppressed_kill(pid: int) -> None:
    with contextlib.suppress(OSError):
        os.kill(pid, signal.SIGKILL)


@POSIX
@LINUX
def test_a_worker_whose_parent_was_a_thread_watches_the_parent_pid(tmp_path):
    """Without PR_SET_PDEATHSIG (a parent thread other than the main one, or not Linux),
    the worker's own watch of its parent's pid ends it."""
    script = textwrap.dedent(
        """
        import multiprocessing, os, sys, time
        from poster import batch
        ctx = multiprocessing.get_context("fork")
        parent, child = ctx.Pipe()
        worker = ctx.Process(target=batch._serve, args=(child, None, os.getpid(), True))
        worker.start()
        print(worker.pid, flush=True)
        time.sleep(60)
        """
    )
    proc = subprocess.Popen(
        [sys.executable, "-c", script], stdout=subprocess.PIPE, text=True, env=cli_env()
    )
    try:
        assert proc.stdout is not None
        worker = int(proc.stdout.readline())
        time.sleep(0.5)
        assert alive(worker)
        proc.send_signal(signal.SIGKILL)
        proc.wait(10)
        assert wait_gone([worker], 2.0) == []
    finally:
        with_suppressed_kill(proc.pid)
        proc.wait(10)
        if proc.stdout is not None:
            proc.stdout.close()


def test_a_worker_started_after_its_parent_died_ends_at_once():
    from poster import batch

    pid = os.fork()
    if pid == 0:  # the child: a parent pid that is not its parent's
        try:
            batch._die_with_parent(os.getppid() + 1_000_000, by_thread=False)
        finally:
            os._exit(0)  # only if _die_with_parent did not end it with status 1
    _, status = os.waitpid(pid, 0)
    assert os.WEXITSTATUS(status) == 1


# ---------------------------------------------------------------- the resume record


def test_two_batches_into_one_folder_keep_every_entry(tmp_path):
    names = {
        "a": [f"Xã Thử A{i}" for i in range(1, 7)],
        "b": [f"Xã Thử B{i}" for i in range(1, 7)],
    }
    for key, rows in names.items():
        (tmp_path / f"{key}.csv").write_text("name\n" + "\n".join(rows) + "\n", encoding="utf-8")
    cmd = [sys.executable, "-m", "poster", "batch", "--layout", "a3-portrait", "-j", "1",
           "-o", "out", "--brands"]  # fmt: skip
    runs = [
        subprocess.Popen([*cmd, f"{key}.csv"], cwd=tmp_path, env=cli_env(),
                         stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        for key in names
    ]  # fmt: skip
    for run in runs:
        _, err = run.communicate(timeout=120)
        assert run.returncode == 0, err
    expected = {f"a3-portrait-xa-thu-{key}{i}.pdf" for key in names for i in range(1, 7)}
    record = json.loads((tmp_path / "out" / ".poster-batch.json").read_text(encoding="utf-8"))
    assert set(record) == expected
    assert all(len(digest) == 64 for digest in record.values())
    assert {p.name for p in (tmp_path / "out").glob("*.pdf")} == expected
    assert list((tmp_path / "out").glob(".*.part")) == []
    # and a third run finds everything done
    again = subprocess.run([*cmd, "a.csv"], cwd=tmp_path, env=cli_env(), capture_output=True,
                           text=True, timeout=120)  # fmt: skip
    assert "rendered 0, skipped 6, failed 0" in again.stdout


def test_the_record_is_merged_not_replaced(tmp_path):
    """In process: what is on disk when this run saves stays, what it rendered is added
    or updated."""
    from poster import batch

    path = tmp_path / ".poster-batch.json"
    path.write_text(json.dumps({"other.pdf": "1" * 64, "mine.pdf": "2" * 64}), encoding="utf-8")
    batch._save_manifest(path, {"mine.pdf": "3" * 64, "new.pdf": "4" * 64})
    assert json.loads(path.read_text(encoding="utf-8")) == {
        "other.pdf": "1" * 64, "mine.pdf": "3" * 64, "new.pdf": "4" * 64,
    }  # fmt: skip
    assert (tmp_path / ".poster-batch.lock").exists()


@POSIX
def test_the_record_waits_for_the_lock(tmp_path):
    """A save waits while another process holds the lock."""
    import fcntl
    import threading

    from poster import batch

    path = tmp_path / ".poster-batch.json"
    fd = os.open(tmp_path / ".poster-batch.lock", os.O_RDWR | os.O_CREAT)
    fcntl.flock(fd, fcntl.LOCK_EX)
    saver = threading.Thread(target=batch._save_manifest, args=(path, {"x.pdf": "5" * 64}))
    saver.start()
    saver.join(0.5)
    assert saver.is_alive() and not path.exists()
    path.write_text(json.dumps({"held.pdf": "6" * 64}), encoding="utf-8")  # the holder's
    os.close(fd)
    saver.join(5)
    assert json.loads(path.read_text(encoding="utf-8")) == {"held.pdf": "6" * 64, "x.pdf": "5" * 64}


# ---------------------------------------------------------------- -o onto what is not a file


@POSIX
def test_output_onto_a_fifo_is_refused_and_the_fifo_kept(tmp_path):
    fifo = tmp_path / "poster.pdf"
    os.mkfifo(fifo)
    done = run_cli("render", "--layout", "a3-portrait", "-o", fifo)
    assert done.returncode == 2
    assert done.stderr == (
        f"{fifo}: --output: is a named pipe (FIFO): give the name of a regular file, or a new one\n"
    )
    assert stat.S_ISFIFO(os.stat(fifo).st_mode)
    assert [p.name for p in tmp_path.iterdir()] == ["poster.pdf"]
    done = run_cli("render", "--layout", "a3-portrait", "-o", fifo, lang="vi_VN.UTF-8")
    assert done.stderr == (
        f"{fifo}: --output: là một đường ống dữ liệu (FIFO): hãy cho tên một tệp thường, "
        "hoặc tên một tệp mới\n"
    )
    assert stat.S_ISFIFO(os.stat(fifo).st_mode)


@POSIX
def test_tile_output_onto_a_fifo_is_refused_too(tmp_path):
    poster = tmp_path / "a3.pdf"
    assert run_cli("render", "--layout", "a3-portrait", "-o", poster).returncode == 0
    fifo = tmp_path / "tiles.pdf"
    os.mkfifo(fifo)
    done = run_cli("tile", poster, "-o", fifo)
    assert done.returncode == 2
    assert "is a named pipe (FIFO): give the name of a regular file, or a new one" in done.stderr
    assert stat.S_ISFIFO(os.stat(fifo).st_mode)


@POSIX
def test_no_writer_replaces_a_fifo_or_a_socket(tmp_path):
    fifo = tmp_path / "pipe.pdf"
    os.mkfifo(fifo)
    sock_path = tmp_path / "sock.pdf"
    server = socket.socket(socket.AF_UNIX)
    server.bind(str(sock_path))
    try:
        for path, kind, check in [(fifo, "a named pipe (FIFO)", stat.S_ISFIFO),
                                  (sock_path, "a socket", stat.S_ISSOCK)]:  # fmt: skip
            with pytest.raises(PosterError) as raised:
                write_atomic(path, b"%PDF-1.4")
            (problem,) = raised.value.problems
            assert (problem.code, problem.params) == ("write.not-regular", {"other_word": kind})
            assert check(os.stat(path).st_mode)
        assert sorted(p.name for p in tmp_path.iterdir()) == ["pipe.pdf", "sock.pdf"]
        write_atomic(tmp_path / "new.pdf", b"%PDF-1.4")  # a new name, and a regular file
        write_atomic(tmp_path / "new.pdf", b"%PDF-1.5")
        assert (tmp_path / "new.pdf").read_bytes() == b"%PDF-1.5"
    finally:
        server.close()


# ---------------------------------------------------------------- control characters

ESC = "\x1b"
RLO = "\u202e"  # right-to-left override
LRI = "\u2066"  # left-to-right isolate


@pytest.mark.parametrize(
    ("option", "value", "char"),
    [
        ("--locality", f"Phường Cẩm Phả{ESC}[31m", "U+001B"),
        ("--locality", f"Cẩm {RLO}Phả", "U+202E"),
        ("--footer", f"Điện thoại{ESC}]0;x\a", "U+001B"),
        ("--footer", f"abc{LRI}def", "U+2066"),
        ("--footer", "hai\ndòng", "U+000A"),
        ("--footer", "xóa\x7f", "U+007F"),
        ("--footer", "c1\x9b", "U+009B"),
    ],
)
def test_control_characters_on_the_command_line_are_refused(tmp_path, option, value, char):
    out = tmp_path / "p.pdf"
    args = ["render", "-o", out, "--layout", "a3-portrait"]
    if option != "--locality":
        args += ["--locality", "Phường Cẩm Phả"]
    done = run_cli(*args, option, value)
    assert done.returncode == 2
    field = option.removeprefix("--")
    assert done.stderr == (
        f"{option}: {field}: has the control character {char} (it does not print, or it "
        "turns the text around): remove it\n"
    )
    assert not out.exists()
    done = run_cli(*args, option, value, lang="vi_VN.UTF-8")
    assert done.stderr == (
        f"{option}: {field}: có ký tự điều khiển {char} (không in được, hoặc làm đảo chiều "
        "chữ): hãy xoá ký tự này\n"
    )


def test_subtitle_and_province_are_checked_too(tmp_path):
    done = run_cli("render", "--layout", "slides-16x9", "--subtitle", f"Hà Nội{RLO}",
                   "-o", tmp_path / "d.pdf")  # fmt: skip
    assert (
        done.returncode == 2
        and "--subtitle: subtitle: has the control character U+202E" in done.stderr
    )
    done = run_cli("batch", "--province", f"Quảng{ESC}Ninh", "-o", tmp_path / "o")
    assert (
        done.returncode == 2
        and "--province: province: has the control character U+001B" in done.stderr
    )
    assert not (tmp_path / "o").exists()


def test_control_characters_in_yaml_files_are_refused(tmp_path):
    brand = tmp_path / "brand.yaml"
    data = {"name": f"Xã{ESC}[2J", "authority": [f"UBND {RLO}X"], "footer": "một\ndòng"}
    brand.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    done = run_cli("render", "--brand", brand, "-o", tmp_path / "b.pdf")
    assert done.returncode == 2
    assert done.stderr.splitlines() == [
        f"{brand}: name: has the control character U+001B (it does not print, or it turns "
        "the text around): remove it",
        f"{brand}: authority.0: has the control character U+202E (it does not print, or it "
        "turns the text around): remove it",
    ]  # the footer's line break is a YAML block's: a space
    content = yaml.safe_load(run_cli_content())
    content["items"][2]["heading"] = f"Tiêu đề{ESC}"
    source = tmp_path / "content.yaml"
    source.write_text(yaml.safe_dump(content, allow_unicode=True), encoding="utf-8")
    done = run_cli("render", "--content", source, "-o", tmp_path / "c.pdf", lang="vi_VN.UTF-8")
    assert done.stderr == (
        f"{source}: items.2.heading: có ký tự điều khiển U+001B (không in được, hoặc làm đảo "
        "chiều chữ): hãy xoá ký tự này\n"
    )
    assert not (tmp_path / "b.pdf").exists() and not (tmp_path / "c.pdf").exists()


def run_cli_content() -> str:
    from poster.resources import DEFAULT_CONTENT

    return DEFAULT_CONTENT.read_text(encoding="utf-8")


def unprintable_in(text: str) -> list[str]:
    return [f"U+{ord(c):04X}" for c in text
            if unicodedata.category(c) in ("Cc", "Cf") and c not in "\n\r\t"]  # fmt: skip


def test_control_characters_never_reach_a_pdfs_metadata(tmp_path):
    """A spreadsheet with an escape sequence in one row and a right-to-left override in
    another: those rows fail, the others render, and no PDF's Info or XMP holds either."""
    rows = [
        "Xã Tốt Một,UBND HUYỆN A",
        f"Xã Đỏ{ESC}[31m,UBND HUYỆN B",
        f"Xã Ngược,UBND {RLO}HUYỆN C",
        "Xã Tốt Hai,UBND HUYỆN D",
    ]
    (tmp_path / "xa.csv").write_text("name,authority\n" + "\n".join(rows) + "\n", encoding="utf-8")
    done = subprocess.run(
        [sys.executable, "-m", "poster", "batch", "--brands", "xa.csv", "--layout", "a3-portrait",
         "-j", "1", "-o", "out"],
        cwd=tmp_path, env=cli_env(), capture_output=True, text=True, timeout=120,
    )  # fmt: skip
    assert done.returncode == 1
    failures = [line for line in done.stderr.splitlines() if not line.startswith("[")]
    assert failures == [
        "xa.csv:3: name: has the control character U+001B (it does not print, or it turns "
        "the text around): remove it",
        "xa.csv:4: authority: has the control character U+202E (it does not print, or it "
        "turns the text around): remove it",
    ]
    pdfs = sorted((tmp_path / "out").glob("*.pdf"))
    assert [p.name for p in pdfs] == ["a3-portrait-xa-tot-hai.pdf", "a3-portrait-xa-tot-mot.pdf"]
    for pdf in pdfs:
        reader = PdfReader(pdf)
        info = {k: str(v) for k, v in (reader.metadata or {}).items()}
        assert "Xã Tốt" in " ".join(info.values()), info
        xmp = reader.trailer["/Root"]["/Metadata"].get_object().get_data().decode("utf-8")
        assert "Xã Tốt" in xmp
        # the XMP packet's header holds U+FEFF, as the XMP specification has it
        xmp = xmp.replace('begin="\ufeff"', 'begin=""')
        for text in [*info.values(), xmp]:
            assert unprintable_in(text) == []
            assert ESC not in text and RLO not in text
