"""Feedback surveys: organizers build, open and read them; participants answer through their link.

Staff routes live under ``/manage/<slug>/survey`` and need Perm.MANAGE_BRIEFING
in that briefing (loaded into ``g.briefing``); visitors who are not signed in
are sent to the sign-in form. Views take no ``slug``: it is taken from the URL
and put back when building this blueprint's URLs. The participant's route,
``/r/<token>/survey``, needs only the private link of a confirmed registration.
"""
from ..permissions import Perm
from ..scoping import briefing_blueprint

bp = briefing_blueprint("surveys", __name__, Perm.MANAGE_BRIEFING, private_links=True)

from . import participant, results, routes  # noqa: E402,F401
