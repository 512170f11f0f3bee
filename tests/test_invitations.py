"""Invitations: importing, inviting one person, sending, reminding, declining, registering."""
import io
import re
from datetime import timedelta

import pytest
import sqlalchemy as sa

from briefings.models import (
    AuditEvent,
    BriefingStatus,
    Invitation,
    InvitationStatus as IS,
    OutboxMessage,
    Registration,
    Role,
    utcnow,
)
from briefings.services import invitations as svc
from briefings.services.invitation_import import import_invitees

from .participants_support import EXPECTED, ROLES, registration, sign_in_as

HEADER = "name;email;organization;group\n"


@pytest.fixture
def briefing(factory):
    return factory.briefing(slug="imrf", title="IMRF outcomes", languages="fr,en,ar")


@pytest.fixture
def organizer(factory, login, briefing):
    return login(factory.user(briefing=briefing, role=Role.ORGANIZER))


def upload(client, text: str | bytes, filename="invitees.csv"):
    data = text if isinstance(text, bytes) else text.encode("utf-8")
    return client.post("/manage/imrf/invitations/import",
                       data={"file": (io.BytesIO(data), filename)},
                       content_type="multipart/form-data")


def invitations(db) -> list[Invitation]:
    db.session.expire_all()
    return list(db.session.scalars(sa.select(Invitation).order_by(Invitation.id)))


def mails(db, kind=None) -> list[OutboxMessage]:
    query = sa.select(OutboxMessage).order_by(OutboxMessage.id)
    if kind:
        query = query.where(OutboxMessage.kind == kind)
    return list(db.session.scalars(query))


def invite(briefing, email="amina@example.org", language="", sent=True, **fields):
    person = svc.Invitee(full_name=fields.pop("full_name", "Amina Diallo"), email=email,
                         language=language, **fields)
    return svc.invite(briefing.id, person, actor=None, send=sent)


# ---------------------------------------------------------------- permissions

@pytest.mark.parametrize("who", ROLES)
def test_invitation_page_needs_the_organizer_role(client, factory, login, briefing, who):
    sign_in_as(who, factory, login, briefing)
    response = client.get("/manage/imrf/invitations")
    assert response.status_code == EXPECTED[who]
    if who == "anonymous":
        assert response.headers["Location"].startswith("/login")
    if EXPECTED[who] == 200:
        assert "Import a list" in response.get_data(as_text=True)


@pytest.mark.parametrize("who", ["anonymous", "secretariat", "other_organizer"])
def test_changes_are_refused_to_others(client, db, factory, login, briefing, who):
    invite(briefing, sent=False)
    sign_in_as(who, factory, login, briefing)
    posts = [
        ("/manage/imrf/invitations/new",
         {"invite-full_name": "X", "invite-email": "x@example.org"}),
        ("/manage/imrf/invitations/send", {}),
        ("/manage/imrf/invitations/remind", {}),
    ]
    for url, data in posts:
        assert client.post(url, data=data).status_code == EXPECTED[who], url
    assert upload(client, HEADER + "Ana;ana@example.org;;\n").status_code == EXPECTED[who]
    assert len(invitations(db)) == 1 and mails(db) == []


# ---------------------------------------------------------------- importing a list

def test_import_keeps_good_rows_and_reports_bad_ones_by_line(client, db, briefing, organizer):
    invite(briefing, email="Already@Example.org", sent=False)
    registration(briefing, email="registered@example.org")
    text = ("\ufeffName;E-mail;Organisation;Stakeholder group\n"
            "Amina Diallo;amina@example.org;Mission of Senegal;Diplomatic community\n"
            ";noname@example.org;;\n"
            "Bad Mail;not-an-address;;\n"
            "\n"
            "Odd Group;odd@example.org;;Astronauts\n"
            "Amina Again;AMINA@example.org;;\n"
            "Known;already@example.org;;\n"
            "Reg;registered@example.org;;\n"
            "Karim Haddad;karim@example.org;Cairo University;academia\n")
    response = upload(client, text.encode("utf-8"))
    html = response.get_data(as_text=True)
    assert response.status_code == 200
    assert "2 people were added to the invitations." in html
    assert "6 lines were left out." in html
    rows = dict(re.findall(r'<th scope="row">(\d+)</th>\s*<td>[^<]*</td>\s*<td>[^<]*</td>\s*'
                           r'<td>([^<]*)</td>', html))
    assert rows["3"] == "the name is missing"
    assert "is not a valid e-mail address" in rows["4"]
    assert rows["6"] == "unknown stakeholder group “Astronauts”"
    assert rows["7"] == "the same e-mail address is on line 2"
    assert rows["8"] == "already invited"
    assert rows["9"] == "already registered"
    saved = {i.email: i for i in invitations(db)}
    assert set(saved) == {"Already@Example.org", "amina@example.org", "karim@example.org"}
    assert saved["amina@example.org"].stakeholder_group.code == "diplomatic"
    assert saved["karim@example.org"].organization == "Cairo University"
    assert saved["karim@example.org"].sent_at is None  # sent with the "Send" button
    assert mails(db) == []


