"""The managed list of stakeholder groups: add, rename, recolour, reorder, (de)activate."""
import re
import unicodedata

import sqlalchemy as sa
from flask_babel import lazy_gettext as _l

from ..extensions import db
from ..models import StakeholderGroup, User
from .audit import record

CODE_LENGTH = 40
COLOR_PATTERN = re.compile(r"^#[0-9a-fA-F]{6}$")
# Fields an admin may change; the code is deliberately not among them.
EDITABLE = ("name", "name_fr", "name_ar", "color", "position", "active")


class GroupError(ValueError):
    """A change to a group that the rules refuse; ``field`` is where the message belongs."""

    def __init__(self, message, field: str | None = None):
        super().__init__(message)
        self.message = message
        self.field = field

    def __str__(self) -> str:
        return str(self.message)


def ordered_groups() -> list[StakeholderGroup]:
    """Every group, active or not, in the order the admin set."""
    return list(db.session.scalars(
        sa.select(StakeholderGroup).order_by(StakeholderGroup.position, StakeholderGroup.name)))


def offered_groups(current_id: int | None = None) -> list[StakeholderGroup]:
    """The groups a new form offers: the active ones, in order.

    ``current_id`` keeps a record's own group in the list when that group has
    since been deactivated, so editing an old record does not lose it.
    """
    condition = StakeholderGroup.active.is_(True)
    if current_id is not None:
        condition = sa.or_(condition, StakeholderGroup.id == current_id)
    return list(db.session.scalars(
        sa.select(StakeholderGroup).where(condition)
        .order_by(StakeholderGroup.position, StakeholderGroup.name)))


def group_choices(locale: str, current_id: int | None = None) -> list[tuple[int, str]]:
    """(id, name in ``locale``) pairs of the offered groups, for a select field."""
    return [(g.id, g.label(locale)) for g in offered_groups(current_id)]


def name_taken(name: str, *, exclude_id: int | None = None) -> bool:
    """True if another group already has this English name (compared case-insensitively)."""
    query = sa.select(StakeholderGroup.id).where(
        sa.func.lower(StakeholderGroup.name) == name.strip().lower())
    if exclude_id is not None:
        query = query.where(StakeholderGroup.id != exclude_id)
    return db.session.scalar(query) is not None


def code_for(name: str) -> str:
    """A new, unused code made from the English name, e.g. "Youth groups" -> "youth_groups"."""
    ascii_name = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode()
    base = re.sub(r"[^a-z0-9]+", "_", ascii_name.lower()).strip("_")[:CODE_LENGTH] or "group"
    taken = set(db.session.scalars(
        sa.select(StakeholderGroup.code).where(StakeholderGroup.code.startswith(base))))
    code, n = base, 1
    while code in taken:
        n += 1
        suffix = f"_{n}"
        code = base[:CODE_LENGTH - len(suffix)] + suffix
    return code


def _check(name: str, color: str, exclude_id: int | None) -> None:
    if not name.strip():
        raise GroupError(_l("Give the group an English name."), field="name")
    if name_taken(name, exclude_id=exclude_id):
        raise GroupError(_l("A group with this name already exists."), field="name")
    if not COLOR_PATTERN.match(color or ""):
        raise GroupError(_l("Give the colour as # followed by six hexadecimal digits."),
                         field="color")


def create_group(*, name: str, name_fr: str = "", name_ar: str = "", color: str = "#6c757d",
                 position: int | None = None, actor: User | None) -> StakeholderGroup:
    """Add a group at ``position`` (default: at the end); its code comes from the English name."""
    _check(name, color, None)
    if position is None:
        last = db.session.scalar(sa.select(sa.func.max(StakeholderGroup.position)))
        position = 0 if last is None else last + 1
    group = StakeholderGroup(code=code_for(name), name=name.strip(), name_fr=name_fr.strip(),
                             name_ar=name_ar.strip(), color=color.lower(), position=position,
                             active=True)
    db.session.add(group)
    db.session.flush()
    record("group.create", group, actor=actor,
           changes={"code": group.code, **{f: getattr(group, f) for f in EDITABLE}})
    db.session.commit()
    return group


def update_group(group: StakeholderGroup, *, actor: User | None, **values) -> None:
    """Change a group's names, colour, order or active flag; the code never changes."""
    unknown = set(values) - set(EDITABLE)
    if unknown:
        raise TypeError(f"not editable: {', '.join(sorted(unknown))}")
    for key in ("name", "name_fr", "name_ar"):
        if key in values:
            values[key] = (values[key] or "").strip()
    if "color" in values:
        values["color"] = (values["color"] or "").lower()
    _check(values.get("name", group.name), values.get("color", group.color), group.id)
    changes = {}
    for key, value in values.items():
        if getattr(group, key) != value:
            setattr(group, key, value)
            changes[key] = value
    if changes:
        record("group.update", group, actor=actor, changes=changes)
    db.session.commit()


def set_group_active(group: StakeholderGroup, active: bool, *, actor: User | None) -> None:
    """Deactivate a group (kept on old records, not offered in new forms) or bring it back."""
    update_group(group, active=active, actor=actor)
