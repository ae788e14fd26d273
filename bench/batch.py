"""Benchmark `poster batch`: N communes from the built-in list on a1-portrait.

    python bench/batch.py [--n 300] [--runs 3] [--national] [--json]

Reports posters per second with 1 worker and with every CPU, ms per poster, peak
memory per worker process and the total output size; each figure the median of
several runs into fresh folders. Where the Typst anchor is installed (bench/anchor.py),
50 communes with one worker are compared with Typst rendering 50 posters in one
process, in the same run. `--national` times all 3,321 communes with every CPU.
Targets (issue 24): 50 brands with one worker ≥ 3 × Typst's rate; the national run
≤ 8 s on 2 cores.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import statistics
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))
sys.path.insert(0, str(ROOT / "bench"))

from poster.batch import commune_sources, run_batch  # noqa: E402


def one_run(n: int, jobs: int) -> tuple[float, int, int]:
    sources = commune_sources(None)[:n]
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp) / "out"
        summary = run_batch(
            sources, ["a1-portrait"], "pdf", out, jobs, True, None, [], lambda *a: None
        )
        assert summary.failed == 0, summary.failures[:3]
        size = sum(p.stat().st_size for p in out.glob("*.pdf"))
    return summary.rendered / summary.seconds, summary.rendered, size


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=300)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--national", action="store_true", help="also all 3,321 communes")
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()
    cpus = os.cpu_count() or 1
    figures: dict[str, object] = {}
    import anchor

    if anchor.available():  # 50 brands, one worker, against Typst: runs interleaved
        ours, typst = [], []
        for _ in range(args.runs):
            ours.append(one_run(50, 1)[0])
            typst.append(anchor.batch(50, runs=1) or 0.0)
        figures["fifty_one_worker_posters_per_s"] = round(statistics.median(ours), 1)
        figures["typst_fifty_posters_per_s"] = round(statistics.median(typst), 1)
        figures["fifty_over_typst"] = round(statistics.median(ours) / statistics.median(typst), 2)
    for jobs in sorted({1, cpus}):
        rates, sizes = [], []
        for _ in range(args.runs):
            rate, _, size = one_run(args.n, jobs)
            rates.append(rate)
            sizes.append(size)
        figures[f"{jobs}_worker{'s' if jobs > 1 else ''}"] = {
            "posters_per_s": round(statistics.median(rates), 1),
            "ms_per_poster": round(1000 / statistics.median(rates), 2),
            "output_mb": round(statistics.median(sizes) / 1e6, 1),
        }
    peak_mb = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    figures["peak_rss_per_worker_mb"] = round(peak_mb, 1)
    figures["n"] = args.n
    best = max(v["posters_per_s"] for k, v in figures.items() if isinstance(v, dict))
    figures["national_run_estimate_s"] = round(3321 / best, 1)
    if args.national:
        rate, count, _ = one_run(3321, cpus)
        figures["national_run_s"] = round(count / rate, 1)
    if args.json:
        print(json.dumps(figures, indent=2))
        return 0
    if "fifty_over_typst" in figures:
        print(f"50 communes, 1 worker: {figures['fifty_one_worker_posters_per_s']} posters/s; "
              f"Typst, 50 posters in one process: {figures['typst_fifty_posters_per_s']}/s; "
              f"poster / Typst {figures['fifty_over_typst']}   target ≥ 3")  # fmt: skip
    for key, v in figures.items():
        if isinstance(v, dict):
            print(
                f"{key:>10}: {v['posters_per_s']:6.1f} posters/s"
                f"  {v['ms_per_poster']:6.2f} ms/poster  output {v['output_mb']} MB for {args.n}"
            )
    print(f"peak memory per worker: {peak_mb:.1f} MB")
    estimate = figures["national_run_estimate_s"]
    print(f"all 3,321 communes at the best rate: {estimate} s")
    if args.national:
        print(f"all 3,321 communes, {cpus} workers: {figures['national_run_s']} s   target ≤ 8 s")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
