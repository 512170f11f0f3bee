"""Forms of the secretariat's pages: one per use case."""
from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import HiddenField, IntegerField, RadioField, SelectField, StringField, SubmitField, TextAreaField
from wtforms.fields.choices import SelectChoice
from wtforms.validators import DataRequired, InputRequired, Length, NumberRange, Optional, ValidationError

from ..i18n import current_language
from ..routing import whole_number
from ..services.groups import group_choices
from ..services.minutes import MAX_BODY
from ..services.speakers import Ordering, SpeakerData
from .display import ORDERING_LABELS

RANK_HELP = _l("Optional. Lower speaks first when the list is ordered by protocol, "
               "e.g. 1 for ministers, 2 for ambassadors; empty for everyone else.")


def _rank_field():
    return IntegerField(_l("Protocol rank"), validators=[Optional(), NumberRange(min=0, max=999)])


def as_choices(pairs) -> list[SelectChoice]:
    """(value, label) pairs as select choices."""
    return [SelectChoice(value, label) for value, label in pairs]


def _none_or_int(value):
    return int(value) if value not in (None, "", "None") else None


class ButtonForm(FlaskForm):
    """A button that changes something: only the CSRF token travels."""


class AddRegistrantForm(FlaskForm):
    """Put a confirmed registrant on the speakers list."""

    registration = SelectField(_l("Registered participant"), coerce=_none_or_int,
                               validators=[InputRequired(_l("Choose a participant."))])
    protocol_rank = _rank_field()

    def offer(self, registrants) -> None:
        """Offer the briefing's confirmed registrants: name and organization."""
        self.registration.choices = as_choices([("", _l("Choose a participant…"))] + [
            (r.id, f"{r.full_name} — {r.organization}" if r.organization else r.full_name)
            for r in registrants])

    def validate_registration(self, field):
        if field.data is None:
            raise ValidationError(_l("Choose a participant."))


class _SpeakerFields(FlaskForm):
    name = StringField(_l("Name"), validators=[DataRequired(_l("Enter the speaker's name.")),
                                               Length(max=200)])
    organization = StringField(_l("Organization"), validators=[Optional(), Length(max=200)])
    group = SelectField(_l("Stakeholder group"), coerce=_none_or_int, validators=[Optional()])
    protocol_rank = _rank_field()

    def offer(self, current_group_id: int | None = None) -> None:
        """Offer the active stakeholder groups (and the entry's own, if since deactivated)."""
        self.group.choices = as_choices([("", _l("— None —"))]
                                        + group_choices(current_language(), current_group_id))

    def speaker(self) -> SpeakerData:
        """The speaker as the service takes it."""
        return SpeakerData(name=self.name.data or "", organization=self.organization.data or "",
                           stakeholder_group_id=self.group.data,
                           protocol_rank=self.protocol_rank.data)


class AddSpeakerForm(_SpeakerFields):
    """Put someone on the speakers list by name, organization and stakeholder group."""


class InterventionForm(_SpeakerFields):
    """Correct a speaker's entry and write the summary of what they said."""

    summary = TextAreaField(_l("Summary of the intervention"),
                            validators=[Optional(), Length(max=4000)])


class OrderingForm(FlaskForm):
    """Choose how the waiting speakers are ordered, and sort them so."""

    mode = RadioField(_l("Order of the waiting speakers"),
                      choices=as_choices((mode.value, label)
                                         for mode, label in ORDERING_LABELS.items()),
                      validators=[InputRequired()])

    def ordering(self) -> Ordering:
        return Ordering(self.mode.data)


class MinutesForm(FlaskForm):
    """Write the minutes; ``version`` is the version this text was based on."""

    body = TextAreaField(_l("Minutes (Markdown)"), validators=[Optional(), Length(max=MAX_BODY)])
    rapporteur = SelectField(_l("Rapporteur"), coerce=_none_or_int, validators=[Optional()])
    note = StringField(_l("What changed (optional)"), validators=[Optional(), Length(max=300)])
    version = HiddenField(validators=[InputRequired()])
    preview = SubmitField(_l("Preview"))
    save = SubmitField(_l("Save"))

    def offer(self, users) -> None:
        """Offer the briefing's organizers and secretariat as rapporteur."""
        self.rapporteur.choices = as_choices([("", _l("— Not named —"))]
                                             + [(u.id, u.name) for u in users])

    def validate_version(self, field):
        try:
            number = int(field.data)
        except (TypeError, ValueError):
            raise ValidationError(_l("The form lost track of the version it was based on. "
                                     "Copy your text, reload the page and try again.")) from None
        if number < 0:
            raise ValidationError(_l("The form lost track of the version it was based on."))

    def base_version(self) -> int:
        return int(self.version.data)


class RestoreForm(FlaskForm):
    """Restore an old revision; ``version`` is the latest version the user saw."""

    version = HiddenField(validators=[InputRequired()])

    def validate_version(self, field):
        if whole_number(field.data) is None:
            raise ValidationError(_l("The form lost track of the current version."))


class CompareForm(FlaskForm):
    """Which two revisions to compare, from the query string."""

    class Meta:
        csrf = False

    from_ = SelectField(_l("From version"), coerce=_none_or_int, validators=[InputRequired()],
                        name="from")
    to = SelectField(_l("To version"), coerce=_none_or_int, validators=[InputRequired()])

    def offer(self, versions: list[int]) -> None:
        """Offer the saved versions, newest first."""
        self.from_.choices = as_choices((v, str(v)) for v in versions)
        self.to.choices = as_choices((v, str(v)) for v in versions)


class PreviewForm(FlaskForm):
    """The text to preview (the edit form's body, sent by the page's script)."""

    body = TextAreaField(validators=[Optional(), Length(max=MAX_BODY)])
