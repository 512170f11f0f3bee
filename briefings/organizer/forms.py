"""Forms of the organizer's area: one per use case, each turning its input into service data."""
from functools import cache
from zoneinfo import available_timezones

import sqlalchemy as sa
from flask_babel import lazy_gettext as _l
from flask_login import current_user
from flask_wtf import FlaskForm
from wtforms import (
    BooleanField,
    DateTimeLocalField,
    IntegerField,
    SelectField,
    StringField,
    SubmitField,
    TextAreaField,
    URLField,
)
from wtforms.fields.choices import SelectChoice
from wtforms.validators import DataRequired, Length, NumberRange, Optional, ValidationError

from .. import countries
from ..extensions import db
from ..i18n import LANGUAGE_NAMES, from_local_input, to_local_input
from ..labels import choices
from ..models import (
    Briefing,
    BriefingSession,
    BriefingStatus,
    GCMObjective,
    Membership,
    ParticipantListVisibility,
    Person,
    PersonRole,
    Role,
    SessionFormat,
    SessionKind,
    StakeholderGroup,
)
from ..services.briefings import BriefingData, RuleViolation, valid_timezone
from ..services.programme import PersonData, SessionData
from ..widgets import MultiCheckboxField
from .translation_fields import entered_texts, stored_texts

WALL_CLOCK_FORMATS = ["%Y-%m-%dT%H:%M", "%Y-%m-%dT%H:%M:%S", "%Y-%m-%d %H:%M"]
# A number of seats: past a million it is a typing slip (and past 2**31 the database refuses it).
SEATS = NumberRange(min=0, max=1_000_000, message=_l("Enter a whole number of seats, 0 or more."))
_ZONE_AREAS = ("Africa", "America", "Asia", "Atlantic", "Australia", "Europe", "Indian",
               "Pacific")


def as_choices(pairs) -> list[SelectChoice]:
    """(value, label) pairs as select choices."""
    return [pair if isinstance(pair, SelectChoice) else SelectChoice(*pair) for pair in pairs]


def optional_int(value):
    """Coerce a select's value to an int, the empty choice to None."""
    if value in ("", None, "None"):
        return None
    return int(value)


def wall_clock_field(label, required=True):
    """A date-and-time input holding wall-clock time in the briefing's timezone."""
    validators = [DataRequired()] if required else [Optional()]
    return DateTimeLocalField(label, validators=validators, format=WALL_CLOCK_FORMATS)


def show_violation(form: FlaskForm, violation: RuleViolation) -> None:
    """Put the messages of a refused change next to their fields (form-wide ones at the top)."""
    for name, raw_messages in violation.errors.items():
        # Plain strings: a lazy string counts as safe HTML, and these may quote user input.
        messages = [str(message) for message in raw_messages]
        target = form._fields.get(name)
        if target is None:
            form.form_errors.extend(messages)
        else:
            target.errors = list(target.errors) + list(messages)


def _check_wall_clock(field, zone: str) -> None:
    """Refuse a time that the clocks skip when they move forward (it does not exist there)."""
    if field.data and not 1900 <= field.data.year <= 2999:  # nor one no timezone can convert
        raise ValidationError(_l("Enter a date between the years 1900 and 2999."))
    if field.data and valid_timezone(zone):
        if to_local_input(from_local_input(field.data, zone), zone) != field.data:
            raise ValidationError(_l("This time does not exist in %(zone)s: the clocks move "
                                     "forward then. Choose another time.", zone=zone))


@cache
def _common_zones() -> tuple[str, ...]:
    return tuple(sorted(name for name in available_timezones()
                        if name.split("/", 1)[0] in _ZONE_AREAS and "/" in name)) + ("UTC",)


def timezone_choices(current: str | None = None) -> list[SelectChoice]:
    """The IANA zones of the world's cities, plus the current one if it is not among them."""
    zones = list(_common_zones())
    if current and current not in zones and valid_timezone(current):
        zones.append(current)
    return as_choices((name, name.replace("_", " ")) for name in zones)


def country_choices(lang: str) -> list[SelectChoice]:
    """ISO 3166 countries named in the page's language, sorted by that name."""
    return as_choices([("", _l("— not given —")), *countries.country_choices(lang)])


def group_choices(lang: str) -> list[SelectChoice]:
    """The active stakeholder groups in their managed order."""
    groups = db.session.scalars(sa.select(StakeholderGroup).where(StakeholderGroup.active)
                                .order_by(StakeholderGroup.position, StakeholderGroup.id))
    return as_choices([("", _l("— not given —"))] + [(g.id, g.label(lang)) for g in groups])


