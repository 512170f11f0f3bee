"""The organizer's invitations: the list, importing a file, inviting one person, sending, reminding.
"""
import sqlalchemy as sa
from flask import flash, g, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_babel import ngettext
from flask_login import current_user
from sqlalchemy.orm import joinedload

from ..extensions import db
from ..i18n import current_language
from ..models import Invitation, InvitationStatus as IS, StakeholderGroup
from ..routing import requested_page
from ..services import invitations as svc
from ..services.invitation_import import import_invitees
from . import bp
from .display import INVITATION_LABELS
from .forms import ButtonForm, ImportForm, InviteForm

PER_PAGE = 50


def _groups() -> list[StakeholderGroup]:
    return list(db.session.scalars(sa.select(StakeholderGroup).where(StakeholderGroup.active)
                                   .order_by(StakeholderGroup.position, StakeholderGroup.id)))


def _invite_form(**kwargs) -> InviteForm:
    first = (g.briefing.language_list or ["en"])[0]
    return InviteForm(groups=_groups(), lang=current_language(), first_language=first, **kwargs)


def _status_filter() -> IS | None:
    try:
        return IS(request.args.get("status", ""))
    except ValueError:
        return None


def _counts(briefing_id: int) -> dict[IS, int]:
    counts = dict.fromkeys(IS, 0)
    counts.update(db.session.execute(
        sa.select(Invitation.status, sa.func.count()).where(Invitation.briefing_id == briefing_id)
        .group_by(Invitation.status)).all())
    return counts


def _render_list(invite_form: InviteForm | None = None, import_form: ImportForm | None = None,
                 status: int = 200):
    briefing = g.briefing
    shown = _status_filter()
    query = (sa.select(Invitation).options(joinedload(Invitation.stakeholder_group))
             .where(Invitation.briefing_id == briefing.id)
             .order_by(sa.func.lower(Invitation.full_name), Invitation.id))
    if shown is not None:
        query = query.where(Invitation.status == shown)
    page = db.paginate(query, page=requested_page(), per_page=PER_PAGE, error_out=False)
    return render_template(
        "outreach/invitations.html", page=page, shown=shown, counts=_counts(briefing.id),
        labels=INVITATION_LABELS, unsent=svc.unsent_count(briefing.id),
        remindable=svc.remindable_count(briefing.id), button=ButtonForm(),
        invite_form=invite_form or _invite_form(formdata=None),
        import_form=import_form or ImportForm(formdata=None)), status


@bp.route("/invitations")
def invitations():
    """Who is invited, who registered and who declined; import, invite, send and remind."""
    return _render_list()


@bp.route("/invitations/import", methods=["POST"])
def import_invitations():
    """Read a CSV file of invitees: good rows become invitations, bad rows are reported."""
    form = ImportForm()
    if not form.validate_on_submit():
        return _render_list(import_form=form, status=400)
    report = import_invitees(g.briefing.id, form.file.data.read(), actor=current_user)
    if report.error:
        form.file.errors = [report.error]
        return _render_list(import_form=form, status=400)
    return render_template("outreach/import_report.html", report=report, button=ButtonForm(),
                           filename=form.file.data.filename or "")


@bp.route("/invitations/new", methods=["POST"])
def invite():
    """Invite one person, sending the invitation at once unless asked not to."""
    form = _invite_form()
    if form.validate_on_submit():
        person = svc.Invitee(full_name=form.full_name.data, email=form.email.data,
                             organization=form.organization.data or "",
                             stakeholder_group_id=form.stakeholder_group.data,
                             language=form.language.data or "")
        try:
            invitation = svc.invite(g.briefing.id, person, actor=current_user,
                                    send=bool(form.send_now.data))
        except svc.InvitationError as refusal:
            target = getattr(form, refusal.field, None)
            if target is not None:
                target.errors = list(target.errors) + [str(refusal)]
            else:
                form.form_errors.append(str(refusal))
        else:
            if invitation.sent_at:
                flash(_("%(name)s is invited; the invitation will be sent to %(email)s.",
                        name=invitation.full_name, email=invitation.email), "success")
            else:
                flash(_("%(name)s is on the list; the invitation is not sent yet.",
                        name=invitation.full_name), "success")
            return redirect(url_for(".invitations"))
    return _render_list(invite_form=form, status=400)


@bp.route("/invitations/send", methods=["POST"])
def send_invitations():
    """Send every invitation that has not been sent yet."""
    if ButtonForm().validate_on_submit():
        try:
            sent = svc.send_invitations(g.briefing.id, actor=current_user)
        except svc.InvitationError as refusal:
            flash(str(refusal), "danger")
        else:
            flash(ngettext("%(num)d invitation will be sent.", "%(num)d invitations will be sent.",
                           sent) if sent else _("Every invitation has already been sent."),
                  "success" if sent else "info")
    return redirect(url_for(".invitations"))


@bp.route("/invitations/remind", methods=["POST"])
def remind():
    """Remind those who have not answered (nobody twice within 24 hours)."""
    if ButtonForm().validate_on_submit():
        try:
            sent = svc.send_reminders(g.briefing.id, actor=current_user)
        except svc.InvitationError as refusal:
            flash(str(refusal), "danger")
        else:
            if sent:
                flash(ngettext("%(num)d reminder will be sent.", "%(num)d reminders will be sent.",
                               sent), "success")
            else:
                flash(_("Nobody to remind: everyone has answered or was reminded in the last "
                        "24 hours."), "info")
    return redirect(url_for(".invitations"))
