"""A session's minutes: edit with preview, conflicts, review and approval, history and restore."""
from flask import abort, flash, g, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user

from ..markup import render_markdown
from ..models import BriefingSession, Minutes, MinutesStatus
from ..permissions import Perm, can, require
from ..services import minutes as service
from ..services import speakers
from ..services.diffs import render_diff
from ..services.minutes import EditConflict, Locked, MinutesError
from . import bp
from .display import MINUTES_ACTIONS, MINUTES_STATUS_LABELS
from .forms import ButtonForm, CompareForm, MinutesForm, PreviewForm, RestoreForm
from .speakers import session_or_404

# Actions only organizers (and admins) may take on minutes.
ORGANIZER_ACTIONS = {"approve", "reopen"}


def actions_for(minutes: Minutes | None) -> list[tuple[str, str]]:
    """The status buttons the current user may press on these minutes."""
    if minutes is None:
        return []
    allowed = []
    for action, (old, _new) in service.TRANSITIONS.items():
        if old != minutes.status:
            continue
        if action in ORGANIZER_ACTIONS and not _may_manage():
            continue
        allowed.append((action, MINUTES_ACTIONS[action]))
    return allowed


def _may_manage() -> bool:
    return can(current_user, Perm.MANAGE_BRIEFING, g.briefing)


def _context(session: BriefingSession, minutes: Minutes | None) -> dict:
    """What the minutes pages show beside the text: attendance, speakers, actions."""
    items = speakers.entries(session.id)
    return {"session": session, "minutes": minutes, "attendance": service.attendance(session.id),
            "groups": speakers.group_times(items), "spoken": [e for e in items if e.started_at],
            "actions": actions_for(minutes), "button": ButtonForm()}


def _edit_form(minutes: Minutes | None, *, formdata=True) -> MinutesForm:
    data = {"body": minutes.body if minutes else "",
            "rapporteur": minutes.rapporteur_id if minutes else None,
            "version": str(minutes.version if minutes else 0)}
    form = MinutesForm(data=data) if formdata else MinutesForm(formdata=None, data=data)
    form.offer(service.rapporteurs(g.briefing.id, minutes.rapporteur_id if minutes else None))
    return form


def _conflict(session: BriefingSession, form: MinutesForm, refusal: MinutesError):
    """Both texts side by side: nothing the user typed is lost."""
    current = refusal.current
    locked = isinstance(refusal, Locked)
    form.version.data = str(current.version)
    diff = render_diff(current.body, form.body.data, old_label=_("the saved text"),
                       new_label=_("your text"))
    return render_template("secretariat/minutes_conflict.html", form=form, theirs=current,
                           locked=locked, diff=diff, message=str(refusal),
                           **_context(session, current)), 409


@bp.route("/sessions/<int:session_id>/minutes", methods=["GET", "POST"])
def minutes(session_id):
    """Write the session's minutes (read-only once approved); Preview shows them without saving."""
    session = session_or_404(session_id)
    current = service.minutes_of(session.id)
    form = _edit_form(current)
    preview = None
    status = 200
    if form.is_submitted():
        valid = form.validate()
        if form.preview.data:
            preview = render_markdown(form.body.data, heading_shift=1)
            status = 200 if valid else 400
        elif valid:
            try:
                saved = service.save(session.id, g.briefing.id, form.body.data or "",
                                     form.base_version(), rapporteur_id=form.rapporteur.data,
                                     note=form.note.data or "", actor=current_user)
            except (EditConflict, Locked) as refusal:
                return _conflict(session, form, refusal)
            except MinutesError as refusal:
                flash(str(refusal), "danger")
                status = 400
            else:
                flash(_("The minutes are saved (version %(num)d).", num=saved.version), "success")
                return redirect(url_for(".minutes", session_id=session_id))
        else:
            status = 400
        current = service.minutes_of(session.id)
    return render_template("secretariat/minutes_edit.html", form=form, preview=preview,
                           rendered=render_markdown(current.body, heading_shift=1)
                           if current else None,
                           **_context(session, current)), status


