"""Name badges: who gets one, what a badge shows, the PDF sheets, permissions."""
import re
import zlib

import pytest

from briefings.models import Registration, RegistrationStatus as RS, Role
from briefings.services import badges

from .participants_support import EXPECTED, ROLES, registration, sign_in_as


def pdf_facts(data: bytes) -> tuple[int, bytes]:
    """The page count and the first page's MediaBox of a PDF (its streams are compressed)."""
    parts = [data]
    for match in re.finditer(rb"stream\r?\n", data):
        try:
            parts.append(zlib.decompressobj().decompress(data[match.end():]))
        except zlib.error:
            pass
    text = b"\n".join(parts)
    pages = len(re.findall(rb"/Type\s*/Page(?![a-zA-Z])", text))
    return pages, re.search(rb"/MediaBox\s*\[([^\]]*)\]", text).group(1).strip()


@pytest.fixture
def briefing(factory):
    return factory.briefing(slug="imrf", title="IMRF outcomes briefing", languages="en,fr,ar")


@pytest.fixture
def organizer(factory, login, briefing):
    return login(factory.user(briefing=briefing, role=Role.ORGANIZER))


@pytest.fixture
def captured_html(monkeypatch):
    """Keep the HTML the badges view would turn into a PDF (and skip WeasyPrint)."""
    pages = []

    def fake_render(html: str) -> bytes:
        pages.append(html)
        return b"%PDF-fake"

    monkeypatch.setattr("briefings.reports.badges.render_pdf", fake_render)
    return pages


def _print(client, **data):
    form = {"scope": "filtered", "status": "confirmed", "group": "", "paper": "a4",
            "language": "en"}
    form.update(data)
    return client.post("/manage/imrf/badges.pdf", data=form)


# ---------------------------------------------------------------- permissions

@pytest.mark.parametrize("who", ROLES)
def test_badges_need_the_organizer_role(client, factory, login, briefing, who, captured_html):
    registration(briefing, name="Amina Haddad")
    sign_in_as(who, factory, login, briefing)
    page = client.get("/manage/imrf/badges")
    download = _print(client)
    expected = EXPECTED[who]
    assert page.status_code == expected
    assert download.status_code == (302 if who == "anonymous" else expected)
    if who == "anonymous":
        assert page.headers["Location"].startswith("/login")
        assert download.headers["Location"].startswith("/login")
    if expected == 200:
        assert download.mimetype == "application/pdf"
        assert download.headers["Content-Disposition"] == 'attachment; filename="imrf-badges.pdf"'


# ---------------------------------------------------------------- the PDF

@pytest.mark.parametrize("people, pages", [(1, 1), (8, 1), (9, 2), (17, 3)])
def test_the_pdf_has_eight_badges_to_a_page(client, briefing, organizer, people, pages):
    for n in range(people):
        registration(briefing, name=f"Participant {n:02d}")
    registration(briefing, name="Not confirmed", status=RS.PENDING)
    response = _print(client)
    assert response.status_code == 200
    assert response.data.startswith(b"%PDF")
    assert pdf_facts(response.data) == (pages, b"0 0 595.275591 841.889764")  # A4
    assert badges.page_count(people) == pages


def test_letter_paper_and_arabic_names_make_a_pdf(client, briefing, organizer):
    registration(briefing, name="محمد عبد الرحمن", organization="وزارة الخارجية")
    registration(briefing, name="Jean-Baptiste Ouédraogo")
    response = _print(client, paper="letter", language="ar")
    assert response.status_code == 200
    assert pdf_facts(response.data) == (1, b"0 0 612 792")


# ---------------------------------------------------------------- what a badge shows

def test_a_badge_shows_name_organization_group_colour_qr_and_code(client, factory, briefing,
                                                                 organizer, captured_html):
    group = factory.group("civil_society")
    registration(briefing, name="Amina Haddad", organization="Cairo Migration Forum",
                 stakeholder_group_id=group.id, ticket_code="AB12CD34")
    assert _print(client).status_code == 200
    html = captured_html[0]
    assert "Amina Haddad" in html and "Cairo Migration Forum" in html
    assert group.name in html
    assert f"background-color: {group.color}" in html
    assert "AB12CD34" in html
    assert html.count('<svg') == 1 and 'class="qr"' in html  # the ticket's QR code, inline
    assert "IMRF outcomes briefing" in html


def test_the_qr_code_is_a_full_qr_code_of_the_ticket_code():
    import segno

    svg = badges.qr_svg("AB12CD34")
    # Version 1 of a full QR code: 21 modules, a border of 2, drawn 4 units a module. A Micro
    # QR code (which few scanners read) would be 17 modules or fewer.
    assert svg.startswith("<svg") and 'viewBox="0 0 100 100"' in svg
    assert svg == badges.qr_svg("AB12CD34") and svg != badges.qr_svg("AB12CD35")
    assert segno.make_qr("AB12CD34", error="m").version == 1


