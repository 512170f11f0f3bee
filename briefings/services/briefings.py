"""Briefings: create, change settings, move through their life cycle, summarize for organizers."""
import re
import unicodedata
from dataclasses import dataclass, field, fields
from datetime import datetime
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

import sqlalchemy as sa
from flask import has_request_context
from flask_babel import lazy_gettext as _l
from flask_babel.speaklater import LazyString
from sqlalchemy.exc import IntegrityError

from .. import i18n
from ..extensions import db
from ..models import (
    Briefing,
    BriefingSession,
    BriefingStatus,
    Membership,
    ParticipantListVisibility,
    Registration,
    RegistrationStatus,
    Role,
    SessionFormat,
    User,
    utcnow,
)
from . import registrations, translations
from .audit import record
from .hybrid import https_link_error

SLUG_PATTERN = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
LANGUAGE_CODES = ("en", "fr", "ar")

# The life cycle: which status may follow which (published -> draft is "unpublish").
TRANSITIONS = {
    BriefingStatus.DRAFT: (BriefingStatus.PUBLISHED,),
    BriefingStatus.PUBLISHED: (BriefingStatus.CONCLUDED, BriefingStatus.DRAFT),
    BriefingStatus.CONCLUDED: (BriefingStatus.ARCHIVED,),
    BriefingStatus.ARCHIVED: (),
}


class RuleViolation(ValueError):
    """A change the rules refuse.

    ``errors`` maps a field name ("" for the form as a whole) to its messages.
    """

    def __init__(self, errors: dict[str, list]):
        super().__init__("; ".join(str(m) for msgs in errors.values() for m in msgs))
        self.errors = errors

    @classmethod
    def on(cls, field_name: str, message) -> "RuleViolation":
        """A violation with a single message on one field."""
        return cls({field_name: [message]})


class RuleErrors(dict):
    """Collects messages by field, so every broken rule is reported at once."""

    def add(self, field_name: str, message) -> None:
        self.setdefault(field_name, []).append(message)

    def raise_any(self) -> None:
        if self:
            raise RuleViolation(dict(self))


def local_when(value: datetime, tz: str, *, with_date: bool = True) -> LazyString:
    """A time in ``tz`` for a message, formatted in the page's language when it is shown."""

    def render() -> str:
        if not has_request_context():  # CLI: no page language to follow
            local = value.astimezone(ZoneInfo(tz))
            pattern = "%Y-%m-%d %H:%M " if with_date else "%H:%M "
            return local.strftime(pattern) + (local.tzname() or tz)
        if with_date:
            return i18n.format_datetime(value, tz)
        return f"{i18n.format_time(value, tz)} {i18n.zone_abbreviation(value, tz)}"

    return LazyString(render)


@dataclass
class BriefingData:
    """The settings of a briefing as an organizer enters them (times already in UTC)."""

    title: str
    slug: str
    timezone: str
    starts_at: datetime
    ends_at: datetime
    summary: str = ""
    partners: str = ""
    venue: str = ""
    city: str = ""
    languages: list[str] = field(default_factory=lambda: ["en"])
    main_language: str = ""  # one of ``languages``; empty: the first of en, fr, ar offered
    # Title and summary in the other languages, {"fr": {"title": ..., "summary": ...}};
    # None leaves the stored ones as they are.
    translations: dict[str, dict[str, str]] | None = None
    registration_opens_at: datetime | None = None
    registration_closes_at: datetime | None = None
    capacity: int | None = None
    approval_required: bool = False
    invite_only: bool = False
    participant_list: ParticipantListVisibility = ParticipantListVisibility.HIDDEN
    retention_days: int | None = 365  # None: registrations kept until someone sets a period
    follows_briefing_id: int | None = None  # the earlier briefing this one follows up
    # In person, online or hybrid: ``capacity`` counts seats in the room, ``online_capacity``
    # places through the meeting link (None: no limit).
    format: SessionFormat = SessionFormat.IN_PERSON
    meeting_link: str = ""
    dial_in: str = ""
    online_capacity: int | None = None


