"""Admin routes."""
from flask import render_template

from . import bp


@bp.route("/users")
def users():
    return render_template("admin/users.html", users=[])
