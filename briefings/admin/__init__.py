"""Site administration: staff accounts and their memberships."""
from flask import Blueprint

from ..permissions import Perm, require

bp = Blueprint("admin", __name__)


@bp.before_request
def _only_admins():
    require(Perm.ADMINISTER)


from . import routes  # noqa: E402,F401
