"""Blueprints whose every route works on one briefing, named by the ``slug`` in the URL.

``briefing_blueprint`` installs, in one place, what each such area needs: the
briefing loaded into ``g.briefing`` (404 if unknown), the area's permission
checked in it (visitors who are not signed in go to the sign-in form and come
back), ``slug`` taken out of the view arguments and put back when the area
builds its own URLs, and ``briefing`` given to its templates.
"""
from flask import Blueprint, g
from flask_login import current_user

from .extensions import db, login_manager
from .models import Briefing
from .permissions import Perm, require


def briefing_blueprint(name: str, import_name: str, perm: Perm,
                       url_prefix: str | None = None) -> Blueprint:
    """A blueprint scoped to one briefing and guarded by ``perm`` in it."""
    bp = Blueprint(name, import_name, url_prefix=url_prefix)

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
            return login_manager.unauthorized()  # to the sign-in form, coming back after
        g.briefing = db.first_or_404(
            db.select(Briefing).where(Briefing.slug == g.briefing_slug))
        require(perm, g.briefing)
        return None

    @bp.context_processor
    def _briefing():
        return {"briefing": g.get("briefing")}

    return bp
