"""The participant's side: the registration form and the private page behind the secret link."""
from flask import Blueprint

bp = Blueprint("registration", __name__)

from . import privacy, routes  # noqa: E402,F401
