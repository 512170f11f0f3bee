"""The JSON API under /api/v1: public reads, and the staff API for personal-token holders.

Built on apispec with marshmallow rather than a REST framework. The
marshmallow schemas validate what comes in, shape what goes out and become
the OpenAPI 3.1 document through apispec, so the document cannot drift from
the code. flask-smorest was set aside because it installs app-wide error
handlers (our HTML error pages would answer JSON) and brings its own ETag
and docs-UI conventions (the UIs load from CDNs); spectree because it would
add pydantic next to the WTForms/marshmallow-style validation used
elsewhere, and its docs pages load from CDNs too. What a REST framework
would add here (pages, ETags, CORS, problem details) is a few functions in
``http``.

The token management page for organizers lives in ``tokens`` as its own
blueprint (``api_tokens``, under /manage/<slug>).
"""
from flask import Blueprint, current_app, request

from ..extensions import csrf, db
from .http import PROBLEM_TYPE, Problem, add_cors, http_problem, problem_response
from .spec import is_public

bp = Blueprint("api", __name__)
# No route here trusts a cookie: the staff endpoints take bearer tokens only.
csrf.exempt(bp)


@bp.errorhandler(Problem)
def _problem(error: Problem):
    db.session.rollback()
    return problem_response(error.status, error.title, error.detail, headers=error.headers,
                            **error.extra)


@bp.errorhandler(404)
@bp.errorhandler(405)
@bp.errorhandler(400)
def _http_error(error):
    db.session.rollback()
    return http_problem(error)


@bp.after_request
def _cors(response):
    view = current_app.view_functions.get(request.endpoint)
    if view is not None and is_public(view):
        add_cors(response)
    return response


@bp.after_app_request
def _api_errors_as_problems(response):
    """Errors under /api/ that no API view handled (no such route, wrong method) as problems."""
    if request.path.startswith("/api/") and response.status_code >= 400:
        if response.mimetype == "application/json":
            response.mimetype = PROBLEM_TYPE
        allowed = getattr(request.routing_exception, "valid_methods", None)
        if response.status_code == 405 and allowed and "Allow" not in response.headers:
            response.headers["Allow"] = ", ".join(sorted(allowed))
    return response


from . import docs, public, staff  # noqa: E402,F401
