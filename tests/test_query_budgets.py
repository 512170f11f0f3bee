"""Query budgets: every page and API route runs as many queries for a few rows as for many.

One briefing is built small, every GET route of the application is requested
and its queries counted; then the same briefing grows (more sessions, people,
registrations with seats and history, e-mails, speakers, minutes revisions,
documents, action items, pledges and updates, staff, briefings) and each route
must run exactly as many queries again. Routes are found in the URL map, so a
route added later is measured too: its URL parameters must be named in
``PARAMS`` below, or the route listed in ``NOT_MEASURED`` with the reason.
"""
import io
import itertools
from collections import Counter
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta, timezone

import pytest
import sqlalchemy as sa

from briefings import caching
from briefings.extensions import db as _db
from briefings.models import (
    AuditEvent,
    Briefing,
    BriefingSession,
    BriefingStatus,
    GCMObjective,
    Intervention,
    Membership,
    Minutes,
    MinutesRevision,
    MinutesStatus,
    OutboxMessage,
    OutcomeKind,
    ParticipantListVisibility,
    Person,
    PersonRole,
    Pledge,
    PledgeStatus,
    PledgeType,
    PledgeUpdate,
    Registration,
    RegistrationStatus as RS,
    Role,
    SeatStatus,
    SessionKind,
    SessionPerson,
    SessionSeat,
    StakeholderGroup,
    StatusChange,
    User,
)
from briefings.services import outcomes

from . import factories

SLUG = "budget"
T0 = datetime(2030, 6, 20, 6, 0, tzinfo=timezone.utc)
SMALL, GROWTH = 2, 14  # rows of each kind at first, and how many more are added

# Routes that are not measured here, and why.
NOT_MEASURED = {
    "static": "files from disk, no database",
    "published.document_pdf": "the same queries as published.document, then WeasyPrint (slow)",
    "secretariat.compiled_minutes_pdf": "the same queries as secretariat.compiled_minutes, "
                                        "then WeasyPrint (slow)",
}

# More addresses of some routes: filters, search, pages, comparisons.
VARIANTS = {
    "participants.registrations": [
        "status=confirmed", "q=person&sort=name", "group={group_id}&country=EG&order=desc",
        "session={session_id}&page=2", "sort=group"],
    "participants.registrations_csv": ["status=confirmed&sort=organization"],
    "participants.checkin": ["q=person", "person={registration_id}"],
    "participants.session_checkin": ["q=person", "person={registration_id}"],
    "published.pledge_register": ["objective=5", "group=government&page=2", "type=financial"],
    "published.document": ["lang=fr"],
    "pledges.index": ["status=announced"],
    "secretariat.minutes_history": ["from=1&to=2"],
    "outcomes.diff": ["a=1&b=2"],
    "organizer.audit_log": ["page=2"],
}


@dataclass
class World:
    """The briefing under measurement and the records its addresses name."""

    briefing: Briefing
    admin: User
    focus_session: BriefingSession
    focus_person: Person
    focus_registration: Registration
    focus_entry: Intervention | None = None
    focus_document: object = None
    focus_pledge: Pledge | None = None
    staff: User | None = None
    extras: dict = field(default_factory=dict)  # records of optional features, by name
    sessions: list = field(default_factory=list)
    people: list = field(default_factory=list)
    counter: itertools.count = field(default_factory=lambda: itertools.count(1))
    new: list = field(default_factory=list)

    def reload(self, db) -> None:
        """Bring every record back into the current database session (requests closed it)."""
        def fresh(obj):
            return db.session.get(type(obj), sa.inspect(obj).identity)

        for name in ("briefing", "admin", "focus_session", "focus_person", "focus_registration",
                     "focus_entry", "focus_document", "focus_pledge", "staff"):
            setattr(self, name, fresh(getattr(self, name)))
        self.sessions = [fresh(s) for s in self.sessions]
        self.people = [fresh(p) for p in self.people]

    def params(self) -> dict:
        """The value of each URL parameter (and query-string placeholder) by name."""
        group = self.focus_registration.stakeholder_group_id
        return {
            "slug": self.briefing.slug,
            "token": self.focus_registration.token,
            "session_id": self.focus_session.id,
            "registration_id": self.focus_registration.id,
            "person_id": self.focus_person.id,
            "entry_id": self.focus_entry.id,
            "doc_id": self.focus_document.id,
            "doc_slug": self.focus_document.slug,
            "pledge_id": self.focus_pledge.id,
            "user_id": self.staff.id,
            "group_id": group,
            "kind": "action",
            "item_id": self.extras.get("action_item_id"),
            "batch_id": self.extras.get("batch_id"),
            "question_id": self.extras.get("question_id"),
        }

    def endpoint_params(self) -> dict[str, dict]:
        """Parameters that mean something else on some routes (another feature's token)."""
        found = {}
        if "follow_up_token" in self.extras:
            found["followup.owner_page"] = {"token": self.extras["follow_up_token"]}
        if "invitation_token" in self.extras:
            for endpoint in ("invitee.decline", "invitee.accept", "invitee.invitation"):
                found[endpoint] = {"token": self.extras["invitation_token"]}
        return found

    def headers(self, address: str) -> dict:
        """The staff API takes a personal token."""
        if address.startswith("/api/") and "api_token" in self.extras:
            return {"Authorization": f"Bearer {self.extras['api_token']}"}
        return {}


