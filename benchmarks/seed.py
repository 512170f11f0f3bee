"""A large briefing for the measurements: 60 sessions and 10,000 registrations, in bulk.

Rows go in with multi-row INSERTs (no ORM objects), so seeding takes seconds,
not minutes. Everything is deterministic (one seeded random generator), so two
runs measure the same data.
"""
import random
import secrets
from dataclasses import dataclass, field
from datetime import datetime, timedelta, timezone

import sqlalchemy as sa

from briefings.extensions import db
from briefings.models import (
    AuditEvent,
    Briefing,
    BriefingSession,
    Membership,
    OutboxMessage,
    Person,
    Pledge,
    Registration,
    SessionPerson,
    SessionSeat,
    StakeholderGroup,
    StatusChange,
    User,
)
from briefings.models.briefings import session_objective
from briefings.models.pledges import pledge_objective
from briefings.services.accounts import hash_password

SLUG = "imrf-outcomes-bench"
ORGANIZER_EMAIL = "bench-organizer@example.org"
ORGANIZER_PASSWORD = "bench-organizer-password"
TICKET_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"
COUNTRIES = ["EG", "MA", "TN", "JO", "LB", "SN", "KE", "NG", "FR", "DE", "IT", "ES", "US", "MX",
             "PH", "BD", "IN", "PK", "TR", "GH", "ET", "SD", "LY", "DZ", "IQ", "SY", "YE", "QA"]
KINDS = ["opening", "plenary", "round_table", "policy_debate", "hearing", "panel", "side_event",
         "closing"]
# Registration statuses in the proportions a large briefing has.
STATUS_WEIGHTS = {"confirmed": 85, "waitlisted": 5, "pending": 5, "cancelled": 3, "declined": 2}
BATCH = 2000


@dataclass
class Seeded:
    """What the measurements need to know about the seeded data."""

    slug: str
    briefing_id: int
    session_ids: list[int]
    group_ids: list[int]
    registrations: int
    codes_to_admit: list[str] = field(default_factory=list)  # confirmed, not checked in


def _insert(table, rows: list[dict]) -> None:
    for start in range(0, len(rows), BATCH):
        db.session.execute(sa.insert(table), rows[start:start + BATCH])


def _ticket_codes(rng: random.Random, n: int) -> list[str]:
    codes: set[str] = set()
    while len(codes) < n:
        codes.add("".join(rng.choice(TICKET_ALPHABET) for _ in range(8)))
    return sorted(codes, key=lambda _: rng.random())


