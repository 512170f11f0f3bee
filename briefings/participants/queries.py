"""Reading a briefing's registrations: filters, search, sorting and pages (nothing here writes)."""
from dataclasses import dataclass, field, replace
from math import ceil

import sqlalchemy as sa
from sqlalchemy.orm import contains_eager

from ..extensions import db
from ..models import (
    AttendanceMode,
    BriefingSession,
    Registration,
    RegistrationStatus as RS,
    SeatStatus,
    SessionSeat,
    StakeholderGroup,
)
from ..services.checkin import like_pattern

PER_PAGE = 50

# The only columns a list may be sorted by: query-string keys never name attributes.
_STATUS_ORDER = sa.case({status: n for n, status in enumerate(RS)}, value=Registration.status)
SORTS = {
    "name": (sa.func.lower(Registration.full_name),),
    "organization": (sa.func.lower(Registration.organization),),
    "group": (StakeholderGroup.position, StakeholderGroup.name),
    "country": (Registration.country,),
    "status": (_STATUS_ORDER,),
    "registered": (Registration.created_at,),
}
DEFAULT_SORT = "registered"


@dataclass(frozen=True)
class Filters:
    """What the organizer asked to see; every value already checked against what exists."""

    status: RS | None = None
    group_id: int | None = None
    country: str | None = None
    session_id: int | None = None
    mode: AttendanceMode | None = None
    text: str = ""
    sort: str = DEFAULT_SORT
    descending: bool = False

    def sorted_by(self, key: str) -> "Filters":
        """These filters sorted by ``key``: ascending, or reversed if already sorted by it."""
        return replace(self, sort=key, descending=key == self.sort and not self.descending)


@dataclass
class Page:
    items: list[Registration]
    number: int
    pages: int
    total: int
    numbers: list[int] = field(default_factory=list)


def _conditions(briefing_id: int, filters: Filters) -> list:
    """The WHERE conditions of ``filters`` (on registration columns only)."""
    conditions = [Registration.briefing_id == briefing_id]
    if filters.status is not None:
        conditions.append(Registration.status == filters.status)
    if filters.group_id is not None:
        conditions.append(Registration.stakeholder_group_id == filters.group_id)
    if filters.country:
        conditions.append(Registration.country == filters.country)
    if filters.mode is not None:
        conditions.append(Registration.attendance_mode == filters.mode)
    if filters.session_id is not None:
        conditions.append(sa.exists().where(
            SessionSeat.registration_id == Registration.id,
            SessionSeat.session_id == filters.session_id,
            SessionSeat.status != SeatStatus.RELEASED))
    text = " ".join(filters.text.split()).lower()
    if text:
        pattern = like_pattern(text)
        conditions.append(sa.or_(
            sa.func.lower(Registration.full_name).like(pattern, escape="\\"),
            sa.func.lower(Registration.organization).like(pattern, escape="\\"),
            Registration.email_key.like(pattern, escape="\\"),
        ))
    return conditions


def count_matching(briefing_id: int, filters: Filters) -> int:
    """How many registrations match ``filters`` (counted without joining, sorting or loading)."""
    return db.session.scalar(sa.select(sa.func.count(Registration.id))
                             .where(*_conditions(briefing_id, filters))) or 0


def matching(briefing_id: int, filters: Filters) -> sa.Select:
    """The registrations that match ``filters``, sorted, each with its stakeholder group loaded."""
    query = (
        sa.select(Registration)
        .outerjoin(StakeholderGroup, Registration.stakeholder_group_id == StakeholderGroup.id)
        .options(contains_eager(Registration.stakeholder_group))
        .where(*_conditions(briefing_id, filters))
    )
    columns = SORTS.get(filters.sort, SORTS[DEFAULT_SORT])
    order = [column.desc() if filters.descending else column.asc() for column in columns]
    if filters.sort == "group":  # people without a group come last either way
        order.insert(0, Registration.stakeholder_group_id.is_(None).asc())
    return query.order_by(*order, Registration.id.desc() if filters.descending
                          else Registration.id.asc())


def page(briefing_id: int, filters: Filters, number: int,
         counts: dict[RS, int] | None = None) -> Page:
    """One page of the matching registrations; a page past the end shows the last one.

    ``counts`` (``status_counts``) gives the total without another count where
    the filters name a status at most.
    """
    query = matching(briefing_id, filters)
    if counts is not None and replace(filters, status=None, sort=DEFAULT_SORT,
                                      descending=False) == Filters():
        total = counts[filters.status] if filters.status else sum(counts.values())
    else:
        total = count_matching(briefing_id, filters)
    pages = max(1, ceil(total / PER_PAGE))
    number = min(max(1, number), pages)
    items = list(db.session.scalars(query.limit(PER_PAGE).offset((number - 1) * PER_PAGE)))
    return Page(items, number, pages, total, _nearby(number, pages))


def _nearby(number: int, pages: int) -> list[int]:
    """Page numbers to link: the first, the last, and two either side of the current one."""
    shown = {1, pages, *range(number - 2, number + 3)}
    return sorted(n for n in shown if 1 <= n <= pages)


def status_counts(briefing_id: int) -> dict[RS, int]:
    """How many registrations the briefing has in each status (zero included)."""
    counts = dict.fromkeys(RS, 0)
    counts.update((status, n) for status, n in db.session.execute(
        sa.select(Registration.status, sa.func.count())
        .where(Registration.briefing_id == briefing_id)
        .group_by(Registration.status)))
    return counts


def mode_counts(briefing_id: int) -> dict[AttendanceMode, dict[RS, int]]:
    """Registrations per attendance mode and status (every pair present, zero or more)."""
    counts = {mode: dict.fromkeys(RS, 0) for mode in AttendanceMode}
    for mode, status, n in db.session.execute(
            sa.select(Registration.attendance_mode, Registration.status, sa.func.count())
            .where(Registration.briefing_id == briefing_id)
            .group_by(Registration.attendance_mode, Registration.status)):
        counts[mode][status] = n
    return counts


def countries_in_use(briefing_id: int) -> list[str]:
    """The country codes that the briefing's registrants gave, in code order.

    Read by skipping from one code to the next along the (briefing, country)
    index: a few dozen seeks however many registrations share each code,
    where ``SELECT DISTINCT`` would read every registration's entry.
    """
    def after(previous) -> sa.ScalarSelect:
        return (sa.select(sa.func.min(Registration.country))
                .where(Registration.briefing_id == briefing_id, Registration.country > previous)
                .scalar_subquery())

    codes = sa.select(after("").label("code")).cte("codes", recursive=True)
    codes = codes.union_all(sa.select(after(codes.c.code)).where(codes.c.code.is_not(None)))
    return list(db.session.scalars(sa.select(codes.c.code).where(codes.c.code.is_not(None))))


def groups() -> list[StakeholderGroup]:
    """All stakeholder groups (retired ones too: old registrations may name them), in list order."""
    return list(db.session.scalars(
        sa.select(StakeholderGroup).order_by(StakeholderGroup.position, StakeholderGroup.id)))


def sessions(briefing_id: int) -> list[sa.Row]:
    """The briefing's sessions in programme order, as (id, title) rows for choosing one.

    Rows, not ORM objects: a programme of 60 sessions costs two milliseconds less.
    """
    return list(db.session.execute(
        sa.select(BriefingSession.id, BriefingSession.title)
        .where(BriefingSession.briefing_id == briefing_id)
        .order_by(BriefingSession.starts_at, BriefingSession.position, BriefingSession.id)))
