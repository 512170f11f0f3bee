"""Profile one address in-process against a seeded database: where does a request's time go?

Usage: python -m benchmarks.profile PATH [--times 20] [--organizer] [--post FIELD=VALUE ...]
       [--database-url URL]  (default: a fresh SQLite database seeded like `make bench`)

Prints the mean time per request and the functions that take it (cProfile, cumulative).
"""
import argparse
import cProfile
import io
import pstats
import re
import time
from pathlib import Path

from . import harness


def main(argv=None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("path")
    parser.add_argument("--times", type=int, default=20)
    parser.add_argument("--organizer", action="store_true", help="signed in as the organizer")
    parser.add_argument("--post", nargs="*", help="POST these FIELD=VALUE pairs (CSRF added)")
    parser.add_argument("--database-url", help="an already seeded database")
    parser.add_argument("--top", type=int, default=35)
    parser.add_argument("--sql", action="store_true", help="list one request's statements, timed")
    parser.add_argument("--sort", default="cumulative", help="cumulative or tottime")
    parser.add_argument("--keep-database", help="seed into this SQLite file once, reuse it after")
    parser.add_argument("--callers", help="also list who calls the functions matching this pattern")
    args = parser.parse_args(argv)

    from .floor_app import create_app
    from .seed import ORGANIZER_EMAIL, ORGANIZER_PASSWORD, SLUG, seed

    workdir = harness.workdir("briefings-profile-")
    kept = Path(args.keep_database).resolve() if args.keep_database else None
    url = args.database_url or f"sqlite:///{kept or workdir / 'bench.sqlite'}"
    env = harness.server_env(workdir, url)
    try:
        if not args.database_url and not (kept and kept.exists()):
            harness.prepare_database(env, seed)
        with harness.environment(env):
            app = create_app({"WTF_CSRF_ENABLED": False})
        client = app.test_client()
        if args.organizer:
            client.post("/login", data={"email": ORGANIZER_EMAIL, "password": ORGANIZER_PASSWORD})
        path = args.path.replace("{slug}", SLUG)
        fields = dict(pair.split("=", 1) for pair in args.post or [])

        def once(n):
            if args.post is None:
                response = client.get(path)
            else:
                data = {k: v.replace("{n}", str(n)) for k, v in fields.items()}
                response = client.post(path, data=data)
            response.get_data()
            return response.status_code

        status = once(0)  # warm
        if args.sql:
            _print_statements(app, lambda: once(10 ** 6))  # a new registrant, not a repeat
        started, cpu = time.perf_counter(), time.process_time()
        for n in range(1, args.times + 1):
            once(n)
        plain = (time.perf_counter() - started) / args.times
        cpu = (time.process_time() - cpu) / args.times  # steadier than wall time on a busy box
        profiler = cProfile.Profile()
        started = time.perf_counter()
        profiler.enable()
        for n in range(args.times + 1, 2 * args.times + 1):
            once(n)
        profiler.disable()
        elapsed = (time.perf_counter() - started) / args.times
        out = io.StringIO()
        stats = pstats.Stats(profiler, stream=out).sort_stats(args.sort)
        stats.print_stats(args.top)
        if args.callers:
            stats.print_callers(args.callers)
        print(f"{path}: status {status}, {plain * 1000:.2f} ms a request, "
              f"{cpu * 1000:.2f} ms CPU ({elapsed * 1000:.2f} ms profiled)")
        print(re.sub(r"/[^ ]*/site-packages/", "", out.getvalue()))
    finally:
        harness.remove(workdir)


def _print_statements(app, request) -> None:
    """Run ``request`` once and print each SQL statement with the time it took."""
    import sqlalchemy as sa

    from briefings.extensions import db

    timings = []

    def before(conn, cursor, statement, parameters, context, executemany):
        conn.info["started"] = time.perf_counter()

    def after(conn, cursor, statement, parameters, context, executemany):
        timings.append((time.perf_counter() - conn.info.pop("started"), statement))

    with app.app_context():
        engine = db.engine
    sa.event.listen(engine, "before_cursor_execute", before)
    sa.event.listen(engine, "after_cursor_execute", after)
    try:
        request()
    finally:
        sa.event.remove(engine, "before_cursor_execute", before)
        sa.event.remove(engine, "after_cursor_execute", after)
    for seconds, statement in timings:
        print(f"{seconds * 1000:7.2f} ms  {' '.join(statement.split())[:150]}")
    print(f"{sum(t for t, _ in timings) * 1000:7.2f} ms in {len(timings)} statements\n")


if __name__ == "__main__":
    main()
