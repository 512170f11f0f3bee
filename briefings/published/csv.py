"""The pledge register as CSV (public and staff), formula cells escaped."""
from collections.abc import Iterator

import sqlalchemy as sa
from flask_babel import gettext as _
from sqlalchemy.orm import selectinload

from ..countries import country_name
from ..extensions import db
from ..models import Pledge
from ..services.exports import csv_stream
from .labels import record_label

BATCH = 500


def pledge_csv(query: sa.Select, language: str) -> Iterator[str]:
    """The pledges selected by ``query`` as CSV text, read from the database in batches.

    Every cell that a spreadsheet would take for a formula (``= + - @``, tab,
    carriage return at its start) gets a leading quote.
    """
    header = [_("Entity"), _("Stakeholder group"), _("Country code"), _("Country"), _("Type"),
              _("Title"), _("Description"), _("Partners"), _("Amount (USD)"),
              _("GCM objectives"), _("Status"), _("Last progress update")]
    query = query.options(selectinload(Pledge.updates)).execution_options(yield_per=BATCH)

    def rows() -> Iterator[list]:
        for pledge in db.session.scalars(query):
            group = pledge.stakeholder_group
            last = pledge.updates[-1].on.isoformat() if pledge.updates else ""
            amount = f"{pledge.amount_usd:.2f}" if pledge.amount_usd is not None else ""
            yield [pledge.entity, group.label(language) if group else "", pledge.country,
                   country_name(pledge.country, language), record_label(pledge.type),
                   pledge.title, pledge.description, pledge.partners, amount,
                   "; ".join(str(o.number) for o in pledge.objectives),
                   record_label(pledge.status), last]

    return csv_stream(header, rows())
