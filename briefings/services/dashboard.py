"""The organizer's dashboard: who registered, when, from where, and who spoke for how long.

Every figure comes from a GROUP BY query, so the number of queries stays the
same whatever the number of registrations. Breakdowns by stakeholder group,
country, region and gender count the *active* registrations: pending,
confirmed and waitlisted (declined and cancelled people are not coming).
"""
import sqlite3
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta, timezone

import sqlalchemy as sa
from flask_babel import lazy_gettext as _l

from ..extensions import db
from ..models import (
    Briefing,
    BriefingSession,
    Gender,
    GroupTarget,
    Intervention,
    Registration,
    RegistrationStatus as RS,
    StakeholderGroup,
    User,
    utcnow,
)
from .audit import record
from .briefings import RuleViolation, registration_counts

ACTIVE = (RS.PENDING, RS.CONFIRMED, RS.WAITLISTED)
# An actual share this many percentage points away from its target is flagged.
IMBALANCE_POINTS = 5
# Registrations are counted per UTC hour, or per quarter hour in a zone whose offset is not
# whole hours (every timezone's offset from UTC is a whole number of quarter hours), then put
# on their local day.
BUCKET_SECONDS = 15 * 60

# UN M49 regions (the Statistics Division's "standard country or area codes"), by ISO alpha-2.
# Only Antarctica (AQ) belongs to none of them. Region names come from CLDR via Babel.
M49_REGIONS = {
    "002": "DZ EG LY MA SD TN EH IO BI KM DJ ER ET TF KE MG MW MU YT MZ RE RW SC SO SS UG TZ ZM "
           "ZW AO CM CF TD CG CD GQ GA ST BW SZ LS NA ZA BJ BF CV CI GM GH GN GW LR ML MR NE NG "
           "SH SN SL TG",  # Africa
    "019": "AI AG AW BS BB BQ VG KY CU CW DM DO GD GP HT JM MQ MS PR BL KN LC MF VC SX TT TC VI "
           "BZ CR SV GT HN MX NI PA AR BO BV BR CL CO EC FK GF GY PY PE GS SR UY VE BM CA GL PM "
           "US",  # Americas
    "142": "KZ KG TJ TM UZ CN HK MO KP JP MN KR TW BN KH ID LA MY MM PH SG TH TL VN AF BD BT IN "
           "IR MV NP PK LK AM AZ BH CY GE IQ IL JO KW LB OM QA SA PS SY TR AE YE",  # Asia
    "150": "BY BG CZ HU PL MD RO RU SK UA AX DK EE FO FI GG IS IE IM JE LV LT NO SJ SE GB AL AD "
           "BA HR GI GR VA IT MT ME MK PT SM RS SI ES AT BE FR DE LI LU MC NL CH",  # Europe
    "009": "AU CX CC HM NZ NF FJ NC PG SB VU GU KI MH FM NR MP PW UM AS CK PF NU PN WS TK TO TV "
           "WF",  # Oceania
}
REGION_OF = {code: region for region, codes in M49_REGIONS.items() for code in codes.split()}
REGIONS = tuple(M49_REGIONS)


def region_of(country: str) -> str | None:
    """The UN M49 region code ("002" Africa … "009" Oceania) of an ISO alpha-2 country code."""
    return REGION_OF.get(country)


@dataclass
class DayCount:
    day: date
    new: int
    total: int


@dataclass
class GroupShare:
    """One stakeholder group's part of the active registrations, against its target."""

    group: StakeholderGroup | None
    count: int
    share: float  # percent, one decimal
    target: int | None = None

    @property
    def difference(self) -> float | None:
        return None if self.target is None else round(self.share - self.target, 1)

    @property
    def imbalanced(self) -> bool:
        return self.difference is not None and abs(self.difference) > IMBALANCE_POINTS


@dataclass
class GroupCheckIn:
    group: StakeholderGroup | None
    arrived: int
    confirmed: int

    @property
    def rate(self) -> float:
        return percent(self.arrived, self.confirmed)


@dataclass
class GroupSpeaking:
    group: StakeholderGroup | None
    interventions: int
    seconds: int

    @property
    def minutes(self) -> float:
        return round(self.seconds / 60, 1)


