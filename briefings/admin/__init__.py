"""Site administration: staff accounts, their memberships and the stakeholder groups."""
from flask import Blueprint

from ..permissions import Perm, require

bp = Blueprint("admin", __name__)


@bp.before_request
def _only_admins():
    require(Perm.ADMINISTER)


from . import group_routes, routes  # noqa: E402,F401