# Every URL parameter that GET routes use, by name (add new ones here).
PARAMS = {"slug", "token", "session_id", "registration_id", "person_id", "entry_id", "doc_id",
          "doc_slug", "pledge_id", "user_id", "group_id", "kind", "item_id", "batch_id",
          "question_id"}


def _groups(db) -> list[StakeholderGroup]:
    return list(db.session.scalars(sa.select(StakeholderGroup).order_by(StakeholderGroup.id)))


def _objectives(db) -> list[GCMObjective]:
    return list(db.session.scalars(sa.select(GCMObjective).order_by(GCMObjective.number)))


COUNTRIES = ["EG", "FR", "MA", "SN", "KE", "JO", "LB", "TN"]
STATUSES = [RS.CONFIRMED, RS.CONFIRMED, RS.WAITLISTED, RS.PENDING, RS.CANCELLED, RS.DECLINED]


def _registration(world: World, n: int, group, status: RS, **fields) -> Registration:
    email = f"person{n}@example.org"
    reg = Registration(
        briefing=world.briefing, full_name=f"Person {n:04d}", email=email, email_key=email,
        organization=f"Organization {n % 7}", position="Officer", stakeholder_group=group,
        country=COUNTRIES[n % len(COUNTRIES)], language=["en", "fr", "ar"][n % 3],
        accessibility_needs="Step-free access" if n % 4 == 0 else "", list_consent=n % 2 == 0,
        token=f"budget-token-{n:06d}-{'x' * 30}", ticket_code=f"BG{n:06d}", status=status,
        created_at=T0 - timedelta(days=30) + timedelta(minutes=n), **fields)
    reg.history.append(StatusChange(from_status=None, to_status=RS.PENDING,
                                    reason="registered online"))
    if status != RS.PENDING:
        reg.history.append(StatusChange(from_status=RS.PENDING, to_status=status,
                                        user_id=world.admin.id, reason="decided"))
    return reg


def _mail(world: World, reg: Registration, kind: str, n: int) -> OutboxMessage:
    return OutboxMessage(briefing_id=world.briefing.id, registration_id=reg.id, kind=kind,
                         to_address=reg.email, subject=f"Mail {n}", body_text="Hello.",
                         message_id=f"<budget-{n}@example.org>")


def grow(db, world: World, k: int) -> None:
    """Add ``k`` more of every kind of row around the briefing and its focus records."""
    with db.session.no_autoflush:
        _add_rows(db, world, k)
    db.session.commit()
    _add_documents(world, k)
    _grow_features(db, world)


