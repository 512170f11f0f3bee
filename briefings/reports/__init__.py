"""A briefing's reports, for its organizers: dashboard, badges, exports, and cloning it.

Mounted at ``/manage/<slug>``. Every route works on that briefing, loaded
into ``g.briefing``, and needs Perm.MANAGE_BRIEFING in it; visitors who are
not signed in are sent to the sign-in form. Views take no ``slug``: it is
taken from the URL here and put back when building this blueprint's URLs.
"""
from flask import Blueprint, g
from flask_login import current_user

from ..extensions import db, login_manager
from ..models import Briefing
from ..permissions import Perm, require

bp = Blueprint("reports", __name__)


@bp.record_once
def _send_visitors_to_sign_in(state):
    login_manager.blueprint_login_views.setdefault(bp.name, "auth.login")


@bp.url_value_preprocessor
def _take_slug(endpoint, values):
    g.briefing_slug = (values or {}).pop("slug", None)


@bp.url_defaults
def _add_slug(endpoint, values):
    if "slug" not in values and getattr(g, "briefing", None) is not None:
        values["slug"] = g.briefing.slug


@bp.before_request
def _load_and_authorize():
    if not current_user.is_authenticated:
        return login_manager.unauthorized()  # to the sign-in form, coming back here after
    g.briefing = db.first_or_404(db.select(Briefing).where(Briefing.slug == g.briefing_slug))
    require(Perm.MANAGE_BRIEFING, g.briefing)
    return None


@bp.context_processor
def _briefing():
    from ..participants.display import group_name

    return {"briefing": g.get("briefing"), "group_name": group_name}


from . import badges, cloning, exports, routes  # noqa: E402,F401
