"""Routes anyone may visit."""
from urllib.parse import urlsplit

from flask import current_app, redirect, render_template, request, url_for

from ..i18n import LANG_COOKIE
from . import bp


@bp.route("/")
def index():
    return render_template("public/index.html", upcoming=[], recent=[])


@bp.route("/language", methods=["POST"])
def set_language():
    """Remember the chosen language in a cookie and go back to the page it was chosen on."""
    target = request.form.get("next", "")
    parts = urlsplit(target)
    if parts.scheme or parts.netloc or not target.startswith("/") or target.startswith("//"):
        target = url_for("public.index")
    response = redirect(target)
    language = request.form.get("language")
    if language in current_app.config["LANGUAGES"]:
        response.set_cookie(LANG_COOKIE, language, max_age=365 * 24 * 3600, samesite="Lax",
                            httponly=True, secure=current_app.config["SESSION_COOKIE_SECURE"])
    return response
