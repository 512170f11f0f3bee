"""Certificates of attendance behind a participant's private link, and the private page's
section that leads to them and to the feedback survey."""
from flask import Blueprint

bp = Blueprint("certificates", __name__)

from . import routes  # noqa: E402,F401
