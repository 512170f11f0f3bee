"""What the pledge register's pages show, for the public and for staff alike."""
import sqlalchemy as sa
from flask import request, url_for
from flask_babel import lazy_gettext as _l

from ..countries import country_name
from ..extensions import db
from ..i18n import current_language
from ..models import Briefing, GCMObjective, PledgeStatus, PledgeType
from ..routing import MAX_PAGE, whole_number
from ..services import pledges
from .labels import record_label

FILTER_LABELS = {"group": _l("Stakeholder group"), "type": _l("Type"),
                 "objective": _l("GCM objective"), "country": _l("Country"),
                 "status": _l("Status"), "page": _l("Page")}


def _page_number() -> tuple[int, bool]:
    raw = request.args.get("page", "")
    if raw == "":
        return 1, True
    number = whole_number(raw, maximum=MAX_PAGE)
    if number:
        return number, True
    return 1, False


def register_context(briefing: Briefing, *, endpoint: str) -> dict:
    """Filters from the query string, one page of pledges, the totals and the filter choices.

    Unknown filter values are ignored and named in ``ignored``; the number of
    queries does not grow with the number of pledges.
    """
    language = current_language()
    groups = pledges.all_groups()
    filters, ignored = pledges.parse_filters(request.args, groups)
    number, understood = _page_number()
    if not understood:
        ignored.append("page")
    page = pledges.page(briefing.id, filters, number)
    objectives = db.session.scalars(sa.select(GCMObjective).order_by(GCMObjective.number)).all()
    countries = sorted(((code, country_name(code, language))
                        for code in pledges.countries_in_use(briefing.id)),
                       key=lambda pair: pair[1].casefold())
    args = filters.args()
    return {
        "filters": filters,
        "ignored": [str(FILTER_LABELS[name]) for name in ignored],
        "page": page,
        "totals": pledges.totals(briefing.id, filters, language),
        "page_url": lambda n: url_for(endpoint, slug=briefing.slug, page=n, **args),
        "objective_url": lambda n: url_for(endpoint, slug=briefing.slug,
                                           **{**args, "objective": n}),
        "choices": {
            "group": [(g.code, g.label(language)) for g in groups],
            "type": [(t.value, record_label(t)) for t in PledgeType],
            "objective": [(str(o.number), f"{o.number}. {o.label(language)}")
                          for o in objectives],
            "country": countries,
            "status": [(s.value, record_label(s)) for s in PledgeStatus],
        },
        "objective_titles": {o.number: o.label(language) for o in objectives},
    }
