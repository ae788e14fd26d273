"""Hostile and broken inputs (issue 10): never a traceback, never a hang, no file left.

Each case is run as a user would (`python -m poster …` in a fresh interpreter, in a
temporary folder holding only its inputs), within a hard time limit, and must answer
with exit 2 (1 for a batch with bad rows) and one line per problem naming the file and
the field, without a traceback and without an output file. The expected lines are
written out here from the YAML the test wrote, not taken from the program.
"""

from __future__ import annotations

import os
import re
import signal
import stat
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest
import yaml
from conftest import LAYOUT_FOLDER, pdf_text, run_cli, write_yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from poster.errors import PosterError

SRC = Path(__file__).resolve().parents[1] / "src"
LIMIT = 5.0  # seconds: every failure a user can reach answers within this
OUT = "out.pdf"
CPUS = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count()

# nine levels of nine aliases: about 387 million strings once expanded
ALIAS_BOMB = 'a: &a ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]\n' + "".join(
    f"{b}: &{b} [{', '.join([f'*{a}'] * 9)}]\n" for a, b in zip("abcdefgh", "bcdefghi", strict=True)
)


def poster(
    *args: str | Path, cwd: Path, limit: float = LIMIT, script: str | None = None
) -> tuple[subprocess.CompletedProcess[str], float]:
    """Run the command line (or `script`, which ends by calling it) and time it."""
    command = [sys.executable, "-c", script] if script else [sys.executable, "-m", "poster"]
    env = {**os.environ, "PYTHONPATH": str(SRC)}
    started = time.monotonic()
    done = subprocess.run(
        [*command, *map(str, args)],
        cwd=cwd,
        capture_output=True,
        text=True,
        encoding="utf-8",
        timeout=limit + 25,  # a hang fails the test instead of stalling the suite
        env=env,
    )
    return done, time.monotonic() - started


def files(folder: Path) -> set[str]:
    return {str(p.relative_to(folder)) for p in folder.rglob("*")}


def refused(tmp: Path, *args: str | Path, expected: list[str], code: int = 2) -> None:
    """`poster render ARGS -o out.pdf` fails quickly with exactly the expected lines and
    writes nothing at all."""
    before = files(tmp)
    done, took = poster("render", *args, "-o", OUT, cwd=tmp)
    assert took < LIMIT, f"took {took:.1f} s"
    assert done.returncode == code, (done.returncode, done.stderr[-2000:])
    assert "Traceback" not in done.stderr
    assert done.stdout == ""
    assert done.stderr.splitlines() == expected
    assert files(tmp) == before


def brand_file(tmp: Path, text: str, name: str = "brand.yaml") -> Path:
    (tmp / name).write_text(text, encoding="utf-8")
    return tmp / name


# ---------------------------------------------------------------- YAML


def test_alias_bomb_in_content_and_in_brand(tmp_path):
    (tmp_path / "content.yaml").write_text(ALIAS_BOMB, encoding="utf-8")
    brand_file(tmp_path, "name: Xã Bom\n" + ALIAS_BOMB)
    why = "an alias (*a) repeats another value: aliases are not supported, write the value out"
    refused(tmp_path, "--content", "content.yaml", expected=[f"content.yaml:2: b.0: {why}"])
    refused(tmp_path, "--brand", "brand.yaml", expected=[f"brand.yaml:3: b.0: {why}"])


def test_two_thousand_levels_of_nesting(tmp_path):
    (tmp_path / "content.yaml").write_text(
        "title: x\nitems: " + "[" * 2000 + "]" * 2000 + "\n", encoding="utf-8"
    )
    # nested block lists, one more level per line: the line where it goes too deep
    (tmp_path / "layout.yaml").write_text(
        "page:\n" + "".join(" " * i + "-\n" for i in range(1, 41)), encoding="utf-8"
    )
    # libyaml ≥ 0.2.6 (PyYAML ≥ 6.0.3) refuses 2,000 flow levels itself while reading
    # ahead, at the value of `items`; older ones leave the refusal to our composer
    try:
        yaml.load("items: " + "[" * 2000 + "]" * 2000, Loader=yaml.CSafeLoader)
        where = "items.0.0.0.…"
    except yaml.YAMLError as e:
        assert "maximum nesting depth" in str(e)
        where = "items.…"
    refused(
        tmp_path,
        "--content",
        "content.yaml",
        expected=[f"content.yaml:2: {where}: nested more than 32 levels deep"],
    )
    # line n holds level n - 1: line 34 the 33rd
    refused(
        tmp_path,
        "--layout",
        "layout.yaml",
        expected=["layout.yaml:34: page.0.0.0.…: nested more than 32 levels deep"],
    )


