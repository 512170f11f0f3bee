"""The rows of the registrations list, written once per page rather than cell by cell.

A page of 50 registrations shows 50 links, 50 status badges, 100 dates and
times and 100 names in the page's language. Worked out here, each distinct
badge, group or clock time is written once per page, the language is looked
up once, and the template only prints.
"""
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from flask import get_template_attribute, url_for
from markupsafe import Markup

from .. import countries, i18n
from ..labels import enum_label
from ..models import Registration


@dataclass(frozen=True)
class ListRow:
    """What one line of the list shows, ready to print."""

    id: int
    full_name: str
    email: str
    organization: str
    link: str
    group: str
    country: str
    badge: Markup
    registered: str
    mode: str
    checked_in: str


def list_rows(registrations: Iterable[Registration], tz: str) -> list[ListRow]:
    """The rows for ``registrations``, with times in ``tz`` and names in the page's language."""
    language = i18n.current_language()
    stamp = i18n.stamp_writer(tz)
    link = id_link(".registration", "registration_id")
    status_badge = get_template_attribute("participants/_macros.html", "status_badge")
    badges: dict = {}
    groups: dict = {}
    modes: dict = {}
    rows = []
    for r in registrations:
        if r.status not in badges:
            badges[r.status] = status_badge(r.status)
        group = r.stakeholder_group
        if group is not None and group.id not in groups:
            groups[group.id] = group.label(language)
        if r.attendance_mode not in modes:
            modes[r.attendance_mode] = enum_label(r.attendance_mode)
        rows.append(ListRow(
            id=r.id, full_name=r.full_name, email=r.email, organization=r.organization,
            link=link(r.id), group=groups[group.id] if group is not None else "",
            country=countries.country_name(r.country, language), badge=badges[r.status],
            registered=stamp(r.created_at), mode=modes[r.attendance_mode],
            checked_in=stamp(r.checked_in_at) if r.checked_in_at else ""))
    return rows


def id_link(endpoint: str, argument: str) -> Callable[[int], str]:
    """A function giving ``endpoint``'s address for an id, built by the URL map once.

    Where the id is the address's last part (as for every such route here),
    the others are written from the first; otherwise each is built in turn.
    """
    sample = url_for(endpoint, **{argument: 0})
    if sample.endswith("/0"):
        prefix = sample[:-1]
        return lambda value: f"{prefix}{int(value)}"
    return lambda value: url_for(endpoint, **{argument: value})
