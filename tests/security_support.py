"""A small but complete world for the security tests: every kind of record a URL can name.

``build_world()`` makes a published briefing with a session, a person, a
registration with its private link (checked in, so its certificate exists), a
speakers-list entry, minutes, a published outcome document with an action item
that has an owner, a pledge, an invitation, a message and a pending change
notice, a personal API token, an open feedback survey with one question, and
one user per role. ``url_for_rule()`` fills in any rule's arguments from it, so a test can
walk the whole URL map.
"""
import re
from dataclasses import dataclass, field
from datetime import timedelta
from html.parser import HTMLParser
from urllib.parse import urlsplit

import sqlalchemy as sa

from briefings.extensions import db
from briefings.models import (
    ApiScope,
    BriefingStatus,
    Gender,
    Membership,
    OutcomeKind,
    ParticipantListVisibility,
    PledgeType,
    QuestionKind,
    Role,
)
from briefings.services import (
    api_tokens,
    checkin,
    followup,
    invitations,
    messaging,
    minutes,
    notices,
    outcomes,
    pledges,
    registrations,
    speakers,
    surveys,
)
from briefings.services.outcomes import ActionData, DocumentData
from briefings.services.pledges import PledgeData

from . import factories

# Who knocks: anonymous visitors, the holder of a private link, and staff.
ROLES = ("anonymous", "registrant", "secretariat", "other_organizer", "organizer", "admin")
STAFF_ROLES = ("secretariat", "other_organizer", "organizer", "admin")

SENSITIVE_NEEDS = "Needs a sign-language interpreter (ZQX-SENSITIVE-NEEDS)"
SECRET_LOOKING_TOKEN = "x" * 43  # well formed, belongs to nobody


@dataclass
class World:
    briefing: object
    session: object
    registration: object
    token: str
    users: dict
    args: dict = field(default_factory=dict)
    # Secrets that nobody among ROLES holds: an action owner's link, an invitee's link,
    # the organizer's personal API token (tests that open those doors use them).
    owner_token: str = ""
    invitation_token: str = ""
    api_secret: str = ""

    def token_for(self, endpoint: str) -> str:
        """The secret a page walk puts in ``endpoint``'s <token>: the one that opens it."""
        return {"followup.owner_page": self.owner_token,
                "invitee.decline": self.invitation_token}.get(endpoint) or self.token


def build_world() -> World:
    """Build the world (committed) and the values for every URL argument we know."""
    briefing = factories.briefing(slug="imrf", title="IMRF outcomes briefing",
                                  participant_list=ParticipantListVisibility.PUBLIC)
    session = factories.session(briefing, title="Multi-stakeholder hearing",
                                takes_attendance=True)
    person = factories.person(briefing, name="Carmela Godeau")
    link = factories.link(session, person)
    factories.link(session, factories.person(briefing, name="Second speaker"))
    group = factories.group("civil_society")
    result = registrations.register(briefing.id, registrations.Details(
        full_name="Amina Registrant", email="amina@example.org", organization="Civic Forum",
        position="Director", stakeholder_group_id=group.id, country="EG",
        gender=Gender.WOMAN.value, accessibility_needs=SENSITIVE_NEEDS, list_consent=True,
        session_ids=[session.id]))
    registration = result.registration
    walk_in = registrations.register(briefing.id, registrations.Details(
        full_name="Walk In", email="walkin@example.org", organization="Uni",
        stakeholder_group_id=group.id, country="MA")).registration
    entry = speakers.add_registrant(session.id, registration.id)
    minutes.save(session.id, briefing.id, "The hearing opened.", 0)
    document = outcomes.create(briefing, DocumentData(
        kind=OutcomeKind.CHAIRS_SUMMARY, title="Chair's Summary", language="en",
        body="Key messages.", objectives=[5]))
    item = outcomes.add_action(document, ActionData(what="Follow up"))
    outcomes.publish(document)
    pledge = pledges.create_pledge(briefing, PledgeData(
        entity="Government of Egypt", type=PledgeType.POLICY, title="A pledge"))
    other = factories.briefing(slug="other-briefing", status=BriefingStatus.PUBLISHED)
    users = {
        "secretariat": factories.user(briefing=briefing, role=Role.SECRETARIAT),
        "other_organizer": factories.user(briefing=other, role=Role.ORGANIZER),
        "organizer": factories.user(briefing=briefing, role=Role.ORGANIZER),
        "admin": factories.user(is_admin=True),
    }
    member = factories.user(briefing=briefing, role=Role.SECRETARIAT)
    membership = db.session.scalar(sa.select(Membership).where(Membership.user_id == member.id))
    organizer = users["organizer"]
    # The registrant came: checked in, so the certificate of attendance exists.
    checkin.check_in(registration.id, actor=organizer)
    # The action item has an owner, who reports through a private link (/f/<token>).
    owned = followup.set_owner(item, followup.OwnerData(
        name="Action Owner", email="owner@example.org"), actor=organizer)
    # Outreach: an invitation sent, a message to the confirmed registrants, and a change of
    # the session's room that its registrants have not been told of yet.
    invitation = invitations.invite(briefing.id, invitations.Invitee(
        full_name="Invited Person", email="invited@example.org", organization="Mission",
        stakeholder_group_id=group.id), actor=organizer)
    batch = messaging.send_message(briefing.id, "Practical details",
                                   "Dear {name}, see you at {briefing}: {link}",
                                   messaging.Audience(), actor=organizer)
    notice = notices.note_change(session, session.starts_at, session.ends_at, "Room B",
                                 actor=organizer)
    # A personal API token of the organizer (its secret is held by no visitor of the matrix).
    made = api_tokens.create_token(briefing, organizer, name="Badge printer",
                                   scopes=set(ApiScope))
    # The feedback survey: one rating question (it has a chart), open since the briefing ended.
    question = surveys.add_question(briefing, surveys.QuestionData(
        kind=QuestionKind.RATING, prompt="How useful was the briefing?"), actor=organizer)
    surveys.open_survey(briefing, actor=organizer, now=briefing.ends_at + timedelta(hours=1))
    world = World(briefing=briefing, session=session, registration=registration,
                  token=registration.token, users=users, owner_token=owned.token,
                  invitation_token=invitation.token, api_secret=made.secret)
    world.args = {
        "slug": briefing.slug, "session_id": session.id, "person_id": person.id,
        "link_id": link.id, "direction": "down", "target": "concluded",
        "registration_id": walk_in.id, "entry_id": entry.id, "version": 1,
        "action": "submit", "doc_id": document.id, "item_id": item.id,
        "doc_slug": document.slug, "pledge_id": pledge.id, "group_id": group.id,
        "user_id": member.id, "membership_id": membership.id, "filename": "css/app.css",
        "token": registration.token, "kind": followup.ACTION, "batch_id": batch.id,
        "notice_id": notice.id, "token_id": made.token.id, "question_id": question.id,
    }
    return world


