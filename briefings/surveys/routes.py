"""Building a briefing's survey: the questions and their order, the introduction, opening it."""
from flask import abort, flash, g, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_babel import ngettext
from flask_login import current_user

from ..extensions import db
from ..models import SurveyQuestion, SurveyStatus, utcnow
from ..services import surveys as service
from ..services.survey_results import response_count
from . import bp
from .forms import KIND_LABELS, ButtonForm, IntroForm, QuestionForm


def _question(question_id: int) -> SurveyQuestion:
    """A question of this briefing's survey, else 404."""
    question = db.session.get(SurveyQuestion, question_id)
    if question is None or question.survey.briefing_id != g.briefing.id:
        abort(404)
    return question


def _show_error(form, error: service.SurveyError) -> None:
    target = form._fields.get(error.field) if error.field else None
    if target is not None:
        target.errors = list(target.errors) + [str(error)]
    else:
        form.form_errors.append(str(error))


def _render(question_form: QuestionForm | None = None, intro_form: IntroForm | None = None,
            status: int = 200):
    survey = service.survey_of(g.briefing.id)
    return render_template(
        "surveys/manage.html", briefing=g.briefing, survey=survey, active_tab="survey",
        question_form=question_form or QuestionForm(formdata=None),
        intro_form=intro_form or IntroForm(formdata=None,
                                           data={"intro": survey.intro if survey else ""}),
        button=ButtonForm(formdata=None), kind_labels=KIND_LABELS,
        responses=response_count(survey.id) if survey else 0,
        briefing_ended=utcnow() >= g.briefing.ends_at,
    ), status


@bp.route("/manage/<slug>/survey")
def manage():
    """The survey builder: questions in order, the introduction, opening and closing."""
    return _render()


@bp.route("/manage/<slug>/survey/questions", methods=["POST"])
def add_question():
    """Add a question at the end."""
    form = QuestionForm()
    if form.validate_on_submit():
        try:
            service.add_question(g.briefing, form.to_data(), actor=current_user)
        except service.SurveyError as error:
            _show_error(form, error)
        else:
            flash(_("The question is added."), "success")
            return redirect(url_for(".manage", _anchor="questions"))
    return _render(question_form=form, status=400)


@bp.route("/manage/<slug>/survey/questions/<int:question_id>/edit", methods=["GET", "POST"])
def edit_question(question_id):
    """Change a question while the survey is a draft."""
    question = _question(question_id)
    form = QuestionForm() if request.method == "POST" else QuestionForm.for_question(question)
    if form.validate_on_submit():
        try:
            service.update_question(question, form.to_data(), actor=current_user)
        except service.SurveyError as error:
            _show_error(form, error)
        else:
            flash(_("The question is saved."), "success")
            return redirect(url_for(".manage", _anchor="questions"))
    status = 400 if form.is_submitted() else 200
    return render_template("surveys/question_edit.html", briefing=g.briefing, form=form,
                           question=question, active_tab="survey"), status


@bp.route("/manage/<slug>/survey/questions/<int:question_id>/delete", methods=["POST"])
def delete_question(question_id):
    """Remove a question while the survey is a draft."""
    question = _question(question_id)
    if ButtonForm().validate_on_submit():
        try:
            service.delete_question(question, actor=current_user)
        except service.SurveyError as error:
            flash(str(error), "danger")
        else:
            flash(_("The question is removed."), "success")
    return redirect(url_for(".manage", _anchor="questions"))


@bp.route("/manage/<slug>/survey/questions/<int:question_id>/move/<direction>",
          methods=["POST"])
def move_question(question_id, direction):
    """Move a question one place up or down."""
    question = _question(question_id)
    offsets = {"up": -1, "down": 1}
    if direction not in offsets:
        abort(404)
    if ButtonForm().validate_on_submit():
        try:
            service.move_question(question, offsets[direction], actor=current_user)
        except service.SurveyError as error:
            flash(str(error), "danger")
    return redirect(url_for(".manage", _anchor=f"question-{question.id}"))


@bp.route("/manage/<slug>/survey/intro", methods=["POST"])
def set_intro():
    """Save the introduction shown above the questions."""
    form = IntroForm()
    if form.validate_on_submit():
        try:
            service.set_intro(g.briefing, form.intro.data or "", actor=current_user)
        except service.SurveyError as error:
            _show_error(form, error)
        else:
            flash(_("The introduction is saved."), "success")
            return redirect(url_for(".manage"))
    return _render(intro_form=form, status=400)


@bp.route("/manage/<slug>/survey/open", methods=["POST"])
def open_survey():
    """Open the survey; the first time, each confirmed participant is e-mailed their link."""
    if ButtonForm().validate_on_submit():
        first_time = (survey := service.survey_of(g.briefing.id)) is None \
            or survey.status == SurveyStatus.DRAFT
        try:
            invited = service.open_survey(g.briefing, actor=current_user)
        except service.SurveyError as error:
            flash(str(error), "danger")
        else:
            if first_time:
                flash(ngettext("The survey is open; %(num)d participant is invited by e-mail.",
                               "The survey is open; %(num)d participants are invited by e-mail.",
                               invited), "success")
            else:
                flash(_("The survey is open again."), "success")
    return redirect(url_for(".manage"))


@bp.route("/manage/<slug>/survey/close", methods=["POST"])
def close_survey():
    """Stop taking answers."""
    if ButtonForm().validate_on_submit():
        try:
            service.close_survey(g.briefing, actor=current_user)
        except service.SurveyError as error:
            flash(str(error), "danger")
        else:
            flash(_("The survey is closed: no more answers are taken."), "success")
    return redirect(url_for(".manage"))
