"""Benchmark `poster serve`: a burst of concurrent previews, then of PDF downloads.

    python bench/serve.py [--previews 50] [--downloads 20] [--json]

Starts the server in a subprocess on a free loopback port (127.0.0.1 only), sends
`--previews` preview requests at once (each for another commune of the built-in
list), then `--downloads` PDF downloads at once (each with a 800 × 800 logo), and
reports p50/p95/max latency per kind, the errors, and the server's peak memory (its
own process and its worker processes, sampled every 20 ms). Then stops the server.
Target (issue 6), on the 2-core machine: p95 preview under 2 s, no errors.
"""

from __future__ import annotations

import argparse
import http.client
import io
import json
import os
import queue
import re
import statistics
import subprocess
import sys
import threading
import time
import uuid
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from poster.localities import localities  # noqa: E402

HOST = "127.0.0.1"  # loopback only


def start_server() -> tuple[subprocess.Popen, int]:
    process = subprocess.Popen(
        [sys.executable, "-m", "poster.web", "--host", HOST, "--port", "0"],
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        encoding="utf-8",
        env={**os.environ, "PYTHONUNBUFFERED": "1", "PYTHONPATH": str(ROOT / "src")},
    )
    lines: queue.Queue[str] = queue.Queue()
    threading.Thread(target=lambda: [lines.put(x) for x in process.stdout], daemon=True).start()
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            line = lines.get(timeout=0.5)
        except queue.Empty:
            if process.poll() is not None:
                break
            continue
        m = re.match(rf"Mở trình duyệt: http://{re.escape(HOST)}:(\d+)", line)
        if m:
            return process, int(m[1])
    process.kill()
    raise SystemExit("the server did not start")