@dataclass
class Dashboard:
    """The dashboard's figures for one briefing (the parts not asked for are left empty)."""

    days: list[DayCount] = field(default_factory=list)
    statuses: dict[RS, int] = field(default_factory=dict)
    groups: list[GroupShare] = field(default_factory=list)
    countries: list[tuple[str, int]] = field(default_factory=list)  # (code or "", n), largest first
    genders: list[tuple[Gender | None, int]] = field(default_factory=list)
    check_ins: list[GroupCheckIn] = field(default_factory=list)
    speaking: list[GroupSpeaking] = field(default_factory=list)

    @property
    def regions(self) -> list[tuple[str, int]]:
        return regions(self.countries)

    @property
    def active(self) -> int:
        return sum(row.count for row in self.groups)

    @property
    def arrived(self) -> int:
        return sum(row.arrived for row in self.check_ins)

    @property
    def confirmed(self) -> int:
        return sum(row.confirmed for row in self.check_ins)

    @property
    def check_in_rate(self) -> float:
        return percent(self.arrived, self.confirmed)

    @property
    def imbalanced(self) -> list[GroupShare]:
        return [row for row in self.groups if row.imbalanced]


PARTS = ("days", "statuses", "groups", "countries", "genders", "check_ins", "speaking")


def percent(part: int, whole: int) -> float:
    """``part`` as a percentage of ``whole``, to one decimal (0 for an empty whole)."""
    return round(100 * part / whole, 1) if whole else 0.0


def _epoch(column) -> sa.ColumnElement:
    """Seconds since 1970 of a UTC timestamp column, in the dialect of the session's database."""
    if db.session.get_bind().dialect.name == "sqlite":
        if sqlite3.sqlite_version_info >= (3, 38):  # twice as fast as parsing with strftime
            return sa.func.unixepoch(column, type_=sa.Integer)
        return sa.cast(sa.func.strftime("%s", column), sa.Integer)
    return sa.cast(sa.extract("epoch", column), sa.BigInteger)


def _groups() -> dict[int, StakeholderGroup]:
    return {g.id: g for g in db.session.scalars(sa.select(StakeholderGroup))}


def _group_order(group: StakeholderGroup | None) -> tuple:
    """The managed list's order; people who gave no group come last."""
    return (group is None, group.position if group else 0, group.id if group else 0)


DAY_SECONDS = 24 * 3600
_EPOCH_ORDINAL = date(1970, 1, 1).toordinal()


