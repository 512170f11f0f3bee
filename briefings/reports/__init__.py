"""A briefing's reports, for its organizers: dashboard, badges, exports, and cloning it.

Mounted at ``/manage/<slug>``. Every route works on that briefing, loaded
into ``g.briefing``, and needs Perm.MANAGE_BRIEFING in it; visitors who are
not signed in are sent to the sign-in form. Views take no ``slug``: it is
taken from the URL here and put back when building this blueprint's URLs.
"""
from ..permissions import Perm
from ..scoping import briefing_blueprint

bp = briefing_blueprint("reports", __name__, Perm.MANAGE_BRIEFING)


@bp.context_processor
def _helpers():
    from ..participants.display import group_name

    return {"group_name": group_name}


from . import badges, cloning, exports, routes  # noqa: E402,F401
