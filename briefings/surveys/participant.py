"""The participant's side of a survey: the answer sheet behind their private link."""
import sqlalchemy as sa
from flask import abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _

from ..extensions import db
from ..models import Registration, SurveyStatus
from ..registration.routes import TOKEN_SHAPE
from ..services import surveys as service
from . import bp
from .forms import answer_form


def registration_or_404(token: str) -> Registration:
    """The registration of a private link; an unknown or malformed token is a plain 404."""
    if not TOKEN_SHAPE.fullmatch(token):
        abort(404)
    registration = db.session.scalar(sa.select(Registration).where(Registration.token == token))
    if registration is None:
        abort(404)
    return registration


@bp.route("/r/<token>/survey", methods=["GET", "POST"])
def answer(token):
    """Answer the briefing's survey once, anonymously unless the person attaches their name."""
    registration = registration_or_404(token)
    survey = service.survey_of(registration.briefing_id)
    if survey is None or survey.status == SurveyStatus.DRAFT or not survey.questions:
        abort(404)
    context = {"registration": registration, "briefing": registration.briefing,
               "survey": survey}
    answered = service.has_answered(survey.id, registration.id)
    if answered or not survey.is_open or not service.may_answer(registration):
        return render_template("surveys/answer.html", form=None, answered=answered, **context)
    form = answer_form(survey.questions)
    if form.validate_on_submit():
        values = {q.id: form[f"q{q.id}"].data for q in survey.questions}
        try:
            service.submit(registration, values, attach_name=bool(form.attach_name.data))
        except service.SurveyError as error:
            target = form._fields.get(error.field) if error.field else None
            if target is not None:
                target.errors = list(target.errors) + [str(error)]
            else:
                flash(str(error), "warning")
                return redirect(url_for(".answer", token=token))
        else:
            flash(_("Thank you: your answers are saved."), "success")
            return redirect(url_for("registration.private_page", token=token))
    status = 400 if request.method == "POST" else 200
    return render_template("surveys/answer.html", form=form, answered=False, **context), status