def test_import_reads_commas_without_a_header_and_languages(client, db, briefing, organizer):
    text = ("Jean Dupont,jean@example.org,OIM,civil_society,fr\n"
            '"Lee, Min",min@example.org,"Org, Inc",,English\n'
            "Nadia,nadia@example.org,,,klingon\n")
    html = upload(client, text).get_data(as_text=True)
    assert "2 people were added" in html and "unknown language “klingon”" in html
    saved = {i.email: i for i in invitations(db)}
    assert saved["jean@example.org"].language == "fr"
    assert saved["min@example.org"].full_name == "Lee, Min"
    assert saved["min@example.org"].organization == "Org, Inc"
    assert saved["min@example.org"].language == "en"


@pytest.mark.parametrize("content, message", [
    ("Amina;amina@example.org\n".encode("utf-16"), "not UTF-8"),
    ("Amina;amina@example.org\n".encode("latin-1").replace(b"Amina", b"Am\xefna"), "not UTF-8"),
    (b"", "The file is empty."),
    (b"\n\n", "The file is empty."),
    ("name;organization\nAmina;IOM\n".encode(), "needs a name column and an e-mail column"),
    (HEADER.encode(), "holds no invitees"),
])
def test_unreadable_files_are_refused_with_a_message(client, db, briefing, organizer, content,
                                                    message):
    response = upload(client, content)
    assert response.status_code == 400
    assert message in response.get_data(as_text=True)
    assert invitations(db) == []


def test_import_without_a_file_is_a_message_not_an_error(client, briefing, organizer):
    response = client.post("/manage/imrf/invitations/import", data={},
                           content_type="multipart/form-data")
    assert response.status_code == 400
    assert "Choose a CSV file to upload." in response.get_data(as_text=True)


def _csv(n: int, start: int = 0) -> bytes:
    lines = [HEADER] + [f"Person {i};person{i}@example.org;Org {i};academia\n"
                        for i in range(start, start + n)]
    return "".join(lines).encode()


def test_import_runs_in_a_bounded_number_of_queries(db, briefing, count_queries):
    with count_queries() as small:
        report = import_invitees(briefing.id, _csv(20), actor=None)
    assert len(report.added) == 20
    with count_queries() as large:
        report = import_invitees(briefing.id, _csv(2000, start=100), actor=None)
    assert len(report.added) == 2000 and not report.problems
    assert large.count == small.count
    assert db.session.scalar(sa.select(sa.func.count(Invitation.id))) == 2020
    again = import_invitees(briefing.id, _csv(3), actor=None)
    assert [p.reasons for p in again.problems] == [["already invited"]] * 3


# ---------------------------------------------------------------- inviting one person, sending

def test_inviting_one_person_sends_in_their_language(client, db, briefing, organizer):
    response = client.post("/manage/imrf/invitations/new", data={
        "invite-full_name": "Amina Diallo", "invite-email": "amina@example.org",
        "invite-organization": "Mission of Senegal", "invite-language": "ar",
        "invite-send_now": "y"}, follow_redirects=True)
    assert "Amina Diallo is invited" in response.get_data(as_text=True)
    [invitation] = invitations(db)
    [mail] = mails(db)
    assert mail.kind == "invitation" and mail.to_address == "amina@example.org"
    assert invitation.sent_at is not None and invitation.invited_by_id == organizer.id
    assert len(invitation.token) >= 22  # at least 128 random bits
    assert f"http://127.0.0.1:5000/b/imrf/register?invitation={invitation.token}" in mail.body_text
    assert f"/b/imrf/invitation/{invitation.token}/decline" in mail.body_text
    assert "20\u200f/06\u200f/2030" in mail.body_text  # dates written the Arabic way


