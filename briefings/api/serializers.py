"""Domain objects as the plain dicts that the schemas in ``schemas`` dump.

Links are absolute. The meeting link of a session is never part of any answer.
"""
from flask import url_for

from ..content import translations_of
from ..markup import render_markdown
from ..models import (
    Briefing, BriefingSession, GCMObjective, OutcomeDocument, Pledge, Registration,
    StakeholderGroup,
)
from ..services.coverage import Coverage
from ..services.outcomes import LANGUAGES
from ..services.pledges import Totals


def _url(endpoint: str, **values) -> str:
    return url_for(endpoint, _external=True, **values)


def names(thing) -> dict:
    """A group's or objective's name in each language."""
    return {language: thing.label(language) for language in LANGUAGES}


def group(value: StakeholderGroup) -> dict:
    return {"code": value.code, "name": names(value), "active": value.active}


def objective(value: GCMObjective) -> dict:
    return {"number": value.number, "title": names(value)}


def briefing(value: Briefing) -> dict:
    slug = value.slug
    return {
        "slug": slug, "title": value.title, "summary": value.summary,
        "summary_html": str(render_markdown(value.summary)),
        "partners": value.partner_list, "venue": value.venue, "city": value.city,
        "timezone": value.timezone, "starts_at": value.starts_at, "ends_at": value.ends_at,
        "languages": value.language_list, "main_language": value.main_language,
        "translations": translations_of(value, ("title", "summary")), "status": value.status,
        "format": value.format,
        "registration": {
            "open": value.registration_open(), "opens_at": value.registration_opens_at,
            "closes_at": value.registration_closes_at or value.ends_at,
            "approval_required": value.approval_required, "invite_only": value.invite_only,
        },
        "updated_at": value.updated_at,
        "links": {
            "self": _url("api.briefing", slug=slug),
            "html": _url("public.briefing", slug=slug),
            "sessions": _url("api.sessions", slug=slug),
            "outcomes": _url("api.outcomes", slug=slug),
            "pledges": _url("api.pledges", slug=slug),
            "coverage": _url("api.coverage", slug=slug),
            "agenda_ics": _url("public.agenda", slug=slug),
            "feed": _url("feeds.atom", slug=slug),
        },
    }


def session(value: BriefingSession, slug: str, group_codes: dict[int, str]) -> dict:
    """A session with its people (their groups by code, from ``group_codes``); no meeting link."""
    people = []
    for link in value.roles:
        person = link.person
        people.append({
            "role": link.role, "name": person.name, "honorific": person.honorific,
            "position": person.position, "organization": person.organization,
            "stakeholder_group": group_codes.get(person.stakeholder_group_id),
            "country": person.country or None,
        })
    return {
        "id": value.id, "kind": value.kind, "title": value.title,
        "description": value.description,
        "translations": translations_of(value, ("title", "description")),
        "starts_at": value.starts_at,
        "ends_at": value.ends_at, "room": value.room, "capacity": value.capacity,
        "format": value.format, "objectives": [o.number for o in value.objectives],
        "people": people,
        "links": {"ics": _url("feeds.session_ics", slug=slug, session_id=value.id)},
    }


def document_summary(value: OutcomeDocument, slug: str) -> dict:
    return {
        "id": value.id, "kind": value.kind, "title": value.title, "slug": value.slug,
        "language": value.language, "translation_key": value.translation_key,
        "published_at": value.published_at, "updated_at": value.updated_at,
        "objectives": [o.number for o in value.objectives],
        "links": {
            "self": _url("api.outcome", slug=slug, doc_id=value.id),
            "html": _url("published.document", slug=slug, doc_slug=value.slug,
                         lang=value.language),
            "pdf": _url("published.document_pdf", slug=slug, doc_slug=value.slug,
                        lang=value.language),
        },
    }


def document(value: OutcomeDocument, slug: str, translations: list[OutcomeDocument]) -> dict:
    """A document with its text and action items, and its other published languages."""
    data = document_summary(value, slug)
    data.update({
        "body_markdown": value.body,
        "body_html": str(render_markdown(value.body)),
        "action_items": [{"what": item.what, "who": item.who, "due": item.due,
                          "status": item.status} for item in value.action_items],
        "translations": [{"id": other.id, "language": other.language, "title": other.title,
                          "links": {"self": _url("api.outcome", slug=slug, doc_id=other.id)}}
                         for other in translations if other.id != value.id],
    })
    return data


def pledge(value: Pledge) -> dict:
    return {
        "id": value.id, "entity": value.entity,
        "stakeholder_group": value.stakeholder_group.code if value.stakeholder_group else None,
        "country": value.country or None, "type": value.type, "title": value.title,
        "description": value.description, "partners": value.partners,
        "amount_usd": value.amount_usd, "status": value.status,
        "objectives": [o.number for o in value.objectives],
        "created_at": value.created_at, "updated_at": value.updated_at,
    }


def totals(value: Totals) -> dict:
    """The register's totals, keyed by codes rather than by labels in one language."""
    return {
        "count": value.count, "usd": value.usd,
        "by_group": [{"group": row.key, "count": row.count, "usd": row.usd}
                     for row in value.by_group],
        "by_type": [{"type": row.key, "count": row.count, "usd": row.usd}
                    for row in value.by_type],
        "by_objective": [{"objective": row.key, "count": row.count, "usd": row.usd}
                         for row in value.by_objective],
        "by_country": [{"country": row.key, "count": row.count, "usd": row.usd}
                       for row in value.by_country],
    }


def coverage(value: Coverage) -> dict:
    return {
        "covered_count": value.covered_count,
        "uncovered": [o.number for o in value.uncovered],
        "objectives": [{
            "objective": row.objective.number, "title": names(row.objective),
            "addressed": row.addressed,
            "sessions": [{"id": ref.id, "title": ref.title} for ref in row.sessions],
            "documents": [{"id": doc.id, "title": doc.title, "language": doc.language}
                          for doc in row.documents],
            "pledges": row.pledges,
        } for row in value.rows],
    }


def registration(value: Registration) -> dict:
    """A registration for staff: no gender, no accessibility needs."""
    return {
        "id": value.id, "full_name": value.full_name, "email": value.email,
        "organization": value.organization, "position": value.position,
        "stakeholder_group": value.stakeholder_group.code if value.stakeholder_group else None,
        "country": value.country or None, "language": value.language,
        "status": value.status, "attendance_mode": value.attendance_mode,
        "ticket_code": value.ticket_code,
        "list_consent": value.list_consent, "checked_in_at": value.checked_in_at,
        "created_at": value.created_at, "updated_at": value.updated_at,
        "seats": [{"session_id": seat.session_id, "status": seat.status, "mode": seat.mode}
                  for seat in sorted(value.seats, key=lambda seat: seat.session_id)],
    }
