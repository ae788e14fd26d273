"""Benchmark `poster serve`: bursts, officers with phone photos, and memory over time.

    python bench/serve.py [--previews 100] [--downloads 20] [--clients 25]
                          [--phone-clients 8] [--each 12] [--memory 500] [--json]

Starts the server in a subprocess on a free loopback port (127.0.0.1 only) and runs:

1. A burst: `--previews` preview requests at once (each for another commune of the
   built-in list), then `--downloads` PDF downloads at once (each with its own logo,
   sent once to /api/logo and then named by its token), from `--clients` client
   addresses (127.0.0.2, 127.0.0.3…: the loopback network, so that the server's
   per-client limit sees several officers). A request told to wait (503 or 429 with
   Retry-After) tries again after that many seconds, as the page does.
2. Officers with phone photos: `--phone-clients` clients at once, each from its own
   address, uploads a 4032 × 3024 phone JPEG (4.7 MB, EXIF orientation 6) once, then
   asks for `--each` previews one after the other (another colour or footer each time,
   no pause: harsher than an officer typing). Target: preview p95 ≤ 1.0 s.
3. Memory: `--memory` requests (previews of every layout, a new logo every tenth,
   downloads), two clients at once. Target: the server and each worker within 30 MB
   of their resident memory after the first 20.

Exit status 1 when a target is missed. Set a number to 0 to skip its part.
"""

from __future__ import annotations

import argparse
import http.client
import io
import json
import math
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


def logo_png(n: int = 0) -> bytes:
    """An 800 px round emblem, a little different for each `n` (another token)."""
    from PIL import Image, ImageDraw

    image = Image.new("RGBA", (800, 800), (0, 0, 0, 0))
    ImageDraw.Draw(image).ellipse((10, 10, 790, 790), fill=(200, 16 + n % 200, 46))
    buf = io.BytesIO()
    image.save(buf, "PNG")
    return buf.getvalue()


def phone_photo(n: int = 0) -> bytes:
    """A phone's photo: 4032 × 3024 pixels stored sideways with EXIF orientation 6, grain
    enough to weigh about 4.7 MB as a real one does; `n` makes each officer's distinct."""
    from PIL import Image, ImageDraw

    grain = Image.effect_noise((1008, 756), 64).convert("L").resize((4032, 3024))
    photo = Image.merge("RGB", [grain.point(lambda v, c=c: max(0, min(255, c + v - 128)))
                                for c in (60 + n * 20 % 150, 120, 170)])  # fmt: skip
    ImageDraw.Draw(photo).ellipse((1000, 500, 3000, 2500), fill=(200, 16, 46))
    exif = Image.Exif()
    exif[0x0112] = 6
    buf = io.BytesIO()
    photo.save(buf, "JPEG", quality=95, exif=exif.tobytes())
    return buf.getvalue()


def upload(port: int, logo: bytes, source: str) -> tuple[str, float]:
    """POST /api/logo: the token and the seconds it took."""
    body, ctype = multipart({}, logo)
    started = time.perf_counter()
    conn = http.client.HTTPConnection(HOST, port, timeout=120, source_address=(source, 0))
    try:
        conn.request("POST", "/api/logo", body, {"Content-Type": ctype})
        response = conn.getresponse()
        data = response.read()
        if response.status != 200:
            raise SystemExit(f"/api/logo: HTTP {response.status}: {data[:200]!r}")
    finally:
        conn.close()
    return json.loads(data)["token"], time.perf_counter() - started


def percentile(times: list[float], q: float) -> float:
    ordered = sorted(times) or [0.0]
    return ordered[max(0, math.ceil(q * len(ordered)) - 1)]