class MissingArgument(LookupError):
    """A rule has an argument this world has no value for."""


def url_for_rule(rule, world: World, *, token: str | None = None, strict: bool = False) -> str:
    """The path of ``rule`` with its arguments taken from ``world`` (``token`` overrides).

    Without ``token``, a <token> gets the secret that opens the page: the
    registration's private link, or an action owner's or an invitee's link.
    An argument the world has no value for is an error when ``strict`` (the
    access matrix needs real records); otherwise it gets a value that names
    nothing (a page walk then meets a 404, which is fine).
    """
    values = dict(world.args)
    values["token"] = token if token is not None else world.token_for(rule.endpoint)
    missing = [name for name in rule.arguments if name not in values]
    if missing and strict:
        raise MissingArgument(f"{rule.endpoint} ({rule.rule}): no value for {missing}; "
                              "add one to tests/security_support.py")
    for name in missing:
        converter = type(rule._converters.get(name)).__name__
        values[name] = 999999 if converter in ("IntegerConverter", "NumberConverter") \
            else "unknown"

    def fill(match):
        return str(values[match.group("name")])

    return re.sub(r"<(?:[^:<>]+:)?(?P<name>[^<>]+)>", fill, rule.rule)


def sign_in(client, user, password=factories.PASSWORD) -> None:
    """Sign ``user`` in on ``client`` through the real form."""
    response = client.post("/login", data={"email": user.email, "password": password})
    assert response.status_code == 302, "sign-in failed"


def client_for(app, world: World, role: str):
    """A test client acting as ``role``."""
    client = app.test_client()
    if role in STAFF_ROLES:
        sign_in(client, world.users[role])
    return client


def is_denied(response) -> bool:
    """True when the request was turned away: sign in first, forbidden, or not found."""
    if response.status_code in (401, 403, 404):
        return True
    if response.status_code in (301, 302, 303, 307, 308):
        return urlsplit(response.headers.get("Location", "")).path == "/login"
    return False


def rules_to_walk(app):
    """(rule, methods) for every rule of the app, HEAD and OPTIONS left out."""
    for rule in sorted(app.url_map.iter_rules(), key=lambda r: (r.endpoint, r.rule)):
        yield rule, sorted(rule.methods - {"HEAD", "OPTIONS"})


class _LiveMarkup(HTMLParser):
    """Collects what a strict CSP would block, or what would run if it were lifted."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.found: list[str] = []
        self._in_script = False

    def handle_starttag(self, tag, attrs):
        names = dict(attrs)
        if tag == "script" and not names.get("src"):
            self._in_script = True
        if tag == "style":
            self.found.append("<style> element")
        for name, value in attrs:
            if name.startswith("on"):
                self.found.append(f"<{tag} {name}=…> event handler")
            elif name == "style":
                self.found.append(f"<{tag} style=…> attribute")
            elif name in ("href", "src", "action", "formaction", "xlink:href") and value \
                    and "".join(value.split()).lower().startswith(("javascript:", "vbscript:",
                                                                   "data:text/html")):
                self.found.append(f"<{tag} {name}={value[:40]!r}> script URL")
        if tag in PROBE_TAGS:
            self.found.append(f"<{tag}> element from user input")

    def handle_endtag(self, tag):
        if tag == "script":
            self._in_script = False

    def handle_data(self, data):
        if self._in_script and data.strip():
            self.found.append(f"inline <script>: {data.strip()[:40]!r}")


# Tags that only hostile input would bring into a page.
PROBE_TAGS = {"xss-probe", "iframe", "object", "embed"}


def live_markup(html: str) -> list[str]:
    """What in ``html`` is inline script, inline style, an event handler or a script URL."""
    parser = _LiveMarkup()
    parser.feed(html)
    parser.close()
    return parser.found
