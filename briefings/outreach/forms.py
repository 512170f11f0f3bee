"""Forms of the outreach pages: one per use case."""
from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from flask_wtf.file import FileField, FileRequired
from wtforms import (
    BooleanField,
    EmailField,
    IntegerField,
    SelectField,
    StringField,
    SubmitField,
    TextAreaField,
)
from wtforms.fields.choices import SelectChoice
from wtforms.validators import DataRequired, Email, Length, NumberRange, Optional, ValidationError

from ..i18n import LANGUAGE_NAMES
from ..labels import choices
from ..models import RegistrationStatus
from ..services.messaging import MAX_LEAD_HOURS, Audience, placeholder_errors
from ..widgets import MultiCheckboxField


def optional_int(value):
    """A select's value as an int; the empty choice as None."""
    if value in ("", None, "None"):
        return None
    return int(value)


class ButtonForm(FlaskForm):
    """Empty: carries the CSRF token of a button that changes something."""


class ImportForm(FlaskForm):
    """A CSV file of invitees."""

    file = FileField(_l("CSV file"), validators=[FileRequired(_l("Choose a CSV file to upload."))])
    submit = SubmitField(_l("Import"))


class InviteForm(FlaskForm):
    """Invite one person."""

    full_name = StringField(_l("Full name"), validators=[DataRequired(), Length(max=200)])
    email = EmailField(_l("Email"), validators=[DataRequired(), Length(max=254),
                                                Email(check_deliverability=False)])
    organization = StringField(_l("Organization"), validators=[Optional(), Length(max=200)])
    stakeholder_group = SelectField(_l("Stakeholder group"), coerce=optional_int,
                                    validate_choice=True)
    language = SelectField(_l("Language of the invitation"))
    send_now = BooleanField(_l("Send the invitation now"), default=True)
    submit = SubmitField(_l("Invite"))

    def __init__(self, *args, groups, lang: str, first_language: str, **kwargs):
        super().__init__(*args, prefix="invite", **kwargs)
        self.stakeholder_group.choices = [SelectChoice("", _l("— not given —"))] + [
            SelectChoice(g.id, g.label(lang)) for g in groups]
        self.language.choices = [SelectChoice("", _l("The briefing's first language (%(name)s)",
                                                     name=LANGUAGE_NAMES.get(first_language,
                                                                             first_language)))]
        self.language.choices += [SelectChoice(code, name) for code, name in LANGUAGE_NAMES.items()]


def _placeholders(form, field):
    errors = placeholder_errors(field.data or "")
    if errors:
        raise ValidationError(errors[0])


class MessageForm(FlaskForm):
    """A message to chosen participants; "preview" shows it, "send" writes it to the outbox."""

    subject = StringField(_l("Subject"), validators=[DataRequired(), Length(max=300),
                                                     _placeholders])
    body = TextAreaField(_l("Message"), validators=[DataRequired(), Length(max=20000),
                                                    _placeholders], render_kw={"rows": 10})
    statuses = MultiCheckboxField(_l("Registrations that are"),
                                  choices=[SelectChoice(value, label) for value, label
                                           in choices(RegistrationStatus)],
                                  default=[RegistrationStatus.CONFIRMED.value])
    group = SelectField(_l("Stakeholder group"), coerce=optional_int)
    session = SelectField(_l("Session"), coerce=optional_int)
    preview = SubmitField(_l("Preview"))
    send = SubmitField(_l("Send"))

    def offer(self, *, groups, sessions, lang: str) -> None:
        """Fill the choices with the briefing's sessions and the stakeholder groups."""
        self.group.choices = [SelectChoice("", _l("All groups"))] + [
            SelectChoice(g.id, g.label(lang)) for g in groups]
        self.session.choices = [SelectChoice("", _l("All sessions"))] + [
            SelectChoice(s.id, s.title) for s in sessions]

    def validate_statuses(self, field):
        if not field.data:
            raise ValidationError(_l("Choose at least one registration status."))

    def audience(self) -> Audience:
        return Audience(statuses=[RegistrationStatus(v) for v in self.statuses.data],
                        group_id=self.group.data, session_id=self.session.data)


class ReminderForm(FlaskForm):
    """How long before the briefing its confirmed registrants are reminded (empty: never)."""

    lead_hours = IntegerField(_l("Hours before the start"), validators=[
        Optional(), NumberRange(min=1, max=MAX_LEAD_HOURS,
                                message=_l("Enter a number of hours from 1 to %(max)d.",
                                           max=MAX_LEAD_HOURS))])
    submit = SubmitField(_l("Save reminder"))
