"""The public, read-only API: briefings, programmes, outcome documents, pledges, GCM coverage.

Only briefings that are not drafts are answered (others are 404), and only
published outcome documents. Every answer carries an ETag made from its
content; single records also carry Last-Modified.
"""
import re

import sqlalchemy as sa
from sqlalchemy.orm import selectinload

from ..extensions import db
from ..models import (
    Briefing, BriefingStatus, GCMObjective, OutcomeDocument, OutcomeStatus, StakeholderGroup,
    utcnow,
)
from ..public.queries import VISIBLE_STATUSES, public_briefing
from ..services import outcomes, pledges
from ..services.coverage import coverage as coverage_of
from . import bp, inputs, schemas, serializers
from .http import Page, Problem, check_id, json_response, link_header, load_query
from .spec import operation

_NOT_FOUND = "There is no public briefing at this address."
SLUG = re.compile(inputs.SLUG_PATTERN)


def check_slug(slug: str) -> str:
    """``slug`` if it has the shape of a briefing's address, else 404 (unseen by the database)."""
    if len(slug) > 80 or not SLUG.fullmatch(slug):
        raise Problem(404, "Not found", _NOT_FOUND)
    return slug


def _briefing(slug: str) -> Briefing:
    """The non-draft briefing at ``slug``, or a 404 problem."""
    check_slug(slug)
    briefing = db.session.scalar(sa.select(Briefing).where(
        Briefing.slug == slug, Briefing.status != BriefingStatus.DRAFT))
    if briefing is None:
        raise Problem(404, "Not found", _NOT_FOUND)
    return briefing


def _paged(schema_cls, envelope: dict):
    return json_response(schema_cls().dump(envelope), headers={"Link": link_header(envelope)})


@bp.route("/briefings")
@operation(tag="Briefings", response=schemas.BriefingPage, query=inputs.BriefingQuery,
           paged=True)
def briefings():
    """Public briefings (not drafts), a page at a time.

    `when=upcoming` gives those that have not ended yet, soonest first;
    `when=past` those that have ended, latest first; without it, all of them,
    latest start first.
    """
    query = load_query(inputs.BriefingQuery)
    select = sa.select(Briefing).where(Briefing.status.in_(VISIBLE_STATUSES))
    now = utcnow()
    if query.get("when") == "upcoming":
        select = select.where(Briefing.ends_at > now).order_by(Briefing.starts_at, Briefing.id)
    elif query.get("when") == "past":
        select = select.where(Briefing.ends_at <= now).order_by(Briefing.starts_at.desc(),
                                                                Briefing.id.desc())
    else:
        select = select.order_by(Briefing.starts_at.desc(), Briefing.id.desc())
    total = db.session.scalar(sa.select(sa.func.count()).select_from(select.subquery()))
    page = Page(query["page"], query["per_page"], total)
    items = db.session.scalars(select.options(selectinload(Briefing.translations))
                               .limit(page.per_page).offset(page.offset)).all()
    envelope = page.envelope([serializers.briefing(b) for b in items], "api.briefings",
                             keep=("when",))
    return _paged(schemas.BriefingPage, envelope)


@bp.route("/briefings/<slug>")
@operation(tag="Briefings", response=schemas.BriefingOut, last_modified=True)
def briefing(slug: str):
    """One public briefing: summary, partners, venue, dates, registration window and links."""
    found = _briefing(slug)
    return json_response(schemas.BriefingOut().dump(serializers.briefing(found)),
                         last_modified=found.updated_at)


@bp.route("/briefings/<slug>/sessions")
@operation(tag="Briefings", response=schemas.SessionList)
def sessions(slug: str):
    """The briefing's programme: every session in order, with its people and GCM objectives.

    The meeting link of an online session is never given here; confirmed
    registrants find it on their private page.
    """
    found = public_briefing(check_slug(slug))
    if found is None:
        raise Problem(404, "Not found", _NOT_FOUND)
    # Group codes in one query, not one lazy load per person.
    codes = {group.id: group.code for group in pledges.all_groups()}
    items = [serializers.session(s, found.slug, codes) for s in found.sessions]
    return json_response(schemas.SessionList().dump({"items": items}))


def _published(briefing_id: int) -> sa.Select:
    return (sa.select(OutcomeDocument)
            .where(OutcomeDocument.briefing_id == briefing_id,
                   OutcomeDocument.status == OutcomeStatus.PUBLISHED))