def _add_rows(db, world: World, k: int) -> None:
    world.reload(db)
    briefing, groups, objectives = world.briefing, _groups(db), _objectives(db)
    new = [next(world.counter) for _ in range(k)]
    for n in new:
        # Programme: sessions over two days, people with roles, objectives.
        person = Person(briefing=briefing, name=f"Speaker {n:03d}", honorific="Dr",
                        organization=f"Institute {n}", position="Director",
                        stakeholder_group=groups[n % len(groups)], country="EG")
        session = BriefingSession(
            briefing=briefing, kind=list(SessionKind)[n % len(SessionKind)],
            title=f"Session {n:03d}", description=f"About topic {n}.",
            starts_at=T0 + timedelta(days=n % 2, minutes=50 * n),
            ends_at=T0 + timedelta(days=n % 2, minutes=50 * n + 45), room=f"Room {n}",
            capacity=40 if n % 2 else None, takes_attendance=True,
            objectives=objectives[n % 20:n % 20 + 3])
        db.session.add_all([person, session])
        session.roles.append(SessionPerson(person=person, role=PersonRole.CHAIR))
        world.focus_session.roles.append(SessionPerson(person=person, role=PersonRole.SPEAKER,
                                                       position=n))
        session.roles.append(SessionPerson(person=world.focus_person, role=PersonRole.SPEAKER))
        world.sessions.append(session)
        world.people.append(person)
    db.session.flush()
    focus = world.focus_registration
    for n in new:
        for i in range(3):  # registrations of every status, with seats, history and e-mails
            m = n * 10 + i
            reg = _registration(world, m, groups[m % len(groups)], STATUSES[m % len(STATUSES)],
                                checked_in_at=T0 if m % 3 == 0 else None)
            for session in world.sessions[-3:]:
                reg.seats.append(SessionSeat(session=session, status=SeatStatus.CONFIRMED,
                                             attended_at=T0 if m % 2 else None))
            db.session.add(reg)
            db.session.flush()
            db.session.add(_mail(world, reg, "confirmed", m))
        focus.seats.append(SessionSeat(session=world.sessions[new.index(n) - k],
                                       status=SeatStatus.WAITLISTED if n % 2 else
                                       SeatStatus.CONFIRMED))
        focus.history.append(StatusChange(from_status=RS.CONFIRMED, to_status=RS.CONFIRMED,
                                          user_id=world.admin.id, reason=f"note {n}"))
        db.session.add(_mail(world, focus, "private_link", 1000 + n))
        # Speakers list of the focus session.
        db.session.add(Intervention(
            session=world.focus_session, registration_id=focus.id if n % 2 else None,
            speaker_name=f"Speaker {n}", organization=f"Org {n}",
            stakeholder_group=groups[n % len(groups)], position=n, requested_at=T0,
            started_at=T0 if n % 3 == 0 else None, ended_at=T0 + timedelta(minutes=3)
            if n % 3 == 0 else None, summary="Said things."))
        # Minutes of the new session, and another revision of the focus minutes.
        session = world.sessions[new.index(n) - k]
        minutes = Minutes(session=session, body=f"Minutes {n}", status=MinutesStatus.DRAFT,
                          version=1, rapporteur_id=world.admin.id)
        minutes.revisions.append(MinutesRevision(version=1, body=f"Minutes {n}",
                                                 author_id=world.admin.id))
        db.session.add(minutes)
        focus_minutes = db.session.scalar(sa.select(Minutes).where(
            Minutes.session_id == world.focus_session.id))
        focus_minutes.version += 1
        focus_minutes.revisions.append(MinutesRevision(
            version=focus_minutes.version, body=f"Minutes line {n}\n" * 3,
            author_id=world.admin.id))
        # Pledges, and progress on the focus pledge.
        db.session.add(Pledge(
            briefing_id=briefing.id, entity=f"Entity {n}", stakeholder_group=groups[n % 3],
            country=COUNTRIES[n % len(COUNTRIES)], type=list(PledgeType)[n % 4],
            title=f"Pledge {n}", amount_usd=1000 * n if n % 4 == 0 else None,
            objectives=objectives[n % 21:n % 21 + 2],
            updates=[PledgeUpdate(on=date(2030, 7, 1), status=PledgeStatus.IN_PROGRESS,
                                  note="Under way.")]))
        world.focus_pledge.updates.append(PledgeUpdate(
            on=date(2030, 7, 1) + timedelta(days=n), status=PledgeStatus.IN_PROGRESS,
            note=f"Step {n}.", author_id=world.admin.id))
        # Staff: members of this briefing, and briefings elsewhere.
        user = User(email=f"staff{n}@example.org", name=f"Staff {n}",
                    password_hash=factories._password_hash(factories.PASSWORD))
        db.session.add(user)
        db.session.add(Membership(user=user, briefing=briefing, role=Role.SECRETARIAT))
        other = Briefing(slug=f"other-{n}", title=f"Other {n}", timezone="Europe/Paris",
                         starts_at=T0 + timedelta(days=n), ends_at=T0 + timedelta(days=n + 1),
                         status=BriefingStatus.PUBLISHED if n % 2 else BriefingStatus.CONCLUDED,
                         languages="en,fr")
        db.session.add(other)
        db.session.add(Membership(user=world.staff, briefing=other, role=Role.ORGANIZER))
        db.session.add(Membership(user=world.admin, briefing=other, role=Role.ORGANIZER))
        db.session.add(AuditEvent(user_id=world.admin.id, briefing_id=briefing.id,
                                  action="registration.status", object_type="Registration",
                                  object_id=focus.id, changes={"n": n}))
    world.new = new