def test_inviting_someone_twice_is_refused_next_to_the_field(client, db, briefing, organizer):
    invite(briefing, email="amina@example.org", sent=False)
    response = client.post("/manage/imrf/invitations/new", data={
        "invite-full_name": "Amina", "invite-email": "AMINA@example.org",
        "invite-stakeholder_group": "", "invite-language": ""})
    assert response.status_code == 400
    assert "This person is already invited." in response.get_data(as_text=True)
    assert len(invitations(db)) == 1


def test_send_writes_unsent_invitations_in_the_briefing_language(client, db, briefing, organizer):
    import_invitees(briefing.id, (HEADER + "A;a@example.org;;\nB;b@example.org;;\n").encode(),
                        actor=None)
    invite(briefing, email="c@example.org", language="en")  # sent already
    response = client.post("/manage/imrf/invitations/send", follow_redirects=True)
    assert "2 invitations will be sent." in response.get_data(as_text=True)
    sent = mails(db)
    assert len(sent) == 3
    assert "Jun 20, 2030" in sent[0].body_text  # the invitee's own language
    assert all("20 juin 2030" in m.body_text for m in sent[1:])  # the briefing's first
    assert all(i.sent_at for i in invitations(db))
    again = client.post("/manage/imrf/invitations/send", follow_redirects=True)
    assert "Every invitation has already been sent." in again.get_data(as_text=True)
    assert len(mails(db)) == 3


def test_a_draft_briefing_sends_no_invitations(client, db, factory, login):
    draft = factory.briefing(slug="draft-one", status=BriefingStatus.DRAFT)
    login(factory.user(briefing=draft, role=Role.ORGANIZER))
    import_invitees(draft.id, (HEADER + "A;a@example.org;;\n").encode(), actor=None)
    html = client.post("/manage/draft-one/invitations/send",
                       follow_redirects=True).get_data(as_text=True)
    assert "Publish the briefing first" in html
    assert mails(db) == [] and invitations(db)[0].sent_at is None


# ---------------------------------------------------------------- reminders

def test_reminders_go_to_those_who_have_not_answered_once_a_day(client, db, briefing, organizer):
    waiting = invite(briefing, email="waiting@example.org")
    invite(briefing, email="unsent@example.org", sent=False)
    declined = invite(briefing, email="declined@example.org")
    svc.decline(declined.id)
    joined = invite(briefing, email="joined@example.org")
    reg = registration(briefing, email="joined@example.org")
    svc.mark_registered(joined.id, reg.id)
    invite(briefing, email="other-way@example.org")
    registration(briefing, email="other-way@example.org")  # registered without the link
    before = len(mails(db))

    html = client.post("/manage/imrf/invitations/remind",
                       follow_redirects=True).get_data(as_text=True)
    assert "1 reminder will be sent." in html
    [reminder] = mails(db)[before:]
    assert reminder.kind == "invitation_reminder" and reminder.to_address == "waiting@example.org"
    assert f"invitation={waiting.token}" in reminder.body_text
    db.session.expire_all()
    first = db.session.get(Invitation, waiting.id).reminded_at
    assert first is not None

    html = client.post("/manage/imrf/invitations/remind",
                       follow_redirects=True).get_data(as_text=True)
    assert "Nobody to remind" in html
    assert len(mails(db)) == before + 1
    assert svc.send_reminders(briefing.id, actor=None, now=first + timedelta(hours=23)) == 0
    assert svc.send_reminders(briefing.id, actor=None, now=first + timedelta(hours=24)) == 1


# ---------------------------------------------------------------- the invitee's answer

def test_declining_asks_first_then_records_the_answer(client, db, briefing):
    invitation = invite(briefing)
    url = f"/b/imrf/invitation/{invitation.token}/decline"
    page = client.get(url)
    assert page.status_code == 200 and "Decline the invitation" in page.get_data(as_text=True)
    assert invitations(db)[0].status == IS.INVITED
    html = client.post(url, follow_redirects=True).get_data(as_text=True)
    assert "Thank you for letting us know." in html
    assert "You have declined this invitation." in html
    [saved] = invitations(db)
    assert saved.status == IS.DECLINED and saved.answered_at is not None
    event = db.session.scalar(sa.select(AuditEvent)
                              .where(AuditEvent.action == "invitation.declined"))
    assert event is not None and event.changes == {}


