"""`make bench`: seed a large briefing, serve it with gunicorn, drive it with wrk, print one table.

For each database (SQLite in a throwaway folder; PostgreSQL too when
DATABASE_URL names a throwaway database) this:

1. migrates an empty database and seeds a briefing of 60 sessions and
   10,000 registrations (benchmarks/seed.py, bulk inserts);
2. starts gunicorn with 2 sync workers on loopback, serving the product with
   the floor routes of benchmarks/floor_app.py beside it;
3. measures latencies one request at a time (wrk, 1 connection), the CSV
   export (streamed, memory sampled), and throughput of the public briefing
   page and of registration POSTs against their floors (wrk, 8 connections);
4. checks what the POSTs wrote, and reads each worker's resident memory.

Usage: python -m benchmarks.run [--seconds 8] [--latency-seconds 5] [--keep]
"""
import argparse
import os
import re
import shutil
import subprocess
import sys
import threading
import time
from dataclasses import dataclass
from pathlib import Path

from . import harness

LUA = Path(__file__).resolve().parent / "lua"
WRK = shutil.which("wrk") or "/usr/bin/wrk"
UNITS = {"us": 0.001, "ms": 1.0, "s": 1000.0}


@dataclass
class Row:
    database: str
    measure: str
    result: str
    floor: str = ""
    ratio: str = ""
    target: str = ""
    met: str = ""


@dataclass
class WrkResult:
    requests: int
    cpu_ms: float | None  # the workers' CPU time per request (steady on a busy machine)
    rps: float
    p50_ms: float | None
    p99_ms: float | None
    bad_status: int
    socket_errors: int
    unexpected: int | None
    output: str


def _ms(value: str, unit: str) -> float:
    return float(value) * UNITS[unit]


def wrk(url: str, *, seconds: float, connections: int, threads: int, script: str | None = None,
        script_args: tuple = (), headers: dict | None = None,
        workers: list[int] | None = None) -> WrkResult:
    """Run wrk against ``url`` (loopback only) and read its figures."""
    assert url.startswith("http://127.0.0.1:"), url
    args = [WRK, f"-t{threads}", f"-c{connections}", f"-d{int(round(seconds))}s", "--latency",
            "--timeout", "10s", "-H", f"User-Agent: {harness.USER_AGENT}"]
    for name, value in (headers or {}).items():
        args += ["-H", f"{name}: {value}"]
    if script:
        args += ["-s", str(LUA / script)]
    args.append(url)
    if script_args:
        args += ["--", *script_args]
    cpu_before = harness.cpu_seconds(workers or [])
    out = subprocess.run(args, capture_output=True, text=True, timeout=seconds + 60).stdout
    cpu = harness.cpu_seconds(workers or []) - cpu_before

    def find(pattern, cast=float, default=None):
        match = re.search(pattern, out)
        return cast(match.group(1)) if match else default

    p50 = re.search(r"50%\s+([\d.]+)(us|ms|s)\b", out)
    p99 = re.search(r"99%\s+([\d.]+)(us|ms|s)\b", out)
    sockets = re.search(
        r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)", out)
    requests = find(r"(\d+) requests in", int, 0)
    if p50 is None:  # no request completed: say so rather than fail on a missing figure
        tail = " ".join(out.split()[-40:])
        raise RuntimeError(f"wrk measured nothing at {url}: {tail}")
    return WrkResult(
        requests=requests, cpu_ms=cpu / requests * 1000 if workers and requests else None,
        rps=find(r"Requests/sec:\s+([\d.]+)", float, 0.0),
        p50_ms=_ms(*p50.groups()) if p50 else None, p99_ms=_ms(*p99.groups()) if p99 else None,
        bad_status=find(r"Non-2xx or 3xx responses: (\d+)", int, 0),
        socket_errors=sum(int(n) for n in sockets.groups()) if sockets else 0,
        unexpected=find(r"UNEXPECTED (\d+)", int, None), output=out)


def _clean(result: WrkResult) -> str:
    """'' when every response was the expected one, else what went wrong."""
    problems = []
    if result.bad_status:
        problems.append(f"{result.bad_status} non-2xx/3xx")
    if result.unexpected:
        problems.append(f"{result.unexpected} unexpected status")
    if result.socket_errors:
        problems.append(f"{result.socket_errors} socket errors")
    if not result.requests:
        problems.append("no requests")
    return ", ".join(problems)