def _add_documents(world: World, k: int) -> None:
    """Outcome documents, through the service (slugs, translation keys, revisions)."""
    briefing = world.briefing
    for n in world.new:
        doc = outcomes.create(briefing, outcomes.DocumentData(
            kind=list(OutcomeKind)[n % len(OutcomeKind)], title=f"Document {n}", language="en",
            body=f"Text {n}.", objectives=[1 + n % 23]))
        if n % 2:
            outcomes.publish(doc)
        focus_doc = world.focus_document
        outcomes.add_action(focus_doc, outcomes.ActionData(what=f"Action {n}", who="Everyone"))
        outcomes.save(focus_doc.id, title=focus_doc.title, body=f"Body line {n}\n",
                      objectives=[o.number for o in focus_doc.objectives] + [1 + n % 23],
                      base_version=focus_doc.version)
        _db.session.refresh(focus_doc)


def _build_features(db, world: World) -> None:
    """Records of the features that have addresses of their own, where they are installed."""
    import briefings.models as models

    briefing = world.briefing
    world.extras["action_item_id"] = outcomes.add_action(
        world.focus_document, outcomes.ActionData(what="Report back", who="Chair")).id
    if hasattr(models, "FollowUp"):
        follow_up = models.FollowUp(action_item_id=world.extras["action_item_id"],
                                    owner_name="Owner", owner_email="owner@example.org")
        db.session.add(follow_up)
        db.session.commit()
        world.extras["follow_up"], world.extras["follow_up_token"] = follow_up.id, follow_up.token
    if hasattr(models, "Invitation"):
        invitation = models.Invitation(briefing_id=briefing.id, full_name="Invited Person",
                                       email="invited@example.org",
                                       email_key="invited@example.org",
                                       token=f"invitation-token-{'y' * 32}")
        batch = models.MessageBatch(briefing_id=briefing.id, kind=models.MessageKind.MESSAGE,
                                    subject="Practical information", body="Dear all,")
        db.session.add_all([invitation, batch])
        db.session.commit()
        world.extras.update(invitation_token=invitation.token, batch_id=batch.id)
    if hasattr(models, "Survey"):
        survey = models.Survey(briefing_id=briefing.id, status=models.SurveyStatus.OPEN)
        survey.questions = [
            models.SurveyQuestion(kind=models.QuestionKind.RATING, prompt="How useful?",
                                  position=1),
            models.SurveyQuestion(kind=models.QuestionKind.CHOICE, prompt="Which format?",
                                  options="In person\nOnline", position=2),
            models.SurveyQuestion(kind=models.QuestionKind.TEXT, prompt="What next?",
                                  position=3)]
        db.session.add(survey)
        db.session.commit()
        world.extras.update(survey=survey.id, question_id=survey.questions[0].id,
                            questions=[q.id for q in survey.questions])
    if hasattr(models, "ApiToken"):
        from briefings.services import api_tokens

        made = api_tokens.create_token(briefing, world.admin, name="Budget",
                                       scopes=set(models.ApiScope))
        world.extras["api_token"] = made.secret
    db.session.commit()


