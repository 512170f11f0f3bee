"""Public pages of a briefing's outcomes: documents (HTML and PDF), pledge register, GCM coverage."""
import sqlalchemy as sa
from flask import Response, abort, redirect, render_template, request, stream_with_context, url_for
from flask_babel import force_locale
from sqlalchemy.orm import selectinload

from ..extensions import db
from ..i18n import current_language
from ..markup import render_markdown
from ..models import Briefing, BriefingStatus, OutcomeDocument, OutcomeStatus
from ..pdf import font_family, render_pdf
from ..services import outcomes, pledges
from ..services.coverage import coverage as coverage_of
from . import bp
from .csv import pledge_csv
from .register import register_context

PREFERENCE = outcomes.LANGUAGES


def _briefing(slug: str) -> Briefing:
    """The briefing at ``slug`` if the public may see it (not a draft), else 404."""
    briefing = db.session.scalar(sa.select(Briefing).where(
        Briefing.slug == slug, Briefing.status != BriefingStatus.DRAFT))
    if briefing is None:
        abort(404)
    return briefing


def _published(briefing_id: int):
    return (sa.select(OutcomeDocument)
            .where(OutcomeDocument.briefing_id == briefing_id,
                   OutcomeDocument.status == OutcomeStatus.PUBLISHED))


def _document(briefing: Briefing, doc_slug: str, endpoint: str):
    """The published document asked for, or a redirect to the right address, or 404."""
    found = db.session.scalars(_published(briefing.id).where(OutcomeDocument.slug == doc_slug)
                               .options(selectinload(OutcomeDocument.objectives),
                                        selectinload(OutcomeDocument.action_items))).all()
    if not found:
        abort(404)
    wanted = request.args.get("lang")
    if wanted in PREFERENCE:
        for doc in found:
            if doc.language == wanted:
                return doc, None
        # The translation may live under its own slug: send the reader there.
        sibling = db.session.scalar(_published(briefing.id).where(
            OutcomeDocument.translation_key.in_({d.translation_key for d in found}),
            OutcomeDocument.language == wanted))
        if sibling is None:
            abort(404)
        return None, redirect(url_for(endpoint, slug=briefing.slug, doc_slug=sibling.slug,
                                      lang=sibling.language))
    order = [current_language(), *PREFERENCE]
    return min(found, key=lambda d: (order.index(d.language), d.id)), None


def _siblings(document: OutcomeDocument) -> list[OutcomeDocument]:
    """The published versions of the document in every language (itself included)."""
    docs = db.session.scalars(_published(document.briefing_id).where(
        OutcomeDocument.translation_key == document.translation_key)).all()
    return outcomes.grouped(list(docs))[0]


@bp.route("/b/<slug>/outcomes", endpoint="outcomes")
def outcomes_index(slug: str):
    """The briefing's published outcome documents, one entry per document with its languages."""
    briefing = _briefing(slug)
    groups = outcomes.grouped(outcomes.documents(briefing.id, published_only=True))
    language = current_language()
    entries = [(outcomes.pick(group, language), group) for group in groups]
    return render_template("published/outcomes.html", briefing=briefing, entries=entries)



@bp.route("/b/<slug>/outcomes/<doc_slug>")
def document(slug: str, doc_slug: str):
    """A published document: its text, kind, date, GCM objectives, action items, other languages."""
    briefing = _briefing(slug)
    doc, redirection = _document(briefing, doc_slug, "published.document")
    if redirection is not None:
        return redirection
    return render_template("published/document.html", briefing=briefing, document=doc,
                           rendered=render_markdown(doc.body, heading_shift=1),
                           siblings=_siblings(doc))


@bp.route("/b/<slug>/outcomes/<doc_slug>.pdf")
def document_pdf(slug: str, doc_slug: str):
    """A published document as a PDF, headings and dates in the document's own language."""
    briefing = _briefing(slug)
    doc, redirection = _document(briefing, doc_slug, "published.document_pdf")
    if redirection is not None:
        return redirection
    with force_locale(doc.language):
        html = render_template("published/document_pdf.html", briefing=briefing, document=doc,
                               rendered=render_markdown(doc.body, heading_shift=1),
                               doc_lang=doc.language, font_family=font_family(doc.language),
                               page_url=url_for("published.document", slug=briefing.slug,
                                                doc_slug=doc.slug, lang=doc.language,
                                                _external=True))
    filename = f"{briefing.slug}-{doc.slug}-{doc.language}.pdf"
    return Response(render_pdf(html), mimetype="application/pdf",
                    headers={"Content-Disposition": f'inline; filename="{filename}"'})


@bp.route("/b/<slug>/pledges")
def pledge_register(slug: str):
    """The pledge register: filters, a page of pledges and totals by group, type, objective, country."""
    briefing = _briefing(slug)
    context = register_context(briefing, endpoint="published.pledge_register")
    return render_template("published/pledges.html", briefing=briefing, **context,
                           csv_url=url_for("published.pledges_csv", slug=briefing.slug,
                                           **context["filters"].args()))


@bp.route("/b/<slug>/pledges.csv")
def pledges_csv(slug: str):
    """The filtered register as a CSV file (unknown filters ignored)."""
    briefing = _briefing(slug)
    filters, _ignored = pledges.parse_filters(request.args, pledges.all_groups())
    body = pledge_csv(pledges.matching(briefing.id, filters), current_language())
    return Response(stream_with_context(body), mimetype="text/csv",
                    headers={"Content-Disposition":
                             f'attachment; filename="{briefing.slug}-pledges.csv"'})


@bp.route("/b/<slug>/coverage")
def coverage(slug: str):
    """Which sessions, published documents and pledges address each of the 23 GCM objectives."""
    briefing = _briefing(slug)
    return render_template("published/coverage.html", briefing=briefing,
                           coverage=coverage_of(briefing.id, current_language()))