def _verdict(ok: bool, problems: str = "") -> str:
    if problems:
        return f"NO ({problems})"
    return "yes" if ok else "NO"


class Bench:
    """The measurements on one database."""

    def __init__(self, target: harness.Target, args, run_id: str):
        self.target, self.args, self.run_id = target, args, run_id
        self.rows: list[Row] = []
        self.workdir = harness.workdir(f"briefings-bench-{target.name.lower()}-")
        self.url = target.url or f"sqlite:///{self.workdir / 'bench.sqlite'}"
        self.env = harness.server_env(self.workdir, self.url)

    def row(self, *args, **kwargs) -> None:
        self.rows.append(Row(self.target.name, *args, **kwargs))

    def run(self) -> list[Row]:
        from .seed import seed

        started = time.perf_counter()
        self.seeded = harness.prepare_database(self.env, seed)
        self.row("seed: 60 sessions, 10,000 registrations (bulk)",
                 f"{time.perf_counter() - started:.1f} s")
        server = harness.Server(self.workdir, self.env, workers=2)
        try:
            server.start()
            self.server = server
            self._measure()
        finally:
            server.stop()
            if not self.args.keep:
                harness.remove(self.workdir)
        return self.rows

    # -- the measurements -------------------------------------------------------------------

    def _measure(self) -> None:
        base, slug = self.server.base, self.seeded.slug
        organizer = harness.Browser(base)
        from .seed import ORGANIZER_EMAIL, ORGANIZER_PASSWORD
        organizer.sign_in(ORGANIZER_EMAIL, ORGANIZER_PASSWORD)
        desk_token = organizer.csrf_token(f"/manage/{slug}/checkin")
        self.cookie = organizer.cookie_header()  # holds the session the token belongs to
        self._warm([f"/b/{slug}", f"/b/{slug}/register", f"/b/{slug}/agenda.ics",
                    f"/_floor/programme/{slug}", "/_floor/hello"])

        lat = self.args.latency_seconds
        hello = self._latency("/_floor/hello", lat)
        self.row("floor: constant string, p50 one at a time",
                 f"{hello.p50_ms:.2f} ms (CPU {hello.cpu_ms:.2f} ms/req)",
                 met=_verdict(True, _clean(hello)))
        self._latency_row("organizer registrations list (confirmed, page 5 of 170), p50",
                          f"/manage/{slug}/registrations?status=confirmed&page=5", 10.0, lat)
        self._latency_row("  the same, sorted by name",
                          f"/manage/{slug}/registrations?status=confirmed&sort=name&page=5",
                          None, lat)
        codes = self.workdir / "codes.txt"
        codes.write_text("\n".join(self.seeded.codes_to_admit[:3000]) + "\n")
        result = self._wrk(f"/manage/{slug}/checkin", seconds=lat, connections=1, threads=1,
                           script="checkin.lua", script_args=(desk_token, str(codes)))
        self.row("check-in by ticket code (POST, admits), p50",
                 f"{result.p50_ms:.2f} ms (p99 {result.p99_ms:.1f}; "
                 f"CPU {result.cpu_ms:.1f} ms/req)",
                 target="<= 5 ms", met=_verdict(result.p50_ms <= 5.0, _clean(result)))
        dashboard = f"/manage/{slug}/dashboard"
        status, _ = organizer.get(dashboard)
        if status == 200:
            self._latency_row("dashboard, p50", dashboard, 30.0, lat)
        else:
            self.row("dashboard, p50", f"not present (GET {dashboard}: {status})",
                     target="<= 30 ms", met="n/a")
        self._latency_row("agenda.ics (60 sessions), p50", f"/b/{slug}/agenda.ics", 5.0, lat)
        self._latency_row("public briefing page, p50", f"/b/{slug}", None, lat)
        self._latency_row("registration detail (organizer), p50",
                          f"/manage/{slug}/registrations/{self.seeded.registrations // 2}",
                          None, lat)
        self._csv()

        seconds, conns = self.args.seconds, self.args.connections
        floor = self._wrk(f"/_floor/programme/{slug}", seconds=seconds, connections=conns)
        page = self._wrk(f"/b/{slug}", seconds=seconds, connections=conns)
        self._throughput_row("public briefing page (60 sessions), req/s", page,
                             "floor: same programme, compiled template", floor)
        insert_floor = self._wrk("/_floor/insert", seconds=seconds, connections=conns,
                                 script="insert.lua")
        before = self._count_registrations()
        visitor = harness.Browser(base)
        form_token = visitor.csrf_token(f"/b/{slug}/register")
        sessions = ",".join(str(s) for s in self.seeded.session_ids[:3])
        register = self._wrk(f"/b/{slug}/register", seconds=seconds, connections=conns,
                             script="register.lua",
                             script_args=(form_token, sessions, str(self.seeded.group_ids[0]),
                                          self.run_id),
                             cookie=visitor.cookie_header())
        self._throughput_row("registration POSTs (confirmation to the outbox), req/s", register,
                             "floor: insert one row", insert_floor)
        self._check_writes(before, register)
        self._memory()

    def _wrk(self, path, *, seconds, connections, threads=None, script=None, script_args=(),
             cookie=None) -> WrkResult:
        return wrk(self.server.base + path, seconds=seconds, connections=connections,
                   threads=threads or min(2, connections), script=script,
                   script_args=script_args, headers={"Cookie": cookie or self.cookie},
                   workers=self.server.workers())

    def _warm(self, paths) -> None:
        for path in paths:
            self._wrk(path, seconds=1, connections=2)

    def _latency(self, path, seconds) -> WrkResult:
        self._wrk(path, seconds=1, connections=2)  # both workers warm
        return self._wrk(path, seconds=seconds, connections=1, threads=1)

    def _latency_row(self, measure, path, target_ms, seconds) -> None:
        result = self._latency(path, seconds)
        self.row(measure, f"{result.p50_ms:.2f} ms (p99 {result.p99_ms:.1f}; "
                 f"CPU {result.cpu_ms:.1f} ms/req)",
                 target=f"<= {target_ms:g} ms" if target_ms else "",
                 met=_verdict(target_ms is None or result.p50_ms <= target_ms, _clean(result))
                 if target_ms else (f"NO ({_clean(result)})" if _clean(result) else ""))

    def _throughput_row(self, measure, result: WrkResult, floor_name, floor: WrkResult) -> None:
        problems = ", ".join(p for p in (_clean(result), _clean(floor)) if p)
        self.row(measure, f"{result.rps:,.0f} req/s (CPU {result.cpu_ms:.1f} ms/req)",
                 f"{floor.rps:,.0f} req/s (CPU {floor.cpu_ms:.1f} ms/req; {floor_name})",
                 f"{result.rps / floor.rps:.2f}" if floor.rps else "",
                 met=f"NO ({problems})" if problems else "")

    def _csv(self) -> None:
        """The CSV of every registration: time, streaming, and the worker's memory meanwhile."""
        path = f"/manage/{self.seeded.slug}/registrations.csv"
        for _ in range(4):  # both workers have exported once (imports, caches)
            harness.stream_get(self.server.base, path + "?status=declined", self.cookie)
        workers = self.server.workers()
        baseline = {pid: harness.memory_kb(pid).get("rss", 0) for pid in workers}
        peak = dict(baseline)
        done = threading.Event()

        def sample():
            while not done.is_set():
                for pid in workers:
                    peak[pid] = max(peak[pid], harness.memory_kb(pid).get("rss", 0))
                time.sleep(0.005)

        sampler = threading.Thread(target=sample, daemon=True)
        sampler.start()
        result = harness.stream_get(self.server.base, path, self.cookie)
        done.set()
        sampler.join()
        growth = max(peak[pid] - baseline[pid] for pid in workers) / 1024
        rows = result["lines"] - 1
        ok = result["status"] == 200 and rows >= self.seeded.registrations
        self.row(f"CSV export of {rows:,} registrations ({result['bytes'] / 1e6:.1f} MB)",
                 f"{result['total']:.3f} s", target="<= 0.35 s",
                 met=_verdict(ok and result["total"] <= 0.35,
                              "" if ok else f"status {result['status']}, {rows} rows"))
        streamed = result["chunked"] and result["first_byte"] < result["total"] / 2
        self.row("CSV export: first byte; worker memory growth while it streams",
                 f"{result['first_byte'] * 1000:.0f} ms; +{growth:.1f} MB",
                 target="streamed, flat (< +10 MB)",
                 met=_verdict(streamed and growth < 10))

    def _count_registrations(self) -> dict:
        import sqlalchemy as sa

        time.sleep(1)  # wrk has stopped; let the requests still in the workers finish
        engine = sa.create_engine(self.url)
        with engine.begin() as conn:  # one snapshot for the three counts
            counts = {
                "registrations": conn.execute(sa.text(
                    "SELECT count(*) FROM registration WHERE briefing_id = :b"),
                    {"b": self.seeded.briefing_id}).scalar_one(),
                "outbox": conn.execute(sa.text(
                    "SELECT count(*) FROM outbox_message WHERE briefing_id = :b AND kind = "
                    "'confirmed'"), {"b": self.seeded.briefing_id}).scalar_one(),
                "orphans": conn.execute(sa.text(
                    "SELECT count(*) FROM registration r WHERE r.briefing_id = :b AND NOT EXISTS "
                    "(SELECT 1 FROM outbox_message m WHERE m.registration_id = r.id)"),
                    {"b": self.seeded.briefing_id}).scalar_one(),
            }
        engine.dispose()
        return counts

    def _check_writes(self, before: dict, result: WrkResult) -> None:
        after = self._count_registrations()
        made = after["registrations"] - before["registrations"]
        mailed = after["outbox"] - before["outbox"]
        # wrk may stop with a request in flight: its count and the database's may differ by
        # the number of connections.
        ok = (abs(made - result.requests) <= self.args.connections and mailed == made
              and after["orphans"] == 0)
        self.row("registrations written / confirmations in the outbox",
                 f"{made:,} / {mailed:,} (wrk sent {result.requests:,})",
                 target="one confirmation each", met=_verdict(ok))

    def _memory(self) -> None:
        sizes = {pid: harness.memory_kb(pid) for pid in self.server.workers()}
        rss = max(m.get("rss", 0) for m in sizes.values()) / 1024
        pss = max(m.get("pss", 0) for m in sizes.values()) / 1024
        uss = max(m.get("uss", 0) for m in sizes.values()) / 1024
        # RSS counts the pages shared with the master and the other workers (preload_app);
        # PSS shares them out; the private pages are what one more worker costs.
        self.row(f"resident memory per worker after the run ({len(sizes)} workers)",
                 f"{rss:.1f} MB RSS (PSS {pss:.1f}, private {uss:.1f})", target="<= 75 MB RSS",
                 met=_verdict(rss <= 75))


