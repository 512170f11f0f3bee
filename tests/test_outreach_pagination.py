"""The outreach lists come in pages: each page link keeps the list's filter or message."""
import re

import pytest

from briefings.models import Role
from briefings.outreach import invitations as invitation_views
from briefings.outreach import messages as message_views
from briefings.services import invitations as invitation_service
from briefings.services import messaging

from .participants_support import registration

LINK = re.compile(r'<li class="page-item( active)?"><a class="page-link" href="([^"]+)"')


def page_links(client, path):
    """The page links of ``path``'s pager: [(href, is current page), ...]."""
    response = client.get(path)
    assert response.status_code == 200
    text = response.get_data(as_text=True)
    assert 'aria-label="Pages"' in text
    return [(href.replace("&amp;", "&"), bool(active)) for active, href in LINK.findall(text)]


@pytest.fixture
def briefing(factory, login):
    briefing = factory.briefing(slug="imrf", title="IMRF outcomes")
    login(factory.user(briefing=briefing, role=Role.ORGANIZER))
    return briefing


def test_invitation_pages_keep_the_status_filter(client, monkeypatch, briefing):
    monkeypatch.setattr(invitation_views, "PER_PAGE", 2)
    for n in range(5):
        invitation_service.invite(briefing.id, invitation_service.Invitee(
            full_name=f"Invitee {n}", email=f"invitee{n}@example.org"), actor=None, send=False)
    links = page_links(client, "/manage/imrf/invitations?status=invited&page=2")
    assert [active for _, active in links] == [False, True, False]
    for n, (href, _) in enumerate(links, start=1):
        assert href.startswith("/manage/imrf/invitations?")
        assert "status=invited" in href and f"page={n}" in href


def test_message_log_and_recipient_pages(client, db, monkeypatch, briefing):
    monkeypatch.setattr(message_views, "PER_PAGE", 1)
    monkeypatch.setattr(message_views, "RECIPIENTS_PER_PAGE", 2)
    for _ in range(3):
        registration(briefing)
    batches = [messaging.send_message(briefing.id, f"Note {n}", "Hello {name}",
                                      messaging.Audience(), actor=None) for n in range(2)]
    log = page_links(client, "/manage/imrf/messages")
    assert log == [("/manage/imrf/messages?page=1", True), ("/manage/imrf/messages?page=2", False)]
    batch = batches[0].id
    recipients = page_links(client, f"/manage/imrf/messages/{batch}?page=2")
    assert recipients == [(f"/manage/imrf/messages/{batch}?page=1", False),
                          (f"/manage/imrf/messages/{batch}?page=2", True)]