def test_a_50_mb_content_file_and_a_300_kb_brand_are_refused_unread(tmp_path):
    with open(tmp_path / "content.yaml", "wb") as f:
        f.truncate(50 * 1024 * 1024)  # sparse: 50 MB that cost nothing to make
    brand_file(tmp_path, "name: Xã Lớn\nfooter: " + "x" * 300_000 + "\n")
    refused(
        tmp_path,
        "--content",
        "content.yaml",
        expected=["content.yaml: is 50 MB; a content file is at most 1 MB"],
    )
    refused(
        tmp_path,
        "--brand",
        "brand.yaml",
        expected=["brand.yaml: is 293 KB; a brand file is at most 256 KB"],
    )


def test_a_megabyte_of_tiny_items_is_refused_quickly(tmp_path):
    """Under 1 MB, but 23,000 items: building them alone would take seconds, and laying
    them out minutes (the search grows with the square of the count)."""
    items = "".join(f"- {{n: {i}, heading: H, left: L, right: R}}\n" for i in range(1, 23000))
    head = "title: T\nlabels: {left: A, right: B}\nitems:\n"
    (tmp_path / "content.yaml").write_text(head + items, encoding="utf-8")
    assert (tmp_path / "content.yaml").stat().st_size < 1024 * 1024
    # the 10,001st value: 11 before the items (keys count), 9 per item (the mapping, four
    # keys, four values): the last of the 1,110th item (items.1109), on line 3 + 1110
    refused(
        tmp_path,
        "--content",
        "content.yaml",
        expected=[
            "content.yaml:1113: items.1109.right: the file holds more than 10,000 values "
            "(texts, lists and mappings together)"
        ],
    )
    few = head + "".join(f"- {{n: {i}, heading: H, left: L, right: R}}\n" for i in range(1, 202))
    (tmp_path / "content.yaml").write_text(few, encoding="utf-8")
    refused(
        tmp_path,
        "--content",
        "content.yaml",
        expected=["content.yaml: items: expected `array` of length <= 200"],
    )


def test_duplicate_keys_are_refused_with_both_lines(tmp_path):
    brand_file(tmp_path, "name: Xã Một\nfooter: Xã Một\nname: Xã Hai\n")
    (tmp_path / "layout.yaml").write_text(
        (LAYOUT_FOLDER / "a3-portrait.yaml")
        .read_text(encoding="utf-8")
        .replace("footer:", "footer: {height_mm: 40, height_mm: 50}\nunused:", 1),
        encoding="utf-8",
    )
    line = next(
        n
        for n, text in enumerate((tmp_path / "layout.yaml").read_text().splitlines(), 1)
        if text.startswith("footer:")
    )
    refused(
        tmp_path,
        "--brand",
        "brand.yaml",
        expected=["brand.yaml:3: name: given twice (first on line 1): give each field once"],
    )
    refused(
        tmp_path,
        "--layout",
        "layout.yaml",
        expected=[
            f"layout.yaml:{line}: footer.height_mm: given twice (first on line {line}): "
            "give each field once"
        ],
    )


@pytest.mark.parametrize("value", [".inf", "-.Inf", ".nan", "1.0e+999"])
def test_non_finite_numbers_are_refused_with_the_field(tmp_path, value):
    layout = yaml.safe_load((LAYOUT_FOLDER / "a3-portrait.yaml").read_text(encoding="utf-8"))
    layout["page"] = {"width_mm": 297, "height_mm": 420}
    text = yaml.safe_dump(layout, sort_keys=False).replace("width_mm: 297", f"width_mm: {value}")
    (tmp_path / "layout.yaml").write_text(text, encoding="utf-8")
    line = next(n for n, t in enumerate(text.splitlines(), 1) if value in t)
    refused(
        tmp_path,
        "--layout",
        "layout.yaml",
        expected=[f"layout.yaml:{line}: page.width_mm: not a finite number: {value}"],
    )


def test_a_page_larger_than_pdf_allows_is_refused(tmp_path):
    layout = yaml.safe_load((LAYOUT_FOLDER / "a3-portrait.yaml").read_text(encoding="utf-8"))
    layout["page"] = {"width_mm": 1e300, "height_mm": 420}
    write_yaml(tmp_path / "layout.yaml", layout)
    refused(
        tmp_path,
        "--layout",
        "layout.yaml",
        expected=["layout.yaml: page.width_mm: must be at most 5080.0"],
    )


