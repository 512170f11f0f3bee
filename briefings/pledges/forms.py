"""Forms of the pledge pages: one per use case."""
from datetime import date

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import DateField, DecimalField, SelectField, StringField, TextAreaField
from wtforms.validators import DataRequired, InputRequired, Length, NumberRange, Optional, ValidationError

from ..countries import country_choices
from ..i18n import current_language
from ..models import Pledge, PledgeStatus, PledgeType
from ..outcomes.fields import as_choices, objective_choices
from ..published.labels import record_choices
from ..services.groups import group_choices
from ..services.pledges import PledgeData
from ..widgets import MultiCheckboxField


def _none_or_int(value):
    return int(value) if value not in (None, "", "None") else None


class PledgeForm(FlaskForm):
    """Record or correct a pledge."""

    entity = StringField(_l("Pledging entity"),
                         validators=[DataRequired(_l("Name who made the pledge.")),
                                     Length(max=200)])
    stakeholder_group = SelectField(_l("Stakeholder group"), coerce=_none_or_int,
                                    validators=[Optional()])
    country = SelectField(_l("Country"), validators=[Optional()])
    type = SelectField(_l("Type"), choices=as_choices(record_choices(PledgeType)),
                       validators=[InputRequired()])
    title = StringField(_l("Title"), validators=[DataRequired(_l("Give the pledge a title.")),
                                                 Length(max=300)])
    description = TextAreaField(_l("Description"), validators=[Optional(), Length(max=10000)])
    partners = TextAreaField(_l("Partners"), validators=[Optional(), Length(max=2000)])
    amount_usd = DecimalField(_l("Amount (USD)"), places=2,
                              validators=[Optional(), NumberRange(min=0, max=999_999_999_999)])
    objectives = MultiCheckboxField(_l("GCM objectives"), coerce=int)
    status = SelectField(_l("Status"), choices=as_choices(record_choices(PledgeStatus)),
                         default=PledgeStatus.ANNOUNCED.value, validators=[InputRequired()])

    def offer(self, pledge: Pledge | None = None) -> None:
        """Fill the choices: groups offered (and the pledge's own), countries, objectives."""
        language = current_language()
        current = pledge.stakeholder_group_id if pledge else None
        self.stakeholder_group.choices = as_choices(
            [("", _l("— None —")), *group_choices(language, current)])
        self.country.choices = as_choices([("", _l("— None —")), *country_choices(language)])
        self.objectives.choices = objective_choices(language)

    def validate_amount_usd(self, field):
        if field.data is not None and self.type.data != PledgeType.FINANCIAL.value:
            raise ValidationError(_l("Only a financial pledge has an amount: leave it empty "
                                     "or make the pledge financial."))

    def data_for_service(self) -> PledgeData:
        """The pledge as the service takes it."""
        return PledgeData(
            entity=self.entity.data, type=PledgeType(self.type.data), title=self.title.data,
            stakeholder_group_id=self.stakeholder_group.data, country=self.country.data or "",
            description=self.description.data or "", partners=self.partners.data or "",
            amount_usd=self.amount_usd.data, status=PledgeStatus(self.status.data),
            objectives=self.objectives.data or [])

    @staticmethod
    def values_of(pledge: Pledge) -> dict:
        """The form's starting values for an existing pledge."""
        return {"entity": pledge.entity, "stakeholder_group": pledge.stakeholder_group_id,
                "country": pledge.country, "type": pledge.type.value, "title": pledge.title,
                "description": pledge.description, "partners": pledge.partners,
                "amount_usd": pledge.amount_usd, "status": pledge.status.value,
                "objectives": [o.number for o in pledge.objectives]}


class ProgressForm(FlaskForm):
    """A dated progress update; the pledge takes its status."""

    on = DateField(_l("Date"), validators=[InputRequired(_l("Enter a date."))],
                   default=date.today)
    status = SelectField(_l("Status"), choices=as_choices(record_choices(PledgeStatus)),
                         validators=[InputRequired()])
    note = TextAreaField(_l("Note"), validators=[Optional(), Length(max=4000)])
