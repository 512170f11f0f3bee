"""Outreach, for a briefing's organizers: invitations, messages, change notices, the reminder.

Mounted at ``/manage/<slug>``. Every route works on that briefing, loaded
into ``g.briefing``, and needs Perm.MANAGE_BRIEFING in it; visitors who are
not signed in are sent to the sign-in form. Views take no ``slug``: it is
taken from the URL here and put back when building this blueprint's URLs.
The invitee's own pages (decline) are public: see ``invitee.py``.
"""
from ..permissions import Perm
from ..scoping import briefing_blueprint

bp = briefing_blueprint("outreach", __name__, Perm.MANAGE_BRIEFING)


from . import invitations, messages  # noqa: E402,F401
