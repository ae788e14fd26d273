"""Record the shipped icons' PDF operators into src/poster/data/icons/recorded.json.

A render then draws a shipped icon from its recording, without importing svglib and
ReportLab's graphics. Run after adding or changing an SVG in src/poster/data/icons/:

    python tools/make_icon_ops.py

(tests/test_icons.py fails while a recording is out of date.)
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from poster import icons  # noqa: E402
from poster.resources import DATA, ICONS  # noqa: E402


def main() -> int:
    folder = DATA / ICONS
    recorded = {p.stem: icons.record(str(p)) for p in sorted(folder.glob("*.svg"))}
    icons.RECORDED.write_text(json.dumps(recorded, indent=0) + "\n", encoding="utf-8")
    print(f"{len(recorded)} icons → {icons.RECORDED}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
