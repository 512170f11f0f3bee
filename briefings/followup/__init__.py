"""Follow-up of action items and pledges: the staff page, owners, and the owners' private links.

Staff routes live under ``/manage/<slug>/follow-up`` and need Perm.KEEP_RECORDS
in that briefing (loaded into ``g.briefing``); visitors who are not signed in
are sent to the sign-in form. Views take no ``slug``: it is taken from the URL
and put back when building this blueprint's URLs. An owner's page,
``/f/<token>``, needs only the owner's private link.
"""
from ..permissions import Perm
from ..published.labels import record_label, template_helpers
from ..scoping import briefing_blueprint
from ..services.followup import statuses_for

bp = briefing_blueprint("followup", __name__, Perm.KEEP_RECORDS, private_links=True)


def _update_label(item, update) -> str:
    """The translated status an update reported."""
    return record_label(statuses_for(item)(update.status))


@bp.context_processor
def _page_context():
    return {**template_helpers(), "update_label": _update_label}


from . import owner, routes  # noqa: E402,F401