# Fragments a hostile or careless file is made of: anchors and aliases, merge keys,
# flow and block nesting, repeated keys, tags PyYAML knows (and one it must not run),
# odd numbers and dates, quotes left open.
FRAGMENTS = [
    "name: Xã A\n", "name: Xã B\n", "authority: ", "colors: ", "qr: ", "url: ", "logo: ",
    "footer: ", "&x ", "*x", "<<: ", "[", "]", "{", "}", ", ", "- ", ": ", "? ", "\n",
    "  ", "    ", ".inf", ".nan", "-.inf", "1e999", "1.0e+999", "!!float ", "!!int ",
    "!!binary ", "!!set ", "!!timestamp ", "!!python/object/apply:os.system ", "2026-13-45",
    "12:30:00", "0x1F", "0o17", "~", "null", "'", '"', "#B3261E", '"#B3261E"', "Hiệp Hòa",
    "\t", "|\n", ">\n", "%YAML 1.1\n", "---\n", "...\n", "\ufeff", "\x85", "\u2028",
]  # fmt: skip


@settings(max_examples=120, deadline=2000, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.sampled_from(FRAGMENTS), max_size=40), st.integers(0, 3000))
def test_any_yaml_gives_a_brand_or_one_clear_problem(tmp_path_factory, parts, depth):
    """Whatever the file holds, loading a brand ends quickly in a Brand or in PosterError
    problems naming the file, never in another exception."""
    from poster.spec import load_brand

    folder = tmp_path_factory.mktemp("brand", numbered=True)
    path = folder / "brand.yaml"
    path.write_text("".join(parts) + "[" * depth, encoding="utf-8")
    started = time.monotonic()
    try:
        brand = load_brand(path)
    except PosterError as e:
        assert e.problems
        for problem in e.problems:
            assert problem.file == str(path)
            assert "\n" not in str(problem)
    else:
        assert brand.name
    assert time.monotonic() - started < 2


# ---------------------------------------------------------------- logos


def hostile_logos(folder: Path) -> dict[str, str]:
    """A named pipe, a symbolic link to /dev/zero and a folder, each named like a logo;
    what the message must say about each."""
    os.mkfifo(folder / "fifo.png")
    (folder / "zero.png").symlink_to("/dev/zero")
    (folder / "folder.png").mkdir()
    return {
        "fifo.png": "is a named pipe (FIFO), not an image",
        "zero.png": "is a device, not an image",
        "folder.png": "is a folder, not an image",
        "missing.png": "file not found",
    }


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="named pipes are POSIX")
def test_a_logo_that_is_a_pipe_or_a_device_is_refused_unread_in_render(tmp_path):
    for logo, why in hostile_logos(tmp_path).items():
        brand_file(tmp_path, f"name: Xã Thử\nlogo: {logo}\n")
        refused(tmp_path, "--brand", "brand.yaml", expected=[f"brand.yaml: logo: {why}: {logo}"])
    # given with --locality --logo: named as the user gave it
    refused(
        tmp_path,
        "--locality",
        "Phường Cẩm Phả, Quảng Ninh",
        "--logo",
        "zero.png",
        expected=["--logo: logo: is a device, not an image: zero.png"],
    )


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="named pipes are POSIX")
def test_a_batch_with_hostile_logos_and_brand_files_renders_every_good_row(tmp_path):
    why = hostile_logos(tmp_path)
    rows = ["Xã Tốt Một,", *(f"Xã Xấu {i},{logo}" for i, logo in enumerate(why)), "Xã Tốt Hai,"]
    (tmp_path / "xa.csv").write_text("name,logo\n" + "\n".join(rows) + "\n", encoding="utf-8")
    done, _ = poster(
        "batch", "--brands", "xa.csv", "--layout", "a3-portrait", "-o", "out", "-j", "2",
        cwd=tmp_path, limit=30,
    )  # fmt: skip
    assert done.returncode == 1, done.stderr[-2000:]
    assert "Traceback" not in done.stderr
    failures = [line for line in done.stderr.splitlines() if not line.startswith("[")]
    assert failures == [
        f"xa.csv:{i + 3}: logo: {w}: {logo}" for i, (logo, w) in enumerate(why.items())
    ]
    assert "rendered 2, skipped 0, failed 4" in done.stdout
    assert sorted(p.name for p in (tmp_path / "out").iterdir()) == [
        ".poster-batch.json", ".poster-batch.lock", "a3-portrait-xa-tot-hai.pdf",
        "a3-portrait-xa-tot-mot.pdf",
    ]  # fmt: skip

    # a folder of brand files: the broken files are failures of their own, by line
    brands = tmp_path / "brands"
    brands.mkdir()
    (brands / "bomb.yaml").write_text("name: Xã Bom\n" + ALIAS_BOMB, encoding="utf-8")
    (brands / "dup.yaml").write_text("name: Xã A\nname: Xã B\n", encoding="utf-8")
    (brands / "pipe.yaml").write_text("name: Xã Ống\nlogo: ../fifo.png\n", encoding="utf-8")
    (brands / "good.yaml").write_text("name: Xã Tốt\n", encoding="utf-8")
    done, _ = poster(
        "batch", "--brands", "brands", "--layout", "a3-portrait", "-o", "out2", cwd=tmp_path,
        limit=30,
    )  # fmt: skip
    assert done.returncode == 1, done.stderr[-2000:]
    assert "Traceback" not in done.stderr
    failures = [line for line in done.stderr.splitlines() if not line.startswith("[")]
    assert failures == [
        "brands/bomb.yaml:3: b.0: an alias (*a) repeats another value: aliases are not "
        "supported, write the value out",
        "brands/dup.yaml:2: name: given twice (first on line 1): give each field once",
        "brands/pipe.yaml: logo: is a named pipe (FIFO), not an image: brands/../fifo.png",
    ]
    assert "rendered 1, skipped 0, failed 3" in done.stdout
    assert [p.name for p in (tmp_path / "out2").glob("*.pdf")] == ["a3-portrait-xa-tot.pdf"]


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="named pipes are POSIX")
def test_a_batch_given_a_pipe_for_its_spreadsheet_or_content_says_so(tmp_path):
    os.mkfifo(tmp_path / "xa.csv")
    os.mkfifo(tmp_path / "content.yaml")
    (tmp_path / "ok.csv").write_text("name\nXã Tốt\n", encoding="utf-8")
    for args, line in (
        (["--brands", "xa.csv"], "xa.csv: --brands: is a named pipe (FIFO), not a spreadsheet"),
        (
            ["--brands", "ok.csv", "--content", "content.yaml"],
            "content.yaml: is a named pipe (FIFO), not a YAML file",
        ),
    ):
        before = files(tmp_path)
        done, took = poster("batch", *args, "-o", "out", cwd=tmp_path)
        assert took < LIMIT
        assert done.returncode == 2, done.stderr
        assert done.stderr.splitlines() == [line]
        assert files(tmp_path) == before