MAX_RETENTION_DAYS = 3650


def valid_timezone(name: str) -> bool:
    """True if ``name`` is an IANA timezone this machine knows."""
    if not name or name != name.strip() or len(name) > 64:
        return False
    try:
        ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError, OSError):  # OSError: a name no file can have
        return False
    return True


def slugify(text: str) -> str:
    """A web-address form of ``text``: ASCII lower-case letters, digits and hyphens."""
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-")[:80].rstrip("-")


def _normalized(data: BriefingData) -> dict:
    """The data as model column values."""
    values = {f.name: getattr(data, f.name) for f in fields(data)}
    for name in ("title", "slug", "venue", "city", "timezone"):
        values[name] = (values[name] or "").strip()
    values["slug"] = values["slug"].lower() or slugify(values["title"])
    values["summary"] = (data.summary or "").strip()
    values["meeting_link"] = (data.meeting_link or "").strip()
    values["dial_in"] = "\n".join(line.rstrip()
                                  for line in (data.dial_in or "").strip().splitlines())
    if values["format"] == SessionFormat.IN_PERSON:  # nobody joins online: keep no link around
        values["meeting_link"] = values["dial_in"] = ""
        values["online_capacity"] = None
    values["partners"] = "\n".join(line.strip() for line in (data.partners or "").splitlines()
                                   if line.strip())
    chosen = [code for code in LANGUAGE_CODES if code in (data.languages or [])]
    main = values.pop("main_language") or (chosen[0] if chosen else "")
    # The main language comes first: it is the language of the title and summary.
    values["languages"] = ",".join([main] * (main in chosen) + [c for c in chosen if c != main])
    values["main_language"] = main if main in chosen else None
    values["translations"] = translations.cleaned(values["translations"])
    return values


def _check(values: dict, briefing: Briefing | None) -> None:
    """Raise RuleViolation naming every rule that ``values`` break."""
    errors = RuleErrors()
    if not values["title"]:
        errors.add("title", _l("Give the briefing a title."))
    slug = values["slug"]
    if briefing is not None and briefing.status != BriefingStatus.DRAFT and slug != briefing.slug:
        errors.add("slug", _l("The web address can only change while the briefing is a draft."))
    elif not SLUG_PATTERN.match(slug) or len(slug) > 80:
        errors.add("slug", _l("Use lower-case letters, digits and single hyphens (at most 80)."))
    else:
        taken = sa.select(Briefing.id).where(Briefing.slug == slug)
        if briefing is not None:
            taken = taken.where(Briefing.id != briefing.id)
        if db.session.scalar(taken):
            errors.add("slug", _l("Another briefing already uses this web address."))
    if not valid_timezone(values["timezone"]):
        errors.add("timezone", _l("Choose a timezone from the list."))
    if not values["languages"]:
        errors.add("languages", _l("Offer at least one language."))
    elif values["main_language"] is None:
        errors.add("main_language", _l("Offer the main language too, or choose another one."))
    translations.check(values["translations"], errors)
    starts, ends = values["starts_at"], values["ends_at"]
    if starts is None:
        errors.add("starts_at", _l("Enter when the briefing starts."))
    if ends is None:
        errors.add("ends_at", _l("Enter when the briefing ends."))
    if starts and ends and ends <= starts:
        errors.add("ends_at", _l("The briefing must end after it starts."))
    opens, closes = values["registration_opens_at"], values["registration_closes_at"]
    if closes and ends and closes > ends:
        errors.add("registration_closes_at",
                   _l("Registration must close no later than the briefing ends."))
    if opens and (closes or ends) and opens >= (closes or ends):
        errors.add("registration_opens_at",
                   _l("Registration must open before it closes (or before the briefing ends)."))
    if values["capacity"] is not None and values["capacity"] < 0:
        errors.add("capacity", _l("Capacity cannot be negative."))
    if values["online_capacity"] is not None and values["online_capacity"] < 0:
        errors.add("online_capacity", _l("Capacity cannot be negative."))
    link = values["meeting_link"]
    if values["format"] != SessionFormat.IN_PERSON and not link:
        errors.add("meeting_link", _l("Online and hybrid briefings need a meeting link."))
    elif link and (message := https_link_error(link)):
        errors.add("meeting_link", message)
    retention = values["retention_days"]
    if retention is not None and not 1 <= retention <= MAX_RETENTION_DAYS:
        errors.add("retention_days", _l("Keep registrations between 1 and %(max)d days.",
                                        max=MAX_RETENTION_DAYS))
    _check_follows(values, briefing, errors)
    if briefing is not None and starts and ends and starts < ends:
        _check_sessions_inside(briefing, values, errors)
    errors.raise_any()


