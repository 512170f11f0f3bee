"""Survey forms: a question, the introduction, buttons, and the participant's answer sheet."""
from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import BooleanField, RadioField, SelectField, StringField, SubmitField, TextAreaField
from wtforms.fields.choices import SelectChoice
from wtforms.validators import DataRequired, InputRequired, Length, Optional

from ..models import QuestionKind, SurveyQuestion
from ..models.surveys import RATING_SCALE
from ..services.surveys import MAX_INTRO, MAX_PROMPT, MAX_TEXT_ANSWER, QuestionData

KIND_LABELS = {
    QuestionKind.RATING: _l("Rating from 1 to 5"),
    QuestionKind.CHOICE: _l("One choice among options"),
    QuestionKind.TEXT: _l("Free text"),
}


class ButtonForm(FlaskForm):
    """A button that changes something: only the CSRF token travels."""


class QuestionForm(FlaskForm):
    """A question of the survey: its kind, wording, options and whether it must be answered."""

    kind = SelectField(_l("Kind of question"),
                       choices=[SelectChoice(kind.value, label)
                                for kind, label in KIND_LABELS.items()])
    prompt = StringField(_l("Question"), validators=[DataRequired(), Length(max=MAX_PROMPT)])
    options = TextAreaField(_l("Options (choice questions)"), render_kw={"rows": 4})
    required = BooleanField(_l("An answer is required"))
    submit = SubmitField(_l("Save question"))

    @classmethod
    def for_question(cls, question: SurveyQuestion) -> "QuestionForm":
        return cls(data={"kind": question.kind.value, "prompt": question.prompt,
                         "options": question.options, "required": question.required})

    def to_data(self) -> QuestionData:
        return QuestionData(kind=QuestionKind(self.kind.data), prompt=self.prompt.data or "",
                            options=self.options.data or "", required=bool(self.required.data))


class IntroForm(FlaskForm):
    """The words shown above the questions."""

    intro = TextAreaField(_l("Introduction"), validators=[Length(max=MAX_INTRO)],
                          render_kw={"rows": 3})
    submit = SubmitField(_l("Save introduction"))


def rating_choices() -> list[SelectChoice]:
    labels = {1: _l("1 (poor)"), 5: _l("5 (excellent)")}
    return [SelectChoice(str(n), labels.get(n, str(n))) for n in RATING_SCALE]


def answer_form(questions: list[SurveyQuestion]) -> FlaskForm:
    """The participant's answer sheet: one field per question, named ``q<id>``."""

    class AnswerForm(FlaskForm):
        attach_name = BooleanField(_l("Attach my name to my answers"))
        submit = SubmitField(_l("Send my answers"))

    for question in questions:
        needed = [InputRequired(_l("Please answer this question."))] if question.required \
            else [Optional()]
        if question.kind == QuestionKind.RATING:
            field = RadioField(question.prompt, choices=rating_choices(), validators=needed)
        elif question.kind == QuestionKind.CHOICE:
            field = RadioField(question.prompt, validators=needed,
                               choices=[SelectChoice(option, option)
                                        for option in question.option_list])
        else:
            text_needed = [DataRequired(_l("Please answer this question."))] \
                if question.required else [Optional()]
            field = TextAreaField(question.prompt, render_kw={"rows": 4},
                                  validators=text_needed + [Length(max=MAX_TEXT_ANSWER)])
        setattr(AnswerForm, f"q{question.id}", field)
    return AnswerForm()
