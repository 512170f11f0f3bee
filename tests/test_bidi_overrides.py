"""A name cannot be made to read backwards: the bidirectional overrides are removed on entry."""
import sqlalchemy as sa

from briefings.models import Invitation, Registration
from tests.test_invitations import HEADER, briefing, organizer, upload  # noqa: F401 (fixtures)
from tests.test_registration_pages import briefing as open_briefing  # noqa: F401
from tests.test_registration_pages import form_data

SPOOFED = "Zoë \u202eneirB'O\u202c Haddad"  # shows as "Zoë O'Brien Haddad" reversed in part


def test_a_registered_name_is_stored_and_shown_without_overrides(client, db, open_briefing):
    response = client.post("/b/open-one/register",
                           data=form_data(open_briefing, full_name=SPOOFED,
                                          organization="\u202dMinistry"))
    assert response.status_code == 302
    registration = db.session.scalar(sa.select(Registration))
    assert registration.full_name == "Zoë neirB'O\u202c Haddad"
    assert registration.organization == "Ministry"
    html = client.get(response.headers["Location"]).get_data(as_text=True)
    assert "\u202e" not in html and "\u202d" not in html


def test_marks_and_isolates_of_right_to_left_text_are_kept(client, db, open_briefing):
    name = "\u2068أمينة حداد\u2069 \u200fد."
    client.post("/b/open-one/register", data=form_data(open_briefing, full_name=name))
    assert db.session.scalar(sa.select(Registration.full_name)) == name


def test_an_imported_invitee_list_loses_its_overrides(client, db, briefing, organizer):
    html = upload(client, HEADER + f"{SPOOFED};zoe@example.org;\u202eIOM;\n").get_data(
        as_text=True)
    assert "1 person was added to the invitations." in html
    invitee = db.session.scalar(sa.select(Invitation))
    assert invitee.full_name == "Zoë neirB'O\u202c Haddad" and invitee.organization == "IOM"