def objective_choices(lang: str) -> list[SelectChoice]:
    """The 23 GCM objectives, titled in the page's language."""
    objectives = db.session.scalars(sa.select(GCMObjective).order_by(GCMObjective.number))
    return as_choices((o.number, f"{o.number}. {o.label(lang)}") for o in objectives)


def earlier_briefing_choices(briefing: Briefing | None) -> list[SelectChoice]:
    """Briefings this one may follow up: those the user works on (all for admins), latest first.

    The briefing's saved choice stays in the list even when the user is not a member there.
    """
    current = briefing.follows_briefing_id if briefing else None
    query = sa.select(Briefing.id, Briefing.title, Briefing.starts_at).order_by(
        Briefing.starts_at.desc())
    if not (current_user.is_authenticated and current_user.is_admin):
        mine = sa.select(Membership.briefing_id).where(
            Membership.user_id == getattr(current_user, "id", None))
        query = query.where(sa.or_(Briefing.id.in_(mine), Briefing.id == current))
    if briefing is not None:
        query = query.where(Briefing.id != briefing.id)
    return as_choices([("", _l("— none —"))] + [
        (id_, f"{title} ({starts:%Y-%m-%d})") for id_, title, starts in db.session.execute(query)])


class ButtonForm(FlaskForm):
    """Empty: carries the CSRF token of a button that changes something."""


class TeamMemberForm(FlaskForm):
    """Give a staff account (named by its e-mail) a role in the briefing."""

    email = StringField(_l("Email"), validators=[DataRequired(), Length(max=254)],
                        render_kw={"type": "email", "autocomplete": "off", "dir": "ltr"})
    role = SelectField(_l("Role"), choices=as_choices(choices(Role)),
                       default=Role.SECRETARIAT.value)
    submit = SubmitField(_l("Give role"))


