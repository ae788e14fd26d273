"""Benchmark `poster render`: whole process, in-process rate, PDF size, memory, solved sizes.

    python bench/render.py [--runs 7] [--variants 50] [--json]

Every figure is the median of several runs. Where the Typst anchor is installed
(`pip install typst`, see bench/anchor.py), the same poster made with Typst is timed in
the same run, its runs interleaved with poster's so both see the same machine, and the
ratios are printed. Targets (issue 24): whole process ≤ 1.5 × Typst's, 50 brands in one
process ≥ 3 × Typst's rate; default A1 PDF ≤ 48 KB.
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
sys.path.insert(0, str(ROOT / "bench"))

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


def whole_process(runs: int, cache: str) -> tuple[float, float | None, int]:
    """Median wall time of `python -m poster render` (default poster), of the Typst anchor
    in the same runs (None without it), and poster's peak RSS in KB. `cache`: the solved
    sizes' folder (a user's second render) or "off" (the first render ever)."""
    import anchor

    times, typst_times = [], []
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp) / "default.pdf"
        cmd = [sys.executable, "-m", "poster", "render", "-o", str(out)]
        env = {**os.environ, "PYTHONPATH": str(ROOT / "src"), "POSTER_CACHE_DIR": cache}
        subprocess.run(cmd, check=True, capture_output=True, env=env)  # fills the cache
        for _ in range(runs):
            t0 = time.perf_counter()
            subprocess.run(cmd, check=True, capture_output=True, env=env)
            times.append(time.perf_counter() - t0)
            typst = anchor.whole_process(1)
            if typst is not None:
                typst_times.append(typst)
    peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    typst_median = statistics.median(typst_times) if typst_times else None
    return statistics.median(times), typst_median, peak


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
    with tempfile.TemporaryDirectory() as cache:
        wall, typst_wall, peak_kb = whole_process(args.runs, cache)
    cold, typst_cold, _ = whole_process(args.runs, "off")
    content = load_content()
    _, (art,) = produce(Request(content, load_layout("a1-portrait"), load_brand("default")))
    pdf = art.data
    first, warm = in_process(args.variants, max(3, args.runs // 2))
    import anchor

    typst_rate = anchor.batch(args.variants)
    sizes = {}
    for name in layout_names():
        doc, _ = produce(Request(content, load_layout(name), load_brand("default")))
        sizes[name] = {"body_pt": doc.body_size, "heading_pt": doc.heading_size}

    figures = {
        "whole_process_s": round(wall, 3),
        "whole_process_first_ever_s": round(cold, 3),
        "typst_whole_process_s": round(typst_wall, 3) if typst_wall else None,
        "whole_process_over_typst": round(wall / typst_wall, 2) if typst_wall else None,
        "first_ever_over_typst": round(cold / typst_cold, 2) if typst_cold else None,
        "typst_posters_per_s": round(typst_rate, 1) if typst_rate else None,
        "warm_rate_over_typst": round(warm / typst_rate, 2) if typst_rate else None,
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
    print(f"whole process (median of {args.runs}): {wall * 1000:.0f} ms, the first render ever"
          f" (no solved sizes kept) {cold * 1000:.0f} ms")  # fmt: skip
    if typst_wall and typst_cold:
        ratio, first_ratio = wall / typst_wall, cold / typst_cold
        print(f"  Typst in the same runs: {typst_wall * 1000:.0f} ms; poster / Typst "
              f"{ratio:.2f} (first ever {first_ratio:.2f})   target ≤ 1.5")  # fmt: skip
    print(
        f"in process, {args.variants} brands of a1-portrait: first pass {first:.1f} posters/s,"
        f" warm {warm:.1f} posters/s ({1000 / warm:.1f} ms each)"
    )
    if typst_rate:
        print(f"  Typst, the same brands in one process: {typst_rate:.1f} posters/s; poster / "
              f"Typst {warm / typst_rate:.2f}   target ≥ 3")  # fmt: skip
    print(f"PDF size, default A1: {len(pdf) / 1024:.1f} KB   target ≤ 48 KB")
    print(f"peak memory, whole process: {peak_kb / 1024:.1f} MB")
    for name, s in sizes.items():
        print(f"  {name:<14} body {s['body_pt']:5.1f} pt   heading {s['heading_pt']:5.1f} pt")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