# ---------------------------------------------------------------- the batch goes on


def test_more_jobs_than_cpus_are_capped_and_said(tmp_path):
    (tmp_path / "xa.csv").write_text(
        "name\n" + "".join(f"Xã Số {i}\n" for i in range(4)), encoding="utf-8"
    )
    env = {**os.environ, "PYTHONPATH": str(SRC)}
    proc = subprocess.Popen(
        [sys.executable, "-m", "poster", "batch", "--brands", "xa.csv", "--layout",
         "a3-portrait", "-o", "out", "-j", "1000"],
        cwd=tmp_path, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env,
    )  # fmt: skip
    most = 0  # the most worker processes seen at once
    children = Path(f"/proc/{proc.pid}/task/{proc.pid}/children")
    while proc.poll() is None:
        try:
            most = max(most, len(children.read_text().split()))
        except OSError:
            break
        time.sleep(0.005)
    stdout, stderr = proc.communicate(timeout=30)
    assert proc.returncode == 0, stderr[-2000:]
    s = "s" if CPUS > 1 else ""
    es = "es" if CPUS > 1 else ""
    assert stderr.splitlines()[0] == (
        f"poster: -j 1000: this machine has {CPUS} CPU{s}, using {CPUS} worker process{es}"
    )
    assert most <= CPUS
    assert "rendered 4, skipped 0, failed 0" in stdout


CRASHING = textwrap.dedent(
    """
    import os, signal, sys
    import poster.spec as spec
    real = spec.brand_from_dict
    def brand_from_dict(data, path):
        if data.get("name") == "Xã Chết":  # its worker dies, every time
            os.kill(os.getpid(), signal.SIGKILL)
        if data.get("name") == "Xã Lỗi":  # a bug met on this row only
            raise ZeroDivisionError("division by zero")
        return real(data, path)
    spec.brand_from_dict = brand_from_dict
    from poster.cli import main
    sys.exit(main(sys.argv[1:]))
    """
)