def phone_clients(port: int, clients: int, each: int) -> dict:
    """`clients` officers at once, each with its phone photo sent once, then `each`
    previews in a row."""
    photos = [phone_photo(n) for n in range(clients)]
    units = localities()[:: max(1, len(localities()) // clients)][:clients]

    def officer(n: int) -> tuple[float, list[float], list[int]]:
        source = f"127.0.0.{2 + n}"
        token, sent = upload(port, photos[n], source)
        unit = units[n]
        times, statuses = [], []
        for i in range(each):
            fields = {"name": unit.name, "authority": unit.authority[0], "layout": "a1-portrait",
                      "logo_token": token, "footer": f"Ủy ban nhân dân {unit.name} ({i})",
                      "colors.primary": f"#{0x80 + i * 5:02X}2020"}  # fmt: skip
            r = request(port, "/api/preview", *multipart(fields, None), source)
            times.append(r["s"])
            statuses.append(r["last"])
        return sent, times, statuses

    started = time.perf_counter()
    with ThreadPoolExecutor(clients) as pool:
        results = list(pool.map(officer, range(clients)))
    wall = time.perf_counter() - started
    times = [t for _, ts, _ in results for t in ts]
    statuses = [s for _, _, ss in results for s in ss]
    return {
        "clients": clients,
        "previews": len(times),
        "photo_mb": round(len(photos[0]) / 1024 / 1024, 2),
        "upload_p50_s": round(statistics.median(r[0] for r in results), 3),
        "upload_max_s": round(max(r[0] for r in results), 3),
        "not_200": sorted(s for s in statuses if s != 200),
        "p50_s": round(statistics.median(times), 3),
        "p95_s": round(percentile(times, 0.95), 3),
        "max_s": round(max(times), 3),
        "per_s": round(len(times) / wall, 1),
    }


def memory(port: int, pid: int, count: int) -> dict:
    """`count` requests of every kind, two clients at once; resident memory of the server
    and of each worker after the first 20 and at the end."""
    units = localities()[::7]
    layouts = ["a1-portrait", "a0-portrait", "a3-portrait", "slides-16x9", "a2-portrait"]
    tokens: list[str] = []
    done = {"n": 0}
    lock = threading.Lock()
    marks: dict[str, dict[int, int]] = {}

    def rss() -> dict[int, int]:
        return {p: status_kb(p, "VmRSS") for p in family(pid) if not is_tracker(p)}

    def one(i: int) -> int:
        source = f"127.0.0.{2 + i % 2}"
        unit = units[i % len(units)]
        if i % 10 == 0:
            tokens.append(upload(port, logo_png(i), source)[0])
        fields = {"name": unit.name, "authority": unit.authority[0],
                  "layout": layouts[i % len(layouts)], "footer": f"{unit.name} {i}",
                  "qr.url": f"https://example.gov.vn/{i}"}  # fmt: skip
        if tokens and i % 3:
            fields["logo_token"] = tokens[-1]
        path = "/api/download" if i % 10 == 9 else "/api/preview"
        return request(port, path, *multipart(fields, None), source)["last"]

    def client(start: int) -> list[int]:
        out = []
        for i in range(start, count, 2):
            out.append(one(i))
            with lock:
                done["n"] += 1
                if done["n"] == 20:
                    marks["after_20"] = rss()
        return out

    with ThreadPoolExecutor(2) as pool:
        statuses = [s for part in pool.map(client, range(2)) for s in part]
    time.sleep(1.0)  # the last replies sent and freed
    marks["after_all"] = rss()
    first, last = marks["after_20"], marks["after_all"]
    grew = {p: round((last.get(p, 0) - kb) / 1024, 1) for p, kb in first.items()}
    return {
        "requests": count,
        "not_200": sorted(s for s in statuses if s != 200),
        "server_mb": [round(first[pid] / 1024, 1), round(last[pid] / 1024, 1)],
        "workers_mb": [
            [round(first[p] / 1024, 1), round(last.get(p, 0) / 1024, 1)] for p in first if p != pid
        ],
        "grew_mb": max(grew.values()),
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--previews", type=int, default=100)
    parser.add_argument("--downloads", type=int, default=20)
    parser.add_argument("--clients", type=int, default=25, help="client addresses")
    parser.add_argument("--phone-clients", type=int, default=8)
    parser.add_argument("--each", type=int, default=12, help="previews per phone client")
    parser.add_argument("--memory", type=int, default=500, help="requests of the memory run")
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()

    units = localities()[:: max(1, len(localities()) // max(args.previews, args.downloads, 1))]
    previews = [
        multipart(
            {"name": u.name, "authority": "\n".join(u.authority), "layout": "a1-portrait"}, None
        )
        for u in units[: args.previews]
    ]

    process, port = start_server()
    report: dict = {"cpus": os.cpu_count(), "load_before": os.getloadavg()}
    peak = Memory(process.pid)
    try:
        idle_kb = sum(status_kb(p, "VmRSS") for p in family(process.pid))
        warm = request(
            port,
            "/api/preview",
            *multipart({"name": "Xã Khởi Động", "layout": "a1-portrait"}, None),
            HOST,
        )
        if warm["last"] != 200:
            raise SystemExit(f"warm-up preview failed: HTTP {warm['last']}")
        conn = http.client.HTTPConnection(HOST, port, timeout=10)
        conn.request("GET", "/api/status")
        report["workers"] = json.loads(conn.getresponse().read())["workers"]
        conn.close()
        report["rss_idle_mb"] = round(idle_kb / 1024, 1)
        peak.start()
        if args.previews:
            report["preview"] = burst(port, "/api/preview", previews, args.clients)
        if args.downloads:
            # each with its own logo, sent once to /api/logo as the page does
            downloads = []
            for n, u in enumerate(units[: args.downloads]):
                token = upload(port, logo_png(n), f"127.0.0.{2 + n % args.clients}")[0]
                fields = {"name": u.name, "authority": u.authority[0], "layout": "a1-portrait",
                          "logo_token": token}  # fmt: skip
                downloads.append(multipart(fields, None))
            report["download_pdf"] = burst(port, "/api/download", downloads, args.clients)
        if args.phone_clients:
            report["phone"] = phone_clients(port, args.phone_clients, args.each)
        peak.running = False
        peak.join()
        hwm = {p: status_kb(p, "VmHWM") for p in family(process.pid) if not is_tracker(p)}
        report["rss_peak_mb"] = round(peak.peak_kb / 1024, 1)
        report["rss_peak_server_mb"] = round(hwm.pop(process.pid, 0) / 1024, 1)
        report["rss_peak_per_worker_mb"] = [round(v / 1024, 1) for v in hwm.values()]
        if args.memory:
            report["memory"] = memory(port, process.pid, args.memory)
        report["load_after"] = os.getloadavg()
    finally:
        process.terminate()
        try:
            process.wait(10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
        process.stdout.close()

    checks = {}
    for kind in ("preview", "download_pdf"):
        if kind in report:
            r = report[kind]
            checks[kind] = r["served"] == r["requests"] and not r["bad_5xx"]
    if "phone" in report:
        checks["phone"] = report["phone"]["p95_s"] <= 1.0 and not report["phone"]["not_200"]
    if "memory" in report:
        checks["memory"] = report["memory"]["grew_mb"] <= 30 and not report["memory"]["not_200"]
    report["targets"] = checks
    ok = all(checks.values())
    if args.json:
        print(json.dumps(report, indent=2))
        return 0 if ok else 1
    print(f"server: {report['workers']} worker processes on {report['cpus']} CPUs; load "
          f"{' '.join(f'{x:.2f}' for x in report['load_before'])} before")  # fmt: skip
    for kind in ("preview", "download_pdf"):
        if kind not in report:
            continue
        r = report[kind]
        firsts = ", ".join(f"{n}× {s}" for s, n in r["first_statuses"].items())
        print(
            f"{kind:<13} {r['requests']:>3} at once from {args.clients} clients: first answers "
            f"{firsts}; served {r['served']} (retrying after Retry-After): p50 {r['p50_s']:.2f} s, "
            f"p95 {r['p95_s']:.2f} s, max {r['max_s']:.2f} s, all done in {r['wall_s']:.2f} s; "
            f"other 5xx: {r['bad_5xx'] or 'none'}; {r['mean_bytes'] / 1024:.0f} KB each"
        )
    if "phone" in report:
        r = report["phone"]
        print(
            f"phone photos  {r['clients']} officers at once, a {r['photo_mb']} MB photo each "
            f"(sent once: p50 {r['upload_p50_s']:.2f} s, max {r['upload_max_s']:.2f} s), then "
            f"{r['previews']} previews: p50 {r['p50_s']:.2f} s, p95 {r['p95_s']:.2f} s, "
            f"max {r['max_s']:.2f} s, {r['per_s']}/s; not 200: {r['not_200'] or 'none'}"
        )
    print(
        f"memory: {report['rss_idle_mb']} MB idle, peak {report['rss_peak_mb']} MB "
        f"(server {report['rss_peak_server_mb']} MB, workers "
        f"{', '.join(str(w) for w in report['rss_peak_per_worker_mb'])} MB at their peaks)"
    )
    if "memory" in report:
        r = report["memory"]
        workers = ", ".join(f"{a} → {b}" for a, b in r["workers_mb"])
        print(
            f"memory run    {r['requests']} requests: server {r['server_mb'][0]} → "
            f"{r['server_mb'][1]} MB, workers {workers} MB (after 20 → after all); "
            f"most grown {r['grew_mb']} MB; not 200: {r['not_200'] or 'none'}"
        )
    print(f"load after: {' '.join(f'{x:.2f}' for x in report['load_after'])}")
    print("targets: " + ", ".join(f"{k} {'met' if v else 'NOT met'}" for k, v in checks.items()))
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