class BriefingForm(FlaskForm):
    """A briefing's settings, for creating one and for editing it."""

    title = StringField(_l("Title"), validators=[DataRequired(), Length(max=200)])
    slug = StringField(_l("Web address"), validators=[Optional(), Length(max=80)])
    summary = TextAreaField(_l("Summary"), render_kw={"rows": 6})
    partners = TextAreaField(_l("Organizing partners"), render_kw={"rows": 3})
    venue = StringField(_l("Venue"), validators=[Length(max=200)])
    city = StringField(_l("City"), validators=[Length(max=120)])
    timezone = SelectField(_l("Timezone"), validators=[DataRequired()])
    starts_at = wall_clock_field(_l("Starts"))
    ends_at = wall_clock_field(_l("Ends"))
    languages = MultiCheckboxField(_l("Languages offered"),
                                   choices=as_choices(LANGUAGE_NAMES.items()))
    main_language = SelectField(_l("Main language"), choices=as_choices(LANGUAGE_NAMES.items()),
                                default="en")
    registration_opens_at = wall_clock_field(_l("Registration opens"), required=False)
    registration_closes_at = wall_clock_field(_l("Registration closes"), required=False)
    capacity = IntegerField(_l("Capacity"), validators=[Optional(), SEATS])
    format = SelectField(_l("Format"), choices=as_choices(choices(SessionFormat)),
                         default=SessionFormat.IN_PERSON.value)
    meeting_link = URLField(_l("Meeting link"), validators=[Length(max=500)])
    dial_in = TextAreaField(_l("Dial-in notes"), validators=[Length(max=2000)],
                            render_kw={"rows": 3})
    online_capacity = IntegerField(_l("Online capacity"), validators=[Optional(), SEATS])
    approval_required = BooleanField(_l("Registrations need the organizers' approval"))
    invite_only = BooleanField(_l("By invitation only"))
    participant_list = SelectField(_l("Participant list"),
                                   choices=as_choices(choices(ParticipantListVisibility)))
    retention_days = IntegerField(_l("Keep registrations for (days after the end)"),
                                  default=365, validators=[Optional(), NumberRange(min=1, max=3650)])
    follows_briefing_id = SelectField(_l("Follows up the briefing"), coerce=optional_int)
    submit = SubmitField(_l("Save"))

    def __init__(self, *args, current_zone: str | None = None, briefing: Briefing | None = None,
                 **kwargs):
        super().__init__(*args, **kwargs)
        self.timezone.choices = timezone_choices(current_zone or self.timezone.data)
        self.follows_briefing_id.choices = earlier_briefing_choices(briefing)

    @classmethod
    def for_briefing(cls, briefing: Briefing) -> "BriefingForm":
        """The form filled in from a briefing, times shown in its own timezone."""
        tz = briefing.timezone
        data = {name: getattr(briefing, name) for name in (
            "title", "slug", "summary", "partners", "venue", "city", "timezone", "capacity",
            "approval_required", "invite_only", "retention_days", "follows_briefing_id",
            "meeting_link", "dial_in", "online_capacity")}
        data["participant_list"] = briefing.participant_list.value
        data["format"] = briefing.format.value
        data["languages"] = briefing.language_list
        data["main_language"] = briefing.main_language
        data.update(stored_texts(cls, briefing))
        for name in ("starts_at", "ends_at", "registration_opens_at", "registration_closes_at"):
            data[name] = to_local_input(getattr(briefing, name), tz)
        form = cls(data=data, current_zone=tz, briefing=briefing)
        if briefing.status != BriefingStatus.DRAFT:
            form.slug.render_kw = {"readonly": True}
        return form

    def validate_languages(self, field):
        if not field.data:
            raise ValidationError(_l("Offer at least one language."))

    def validate_timezone(self, field):
        if not valid_timezone(field.data or ""):
            raise ValidationError(_l("Choose a timezone from the list."))

    def validate_starts_at(self, field):
        _check_wall_clock(field, self.timezone.data)

    def validate_ends_at(self, field):
        _check_wall_clock(field, self.timezone.data)

    def validate_registration_opens_at(self, field):
        _check_wall_clock(field, self.timezone.data)

    def validate_registration_closes_at(self, field):
        _check_wall_clock(field, self.timezone.data)

    def to_data(self) -> BriefingData:
        """The settings for the service, wall-clock times turned into UTC."""
        tz = self.timezone.data
        return BriefingData(
            title=self.title.data or "", slug=self.slug.data or "", timezone=tz,
            starts_at=from_local_input(self.starts_at.data, tz),
            ends_at=from_local_input(self.ends_at.data, tz),
            summary=self.summary.data or "", partners=self.partners.data or "",
            venue=self.venue.data or "", city=self.city.data or "",
            languages=list(self.languages.data or []),
            main_language=self.main_language.data or "", translations=entered_texts(self),
            registration_opens_at=from_local_input(self.registration_opens_at.data, tz),
            registration_closes_at=from_local_input(self.registration_closes_at.data, tz),
            capacity=self.capacity.data, approval_required=bool(self.approval_required.data),
            invite_only=bool(self.invite_only.data),
            participant_list=ParticipantListVisibility(self.participant_list.data),
            retention_days=self.retention_days.data,
            follows_briefing_id=self.follows_briefing_id.data,
            format=SessionFormat(self.format.data), meeting_link=self.meeting_link.data or "",
            dial_in=self.dial_in.data or "", online_capacity=self.online_capacity.data,
        )


