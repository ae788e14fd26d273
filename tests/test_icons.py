"""The shipped icons' recordings (data/icons/recorded.json) match their SVG files.

A render draws a shipped icon from its recording, without svglib; a recording out of
step with its SVG would draw the old icon. Fails when an SVG is added or changed
without running tools/make_icon_ops.py.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from poster import icons

ICON_FOLDER = Path(__file__).resolve().parents[1] / "src" / "poster" / "data" / "icons"
SVGS = sorted(ICON_FOLDER.glob("*.svg"))


def test_every_shipped_icon_is_recorded() -> None:
    recorded = json.loads(icons.RECORDED.read_text(encoding="utf-8"))
    assert sorted(recorded) == [p.stem for p in SVGS]


@pytest.mark.parametrize("svg", SVGS, ids=[p.stem for p in SVGS])
def test_recording_matches_svglib(svg: Path) -> None:
    recorded = json.loads(icons.RECORDED.read_text(encoding="utf-8"))[svg.stem]
    assert recorded == icons.record(str(svg)), "run tools/make_icon_ops.py"
    assert recorded["width"] == recorded["height"] == 18  # Lucide: 24 × 24 px = 18 pt
    assert any(" m " in op and op.endswith((" c", " l", " h")) for op in recorded["ops"])  # a path