def _grow_features(db, world: World) -> None:
    """More rows under the optional features' records: updates, recipients, answers."""
    import briefings.models as models

    ids = db.session.scalars(sa.select(Registration.id).where(
        Registration.briefing_id == world.briefing.id).order_by(Registration.id.desc())
        .limit(len(world.new))).all()
    for n, registration_id in zip(world.new, ids):
        if "follow_up" in world.extras:
            db.session.add(models.FollowUpUpdate(follow_up_id=world.extras["follow_up"],
                                                 status="in_progress", note=f"Step {n}"))
        if "batch_id" in world.extras:
            db.session.add(models.MessageRecipient(batch_id=world.extras["batch_id"],
                                                   registration_id=registration_id))
            db.session.add(models.Invitation(
                briefing_id=world.briefing.id, full_name=f"Invited {n}",
                email=f"invited{n}@example.org", email_key=f"invited{n}@example.org",
                token=f"invitation-{n}-{'z' * 32}"))
        if "survey" in world.extras:
            rating, choice, text = world.extras["questions"]
            response = models.SurveyResponse(survey_id=world.extras["survey"])
            response.answers = [models.SurveyAnswer(question_id=rating, rating=1 + n % 5),
                                models.SurveyAnswer(question_id=choice, choice="Online"),
                                models.SurveyAnswer(question_id=text, text=f"More {n}")]
            db.session.add(response)
    db.session.commit()


def build(db) -> World:
    """The briefing with one of everything its addresses name, grown to SMALL rows."""
    admin = factories.user(is_admin=True, email="budget-admin@example.org")
    staff = factories.user(email="budget-staff@example.org")
    admin_id, (groups, objectives) = admin.id, (_groups(db), _objectives(db))
    with db.session.no_autoflush:
        briefing = Briefing(
            slug=SLUG, title="Budget briefing", summary="**Outcomes** of the forum.",
            partners="IOM\nGovernment", venue="Conference centre", city="Cairo",
            timezone="Africa/Cairo", starts_at=T0, ends_at=T0 + timedelta(days=2),
            status=BriefingStatus.PUBLISHED, languages="en,fr,ar", capacity=5000,
            participant_list=ParticipantListVisibility.PUBLIC)
        db.session.add(briefing)
        db.session.add(Membership(user=staff, briefing=briefing, role=Role.ORGANIZER))
        person = Person(briefing=briefing, name="Focus Speaker", organization="Forum")
        session = BriefingSession(
            briefing=briefing, kind=SessionKind.HEARING, title="Multi-stakeholder hearing",
            starts_at=T0, ends_at=T0 + timedelta(hours=1), room="Hall A", capacity=300,
            takes_attendance=True, objectives=objectives[:3])
        session.roles.append(SessionPerson(person=person, role=PersonRole.CHAIR))
        registration = _registration(World(briefing, admin, session, person, None), 999_999,
                                     groups[0], RS.CONFIRMED, checked_in_at=T0)
        registration.seats.append(SessionSeat(session=session, status=SeatStatus.CONFIRMED))
        db.session.add_all([person, session, registration])
        db.session.flush()
        minutes = Minutes(session=session, body="First", version=1, rapporteur_id=admin_id)
        minutes.revisions.append(MinutesRevision(version=1, body="First", author_id=admin_id))
        pledge = Pledge(briefing_id=briefing.id, entity="Focus State",
                        stakeholder_group=groups[0], country="EG", type=PledgeType.FINANCIAL,
                        title="Focus pledge", amount_usd=500000, objectives=objectives[4:6])
        entry = Intervention(session=session, speaker_name="First speaker", position=0,
                             requested_at=T0)
        db.session.add_all([minutes, pledge, entry])
    db.session.commit()
    world = World(briefing, admin, session, person, registration, focus_entry=entry,
                  focus_pledge=pledge, staff=staff, sessions=[session], people=[person])
    doc = outcomes.create(briefing, outcomes.DocumentData(
        kind=OutcomeKind.CHAIRS_SUMMARY, title="Chair's summary", language="en",
        body="The summary.", objectives=[5, 6]))
    outcomes.publish(doc)
    for language, title in (("fr", "Résumé du président"), ("ar", "ملخص الرئيس")):
        outcomes.publish(outcomes.add_translation(doc, language=language, title=title,
                                                  body="Texte."))
    world.focus_document = doc
    _build_features(db, world)
    grow(db, world, SMALL)
    return world


def _get_routes(app) -> list:
    return sorted((rule for rule in app.url_map.iter_rules()
                   if "GET" in rule.methods and rule.endpoint not in NOT_MEASURED),
                  key=lambda rule: rule.endpoint)


