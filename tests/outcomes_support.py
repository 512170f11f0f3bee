"""What the outcome-document tests share: a briefing, staff, documents, PDF pages."""
import re
import zlib

import pytest

from briefings.models import BriefingStatus, OutcomeKind
from briefings.services import outcomes
from briefings.services.outcomes import DocumentData

from .participants_support import sign_in_as  # noqa: F401 - for the test modules

EXPECTED = {"anonymous": 302, "other_organizer": 403, "secretariat": 200, "organizer": 200,
            "admin": 200}


def make_document(briefing, *, title="Chair's Summary", language="en", body="First text.",
                  kind=OutcomeKind.CHAIRS_SUMMARY, objectives=(5, 6), publish=False, actor=None):
    """A saved document (published if asked) made through the service."""
    doc = outcomes.create(briefing, DocumentData(kind=kind, title=title, language=language,
                                                 body=body, objectives=list(objectives)),
                          actor=actor)
    if publish:
        outcomes.publish(doc, actor=actor)
    return doc


def pdf_page_count(data: bytes) -> int:
    """Pages in a PDF, counted in its plain and its compressed (object stream) parts."""
    texts = [data]
    for match in re.finditer(rb"stream\r?\n(.*?)\r?\nendstream", data, re.S):
        try:
            texts.append(zlib.decompress(match.group(1)))
        except zlib.error:
            pass
    return sum(len(re.findall(rb"/Type\s*/Page(?![a-zA-Z])", text)) for text in texts)


@pytest.fixture
def place(factory):
    briefing = factory.briefing(slug="imrf", status=BriefingStatus.CONCLUDED)
    doc = make_document(briefing)
    return briefing, doc
