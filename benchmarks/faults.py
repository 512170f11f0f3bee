"""`make faults`: registration bursts against gunicorn, the mail server down, workers killed.

For each database (SQLite; PostgreSQL too when DATABASE_URL names a
throwaway database), on loopback only and within a few minutes:

1. Burst: 500 registrations from 32 concurrent clients, each a browser that
   loaded the form (session cookie and CSRF token), for a briefing of 300
   places whose two sessions have 100 seats each. No 5xx; exactly 300
   confirmed and 200 on the waiting list; no session over its seats; one
   status e-mail in the outbox for each registration.
2. The SMTP server (aiosmtpd on loopback) is down during that burst while
   `flask send-mail --loop` runs: nothing is lost. It comes back; after the
   retry delay, `flask send-mail` rounds deliver every message exactly once.
3. A second burst on another briefing, during which a worker is killed with
   SIGKILL three times: every registration that exists has its seats, its
   status history and its e-mail; nothing exists without its registration;
   capacity still holds.

Usage: python -m benchmarks.faults [--clients 32] [--registrations 500] [--keep]
"""
import argparse
import email
import os
import random
import signal
import subprocess
import sys
import threading
import time
from collections import Counter
from dataclasses import dataclass, field

from . import harness

CAPACITY = 300
SESSION_SEATS = 100
DEADLINE = 240  # seconds for one database, all phases together


@dataclass
class Check:
    database: str
    name: str
    ok: bool
    detail: str


@dataclass
class Burst:
    statuses: Counter = field(default_factory=Counter)
    errors: Counter = field(default_factory=Counter)
    seconds: float = 0.0


def seed_briefings():
    """Two open briefings of 300 places, each with two sessions of 100 seats."""
    from datetime import datetime, timedelta, timezone

    import sqlalchemy as sa

    from briefings.extensions import db
    from briefings.models import Briefing, BriefingSession, StakeholderGroup

    start = datetime.now(timezone.utc).replace(microsecond=0) + timedelta(days=20)
    made = {}
    for slug in ("faults-mail", "faults-kill"):
        briefing = Briefing(slug=slug, title=f"Fault drill {slug}", timezone="Africa/Cairo",
                            starts_at=start, ends_at=start + timedelta(days=1),
                            status="published", languages="en,fr,ar", capacity=CAPACITY)
        sessions = [BriefingSession(briefing=briefing, kind="round_table", title=f"Table {n}",
                                    starts_at=start + timedelta(hours=n),
                                    ends_at=start + timedelta(hours=n, minutes=50),
                                    room=f"Room {n}", capacity=SESSION_SEATS)
                    for n in (1, 2)]
        db.session.add_all([briefing, *sessions])
        db.session.flush()
        made[slug] = (briefing.id, [s.id for s in sessions])
    db.session.commit()
    group = db.session.scalar(sa.select(StakeholderGroup.id).order_by(StakeholderGroup.id))
    return made, group


class SMTPSink:
    """aiosmtpd on loopback that keeps the Message-ID of every message it accepts."""

    def __init__(self, port: int):
        self.port = port
        self.received: list[str] = []
        self.controller = None

    async def handle_DATA(self, server, session, envelope):
        message = email.message_from_bytes(envelope.content)
        self.received.append("".join(str(message["Message-ID"]).split()))  # unfolded
        return "250 OK"

    def start(self) -> None:
        from aiosmtpd.controller import Controller

        self.controller = Controller(self, hostname="127.0.0.1", port=self.port)
        self.controller.start()

    def stop(self) -> None:
        if self.controller:
            self.controller.stop()
            self.controller = None


def burst(base: str, slug: str, sessions: list[int], group: int, *, clients: int, total: int,
          prefix: str, during=None) -> Burst:
    """``total`` registrations from ``clients`` concurrent browsers; ``during`` runs meanwhile."""
    result = Burst()
    lock = threading.Lock()
    numbers = iter(range(total))

    def client(n: int) -> None:
        browser = harness.Browser(base)
        try:
            token = browser.csrf_token(f"/b/{slug}/register")
        except Exception as error:  # noqa: BLE001 - counted, reported
            with lock:
                result.errors[f"form: {type(error).__name__}"] += 1
            return
        while True:
            with lock:
                number = next(numbers, None)
            if number is None:
                return
            fields = {"csrf_token": token, "full_name": f"Drill Person {prefix}{number}",
                      "email": f"drill-{prefix}-{number}@example.org",
                      "organization": "Ministry", "position": "", "stakeholder_group": group,
                      "country": "EG", "gender": "", "language": random.choice("en fr ar".split()),
                      "accessibility_needs": "", "sessions": sessions, "submit": "Register"}
            try:
                status, location = browser.post(f"/b/{slug}/register", fields)
            except Exception as error:  # noqa: BLE001 - a killed worker drops its connection
                with lock:
                    result.errors[type(error).__name__] += 1
                continue
            with lock:
                result.statuses[status if status != 302 or "/r/" in location else "302?"] += 1

    started = time.perf_counter()
    threads = [threading.Thread(target=client, args=(n,)) for n in range(clients)]
    for thread in threads:
        thread.start()
    if during:
        during()
    for thread in threads:
        thread.join(timeout=DEADLINE)
    result.seconds = time.perf_counter() - started
    return result