def test_a_row_that_kills_its_worker_or_meets_a_bug_fails_alone(tmp_path):
    names = ["Xã Một", "Xã Chết", "Xã Hai", "Xã Lỗi", "Xã Ba", "Xã Bốn"]
    (tmp_path / "xa.csv").write_text("name\n" + "\n".join(names) + "\n", encoding="utf-8")
    done, _ = poster(
        "batch", "--brands", "xa.csv", "--layout", "a3-portrait", "-o", "out", "-j", "2",
        cwd=tmp_path, limit=60, script=CRASHING,
    )  # fmt: skip
    assert done.returncode == 1, done.stderr[-2000:]
    assert "Traceback" not in done.stderr
    failures = [line for line in done.stderr.splitlines() if not line.startswith("[")]
    assert failures == [
        "xa.csv:3: the worker process rendering it was killed by SIGKILL (out of memory?), "
        "twice; the other rows go on",
        "xa.csv:5: internal error: ZeroDivisionError: division by zero "
        "(run again with --debug for the details)",
    ] or failures == [  # the two rows end in either order
        "xa.csv:5: internal error: ZeroDivisionError: division by zero "
        "(run again with --debug for the details)",
        "xa.csv:3: the worker process rendering it was killed by SIGKILL (out of memory?), "
        "twice; the other rows go on",
    ]
    assert "rendered 4, skipped 0, failed 2" in done.stdout
    pdfs = sorted(p.name for p in (tmp_path / "out").glob("*.pdf"))
    assert pdfs == sorted(f"a3-portrait-{s}.pdf" for s in ("xa-mot", "xa-hai", "xa-ba", "xa-bon"))
    for pdf in pdfs:
        assert "SỰ KHÁC NHAU" in pdf_text(tmp_path / "out" / pdf)
    assert not list((tmp_path / "out").glob(".*.part"))


def test_a_worker_killed_from_outside_is_replaced_and_its_row_rendered(tmp_path):
    (tmp_path / "xa.csv").write_text(
        "name\n" + "".join(f"Xã Số {i}\n" for i in range(40)), encoding="utf-8"
    )
    out = tmp_path / "out"
    env = {**os.environ, "PYTHONPATH": str(SRC)}
    proc = subprocess.Popen(
        [sys.executable, "-m", "poster", "batch", "--brands", "xa.csv", "--layout",
         "a3-portrait", "-o", str(out), "-j", "2"],
        cwd=tmp_path, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env,
    )  # fmt: skip
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline and len(list(out.glob("*.pdf"))) < 3:
        time.sleep(0.01)
    workers = Path(f"/proc/{proc.pid}/task/{proc.pid}/children").read_text().split()
    assert workers, "the batch has worker processes"
    os.kill(int(workers[0]), signal.SIGKILL)  # as the kernel's out-of-memory killer would
    stdout, stderr = proc.communicate(timeout=60)
    assert proc.returncode == 0, stderr[-2000:]
    assert "Traceback" not in stderr
    assert "rendered 40, skipped 0, failed 0" in stdout
    assert len(list(out.glob("*.pdf"))) == 40
    assert not list(out.glob(".*.part"))


def test_a_reader_that_goes_away_stops_neither_the_batch_nor_prints_a_traceback(tmp_path):
    (tmp_path / "xa.csv").write_text(
        "name\n" + "".join(f"Xã Số {i}\n" for i in range(6)), encoding="utf-8"
    )
    env = {**os.environ, "PYTHONPATH": str(SRC)}
    for closed in ("stdout", "stderr"):
        out = tmp_path / closed
        log = tmp_path / f"{closed}.log"
        with open(log, "w") as kept:
            proc = subprocess.Popen(
                [sys.executable, "-m", "poster", "batch", "--brands", "xa.csv", "--layout",
                 "a3-portrait", "-o", str(out), "-j", "1"],
                cwd=tmp_path, env=env, text=True,
                stdout=subprocess.PIPE if closed == "stdout" else kept,
                stderr=subprocess.PIPE if closed == "stderr" else kept,
            )  # fmt: skip
            pipe = proc.stdout if closed == "stdout" else proc.stderr
            assert pipe is not None
            pipe.close()  # like `| head -0`: nobody reads
            assert proc.wait(timeout=60) == 0
        assert "Traceback" not in log.read_text()
        assert len(list(out.glob("*.pdf"))) == 6


# ---------------------------------------------------------------- never a traceback

BUGGY = textwrap.dedent(
    """
    import sys
    import poster.outputs
    def plan_document(*args, **kwargs):
        raise ZeroDivisionError("division by zero")
    poster.outputs.plan_document = plan_document
    from poster.cli import main
    sys.exit(main(sys.argv[1:]))
    """
)


