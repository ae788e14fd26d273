"""Benchmark `poster serve`: a burst of concurrent previews, then of PDF downloads.

    python bench/serve.py [--previews 100] [--downloads 20] [--clients 25] [--json]

Starts the server in a subprocess on a free loopback port (127.0.0.1 only), sends
`--previews` preview requests at once (each for another commune of the built-in
list), then `--downloads` PDF downloads at once (each with a 800 × 800 logo), from
`--clients` client addresses (127.0.0.2, 127.0.0.3…: the loopback network, so that the
server's per-client limit sees several officers, as it would). Each request that is
told to wait (503 or 429 with Retry-After) tries again after that many seconds, as
the page does. Reports per kind the first answers' statuses, p50/p95/max time until
the file came (retries included), any 5xx other than a 503 with Retry-After, and the
server's peak memory (its own process and its workers, sampled every 20 ms).
Target on the 2-core machine: no 5xx but 503 with Retry-After, every request served.
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


def request(port: int, path: str, body: bytes, ctype: str, source: str, retries: int = 20) -> dict:
    """POST until served (or refused for good); the first status, the last, the time."""
    start = time.perf_counter()
    first, bad, size = 0, [], 0
    for _ in range(retries + 1):
        conn = http.client.HTTPConnection(HOST, port, timeout=120, source_address=(source, 0))
        try:
            conn.request("POST", path, body, {"Content-Type": ctype})
            response = conn.getresponse()
            data = response.read()
            status, retry = response.status, response.getheader("Retry-After")
        except OSError:
            status, retry, data = 0, None, b""
        finally:
            conn.close()
        first = first or status
        size = len(data)
        if status >= 500 and not (status == 503 and retry and retry.isdigit()):
            bad.append(status)  # a failure, not a "come back later"
        if status in (429, 503) and retry and retry.isdigit():
            time.sleep(int(retry))
            continue
        break
    return {"s": time.perf_counter() - start, "first": first, "last": status, "bad": bad,
            "bytes": size}  # fmt: skip


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


def burst(port: int, path: str, bodies: list[tuple[bytes, str]], clients: int) -> dict:
    sources = [f"127.0.0.{2 + i % clients}" for i in range(len(bodies))]
    with ThreadPoolExecutor(len(bodies)) as pool:
        start = time.perf_counter()
        results = list(
            pool.map(lambda a: request(port, path, *a[0], a[1]), zip(bodies, sources, strict=True))
        )
        wall = time.perf_counter() - start
    served = [r for r in results if r["last"] == 200]
    times = sorted(r["s"] for r in served) or [0.0]
    firsts: dict[str, int] = {}
    for r in results:
        firsts[str(r["first"])] = firsts.get(str(r["first"]), 0) + 1
    return {
        "requests": len(results),
        "served": len(served),
        "first_statuses": dict(sorted(firsts.items())),
        "p50_s": round(statistics.median(times), 3),
        "p95_s": round(times[max(0, round(0.95 * len(times)) - 1)], 3),
        "max_s": round(times[-1], 3),
        "wall_s": round(wall, 3),
        "bad_5xx": sorted(s for r in results for s in r["bad"]),
        "mean_bytes": round(statistics.mean(r["bytes"] for r in served)) if served else 0,
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
    parser.add_argument("--previews", type=int, default=100)
    parser.add_argument("--downloads", type=int, default=20)
    parser.add_argument("--clients", type=int, default=25, help="client addresses")
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
        warm = request(port, "/api/preview", *previews[0], HOST)  # the workers have warmed up
        if warm["last"] != 200:
            raise SystemExit(f"warm-up preview failed: HTTP {warm['last']}")
        conn = http.client.HTTPConnection(HOST, port, timeout=10)
        conn.request("GET", "/api/status")
        workers = json.loads(conn.getresponse().read())["workers"]
        conn.close()
        memory.start()
        report = {
            "cpus": os.cpu_count(),
            "workers": workers,
            "preview": burst(port, "/api/preview", previews, args.clients),
            "download_pdf": burst(port, "/api/download", downloads, args.clients),
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

    ok = all(
        report[k]["served"] == report[k]["requests"] and not report[k]["bad_5xx"]
        for k in ("preview", "download_pdf")
    )
    report["target_met"] = ok
    if args.json:
        print(json.dumps(report, indent=2))
        return 0 if ok else 1
    print(f"server: {report['workers']} worker processes on {report['cpus']} CPUs")
    for kind in ("preview", "download_pdf"):
        r = report[kind]
        firsts = ", ".join(f"{n}× {s}" for s, n in r["first_statuses"].items())
        print(
            f"{kind:<13} {r['requests']:>3} at once from {args.clients} clients: first answers "
            f"{firsts}; served {r['served']} (retrying after Retry-After): p50 {r['p50_s']:.2f} s, "
            f"p95 {r['p95_s']:.2f} s, max {r['max_s']:.2f} s, all done in {r['wall_s']:.2f} s; "
            f"other 5xx: {r['bad_5xx'] or 'none'}; {r['mean_bytes'] / 1024:.0f} KB each"
        )
    print(
        f"memory: {report['rss_idle_mb']} MB idle, peak {report['rss_peak_mb']} MB "
        f"(server {report['rss_peak_server_mb']} MB, workers "
        f"{', '.join(str(w) for w in report['rss_peak_per_worker_mb'])} MB at their peaks)"
    )
    print(f"target (every request served, no 5xx but 503 with Retry-After): "
          f"{'met' if ok else 'NOT met'}")  # fmt: skip
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
