"""The organizer's page for a briefing's personal API tokens: make one, see them, revoke one.

Registered as its own blueprint (``api_tokens``) under /manage/<slug>, so it
keeps the session cookie and CSRF protection of the other management pages.
Every route needs Perm.MANAGE_BRIEFING in the briefing. Organizers see all
of the briefing's tokens and may revoke any (a colleague may have left); a
token acts as the organizer who made it.
"""
from datetime import timedelta

from flask import Blueprint, abort, flash, g, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_login import current_user
from flask_wtf import FlaskForm
from wtforms import SelectField, StringField, SubmitField
from wtforms.fields.choices import SelectChoice
from wtforms.validators import DataRequired, Length

from ..extensions import db, login_manager
from ..models import ApiScope, Briefing, utcnow
from ..permissions import Perm, require
from ..services import api_tokens
from ..widgets import MultiCheckboxField

bp = Blueprint("api_tokens", __name__)

SCOPE_LABELS = {
    ApiScope.READ_REGISTRATIONS: _l("Read registrations (names, e-mail addresses, status)"),
    ApiScope.WRITE_REGISTRATIONS: _l("Register people"),
    ApiScope.CHECK_IN: _l("Check people in by ticket code"),
}
LIFETIMES = {"30": 30, "90": 90, "365": 365, "never": None}


class TokenForm(FlaskForm):
    name = StringField(_l("Name"), validators=[DataRequired(), Length(max=api_tokens.MAX_NAME)],
                       description=_l("What the token is for, e.g. \"Badge printer\"."))
    scopes = MultiCheckboxField(_l("Permissions"), choices=[
        SelectChoice(scope.value, label) for scope, label in SCOPE_LABELS.items()],
        validators=[DataRequired(_l("Choose at least one permission."))])
    lifetime = SelectField(_l("Expires"), default="90", choices=[
        SelectChoice("30", _l("In 30 days")), SelectChoice("90", _l("In 90 days")),
        SelectChoice("365", _l("In a year")), SelectChoice("never", _l("Never"))])
    submit = SubmitField(_l("Create token"))


@bp.before_request
def _authorize():
    if not current_user.is_authenticated:
        return login_manager.unauthorized()
    slug = (request.view_args or {}).get("slug")
    g.briefing = db.first_or_404(db.select(Briefing).where(Briefing.slug == slug))
    require(Perm.MANAGE_BRIEFING, g.briefing)
    return None


def _page(form: TokenForm, new_token=None, status: int = 200):
    return render_template(
        "api/tokens.html", briefing=g.briefing, form=form, new_token=new_token,
        tokens=api_tokens.tokens_of(g.briefing.id), now=utcnow(),
        scope_labels=SCOPE_LABELS), status


@bp.route("/api-tokens", methods=["GET", "POST"])
def index(slug: str):
    """The briefing's tokens, and the form that makes one (its secret is shown once)."""
    form = TokenForm()
    if not form.validate_on_submit():
        return _page(form, status=422 if form.is_submitted() else 200)
    days = LIFETIMES.get(form.lifetime.data)
    expires_at = utcnow() + timedelta(days=days) if days else None
    try:
        made = api_tokens.create_token(
            g.briefing, current_user, name=form.name.data,
            scopes={ApiScope(value) for value in form.scopes.data}, expires_at=expires_at)
    except api_tokens.TokenError as error:
        form.name.errors.append(str(error))
        return _page(form, status=422)
    body, status = _page(TokenForm(formdata=None), new_token=made)
    # The secret is on this page only: no cache may keep it.
    return body, status, {"Cache-Control": "no-store"}


@bp.route("/api-tokens/<int:token_id>/revoke", methods=["POST"])
def revoke(slug: str, token_id: int):
    """Revoke a token of this briefing: it stops working at once (CSRF checked app-wide)."""
    token = api_tokens.token_of(g.briefing.id, token_id) if token_id <= 2**31 - 1 else None
    if token is None:
        abort(404)
    if api_tokens.revoke_token(token, actor=current_user):
        flash(_("The token “%(name)s” is revoked.", name=token.name), "success")
    return redirect(url_for(".index", slug=g.briefing.slug))
