"""The invitee's own page: decline an invitation through its personal link (no account needed).

A blueprint of its own (no URL prefix, no sign-in): the organizer's outreach
pages need the organizer role, this one needs only the invitation's token.
"""
import sqlalchemy as sa
from flask import Blueprint, abort, flash, redirect, render_template, url_for
from flask_babel import gettext as _

from ..extensions import db
from ..models import Briefing, BriefingStatus, InvitationStatus
from ..services import invitations as svc
from .forms import ButtonForm

bp = Blueprint("invitee", __name__)


def _invitation(slug: str, token: str):
    briefing = db.session.scalar(sa.select(Briefing).where(Briefing.slug == slug))
    if briefing is None or briefing.status == BriefingStatus.DRAFT:
        abort(404)
    invitation = svc.lookup(briefing.id, token)
    if invitation is None:
        abort(404)
    return briefing, invitation


@bp.route("/b/<slug>/invitation/<token>/decline", methods=["GET", "POST"])
def decline(slug, token):
    """Ask "are you sure?", then record that the invitee will not come."""
    briefing, invitation = _invitation(slug, token)
    form = ButtonForm()
    if invitation.status == InvitationStatus.INVITED and form.validate_on_submit():
        svc.decline(invitation.id)
        flash(_("Thank you for letting us know. We are sorry you cannot join us."), "info")
        return redirect(url_for(".decline", slug=slug, token=token))
    return render_template("outreach/decline.html", briefing=briefing, invitation=invitation,
                           form=form, statuses=InvitationStatus,
                           can_register=briefing.registration_open())
