"""Pledges: recording them and their progress, and the register's filters, pages and totals.

The register's totals come from GROUP BY queries, so a page costs the same
number of queries whether the briefing holds five pledges or five thousand.
"""
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from math import ceil

import sqlalchemy as sa
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from sqlalchemy.orm import joinedload, selectinload

from ..countries import country_name, is_country
from ..extensions import db
from ..models import (
    Briefing,
    GCMObjective,
    Pledge,
    PledgeStatus,
    PledgeType,
    PledgeUpdate,
    StakeholderGroup,
)
from ..models.pledges import pledge_objective
from ..routing import whole_number
from .audit import record

PER_PAGE = 25
FIELDS = ("entity", "stakeholder_group_id", "country", "type", "title", "description",
          "partners", "amount_usd", "status")


class PledgeError(ValueError):
    """A change that the rules refuse; the message is meant for the user."""


@dataclass
class PledgeData:
    """What a pledge says, as entered by the secretariat."""

    entity: str
    type: PledgeType
    title: str
    stakeholder_group_id: int | None = None
    country: str = ""
    description: str = ""
    partners: str = ""
    amount_usd: Decimal | None = None
    status: PledgeStatus = PledgeStatus.ANNOUNCED
    objectives: list[int] = field(default_factory=list)


def _check(data: PledgeData) -> None:
    if data.amount_usd is not None and data.type != PledgeType.FINANCIAL:
        raise PledgeError(_l("Only a financial pledge has an amount."))
    if data.amount_usd is not None and data.amount_usd < 0:
        raise PledgeError(_l("The amount cannot be negative."))
    if data.country and not is_country(data.country):
        raise PledgeError(_l("Choose a country from the list."))


def _objectives(numbers) -> list[GCMObjective]:
    numbers = sorted({int(n) for n in numbers or ()})
    if not numbers:
        return []
    return list(db.session.scalars(sa.select(GCMObjective).where(GCMObjective.number.in_(numbers))
                                   .order_by(GCMObjective.number)))


def _apply(pledge: Pledge, data: PledgeData) -> list[str]:
    """Copy ``data`` onto ``pledge``; the names of the fields that changed."""
    changed = []
    values = {"entity": data.entity.strip(), "stakeholder_group_id": data.stakeholder_group_id,
              "country": data.country or "", "type": data.type, "title": data.title.strip(),
              "description": data.description.strip(), "partners": data.partners.strip(),
              "amount_usd": data.amount_usd, "status": data.status}
    for name in FIELDS:
        if getattr(pledge, name) != values[name]:
            setattr(pledge, name, values[name])
            changed.append(name)
    chosen = _objectives(data.objectives)
    if [o.number for o in pledge.objectives] != [o.number for o in chosen]:
        pledge.objectives = chosen
        changed.append("objectives")
    return changed


def create_pledge(briefing: Briefing, data: PledgeData, *, actor=None) -> Pledge:
    """Record a pledge made at or after the briefing."""
    _check(data)
    pledge = Pledge(briefing_id=briefing.id)
    _apply(pledge, data)
    db.session.add(pledge)
    db.session.flush()
    record("pledge.create", pledge, actor=actor, briefing=briefing,
           changes={"type": data.type.value, "status": data.status.value,
                    "objectives": [o.number for o in pledge.objectives]})
    db.session.commit()
    return pledge


def update_pledge(pledge: Pledge, data: PledgeData, *, actor=None) -> list[str]:
    """Change a pledge; the names of the fields that changed (none: nothing is written)."""
    _check(data)
    old_status = pledge.status
    changed = _apply(pledge, data)
    if not changed:
        db.session.rollback()
        return []
    changes = {name: True for name in changed}
    if "status" in changed:
        changes["status"] = [old_status.value, data.status.value]
    record("pledge.update", pledge, actor=actor, briefing=db.session.get(Briefing,
                                                                         pledge.briefing_id),
           changes=changes)
    db.session.commit()
    return changed