def print_table(rows: list[Row]) -> None:
    headers = ("database", "measure", "result", "floor (same run)", "ratio", "target", "met")
    cells = [headers] + [(r.database, r.measure, r.result, r.floor, r.ratio, r.target, r.met)
                         for r in rows]
    widths = [max(len(str(row[i])) for row in cells) for i in range(len(headers))]
    line = "+".join("-" * (w + 2) for w in widths)
    print()
    for n, row in enumerate(cells):
        print("|".join(f" {str(cell):<{w}} " for cell, w in zip(row, widths)).rstrip())
        if n == 0:
            print(line)


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=int, default=8, help="each throughput run")
    parser.add_argument("--latency-seconds", type=int, default=5, help="each latency run")
    parser.add_argument("--connections", type=int, default=8, help="wrk connections")
    parser.add_argument("--keep", action="store_true", help="keep the throwaway folders")
    args = parser.parse_args(argv)
    if not Path(WRK).exists():
        raise SystemExit("wrk is needed: apt-get install wrk")
    started, load = time.perf_counter(), os.getloadavg()[0]
    run_id = f"{int(time.time())}"
    rows: list[Row] = []
    for target in harness.targets():
        print(f"== {target.name}", file=sys.stderr, flush=True)
        try:
            rows += Bench(target, args, run_id).run()
        except RuntimeError as error:  # e.g. gunicorn too slow to start on a loaded machine
            print(f"{target.name}: {error}", file=sys.stderr, flush=True)
            rows.append(Row(target.name, "the run", "stopped", met=f"NO ({error})"))
    print_table(rows)
    print(f"\n{os.cpu_count()} cores; client and server on this machine (loopback); "
          f"whole run {time.perf_counter() - started:.0f} s; load average {load:.1f} at the "
          f"start, {os.getloadavg()[0]:.1f} at the end (other work on the machine slows the "
          f"wall-clock figures; CPU ms/req are the workers' own time).")
    return 0 if all(not r.met.startswith("NO") for r in rows) else 1


if __name__ == "__main__":
    sys.exit(main())
