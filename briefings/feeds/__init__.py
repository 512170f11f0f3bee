"""Feeds for calendar and feed readers: one session as iCalendar, a briefing's outcomes as Atom.

The whole programme (/b/<slug>/agenda.ics) lives with the public pages and a
registrant's own calendar (/r/<token>/calendar.ics) with their private page.
"""
from flask import Blueprint

bp = Blueprint("feeds", __name__)

from . import routes  # noqa: E402,F401