def add_update(pledge: Pledge, *, on: date, status: PledgeStatus, note: str = "",
               actor=None) -> PledgeUpdate:
    """Add a dated progress update; the pledge takes the update's status."""
    update = PledgeUpdate(pledge=pledge, on=on, status=status, note=note.strip(),
                          author_id=getattr(actor, "id", None))
    db.session.add(update)
    old = pledge.status
    pledge.status = status
    db.session.flush()
    record("pledge.progress", pledge, actor=actor,
           briefing=db.session.get(Briefing, pledge.briefing_id),
           changes={"status": [old.value, status.value], "on": on.isoformat(),
                    "update_id": update.id})
    db.session.commit()
    return update


def delete_pledge(pledge: Pledge, *, actor=None) -> None:
    """Delete a pledge entered by mistake, with its updates (a withdrawn pledge keeps its record)."""
    record("pledge.delete", pledge, actor=actor,
           briefing=db.session.get(Briefing, pledge.briefing_id),
           changes={"type": pledge.type.value})
    db.session.delete(pledge)
    db.session.commit()


# --- the register ---------------------------------------------------------------------------

@dataclass
class Filters:
    """What the register is narrowed to; None means "all"."""

    group: StakeholderGroup | None = None
    type: PledgeType | None = None
    objective: int | None = None
    country: str | None = None
    status: PledgeStatus | None = None

    def args(self) -> dict[str, str]:
        """The query-string parameters that show these filters."""
        values = {"group": self.group.code if self.group else None,
                  "type": self.type.value if self.type else None,
                  "objective": str(self.objective) if self.objective else None,
                  "country": self.country, "status": self.status.value if self.status else None}
        return {key: value for key, value in values.items() if value}

    @property
    def active(self) -> bool:
        return bool(self.args())


FILTER_NAMES = ("group", "type", "objective", "country", "status")


def parse_filters(args: Mapping[str, str], groups: list[StakeholderGroup]) -> tuple[Filters, list[str]]:
    """Filters from query-string values, checked against the known ones.

    Returns the filters and the names of the parameters that were not
    understood (they are ignored, and the page says so).
    """
    filters, ignored = Filters(), []
    by_code = {g.code: g for g in groups}
    for name in FILTER_NAMES:
        raw = (args.get(name) or "").strip()
        if not raw:
            continue
        if name == "group" and raw in by_code:
            filters.group = by_code[raw]
        elif name == "type" and raw in PledgeType._value2member_map_:
            filters.type = PledgeType(raw)
        elif name == "status" and raw in PledgeStatus._value2member_map_:
            filters.status = PledgeStatus(raw)
        elif name == "objective" and 1 <= (whole_number(raw) or 0) <= 23:
            filters.objective = int(raw)
        elif name == "country" and is_country(raw.upper()):
            filters.country = raw.upper()
        else:
            ignored.append(name)
    return filters, ignored


def _conditions(briefing_id: int, filters: Filters) -> list:
    conditions = [Pledge.briefing_id == briefing_id]
    if filters.group is not None:
        conditions.append(Pledge.stakeholder_group_id == filters.group.id)
    if filters.type is not None:
        conditions.append(Pledge.type == filters.type)
    if filters.status is not None:
        conditions.append(Pledge.status == filters.status)
    if filters.country:
        conditions.append(Pledge.country == filters.country)
    if filters.objective is not None:
        conditions.append(Pledge.id.in_(
            sa.select(pledge_objective.c.pledge_id)
            .where(pledge_objective.c.objective_number == filters.objective)))
    return conditions


def matching(briefing_id: int, filters: Filters) -> sa.Select:
    """The pledges that pass ``filters``, by entity, with their group and objectives."""
    return (sa.select(Pledge).where(*_conditions(briefing_id, filters))
            .options(joinedload(Pledge.stakeholder_group), selectinload(Pledge.objectives))
            .order_by(Pledge.entity, Pledge.id))


@dataclass
class Page:
    """One page of the register."""

    items: list[Pledge]
    total: int
    number: int
    per_page: int

    @property
    def pages(self) -> int:
        return max(1, ceil(self.total / self.per_page))


def page(briefing_id: int, filters: Filters, number: int, per_page: int = PER_PAGE) -> Page:
    """Page ``number`` (from 1; past the end means the last page) of the filtered register."""
    total = db.session.scalar(sa.select(sa.func.count(Pledge.id))
                              .where(*_conditions(briefing_id, filters)))
    last = max(1, ceil(total / per_page))
    number = min(max(1, number), last)
    items = db.session.scalars(matching(briefing_id, filters)
                               .limit(per_page).offset((number - 1) * per_page)).all()
    return Page(list(items), total, number, per_page)


