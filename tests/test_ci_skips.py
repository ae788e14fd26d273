"""The conftest hook: under CI a skip fails the run unless it names an optional tool."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

import poster

TESTS = """
import pytest

def test_passes():
    pass

def test_skips_for_a_missing_package():
    pytest.skip("the web page needs fastapi")

def test_skips_for_libreoffice():
    pytest.skip("needs LibreOffice (soffice)")

@pytest.mark.xfail(strict=True, reason="a known bug")
def test_known_bug():
    assert False
"""
CHROMIUM_MODULE = """
import pytest
pytest.skip("/usr/bin/chromium is missing", allow_module_level=True)
"""
MISSING_MODULE = """
import pytest
pytest.skip("playwright is missing", allow_module_level=True)
"""


@pytest.fixture(scope="module")
def suite(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("suite")
    shutil.copy(Path(__file__).with_name("conftest.py"), folder / "conftest.py")
    (folder / "test_some.py").write_text(TESTS, encoding="utf-8")
    (folder / "test_browser.py").write_text(CHROMIUM_MODULE, encoding="utf-8")
    return folder


def _run(folder: Path, *files: str, ci: str | None) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if k != "CI"}
    if ci is not None:
        env["CI"] = ci
    env["PYTHONPATH"] = str(Path(poster.__file__).resolve().parents[1])
    return subprocess.run(
        [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", *files],
        cwd=folder, env=env, capture_output=True, text=True, timeout=120,
    )  # fmt: skip


def test_outside_ci_skips_pass(suite):
    done = _run(suite, ci=None)
    assert done.returncode == 0, done.stdout
    assert "1 passed, 3 skipped, 1 xfailed" in done.stdout
    assert _run(suite, ci="false").returncode == 0


def test_under_ci_a_skip_without_an_optional_tool_fails(suite):
    done = _run(suite, ci="true")
    assert done.returncode == 1, done.stdout
    section = done.stdout.split("skips not allowed under CI", 1)[1]
    assert "test_some.py::test_skips_for_a_missing_package: Skipped: the web page needs fastapi"
    assert "fastapi" in section
    # LibreOffice and Chromium may be missing; an expected failure is no skip
    assert "soffice" not in section and "chromium" not in section
    assert "test_known_bug" not in section


def test_under_ci_a_skipped_module_fails_too(suite):
    (suite / "test_gone.py").write_text(MISSING_MODULE, encoding="utf-8")
    try:
        done = _run(suite, "test_gone.py", "test_browser.py", ci="1")
    finally:
        (suite / "test_gone.py").unlink()
    assert done.returncode == 1, done.stdout
    assert "test_gone.py: Skipped: playwright is missing" in done.stdout
    assert "test_browser.py: Skipped" not in done.stdout.split("skips not allowed under CI")[1]
