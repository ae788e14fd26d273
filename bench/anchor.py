"""The Typst anchor: the same A1 poster made with Typst, to time `poster` against.

    python bench/anchor.py [--runs 7] [--n 50]

Typst is the fastest typesetter an officer's IT person could reach for; its Python
binding (`pip install typst`) compiles bench/anchor/poster.typ, a plain 3-column grid of
the 17 differences with the header, key, footer and QR code drawn from the same content,
brand and QR matrix. `whole_process` times one poster from a fresh interpreter (as
`poster render` is timed); `batch` renders N brand variants in one process (as
`poster batch -j 1` does). Both give None when the binding is not installed, and the
benchmarks then print poster's figures alone.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
TEMPLATE = ROOT / "bench" / "anchor" / "poster.typ"
FONTS = ROOT / "src" / "poster" / "data" / "fonts"
PALETTE = ["#B3261E", "#0B4F8A", "#1E7B4A", "#6A1B9A", "#8A4B08", "#00695C", "#283593"]


def available() -> bool:
    try:
        import typst  # noqa: F401
    except ImportError:
        return False
    return True


def data(i: int | None = None) -> dict[str, object]:
    """The poster's data as the template reads it: the default brand, or variant `i`."""
    sys.path.insert(0, str(ROOT / "src"))
    import qrcode

    from poster.spec import load_brand, load_content

    content, brand = load_content(), load_brand("default")
    qr = qrcode.QRCode(error_correction=qrcode.constants.ERROR_CORRECT_Q, border=0)
    qr.add_data(brand.qr.url if brand.qr else "https://t63.mic.gov.vn")
    matrix = [[bool(v) for v in row] for row in qr.get_matrix()]
    name = brand.name if i is None else f"Xã Thử Nghiệm {i + 1}"
    authority = list(brand.authority) if i is None else [f"UBND XÃ THỬ NGHIỆM {i + 1}"]
    return {
        "title": content.title,
        "name": name,
        "authority": authority,
        "labels": {"left": content.labels.left, "right": content.labels.right},
        "items": [
            {"n": t.n, "heading": t.heading, "left": t.left, "right": t.right}
            for t in content.items
        ],
        "source": content.source,
        "footer": name,
        "primary": PALETTE[i % len(PALETTE)] if i is not None else brand.colors.primary.hex(),
        "left": brand.colors.left.hex(),
        "right": brand.colors.right.hex(),
        "qr": matrix,
    }


# One poster from a fresh interpreter, from the same inputs as `poster render`: the
# content and brand YAML read with PyYAML, the QR matrix made with qrcode (both
# dependencies of poster too), then Typst typesets and writes the PDF.
_ONE = """
import json, sys, qrcode, typst, yaml
template, out, fonts, content_file, brand_file = sys.argv[1:]
c = yaml.safe_load(open(content_file, encoding="utf-8"))
b = yaml.safe_load(open(brand_file, encoding="utf-8"))
qr = qrcode.QRCode(error_correction=qrcode.constants.ERROR_CORRECT_Q, border=0)
qr.add_data(b["qr"]["url"])
colors = b["colors"]
data = {"title": c["title"], "name": b["name"], "authority": b["authority"],
        "labels": c["labels"], "items": c["items"], "source": c["source"], "footer": b["name"],
        "primary": colors["primary"], "left": colors["left"], "right": colors["right"],
        "qr": [[bool(v) for v in row] for row in qr.get_matrix()]}
typst.compile(template, output=out, font_paths=[fonts], ignore_system_fonts=True,
              sys_inputs={"data": json.dumps(data)})
"""


def whole_process(runs: int) -> float | None:
    """Median wall time of one Typst poster from a fresh interpreter, in seconds."""
    if not available():
        return None
    times = []
    data = ROOT / "src" / "poster" / "data" / "content"
    with tempfile.TemporaryDirectory() as tmp:
        cmd = [sys.executable, "-c", _ONE, str(TEMPLATE), str(Path(tmp) / "a.pdf"), str(FONTS),
               str(data / "differences.yaml"), str(data / "brands" / "default.yaml")]  # fmt: skip
        env = {k: v for k, v in os.environ.items() if k != "PYTHONPATH"}
        for _ in range(runs):
            t0 = time.perf_counter()
            subprocess.run(cmd, check=True, capture_output=True, env=env)
            times.append(time.perf_counter() - t0)
    return statistics.median(times)


def batch(n: int, runs: int = 3) -> float | None:
    """Posters per second rendering `n` brand variants in one process (median of runs)."""
    if not available():
        return None
    import typst

    variants = [json.dumps(data(i)) for i in range(n)]
    compiler = typst.Compiler(str(TEMPLATE), font_paths=[str(FONTS)], ignore_system_fonts=True)
    rates = []
    with tempfile.TemporaryDirectory() as tmp:
        for _ in range(runs):
            t0 = time.perf_counter()
            for i, v in enumerate(variants):
                compiler.compile(output=str(Path(tmp) / f"{i}.pdf"), sys_inputs={"data": v})
            rates.append(n / (time.perf_counter() - t0))
    return statistics.median(rates)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--n", type=int, default=50)
    parser.add_argument("-o", help="also write the default poster to this PDF")
    args = parser.parse_args()
    if not available():
        print("the Typst anchor needs the typst package: pip install typst")
        return 1
    if args.o:
        import typst

        typst.compile(
            str(TEMPLATE),
            output=args.o,
            font_paths=[str(FONTS)],
            ignore_system_fonts=True,
            sys_inputs={"data": json.dumps(data())},
        )
    wall = whole_process(args.runs)
    rate = batch(args.n)
    assert wall is not None and rate is not None
    print(f"Typst, whole process (median of {args.runs}): {wall * 1000:.0f} ms")
    print(f"Typst, {args.n} brands in one process: {rate:.1f} posters/s")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