class Drill:
    """The three phases on one database."""

    def __init__(self, target: harness.Target, args):
        self.target, self.args = target, args
        self.checks: list[Check] = []
        self.workdir = harness.workdir(f"briefings-faults-{target.name.lower()}-")
        self.url = target.url or f"sqlite:///{self.workdir / 'faults.sqlite'}"
        self.smtp = SMTPSink(harness.free_port())
        self.env = harness.server_env(self.workdir, self.url, MAIL_SERVER="127.0.0.1",
                                      MAIL_PORT=self.smtp.port, MAIL_TIMEOUT=5)
        self.deadline = time.monotonic() + DEADLINE

    def check(self, name: str, ok: bool, detail: str) -> None:
        self.checks.append(Check(self.target.name, name, ok, detail))
        print(f"   {'ok ' if ok else 'FAIL'} {name}: {detail}", file=sys.stderr, flush=True)

    def run(self) -> list[Check]:
        made, self.group = harness.prepare_database(self.env, seed_briefings)
        self.briefings = made
        # Five workers, as `make serve` runs on two cores: one killed leaves four.
        server = harness.Server(self.workdir, self.env, workers=self.args.workers)
        try:
            server.start()
            self.server = server
            self._mail_outage()
            self._killed_workers()
        finally:
            server.stop()
            self.smtp.stop()
            if not self.args.keep:
                harness.remove(self.workdir)
        return self.checks

    # -- phase 1 and 2 ------------------------------------------------------------------------

    def _send_mail(self) -> str:
        """One `flask send-mail` round, as the sender process runs it."""
        done = subprocess.run([str(harness.BIN / "flask"), "--app", "briefings", "send-mail"],
                              cwd=harness.ROOT, env=self.env, capture_output=True, text=True,
                              timeout=120)
        if done.returncode:
            with open(self.workdir / "send-mail-errors.log", "a") as log:
                log.write(done.stdout + done.stderr)
            return f"failed ({done.returncode}): " + (done.stderr.strip().splitlines() or [""])[-1]
        return done.stdout.strip().splitlines()[-1] if done.stdout.strip() else ""

    def _sender_rounds(self, stop: threading.Event, reports: list) -> None:
        """Rounds of `flask send-mail` one after the other until ``stop`` (never cut short)."""
        while not stop.is_set():
            reports.append(self._send_mail())

    def _mail_outage(self) -> None:
        slug = "faults-mail"
        briefing_id, sessions = self.briefings[slug]
        print(f"== {self.target.name}: burst with the mail server down", file=sys.stderr)
        stop, reports = threading.Event(), []
        sender = threading.Thread(target=self._sender_rounds, args=(stop, reports))
        sender.start()  # the mail server is down all along
        try:
            result = burst(self.server.base, slug, sessions, self.group,
                           clients=self.args.clients, total=self.args.registrations, prefix="m")
        finally:
            stop.set()
            sender.join(timeout=120)
        fives = sum(n for status, n in result.statuses.items()
                    if isinstance(status, int) and status >= 500)
        made = result.statuses.get(302, 0)
        self.check("burst: no 5xx, every registration answered",
                   fives == 0 and made == self.args.registrations and not result.errors,
                   f"{made} registered in {result.seconds:.1f} s "
                   f"({made / result.seconds:.0f}/s) by {self.args.clients} clients; "
                   f"statuses {dict(result.statuses)}; errors {dict(result.errors)}")
        counts = self._counts(briefing_id, sessions)
        self.check(f"capacity {CAPACITY}: exactly {CAPACITY} confirmed",
                   counts["confirmed"] == CAPACITY
                   and counts["waitlisted"] == self.args.registrations - CAPACITY,
                   f"{counts['confirmed']} confirmed, {counts['waitlisted']} waitlisted")
        self.check(f"sessions of {SESSION_SEATS} seats: never more",
                   all(n <= SESSION_SEATS for n in counts["seats"].values())
                   and all(n == SESSION_SEATS for n in counts["seats"].values()),
                   f"confirmed seats {counts['seats']}")
        self.check("a status e-mail in the outbox for each registration",
                   counts["mails"] == counts["registrations"] == self.args.registrations
                   and counts["unmailed"] == 0,
                   f"{counts['mails']} messages for {counts['registrations']} registrations; "
                   f"{counts['sent']} sent while the server was down, in {len(reports)} "
                   f"send-mail rounds")
        # The server comes back; the sender retries after its back-off.
        pending = self._pending()
        tries = self._attempts()
        self.smtp.start()
        wait_until = time.monotonic() + 35  # mailer.FIRST_RETRY is 30 s
        print(f"   mail server back; waiting for the retry delay ({pending} pending)",
              file=sys.stderr, flush=True)
        rounds = 0
        while time.monotonic() < self.deadline:
            if time.monotonic() >= wait_until:
                reports.append(self._send_mail())
                rounds += 1
                if self._pending() == 0:
                    break
            time.sleep(1)
        delivered = Counter(self.smtp.received)
        ids = set(self._message_ids(briefing_id))
        twice = [mid for mid, n in delivered.items() if n > 1]
        failed = [r for r in reports if r.startswith("failed")]
        if failed:
            print("   send-mail rounds that failed: " + "; ".join(failed[:3]), file=sys.stderr)
        self.check("after the outage: every message delivered exactly once",
                   set(delivered) == ids and not twice and self._pending() == 0
                   and counts["sent"] == 0,
                   f"{len(ids)} in the outbox, {len(delivered)} distinct delivered, "
                   f"{len(twice)} twice; tried {tries} times while down; "
                   f"{rounds} send-mail rounds after")

    # -- phase 3 ------------------------------------------------------------------------------

    def _killed_workers(self) -> None:
        slug = "faults-kill"
        briefing_id, sessions = self.briefings[slug]
        print(f"== {self.target.name}: burst with workers killed", file=sys.stderr)
        killed = []

        def kill_now_and_then():
            for _ in range(3):
                time.sleep(1.0)
                workers = self.server.workers()
                if workers:
                    victim = random.choice(workers)
                    os.kill(victim, signal.SIGKILL)
                    killed.append(victim)

        result = burst(self.server.base, slug, sessions, self.group, clients=self.args.clients,
                       total=self.args.registrations, prefix="k", during=kill_now_and_then)
        counts = self._counts(briefing_id, sessions)
        fives = sum(n for status, n in result.statuses.items()
                    if isinstance(status, int) and status >= 500)
        self.check("killed workers: the others kept serving",
                   len(killed) == 3 and result.statuses.get(302, 0) > 0,
                   f"{len(killed)} workers killed; statuses {dict(result.statuses)}; "
                   f"dropped connections {dict(result.errors)}; {fives} 5xx")
        self.check("killed workers: no half-written registration",
                   counts["incomplete"] == 0 and counts["orphans"] == 0
                   and counts["unmailed"] == 0,
                   f"{counts['registrations']} registrations, {counts['incomplete']} without "
                   f"their seats or history, {counts['unmailed']} without their e-mail, "
                   f"{counts['orphans']} seats/history/e-mails without a registration")
        answered = result.statuses.get(302, 0)
        self.check("killed workers: what was answered was kept; capacity held",
                   answered <= counts["registrations"] <= self.args.registrations
                   and counts["confirmed"] <= CAPACITY
                   and all(n <= SESSION_SEATS for n in counts["seats"].values()),
                   f"{answered} answered, {counts['registrations']} stored (a request cut "
                   f"after its commit is stored but unanswered); {counts['confirmed']} confirmed")

    # -- reading the database -----------------------------------------------------------------

    def _engine(self):
        import sqlalchemy as sa

        return sa.create_engine(self.url)

    def _counts(self, briefing_id: int, sessions: list[int]) -> dict:
        import sqlalchemy as sa

        from briefings.models import (
            OutboxMessage,
            OutboxStatus,
            Registration,
            RegistrationStatus as RS,
            SeatStatus,
            SessionSeat,
            StatusChange,
        )

        engine = self._engine()
        mine = Registration.briefing_id == briefing_id
        with engine.begin() as conn:
            def scalar(query):
                return conn.execute(query).scalar_one()

            status = dict(conn.execute(sa.select(Registration.status, sa.func.count())
                                       .where(mine).group_by(Registration.status)).all())
            seats = dict(conn.execute(
                sa.select(SessionSeat.session_id, sa.func.count())
                .where(SessionSeat.session_id.in_(sessions),
                       SessionSeat.status == SeatStatus.CONFIRMED)
                .group_by(SessionSeat.session_id)).all())
            has_seats = (sa.select(sa.func.count()).select_from(SessionSeat)
                         .where(SessionSeat.registration_id == Registration.id)
                         .scalar_subquery())
            has_history = sa.exists().where(StatusChange.registration_id == Registration.id)
            has_mail = sa.exists().where(OutboxMessage.registration_id == Registration.id)
            counts = {
                "registrations": scalar(sa.select(sa.func.count()).where(mine)),
                "confirmed": status.get(RS.CONFIRMED, 0),
                "waitlisted": status.get(RS.WAITLISTED, 0),
                "seats": {sid: seats.get(sid, 0) for sid in sessions},
                "incomplete": scalar(sa.select(sa.func.count()).where(
                    mine, sa.or_(has_seats != len(sessions), ~has_history))),
                "unmailed": scalar(sa.select(sa.func.count()).where(mine, ~has_mail)),
                "mails": scalar(sa.select(sa.func.count()).where(
                    OutboxMessage.briefing_id == briefing_id)),
                "sent": scalar(sa.select(sa.func.count()).where(
                    OutboxMessage.briefing_id == briefing_id,
                    OutboxMessage.status == OutboxStatus.SENT)),
                "orphans": scalar(sa.select(sa.func.count()).select_from(SessionSeat).where(
                    SessionSeat.session_id.in_(sessions),
                    ~sa.exists().where(Registration.id == SessionSeat.registration_id)))
                + scalar(sa.select(sa.func.count()).select_from(StatusChange).where(
                    ~sa.exists().where(Registration.id == StatusChange.registration_id)))
                + scalar(sa.select(sa.func.count()).where(
                    OutboxMessage.briefing_id == briefing_id,
                    OutboxMessage.registration_id.is_(None))),
            }
        engine.dispose()
        return counts

    def _pending(self) -> int:
        import sqlalchemy as sa

        from briefings.models import OutboxMessage, OutboxStatus

        engine = self._engine()
        with engine.connect() as conn:
            n = conn.execute(sa.select(sa.func.count()).where(
                OutboxMessage.status == OutboxStatus.PENDING)).scalar_one()
        engine.dispose()
        return n

    def _attempts(self) -> int:
        import sqlalchemy as sa

        from briefings.models import OutboxMessage

        engine = self._engine()
        with engine.connect() as conn:
            n = conn.execute(sa.select(sa.func.coalesce(sa.func.sum(OutboxMessage.attempts), 0))
                             ).scalar_one()
        engine.dispose()
        return n

    def _message_ids(self, briefing_id: int) -> list[str]:
        import sqlalchemy as sa

        from briefings.models import OutboxMessage

        engine = self._engine()
        with engine.connect() as conn:
            ids = conn.execute(sa.select(OutboxMessage.message_id).where(
                OutboxMessage.briefing_id == briefing_id)).scalars().all()
        engine.dispose()
        return ids


def print_checks(checks: list[Check]) -> None:
    width = max(len(c.name) for c in checks)
    print()
    print(f" {'database':<10} | {'check':<{width}} | ok  | detail")
    print(f"{'-' * 12}+{'-' * (width + 2)}+-----+{'-' * 40}")
    for c in checks:
        print(f" {c.database:<10} | {c.name:<{width}} | {'yes' if c.ok else 'NO ':<3} | "
              f"{c.detail}")


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--clients", type=int, default=32)
    parser.add_argument("--registrations", type=int, default=500)
    parser.add_argument("--workers", type=int, default=5)
    parser.add_argument("--keep", action="store_true", help="keep the throwaway folders")
    args = parser.parse_args(argv)
    random.seed(7)
    started = time.perf_counter()
    checks: list[Check] = []
    for target in harness.targets():
        checks += Drill(target, args).run()
    print_checks(checks)
    print(f"\nWhole drill {time.perf_counter() - started:.0f} s, loopback only.")
    return 0 if all(c.ok for c in checks) else 1


if __name__ == "__main__":
    sys.exit(main())
