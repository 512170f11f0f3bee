"""A session's speakers list: add, order, give and end the floor, summaries, CSV and the chair's view."""
from flask import Response, abort, flash, g, redirect, render_template, stream_with_context, url_for
from flask_babel import gettext as _
from flask_login import current_user

from ..extensions import db
from ..i18n import current_language
from ..models import BriefingSession, utcnow
from ..services import speakers as service
from ..services.speakers import SpeakersError
from . import bp
from .display import duration
from .forms import RANK_HELP, AddRegistrantForm, AddSpeakerForm, ButtonForm, InterventionForm, OrderingForm

NEXT_SHOWN = 3  # how many waiting speakers the chair's view announces
CHAIR_REFRESH_SECONDS = 5


def session_or_404(session_id: int) -> BriefingSession:
    """The briefing's session ``session_id``, or 404."""
    session = db.session.get(BriefingSession, session_id)
    if session is None or session.briefing_id != g.briefing.id:
        abort(404)
    return session


def _list_url(session_id: int, anchor: str | None = None) -> str:
    return url_for(".speakers", session_id=session_id, _anchor=anchor)


def _render_list(session: BriefingSession, *, registrant_form=None, speaker_form=None,
                 status: int = 200):
    items = service.entries(session.id)
    now = utcnow()
    registrant_form = registrant_form or AddRegistrantForm(formdata=None, prefix="registrant")
    registrant_form.offer(service.confirmed_registrants(g.briefing.id))
    speaker_form = speaker_form or AddSpeakerForm(formdata=None, prefix="named")
    speaker_form.offer()
    mode = service.ordering(session.id)
    return render_template(
        "secretariat/speakers.html", session=session, items=items, now=now,
        current=service.current_speaker(items), waiting=service.waiting(items),
        seconds=lambda entry: service.seconds_spoken(entry, now),
        groups=service.group_times(items, now), registrant_form=registrant_form,
        speaker_form=speaker_form, ordering_form=OrderingForm(formdata=None, mode=mode.value),
        mode=mode, button=ButtonForm(), rank_help=RANK_HELP), status


@bp.route("/sessions/<int:session_id>/speakers")
def speakers(session_id):
    """The session's speakers list: who spoke, who speaks, who waits, and time per group."""
    return _render_list(session_or_404(session_id))


@bp.route("/sessions/<int:session_id>/speakers/registrant", methods=["POST"])
def add_registrant(session_id):
    """Put a confirmed registrant on the list."""
    session = session_or_404(session_id)
    form = AddRegistrantForm(prefix="registrant")
    form.offer(service.confirmed_registrants(g.briefing.id))
    if not form.validate_on_submit():
        return _render_list(session, registrant_form=form, status=400)
    try:
        entry = service.add_registrant(session.id, form.registration.data,
                                       protocol_rank=form.protocol_rank.data, actor=current_user)
    except SpeakersError as refusal:
        flash(str(refusal), "danger")
    else:
        flash(_("%(name)s is on the list.", name=entry.speaker_name), "success")
    return redirect(_list_url(session_id, "add"))


@bp.route("/sessions/<int:session_id>/speakers/named", methods=["POST"])
def add_named(session_id):
    """Put someone on the list by name."""
    session = session_or_404(session_id)
    form = AddSpeakerForm(prefix="named")
    form.offer()
    if not form.validate_on_submit():
        return _render_list(session, speaker_form=form, status=400)
    try:
        entry = service.add_named(session.id, form.speaker(), actor=current_user)
    except SpeakersError as refusal:
        flash(str(refusal), "danger")
    else:
        flash(_("%(name)s is on the list.", name=entry.speaker_name), "success")
    return redirect(_list_url(session_id, "add"))


@bp.route("/sessions/<int:session_id>/speakers/order", methods=["POST"])
def reorder(session_id):
    """Sort the waiting speakers by request time, or by protocol rank then request time."""
    session = session_or_404(session_id)
    form = OrderingForm()
    if not form.validate_on_submit():
        flash(_("Choose how to order the list."), "danger")
        return redirect(_list_url(session.id))
    service.resort(session.id, form.ordering(), actor=current_user)
    flash(_("The waiting speakers are sorted."), "success")
    return redirect(_list_url(session_id))


def _button_action(session_id: int, entry_id: int, action, done_message=None):
    """Run a button's change on one entry and go back to the list."""
    session = session_or_404(session_id)
    if not ButtonForm().validate_on_submit():
        flash(_("The form had expired. Please try again."), "danger")
        return redirect(_list_url(session.id))
    try:
        result = action(session.id, entry_id, actor=current_user)
    except SpeakersError as refusal:
        flash(str(refusal), "danger")
    else:
        if done_message:
            flash(done_message(result), "success")
    return redirect(_list_url(session_id, f"entry-{entry_id}"))


