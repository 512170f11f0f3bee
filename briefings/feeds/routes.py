"""A session's calendar file and a briefing's Atom feed of outcome documents and pledges."""
import hashlib
import re
from typing import TYPE_CHECKING

import sqlalchemy as sa
from flask import abort, current_app, request, url_for
from flask_babel import gettext as _
from markupsafe import Markup
from sqlalchemy.orm import joinedload, selectinload

from ..extensions import db
from ..i18n import current_language
from ..markup import excerpt, render_markdown
from ..models import Briefing, BriefingStatus, OutcomeDocument, OutcomeStatus, Pledge
from ..public.queries import public_briefing
from ..published.labels import record_label
from ..services.calendars import programme_calendar
from . import bp

if TYPE_CHECKING:
    from feedgen.feed import FeedGenerator

FEED_SIZE = 50
# Characters XML 1.0 cannot hold; a stray one in a record must not break the feed.
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")
_SLUG = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")


def _text(value: str | None) -> str:
    return _NOT_XML.sub("", value or "")


def _host() -> str:
    """The name of this site in calendar UIDs and feed ids (the same as in agenda.ics)."""
    return current_app.config.get("MAIL_MESSAGE_ID_DOMAIN") or request.host.split(":")[0]


def _conditional(response, last_modified=None):
    """Answer 304 when the reader already has this content."""
    response.set_etag(hashlib.sha256(response.get_data()).hexdigest()[:32])
    if last_modified is not None:
        response.last_modified = last_modified
    response.headers["Cache-Control"] = "public, max-age=300"
    return response.make_conditional(request)


@bp.route("/b/<slug>/sessions/<int:session_id>.ics")
def session_ics(slug: str, session_id: int):
    """One session of the programme as an iCalendar file (never with its meeting link)."""
    briefing = public_briefing(slug) if _SLUG.fullmatch(slug) else None
    session = next((s for s in briefing.sessions if s.id == session_id), None) if briefing else None
    if session is None:
        abort(404)
    calendar = programme_calendar(
        briefing, page_url=url_for("public.briefing", slug=briefing.slug, _external=True),
        host=_host(), sessions=[session])
    response = current_app.response_class(calendar.to_ical(), mimetype="text/calendar")
    response.headers["Content-Type"] = "text/calendar; charset=utf-8"
    response.headers["Content-Disposition"] = (
        f'attachment; filename="{briefing.slug}-session-{session.id}.ics"')
    return _conditional(response, session.updated_at)


def _tag(briefing: Briefing, path: str) -> str:
    """A tag URI (RFC 4151): stable ids for the feed and its entries."""
    return f"tag:{_host()},{briefing.created_at:%Y-%m-%d}:briefing-{briefing.id}{path}"


def _document_entry(feed: "FeedGenerator", briefing: Briefing, doc: OutcomeDocument) -> None:
    entry = feed.add_entry(order="append")
    entry.id(_tag(briefing, f"/outcome/{doc.id}"))
    entry.title(_text(doc.title))
    entry.updated(doc.updated_at)
    if doc.published_at:
        entry.published(doc.published_at)
    # One link only: feedgen 1.0 drops a link's rel, type and hreflang (python-feedgen#135),
    # and two untyped alternates would make the feed invalid. The PDF is linked in the text.
    entry.link(href=url_for("published.document", slug=briefing.slug, doc_slug=doc.slug,
                            lang=doc.language, _external=True))
    pdf = url_for("published.document_pdf", slug=briefing.slug, doc_slug=doc.slug,
                  lang=doc.language, _external=True)
    entry.category(term=doc.kind.value, label=_text(record_label(doc.kind)))
    entry.summary(_text(excerpt(doc.body)))
    body = Markup("{}<p><a href=\"{}\">{}</a></p>").format(render_markdown(doc.body), pdf,
                                                        _("PDF"))
    entry.content(_text(str(body)), type="html")


def _pledge_entry(feed: "FeedGenerator", briefing: Briefing, pledge: Pledge) -> None:
    entry = feed.add_entry(order="append")
    entry.id(_tag(briefing, f"/pledge/{pledge.id}"))
    entry.title(_text(_("Pledge by %(entity)s: %(title)s", entity=pledge.entity,
                        title=pledge.title)))
    entry.updated(pledge.updated_at)
    entry.published(pledge.created_at)
    entry.link(href=url_for("published.pledge_register", slug=briefing.slug, _external=True))
    entry.category(term=f"pledge-{pledge.type.value}", label=_text(record_label(pledge.type)))
    lines = [_("Type: %(type)s", type=record_label(pledge.type)),
             _("Status: %(status)s", status=record_label(pledge.status))]
    if pledge.objectives:
        lines.append(_("GCM objectives: %(numbers)s",
                       numbers=", ".join(str(o.number) for o in pledge.objectives)))
    if pledge.description:
        lines.extend(["", pledge.description])
    entry.content(_text("\n".join(lines)), type="text")


@bp.route("/b/<slug>/feed.atom")
def atom(slug: str):
    """The briefing's published outcome documents and pledges as an Atom feed, newest first."""
    briefing = db.session.scalar(sa.select(Briefing).where(
        Briefing.slug == slug, Briefing.status != BriefingStatus.DRAFT)) if _SLUG.fullmatch(
            slug) else None
    if briefing is None:
        abort(404)
    docs = db.session.scalars(
        sa.select(OutcomeDocument)
        .where(OutcomeDocument.briefing_id == briefing.id,
               OutcomeDocument.status == OutcomeStatus.PUBLISHED)
        .order_by(OutcomeDocument.updated_at.desc(), OutcomeDocument.id.desc())
        .limit(FEED_SIZE)).all()
    pledges = db.session.scalars(
        sa.select(Pledge).where(Pledge.briefing_id == briefing.id)
        .options(joinedload(Pledge.stakeholder_group), selectinload(Pledge.objectives))
        .order_by(Pledge.updated_at.desc(), Pledge.id.desc()).limit(FEED_SIZE)).all()
    records = sorted([*docs, *pledges], key=lambda r: r.updated_at, reverse=True)[:FEED_SIZE]
    updated = max([briefing.updated_at, *(r.updated_at for r in records)])

    from feedgen.feed import FeedGenerator  # with lxml: loaded where a feed is written only

    feed = FeedGenerator()
    feed.id(_tag(briefing, ""))
    feed.title(_text(briefing.title_in(current_language())))
    feed.subtitle(_("Published outcome documents and pledges"))
    feed.author(name=_text(", ".join(briefing.partner_list) or current_app.config["SITE_NAME"]))
    feed.link(href=url_for("feeds.atom", slug=briefing.slug, _external=True), rel="self",
              type="application/atom+xml")
    feed.link(href=url_for("public.briefing", slug=briefing.slug, _external=True),
              rel="alternate", type="text/html")
    feed.updated(updated)
    feed.generator(current_app.config["SITE_NAME"])
    for record in records:
        if isinstance(record, OutcomeDocument):
            _document_entry(feed, briefing, record)
        else:
            _pledge_entry(feed, briefing, record)
    response = current_app.response_class(feed.atom_str(pretty=True),
                                          mimetype="application/atom+xml")
    response.headers["Vary"] = "Accept-Language, Cookie"
    return _conditional(response, updated)
