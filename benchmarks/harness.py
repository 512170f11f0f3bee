"""What the measurements share: a throwaway database, gunicorn on loopback, a browser-like client.

Nothing here leaves the machine: servers bind 127.0.0.1, clients talk to them only.
"""
import http.client
import http.cookiejar
import os
import re
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.parse
import urllib.request
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent
USER_AGENT = "briefings-bench/1.0"
CSRF_INPUT = re.compile(
    r'name="csrf_token"[^>]*value="([^"]+)"|value="([^"]+)"[^>]*name="csrf_token"')


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@dataclass
class Target:
    """One database to measure: a name for the table and its URL."""

    name: str
    url: str | None  # None: an SQLite file in the run's own throwaway folder


def targets() -> list[Target]:
    """SQLite; and PostgreSQL when DATABASE_URL names a throwaway database."""
    found = [Target("SQLite", None)]
    url = os.environ.get("DATABASE_URL")
    if url:
        name = urllib.parse.urlsplit(url).path.lstrip("/")
        if "bench" not in name and "test" not in name:
            raise SystemExit(f"DATABASE_URL names {name!r}: the measurements empty the database "
                             "they use, so its name must contain 'bench' or 'test'.")
        found.append(Target("PostgreSQL", url))
    return found


def server_env(workdir: Path, database_url: str, **extra) -> dict:
    """The environment the app is configured from (README: settings from the environment)."""
    env = dict(os.environ)
    env.update({
        "BRIEFINGS_INSTANCE": str(workdir / "instance"),
        "DATABASE_URL": database_url,
        "SECRET_KEY": secrets.token_hex(32),
        "BRIEFINGS_ENV": "development",  # plain http on loopback: cookies without Secure
        "BRIEFINGS_BASE_URL": "http://127.0.0.1",
        "MAIL_SERVER": "",
        "PYTHONPATH": str(ROOT),
    })
    env.update({key: str(value) for key, value in extra.items()})
    return env


@contextmanager
def environment(env: dict):
    """Run a block with ``env`` as the process environment (the app reads it when built)."""
    saved = dict(os.environ)
    os.environ.clear()
    os.environ.update(env)
    try:
        yield
    finally:
        os.environ.clear()
        os.environ.update(saved)


def prepare_database(env: dict, seed_fn=None):
    """Empty the database, migrate it, add the reference data and the floor table; then seed."""
    import sqlalchemy as sa
    from flask_migrate import upgrade

    from briefings.extensions import db
    from briefings.services.reference import ensure_reference_data

    from .floor_app import create_app, floor_metadata

    with environment(env):
        Path(env["BRIEFINGS_INSTANCE"]).mkdir(parents=True, exist_ok=True)
        app = create_app()
        with app.app_context():
            if db.engine.dialect.name == "postgresql":
                db.session.remove()
                with db.engine.begin() as conn:
                    conn.execute(sa.text("DROP SCHEMA public CASCADE"))
                    conn.execute(sa.text("CREATE SCHEMA public"))
            upgrade()
            ensure_reference_data()
            floor_metadata.create_all(db.engine)
            result = seed_fn() if seed_fn else None
            db.session.remove()
            if db.engine.dialect.name == "postgresql":
                # What autovacuum does within a minute of a bulk load on a real server: the
                # planner's statistics and the visibility map (index-only scans). Measuring
                # before it has run would time plans no running database keeps.
                with db.engine.connect().execution_options(
                        isolation_level="AUTOCOMMIT") as conn:
                    conn.execute(sa.text("VACUUM ANALYZE"))
            db.engine.dispose()
    return result


class Server:
    """gunicorn serving the floor app on loopback, from the project's gunicorn.conf.py."""

    def __init__(self, workdir: Path, env: dict, *, workers: int = 2, port: int | None = None,
                 extra_args: tuple = ()):
        self.port = port or free_port()
        self.base = f"http://127.0.0.1:{self.port}"
        self.log_path = workdir / f"gunicorn-{self.port}.log"
        self.env = env
        self.args = [str(BIN / "gunicorn"), "-c", str(ROOT / "gunicorn.conf.py"),
                     "--workers", str(workers), "--max-requests", "0",
                     "--bind", f"127.0.0.1:{self.port}", *extra_args,
                     "benchmarks.floor_app:create_app()"]
        self.process: subprocess.Popen | None = None

    def start(self, timeout: float = 180) -> "Server":
        self._log = open(self.log_path, "ab")
        self.process = subprocess.Popen(self.args, cwd=ROOT, env=self.env, stdout=self._log,
                                        stderr=subprocess.STDOUT)
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"gunicorn exited; see {self.log_path}")
            try:
                with urllib.request.urlopen(f"{self.base}/healthz", timeout=2) as response:
                    if response.status == 200 and len(self.workers()) >= 1:
                        return self
            except (urllib.error.URLError, ConnectionError, OSError):
                pass
            time.sleep(0.2)
        raise RuntimeError(f"gunicorn did not answer within {timeout} s; see {self.log_path}")

    def workers(self) -> list[int]:
        """The pids of the master's worker processes."""
        return children(self.process.pid) if self.process else []

    def stop(self) -> None:
        if self.process and self.process.poll() is None:
            self.process.send_signal(signal.SIGTERM)
            try:
                self.process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
        if getattr(self, "_log", None):
            self._log.close()

    def __enter__(self):
        return self.start()

    def __exit__(self, *exc):
        self.stop()


