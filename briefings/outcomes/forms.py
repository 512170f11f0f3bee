"""Forms of the outcome documents' pages: one per use case."""
from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import DateField, HiddenField, SelectField, StringField, SubmitField, TextAreaField
from wtforms.validators import DataRequired, InputRequired, Length, Optional, ValidationError

from ..i18n import current_language
from ..models import ActionStatus, OutcomeKind
from ..published.labels import LANGUAGE_LABELS, record_choices
from ..routing import whole_number
from ..services.outcomes import LANGUAGES, MAX_BODY, ActionData, DocumentData
from ..widgets import MultiCheckboxField
from .fields import as_choices, objective_choices

BODY_HELP = _l("Markdown: “## Heading”, “**bold**”, “*italic*”, “- ” at the start of a line "
               "for a list, a blank line between paragraphs.")


def _title_field():
    return StringField(_l("Title"), validators=[DataRequired(_l("Give the document a title.")),
                                                Length(max=300)])


def _body_field():
    return TextAreaField(_l("Text"), validators=[Optional(), Length(max=MAX_BODY)])


def _objectives_field():
    return MultiCheckboxField(_l("GCM objectives"), coerce=int)


class NewDocumentForm(FlaskForm):
    """Start an outcome document."""

    kind = SelectField(_l("Kind"), choices=as_choices(record_choices(OutcomeKind)),
                       validators=[InputRequired()])
    title = _title_field()
    language = SelectField(_l("Language"),
                           choices=as_choices((code, LANGUAGE_LABELS[code]) for code in LANGUAGES),
                           validators=[InputRequired()])
    body = _body_field()
    objectives = _objectives_field()

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.objectives.choices = objective_choices(current_language())

    def data_for_service(self) -> DocumentData:
        """The new document as the service takes it."""
        return DocumentData(kind=OutcomeKind(self.kind.data), title=self.title.data,
                            language=self.language.data, body=self.body.data or "",
                            objectives=self.objectives.data or [])


class EditDocumentForm(FlaskForm):
    """Save a new version of a document; ``base_version`` is the version the editor started from."""

    base_version = HiddenField()
    title = _title_field()
    body = _body_field()
    objectives = _objectives_field()
    save = SubmitField(_l("Save"))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.objectives.choices = objective_choices(current_language())

    def validate_base_version(self, field):
        if whole_number(field.data) is None:
            raise ValidationError(_l("The form is incomplete: reload the page and try again."))

    @property
    def base(self) -> int:
        return int(self.base_version.data)


class TranslationForm(FlaskForm):
    """Add a linked version of a document in another language."""

    language = SelectField(_l("Language of the translation"), validators=[InputRequired()])
    title = _title_field()
    body = _body_field()

    def offer(self, languages: list[str]) -> None:
        """Offer only the languages the document has no version in."""
        self.language.choices = as_choices((code, LANGUAGE_LABELS[code]) for code in languages)


class ActionItemForm(FlaskForm):
    """Add an action item to a document."""

    what = TextAreaField(_l("What is to be done"),
                         validators=[DataRequired(_l("Say what is to be done.")),
                                     Length(max=2000)])
    who = StringField(_l("Who"), validators=[Optional(), Length(max=200)])
    due = DateField(_l("Due date"), validators=[Optional()])
    status = SelectField(_l("Status"), choices=as_choices(record_choices(ActionStatus)),
                         default=ActionStatus.OPEN.value, validators=[InputRequired()])

    def data_for_service(self) -> ActionData:
        """The action item as the service takes it."""
        return ActionData(what=self.what.data, who=self.who.data or "", due=self.due.data,
                          status=ActionStatus(self.status.data))


class ActionStatusForm(FlaskForm):
    """Move an action item to another status."""

    status = SelectField(_l("Status"), choices=as_choices(record_choices(ActionStatus)),
                         validators=[InputRequired()])
