"""The programme as an iCalendar file: parsed back, its times are right and carry the zone."""
from datetime import datetime, timedelta, timezone

from icalendar import Calendar

from briefings.models import BriefingStatus, PersonRole, SessionFormat, SessionKind

UTC = timezone.utc


def cairo_programme(factory):
    """Monday 20 June 2022 in Cairo (UTC+2 that year), with an opening and a round table."""
    b = factory.briefing(slug="imrf", title="IMRF outcomes briefing",
                         status=BriefingStatus.CONCLUDED,
                         starts_at=datetime(2022, 6, 20, 6, 0, tzinfo=UTC),
                         venue="Garden City Conference Centre", city="Cairo")
    opening = factory.session(b, title="Opening remarks", kind=SessionKind.OPENING,
                              start=datetime(2022, 6, 20, 7, 0, tzinfo=UTC), minutes=45,
                              room="Nile Hall", format=SessionFormat.HYBRID,
                              meeting_link="https://meet.example.org/secret-link",
                              description="Welcome by the co-organizers.")
    speaker = factory.person(b, name="Carmela Godeau", honorific="Ms.",
                             organization="IOM Regional Office for MENA")
    factory.link(opening, speaker, PersonRole.SPEAKER)
    round_table = factory.session(b, title="Round table: whole-of-society",
                                  kind=SessionKind.ROUND_TABLE,
                                  start=datetime(2022, 6, 20, 9, 15, tzinfo=UTC), minutes=90,
                                  room="Delta Room")
    return b, opening, round_table


def download(client, slug):
    response = client.get(f"/b/{slug}/agenda.ics")
    assert response.status_code == 200
    return response, Calendar.from_ical(response.data)


def uid(client, session):
    """The UID the site gives a session: stable, and shared with the registrants' calendars."""
    host = client.application.config.get("MAIL_MESSAGE_ID_DOMAIN") or "localhost"
    return f"session-{session.id}@{host}"


def events_by_uid(calendar):
    return {str(event["UID"]): event for event in calendar.walk("VEVENT")}


def test_calendar_is_served_as_a_calendar_file(client, factory):
    cairo_programme(factory)
    response, _ = download(client, "imrf")
    assert response.headers["Content-Type"] == "text/calendar; charset=utf-8"
    assert response.headers["Content-Disposition"] == 'attachment; filename="imrf.ics"'


def test_every_session_is_an_event_with_a_stable_uid(client, factory):
    _, opening, round_table = cairo_programme(factory)
    _, calendar = download(client, "imrf")
    events = events_by_uid(calendar)
    assert set(events) == {uid(client, opening), uid(client, round_table)}
    _, again = download(client, "imrf")
    assert set(events_by_uid(again)) == set(events)


def test_nine_in_cairo_is_seven_utc_and_the_zone_travels_with_it(client, factory):
    _, opening, _ = cairo_programme(factory)
    response, calendar = download(client, "imrf")
    event = events_by_uid(calendar)[uid(client, opening)]

    assert event["DTSTART"].params["TZID"] == "Africa/Cairo"
    assert event.start.replace(tzinfo=None) == datetime(2022, 6, 20, 9, 0)  # wall clock in Cairo
    assert event.start.astimezone(UTC) == datetime(2022, 6, 20, 7, 0, tzinfo=UTC)
    assert event.end.astimezone(UTC) == datetime(2022, 6, 20, 7, 45, tzinfo=UTC)
    assert b"DTSTART;TZID=Africa/Cairo:20220620T090000" in response.data

    zones = calendar.walk("VTIMEZONE")
    assert [str(z["TZID"]) for z in zones] == ["Africa/Cairo"]


def test_summer_time_is_right_too(client, factory):
    """Egypt keeps summer time again from 2023: 09:00 in July 2030 is 06:00 UTC."""
    b = factory.briefing(slug="summer", starts_at=datetime(2030, 7, 1, 5, 0, tzinfo=UTC))
    s = factory.session(b, start=datetime(2030, 7, 1, 6, 0, tzinfo=UTC))
    _, calendar = download(client, "summer")
    event = events_by_uid(calendar)[uid(client, s)]
    assert event.start.replace(tzinfo=None) == datetime(2030, 7, 1, 9, 0)
    assert event.start.astimezone(UTC) == datetime(2030, 7, 1, 6, 0, tzinfo=UTC)


def test_events_carry_title_place_description_and_page(client, factory):
    _, opening, round_table = cairo_programme(factory)
    _, calendar = download(client, "imrf")
    events = events_by_uid(calendar)
    event = events[uid(client, opening)]
    assert str(event["SUMMARY"]) == "Opening remarks"
    assert str(event["LOCATION"]) == "Nile Hall, Garden City Conference Centre, Cairo"
    assert str(event["URL"]) == "http://localhost/b/imrf"
    description = str(event["DESCRIPTION"])
    assert "Welcome by the co-organizers." in description
    assert "Ms. Carmela Godeau, IOM Regional Office for MENA" in description
    assert "Opening" in description
    assert str(events[uid(client, round_table)]["LOCATION"]).startswith("Delta Room")
    assert str(calendar["X-WR-CALNAME"]) == "IMRF outcomes briefing"


def test_meeting_link_stays_out_of_the_public_calendar(client, factory):
    cairo_programme(factory)
    response, _ = download(client, "imrf")
    assert b"secret-link" not in response.data


def test_every_session_of_a_long_programme_is_there(client, factory):
    b = factory.briefing(slug="long", days=3)
    sessions = [factory.session(b, start=b.starts_at + timedelta(hours=n)) for n in range(12)]
    _, calendar = download(client, "long")
    assert set(events_by_uid(calendar)) == {uid(client, s) for s in sessions}


def test_drafts_have_no_calendar(client, factory):
    factory.briefing(slug="draft", status=BriefingStatus.DRAFT)
    assert client.get("/b/draft/agenda.ics").status_code == 404
