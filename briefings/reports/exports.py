"""Exports: the registrations as XLSX, and each session's attendance as CSV or XLSX."""
import sqlalchemy as sa
from flask import Response, abort, g, render_template, request
from flask_login import current_user

from ..extensions import db
from ..i18n import current_language
from ..models import BriefingSession, SessionSeat
from ..participants import queries
from ..participants.display import country_name, group_name
from ..participants.forms import FilterForm
from ..services import privacy
from ..services.exports import csv_stream
from . import bp, spreadsheets


def _attachment(filename: str) -> dict:
    return {"Content-Disposition": f'attachment; filename="{filename}"'}


@bp.route("/exports")
def exports():
    """The downloads: registrations (CSV, XLSX) and the attendance of each session."""
    sessions = db.session.execute(
        sa.select(BriefingSession, sa.func.count(SessionSeat.attended_at))
        .outerjoin(SessionSeat, SessionSeat.session_id == BriefingSession.id)
        .where(BriefingSession.briefing_id == g.briefing.id)
        .group_by(BriefingSession.id)
        .order_by(BriefingSession.starts_at, BriefingSession.position, BriefingSession.id)).all()
    return render_template("reports/exports.html", sessions=sessions)


def _filters() -> queries.Filters:
    """The registrations list's filters, as its CSV link passes them (unknown values ignored)."""
    form = FilterForm(formdata=request.args)
    countries = [(code, country_name(code)) for code in queries.countries_in_use(g.briefing.id)]
    form.offer(groups=[(group, group_name(group)) for group in queries.groups()],
               countries=countries, sessions=queries.sessions(g.briefing.id))
    return form.filters()


@bp.route("/registrations.xlsx")
def registrations_xlsx():
    """The registrations (filtered like the list) as an Excel workbook."""
    privacy.record_access("personal_data.export", g.briefing, actor=current_user,
                          briefing=g.briefing, what="registrations.xlsx")
    query = queries.matching(g.briefing.id, _filters())
    header, rows = spreadsheets.registration_table(g.briefing, query, current_language())
    body = spreadsheets.xlsx(g.briefing.slug, header, rows)
    return Response(body, mimetype=spreadsheets.XLSX_MIMETYPE,
                    headers=_attachment(f"{g.briefing.slug}-registrations.xlsx"))


def _session(session_id: int) -> BriefingSession:
    session = db.session.get(BriefingSession, session_id)
    if session is None or session.briefing_id != g.briefing.id:
        abort(404)
    return session


@bp.route("/sessions/<int:session_id>/attendance.csv")
def attendance_csv(session_id):
    """Who attended a session, in order of arrival, as CSV."""
    session = _session(session_id)
    privacy.record_access("personal_data.export", g.briefing, actor=current_user,
                          briefing=g.briefing, what="attendance.csv")
    session = _session(session_id)  # the audit write ended the transaction: load it afresh
    header, rows = spreadsheets.attendance_table(session, current_language())
    return Response("".join(csv_stream(header, rows)), mimetype="text/csv",
                    headers=_attachment(f"{g.briefing.slug}-attendance-{session.id}.csv"))


@bp.route("/sessions/<int:session_id>/attendance.xlsx")
def attendance_xlsx(session_id):
    """Who attended a session, in order of arrival, as an Excel workbook."""
    session = _session(session_id)
    privacy.record_access("personal_data.export", g.briefing, actor=current_user,
                          briefing=g.briefing, what="attendance.xlsx")
    session = _session(session_id)  # the audit write ended the transaction: load it afresh
    header, rows = spreadsheets.attendance_table(session, current_language())
    return Response(spreadsheets.xlsx(session.title, header, rows),
                    mimetype=spreadsheets.XLSX_MIMETYPE,
                    headers=_attachment(f"{g.briefing.slug}-attendance-{session.id}.xlsx"))
