"""Benchmark `poster render`: whole process, in-process rate, PDF size, memory, solved sizes.

    python bench/render.py [--runs 7] [--variants 50] [--json]

Every figure is the median of several runs. Targets (issue 2): in-process ≥ 50
posters/s on one core, whole process ≤ 0.3 s, default A1 PDF ≤ 48 KB.
"""

from __future__ import annotations

import argparse
import compileall
import json
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from poster.outputs import Request, produce  # noqa: E402
from poster.resources import BRAND_ANCHOR  # noqa: E402
from poster.spec import (  # noqa: E402
    brand_from_dict,
    layout_names,
    load_brand,
    load_content,
    load_layout,
)

# In-process variants exercise the real per-brand work: header, footer, colours. They
# share the portal URL, as real brands do (its QR matrix is computed once).
PALETTE = ["#B3261E", "#0B4F8A", "#1E7B4A", "#6A1B9A", "#8A4B08", "#00695C", "#283593"]


def variants(n: int) -> list:
    out = []
    for i in range(n):
        data = {
            "name": f"Xã Thử Nghiệm {i + 1}",
            "authority": [f"UBND XÃ THỬ NGHIỆM {i + 1}", "TỈNH QUẢNG NINH"],
            "colors": {"primary": PALETTE[i % len(PALETTE)]},
            "footer": f"Xã Thử Nghiệm {i + 1}, tháng 11 năm 2026",
        }
        out.append(brand_from_dict(data, BRAND_ANCHOR / f"bench-{i}.yaml"))
    return out


def whole_process(runs: int) -> tuple[float, int]:
    """Median wall time of `python -m poster render` (default poster) and its peak RSS in KB."""
    times = []
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp) / "default.pdf"
        cmd = [sys.executable, "-m", "poster", "render", "-o", str(out)]
        env = {**os.environ, "PYTHONPATH": str(ROOT / "src")}
        for _ in range(runs):
            t0 = time.perf_counter()
            subprocess.run(cmd, check=True, capture_output=True, env=env)
            times.append(time.perf_counter() - t0)
    peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    return statistics.median(times), peak


def in_process(n: int, runs: int) -> tuple[float, float]:
    """Posters per second rendering `n` brand variants of a1-portrait: (first pass, warm)."""
    content, layout = load_content(), load_layout("a1-portrait")
    brands = variants(n)
    rates = []
    for _ in range(runs):
        t0 = time.perf_counter()
        for brand in brands:
            produce(Request(content, layout, brand))
        rates.append(n / (time.perf_counter() - t0))
    return rates[0], statistics.median(rates[1:] or rates)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--variants", type=int, default=50)
    parser.add_argument("--json", action="store_true", help="print the figures as JSON")
    args = parser.parse_args()

    # an installed wheel has its bytecode compiled; a checkout run with
    # PYTHONDONTWRITEBYTECODE=1 (as on CI machines) would compile every module on every
    # start and time the compiler, not the program
    compileall.compile_dir(ROOT / "src", quiet=1)
    wall, peak_kb = whole_process(args.runs)
    content = load_content()
    _, (art,) = produce(Request(content, load_layout("a1-portrait"), load_brand("default")))
    pdf = art.data
    first, warm = in_process(args.variants, max(3, args.runs // 2))
    sizes = {}
    for name in layout_names():
        doc, _ = produce(Request(content, load_layout(name), load_brand("default")))
        sizes[name] = {"body_pt": doc.body_size, "heading_pt": doc.heading_size}

    figures = {
        "whole_process_s": round(wall, 3),
        "in_process_first_pass_posters_per_s": round(first, 1),
        "in_process_warm_posters_per_s": round(warm, 1),
        "ms_per_poster_warm": round(1000 / warm, 1),
        "pdf_kb_default_a1": round(len(pdf) / 1024, 1),
        "peak_rss_mb_whole_process": round(peak_kb / 1024, 1),
        "solved_sizes": sizes,
    }
    if args.json:
        print(json.dumps(figures, indent=2))
        return 0
    print(f"whole process (median of {args.runs}): {wall * 1000:.0f} ms   target ≤ 300 ms")
    print(
        f"in process, {args.variants} brands of a1-portrait: first pass {first:.1f} posters/s,"
        f" warm {warm:.1f} posters/s ({1000 / warm:.1f} ms each)   target ≥ 50/s"
    )
    print(f"PDF size, default A1: {len(pdf) / 1024:.1f} KB   target ≤ 48 KB")
    print(f"peak memory, whole process: {peak_kb / 1024:.1f} MB")
    for name, s in sizes.items():
        print(f"  {name:<14} body {s['body_pt']:5.1f} pt   heading {s['heading_pt']:5.1f} pt")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