def test_an_unexpected_exception_is_one_line_and_debug_shows_the_traceback(tmp_path):
    done, took = poster("render", "--layout", "a3-portrait", "-o", OUT, cwd=tmp_path,
                        script=BUGGY)  # fmt: skip
    assert took < LIMIT
    assert done.returncode == 1
    assert done.stderr.splitlines() == [
        "poster: internal error: ZeroDivisionError: division by zero "
        "(run again with --debug for the details)"
    ]
    assert files(tmp_path) == set()
    for args in (["--debug", "render"], ["render", "--debug"]):
        done, _ = poster(*args, "--layout", "a3-portrait", "-o", OUT, cwd=tmp_path,
                         script=BUGGY)  # fmt: skip
        assert done.returncode == 1
        assert "Traceback (most recent call last)" in done.stderr
        assert ", in plan_document\nZeroDivisionError: division by zero\n" in done.stderr
        assert done.stderr.splitlines()[-1] == (
            "poster: internal error: ZeroDivisionError: division by zero"
        )
        assert files(tmp_path) == set()


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="named pipes are POSIX")
def test_check_and_tile_refuse_a_pipe_unread(tmp_path):
    os.mkfifo(tmp_path / "poster.pdf")
    for command in ("check", "tile"):
        done, took = poster(command, "poster.pdf", cwd=tmp_path)
        assert took < LIMIT
        assert done.returncode == 2
        assert done.stderr.splitlines() == ["poster.pdf: is a named pipe (FIFO), not a PDF file"]
        assert files(tmp_path) == {"poster.pdf"}


# ---------------------------------------------------------------- output names


def test_namesakes_write_different_default_files(tmp_path):
    written = []
    for locality in ("Xã Hiệp Hòa, Bắc Ninh", "Xã Hiệp Hòa, Tây Ninh"):
        done, _ = poster("render", "--locality", locality, "--layout", "a3-portrait",
                         cwd=tmp_path, limit=30)  # fmt: skip
        assert done.returncode == 0, done.stderr
        written.append(done.stdout.strip())
    assert written == [
        "out/a3-portrait-xa-hiep-hoa-bac-ninh.pdf",
        "out/a3-portrait-xa-hiep-hoa-tay-ninh.pdf",
    ]
    assert "TỈNH BẮC NINH" in pdf_text(tmp_path / written[0])
    assert "TỈNH TÂY NINH" in pdf_text(tmp_path / written[1])
    # a name the country does not repeat keeps its short file name
    done, _ = poster("render", "--locality", "Phường Cẩm Phả, Quảng Ninh", "--layout",
                     "a3-portrait", cwd=tmp_path, limit=30)  # fmt: skip
    assert done.stdout.strip() == "out/a3-portrait-phuong-cam-pha.pdf"


def test_a_330_character_name_gives_a_short_file_name(tmp_path):
    name = ("Xã Thử Nghiệm Một Tên Rất Dài Của Đơn Vị Hành Chính " * 7)[:330]
    brand_file(tmp_path, f"name: {name}\n")
    done, _ = poster("render", "--brand", "brand.yaml", "--layout", "a3-portrait",
                     cwd=tmp_path, limit=30)  # fmt: skip
    assert done.returncode == 0, done.stderr
    (out,) = (tmp_path / "out").iterdir()
    assert done.stdout.strip() == f"out/{out.name}"
    assert out.suffix == ".pdf" and len(out.stem.encode()) <= 120
    assert out.stem.startswith("a3-portrait-xa-thu-nghiem-mot-ten-rat-dai-cua-don-vi-hanh-chinh")
    assert pdf_text(out)  # a real poster
    # a name asked for with -o that the file system refuses: one line naming it, exit 2
    long = "x" * 300 + ".pdf"
    done, took = poster("render", "--brand", "brand.yaml", "-o", long, cwd=tmp_path)
    assert took < LIMIT
    assert done.returncode == 2
    assert done.stderr.splitlines() == [f"{long}: --output: cannot write: File name too long"]
    assert files(tmp_path) == {"brand.yaml", "out", f"out/{out.name}"}
    # in a batch too, and two long names that differ only past the cut stay two files
    (tmp_path / "xa.csv").write_text(f"name\n{name}\n{name} Hai\n", encoding="utf-8")
    done, _ = poster("batch", "--brands", "xa.csv", "--layout", "a3-portrait", "-o", "b",
                     cwd=tmp_path, limit=30)  # fmt: skip
    assert done.returncode == 0, done.stderr
    pdfs = list((tmp_path / "b").glob("*.pdf"))
    assert len(pdfs) == 2
    for pdf in pdfs:
        assert len(pdf.stem.encode()) <= 120
        assert pdf.stem.startswith("a3-portrait-xa-thu-nghiem-mot-ten-rat-dai")


def test_a_failed_command_leaves_none_of_its_outputs(tmp_path):
    # A3 is two pages: the back's preview cannot be written, so neither the PDF nor the
    # front's preview may stay
    (tmp_path / "p-02.png").mkdir()
    done, _ = poster("render", "--layout", "a3-portrait", "--png", "30", "-o", "p.pdf",
                     cwd=tmp_path, limit=30)  # fmt: skip
    assert done.returncode == 2
    assert done.stderr.splitlines() == ["p-02.png: is a folder; give a file name"]
    assert files(tmp_path) == {"p-02.png"}