@bp.route("/sessions/<int:session_id>/speakers/<int:entry_id>/up", methods=["POST"])
def move_up(session_id, entry_id):
    """Move a waiting speaker one place up."""
    return _button_action(session_id, entry_id,
                          lambda s, e, actor: service.move(s, e, -1, actor=actor))


@bp.route("/sessions/<int:session_id>/speakers/<int:entry_id>/down", methods=["POST"])
def move_down(session_id, entry_id):
    """Move a waiting speaker one place down."""
    return _button_action(session_id, entry_id,
                          lambda s, e, actor: service.move(s, e, 1, actor=actor))


@bp.route("/sessions/<int:session_id>/speakers/<int:entry_id>/start", methods=["POST"])
def start(session_id, entry_id):
    """Give the floor to a speaker (whoever was speaking stops)."""
    return _button_action(session_id, entry_id, service.start,
                          lambda e: _("%(name)s has the floor.", name=e.speaker_name))


@bp.route("/sessions/<int:session_id>/speakers/<int:entry_id>/stop", methods=["POST"])
def stop(session_id, entry_id):
    """End the current speaker's time."""
    return _button_action(session_id, entry_id, service.stop,
                          lambda e: _("%(name)s spoke for %(time)s.", name=e.speaker_name,
                                      time=duration(service.seconds_spoken(e))))


@bp.route("/sessions/<int:session_id>/speakers/<int:entry_id>/remove", methods=["POST"])
def remove(session_id, entry_id):
    """Take a speaker who has not spoken off the list."""
    return _button_action(session_id, entry_id, service.remove,
                          lambda _result: _("The speaker was taken off the list."))


@bp.route("/sessions/<int:session_id>/speakers/<int:entry_id>", methods=["GET", "POST"])
def edit_entry(session_id, entry_id):
    """Correct a speaker's details and write the summary of the intervention."""
    session = session_or_404(session_id)
    entry = next((e for e in service.entries(session.id) if e.id == entry_id), None)
    if entry is None:
        abort(404)
    form = InterventionForm(data={"name": entry.speaker_name, "organization": entry.organization,
                                  "group": entry.stakeholder_group_id,
                                  "protocol_rank": entry.protocol_rank, "summary": entry.summary})
    form.offer(entry.stakeholder_group_id)
    if form.validate_on_submit():
        try:
            service.update(session.id, entry.id, form.speaker(), form.summary.data or "",
                           actor=current_user)
        except SpeakersError as refusal:
            flash(str(refusal), "danger")
        else:
            flash(_("The entry is saved."), "success")
            return redirect(_list_url(session_id, f"entry-{entry_id}"))
    return render_template("secretariat/intervention_form.html", session=session, entry=entry,
                           form=form, seconds=service.seconds_spoken(entry),
                           rank_help=RANK_HELP), \
        400 if form.errors else 200


@bp.route("/sessions/<int:session_id>/speakers.csv")
def speakers_csv(session_id):
    """The speakers list as a CSV file for spreadsheets."""
    session = session_or_404(session_id)
    body = service.csv_export(session, service.entries(session.id), current_language())
    filename = f"{g.briefing.slug}-session-{session.id}-speakers.csv"
    return Response(stream_with_context(body), mimetype="text/csv",
                    headers={"Content-Disposition": f'attachment; filename="{filename}"'})


def _board(session: BriefingSession) -> dict:
    items = service.entries(session.id)
    current = service.current_speaker(items)
    now = utcnow()
    return {"session": session, "current": current, "now": now,
            "elapsed": service.seconds_spoken(current, now) if current else None,
            "upcoming": service.waiting(items)[:NEXT_SHOWN]}


@bp.route("/sessions/<int:session_id>/speakers/chair")
def chair(session_id):
    """The chair's view, for a projector: who speaks and for how long, and who is next."""
    session = session_or_404(session_id)
    return render_template("secretariat/chair.html", refresh_seconds=CHAIR_REFRESH_SECONDS,
                           **_board(session))


@bp.route("/sessions/<int:session_id>/speakers/chair/board")
def chair_board(session_id):
    """The changing part of the chair's view, fetched again every few seconds by its script."""
    session = session_or_404(session_id)
    response = Response(render_template("secretariat/_chair_board.html", **_board(session)))
    response.headers["Cache-Control"] = "no-store"
    return response
