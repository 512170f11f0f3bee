"""The secretariat's pledges: recording them, their progress updates, the CSV.

Mounted at ``/manage/<slug>/pledges``. Every route works on that briefing,
loaded into ``g.briefing`` (404 if unknown), and needs Perm.KEEP_RECORDS in it
(organizers and secretariat of the briefing, admins); visitors who are not
signed in are sent to the sign-in form. Views take no ``slug``: it is taken
from the URL here and put back when building this blueprint's URLs.
"""
from flask import Blueprint, g
from flask_login import current_user

from ..extensions import db, login_manager
from ..models import Briefing
from ..permissions import Perm, require
from ..published.labels import template_helpers

bp = Blueprint("pledges", __name__, url_prefix="/manage/<slug>/pledges")


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
    require(Perm.KEEP_RECORDS, g.briefing)
    return None


@bp.context_processor
def _page_context():
    return {"briefing": g.get("briefing"), **template_helpers()}


from . import routes  # noqa: E402,F401
