"""Feedback surveys: organizers build, open and read them; participants answer through their link.

Staff routes live under ``/manage/<slug>/survey`` and need Perm.MANAGE_BRIEFING
in that briefing (loaded into ``g.briefing``); visitors who are not signed in
are sent to the sign-in form. The participant's route, ``/r/<token>/survey``,
needs only the private link of a confirmed registration.
"""
from flask import Blueprint, g, request
from flask_login import current_user

from ..extensions import db, login_manager
from ..models import Briefing
from ..permissions import Perm, require

bp = Blueprint("surveys", __name__)


@bp.record_once
def _send_visitors_to_sign_in(state):
    login_manager.blueprint_login_views.setdefault(bp.name, "auth.login")


@bp.before_request
def _load_and_authorize():
    slug = (request.view_args or {}).get("slug")
    if slug is None:  # the participant's page: its token is checked by the view
        return None
    if not current_user.is_authenticated:
        return login_manager.unauthorized()  # to the sign-in form, coming back here after
    g.briefing = db.first_or_404(db.select(Briefing).where(Briefing.slug == slug))
    require(Perm.MANAGE_BRIEFING, g.briefing)
    return None


from . import participant, results, routes  # noqa: E402,F401
