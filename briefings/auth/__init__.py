"""Staff sign-in and sign-out."""
from flask import Blueprint
from flask_babel import lazy_gettext as _l

from ..extensions import login_manager

bp = Blueprint("auth", __name__)


@bp.record_once
def _configure_login(_state) -> None:
    """Send visitors who must sign in to our sign-in page, with a translated note."""
    login_manager.login_view = "auth.login"
    login_manager.login_message = _l("Please sign in to see this page.")
    login_manager.login_message_category = "info"


from . import routes  # noqa: E402,F401
