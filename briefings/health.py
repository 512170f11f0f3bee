"""``/healthz``: is this worker up, and can it reach its database? For load balancers and probes."""
import sqlalchemy as sa
from flask import Blueprint, current_app, jsonify

from .extensions import db

bp = Blueprint("health", __name__)


@bp.route("/healthz")
def healthz():
    """200 with ``{"status": "ok", "database": "ok"}``; 503 when the database does not answer."""
    try:
        db.session.execute(sa.select(sa.literal(1))).scalar_one()
    except (sa.exc.SQLAlchemyError, OSError) as error:
        db.session.rollback()
        current_app.logger.error("health check: database unavailable: %s",
                                 type(error).__name__)
        body, status = {"status": "error", "database": "unavailable"}, 503
    else:
        db.session.rollback()  # ends the read transaction: a probe holds nothing open
        body, status = {"status": "ok", "database": "ok"}, 200
    response = jsonify(body)
    response.status_code = status
    response.headers["Cache-Control"] = "no-store"
    return response
