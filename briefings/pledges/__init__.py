"""The secretariat's pledges: recording them, their progress updates, the CSV.

Mounted at ``/manage/<slug>/pledges``. Every route works on that briefing,
loaded into ``g.briefing`` (404 if unknown), and needs Perm.KEEP_RECORDS in it
(organizers and secretariat of the briefing, admins); visitors who are not
signed in are sent to the sign-in form. Views take no ``slug``: it is taken
from the URL here and put back when building this blueprint's URLs.
"""
from ..permissions import Perm
from ..published.labels import template_helpers
from ..scoping import briefing_blueprint

bp = briefing_blueprint("pledges", __name__, Perm.KEEP_RECORDS,
                        url_prefix="/manage/<slug>/pledges")


@bp.context_processor
def _helpers():
    return template_helpers()


from . import routes  # noqa: E402,F401
