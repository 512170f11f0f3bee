"""The organizer's area: briefings, their settings and programme, the audit log."""
from flask import Blueprint

bp = Blueprint("organizer", __name__)

from . import routes  # noqa: E402,F401
