"""Schemathesis against the OpenAPI document, in-process: no 5xx, and answers match the document.

Every operation is called with generated parameters and bodies (a bounded
number of examples each) on a briefing that has a programme, documents,
pledges and registrations, with a token holding every scope; so the staff
endpoints are exercised past their authentication.
"""
from datetime import datetime, timezone

import pytest
import schemathesis
from hypothesis import HealthCheck, given, settings
from schemathesis import GenerationMode
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import (
    content_type_conformance, response_headers_conformance, response_schema_conformance,
    status_code_conformance,
)

from briefings.models import ApiScope, PersonRole, PledgeType, Role, SessionFormat
from briefings.services import api_tokens, registrations

from .test_api_public import pledge, publish

CHECKS = [not_a_server_error, status_code_conformance, content_type_conformance,
          response_headers_conformance, response_schema_conformance]


@pytest.fixture
def api_schema(app):
    return schemathesis.openapi.from_wsgi("/api/v1/openapi.json", app)


@pytest.fixture
def world(factory):
    """A briefing with something in every list, and a token that may do everything."""
    briefing = factory.briefing(slug="imrf", summary="A *summary*",
                                registration_opens_at=datetime(2020, 1, 1, tzinfo=timezone.utc))
    session = factory.session(briefing, format=SessionFormat.HYBRID, capacity=40,
                              meeting_link="https://meet.example.org/x")
    factory.link(session, factory.person(briefing, name="Amina Diallo"), PersonRole.CHAIR)
    document = publish(briefing, title="Key messages", body="# Text", objectives=(5,))
    pledge(briefing, type=PledgeType.FINANCIAL, amount="1000", objectives=(5,),
           group=factory.group("government"))
    pledge(briefing, entity="No country", country="")
    registration = registrations.register(briefing.id, registrations.Details(
        full_name="Omar Haddad", email="omar@example.org", country="JO",
        stakeholder_group_id=factory.group("government").id, session_ids=[session.id])).registration
    organizer = factory.user(briefing=briefing, role=Role.ORGANIZER)
    secret = api_tokens.create_token(briefing, organizer, name="fuzz",
                                     scopes=set(ApiScope)).secret
    return {"slug": briefing.slug, "doc_id": document.id, "secret": secret,
            "ticket_code": registration.ticket_code}


def _known_values(case, world):
    """Half the valid bodies name a group, country and ticket code that exist."""
    body = case.body if isinstance(case.body, dict) else None
    if body is not None and len(str(body)) % 2:
        if "stakeholder_group" in body:
            body.update(stakeholder_group="government", country="EG")
        if "ticket_code" in body:
            body["ticket_code"] = world["ticket_code"]
    return case


def test_api_conforms_to_its_document(app, world, subtests):
    """Each operation, with valid and with invalid input (a few dozen examples of each)."""
    # Schemathesis's own pytest plugin (``from_fixture``) does not run on pytest 9.2, so the
    # operations are driven here through their Hypothesis strategies.
    schema = schemathesis.openapi.from_wsgi("/api/v1/openapi.json", app)
    headers = {"Authorization": f"Bearer {world['secret']}"}
    operations = [result.ok() for result in schema.get_all_operations()]
    assert len(operations) >= 10
    for operation in operations:
        names = {p.name for p in operation.path_parameters}
        real = {name: world[name] for name in names}
        has_other_input = any(len(group) for group in (operation.query, operation.body))
        modes = [GenerationMode.POSITIVE]
        if names or has_other_input:
            modes.append(GenerationMode.NEGATIVE)
        for mode in modes:
            # Valid input goes to the real briefing and document, so answers have content;
            # invalid input too when there is a query or body to spoil instead of the path.
            fixed = real if mode == GenerationMode.POSITIVE or has_other_input else None
            strategy = operation.as_strategy(generation_mode=mode, path_parameters=fixed)
            if mode == GenerationMode.POSITIVE:
                strategy = strategy.map(lambda case: _known_values(case, world))

            @settings(max_examples=25, deadline=None, database=None,
                      suppress_health_check=list(HealthCheck))
            @given(case=strategy)
            def check(case):
                case.call_and_validate(headers=headers, checks=CHECKS)

            with subtests.test(msg=f"{operation.label} {mode.value}"):
                check()
