"""Online attendance: upload a videoconference provider's attendance report, read what it did."""
from flask import g, render_template
from flask_login import current_user

from ..services.attendance_files import MAX_BYTES
from ..services.online_attendance import import_attendance
from . import bp, queries
from .forms import OnlineAttendanceForm


def _form() -> OnlineAttendanceForm:
    form = OnlineAttendanceForm()
    form.offer(queries.sessions(g.briefing.id))
    return form


@bp.route("/checkin/online-attendance", methods=["GET", "POST"])
def online_attendance():
    """The upload form; once a file is sent, the report: who was marked present, who not, why."""
    form = _form()
    if not form.validate_on_submit():
        return render_template("participants/online_attendance.html", form=form, report=None,
                               max_mb=MAX_BYTES // (1024 * 1024)), 400 if form.errors else 200
    # One byte more than allowed is enough to refuse the file without reading all of it.
    data = form.file.data.read(MAX_BYTES + 1)
    report = import_attendance(g.briefing.id, data, session_id=form.session_id(),
                               actor=current_user)
    if report.error:
        form.file.errors = [report.error]
        return render_template("participants/online_attendance.html", form=form, report=None,
                               max_mb=MAX_BYTES // (1024 * 1024)), 400
    return render_template("participants/online_attendance.html", form=form, report=report,
                           filename=form.file.data.filename or "",
                           max_mb=MAX_BYTES // (1024 * 1024))