def _addresses(app, world: World) -> list[tuple[str, str]]:
    """(endpoint, address) for every GET route and its variants."""
    params, special = world.params(), world.endpoint_params()
    found = []
    with app.test_request_context():
        from flask import url_for

        for rule in _get_routes(app):
            unknown = set(rule.arguments) - PARAMS
            assert not unknown, (
                f"{rule.endpoint} ({rule.rule}) takes {sorted(unknown)}: name a value for it "
                f"in PARAMS / World.params, or list the route in NOT_MEASURED with the reason")
            values = {**params, **special.get(rule.endpoint, {})}
            base = url_for(rule.endpoint, **{name: values[name] for name in rule.arguments})
            found.append((rule.endpoint, base))
            for query in VARIANTS.get(rule.endpoint, []):
                found.append((rule.endpoint, f"{base}?{query.format(**params)}"))
    return found


def _measure(client, db, count_queries, address: str,
             headers: dict | None = None) -> tuple[int, int, list[str]]:
    db.session.close()  # the test and its requests share a session: start each count cold
    caching.clear_all()  # and build what the caches would hold: that is what grows with rows
    with count_queries() as queries:
        response = client.get(address, headers=headers or {})
        body = response.get_data()  # streamed bodies run their queries here
    assert body is not None
    return response.status_code, queries.count, queries.statements


def test_every_get_route_runs_the_same_queries_for_few_and_many_rows(app, client, db, login,
                                                                     count_queries, monkeypatch):
    # A token's last use is written at most once a minute: on a slow machine the two passes
    # can fall in different minutes, and one would count an UPDATE the other did not.
    from briefings.services import api_tokens

    monkeypatch.setattr(api_tokens, "LAST_USED_RESOLUTION", timedelta(days=365))
    world = build(db)
    login(world.admin)
    addresses = _addresses(app, world)
    small = {}
    for endpoint, address in addresses:
        headers = world.headers(address)
        _measure(client, db, count_queries, address, headers)  # one-off work done
        small[address] = _measure(client, db, count_queries, address, headers)
    grow(db, world, GROWTH)
    problems = []
    for endpoint, address in addresses:
        status, count, statements = _measure(client, db, count_queries, address,
                                             world.headers(address))
        was_status, was_count, was_statements = small[address]
        if status >= 400 or was_status >= 400:
            problems.append(f"{address} ({endpoint}): status {was_status} then {status}")
        elif count != was_count:
            problems.append(f"{address} ({endpoint}): {was_count} queries with few rows, "
                            f"{count} with many; repeated:\n" + _grown(was_statements,
                                                                       statements))
    assert not problems, "\n".join(problems)
    assert len(addresses) > 60  # the URL map really was walked


def _grown(before: list[str], after: list[str]) -> str:
    """The statements run more often with many rows, and how often (to spot an N+1)."""
    def tally(statements):
        return Counter(" ".join(s.split())[:150] for s in statements)

    old, new = tally(before), tally(after)
    return "\n".join(f"    {old[s]} -> {n}: {s}" for s, n in new.items() if n > old[s])


def test_the_grown_briefing_really_has_many_rows(app, db):
    """The measurement above means something only if the rows did grow."""
    world = build(db)
    before = _row_counts(db, world)
    grow(db, world, GROWTH)
    after = _row_counts(db, world)
    for name, count in after.items():
        assert count >= before[name] + GROWTH, name


def _row_counts(db, world: World) -> dict[str, int]:
    b, focus = world.briefing.id, world.focus_registration.id

    def count(model, *where):
        return db.session.scalar(sa.select(sa.func.count()).select_from(model).where(*where))

    return {
        "sessions": count(BriefingSession, BriefingSession.briefing_id == b),
        "registrations": count(Registration, Registration.briefing_id == b),
        "focus seats": count(SessionSeat, SessionSeat.registration_id == focus),
        "focus history": count(StatusChange, StatusChange.registration_id == focus),
        "focus mails": count(OutboxMessage, OutboxMessage.registration_id == focus),
        "speakers": count(Intervention, Intervention.session_id == world.focus_session.id),
        "speaker roles": count(SessionPerson,
                               SessionPerson.session_id == world.focus_session.id),
        "pledges": count(Pledge, Pledge.briefing_id == b),
        "pledge updates": count(PledgeUpdate, PledgeUpdate.pledge_id == world.focus_pledge.id),
        "briefings": count(Briefing),
        "members": count(Membership, Membership.briefing_id == b),
        "audit": count(AuditEvent, AuditEvent.briefing_id == b),
    }


