"""Follow-up of action items and pledges: the staff page, owners, and the owners' private links.

Staff routes live under ``/manage/<slug>/follow-up`` and need Perm.KEEP_RECORDS
in that briefing (loaded into ``g.briefing``); visitors who are not signed in
are sent to the sign-in form. An owner's page, ``/f/<token>``, needs only the
owner's private link.
"""
from flask import Blueprint, g, request
from flask_login import current_user

from ..extensions import db, login_manager
from ..models import Briefing
from ..permissions import Perm, require
from ..published.labels import record_label, template_helpers
from ..services.followup import statuses_for

bp = Blueprint("followup", __name__)


@bp.record_once
def _send_visitors_to_sign_in(state):
    login_manager.blueprint_login_views.setdefault(bp.name, "auth.login")


@bp.before_request
def _load_and_authorize():
    slug = (request.view_args or {}).get("slug")
    if slug is None:  # an owner's page: its token is checked by the view
        return None
    if not current_user.is_authenticated:
        return login_manager.unauthorized()  # to the sign-in form, coming back here after
    g.briefing = db.first_or_404(db.select(Briefing).where(Briefing.slug == slug))
    require(Perm.KEEP_RECORDS, g.briefing)
    return None


def _update_label(item, update) -> str:
    """The translated status an update reported."""
    return record_label(statuses_for(item)(update.status))


@bp.context_processor
def _page_context():
    return {**template_helpers(), "update_label": _update_label}


from . import owner, routes  # noqa: E402,F401