def _check_follows(values: dict, briefing: Briefing | None, errors: RuleErrors) -> None:
    """The briefing followed up must be another one, which started earlier (so: no loops)."""
    earlier_id = values["follows_briefing_id"]
    if earlier_id is None:
        return
    earlier = db.session.get(Briefing, earlier_id)
    if earlier is None or (briefing is not None and earlier.id == briefing.id):
        errors.add("follows_briefing_id", _l("Choose a briefing from the list."))
    elif values["starts_at"] and earlier.starts_at >= values["starts_at"]:
        errors.add("follows_briefing_id",
                   _l("The briefing this one follows up must start before this one."))


def _check_sessions_inside(briefing: Briefing, values: dict, errors: RuleErrors) -> None:
    """New dates or a new timezone must not leave sessions outside the briefing."""
    starts, ends, tz = values["starts_at"], values["ends_at"], values["timezone"]
    sessions = db.session.scalars(
        sa.select(BriefingSession).where(
            BriefingSession.briefing_id == briefing.id,
            sa.or_(BriefingSession.starts_at < starts, BriefingSession.ends_at > ends),
        ).order_by(BriefingSession.starts_at)
    ).all()
    if not sessions:
        return
    shown_tz = tz if valid_timezone(tz) else briefing.timezone
    found = [(s.title, s.starts_at) for s in sessions]
    listed = LazyString(lambda: ", ".join(
        "“%s” (%s)" % (title, local_when(start, shown_tz)) for title, start in found))
    message = _l("These sessions would fall outside the briefing; move them first: %(sessions)s",
                 sessions=listed)
    if any(s.starts_at < starts for s in sessions):
        errors.add("starts_at", message)
    if any(s.ends_at > ends for s in sessions):
        errors.add("ends_at", message)
    if tz != briefing.timezone:
        errors.add("timezone", _l("With this timezone some sessions fall outside the briefing."))


def _without_texts(values: dict) -> dict:
    """Take the translations (and the checked main language) out of the column values."""
    values.pop("main_language")
    return values.pop("translations")


def _commit_or_slug_taken() -> None:
    """Commit; a slug taken by a concurrent request becomes a message, not a 500."""
    try:
        db.session.commit()
    except IntegrityError as error:
        db.session.rollback()
        raise RuleViolation.on(
            "slug", _l("Another briefing already uses this web address.")) from error


def create_briefing(data: BriefingData, *, actor: User) -> Briefing:
    """Create a draft briefing; its creator becomes its organizer."""
    values = _normalized(data)
    _check(values, None)
    texts = _without_texts(values)
    briefing = Briefing(status=BriefingStatus.DRAFT, **values)
    db.session.add(briefing)
    db.session.add(Membership(user=actor, briefing=briefing, role=Role.ORGANIZER))
    translated = translations.store_briefing(briefing, texts)
    db.session.flush()
    record("briefing.create", briefing, actor=actor,
           changes={name: True for name, value in values.items() if value not in (None, "", False)}
           | translated)
    _commit_or_slug_taken()
    return briefing