@bp.route("/briefings/<slug>/outcomes", endpoint="outcomes")
@operation(tag="Outcomes", response=schemas.DocumentPage, query=inputs.DocumentQuery,
           paged=True)
def outcomes_index(slug: str):
    """The briefing's published outcome documents, every language version, oldest first."""
    query = load_query(inputs.DocumentQuery)
    found = _briefing(slug)
    docs = outcomes.documents(found.id, published_only=True)
    if query.get("language"):
        docs = [doc for doc in docs if doc.language == query["language"]]
    page = Page(query["page"], query["per_page"], len(docs))
    chosen = docs[page.offset:page.offset + page.per_page]
    envelope = page.envelope([serializers.document_summary(doc, found.slug) for doc in chosen],
                             "api.outcomes", keep=("language",), slug=found.slug)
    return _paged(schemas.DocumentPage, envelope)



@bp.route("/briefings/<slug>/outcomes/<int:doc_id>")
@operation(tag="Outcomes", response=schemas.DocumentOut, last_modified=True)
def outcome(slug: str, doc_id: int):
    """One published outcome document, with its text, action items and translations.

    The text comes as its Markdown source and as sanitized HTML.
    """
    found = _briefing(slug)
    doc = db.session.scalar(_published(found.id).where(OutcomeDocument.id == check_id(doc_id))
                            .options(selectinload(OutcomeDocument.objectives),
                                     selectinload(OutcomeDocument.action_items)))
    if doc is None:
        raise Problem(404, "Not found", "This briefing has no published document with that id.")
    translations = outcomes.grouped(list(db.session.scalars(_published(found.id).where(
        OutcomeDocument.translation_key == doc.translation_key))))[0]
    data = serializers.document(doc, found.slug, translations)
    return json_response(schemas.DocumentOut().dump(data), last_modified=doc.updated_at)


@bp.route("/briefings/<slug>/pledges", endpoint="pledges")
@operation(tag="Outcomes", response=schemas.PledgePage, query=inputs.PledgeQuery, paged=True)
def pledges_index(slug: str):
    """The pledge register: pledges by entity, filtered, a page at a time, with the totals.

    Filters combine: stakeholder group (code), type, GCM objective, country,
    status. A filter value that names nothing known is a 400. The totals sum
    up every pledge that passes the filters, not just this page.
    """
    query = load_query(inputs.PledgeQuery)
    found = _briefing(slug)
    groups = pledges.all_groups()
    names = pledges.FILTER_NAMES
    filters, ignored = pledges.parse_filters(
        {name: str(query[name]) for name in names if name in query}, groups)
    if ignored:
        raise Problem(400, "Bad request", "Some filters name nothing known.",
                      errors={name: ["Unknown value."] for name in ignored})
    result = pledges.page(found.id, filters, query["page"], query["per_page"])
    items = result.items if result.number == query["page"] else []  # past the end: empty
    page = Page(query["page"], query["per_page"], result.total)
    envelope = page.envelope([serializers.pledge(p) for p in items], "api.pledges",
                             keep=names, slug=found.slug)
    envelope["totals"] = serializers.totals(pledges.totals(found.id, filters, "en"))
    return _paged(schemas.PledgePage, envelope)


@bp.route("/briefings/<slug>/coverage")
@operation(tag="Outcomes", response=schemas.CoverageOut)
def coverage(slug: str):
    """GCM coverage: what addresses each of the 23 objectives.

    For each objective: the sessions, the published documents (one per
    translation group) and the number of pledges that are not withdrawn.
    """
    found = _briefing(slug)
    return json_response(schemas.CoverageOut().dump(
        serializers.coverage(coverage_of(found.id, "en", session_titles=False))))


@bp.route("/stakeholder-groups")
@operation(tag="Reference", response=schemas.GroupList)
def stakeholder_groups():
    """The stakeholder groups, in list order.

    The pledge and registration filters take their codes.
    """
    groups = db.session.scalars(sa.select(StakeholderGroup).order_by(
        StakeholderGroup.position, StakeholderGroup.name)).all()
    return json_response(schemas.GroupList().dump(
        {"items": [serializers.group(g) for g in groups]}))


@bp.route("/gcm-objectives")
@operation(tag="Reference", response=schemas.ObjectiveList)
def objectives():
    """The 23 objectives of the Global Compact for Safe, Orderly and Regular Migration."""
    rows = db.session.scalars(sa.select(GCMObjective).order_by(GCMObjective.number)).all()
    return json_response(schemas.ObjectiveList().dump(
        {"items": [serializers.objective(o) for o in rows]}))

