"""The registration form, used to register and to change a registration."""
from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import (
    BooleanField,
    EmailField,
    SelectField,
    SelectMultipleField,
    StringField,
    SubmitField,
    TextAreaField,
)
from wtforms.fields.choices import SelectChoice
from wtforms.validators import (
    DataRequired,
    Email,
    InputRequired,
    Length,
    Optional,
    ValidationError,
)
from wtforms.widgets import CheckboxInput, ListWidget

from ..countries import country_choices
from ..models import Gender

LANGUAGE_CHOICES = [SelectChoice("en", "English"), SelectChoice("fr", "Français"),
                    SelectChoice("ar", "العربية")]


class MultiCheckboxField(SelectMultipleField):
    """A group of checkboxes (rendered as a fieldset with a legend)."""

    widget = ListWidget(prefix_label=False)
    option_widget = CheckboxInput()


def _no_control_characters(form, field):
    if field.data and any(ord(ch) < 32 and ch not in "\n\r\t" for ch in field.data):
        raise ValidationError(_l("Please remove the invisible control characters."))


class RegistrationForm(FlaskForm):
    full_name = StringField(_l("Full name"), validators=[DataRequired(), Length(max=200),
                                                         _no_control_characters])
    email = EmailField(_l("Email"), validators=[
        DataRequired(), Length(max=254), Email(check_deliverability=False)])
    organization = StringField(_l("Organization"), validators=[DataRequired(), Length(max=200),
                                                               _no_control_characters])
    position = StringField(_l("Position"), validators=[Optional(), Length(max=200),
                                                       _no_control_characters])
    stakeholder_group = SelectField(_l("Stakeholder group"), coerce=int,
                                    validators=[InputRequired()])
    country = SelectField(_l("Country"), validators=[DataRequired()])
    gender = SelectField(_l("Gender (optional)"), validators=[Optional()])
    language = SelectField(_l("Preferred language"), choices=LANGUAGE_CHOICES,
                           validators=[DataRequired()])
    accessibility_needs = TextAreaField(_l("Accessibility needs"), validators=[
        Optional(), Length(max=2000), _no_control_characters])
    sessions = MultiCheckboxField(_l("Sessions"), coerce=int)
    list_consent = BooleanField(_l("Show my name on the participant list"))
    submit = SubmitField(_l("Register"))

    def set_choices(self, groups, sessions, session_labels, language: str) -> None:
        """Fill the select fields for a briefing, with names in ``language``."""
        self.stakeholder_group.choices = [SelectChoice(-1, _l("Choose…"))] + [
            SelectChoice(g.id, g.label(language)) for g in groups]
        self.country.choices = [SelectChoice("", _l("Choose…"))] + [
            SelectChoice(code, name) for code, name in country_choices(language)]
        self.gender.choices = [
            SelectChoice("", _l("Prefer not to say")),
            SelectChoice(Gender.WOMAN.value, _l("Woman")),
            SelectChoice(Gender.MAN.value, _l("Man")),
            SelectChoice(Gender.NON_BINARY.value, _l("Non-binary")),
        ]
        self.sessions.choices = [SelectChoice(s.id, session_labels[s.id]) for s in sessions]

    def validate_stakeholder_group(self, field):
        if field.data == -1:
            raise ValidationError(_l("Please choose the stakeholder group you belong to."))


class ChangeForm(RegistrationForm):
    submit = SubmitField(_l("Save changes"))


class CancelForm(FlaskForm):
    """Empty: the confirmation button of a cancellation."""
