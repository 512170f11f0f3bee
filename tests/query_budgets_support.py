"""The world the query-budget tests measure: one briefing with one of everything its addresses
name, built small and then grown by more rows of every kind.

``build`` makes it with ``SMALL`` rows of each kind; ``grow`` adds more (the tests add
``GROWTH``). ``World.params`` gives the value of each URL parameter the GET routes take.
"""
import itertools
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta, timezone

import sqlalchemy as sa

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



def _groups(db) -> list[StakeholderGroup]:
    return list(db.session.scalars(sa.select(StakeholderGroup).order_by(StakeholderGroup.id)))


def _objectives(db) -> list[GCMObjective]:
    return list(db.session.scalars(sa.select(GCMObjective).order_by(GCMObjective.number)))


COUNTRIES = ["EG", "FR", "MA", "SN", "KE", "JO", "LB", "TN"]
STATUSES = [RS.CONFIRMED, RS.CONFIRMED, RS.WAITLISTED, RS.PENDING, RS.CANCELLED, RS.DECLINED]


def registration(world: World, n: int, group, status: RS, **fields) -> Registration:
    """Registrant ``n`` of the world's briefing, with the history of reaching ``status``."""
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
            reg = registration(world, m, groups[m % len(groups)], STATUSES[m % len(STATUSES)],
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
        focus = registration(World(briefing, admin, session, person, None), 999_999,
                             groups[0], RS.CONFIRMED, checked_in_at=T0)
        focus.seats.append(SessionSeat(session=session, status=SeatStatus.CONFIRMED))
        db.session.add_all([person, session, focus])
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
    world = World(briefing, admin, session, person, focus, focus_entry=entry,
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