def _post_budget(client, db, count_queries, address: str, data: dict) -> tuple[int, int]:
    db.session.close()
    caching.clear_all()
    with count_queries() as queries:
        response = client.post(address, data=data)
    assert response.status_code == 302, address
    return queries.count


def test_registering_runs_the_same_queries_for_few_and_many_registrations(app, client, db,
                                                                         count_queries):
    world = build(db)
    group = world.focus_registration.stakeholder_group_id
    sessions = [world.focus_session.id, world.sessions[-1].id]

    def form(n):
        return {"full_name": f"New Person {n}", "email": f"new{n}@example.org",
                "organization": "Org", "position": "", "stakeholder_group": group,
                "country": "EG", "gender": "", "language": "en", "accessibility_needs": "",
                "sessions": sessions}

    address = f"/b/{SLUG}/register"
    _post_budget(client, db, count_queries, address, form(1))
    few = _post_budget(client, db, count_queries, address, form(2))
    grow(db, world, GROWTH)
    many = _post_budget(client, db, count_queries, address, form(3))
    assert few == many


def test_checking_in_by_ticket_code_runs_the_same_queries_for_few_and_many(app, client, db,
                                                                          login,
                                                                          count_queries):
    world = build(db)
    login(world.admin)
    address = f"/manage/{SLUG}/checkin"

    arrivals = iter(range(500_000, 500_010))

    def arrival():
        world.reload(db)
        reg = _registration(world, next(arrivals), None, RS.CONFIRMED)
        db.session.add(reg)
        db.session.commit()
        return {"query": reg.ticket_code.lower()}  # as typed at the desk

    _post_budget(client, db, count_queries, address, arrival())
    few = _post_budget(client, db, count_queries, address, arrival())
    grow(db, world, GROWTH)
    many = _post_budget(client, db, count_queries, address, arrival())
    arrived = db.session.scalars(sa.select(Registration.ticket_code).where(
        Registration.ticket_code.in_([f"BG{n:06d}" for n in range(500_000, 500_003)]),
        Registration.checked_in_at.is_not(None))).all()
    assert len(arrived) == 3  # the desk really checked each one in
    assert few == many


@pytest.mark.parametrize("endpoint", sorted(NOT_MEASURED))
def test_routes_left_out_are_real_routes(app, endpoint):
    """NOT_MEASURED names routes that exist: a renamed route must be measured again."""
    assert endpoint in {rule.endpoint for rule in app.url_map.iter_rules()}


def test_importing_online_attendance_runs_the_same_queries_for_few_and_many(app, client, db,
                                                                           login, count_queries):
    """The report names every registrant: a longer report costs no more queries."""
    world = build(db)
    login(world.admin)
    address = f"/manage/{SLUG}/checkin/online-attendance"

    def report() -> tuple[bytes, int]:
        world.reload(db)
        briefing_id, session_id = world.briefing.id, world.focus_session.id
        emails = db.session.scalars(sa.select(Registration.email)
                                    .where(Registration.briefing_id == briefing_id)).all()
        db.session.execute(sa.update(Registration).where(Registration.briefing_id == briefing_id)
                           .values(checked_in_at=None))
        db.session.execute(sa.update(SessionSeat).where(SessionSeat.session_id == session_id)
                           .values(attended_at=None))
        db.session.commit()
        lines = ["Name (Original Name),User Email,Join Time"] + [
            f"Someone,{email.upper()},06/20/2030 09:0{n % 10}:00 AM" for n, email in
            enumerate(emails + ["stranger@elsewhere.example"])]
        return "\n".join(lines).encode(), session_id

    def measure() -> int:
        data, session_id = report()
        db.session.close()
        caching.clear_all()
        with count_queries() as queries:
            response = client.post(address, data={"file": (io.BytesIO(data), "zoom.csv"),
                                                  "session": str(session_id)},
                                   content_type="multipart/form-data")
            assert response.status_code == 200
        return queries.count

    measure()
    few = measure()
    grow(db, world, GROWTH)
    many = measure()
    world.reload(db)
    marked = db.session.scalar(sa.select(sa.func.count()).select_from(Registration).where(
        Registration.briefing_id == world.briefing.id, Registration.checked_in_at.is_not(None)))
    assert marked > GROWTH  # the import really marked the grown list present
    assert few == many
