"""Forms for signing in and out, and for changing one's own password."""
from flask_babel import lazy_gettext as _l
from flask_login import current_user
from flask_wtf import FlaskForm
from wtforms import EmailField, PasswordField, SubmitField
from wtforms.validators import DataRequired, EqualTo, Length, ValidationError

from ..services.accounts import MIN_PASSWORD_LENGTH, check_password


class LoginForm(FlaskForm):
    email = EmailField(_l("Email"), validators=[DataRequired(), Length(max=254)],
                       render_kw={"autocomplete": "username"})
    password = PasswordField(_l("Password"), validators=[DataRequired(), Length(max=200)],
                             render_kw={"autocomplete": "current-password"})
    submit = SubmitField(_l("Sign in"))


class LogoutForm(FlaskForm):
    """Empty: carries the CSRF token of the sign-out button."""


class ChangePasswordForm(FlaskForm):
    """A signed-in user replaces their own password; the current one is asked first."""

    current_password = PasswordField(_l("Current password"), validators=[DataRequired()],
                                     render_kw={"autocomplete": "current-password"})
    new_password = PasswordField(
        _l("New password"),
        validators=[DataRequired(), Length(
            min=MIN_PASSWORD_LENGTH, max=200,
            message=_l("Passwords have at least %(n)d characters.", n=MIN_PASSWORD_LENGTH))],
        render_kw={"autocomplete": "new-password"})
    confirm_password = PasswordField(
        _l("Repeat the new password"),
        validators=[DataRequired(), EqualTo("new_password",
                                            message=_l("The two passwords are not the same."))],
        render_kw={"autocomplete": "new-password"})

    def validate_current_password(self, field) -> None:
        if not check_password(current_user, field.data):
            raise ValidationError(_l("This is not your current password."))
