"""Blueprints whose every route works on one briefing, named by the ``slug`` in the URL.

``briefing_blueprint`` installs, in one place, what each such area needs: the
briefing loaded into ``g.briefing`` (404 if unknown), the area's permission
checked in it (visitors who are not signed in go to the sign-in form and come
back), ``slug`` taken out of the view arguments and put back when the area
builds its own URLs, and ``briefing`` given to its templates. An area that
also serves pages behind a private link (``private_links=True``) leaves its
routes without a ``slug`` to their views, which check the token.
"""
from flask import Blueprint, current_app, g
from flask_login import current_user

from .extensions import db, login_manager
from .models import Briefing
from .permissions import Perm, require


def briefing_blueprint(name: str, import_name: str, perm: Perm,
                       url_prefix: str | None = None, private_links: bool = False) -> Blueprint:
    """A blueprint scoped to one briefing and guarded by ``perm`` in it.

    With ``private_links``, routes that take no ``slug`` are open: their views
    check the private link's token themselves.
    """
    bp = Blueprint(name, import_name, url_prefix=url_prefix)

    @bp.record_once
    def _send_visitors_to_sign_in(state):
        login_manager.blueprint_login_views.setdefault(bp.name, "auth.login")

    @bp.url_value_preprocessor
    def _take_slug(endpoint, values):
        g.briefing_slug = (values or {}).pop("slug", None)

    @bp.url_defaults
    def _add_slug(endpoint, values):
        if "slug" not in values and getattr(g, "briefing", None) is not None and (
                not private_links or current_app.url_map.is_endpoint_expecting(endpoint, "slug")):
            values["slug"] = g.briefing.slug

    @bp.before_request
    def _load_and_authorize():
        if private_links and g.briefing_slug is None:
            return None  # a private link's page: its view checks the token
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