def test_write_all_takes_back_what_it_renamed_when_a_later_rename_fails(tmp_path, monkeypatch):
    from poster import files as files_module

    real = os.replace
    calls = []

    def replace(src, dst):
        calls.append(dst)
        if len(calls) == 2:  # the disk fills up, or the folder goes, at the second
            raise OSError(28, "No space left on device")
        real(src, dst)

    monkeypatch.setattr(files_module.os, "replace", replace)
    with pytest.raises(PosterError) as caught:
        files_module.write_all([(tmp_path / "a.pdf", b"%PDF-1"), (tmp_path / "a.png", b"png")])
    assert str(caught.value) == f"{tmp_path / 'a.png'}: cannot write: No space left on device"
    assert list(tmp_path.iterdir()) == []


def test_a_file_is_looked_at_before_it_is_opened(tmp_path):
    """The checks never open the file: a pipe with no writer would block the open."""
    from poster.files import file_problem

    os.mkfifo(tmp_path / "p")
    assert stat.S_ISFIFO(os.stat(tmp_path / "p").st_mode)
    started = time.monotonic()
    assert file_problem(tmp_path / "p", "an image", 10, "a logo") == (
        "is a named pipe (FIFO), not an image"
    )
    assert time.monotonic() - started < 1


# ---------------------------------------------------------------- the same, in Vietnamese
# (issue 13: with LANG=vi_VN.UTF-8 every bad-input case speaks Vietnamese, with no English
# library wording; a representative set of the hostile cases above)

# Words of the English messages and of the libraries behind them (PyYAML, msgspec, the OS)
VI_ENGLISH = re.compile(
    r"expected|Expected|`|missing|unknown|not a |invalid|got |does not fit|not found|"
    r"alias|nested|given twice|finite|is at most|device|folder|pipe\b|cannot|must |"
    r"field|required|None\b|lines?\b|takes"
)


def _vi_setup(tmp: Path, case: str) -> list[str]:
    """Write the inputs of `case` into `tmp`; the arguments of `poster`."""
    if case == "alias-bomb":
        (tmp / "content.yaml").write_text(ALIAS_BOMB, encoding="utf-8")
        return ["render", "--content", "content.yaml", "-o", OUT]
    if case == "nesting":
        (tmp / "content.yaml").write_text(
            "title: x\nitems: " + "[" * 2000 + "]" * 2000 + "\n", encoding="utf-8"
        )
        return ["render", "--content", "content.yaml", "-o", OUT]
    if case == "too-large":
        with (tmp / "content.yaml").open("wb") as f:
            f.truncate(2 * 1024 * 1024)  # sparse: the size alone refuses it
        return ["render", "--content", "content.yaml", "-o", OUT]
    if case == "too-many-items":
        few = "title: T\nlabels: {left: A, right: B}\nitems:\n" + "".join(
            f"- {{n: {i}, heading: H, left: L, right: R}}\n" for i in range(1, 202)
        )
        (tmp / "content.yaml").write_text(few, encoding="utf-8")
        return ["render", "--content", "content.yaml", "-o", OUT]
    if case == "duplicate-key":
        brand_file(tmp, "name: Xã Một\nfooter: Xã Một\nname: Xã Hai\n")
        return ["render", "--brand", "brand.yaml", "-o", OUT]
    if case == "non-finite":
        layout = yaml.safe_load((LAYOUT_FOLDER / "a3-portrait.yaml").read_text(encoding="utf-8"))
        layout["page"] = {"width_mm": 297, "height_mm": 420}
        text = yaml.safe_dump(layout, sort_keys=False).replace("width_mm: 297", "width_mm: .inf")
        (tmp / "layout.yaml").write_text(text, encoding="utf-8")
        return ["render", "--layout", "layout.yaml", "-o", OUT]
    if case == "logo-device":
        (tmp / "zero.png").symlink_to("/dev/zero")
        brand_file(tmp, "name: Xã Thử\nlogo: zero.png\n")
        return ["render", "--brand", "brand.yaml", "-o", OUT]
    if case == "logo-fifo":
        os.mkfifo(tmp / "fifo.png")
        brand_file(tmp, "name: Xã Thử\nlogo: fifo.png\n")
        return ["render", "--brand", "brand.yaml", "-o", OUT]
    if case == "five-authority-lines":
        brand_file(tmp, "name: Xã Thử\nauthority: [ĐẢNG ỦY, UBND, PHÒNG A, PHÒNG B, TỔ C]\n")
        return ["render", "--brand", "brand.yaml", "--layout", "a3-portrait", "-o", OUT]
    if case == "check-fifo":
        os.mkfifo(tmp / "poster.pdf")
        return ["check", "poster.pdf"]
    raise AssertionError(case)


