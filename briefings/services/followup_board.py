"""The follow-up page: a briefing's action items and pledges, and those of the briefings it follows.

A briefing may name the earlier briefing it follows up, which may name its
own, and so on: the page rolls the chain up, each item labelled with its
briefing. Where the reader keeps no records in an earlier briefing, they see
only what its public pages show (published documents' action items, the
pledges of a public briefing) and no owner's contact details.
"""
from dataclasses import dataclass, field
from datetime import date, datetime
from enum import StrEnum

import sqlalchemy as sa
from flask_babel import lazy_gettext as _l
from sqlalchemy.orm import contains_eager, selectinload

from ..extensions import db
from ..models import (
    ActionItem,
    ActionStatus,
    Briefing,
    FollowUp,
    OutcomeDocument,
    OutcomeStatus,
    Pledge,
    PledgeStatus,
)
from ..permissions import Perm, can
from .followup import ACTION, CLOSED, PLEDGE, Item, due_of, local_today

MAX_CHAIN = 6  # this briefing and up to five before it


class Progress(StrEnum):
    """Action and pledge statuses brought to one scale, for the counts."""

    OPEN = "open"
    IN_PROGRESS = "in_progress"
    DONE = "done"
    DROPPED = "dropped"


PROGRESS = {
    ActionStatus.OPEN: Progress.OPEN, PledgeStatus.ANNOUNCED: Progress.OPEN,
    ActionStatus.IN_PROGRESS: Progress.IN_PROGRESS, PledgeStatus.IN_PROGRESS: Progress.IN_PROGRESS,
    ActionStatus.DONE: Progress.DONE, PledgeStatus.FULFILLED: Progress.DONE,
    ActionStatus.DROPPED: Progress.DROPPED, PledgeStatus.WITHDRAWN: Progress.DROPPED,
}
PROGRESS_LABELS = {
    Progress.OPEN: _l("Not started"),
    Progress.IN_PROGRESS: _l("In progress"),
    Progress.DONE: _l("Done"),
    Progress.DROPPED: _l("Dropped or withdrawn"),
}


@dataclass
class Row:
    """One action item or pledge on the page."""

    kind: str
    item: Item
    briefing: Briefing
    follow_up: FollowUp | None
    due: date | None
    overdue: bool
    progress: Progress
    editable: bool  # the reader keeps records in the item's briefing
    document: OutcomeDocument | None = None

    @property
    def title(self) -> str:
        return self.item.what if self.kind == ACTION else self.item.title

    @property
    def owner_name(self) -> str:
        """The owner, for readers who keep records in the item's briefing only."""
        return self.follow_up.owner_name if self.follow_up and self.editable else ""

    @property
    def last_update(self):
        """The latest report on the item (its note is internal: same readers as the owner)."""
        if not (self.editable and self.follow_up and self.follow_up.updates):
            return None
        return self.follow_up.updates[0]


@dataclass
class Board:
    briefings: list[Briefing]
    rows: list[Row]
    today: date
    counts: dict[Progress, int] = field(default_factory=dict)
    overdue: int = 0

    @property
    def total(self) -> int:
        return len(self.rows)

    @property
    def done_share(self) -> int:
        """Percentage of the items that are done (dropped ones left out of the base)."""
        base = self.total - self.counts.get(Progress.DROPPED, 0)
        return round(100 * self.counts.get(Progress.DONE, 0) / base) if base else 0


def chain(briefing: Briefing) -> list[Briefing]:
    """This briefing, the one it follows up, the one that one follows, ... (no loops)."""
    found = [briefing]
    seen = {briefing.id}
    current = briefing
    while current.follows_briefing_id and len(found) < MAX_CHAIN:
        earlier = db.session.get(Briefing, current.follows_briefing_id)
        if earlier is None or earlier.id in seen:
            break
        found.append(earlier)
        seen.add(earlier.id)
        current = earlier
    return found


def _action_items(briefing: Briefing, public_only: bool) -> list[ActionItem]:
    query = (sa.select(ActionItem).join(ActionItem.document)
             .where(OutcomeDocument.briefing_id == briefing.id)
             .options(contains_eager(ActionItem.document))
             .order_by(OutcomeDocument.id, ActionItem.id))
    if public_only:
        query = query.where(OutcomeDocument.status == OutcomeStatus.PUBLISHED)
    return list(db.session.scalars(query))


def _pledges(briefing: Briefing, public_only: bool) -> list[Pledge]:
    if public_only and not briefing.is_public:
        return []
    return list(db.session.scalars(sa.select(Pledge).where(Pledge.briefing_id == briefing.id)
                                   .order_by(Pledge.id)))


def _follow_ups(column, ids: list[int]) -> dict[int, FollowUp]:
    if not ids:
        return {}
    rows = db.session.scalars(sa.select(FollowUp).where(column.in_(ids))
                              .options(selectinload(FollowUp.updates)))
    return {getattr(f, column.key): f for f in rows}


def _sort_key(row: Row):
    closed = row.item.status in CLOSED
    return (2 if closed else 0 if row.overdue else 1, row.due is None, row.due or date.max,
            row.briefing.starts_at, row.kind, row.item.id)


def board(briefing: Briefing, user, now: datetime | None = None) -> Board:
    """The rolled-up follow-up of ``briefing`` as ``user`` may see it."""
    briefings = chain(briefing)
    today = local_today(briefing, now)
    collected: list[tuple[str, Item, Briefing, bool]] = []
    for each in briefings:
        editable = can(user, Perm.KEEP_RECORDS, each)
        collected += [(ACTION, item, each, editable) for item in _action_items(each, not editable)]
        collected += [(PLEDGE, item, each, editable) for item in _pledges(each, not editable)]
    actions = _follow_ups(FollowUp.action_item_id,
                          [item.id for kind, item, *_ in collected if kind == ACTION])
    pledges = _follow_ups(FollowUp.pledge_id,
                          [item.id for kind, item, *_ in collected if kind == PLEDGE])
    rows = []
    for kind, item, each, editable in collected:
        follow_up = (actions if kind == ACTION else pledges).get(item.id)
        due = due_of(item, follow_up)
        rows.append(Row(kind=kind, item=item, briefing=each, follow_up=follow_up, due=due,
                        overdue=due is not None and due < today and item.status not in CLOSED,
                        progress=PROGRESS[item.status], editable=editable,
                        document=item.document if kind == ACTION else None))
    rows.sort(key=_sort_key)
    result = Board(briefings=briefings, rows=rows, today=today)
    result.counts = {p: sum(1 for r in rows if r.progress == p) for p in Progress}
    result.overdue = sum(1 for r in rows if r.overdue)
    return result