@bp.route("/sessions/<int:session_id>/minutes/view")
def minutes_view(session_id):
    """The minutes as they read, with attendance and speakers beside them."""
    session = session_or_404(session_id)
    current = service.minutes_of(session.id)
    return render_template("secretariat/minutes_view.html",
                           rendered=render_markdown(current.body, heading_shift=1)
                           if current else None, **_context(session, current))


@bp.route("/sessions/<int:session_id>/minutes/preview", methods=["POST"])
def minutes_preview(session_id):
    """The text rendered as it will read, for the edit page's script (nothing is saved)."""
    session_or_404(session_id)
    form = PreviewForm()
    if not form.validate_on_submit():
        abort(400)
    return render_template("secretariat/_preview.html",
                           preview=render_markdown(form.body.data, heading_shift=1))


@bp.route("/sessions/<int:session_id>/minutes/<any(submit, approve, draft, reopen):action>",
          methods=["POST"])
def minutes_status(session_id, action):
    """Submit for review, approve, send back to draft, or reopen approved minutes."""
    session = session_or_404(session_id)
    if action in ORGANIZER_ACTIONS:
        require(Perm.MANAGE_BRIEFING, g.briefing)
    if ButtonForm().validate_on_submit():
        try:
            changed = service.change_status(session.id, g.briefing.id, action,
                                            actor=current_user)
        except MinutesError as refusal:
            flash(str(refusal), "danger")
        else:
            flash(_("The minutes are now: %(status)s.",
                    status=_status_label(changed.status)), "success")
    return redirect(url_for(".minutes", session_id=session_id))


def _status_label(status: MinutesStatus) -> str:
    return str(MINUTES_STATUS_LABELS[status])


@bp.route("/sessions/<int:session_id>/minutes/history")
def minutes_history(session_id):
    """Every saved version, newest first, and the changes between any two of them."""
    session = session_or_404(session_id)
    current = service.minutes_of(session.id)
    revisions = service.revisions(current.id) if current else []
    by_version = {r.version: r for r in revisions}
    asked = "from" in request.args or "to" in request.args
    compare = CompareForm(formdata=request.args if asked else None)
    compare.offer(list(by_version))
    diff, message, status = None, None, 200
    if asked and not compare.validate():
        message = _("Choose two saved versions of these minutes to compare.")
        status = 400
    elif len(revisions) > 1:
        if not asked:
            compare.from_.data, compare.to.data = revisions[1].version, revisions[0].version
        old, new = by_version[compare.from_.data], by_version[compare.to.data]
        diff = render_diff(old.body, new.body,
                           old_label=_("version %(num)d", num=old.version),
                           new_label=_("version %(num)d", num=new.version))
    return render_template("secretariat/minutes_history.html", revisions=revisions,
                           compare=compare, diff=diff, message=message,
                           restore_form=RestoreForm(formdata=None,
                                                    version=current.version if current else 0),
                           **_context(session, current)), status


@bp.route("/sessions/<int:session_id>/minutes/revisions/<int:version>/restore",
          methods=["POST"])
def restore_revision(session_id, version):
    """Make an old version the newest one again (saved as a new revision)."""
    session = session_or_404(session_id)
    form = RestoreForm()
    if not form.validate_on_submit():
        flash(_("The form lost track of the current version. Please try again."), "danger")
        return redirect(url_for(".minutes_history", session_id=session_id))
    try:
        saved = service.restore(session.id, g.briefing.id, version, int(form.version.data),
                                actor=current_user)
    except Locked as refusal:
        flash(str(refusal), "danger")
    except EditConflict:
        flash(_("Someone saved these minutes since you opened the history. "
                "Look at the latest version, then restore again if you still want to."),
              "warning")
    except MinutesError as refusal:
        flash(str(refusal), "danger")
    else:
        flash(_("Version %(old)d is restored as version %(new)d.", old=version,
                new=saved.version), "success")
        return redirect(url_for(".minutes", session_id=session_id))
    return redirect(url_for(".minutes_history", session_id=session_id))
