"""Form pieces shared by the outcome and pledge forms: objective choices, the button form."""
import sqlalchemy as sa
from flask_wtf import FlaskForm
from wtforms.fields.choices import SelectChoice

from ..extensions import db
from ..models import GCMObjective


def as_choices(pairs) -> list[SelectChoice]:
    """(value, label) pairs as select choices."""
    return [pair if isinstance(pair, SelectChoice) else SelectChoice(*pair) for pair in pairs]


def objective_choices(language: str) -> list[SelectChoice]:
    """"5. Title" for each of the 23 GCM objectives, titles in ``language``."""
    objectives = db.session.scalars(sa.select(GCMObjective).order_by(GCMObjective.number))
    return [SelectChoice(o.number, f"{o.number}. {o.label(language)}") for o in objectives]


class ButtonForm(FlaskForm):
    """A button that changes something: only the CSRF token travels."""
