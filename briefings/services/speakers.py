"""A session's speakers list: who asked for the floor, in which order, who spoke and for how long.

The list is kept in ``Intervention.position`` order and always reads from top
to bottom as: those who have spoken (in the order they took the floor), the
current speaker, then those waiting. Every change takes the session's lock
(see ``database.lock_for_update``), so two secretaries pressing "Start" at the
same moment cannot leave two people speaking, and commits in one transaction
with its audit event. Audit events carry ids, never names.
"""
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum

import sqlalchemy as sa
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from sqlalchemy.orm import joinedload

from ..database import lock_for_update
from ..extensions import db
from ..models import (
    AuditEvent,
    BriefingSession,
    Intervention,
    Registration,
    RegistrationStatus,
    StakeholderGroup,
    utcnow,
)
from .audit import record
from .exports import csv_stream

ORDER_EVENT = "speakers.order"


class SpeakersError(ValueError):
    """A change to the speakers list that the rules refuse; the message is meant for the user."""


class Ordering(StrEnum):
    """How the waiting speakers are ordered."""

    REQUESTED = "requested"  # first asked, first heard
    PROTOCOL = "protocol"  # lower protocol rank first, then by request time


@dataclass
class SpeakerData:
    """A speaker who is not (or not taken from) a registration."""

    name: str
    organization: str = ""
    stakeholder_group_id: int | None = None
    protocol_rank: int | None = None


@dataclass
class GroupTime:
    """Speaking time of one stakeholder group in a session."""

    group: StakeholderGroup | None
    interventions: int
    seconds: int
    share: float  # per cent of the session's speaking time


def entries(session_id: int) -> list[Intervention]:
    """The session's speakers list in order, each with its stakeholder group (one query)."""
    return list(db.session.scalars(
        sa.select(Intervention).options(joinedload(Intervention.stakeholder_group))
        .where(Intervention.session_id == session_id)
        .order_by(Intervention.position, Intervention.id)))


def is_waiting(entry: Intervention) -> bool:
    """True while the speaker has not taken the floor."""
    return entry.started_at is None


def current_speaker(items: list[Intervention]) -> Intervention | None:
    """The entry speaking now, if any."""
    return next((e for e in items if e.started_at and e.ended_at is None), None)


def waiting(items: list[Intervention]) -> list[Intervention]:
    """The entries still waiting for the floor, in order."""
    return [e for e in items if is_waiting(e)]


def seconds_spoken(entry: Intervention, now: datetime | None = None) -> int | None:
    """How long the speaker spoke (up to ``now`` while speaking); None before they start."""
    if entry.started_at is None:
        return None
    end = entry.ended_at or now or utcnow()
    return max(0, int((end - entry.started_at).total_seconds()))


def ordering(session_id: int) -> Ordering:
    """The order the list was last sorted by (by request time until it is first sorted)."""
    changes = db.session.scalar(
        sa.select(AuditEvent.changes)
        .where(AuditEvent.action == ORDER_EVENT, AuditEvent.object_type == "BriefingSession",
               AuditEvent.object_id == session_id)
        .order_by(AuditEvent.at.desc(), AuditEvent.id.desc()).limit(1))
    try:
        return Ordering((changes or {}).get("mode", Ordering.REQUESTED))
    except ValueError:
        return Ordering.REQUESTED


def _protocol_key(entry: Intervention) -> tuple:
    rank = entry.protocol_rank
    return (rank is None, rank if rank is not None else 0, entry.requested_at, entry.id or 0)


def _renumber(items: list[Intervention]) -> None:
    for number, entry in enumerate(items, start=1):
        if entry.position != number:
            entry.position = number


def _locked_list(session_id: int) -> tuple[BriefingSession, list[Intervention]]:
    """Take the session's lock and read its list afresh."""
    session = lock_for_update(BriefingSession, session_id)
    if session is None:
        db.session.rollback()
        raise SpeakersError(_l("This session does not exist."))
    return session, entries(session_id)


def _entry(items: list[Intervention], entry_id: int) -> Intervention:
    entry = next((e for e in items if e.id == entry_id), None)
    if entry is None:
        db.session.rollback()
        raise SpeakersError(_l("This speaker is not on the session's list."))
    return entry


def _refuse(message) -> None:
    db.session.rollback()
    raise SpeakersError(message)


def _insert(session: BriefingSession, items: list[Intervention], entry: Intervention) -> None:
    """Put a new entry where the list's ordering wants it and renumber the list."""
    spoken = [e for e in items if not is_waiting(e)]
    queue = waiting(items)
    at = len(queue)
    if ordering(session.id) == Ordering.PROTOCOL:
        key = _protocol_key(entry)
        at = next((i for i, e in enumerate(queue) if _protocol_key(e) > key), len(queue))
    queue.insert(at, entry)
    db.session.add(entry)
    _renumber(spoken + queue)