def children(pid: int) -> list[int]:
    """Processes whose parent is ``pid``."""
    found = []
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            stat = (entry / "stat").read_text()
        except OSError:
            continue
        if int(stat.rsplit(")", 1)[1].split()[1]) == pid:
            found.append(int(entry.name))
    return sorted(found)


def cpu_seconds(pids: list[int]) -> float:
    """User and system CPU time the processes have used so far."""
    total = 0
    for pid in pids:
        try:
            fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        total += int(fields[11]) + int(fields[12])  # utime, stime (fields 14 and 15)
    return total / os.sysconf("SC_CLK_TCK")


def memory_kb(pid: int) -> dict[str, int]:
    """Resident (RSS), proportional (PSS) and private (USS) memory of a process, in kB."""
    values = {}
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                values["rss"] = int(line.split()[1])
        for line in Path(f"/proc/{pid}/smaps_rollup").read_text().splitlines():
            name, _, rest = line.partition(":")
            if name == "Pss":
                values["pss"] = int(rest.split()[0])
            elif name in ("Private_Clean", "Private_Dirty"):
                values["uss"] = values.get("uss", 0) + int(rest.split()[0])
    except OSError:
        pass
    return values


class Browser:
    """A client that keeps cookies and reads CSRF tokens from forms, as a browser would."""

    def __init__(self, base: str):
        self.base = base
        self.jar = http.cookiejar.CookieJar()
        self.opener = urllib.request.build_opener(
            urllib.request.HTTPCookieProcessor(self.jar), _NoRedirect())
        self.opener.addheaders = [("User-Agent", USER_AGENT)]

    def get(self, path: str) -> tuple[int, str]:
        try:
            with self.opener.open(self.base + path, timeout=60) as response:
                return response.status, response.read().decode("utf-8", "replace")
        except urllib.error.HTTPError as error:
            return error.code, error.read().decode("utf-8", "replace")

    def post(self, path: str, fields) -> tuple[int, str]:
        data = urllib.parse.urlencode(fields, doseq=True).encode()
        try:
            with self.opener.open(self.base + path, data=data, timeout=60) as response:
                return response.status, response.headers.get("Location", "")
        except urllib.error.HTTPError as error:
            return error.code, error.headers.get("Location", "")

    def csrf_token(self, path: str) -> str:
        status, html = self.get(path)
        match = CSRF_INPUT.search(html)
        if status != 200 or not match:
            raise RuntimeError(f"no CSRF token on {path} (status {status})")
        return match.group(1) or match.group(2)

    def cookie_header(self) -> str:
        return "; ".join(f"{c.name}={c.value}" for c in self.jar)

    def sign_in(self, email: str, password: str) -> None:
        token = self.csrf_token("/login")
        status, _ = self.post("/login", {"csrf_token": token, "email": email,
                                         "password": password})
        if status != 302:
            raise RuntimeError(f"sign-in failed ({status})")


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


def stream_get(base: str, path: str, cookie: str, on_chunk=None) -> dict:
    """GET ``path`` reading the body as it arrives: time to first byte, total time, size."""
    host, port = urllib.parse.urlsplit(base).hostname, urllib.parse.urlsplit(base).port
    conn = http.client.HTTPConnection(host, port, timeout=120)
    started = time.perf_counter()
    conn.request("GET", path, headers={"Cookie": cookie, "User-Agent": USER_AGENT})
    response = conn.getresponse()
    first = None
    size = lines = 0
    while True:
        chunk = response.read1(65536) if hasattr(response, "read1") else response.read(65536)
        if not chunk:
            break
        if first is None:
            first = time.perf_counter() - started
        size += len(chunk)
        lines += chunk.count(b"\n")
        if on_chunk:
            on_chunk()
    total = time.perf_counter() - started
    conn.close()
    return {"status": response.status, "first_byte": first or total, "total": total,
            "bytes": size, "lines": lines,
            "chunked": response.getheader("Transfer-Encoding") == "chunked"}


def workdir(prefix: str) -> Path:
    return Path(tempfile.mkdtemp(prefix=prefix))


def remove(path: Path) -> None:
    shutil.rmtree(path, ignore_errors=True)