def _local_days(zone):
    """A function giving the local date, in ``zone``, of a UTC moment in seconds since 1970.

    The zone's offset is looked up once per UTC day: a day whose offset is the
    same at its start and its end has no change of clocks, and its moments are
    placed by arithmetic; only moments of a day when the clocks change are
    converted one by one. (A few thousand quarter hours, ~10× faster.)
    """
    offsets: dict[int, tuple[int, int]] = {}

    def offset_at(seconds: int) -> int:
        return _offset_at(zone, seconds)

    def local_day(seconds: int) -> date:
        utc_day = seconds // DAY_SECONDS
        if utc_day not in offsets:
            offsets[utc_day] = (offset_at(utc_day * DAY_SECONDS),
                                offset_at((utc_day + 1) * DAY_SECONDS - 1))
        first, last = offsets[utc_day]
        offset = first if first == last else offset_at(seconds)
        return date.fromordinal(_EPOCH_ORDINAL + (seconds + offset) // DAY_SECONDS)

    return local_day


def _created_counts(briefing: Briefing, width: int) -> list:
    """Registrations (every status) counted per ``width`` seconds of creation time, UTC."""
    bucket = _epoch(Registration.created_at) // width
    return db.session.execute(
        sa.select(bucket, sa.func.count(Registration.id))
        .where(Registration.briefing_id == briefing.id).group_by(bucket)).all()


def _offset_at(zone, seconds: int) -> int:
    moment = datetime.fromtimestamp(seconds, timezone.utc).astimezone(zone)
    return int(moment.utcoffset().total_seconds())


def _on_the_hour(zone, hours) -> bool:
    """Whether every UTC hour starting at ``hours`` (seconds) lies within one local day of ``zone``.

    True where, on each UTC day concerned, the zone is a whole number of hours
    from UTC and its clocks change (if they do) on the hour.
    """
    checked: set[int] = set()
    for start in hours:
        day = start // DAY_SECONDS
        if day in checked:
            continue
        checked.add(day)
        first = _offset_at(zone, day * DAY_SECONDS)
        last = _offset_at(zone, (day + 1) * DAY_SECONDS - 1)
        if first % 3600 or last % 3600:
            return False
        if first != last and any(
                _offset_at(zone, hour) != _offset_at(zone, hour + 3599)
                for hour in range(day * DAY_SECONDS, (day + 1) * DAY_SECONDS, 3600)):
            return False
    return True


def registrations_per_day(briefing: Briefing, today: date | None = None) -> list[DayCount]:
    """New and cumulative registrations (every status) per day in the briefing's timezone.

    Runs from the first registration's day to today (or the briefing's last day,
    if that is earlier), with no day left out.
    """
    zone = briefing.zone
    # By the hour (a quarter of the rows) wherever that puts everyone on the right local day.
    width = 3600
    rows = _created_counts(briefing, width)
    if not _on_the_hour(zone, (int(number) * width for number, _count in rows)):
        width = BUCKET_SECONDS
        rows = _created_counts(briefing, width)
    local_day = _local_days(zone)
    per_day: dict[date, int] = {}
    for number, count in rows:
        day = local_day(int(number) * width)
        per_day[day] = per_day.get(day, 0) + count
    if not per_day:
        return []
    today = today or utcnow().astimezone(zone).date()
    last = max(max(per_day), min(today, briefing.ends_at.astimezone(zone).date()))
    days, total, day = [], 0, min(per_day)
    while day <= last:
        total += per_day.get(day, 0)
        days.append(DayCount(day, per_day.get(day, 0), total))
        day += timedelta(days=1)
    return days


def targets(briefing: Briefing) -> dict[int, int]:
    """The organizer's target share (percent) per stakeholder group id."""
    return dict(db.session.execute(
        sa.select(GroupTarget.stakeholder_group_id, GroupTarget.percent)
        .where(GroupTarget.briefing_id == briefing.id)).all())


def active_profile(briefing: Briefing) -> list[tuple[int | None, str, Gender | None, int]]:
    """Active registrations counted by (group, country, gender), in one pass over an index.

    The groups, countries and genders figures are added up from these rows:
    one query instead of three, each of which read the same index entries.
    """
    return [tuple(row) for row in db.session.execute(
        sa.select(Registration.stakeholder_group_id, Registration.country, Registration.gender,
                  sa.func.count(Registration.id))
        .where(Registration.briefing_id == briefing.id, Registration.status.in_(ACTIVE))
        .group_by(Registration.stakeholder_group_id, Registration.country,
                  Registration.gender))]


def _added_up(profile, column: int) -> dict:
    totals: dict = {}
    for row in profile:
        totals[row[column]] = totals.get(row[column], 0) + row[3]
    return totals


def group_balance(profile, groups: dict[int, StakeholderGroup],
                  goal: dict[int, int]) -> list[GroupShare]:
    """Active registrations by stakeholder group, with their shares and targets.

    Every group that has registrations or a target is listed, in the managed order.
    """
    counts = _added_up(profile, 0)
    total = sum(counts.values())
    ids = [i for i in set(counts) | set(goal) if i is None or i in groups]
    rows = [GroupShare(groups.get(i) if i is not None else None, counts.get(i, 0),
                       percent(counts.get(i, 0), total), goal.get(i) if i is not None else None)
            for i in ids]
    return sorted(rows, key=lambda row: _group_order(row.group))


def countries(profile) -> list[tuple[str, int]]:
    """Active registrations by country code ("" for none given), largest first."""
    return sorted(((code or "", n) for code, n in _added_up(profile, 1).items()),
                  key=lambda row: (row[0] == "", -row[1], row[0]))


def regions(country_counts: list[tuple[str, int]]) -> list[tuple[str, int]]:
    """Country counts added up by UN M49 region; "other" (Antarctica) and "" (none given) last."""
    totals = dict.fromkeys(REGIONS, 0)
    for code, n in country_counts:
        key = "" if not code else region_of(code) or "other"
        totals[key] = totals.get(key, 0) + n
    return [(key, n) for key, n in totals.items() if key in REGIONS or n]


def genders(profile) -> list[tuple[Gender | None, int]]:
    """Active registrations by gender, every answer listed, then those who gave none."""
    counts = _added_up(profile, 2)
    return [(gender, counts.get(gender, 0)) for gender in (*Gender, None)]


def check_ins(briefing: Briefing, groups: dict[int, StakeholderGroup]) -> list[GroupCheckIn]:
    """Confirmed registrations and how many have arrived, by stakeholder group."""
    rows = db.session.execute(
        sa.select(Registration.stakeholder_group_id, sa.func.count(Registration.id),
                  sa.func.count(Registration.checked_in_at))
        .where(Registration.briefing_id == briefing.id, Registration.status == RS.CONFIRMED)
        .group_by(Registration.stakeholder_group_id)).all()
    result = [GroupCheckIn(groups.get(i) if i is not None else None, arrived, confirmed)
              for i, confirmed, arrived in rows]
    return sorted(result, key=lambda row: _group_order(row.group))


def speaking_time(briefing: Briefing, groups: dict[int, StakeholderGroup]) -> list[GroupSpeaking]:
    """Time spoken on the briefing's speakers lists, by the speaker's stakeholder group.

    Only interventions with both a start and an end count.
    """
    seconds = sa.func.sum(_epoch(Intervention.ended_at) - _epoch(Intervention.started_at))
    rows = db.session.execute(
        sa.select(Intervention.stakeholder_group_id, sa.func.count(Intervention.id), seconds)
        .join(BriefingSession, BriefingSession.id == Intervention.session_id)
        .where(BriefingSession.briefing_id == briefing.id,
               Intervention.started_at.is_not(None), Intervention.ended_at.is_not(None))
        .group_by(Intervention.stakeholder_group_id)).all()
    result = [GroupSpeaking(groups.get(i) if i is not None else None, n, max(0, int(s or 0)))
              for i, n, s in rows]
    return sorted(result, key=lambda row: _group_order(row.group))


def dashboard(briefing: Briefing, parts: tuple[str, ...] = PARTS,
              today: date | None = None) -> Dashboard:
    """The dashboard's figures (those named in ``parts``), in a fixed number of queries."""
    board = Dashboard()
    groups = _groups() if {"groups", "check_ins", "speaking"} & set(parts) else {}
    if "days" in parts:
        board.days = registrations_per_day(briefing, today)
    if "statuses" in parts:
        board.statuses = registration_counts(briefing)
    profile = active_profile(briefing) if {"groups", "countries", "genders"} & set(parts) else []
    if "groups" in parts:
        board.groups = group_balance(profile, groups, targets(briefing))
    if "countries" in parts:
        board.countries = countries(profile)
    if "genders" in parts:
        board.genders = genders(profile)
    if "check_ins" in parts:
        board.check_ins = check_ins(briefing, groups)
    if "speaking" in parts:
        board.speaking = speaking_time(briefing, groups)
    return board


def target_groups(briefing: Briefing) -> list[StakeholderGroup]:
    """The groups a target can be set for: the active ones, and any that already has one."""
    with_target = sa.select(GroupTarget.stakeholder_group_id).where(
        GroupTarget.briefing_id == briefing.id)
    return list(db.session.scalars(
        sa.select(StakeholderGroup)
        .where(sa.or_(StakeholderGroup.active, StakeholderGroup.id.in_(with_target)))
        .order_by(StakeholderGroup.position, StakeholderGroup.id)))


def set_targets(briefing: Briefing, wanted: dict[int, int | None], *, actor: User) -> bool:
    """Replace the briefing's target shares (None clears a group's); True if anything changed.

    The targets are shares of one whole: together they may not pass 100 %.
    """
    allowed = {g.id for g in target_groups(briefing)}
    chosen = {gid: value for gid, value in wanted.items() if value is not None}
    if any(gid not in allowed for gid in chosen):
        raise RuleViolation.on("", _l("Choose stakeholder groups from the list."))
    if any(not 0 <= value <= 100 for value in chosen.values()):
        raise RuleViolation.on("", _l("Each target is a percentage from 0 to 100."))
    if sum(chosen.values()) > 100:
        raise RuleViolation.on("", _l("The targets add up to %(total)d %%: together they can be "
                                      "at most 100 %%.", total=sum(chosen.values())))
    current = {t.stakeholder_group_id: t for t in db.session.scalars(
        sa.select(GroupTarget).where(GroupTarget.briefing_id == briefing.id))}
    changes = {}
    for gid, target in current.items():
        if gid not in chosen:
            db.session.delete(target)
            changes[str(gid)] = [target.percent, None]
        elif target.percent != chosen[gid]:
            changes[str(gid)] = [target.percent, chosen[gid]]
            target.percent = chosen[gid]
    for gid, value in chosen.items():
        if gid not in current:
            db.session.add(GroupTarget(briefing_id=briefing.id, stakeholder_group_id=gid,
                                       percent=value))
            changes[str(gid)] = [None, value]
    if not changes:
        db.session.rollback()
        return False
    record("briefing.group_targets", briefing, actor=actor, changes=changes)
    db.session.commit()
    return True