def add_registrant(session_id: int, registration_id: int, *, protocol_rank: int | None = None,
                   actor=None, now: datetime | None = None) -> Intervention:
    """Put a confirmed registrant of the briefing on the list, with their organization and group."""
    session, items = _locked_list(session_id)
    registration = db.session.get(Registration, registration_id)
    if (registration is None or registration.briefing_id != session.briefing_id
            or registration.status != RegistrationStatus.CONFIRMED):
        _refuse(_l("Only confirmed registrants of this briefing can be added from the list."))
    if any(e.registration_id == registration_id for e in waiting(items)):
        _refuse(_l("%(name)s is already waiting to speak.", name=registration.full_name))
    entry = Intervention(
        session_id=session.id, registration_id=registration.id,
        speaker_name=registration.full_name, organization=registration.organization,
        stakeholder_group_id=registration.stakeholder_group_id, protocol_rank=protocol_rank,
        requested_at=now or utcnow())
    _insert(session, items, entry)
    db.session.flush()
    record("intervention.add", entry, actor=actor, briefing=session.briefing,
           changes={"session_id": session.id, "registration_id": registration.id,
                    "protocol_rank": protocol_rank})
    db.session.commit()
    return entry


def add_named(session_id: int, data: SpeakerData, *, actor=None,
              now: datetime | None = None) -> Intervention:
    """Put a speaker on the list by name, organization and stakeholder group."""
    session, items = _locked_list(session_id)
    name = data.name.strip()
    if not name:
        _refuse(_l("Enter the speaker's name."))
    entry = Intervention(
        session_id=session.id, speaker_name=name, organization=data.organization.strip(),
        stakeholder_group_id=data.stakeholder_group_id, protocol_rank=data.protocol_rank,
        requested_at=now or utcnow())
    _insert(session, items, entry)
    db.session.flush()
    record("intervention.add", entry, actor=actor, briefing=session.briefing,
           changes={"session_id": session.id, "stakeholder_group_id": data.stakeholder_group_id,
                    "protocol_rank": data.protocol_rank})
    db.session.commit()
    return entry


def resort(session_id: int, mode: Ordering, *, actor=None) -> None:
    """Sort the waiting speakers by ``mode``; those who spoke keep their place. New entries follow it."""
    session, items = _locked_list(session_id)
    queue = waiting(items)
    if mode == Ordering.PROTOCOL:
        queue.sort(key=_protocol_key)
    else:
        queue.sort(key=lambda e: (e.requested_at, e.id))
    _renumber([e for e in items if not is_waiting(e)] + queue)
    record(ORDER_EVENT, session, actor=actor, changes={"mode": mode.value})
    db.session.commit()


def move(session_id: int, entry_id: int, step: int, *, actor=None) -> bool:
    """Move a waiting speaker one place up (``step=-1``) or down (``+1``); False at either end."""
    session, items = _locked_list(session_id)
    entry = _entry(items, entry_id)
    if not is_waiting(entry):
        _refuse(_l("Only speakers who have not spoken yet can be moved."))
    queue = waiting(items)
    index = queue.index(entry)
    target = index + step
    if not 0 <= target < len(queue):
        db.session.rollback()
        return False
    queue[index], queue[target] = queue[target], queue[index]
    _renumber([e for e in items if not is_waiting(e)] + queue)
    record("intervention.move", entry, actor=actor, briefing=session.briefing,
           changes={"session_id": session.id, "position": [index + 1, target + 1]})
    db.session.commit()
    return True


def start(session_id: int, entry_id: int, *, actor=None, now: datetime | None = None) -> Intervention:
    """Give the floor to a speaker; whoever was speaking stops at that moment."""
    session, items = _locked_list(session_id)
    entry = _entry(items, entry_id)
    if not is_waiting(entry):
        _refuse(_l("%(name)s has already taken the floor.", name=entry.speaker_name))
    now = now or utcnow()
    speaking = current_speaker(items)
    if speaking is not None:
        speaking.ended_at = now
        record("intervention.stop", speaking, actor=actor, briefing=session.briefing,
               changes={"session_id": session.id, "seconds": seconds_spoken(speaking)})
    entry.started_at = now
    spoken = [e for e in items if not is_waiting(e) and e is not entry]
    _renumber(spoken + [entry] + [e for e in waiting(items) if e is not entry])
    record("intervention.start", entry, actor=actor, briefing=session.briefing,
           changes={"session_id": session.id})
    db.session.commit()
    return entry


