"""The secretariat's outcome documents: drafting, revisions, translations, publication, actions.

Mounted at ``/manage/<slug>/outcomes``. Every route works on that briefing,
loaded into ``g.briefing`` (404 if unknown), and needs Perm.KEEP_RECORDS in it
(organizers and secretariat of the briefing, admins); visitors who are not
signed in are sent to the sign-in form. Views take no ``slug``: it is taken
from the URL here and put back when building this blueprint's URLs.
"""
from ..permissions import Perm
from ..published.labels import template_helpers
from ..scoping import briefing_blueprint

bp = briefing_blueprint("outcomes", __name__, Perm.KEEP_RECORDS,
                        url_prefix="/manage/<slug>/outcomes")


@bp.context_processor
def _helpers():
    return template_helpers()


from . import actions, editing, routes  # noqa: E402,F401
