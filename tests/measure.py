"""A command run as a user runs it, measured: its exit status, output, wall time, CPU time
and peak memory (of the command and the worker processes it waited for).

The bounds of issue 20 ("under 5 s and 500 MB") are checked on CPU time and peak
resident memory as `os.wait4` reports them for this one child: unlike the wall clock
they do not grow when the test machine is busy, and unlike RUSAGE_CHILDREN they are not
the largest of every child the test process ever had. A child's peak memory starts at
the memory of the process that started it (Linux keeps the high-water mark across
exec), and the test process may hold hundreds of megabytes: so the command is started
by a small launcher, this file run as a script in a fresh interpreter, which measures
it and answers in JSON. The wall clock only catches a hang.
"""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

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


def run_measured(
    *args: str | Path, lang: str = "C", hang: float = HANG, cwd: Path | None = None
) -> Measured:
    """`python -m poster ARGS…` in a fresh interpreter, measured (see the module); `cwd`:
    the folder it runs in."""
    from conftest import cli_env

    launcher = subprocess.run(
        [sys.executable, "-I", "-S", __file__, json.dumps([str(hang), *map(str, args)])],
        stdin=subprocess.DEVNULL, capture_output=True, env=cli_env(lang), check=False, cwd=cwd,
    )  # fmt: skip
    assert launcher.returncode == 0, launcher.stderr.decode(errors="replace")
    return Measured(**json.loads(launcher.stdout))


def _launch(hang: float, args: list[str]) -> dict[str, object]:
    """Run `python -m poster ARGS` from this small process and measure it."""
    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err:
        started = time.monotonic()
        proc = subprocess.Popen(
            [sys.executable, "-m", "poster", *args],
            stdin=subprocess.DEVNULL, stdout=out, stderr=err, start_new_session=True,
        )  # fmt: skip
        while True:
            pid, status, usage = os.wait4(proc.pid, os.WNOHANG)
            if pid:
                break
            if time.monotonic() - started > hang:
                os.killpg(proc.pid, signal.SIGKILL)
                pid, status, usage = os.wait4(proc.pid, 0)
                break
            time.sleep(0.005)
        wall = time.monotonic() - started
        proc.returncode = os.waitstatus_to_exitcode(status)  # reaped here, not by Popen
        out.seek(0)
        err.seek(0)
        return {
            "returncode": proc.returncode,
            "stdout": out.read().decode("utf-8", "replace"),
            "stderr": err.read().decode("utf-8", "replace"),
            "wall": wall,
            "cpu": usage.ru_utime + usage.ru_stime,
            "peak_mb": usage.ru_maxrss / 1024,  # KB on Linux
        }


if __name__ == "__main__":  # the launcher: -I -S, so it is small and imports nothing of ours
    hang, *command = json.loads(sys.argv[1])
    print(json.dumps(_launch(float(hang), command)))
