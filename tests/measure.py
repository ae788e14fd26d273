"""A command run as a user runs it, measured: its exit status, output, wall time, CPU time
and peak memory (of the command and the worker processes it waited for).

The bounds of issue 20 ("under 5 s and 500 MB") are checked on CPU time and peak
resident memory, read by `os.wait4` for this one child: unlike the wall clock they do
not grow when the test machine is busy, and unlike RUSAGE_CHILDREN they are not the
largest of every child the test process ever had. The wall clock only catches a hang.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

from conftest import cli_env

SECONDS = 5.0  # CPU time a refusal may take
MEMORY_MB = 500.0  # peak resident memory of any one process of the command
HANG = 60.0  # wall-clock seconds after which the command is killed: a hang


@dataclass(frozen=True)
class Measured:
    returncode: int
    stdout: str
    stderr: str
    wall: float  # seconds
    cpu: float  # seconds, user + system, the command and its reaped children
    peak_mb: float  # the largest resident set of the command or one of its children

    def within_bounds(self) -> bool:
        return self.cpu < SECONDS and self.peak_mb < MEMORY_MB

    def __str__(self) -> str:
        return (
            f"exit {self.returncode}, {self.cpu:.2f} s CPU, {self.wall:.2f} s wall, "
            f"{self.peak_mb:.0f} MB\nstdout: {self.stdout[-1500:]}\nstderr: {self.stderr[-3000:]}"
        )


def run_measured(*args: str | Path, lang: str = "C", hang: float = HANG) -> Measured:
    """`python -m poster ARGS…` in a fresh interpreter, measured (see the module)."""
    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err:
        started = time.monotonic()
        proc = subprocess.Popen(
            [sys.executable, "-m", "poster", *map(str, args)],
            stdin=subprocess.DEVNULL, stdout=out, stderr=err, env=cli_env(lang),
            start_new_session=True,
        )  # fmt: skip
        while True:
            pid, status, usage = os.wait4(proc.pid, os.WNOHANG)
            if pid:
                break
            if time.monotonic() - started > hang:
                os.killpg(proc.pid, signal.SIGKILL)
                pid, status, usage = os.wait4(proc.pid, 0)
                break
            time.sleep(0.01)
        wall = time.monotonic() - started
        proc.returncode = os.waitstatus_to_exitcode(status)  # reaped here, not by Popen
        out.seek(0)
        err.seek(0)
        return Measured(
            proc.returncode,
            out.read().decode("utf-8", "replace"),
            err.read().decode("utf-8", "replace"),
            wall,
            usage.ru_utime + usage.ru_stime,
            usage.ru_maxrss / 1024,  # KB on Linux
        )
