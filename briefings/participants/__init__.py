"""A briefing's participants, for its organizers: registrations, exports and the check-in desk.

Mounted at ``/manage/<slug>``. Every route works on that briefing, loaded
into ``g.briefing``, and needs Perm.MANAGE_BRIEFING in it; visitors who are
not signed in are sent to the sign-in form. Views take no ``slug``: it is
taken from the URL here and put back when building this blueprint's URLs.
"""
from ..permissions import Perm
from ..scoping import briefing_blueprint

bp = briefing_blueprint("participants", __name__, Perm.MANAGE_BRIEFING)


from . import checkin, display, online_attendance, routes  # noqa: E402,F401