def seed(*, registrations: int = 10_000, sessions: int = 60, now: datetime | None = None,
         rng_seed: int = 20240520) -> Seeded:
    """Add the benchmark briefing, its programme, registrants, e-mails and audit trail."""
    rng = random.Random(rng_seed)
    now = now or datetime.now(timezone.utc).replace(microsecond=0)
    start = (now + timedelta(days=30)).replace(hour=6, minute=0, second=0)
    groups = db.session.scalars(sa.select(StakeholderGroup.id).order_by(StakeholderGroup.id)).all()

    organizer = User(email=ORGANIZER_EMAIL, name="Bench Organizer",
                     password_hash=hash_password(ORGANIZER_PASSWORD))
    briefing = Briefing(
        slug=SLUG, title="Briefing on the outcomes of the International Migration Review Forum",
        summary=("The regional office and the host government brief diplomats, officials, "
                 "civil society and academia on the **outcomes of the IMRF**: the Progress "
                 "Declaration, the round tables, the policy debate and the pledges.\n\n"
                 "* Opening and keynote\n* Four round tables\n* Policy debate\n"
                 "* Multi-stakeholder hearing\n\nInterpretation in English, French and Arabic."),
        partners="IOM Regional Office\nMinistry of Foreign Affairs\nUN Network on Migration",
        venue="International Conference Centre", city="Cairo", timezone="Africa/Cairo",
        starts_at=start, ends_at=start + timedelta(days=3), languages="en,fr,ar",
        status="published", capacity=None)
    db.session.add_all([organizer, briefing])
    db.session.flush()
    db.session.add(Membership(user_id=organizer.id, briefing_id=briefing.id, role="organizer"))
    for n in range(5):  # a few other briefings on the home page
        db.session.add(Briefing(slug=f"bench-other-{n}", title=f"Regional consultation {n + 1}",
                                timezone="Europe/Geneva", starts_at=start + timedelta(days=40 * n),
                                ends_at=start + timedelta(days=40 * n + 1), status="published",
                                languages="en,fr"))

    # The programme: three days of 20 sessions in six rooms, people with roles, objectives.
    per_day = -(-sessions // 3)
    session_rows = []
    for n in range(sessions):
        day, slot = divmod(n, per_day)
        begins = start + timedelta(days=day, minutes=30 * (slot // 6) * 3)
        session_rows.append({
            "briefing_id": briefing.id, "kind": KINDS[n % len(KINDS)],
            "title": f"Round table {n + 1}: regular pathways, labour mobility and skills",
            "description": "A discussion of what the Progress Declaration asks of States.",
            "starts_at": begins, "ends_at": begins + timedelta(minutes=75),
            "room": f"Hall {chr(65 + n % 6)}", "capacity": 400 if n % 6 == 0 else None,
            "format": "hybrid" if n % 4 == 0 else "in_person", "meeting_link": "",
            "takes_attendance": n % 5 == 0, "position": n % 6,
            "created_at": now, "updated_at": now})
    _insert(BriefingSession.__table__, session_rows)
    session_ids = db.session.scalars(sa.select(BriefingSession.id).where(
        BriefingSession.briefing_id == briefing.id).order_by(BriefingSession.id)).all()
    _insert(Person.__table__, [
        {"briefing_id": briefing.id, "name": f"Speaker {n:03d}", "honorific": "H.E." if n % 7 == 0
         else "", "position": "Director", "organization": f"Organization {n % 40}",
         "stakeholder_group_id": groups[n % len(groups)], "country": COUNTRIES[n % len(COUNTRIES)]}
        for n in range(120)])
    people = db.session.scalars(sa.select(Person.id).where(
        Person.briefing_id == briefing.id).order_by(Person.id)).all()
    links, objectives = [], []
    for i, sid in enumerate(session_ids):
        chosen = rng.sample(people, 5)
        roles = ["chair", "moderator", "speaker", "speaker", "rapporteur"]
        links += [{"session_id": sid, "person_id": pid, "role": role, "position": k}
                  for k, (pid, role) in enumerate(zip(chosen, roles))]
        objectives += [{"session_id": sid, "objective_number": number}
                       for number in rng.sample(range(1, 24), 1 + i % 3)]
    _insert(SessionPerson.__table__, links)
    _insert(session_objective, objectives)

    # Registrations with their seats, history, e-mails and audit events.
    statuses = rng.choices(list(STATUS_WEIGHTS), weights=list(STATUS_WEIGHTS.values()),
                           k=registrations)
    codes = _ticket_codes(rng, registrations)
    rows = []
    for n in range(registrations):
        email = f"participant{n:05d}@example.org"
        created = now - timedelta(days=20) + timedelta(seconds=150 * n)
        confirmed = statuses[n] == "confirmed"
        rows.append({
            "briefing_id": briefing.id, "full_name": f"Participant {n:05d} {rng.choice(NAMES)}",
            "email": email, "email_key": email,
            "organization": f"{rng.choice(ORGS)} {n % 300}", "position": "Counsellor",
            "stakeholder_group_id": groups[n % len(groups)],
            "country": COUNTRIES[n % len(COUNTRIES)],
            "gender": ["woman", "man", "non_binary", "undisclosed", None][n % 5],
            "language": ["en", "fr", "ar"][n % 3],
            "accessibility_needs": "Wheelchair access" if n % 40 == 0 else "",
            "list_consent": n % 2 == 0, "status": statuses[n], "token": secrets.token_urlsafe(24),
            "ticket_code": codes[n],
            "checked_in_at": created + timedelta(days=25) if confirmed and n % 3 == 0 else None,
            "created_at": created, "updated_at": created})
    _insert(Registration.__table__, rows)
    ids = dict(db.session.execute(sa.select(Registration.email_key, Registration.id).where(
        Registration.briefing_id == briefing.id)).all())
    seats, history, mails, audit = [], [], [], []
    taken = dict.fromkeys(session_ids, 0)
    capacity = {row_id: row["capacity"] for row_id, row in zip(session_ids, session_rows)}
    for n, row in enumerate(rows):
        rid, status = ids[row["email_key"]], row["status"]
        for sid in rng.sample(session_ids, 3):
            if status in ("cancelled", "declined"):
                seat = "released"
            elif status == "confirmed" and (capacity[sid] is None or taken[sid] < capacity[sid]):
                seat, taken[sid] = "confirmed", taken[sid] + 1
            else:
                seat = "waitlisted"
            seats.append({"registration_id": rid, "session_id": sid, "status": seat,
                          "created_at": row["created_at"], "attended_at": None})
        history.append({"registration_id": rid, "from_status": None, "to_status": status,
                        "at": row["created_at"], "user_id": None,
                        "reason": "registered online"})
        mails.append({"created_at": row["created_at"], "briefing_id": briefing.id,
                      "registration_id": rid, "kind": status if status != "pending"
                      else "received", "to_address": row["email"],
                      "subject": "Your registration", "body_text": "Dear participant, ...",
                      "body_html": "", "attachments": [],
                      "message_id": f"<bench-{rid}@briefings.invalid>", "status": "sent",
                      "attempts": 1, "next_attempt_at": row["created_at"], "last_error": "",
                      "sent_at": row["created_at"]})
        audit.append({"at": row["created_at"], "user_id": None, "briefing_id": briefing.id,
                      "action": "registration.create", "object_type": "Registration",
                      "object_id": rid, "changes": {"status": status}})
    _insert(SessionSeat.__table__, seats)
    _insert(StatusChange.__table__, history)
    _insert(OutboxMessage.__table__, mails)
    _insert(AuditEvent.__table__, audit)

    # The pledge register at the scale of the seed: 158 pledges.
    _insert(Pledge.__table__, [
        {"briefing_id": briefing.id, "entity": f"Government of {COUNTRIES[n % 25]}",
         "stakeholder_group_id": groups[n % 4], "country": COUNTRIES[n % 25],
         "type": ["financial", "human_resource", "process_oriented", "policy_oriented"][n % 4],
         "title": f"Pledge {n + 1} on safe and regular migration", "description": "…",
         "partners": "", "amount_usd": 100000 * (n + 1) if n % 4 == 0 else None,
         "status": "announced", "created_at": now, "updated_at": now} for n in range(158)])
    pledge_ids = db.session.scalars(sa.select(Pledge.id).where(
        Pledge.briefing_id == briefing.id)).all()
    _insert(pledge_objective, [{"pledge_id": pid, "objective_number": 1 + (pid * 7 + k) % 23}
                               for pid in pledge_ids for k in range(2)])
    db.session.commit()

    admit = [row["ticket_code"] for row in rows
             if row["status"] == "confirmed" and row["checked_in_at"] is None]
    return Seeded(slug=SLUG, briefing_id=briefing.id, session_ids=list(session_ids),
                  group_ids=list(groups), registrations=registrations, codes_to_admit=admit)


NAMES = ["Amina Haddad", "Jean Dupont", "Fatima Zahra", "Omar Khaled", "Maria Gonzalez",
         "Kwame Mensah", "Li Wei", "Sofia Rossi", "Youssef Benali", "Aisha Bello"]
ORGS = ["Ministry of Labour", "Embassy", "Migrant Forum", "University", "Red Crescent Society",
        "Chamber of Commerce", "Diaspora Network", "Human Rights Council"]
