"""The organizer's messages: writing one, its preview, the log, the reminder, change notices."""
import sqlalchemy as sa
from flask import abort, flash, g, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_babel import ngettext
from flask_login import current_user
from sqlalchemy.orm import joinedload

from ..extensions import db
from ..i18n import current_language
from ..models import (
    BriefingSession,
    MessageBatch,
    SessionChangeNotice,
    StakeholderGroup,
)
from ..routing import requested_page
from ..services import messaging as svc
from ..services import notices
from . import bp
from .forms import ButtonForm, MessageForm, ReminderForm

PER_PAGE = 25
RECIPIENTS_PER_PAGE = 100


def _message_form(**kwargs) -> MessageForm:
    form = MessageForm(**kwargs)
    groups = db.session.scalars(sa.select(StakeholderGroup)
                                .order_by(StakeholderGroup.position, StakeholderGroup.id))
    sessions = db.session.scalars(
        sa.select(BriefingSession).where(BriefingSession.briefing_id == g.briefing.id)
        .order_by(BriefingSession.starts_at, BriefingSession.position, BriefingSession.id))
    form.offer(groups=groups, sessions=sessions, lang=current_language())
    return form


def _render_log(reminder_form: ReminderForm | None = None, status: int = 200):
    briefing = g.briefing
    page = db.paginate(
        sa.select(MessageBatch).options(joinedload(MessageBatch.sent_by))
        .where(MessageBatch.briefing_id == briefing.id)
        .order_by(MessageBatch.created_at.desc(), MessageBatch.id.desc()),
        page=requested_page(), per_page=PER_PAGE, error_out=False)
    reminder = svc.reminder_for(briefing.id)
    return render_template(
        "outreach/messages.html", page=page,
        delivery=svc.delivery_counts([batch.id for batch in page.items]), reminder=reminder,
        reminder_form=reminder_form or ReminderForm(
            formdata=None, lead_hours=reminder.lead_hours if reminder else None)), status


@bp.route("/messages")
def messages():
    """What was sent to the briefing's participants, newest first, and the reminder setting."""
    return _render_log()


@bp.route("/messages/new", methods=["GET", "POST"])
def new_message():
    """Write a message; "Preview" shows it as the first recipient reads it, "Send" sends it."""
    form = _message_form()
    preview = None
    if form.validate_on_submit():
        try:
            if form.send.data:
                batch = svc.send_message(g.briefing.id, form.subject.data, form.body.data,
                                         form.audience(), actor=current_user)
                flash(ngettext("Your message will be sent to %(num)d person.",
                               "Your message will be sent to %(num)d people.",
                               batch.recipient_count), "success")
                return redirect(url_for(".message", batch_id=batch.id))
            preview = svc.preview_message(g.briefing, form.subject.data, form.body.data,
                                          form.audience())
        except svc.MessageError as refusal:
            target = getattr(form, refusal.field, None) if refusal.field else None
            if target is not None:
                target.errors = list(target.errors) + [str(refusal)]
            else:
                form.form_errors.append(str(refusal))
    status = 400 if form.is_submitted() and form.errors else 200
    return render_template("outreach/message_new.html", form=form, preview=preview), status


@bp.route("/messages/<int:batch_id>")
def message(batch_id):
    """One message: what, when, by whom, and each recipient with the state of their e-mail."""
    batch = db.session.scalar(sa.select(MessageBatch).options(joinedload(MessageBatch.sent_by))
                              .where(MessageBatch.id == batch_id,
                                     MessageBatch.briefing_id == g.briefing.id))
    if batch is None:
        abort(404)
    recipients = db.paginate(svc.recipients_query(batch.id), page=requested_page(),
                             per_page=RECIPIENTS_PER_PAGE, error_out=False, count=True)
    return render_template("outreach/message.html", batch=batch, recipients=recipients,
                           delivery=svc.delivery_counts([batch.id])[batch.id])


@bp.route("/messages/reminder", methods=["POST"])
def set_reminder():
    """Choose how long before the start confirmed registrants are reminded (empty: never)."""
    form = ReminderForm()
    if not form.validate_on_submit():
        return _render_log(reminder_form=form, status=400)
    reminder = svc.set_reminder(g.briefing.id, form.lead_hours.data, actor=current_user)
    if reminder is None:
        flash(_("No reminder will be sent before the briefing."), "info")
    elif reminder.sent_at:
        flash(_("The reminder was already sent; it is not sent again."), "warning")
    else:
        flash(ngettext("Confirmed registrants will be reminded %(num)d hour before the start.",
                       "Confirmed registrants will be reminded %(num)d hours before the start.",
                       reminder.lead_hours), "success")
    return redirect(url_for(".messages"))


def _notice(notice_id: int) -> SessionChangeNotice:
    notice = db.session.get(SessionChangeNotice, notice_id)
    if notice is None or notice.session.briefing_id != g.briefing.id:
        abort(404)
    return notice


def _back_to_session(notice: SessionChangeNotice):
    return redirect(url_for("organizer.edit_session", slug=g.briefing.slug,
                            session_id=notice.session_id))


@bp.route("/notices/<int:notice_id>/send", methods=["POST"])
def send_notice(notice_id):
    """E-mail a session's registrants what changed in its time or room."""
    notice = _notice(notice_id)
    if ButtonForm().validate_on_submit():
        try:
            batch = notices.send_notice(notice.id, actor=current_user)
        except svc.MessageError as refusal:
            flash(str(refusal), "warning")
        else:
            flash(ngettext("%(num)d registrant of this session will be told of the change.",
                           "%(num)d registrants of this session will be told of the change.",
                           batch.recipient_count), "success")
    return _back_to_session(notice)


@bp.route("/notices/<int:notice_id>/close", methods=["POST"])
def close_notice(notice_id):
    """Leave a change untold: the offer to notify registrants goes away."""
    notice = _notice(notice_id)
    if ButtonForm().validate_on_submit():
        if notices.close_notice(notice.id, actor=current_user):
            flash(_("The registrants will not be notified of this change."), "info")
    return _back_to_session(notice)
