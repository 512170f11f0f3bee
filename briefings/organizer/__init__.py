"""The organizer's area: briefings, their settings, programme and team, the audit log.

Permissions are declared here, once for the whole blueprint: a route with a
``slug`` works on that briefing and needs Perm.MANAGE_BRIEFING in it (the
briefing is loaded into ``g.briefing``); a route without one needs a signed-in
staff user, plus the permission named in ``SLUGLESS_PERMISSIONS`` if any.
"""
from flask import Blueprint, g, request
from flask_login import current_user

from ..extensions import db, login_manager
from ..models import Briefing
from ..permissions import Perm, require

bp = Blueprint("organizer", __name__)

SLUGLESS_PERMISSIONS = {
    "organizer.new_briefing": Perm.CREATE_BRIEFING,
}


@bp.before_request
def _authorize():
    if not current_user.is_authenticated:
        return login_manager.unauthorized()  # to the sign-in form, coming back here after
    slug = (request.view_args or {}).get("slug")
    if slug is None:
        perm = SLUGLESS_PERMISSIONS.get(request.endpoint)
        if perm is not None:
            require(perm)
        return None
    g.briefing = db.first_or_404(db.select(Briefing).where(Briefing.slug == slug))
    require(Perm.MANAGE_BRIEFING, g.briefing)
    return None


from . import audit, people, programme, routes, team  # noqa: E402,F401