def test_arabic_names_run_right_to_left_in_their_own_font(client, briefing, organizer,
                                                         captured_html):
    registration(briefing, name="فاطمة الزهراء", organization="Red Crescent")
    assert _print(client, language="en").status_code == 200
    html = captured_html[0]
    name = re.search(r'<div class="name [^"]*"[^>]*>فاطمة الزهراء</div>', html).group(0)
    assert 'dir="rtl"' in name and "arabic" in name
    org = re.search(r'<div class="org [^"]*"[^>]*>Red Crescent</div>', html).group(0)
    assert 'dir="ltr"' in org
    assert '<html lang="en" dir="ltr">' in html


def test_group_names_follow_the_chosen_language(client, factory, briefing, organizer,
                                                captured_html):
    group = factory.group("civil_society")
    registration(briefing, name="Amina Haddad", stakeholder_group_id=group.id)
    _print(client, language="ar")
    assert group.name_ar in captured_html[0] and '<html lang="ar" dir="rtl">' in captured_html[0]


@pytest.mark.parametrize("colour, text", [("#1f4e79", "#ffffff"), ("#ffc107", "#000000"),
                                          ("#000000", "#ffffff"), ("#ffffff", "#000000"),
                                          ("bad", "#000000")])
def test_band_text_is_readable_on_the_group_colour(colour, text):
    assert badges.readable_on(colour) == text


@pytest.mark.parametrize("name, size", [("Ana Li", "large"), ("A" * 30, "medium"),
                                        ("A" * 50, "small")])
def test_long_names_get_smaller_type(name, size):
    person = Registration(full_name=name, organization="", ticket_code="AB12CD34")
    assert badges.badge(person, "en").name_size == size


# ---------------------------------------------------------------- who gets a badge

def test_filters_choose_by_status_and_group(client, factory, briefing, organizer, captured_html):
    civil, media = factory.group("civil_society"), factory.group("media")
    registration(briefing, name="Civil Confirmed", stakeholder_group_id=civil.id)
    registration(briefing, name="Media Confirmed", stakeholder_group_id=media.id)
    registration(briefing, name="Civil Pending", status=RS.PENDING, stakeholder_group_id=civil.id)
    _print(client, group=str(civil.id))
    assert "Civil Confirmed" in captured_html[-1]
    assert "Media Confirmed" not in captured_html[-1] and "Civil Pending" not in captured_html[-1]
    _print(client, status="", group=str(civil.id))
    assert "Civil Pending" in captured_html[-1] and "Media Confirmed" not in captured_html[-1]


def test_ticked_people_only_and_never_another_briefings(client, factory, briefing, organizer,
                                                        captured_html):
    chosen = registration(briefing, name="Chosen One")
    registration(briefing, name="Left Out")
    stranger = registration(factory.briefing(), name="Stranger Elsewhere")
    response = _print(client, scope="ticked", ids=[chosen.id, stranger.id])
    assert response.status_code == 200
    assert "Chosen One" in captured_html[0]
    assert "Left Out" not in captured_html[0] and "Stranger Elsewhere" not in captured_html[0]


def test_ticking_nobody_is_refused_with_a_message(client, briefing, organizer, captured_html):
    registration(briefing, name="Somebody")
    response = _print(client, scope="ticked")
    assert response.status_code == 400
    assert "Tick at least one person" in response.get_data(as_text=True)
    assert captured_html == []


def test_nobody_matching_is_said_not_printed(client, factory, briefing, organizer, captured_html):
    registration(briefing, name="Somebody", status=RS.PENDING)
    response = _print(client)
    assert response.status_code == 302
    assert captured_html == []
    page = client.get(response.headers["Location"]).get_data(as_text=True)
    assert "Nobody matches: there are no badges to print." in page


def test_bad_choices_are_refused_not_a_500(client, briefing, organizer, captured_html):
    registration(briefing, name="Somebody")
    for data in ({"paper": "a0"}, {"status": "royalty"}, {"group": "999999"},
                 {"language": "xx"}):
        assert _print(client, **data).status_code == 400, data
    assert captured_html == []


def test_the_page_lists_confirmed_people_first(client, briefing, organizer):
    registration(briefing, name="Confirmed Person")
    registration(briefing, name="Pending Person", status=RS.PENDING)
    page = client.get("/manage/imrf/badges").get_data(as_text=True)
    assert "Confirmed Person" in page and "Pending Person" not in page
    everyone = client.get("/manage/imrf/badges?status=").get_data(as_text=True)
    assert "Pending Person" in everyone
    unknown = client.get("/manage/imrf/badges?status=royalty&group=abc")
    assert unknown.status_code == 200
