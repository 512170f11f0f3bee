"""The secretariat's records of a briefing: speakers lists, minutes and their compilation.

Mounted at ``/manage/<slug>/records``. Every route works on that briefing,
loaded into ``g.briefing``, and needs Perm.KEEP_RECORDS in it (organizers and
secretariat of the briefing, admins); approving and reopening minutes also
need Perm.MANAGE_BRIEFING, checked by those routes. Visitors who are not
signed in are sent to the sign-in form. Views take no ``slug``: it is taken
from the URL here and put back when building this blueprint's URLs.
"""
from ..permissions import Perm
from ..scoping import briefing_blueprint

bp = briefing_blueprint("secretariat", __name__, Perm.KEEP_RECORDS)


from . import display, minutes, routes, speakers  # noqa: E402,F401
