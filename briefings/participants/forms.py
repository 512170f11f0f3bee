"""Forms of the participants' pages: one per use case."""
from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from flask_wtf.file import FileField, FileRequired
from wtforms import HiddenField, IntegerField, SelectField, SelectMultipleField, StringField
from wtforms.fields.choices import SelectChoice
from wtforms.validators import AnyOf, DataRequired, Length, NumberRange, Optional, ValidationError

from ..labels import choices
from ..models import AttendanceMode, RegistrationStatus
from ..services.registration_actions import ACTIONS
from ..widgets import OptionList
from .queries import DEFAULT_SORT, Filters

ACTION_LABELS = {
    "approve": _l("Approve"),
    "promote": _l("Promote from the waiting list"),
    "decline": _l("Decline"),
    "cancel": _l("Cancel registration"),
}

SORT_LABELS = {
    "name": _l("Name"),
    "organization": _l("Organization"),
    "group": _l("Stakeholder group"),
    "country": _l("Country"),
    "status": _l("Status"),
    "registered": _l("Registered at"),
}


def as_choices(pairs) -> list[SelectChoice]:
    """(value, label) pairs as select choices."""
    return [SelectChoice(value, label) for value, label in pairs]


class FilterForm(FlaskForm):
    """The list's filters, read from the query string: a value that is not offered is ignored."""

    class Meta:
        csrf = False

    q = StringField(_l("Search"), validators=[Optional(), Length(max=200)])
    status = SelectField(_l("Status"), validators=[Optional()], widget=OptionList())
    group = SelectField(_l("Stakeholder group"), validators=[Optional()],
                        widget=OptionList())
    country = SelectField(_l("Country"), validators=[Optional()], widget=OptionList())
    session = SelectField(_l("Session"), validators=[Optional()], widget=OptionList())
    mode = SelectField(_l("Attending"), validators=[Optional()], widget=OptionList(),
                       choices=as_choices([("", _l("In the room or online")),
                                           *choices(AttendanceMode)]))
    sort = SelectField(_l("Sort by"), validators=[Optional()], widget=OptionList(),
                       choices=as_choices(SORT_LABELS.items()), default=DEFAULT_SORT)
    order = SelectField(_l("Order"), validators=[Optional()], default="asc", widget=OptionList(),
                        choices=as_choices([("asc", _l("Ascending")),
                                            ("desc", _l("Descending"))]))

    def offer(self, *, groups, countries, sessions) -> None:
        """Fill the choices with what this briefing has."""
        self.status.choices = as_choices([("", _l("All statuses"))] + choices(RegistrationStatus))
        self.group.choices = as_choices([("", _l("All groups"))]
                                        + [(str(g.id), name) for g, name in groups])
        self.country.choices = as_choices([("", _l("All countries"))] + countries)
        self.session.choices = as_choices([("", _l("All sessions"))]
                                          + [(str(s.id), s.title) for s in sessions])

    def filters(self) -> Filters:
        """The valid filters; a field that failed validation counts as not set."""
        self.validate()

        def value(f):
            return f.data if f.data and not f.errors else None

        return Filters(
            status=RegistrationStatus(value(self.status)) if value(self.status) else None,
            group_id=int(value(self.group)) if value(self.group) else None,
            country=value(self.country),
            session_id=int(value(self.session)) if value(self.session) else None,
            mode=AttendanceMode(value(self.mode)) if value(self.mode) else None,
            text=value(self.q) or "",
            sort=value(self.sort) or DEFAULT_SORT,
            descending=value(self.order) == "desc",
        )


class BulkActionForm(FlaskForm):
    """One action applied to the registrations ticked on the list."""

    ids = SelectMultipleField(_l("Registrations"), coerce=int, validate_choice=False)
    action = SelectField(_l("Action"), choices=as_choices(ACTION_LABELS.items()),
                         validators=[DataRequired()])
    reason = StringField(_l("Reason (kept in the history)"),
                         validators=[Optional(), Length(max=300)])
    back = HiddenField()

    def validate_ids(self, field):
        if not field.data:
            raise ValidationError(_l("Select at least one registration."))


class StatusActionForm(FlaskForm):
    """Approve, promote, decline or cancel one registration; the button pressed names the action."""

    action = StringField(validators=[DataRequired(), AnyOf(list(ACTIONS))])
    reason = StringField(_l("Reason (kept in the history)"),
                         validators=[Optional(), Length(max=300)])


class CapacityForm(FlaskForm):
    """The briefing's capacity; empty means no limit."""

    capacity = IntegerField(_l("Capacity"), validators=[
        Optional(), NumberRange(min=0, max=1_000_000,
                                message=_l("Enter a whole number of seats, 0 or more."))])


class ButtonForm(FlaskForm):
    """Empty: carries the CSRF token of a button that changes something."""


class CheckInForm(FlaskForm):
    """The desk's one field: a scanned or typed ticket code, or part of a name."""

    query = StringField(_l("Ticket code or name"), validators=[
        DataRequired(message=_l("Scan or type a ticket code, or type a name.")),
        Length(max=200)])


class OnlineAttendanceForm(FlaskForm):
    """A videoconference attendance report, for the whole briefing or one session."""

    file = FileField(_l("Attendance report (CSV)"),
                     validators=[FileRequired(_l("Choose the attendance report to upload."))])
    session = SelectField(_l("Record attendance at"), coerce=str, validators=[Optional()])

    def offer(self, sessions) -> None:
        """Offer the briefing's sessions (rows of id and title) besides the whole briefing."""
        self.session.choices = as_choices([("", _l("The briefing (check-in only)"))]
                                          + [(str(s.id), s.title) for s in sessions])

    def session_id(self) -> int | None:
        return int(self.session.data) if self.session.data else None
