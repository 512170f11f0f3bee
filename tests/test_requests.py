"""NUL characters never reach the database, whatever the engine."""
import sqlalchemy as sa

from briefings.models import Registration


def test_nul_in_an_address_is_a_404(client, factory):
    factory.briefing(slug="real")
    assert client.get("/b/real%00").status_code == 404
    assert client.get("/b/%00/register").status_code == 404


def test_nul_in_form_fields_and_query_is_removed(client, db, factory):
    from datetime import timedelta

    from briefings.models import utcnow

    b = factory.briefing(slug="open", starts_at=utcnow() + timedelta(days=9))
    response = client.post("/b/open/register", data={
        "full_name": "Amal\x00 Haddad", "email": "amal@example.org", "organization": "Org\x00",
        "stakeholder_group": str(factory.group("academia").id), "country": "EG",
        "language": "en"})
    assert response.status_code == 302
    reg = db.session.scalar(sa.select(Registration))
    assert reg.full_name == "Amal Haddad" and reg.organization == "Org"
    assert client.get(f"/manage/{b.slug}/registrations?q=%00").status_code in (302, 200)