class SessionForm(FlaskForm):
    """A session of the programme, its times in the briefing's timezone."""

    kind = SelectField(_l("Kind"), choices=as_choices(choices(SessionKind)))
    title = StringField(_l("Title"), validators=[DataRequired(), Length(max=200)])
    description = TextAreaField(_l("Description"), render_kw={"rows": 4})
    starts_at = wall_clock_field(_l("Starts"))
    ends_at = wall_clock_field(_l("Ends"))
    room = StringField(_l("Room"), validators=[Length(max=120)])
    capacity = IntegerField(_l("Capacity"), validators=[Optional(), SEATS])
    format = SelectField(_l("Format"), choices=as_choices(choices(SessionFormat)))
    meeting_link = URLField(_l("Meeting link"), validators=[Length(max=500)])
    dial_in = TextAreaField(_l("Dial-in notes"), validators=[Length(max=2000)],
                            render_kw={"rows": 2})
    online_capacity = IntegerField(_l("Online capacity"), validators=[Optional(), SEATS])
    takes_attendance = BooleanField(_l("Takes attendance"))
    position = IntegerField(_l("Display order"), default=0,
                            validators=[Optional(), NumberRange(min=0, max=9999)])
    objectives = MultiCheckboxField(_l("GCM objectives"), coerce=int)
    submit = SubmitField(_l("Save session"))

    def __init__(self, *args, zone: str, lang: str, **kwargs):
        super().__init__(*args, **kwargs)
        self.zone = zone
        self.objectives.choices = objective_choices(lang)

    @classmethod
    def for_session(cls, session: BriefingSession, lang: str, **kwargs) -> "SessionForm":
        """The form filled in from a session, times in its briefing's timezone."""
        tz = session.briefing.timezone
        data = {name: getattr(session, name) for name in (
            "title", "description", "room", "capacity", "meeting_link", "takes_attendance",
            "position", "dial_in", "online_capacity")}
        data.update(kind=session.kind.value, format=session.format.value,
                    starts_at=to_local_input(session.starts_at, tz),
                    ends_at=to_local_input(session.ends_at, tz),
                    objectives=[o.number for o in session.objectives])
        data.update(stored_texts(cls, session))
        return cls(data=data, zone=tz, lang=lang, **kwargs)

    def validate_starts_at(self, field):
        _check_wall_clock(field, self.zone)

    def validate_ends_at(self, field):
        _check_wall_clock(field, self.zone)

    def to_data(self) -> SessionData:
        """The session for the service, wall-clock times turned into UTC."""
        return SessionData(
            kind=SessionKind(self.kind.data), title=self.title.data or "",
            starts_at=from_local_input(self.starts_at.data, self.zone),
            ends_at=from_local_input(self.ends_at.data, self.zone),
            description=self.description.data or "", room=self.room.data or "",
            capacity=self.capacity.data, format=SessionFormat(self.format.data),
            meeting_link=self.meeting_link.data or "", dial_in=self.dial_in.data or "",
            online_capacity=self.online_capacity.data,
            takes_attendance=bool(self.takes_attendance.data),
            position=self.position.data or 0, objectives=list(self.objectives.data or []),
            translations=entered_texts(self),
        )


class _PersonFields(FlaskForm):
    name = StringField(_l("Name"), validators=[Length(max=200)])
    honorific = StringField(_l("Honorific"), validators=[Length(max=60)],
                            description=_l("For example: H.E., Dr, Ms, Ambassador"))
    position = StringField(_l("Position"), validators=[Length(max=200)])
    organization = StringField(_l("Organization"), validators=[Length(max=200)])
    stakeholder_group_id = SelectField(_l("Stakeholder group"), coerce=optional_int)

    def person_data(self, country: str = "") -> PersonData:
        return PersonData(name=self.name.data or "", honorific=self.honorific.data or "",
                          position=self.position.data or "",
                          organization=self.organization.data or "",
                          stakeholder_group_id=self.stakeholder_group_id.data, country=country)


class PersonForm(_PersonFields):
    """A person of the briefing: add one to the list, or change their details."""

    country = SelectField(_l("Country"))
    submit = SubmitField(_l("Save person"))

    def __init__(self, *args, lang: str, **kwargs):
        super().__init__(*args, **kwargs)
        self.name.validators = [DataRequired(), Length(max=200)]
        self.stakeholder_group_id.choices = group_choices(lang)
        self.country.choices = country_choices(lang)

    @classmethod
    def for_person(cls, person: Person, lang: str) -> "PersonForm":
        data = {name: getattr(person, name) for name in (
            "name", "honorific", "position", "organization", "stakeholder_group_id", "country")}
        return cls(data=data, lang=lang)

    def to_data(self) -> PersonData:
        return self.person_data(country=self.country.data or "")


class SessionPersonForm(_PersonFields):
    """Give someone a role in a session: a listed person, or a new one typed in."""

    role = SelectField(_l("Role"), choices=as_choices(choices(PersonRole)))
    person_id = SelectField(_l("Person"), coerce=optional_int)
    submit = SubmitField(_l("Add to session"))

    def __init__(self, *args, people: list[Person], lang: str, **kwargs):
        super().__init__(*args, prefix="add", **kwargs)
        self.person_id.choices = as_choices([("", _l("— a new person (enter below) —"))] + [
            (p.id, f"{p.display_name} ({p.organization})" if p.organization else p.display_name)
            for p in people])
        self.stakeholder_group_id.choices = group_choices(lang)

    def validate_name(self, field):
        if self.person_id.data is None and not (field.data or "").strip():
            raise ValidationError(_l("Choose a listed person or enter a new name."))

    def role_value(self) -> PersonRole:
        return PersonRole(self.role.data)

    def new_person(self) -> PersonData | None:
        """The new person typed in, or None when a listed person was chosen."""
        return None if self.person_id.data is not None else self.person_data()
