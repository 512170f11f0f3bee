"""Public pages: the list of briefings, a briefing with its programme, its calendar."""
from flask import Blueprint

bp = Blueprint("public", __name__)

from . import routes  # noqa: E402,F401