@dataclass
class Row:
    """One line of a totals table: how many pledges, and their committed USD."""

    key: object
    label: str
    count: int
    usd: Decimal


@dataclass
class Totals:
    """The filtered register summed up, overall and by group, type, objective and country."""

    count: int
    usd: Decimal
    by_group: list[Row]
    by_type: list[Row]
    by_objective: list[Row]
    by_country: list[Row]


def _usd():
    # Committed money: financial pledges that have not been withdrawn.
    return sa.func.coalesce(sa.func.sum(sa.case(
        (sa.and_(Pledge.type == PledgeType.FINANCIAL, Pledge.status != PledgeStatus.WITHDRAWN),
         Pledge.amount_usd), else_=None)), 0)


def _money(value) -> Decimal:
    return Decimal(str(value or 0)).quantize(Decimal("0.01"))


def totals(briefing_id: int, filters: Filters, language: str) -> Totals:
    """Counts and USD sums of the filtered pledges, in five GROUP BY queries.

    USD sums add up financial pledges that are not withdrawn; counts include
    every pledge that passes the filters.
    """
    where = _conditions(briefing_id, filters)
    count, usd = db.session.execute(sa.select(sa.func.count(Pledge.id), _usd()).where(*where)).one()

    group_rows = db.session.execute(
        sa.select(StakeholderGroup, sa.func.count(Pledge.id), _usd())
        .select_from(Pledge).outerjoin(StakeholderGroup)
        .where(*where).group_by(Pledge.stakeholder_group_id, StakeholderGroup.id)
        .order_by(sa.func.count(Pledge.id).desc(), StakeholderGroup.id.is_(None),
                  StakeholderGroup.position)).all()
    by_group = [Row(group.code if group else None,
                    group.label(language) if group else _("Not specified"), n, _money(s))
                for group, n, s in group_rows]

    type_rows = dict((t, (n, s)) for t, n, s in db.session.execute(
        sa.select(Pledge.type, sa.func.count(Pledge.id), _usd()).where(*where)
        .group_by(Pledge.type)))
    by_type = [Row(t, "", type_rows[t][0], _money(type_rows[t][1]))  # labelled by the page
               for t in PledgeType if t in type_rows]

    objective_rows = db.session.execute(
        sa.select(GCMObjective, sa.func.count(Pledge.id), _usd())
        .select_from(Pledge)
        .join(pledge_objective, pledge_objective.c.pledge_id == Pledge.id)
        .join(GCMObjective, GCMObjective.number == pledge_objective.c.objective_number)
        .where(*where).group_by(GCMObjective.number)
        .order_by(GCMObjective.number)).all()
    by_objective = [Row(o.number, o.label(language), n, _money(s)) for o, n, s in objective_rows]

    country_rows = db.session.execute(
        sa.select(Pledge.country, sa.func.count(Pledge.id), _usd()).where(*where)
        .group_by(Pledge.country)).all()
    by_country = sorted(
        (Row(code or None, country_name(code, language) if code else _("No country"), n,
             _money(s)) for code, n, s in country_rows),
        key=lambda row: (-row.count, row.key is None, row.label.casefold()))
    return Totals(count, _money(usd), by_group, by_type, by_objective, by_country)


def pledge_of(briefing_id: int, pledge_id: int) -> Pledge | None:
    """A pledge of this briefing with its updates and objectives, or None."""
    return db.session.scalar(
        sa.select(Pledge).where(Pledge.id == pledge_id, Pledge.briefing_id == briefing_id)
        .options(selectinload(Pledge.updates), selectinload(Pledge.objectives),
                 joinedload(Pledge.stakeholder_group)))


def all_groups() -> list[StakeholderGroup]:
    """Every stakeholder group (retired ones too: old pledges may name them), in order."""
    return list(db.session.scalars(sa.select(StakeholderGroup).order_by(
        StakeholderGroup.position, StakeholderGroup.name)))


def countries_in_use(briefing_id: int) -> list[str]:
    """The countries the briefing's pledges come from."""
    return list(db.session.scalars(
        sa.select(Pledge.country).where(Pledge.briefing_id == briefing_id, Pledge.country != "")
        .distinct()))
