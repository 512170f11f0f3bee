"""Admin routes for staff accounts and their memberships."""
import sqlalchemy as sa
from flask import flash, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_user
from sqlalchemy.orm import selectinload
from wtforms import SelectChoice

from ..extensions import db
from ..labels import enum_label
from ..models import Briefing, Membership, Role, User
from ..services import accounts
from . import bp
from .forms import ButtonForm, EditUserForm, MembershipForm, NewUserForm, SetPasswordForm


def attach_error(form, error, rename: dict[str, str] | None = None) -> None:
    """Show a service's refusal next to the field it concerns (or above the form)."""
    name = (rename or {}).get(error.field, error.field)
    if name and name in form:
        form[name].errors = [*form[name].errors, str(error)]
    else:
        form.form_errors.append(str(error))


def _load_user(user_id: int) -> User:
    return db.get_or_404(User, user_id)


def _briefing_choices() -> list[SelectChoice]:
    briefings = db.session.scalars(sa.select(Briefing).order_by(Briefing.starts_at.desc()))
    return [SelectChoice(b.id, f"{b.title} ({enum_label(b.status)})") for b in briefings]


def _user_page(user: User, *, details=None, password=None, membership=None):
    """The account page with its three forms; the one that failed keeps its input and errors."""
    if details is None:
        details = EditUserForm(obj=user, editing_self=user.id == current_user.id, formdata=None)
    if membership is None:
        membership = MembershipForm(formdata=None)
        membership.briefing_id.choices = _briefing_choices()
    memberships = db.session.scalars(
        sa.select(Membership).where(Membership.user_id == user.id)
        .options(selectinload(Membership.briefing)).join(Membership.briefing)
        .order_by(Briefing.starts_at.desc())).all()
    return render_template(
        "admin/user.html", user=user, details=details, memberships=memberships,
        password=password or SetPasswordForm(formdata=None), membership=membership,
        button=ButtonForm(), min_length=accounts.MIN_PASSWORD_LENGTH)


@bp.route("/")
def index():
    """The administration starts with the accounts."""
    return redirect(url_for("admin.users"))


@bp.route("/users")
def users():
    """Every staff account with its roles, in name order."""
    rows = db.session.scalars(
        sa.select(User).options(selectinload(User.memberships).selectinload(Membership.briefing))
        .order_by(sa.func.lower(User.name), User.id)).all()
    return render_template("admin/users.html", users=rows)


@bp.route("/users/new", methods=["GET", "POST"])
def new_user():
    """Open a staff account with an initial password."""
    form = NewUserForm()
    if form.validate_on_submit():
        try:
            user = accounts.create_user(form.email.data, form.name.data, form.password.data,
                                        is_admin=form.is_admin.data, actor=current_user)
        except accounts.AccountError as error:
            attach_error(form, error)
        else:
            flash(_("The account is created. Give its owner the initial password "
                    "by a channel other than e-mail."), "success")
            return redirect(url_for("admin.user", user_id=user.id))
    return render_template("admin/user_new.html", form=form,
                           min_length=accounts.MIN_PASSWORD_LENGTH)


@bp.route("/users/<int:user_id>", methods=["GET", "POST"])
def user(user_id: int):
    """An account's page; POST saves its name, admin right and active flag."""
    user = _load_user(user_id)
    form = EditUserForm(obj=user, editing_self=user.id == current_user.id)
    if form.validate_on_submit():
        try:
            accounts.update_user(user, name=form.name.data, is_admin=form.is_admin.data,
                                 active=form.active.data, actor=current_user)
        except accounts.AccountError as error:
            attach_error(form, error)
        else:
            flash(_("The account is saved."), "success")
            return redirect(url_for("admin.user", user_id=user.id))
    return _user_page(user, details=form)


@bp.route("/users/<int:user_id>/password", methods=["POST"])
def user_password(user_id: int):
    """Set a new password for an account; every other session of it ends."""
    user = _load_user(user_id)
    form = SetPasswordForm()
    if form.validate_on_submit():
        try:
            accounts.set_password(user, form.new_password.data, actor=current_user)
        except accounts.AccountError as error:
            attach_error(form, error, {"password": "new_password"})  # nosec B105: field names
        else:
            if user.id == current_user.id:
                login_user(user)  # keep this session: its cookie needs the new version
            flash(_("The new password is set; the account's open sessions have ended."),
                  "success")
            return redirect(url_for("admin.user", user_id=user.id))
    return _user_page(user, password=form)


@bp.route("/users/<int:user_id>/memberships", methods=["POST"])
def add_membership(user_id: int):
    """Give the account a role in a briefing (replacing the role it had there)."""
    user = _load_user(user_id)
    form = MembershipForm()
    form.briefing_id.choices = _briefing_choices()
    if form.validate_on_submit():
        briefing = db.session.get(Briefing, form.briefing_id.data)
        accounts.add_membership(user, briefing, Role(form.role.data), actor=current_user)
        flash(_("The role is saved."), "success")
        return redirect(url_for("admin.user", user_id=user.id) + "#memberships")
    return _user_page(user, membership=form)


@bp.route("/users/<int:user_id>/memberships/<int:membership_id>/remove", methods=["POST"])
def remove_membership(user_id: int, membership_id: int):
    """Take away the account's role in one briefing."""
    membership = db.session.scalar(sa.select(Membership).where(
        Membership.id == membership_id, Membership.user_id == user_id))
    if membership is None:
        return redirect(url_for("admin.user", user_id=_load_user(user_id).id))
    if ButtonForm().validate_on_submit():
        accounts.remove_membership(membership, actor=current_user)
        flash(_("The role is removed."), "success")
    return redirect(url_for("admin.user", user_id=user_id) + "#memberships")