def stop(session_id: int, entry_id: int, *, actor=None, now: datetime | None = None) -> Intervention:
    """End the current speaker's time."""
    session, items = _locked_list(session_id)
    entry = _entry(items, entry_id)
    if entry.started_at is None or entry.ended_at is not None:
        _refuse(_l("%(name)s is not speaking.", name=entry.speaker_name))
    entry.ended_at = max(now or utcnow(), entry.started_at)
    record("intervention.stop", entry, actor=actor, briefing=session.briefing,
           changes={"session_id": session.id, "seconds": seconds_spoken(entry)})
    db.session.commit()
    return entry


def update(session_id: int, entry_id: int, data: SpeakerData, summary: str, *,
           actor=None) -> Intervention:
    """Correct a speaker's details or write the summary of what they said."""
    session, items = _locked_list(session_id)
    entry = _entry(items, entry_id)
    name = data.name.strip()
    if not name:
        _refuse(_l("Enter the speaker's name."))
    changed = {}
    for field, value in (("speaker_name", name), ("organization", data.organization.strip()),
                         ("stakeholder_group_id", data.stakeholder_group_id),
                         ("protocol_rank", data.protocol_rank), ("summary", summary.strip())):
        if getattr(entry, field) != value:
            # Names, organizations and summaries are personal: only say that they changed.
            changed[field] = True if field in ("speaker_name", "organization", "summary") else [
                getattr(entry, field), value]
            setattr(entry, field, value)
    if changed:
        record("intervention.update", entry, actor=actor, briefing=session.briefing,
               changes={"session_id": session.id, **changed})
    db.session.commit()
    return entry


def remove(session_id: int, entry_id: int, *, actor=None) -> None:
    """Take a speaker who has not spoken off the list."""
    session, items = _locked_list(session_id)
    entry = _entry(items, entry_id)
    if not is_waiting(entry):
        _refuse(_l("A speaker who has taken the floor stays on the record."))
    record("intervention.remove", entry, actor=actor, briefing=session.briefing,
           changes={"session_id": session.id, "registration_id": entry.registration_id})
    db.session.delete(entry)
    _renumber([e for e in items if e is not entry])
    db.session.commit()


def group_times(items: list[Intervention], now: datetime | None = None) -> list[GroupTime]:
    """Interventions and speaking time per stakeholder group, longest first (who has spoken)."""
    now = now or utcnow()
    totals: dict[int | None, list] = {}
    for entry in items:
        seconds = seconds_spoken(entry, now)
        if seconds is None:
            continue
        row = totals.setdefault(entry.stakeholder_group_id, [entry.stakeholder_group, 0, 0])
        row[1] += 1
        row[2] += seconds
    overall = sum(row[2] for row in totals.values())
    rows = [GroupTime(group, count, seconds, round(100 * seconds / overall, 1) if overall else 0.0)
            for group, count, seconds in totals.values()]
    return sorted(rows, key=lambda r: (-r.seconds, -r.interventions,
                                       r.group.position if r.group else 10**6))


def confirmed_registrants(briefing_id: int) -> list[Registration]:
    """The briefing's confirmed registrants by name, to pick a speaker from."""
    return list(db.session.scalars(
        sa.select(Registration)
        .where(Registration.briefing_id == briefing_id,
               Registration.status == RegistrationStatus.CONFIRMED)
        .order_by(Registration.full_name, Registration.id)))


def intervention_counts(session_ids: list[int]) -> dict[int, int]:
    """How many entries each session's speakers list holds."""
    if not session_ids:
        return {}
    rows = db.session.execute(
        sa.select(Intervention.session_id, sa.func.count())
        .where(Intervention.session_id.in_(session_ids)).group_by(Intervention.session_id))
    counts = dict.fromkeys(session_ids, 0)
    counts.update({session_id: n for session_id, n in rows})
    return counts


def csv_export(session: BriefingSession, items: list[Intervention], locale: str) -> Iterator[str]:
    """The speakers list as CSV, times in the briefing's timezone, formulas escaped."""
    zone = session.briefing.zone
    tz = session.briefing.timezone

    def local(value: datetime | None) -> str:
        return value.astimezone(zone).strftime("%Y-%m-%d %H:%M:%S") if value else ""

    header = [_("Name"), _("Organization"), _("Stakeholder group"),
              _("Requested at (%(zone)s)", zone=tz), _("From (%(zone)s)", zone=tz),
              _("To (%(zone)s)", zone=tz), _("Duration (seconds)"), _("Summary")]
    rows = ([e.speaker_name, e.organization,
             e.stakeholder_group.label(locale) if e.stakeholder_group else "",
             local(e.requested_at), local(e.started_at), local(e.ended_at),
             seconds_spoken(e) if e.ended_at else "", e.summary] for e in items)
    return csv_stream(header, rows)
