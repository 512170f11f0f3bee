"""Forms of the administration: accounts, memberships and stakeholder groups."""
from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import (
    BooleanField,
    EmailField,
    IntegerField,
    PasswordField,
    SelectChoice,
    SelectField,
    StringField,
)
from wtforms.fields import ColorField
from wtforms.validators import (
    DataRequired,
    Email,
    EqualTo,
    InputRequired,
    Length,
    NumberRange,
    Optional,
    Regexp,
    ValidationError,
)

from ..labels import choices
from ..models import Role
from ..services import accounts, groups


def _password_length():
    return Length(min=accounts.MIN_PASSWORD_LENGTH, max=200,
                  message=_l("Passwords have at least %(n)d characters.",
                             n=accounts.MIN_PASSWORD_LENGTH))


def _same_as(other: str):
    return EqualTo(other, message=_l("The two passwords are not the same."))


class ButtonForm(FlaskForm):
    """Empty: carries the CSRF token of a one-button POST."""


class NewUserForm(FlaskForm):
    """An admin opens a staff account with an initial password."""

    email = EmailField(_l("Email"), validators=[
        DataRequired(), Length(max=254),
        Email(message=_l("Enter an email address like name@example.org."))],
        render_kw={"autocomplete": "off"})
    name = StringField(_l("Name"), validators=[DataRequired(), Length(max=200)],
                       render_kw={"autocomplete": "off"})
    is_admin = BooleanField(_l("Administrator"))
    password = PasswordField(_l("Initial password"), validators=[DataRequired(), _password_length()],
                             render_kw={"autocomplete": "new-password"})
    confirm_password = PasswordField(_l("Repeat the password"),
                                     validators=[DataRequired(), _same_as("password")],
                                     render_kw={"autocomplete": "new-password"})

    def validate_email(self, field) -> None:
        if accounts.email_taken(field.data):
            raise ValidationError(_l("An account with this email already exists."))


class EditUserForm(FlaskForm):
    """Name, admin right and active flag of an account."""

    name = StringField(_l("Name"), validators=[DataRequired(), Length(max=200)])
    is_admin = BooleanField(_l("Administrator"))
    active = BooleanField(_l("Active: may sign in"))

    def __init__(self, *args, editing_self: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        self.editing_self = editing_self

    def validate_is_admin(self, field) -> None:
        if self.editing_self and not field.data:
            raise ValidationError(_l("You cannot remove your own admin right."))

    def validate_active(self, field) -> None:
        if self.editing_self and not field.data:
            raise ValidationError(_l("You cannot deactivate your own account."))


class SetPasswordForm(FlaskForm):
    """An admin sets a new password for an account, ending its other sessions."""

    new_password = PasswordField(_l("New password"), validators=[DataRequired(), _password_length()],
                                 render_kw={"autocomplete": "new-password"})
    confirm_password = PasswordField(_l("Repeat the new password"),
                                     validators=[DataRequired(), _same_as("new_password")],
                                     render_kw={"autocomplete": "new-password"})


class MembershipForm(FlaskForm):
    """Give an account a role in a briefing; the view fills in the briefing choices."""

    briefing_id = SelectField(_l("Briefing"), coerce=int, validators=[InputRequired()],
                              validate_choice=True)
    role = SelectField(_l("Role"), choices=[SelectChoice(v, label) for v, label in choices(Role)],
                       default=Role.ORGANIZER.value)


class GroupForm(FlaskForm):
    """Names, colour and place in the list of a stakeholder group (the code is not editable)."""

    name = StringField(_l("Name in English"), validators=[DataRequired(), Length(max=120)],
                       render_kw={"lang": "en", "dir": "ltr"})
    name_fr = StringField(_l("Name in French"), validators=[Optional(), Length(max=120)],
                          render_kw={"lang": "fr", "dir": "ltr"})
    name_ar = StringField(_l("Name in Arabic"), validators=[Optional(), Length(max=120)],
                          render_kw={"lang": "ar", "dir": "rtl"})
    color = ColorField(_l("Colour"), default="#6c757d", validators=[
        DataRequired(), Regexp(groups.COLOR_PATTERN.pattern,
                               message=_l("Give the colour as # followed by six hexadecimal digits."))])
    position = IntegerField(_l("Order"), validators=[
        InputRequired(message=_l("Give a number: lower numbers come first.")),
        NumberRange(min=0, max=9999)])

    def __init__(self, *args, group_id: int | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        self.group_id = group_id

    def validate_name(self, field) -> None:
        if groups.name_taken(field.data, exclude_id=self.group_id):
            raise ValidationError(_l("A group with this name already exists."))


class NewGroupForm(GroupForm):
    """As GroupForm; an empty order puts the new group at the end of the list."""

    position = IntegerField(_l("Order"), validators=[Optional(), NumberRange(min=0, max=9999)])
