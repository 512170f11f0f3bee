"""The briefing's team: who organizes it and who keeps its records (the secretariat).

Organizers give an existing staff account a role here, or take it away; accounts
themselves are made by an administrator. A briefing always keeps an organizer.
"""
import sqlalchemy as sa
from flask import abort, flash, g, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_login import current_user
from sqlalchemy.orm import joinedload

from ..extensions import db
from ..models import Membership, Role, User
from ..services import accounts
from . import bp
from .forms import ButtonForm, TeamMemberForm

LAST_ORGANIZER = _l("A briefing keeps at least one organizer: give someone else the organizer "
                    "role first.")


def _members() -> list[Membership]:
    return list(db.session.scalars(
        sa.select(Membership).join(Membership.user).options(joinedload(Membership.user))
        .where(Membership.briefing_id == g.briefing.id)
        .order_by(Membership.role, sa.func.lower(User.name), User.id)))


def _organizer_count() -> int:
    return db.session.scalar(sa.select(sa.func.count(Membership.id)).where(
        Membership.briefing_id == g.briefing.id, Membership.role == Role.ORGANIZER))


def _membership_of(user: User) -> Membership | None:
    return db.session.scalar(sa.select(Membership).where(
        Membership.briefing_id == g.briefing.id, Membership.user_id == user.id))


@bp.route("/<slug>/team", methods=["GET", "POST"])
def team(slug):
    """The team with its roles, and a form to give an account a role."""
    form = TeamMemberForm()
    if form.validate_on_submit():
        user = db.session.scalar(sa.select(User).where(
            User.email == accounts.normalize_email(form.email.data), User.active.is_(True)))
        role = Role(form.role.data)
        current = _membership_of(user) if user else None
        if user is None:
            form.email.errors.append(_("No active staff account uses this e-mail address. An "
                                       "administrator of the site creates accounts."))
        elif (current is not None and current.role == Role.ORGANIZER and role != Role.ORGANIZER
              and _organizer_count() == 1):
            form.role.errors.append(LAST_ORGANIZER)
        else:
            accounts.add_membership(user, g.briefing, role, actor=current_user)
            flash(_("The role is saved."), "success")
            return redirect(url_for(".team", slug=slug))
    return render_template("organizer/team.html", briefing=g.briefing, members=_members(),
                           form=form)


@bp.route("/<slug>/team/<int:membership_id>/remove", methods=["POST"])
def remove_member(slug, membership_id):
    """Take a team member's role in this briefing away."""
    membership = db.session.scalar(sa.select(Membership).where(
        Membership.id == membership_id, Membership.briefing_id == g.briefing.id))
    if membership is None:
        abort(404)
    if ButtonForm().validate_on_submit():
        if membership.role == Role.ORGANIZER and _organizer_count() == 1:
            flash(LAST_ORGANIZER, "danger")
        else:
            accounts.remove_membership(membership, actor=current_user)
            flash(_("The role is removed."), "success")
    return redirect(url_for(".team", slug=slug))