def test_a_registered_invitee_cannot_decline(client, db, briefing):
    invitation = invite(briefing)
    svc.mark_registered(invitation.id, registration(briefing, email=invitation.email).id)
    url = f"/b/imrf/invitation/{invitation.token}/decline"
    client.post(url)
    assert invitations(db)[0].status == IS.REGISTERED
    assert "You have registered" in client.get(url).get_data(as_text=True)


@pytest.mark.parametrize("token", ["nope", "x" * 32, "bad token!"])
def test_unknown_decline_links_are_not_found(client, briefing, token):
    invite(briefing)
    assert client.get(f"/b/imrf/invitation/{token}/decline").status_code == 404


def test_a_token_only_works_for_its_own_briefing(client, factory, briefing):
    factory.briefing(slug="other")
    invitation = invite(briefing)
    assert client.get(f"/b/other/invitation/{invitation.token}/decline").status_code == 404


# ---------------------------------------------------------------- registering with the link

@pytest.fixture
def invite_only(factory):
    return factory.briefing(slug="closed-door", invite_only=True,
                            starts_at=utcnow() + timedelta(days=20))


def _form(group_id, **fields):
    data = {"full_name": "Amina Diallo", "email": "amina@example.org",
            "organization": "Mission of Senegal", "stakeholder_group": str(group_id),
            "country": "SN", "language": "en"}
    data.update(fields)
    return data


def test_invite_only_briefing_needs_the_link(client, db, factory, invite_only):
    html = client.get("/b/closed-door/register").get_data(as_text=True)
    assert "by invitation only" in html and 'name="full_name"' not in html
    client.post("/b/closed-door/register", data=_form(factory.group().id))
    assert db.session.scalar(sa.select(sa.func.count(Registration.id))) == 0


def test_an_invalid_link_says_so(client, db, factory, invite_only, briefing):
    elsewhere = invite(briefing)  # valid, but for another briefing
    for token in ("not-a-real-token-at-all", elsewhere.token, "bad"):
        html = client.get(f"/b/closed-door/register?invitation={token}").get_data(as_text=True)
        assert "This invitation link is not valid" in html
        assert 'name="full_name"' not in html
    client.post(f"/b/closed-door/register?invitation={elsewhere.token}",
                data=_form(factory.group().id))
    assert db.session.scalar(sa.select(sa.func.count(Registration.id))) == 0


def test_the_link_prefills_the_form_and_registers(client, db, factory, invite_only):
    group = factory.group("diplomatic")
    invitation = invite(invite_only, organization="Mission of Senegal",
                        stakeholder_group_id=group.id, language="fr")
    url = f"/b/closed-door/register?invitation={invitation.token}"
    html = client.get(url).get_data(as_text=True)
    assert 'value="Amina Diallo"' in html and 'value="amina@example.org"' in html
    assert 'value="Mission of Senegal"' in html
    assert re.search(rf'<option selected value="{group.id}">', html)
    assert re.search(r'<option selected value="fr">', html)
    response = client.post(url, data=_form(group.id))
    assert response.status_code == 302 and "/r/" in response.headers["Location"]
    reg = db.session.scalar(sa.select(Registration))
    assert reg.email == "amina@example.org"
    [saved] = invitations(db)
    assert saved.status == IS.REGISTERED and saved.registration_id == reg.id
    assert "Registered" in _organizer_view(client, factory, invite_only)


def _organizer_view(client, factory, briefing):
    client.post("/logout")
    user = factory.user(briefing=briefing, role=Role.ORGANIZER)
    client.post("/login", data={"email": user.email, "password": factory.PASSWORD})
    return client.get(f"/manage/{briefing.slug}/invitations?status=registered").get_data(
        as_text=True)


def test_the_link_cannot_register_another_address(client, db, factory, invite_only):
    invitation = invite(invite_only)
    response = client.post(f"/b/closed-door/register?invitation={invitation.token}",
                           data=_form(factory.group().id, email="someone.else@example.org"))
    html = response.get_data(as_text=True)
    assert "Your invitation was sent to amina@example.org" in html
    assert db.session.scalar(sa.select(sa.func.count(Registration.id))) == 0
    assert invitations(db)[0].status == IS.INVITED


def test_a_declined_invitee_may_still_register(client, db, factory, invite_only):
    invitation = invite(invite_only)
    svc.decline(invitation.id)
    client.post(f"/b/closed-door/register?invitation={invitation.token}",
                data=_form(factory.group().id))
    assert invitations(db)[0].status == IS.REGISTERED
