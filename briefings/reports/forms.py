"""Forms of the reports: target shares, badge sheets, cloning and the forum format template."""
from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import (
    DateField,
    IntegerField,
    RadioField,
    SelectField,
    SelectMultipleField,
    StringField,
    SubmitField,
)
from wtforms.fields.choices import SelectChoice
from wtforms.validators import DataRequired, Length, NumberRange, Optional, ValidationError

from ..i18n import LANGUAGE_NAMES
from ..labels import choices
from ..models import RegistrationStatus, StakeholderGroup
from ..services.briefings import valid_timezone


def as_choices(pairs) -> list[SelectChoice]:
    """(value, label) pairs as select choices."""
    return [SelectChoice(value, label) for value, label in pairs]


class TargetsForm(FlaskForm):
    """A target share (percent) per stakeholder group; the fields are added per group."""

    FIELD_PREFIX = "group_"

    @classmethod
    def for_groups(cls, groups: list[StakeholderGroup], current: dict[int, int], lang: str,
                   **kwargs) -> "TargetsForm":
        """The form with one field per group, filled in from ``current``."""

        class Bound(cls):
            pass

        for group in groups:
            setattr(Bound, f"{cls.FIELD_PREFIX}{group.id}", IntegerField(
                group.label(lang), validators=[Optional(), NumberRange(
                    min=0, max=100, message=_l("Enter a whole percentage from 0 to 100."))],
                render_kw={"min": 0, "max": 100, "inputmode": "numeric"}))
        data = {f"{cls.FIELD_PREFIX}{gid}": value for gid, value in current.items()}
        return Bound(data=data, **kwargs)

    def group_fields(self):
        return [f for f in self if f.name.startswith(self.FIELD_PREFIX)]

    def targets(self) -> dict[int, int | None]:
        """Group id -> percent (None where the field was left empty)."""
        return {int(f.name[len(self.FIELD_PREFIX):]): f.data for f in self.group_fields()}


PAPER_CHOICES = [("a4", _l("A4")), ("letter", _l("US Letter"))]


class _StatusAndGroup:
    def offer(self, groups: list[tuple[int, str]]) -> None:
        """Offer the statuses and the stakeholder groups (id, name)."""
        self.status.choices = as_choices([("", _l("All statuses"))]
                                         + choices(RegistrationStatus))
        self.group.choices = as_choices([("", _l("All groups"))]
                                        + [(str(gid), name) for gid, name in groups])

    def chosen_status(self) -> RegistrationStatus | None:
        """The status chosen; None for all statuses, or for a value that is not offered."""
        ok = self.status.data and not self.status.errors
        return RegistrationStatus(self.status.data) if ok else None

    def chosen_group(self) -> int | None:
        """The group id chosen; None for all groups, or for a value that is not offered."""
        return int(self.group.data) if self.group.data and not self.group.errors else None


class BadgeFilterForm(_StatusAndGroup, FlaskForm):
    """Whose names the badges page lists, from the query string (confirmed people at first)."""

    class Meta:
        csrf = False

    status = SelectField(_l("Status"), validators=[Optional()], default="confirmed")
    group = SelectField(_l("Stakeholder group"), validators=[Optional()])


class BadgeForm(_StatusAndGroup, FlaskForm):
    """Which registrations get a badge, on which paper, with group names in which language."""

    scope = RadioField(_l("Print badges for"), default="filtered", choices=as_choices([
        ("filtered", _l("Everyone matching the filters")),
        ("ticked", _l("Only the people ticked below"))]))
    status = SelectField(_l("Status"), validators=[Optional()])
    group = SelectField(_l("Stakeholder group"), validators=[Optional()])
    ids = SelectMultipleField(_l("People"), coerce=int, validate_choice=False)
    paper = SelectField(_l("Paper"), choices=as_choices(PAPER_CHOICES), default="a4")
    language = SelectField(_l("Stakeholder groups named in"),
                           choices=as_choices(LANGUAGE_NAMES.items()))
    submit = SubmitField(_l("Download badges (PDF)"))

    def validate_ids(self, field):
        if self.scope.data == "ticked" and not field.data:
            raise ValidationError(_l("Tick at least one person, or print for everyone "
                                     "matching the filters."))


class _NewBriefingFields(FlaskForm):
    title = StringField(_l("Title"), validators=[DataRequired(), Length(max=200)])
    slug = StringField(_l("Web address"), validators=[Optional(), Length(max=80)])
    start_date = DateField(_l("First day"), validators=[DataRequired(
        message=_l("Enter the first day as a date."))])


class CloneForm(_NewBriefingFields):
    """A copy of a briefing's programme and settings, moved to a new first day."""

    submit = SubmitField(_l("Create the copy"))


class ForumTemplateForm(_NewBriefingFields):
    """A new briefing laid out like the forum: opening, hearing, round tables, debate, plenary."""

    timezone = SelectField(_l("Timezone"), validators=[DataRequired()])
    days = RadioField(_l("Length"), default="2", choices=as_choices([
        ("1", _l("One day, round tables in parallel")),
        ("2", _l("Two days"))]))
    submit = SubmitField(_l("Create the briefing"))

    def __init__(self, *args, zones: list[SelectChoice], **kwargs):
        super().__init__(*args, **kwargs)
        self.timezone.choices = zones

    def validate_timezone(self, field):
        if not valid_timezone(field.data or ""):
            raise ValidationError(_l("Choose a timezone from the list."))