def multipart(fields: dict[str, str], logo: bytes | None) -> tuple[bytes, str]:
    boundary = uuid.uuid4().hex
    out = io.BytesIO()
    for name, value in fields.items():
        out.write(f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"\r\n\r\n'.encode())
        out.write(value.encode() + b"\r\n")
    if logo is not None:
        out.write(
            f'--{boundary}\r\nContent-Disposition: form-data; name="logo"; filename="logo.png"\r\n'
            "Content-Type: image/png\r\n\r\n".encode()
        )
        out.write(logo + b"\r\n")
    out.write(f"--{boundary}--\r\n".encode())
    return out.getvalue(), f"multipart/form-data; boundary={boundary}"


def request(port: int, path: str, body: bytes, ctype: str) -> tuple[float, int, int]:
    start = time.perf_counter()
    conn = http.client.HTTPConnection(HOST, port, timeout=120)
    try:
        conn.request("POST", path, body, {"Content-Type": ctype})
        response = conn.getresponse()
        data = response.read()
        return time.perf_counter() - start, response.status, len(data)
    except OSError:
        return time.perf_counter() - start, 0, 0
    finally:
        conn.close()


def family(pid: int) -> list[int]:
    """The server and its children: the worker processes and multiprocessing's tracker."""
    pids = [pid]
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            try:
                stat = Path(f"/proc/{entry}/stat").read_text()
            except OSError:
                continue
            if int(stat.rsplit(")", 1)[1].split()[1]) == pid:
                pids.append(int(entry))
    return pids


def is_tracker(pid: int) -> bool:
    try:
        return b"resource_tracker" in Path(f"/proc/{pid}/cmdline").read_bytes()
    except OSError:
        return False


def status_kb(pid: int, key: str) -> int:
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith(key + ":"):
                return int(line.split()[1])
    except OSError:
        pass
    return 0


class Memory(threading.Thread):
    """Peak of the summed resident memory of the server and its workers."""

    def __init__(self, pid: int):
        super().__init__(daemon=True)
        self.pid, self.peak_kb, self.running = pid, 0, True

    def run(self) -> None:
        while self.running:
            total = sum(status_kb(p, "VmRSS") for p in family(self.pid))
            self.peak_kb = max(self.peak_kb, total)
            time.sleep(0.02)


def burst(port: int, path: str, bodies: list[tuple[bytes, str]]) -> dict:
    with ThreadPoolExecutor(len(bodies)) as pool:
        start = time.perf_counter()
        results = list(pool.map(lambda b: request(port, path, *b), bodies))
        wall = time.perf_counter() - start
    times = sorted(r[0] for r in results)
    errors = [r[1] for r in results if r[1] != 200]
    return {
        "requests": len(results),
        "p50_s": round(statistics.median(times), 3),
        "p95_s": round(times[max(0, round(0.95 * len(times)) - 1)], 3),
        "max_s": round(times[-1], 3),
        "wall_s": round(wall, 3),
        "errors": len(errors),
        "statuses": sorted(set(errors)),
        "mean_bytes": round(statistics.mean(r[2] for r in results)),
    }


def logo_png() -> bytes:
    from PIL import Image, ImageDraw

    image = Image.new("RGBA", (800, 800), (0, 0, 0, 0))
    ImageDraw.Draw(image).ellipse((10, 10, 790, 790), fill="#C8102E")
    buf = io.BytesIO()
    image.save(buf, "PNG")
    return buf.getvalue()


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--previews", type=int, default=50)
    parser.add_argument("--downloads", type=int, default=20)
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()

    units = localities()[:: max(1, len(localities()) // max(args.previews, args.downloads))]
    logo = logo_png()
    previews = [
        multipart(
            {"name": u.name, "authority": "\n".join(u.authority), "layout": "a1-portrait"}, None
        )
        for u in units[: args.previews]
    ]
    # with the logo, one authority line (two and a logo do not fit the header yet)
    downloads = [
        multipart({"name": u.name, "authority": u.authority[0], "layout": "a1-portrait"}, logo)
        for u in units[: args.downloads]
    ]

    process, port = start_server()
    memory = Memory(process.pid)
    try:
        idle_kb = sum(status_kb(p, "VmRSS") for p in family(process.pid))
        warm = request(port, "/api/preview", *previews[0])  # the workers have warmed up
        if warm[1] != 200:
            raise SystemExit(f"warm-up preview failed: HTTP {warm[1]}")
        conn = http.client.HTTPConnection(HOST, port, timeout=10)
        conn.request("GET", "/api/status")
        workers = json.loads(conn.getresponse().read())["workers"]
        conn.close()
        memory.start()
        report = {
            "cpus": os.cpu_count(),
            "workers": workers,
            "preview": burst(port, "/api/preview", previews),
            "download_pdf": burst(port, "/api/download", downloads),
        }
        memory.running = False
        memory.join()
        hwm = {p: status_kb(p, "VmHWM") for p in family(process.pid) if not is_tracker(p)}
        report["rss_idle_mb"] = round(idle_kb / 1024, 1)
        report["rss_peak_mb"] = round(memory.peak_kb / 1024, 1)
        report["rss_peak_server_mb"] = round(hwm.pop(process.pid, 0) / 1024, 1)
        report["rss_peak_per_worker_mb"] = [round(v / 1024, 1) for v in hwm.values()]
    finally:
        process.terminate()
        try:
            process.wait(10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
        process.stdout.close()

    ok = report["preview"]["p95_s"] < 2.0 and not (
        report["preview"]["errors"] or report["download_pdf"]["errors"]
    )
    report["target_met"] = ok
    if args.json:
        print(json.dumps(report, indent=2))
        return 0 if ok else 1
    print(f"server: {report['workers']} worker processes on {report['cpus']} CPUs")
    for kind in ("preview", "download_pdf"):
        r = report[kind]
        print(
            f"{kind:<13} {r['requests']:>3} at once: p50 {r['p50_s']:.2f} s, "
            f"p95 {r['p95_s']:.2f} s, max {r['max_s']:.2f} s, all done in {r['wall_s']:.2f} s, "
            f"errors {r['errors']}{' ' + str(r['statuses']) if r['statuses'] else ''}, "
            f"{r['mean_bytes'] / 1024:.0f} KB each"
        )
    print(
        f"memory: {report['rss_idle_mb']} MB idle, peak {report['rss_peak_mb']} MB "
        f"(server {report['rss_peak_server_mb']} MB, workers "
        f"{', '.join(str(w) for w in report['rss_peak_per_worker_mb'])} MB at their peaks)"
    )
    print(f"target (p95 preview < 2 s, no errors): {'met' if ok else 'NOT met'}")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
