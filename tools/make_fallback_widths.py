"""Write src/poster/data/fallback-widths.json: the advance widths of the fonts an office PC
sets a PPTX in when it has no Be Vietnam Pro, the widest of them for each character.

LibreOffice substitutes DejaVu Sans (Debian, Ubuntu: fonts-dejavu-core); PowerPoint on
Windows substitutes Arial, whose widths Liberation Sans 2 copies (fonts-liberation2).
For each character of Basic Latin, Latin-1, Latin Extended-A/B, Vietnamese (Latin
Extended Additional) and the general punctuation that every one of the four files
(regular and bold of each) maps, the table keeps the largest advance, in thousandths
of an em, regular and bold apart. The planner sizes the PPTX's display text boxes by
these widths (poster.fallback); shipping them, not reading the system's files at run
time, keeps a render the same on every machine.

    apt-get download fonts-dejavu-core fonts-liberation2   # or use the installed ones
    python tools/make_fallback_widths.py /usr/share/fonts/truetype/dejavu \
        /usr/share/fonts/truetype/liberation2
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

from fontTools.ttLib import TTFont

OUT = Path(__file__).resolve().parents[1] / "src" / "poster" / "data" / "fallback-widths.json"
FILES = {
    "regular": ("DejaVuSans.ttf", "LiberationSans-Regular.ttf"),
    "bold": ("DejaVuSans-Bold.ttf", "LiberationSans-Bold.ttf"),
}
RANGES = [(0x20, 0x7E), (0xA0, 0x24F), (0x1E00, 0x1EFF), (0x2000, 0x206F), (0x20AB, 0x20AC)]


def advances(path: Path) -> dict[int, float]:
    font = TTFont(path)
    upm = font["head"].unitsPerEm
    hmtx = font["hmtx"]
    return {cp: hmtx[name][0] * 1000 / upm for cp, name in font.getBestCmap().items()}


def find(folders: list[Path], name: str) -> Path:
    for folder in folders:
        if (folder / name).exists():
            return folder / name
    raise SystemExit(f"{name} not found in {', '.join(map(str, folders))}")


def main(folders: list[Path]) -> None:
    table: dict[str, dict[str, int]] = {}
    sources = []
    for weight, names in FILES.items():
        fonts = [advances(find(folders, n)) for n in names]
        sources += [find(folders, n).name for n in names]
        widths = {}
        for lo, hi in RANGES:
            for cp in range(lo, hi + 1):
                if all(cp in f for f in fonts):
                    widths[chr(cp)] = round(max(f[cp] for f in fonts) + 0.4999)  # rounded up
        table[weight] = widths
    out = {"fonts": sources, "unit": "1/1000 em", **table}
    OUT.write_text(json.dumps(out, ensure_ascii=False, sort_keys=True) + "\n", encoding="utf-8")
    print(f"{OUT}: {len(table['regular'])} regular, {len(table['bold'])} bold characters")


if __name__ == "__main__":
    main([Path(p) for p in sys.argv[1:]] or [Path("/usr/share/fonts/truetype/dejavu")])
