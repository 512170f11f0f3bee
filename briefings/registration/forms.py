"""The registration form, used to register and to change a registration."""
from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import (
    BooleanField,
    EmailField,
    RadioField,
    SelectField,
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

from ..countries import country_choices
from ..models import AttendanceMode, Gender, SessionFormat
from ..services.hybrid import only_mode
from ..widgets import MultiCheckboxField, OptionList

LANGUAGE_CHOICES = [SelectChoice("en", "English"), SelectChoice("fr", "Français"),
                    SelectChoice("ar", "العربية")]


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
    # A few hundred countries: written by the one-step option writer.
    country = SelectField(_l("Country"), validators=[DataRequired()], widget=OptionList())
    gender = SelectField(_l("Gender (optional)"), validators=[Optional()])
    language = SelectField(_l("Preferred language"), choices=LANGUAGE_CHOICES,
                           validators=[DataRequired()])
    accessibility_needs = TextAreaField(_l("Accessibility needs"), validators=[
        Optional(), Length(max=2000), _no_control_characters])
    attendance_mode = RadioField(_l("How will you attend?"), validators=[InputRequired(
        message=_l("Choose how you will attend: in the room or online."))])
    sessions = MultiCheckboxField(_l("Sessions"), coerce=int)
    list_consent = BooleanField(_l("Show my name on the participant list"))
    submit = SubmitField(_l("Register"))

    def set_choices(self, groups, sessions, session_labels, language: str, *,
                    fmt: SessionFormat = SessionFormat.IN_PERSON,
                    full_modes: tuple = ()) -> None:
        """Fill the select fields for a briefing, with names in ``language``.

        The attendance question is asked only where the briefing is hybrid
        (elsewhere the briefing decides); a mode in ``full_modes`` says that
        choosing it means the waiting list.
        """
        self._session_formats = {s.id: s.format for s in sessions}
        self._session_titles = {s.id: s.title for s in sessions}
        self._fixed_mode = only_mode(fmt)
        if fmt != SessionFormat.HYBRID:
            del self["attendance_mode"]
        else:
            labels = {AttendanceMode.IN_PERSON: _l("In the room"),
                      AttendanceMode.ONLINE: _l("Online, through the meeting link")}
            self.attendance_mode.choices = [
                SelectChoice(mode.value, _l("%(mode)s (full: waiting list)", mode=labels[mode])
                             if mode in full_modes else labels[mode])
                for mode in AttendanceMode]
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

    def validate_sessions(self, field):
        mode = self.attendance_mode.data if self.attendance_mode else self._fixed_mode
        if mode != AttendanceMode.ONLINE:
            return
        for session_id in field.data or []:
            if self._session_formats.get(session_id) == SessionFormat.IN_PERSON:
                raise ValidationError(_l("“%(title)s” is held in the room only: attending "
                                         "online, you cannot choose it.",
                                         title=self._session_titles[session_id]))


class ChangeForm(RegistrationForm):
    submit = SubmitField(_l("Save changes"))


class CancelForm(FlaskForm):
    """Empty: the confirmation button of a cancellation."""
