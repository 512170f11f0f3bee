"""Sign-in (with a fresh session), sign-out by POST, and changing one's own password."""
from urllib.parse import urlsplit

from flask import flash, redirect, render_template, request, session, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required, login_user, logout_user

from ..services import accounts
from . import bp
from .forms import ChangePasswordForm, LoginForm, LogoutForm


def _safe_next(target: str | None) -> str:
    """Only local paths are followed after sign-in, never another site."""
    if target:
        parts = urlsplit(target)
        if not parts.scheme and not parts.netloc and target.startswith("/") \
                and not target.startswith("//") and "\\" not in target:
            return target
    return url_for("organizer.index")


@bp.route("/login", methods=["GET", "POST"])
def login():
    """Sign a staff member in; the same message whether the e-mail or the password is wrong."""
    if current_user.is_authenticated:
        return redirect(_safe_next(request.args.get("next")))
    form = LoginForm()
    if form.validate_on_submit():
        user = accounts.authenticate(form.email.data, form.password.data)
        if user is None:
            form.password.errors.append(_("Email or password is not right."))
        else:
            session.clear()  # a new session on sign-in: nothing carried over
            login_user(user)
            accounts.record_login(user)
            return redirect(_safe_next(request.args.get("next")))
    return render_template("auth/login.html", form=form)


@bp.route("/logout", methods=["POST"])
def logout():
    """Sign out and forget everything the session held."""
    form = LogoutForm()
    if form.validate_on_submit():
        logout_user()
        session.clear()
        flash(_("You are signed out."), "info")
    return redirect(url_for("public.index"))


@bp.route("/account/password", methods=["GET", "POST"])
@login_required
def change_password():
    """Let a signed-in user replace their password; their other sessions end, this one stays."""
    form = ChangePasswordForm()
    if form.validate_on_submit():
        user = current_user._get_current_object()
        accounts.set_password(user, form.new_password.data, actor=user)
        session.clear()
        login_user(user)  # the cookie now carries the new session version
        flash(_("Your password is changed. Other devices are signed out."), "success")
        return redirect(url_for("organizer.index"))
    return render_template("auth/change_password.html", form=form,
                           min_length=accounts.MIN_PASSWORD_LENGTH)
