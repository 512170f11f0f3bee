"""Error pages that roll back the transaction and answer in the visitor's language."""
from flask import Flask, jsonify, render_template, request
from flask_babel import gettext as _
from flask_wtf.csrf import CSRFError
from werkzeug.exceptions import HTTPException

from .extensions import db


def _wants_json() -> bool:
    return request.path.startswith("/api/") or (
        request.accept_mimetypes.best == "application/json"
    )


def _titles() -> dict[int, tuple[str, str]]:
    return {
        400: (_("Bad request"), _("The request could not be understood. Please go back and try again.")),
        403: (_("Not allowed"), _("Your account does not give access to this page.")),
        404: (_("Page not found"), _("There is no page at this address. It may have moved, or the link may be mistyped.")),
        405: (_("Not allowed"), _("This address does not accept that kind of request.")),
        413: (_("Too large"), _("What you sent is larger than this site accepts.")),
        429: (_("Too many requests"), _("Please wait a moment before trying again.")),
        500: (_("Something went wrong"), _("The error has been logged. Nothing you had saved is lost; please try again in a moment.")),
    }


def render_error(code: int, detail: str | None = None):
    """Render the error page for ``code`` as HTML or problem-details JSON."""
    title, text = _titles().get(code, (_("Error"), ""))
    if _wants_json():
        return jsonify(type="about:blank", title=title, status=code, detail=detail or text), code
    # A page of its own for the common codes (templates/errors/<code>.html), else the general one.
    return render_template([f"errors/{code}.html", "errors/error.html"], code=code, title=title,
                           text=detail or text), code


def register(app: Flask) -> None:
    """Install the error handlers."""

    @app.errorhandler(CSRFError)
    def csrf_error(error):
        db.session.rollback()
        return render_error(400, _("The form had expired. Please reload the page and submit it again."))

    @app.errorhandler(HTTPException)
    def http_error(error: HTTPException):
        if error.code and error.code < 400:
            return error
        db.session.rollback()
        return render_error(error.code or 500)

    @app.errorhandler(Exception)
    def unhandled(error: Exception):
        db.session.rollback()
        app.logger.exception("Unhandled error on %s %s", request.method, request.path)
        return render_error(500)