def update_briefing(briefing: Briefing, data: BriefingData, *, actor: User) -> list[str]:
    """Change a briefing's settings; returns the names of the fields that changed.

    A new format or capacity goes through the registrations service, which
    takes the capacity lock, moves registrations to the only mode left when a
    briefing stops being hybrid, and promotes the waiting lists when places
    free up.
    """
    values = _normalized(data)
    _check(values, briefing)
    texts = _without_texts(values)
    changed = [name for name, value in values.items() if getattr(briefing, name) != value]
    others = [name for name in changed if name not in _ATTENDANCE]
    for name in others:
        setattr(briefing, name, values[name])
    translated = translations.store_briefing(briefing, texts)
    if others or translated:
        record("briefing.update", briefing, actor=actor,
               changes={name: True for name in others} | translated)
        changed += list(translated)
    _commit_or_slug_taken()
    attendance = {_ATTENDANCE[name]: values[name] for name in changed if name in _ATTENDANCE}
    if attendance:
        registrations.set_attendance(briefing.id, actor=actor, **attendance)
    return changed


# Settings that move registrations between modes or promote the waiting lists: they change
# under the registrations service's lock (setting name: its argument there).
_ATTENDANCE = {"format": "fmt", "capacity": "capacity", "online_capacity": "online_capacity"}


def allowed_transitions(briefing: Briefing) -> tuple[BriefingStatus, ...]:
    """The statuses a briefing may move to next."""
    return TRANSITIONS[briefing.status]


def change_status(briefing: Briefing, target: BriefingStatus, *, actor: User) -> None:
    """Move a briefing along its life cycle; publishing needs at least one session."""
    if target not in TRANSITIONS[briefing.status]:
        raise RuleViolation.on("", _l("A briefing cannot move from this status to that one."))
    if target == BriefingStatus.PUBLISHED and not session_count(briefing):
        raise RuleViolation.on(
            "", _l("Add at least one session to the programme before publishing."))
    previous = briefing.status
    briefing.status = target
    record("briefing.status", briefing, actor=actor,
           changes={"status": [previous.value, target.value]})
    db.session.commit()


def briefings_for(user: User) -> list[tuple[Briefing, Role | None]]:
    """The briefings ``user`` organizes or keeps records for, with the role (admins: all)."""
    roles = {m.briefing_id: m.role for m in user.memberships}
    query = sa.select(Briefing).order_by(Briefing.starts_at.desc(), Briefing.id.desc())
    if not user.is_admin:
        query = query.where(Briefing.id.in_(roles.keys()))
    return [(b, roles.get(b.id)) for b in db.session.scalars(query)]


def session_count(briefing: Briefing) -> int:
    """How many sessions the briefing's programme has."""
    return db.session.scalar(sa.select(sa.func.count(BriefingSession.id))
                             .where(BriefingSession.briefing_id == briefing.id))


def registration_counts(briefing: Briefing) -> dict[RegistrationStatus, int]:
    """The number of registrations in each status (every status present, zero or more)."""
    rows = db.session.execute(
        sa.select(Registration.status, sa.func.count(Registration.id))
        .where(Registration.briefing_id == briefing.id)
        .group_by(Registration.status)
    ).all()
    counts = {status: 0 for status in RegistrationStatus}
    counts.update({status: n for status, n in rows})
    return counts


def attention_items(briefing: Briefing, sessions: int, registrations: dict) -> list:
    """Short notes on what an organizer should look at next."""
    items = []
    now = utcnow()
    if not sessions:
        items.append(_l("The programme has no sessions yet; a briefing needs one to be published."))
    if briefing.status == BriefingStatus.DRAFT:
        items.append(_l("This briefing is a draft: the public cannot see it until it is "
                        "published."))
    if registrations.get(RegistrationStatus.PENDING):
        items.append(_l("%(n)d registrations wait for a decision.",
                        n=registrations[RegistrationStatus.PENDING]))
    if briefing.status == BriefingStatus.PUBLISHED and briefing.ends_at < now:
        items.append(_l("The briefing has ended; mark it concluded when its records are complete."))
    if (briefing.status == BriefingStatus.PUBLISHED and briefing.registration_closes_at is None
            and briefing.registration_opens_at is None and briefing.ends_at > now):
        items.append(_l("Registration has no window set: it is open until the briefing ends."))
    return items
