"""Follow-up forms: an item's owner and due date; an owner's status report."""
from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import DateField, EmailField, SelectField, StringField, SubmitField, TextAreaField
from wtforms.fields.choices import SelectChoice
from wtforms.validators import Length, Optional

from ..i18n import LANGUAGE_NAMES
from ..models import FollowUp
from ..published.labels import record_choices
from ..services.followup import MAX_NOTE, Item, OwnerData, due_of, statuses_for


class ButtonForm(FlaskForm):
    """A button that changes something: only the CSRF token travels."""


class OwnerForm(FlaskForm):
    """Who owns an item (reminders and the private link go to them) and when it is due."""

    name = StringField(_l("Owner's name"), validators=[Length(max=200)])
    email = EmailField(_l("Owner's e-mail"), validators=[Length(max=254)])
    language = SelectField(_l("Language of the e-mails"),
                           choices=[SelectChoice(*pair) for pair in LANGUAGE_NAMES.items()])
    due = DateField(_l("Due date"), validators=[Optional()])
    submit = SubmitField(_l("Save"))

    @classmethod
    def for_item(cls, item: Item, follow_up: FollowUp | None, language: str) -> "OwnerForm":
        return cls(data={
            "name": follow_up.owner_name if follow_up else "",
            "email": follow_up.owner_email if follow_up else "",
            "language": follow_up.owner_language if follow_up else language,
            "due": due_of(item, follow_up)})

    def to_data(self) -> OwnerData:
        return OwnerData(name=self.name.data or "", email=self.email.data or "",
                         language=self.language.data, due=self.due.data)


class ReportForm(FlaskForm):
    """An owner's report: where the item stands, and a short note."""

    status = SelectField(_l("Status"))
    note = TextAreaField(_l("Note (optional)"), validators=[Length(max=MAX_NOTE)],
                         render_kw={"rows": 4})
    submit = SubmitField(_l("Send the update"))

    def __init__(self, *args, item: Item, **kwargs):
        super().__init__(*args, **kwargs)
        self.status.choices = [SelectChoice(*pair) for pair in record_choices(statuses_for(item))]
        if not self.is_submitted():
            self.status.data = item.status.value