VI_HOSTILE = {
    "alias-bomb": r"content\.yaml:2: b\.0: bí danh \(\*a\) lặp lại một giá trị khác: .+",
    # items.… where libyaml refuses while reading ahead (see test_two_thousand_levels…)
    "nesting": r"content\.yaml:2: items(?:\.0\.0\.0)?\.…: lồng nhau quá 32 cấp: .+",
    "too-large": r"content\.yaml: nặng 2 MB, quá giới hạn: tệp nội dung chỉ được tối đa 1 MB",
    "too-many-items": r"content\.yaml: items: có quá nhiều mục \(nhiều nhất 200 mục\): .+",
    "duplicate-key": r"brand\.yaml:3: name: bị ghi hai lần \(lần đầu ở dòng 1\): .+",
    "non-finite": r"layout\.yaml:\d+: page\.width_mm: không phải một số hữu hạn: \.inf.*",
    "logo-device": r"brand\.yaml: logo: là một thiết bị, không phải ảnh: zero\.png",
    "logo-fifo": r"brand\.yaml: logo: là một đường ống dữ liệu \(FIFO\), không phải ảnh: fifo\.png",
    "five-authority-lines": r"brand\.yaml: authority: 5 dòng: khổ 'a3-portrait' .+ 4 dòng .+",
    "check-fifo": r"poster\.pdf: là một đường ống dữ liệu \(FIFO\), không phải tệp PDF",
}


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="named pipes are POSIX")
@pytest.mark.parametrize("case", list(VI_HOSTILE))
def test_hostile_inputs_are_answered_in_vietnamese(tmp_path, case):
    args = _vi_setup(tmp_path, case)
    before = files(tmp_path)
    env = {k: v for k, v in os.environ.items() if k not in ("LC_ALL", "LC_MESSAGES")}
    env |= {"PYTHONPATH": str(SRC), "LANG": "vi_VN.UTF-8"}
    started = time.monotonic()
    done = subprocess.run([sys.executable, "-m", "poster", *args], cwd=tmp_path, env=env,
                          capture_output=True, text=True, encoding="utf-8", timeout=30)  # fmt: skip
    assert time.monotonic() - started < LIMIT
    assert done.returncode == 2, done.stderr
    lines = done.stderr.splitlines()
    assert len(lines) == 1, lines
    assert re.fullmatch(VI_HOSTILE[case], lines[0]), lines[0]
    message = lines[0].split(": ", 2)[-1]
    message = re.sub(r"'[^']*'", "''", message)  # the user's own text and names
    message = re.sub(r"\S+\.(?:png|yaml|pdf)\b|\.inf", "FILE", message)
    assert not VI_ENGLISH.search(message), lines[0]
    assert files(tmp_path) == before


def test_the_jobs_notice_and_a_dead_worker_speak_vietnamese():
    from poster.batch import _death, internal_problem
    from poster.catalogue import say

    notice = say("cli.jobs-capped", "vi", {"asked": 1000, "cpus": 2})
    assert notice == "-j 1000: máy này có 2 CPU, sẽ chạy 2 tiến trình song song"
    dead = _death(-signal.SIGKILL, "xa.csv:3")
    assert dead.code == "worker.killed-oom"
    assert str(dead) == (
        "xa.csv:3: the worker process rendering it was killed by SIGKILL (out of memory?), "
        "twice; the other rows go on"
    )
    assert "hết bộ nhớ" in dead.text("vi")
    bug = internal_problem(ZeroDivisionError("division by zero"), "xa.csv:4", hint=True)
    assert str(bug) == (
        "xa.csv:4: internal error: ZeroDivisionError: division by zero "
        "(run again with --debug for the details)"
    )
    assert bug.text("vi").startswith("xa.csv:4: lỗi bên trong chương trình")


def test_an_unclosed_quote_is_its_rows_error_and_the_rows_after_it_render(tmp_path):
    sheet = tmp_path / "b.csv"
    sheet.write_text(
        'name,authority\nXã Một,UBND XÃ MỘT\n"Xã Hai,UBND XÃ HAI\nXã Ba,UBND XÃ BA\n',
        encoding="utf-8",
    )
    out = tmp_path / "out"
    done = run_cli("batch", "--brands", sheet, "--layout", "a3-portrait", "-o", out, "-j", "1")
    assert done.returncode == 1, done.stderr
    assert "Traceback" not in done.stderr
    assert 'b.csv:3: a quote (") is opened and not closed on this row' in done.stderr
    assert sorted(p.name for p in out.glob("*.pdf")) == [
        "a3-portrait-xa-ba.pdf",
        "a3-portrait-xa-mot.pdf",
    ]
