"""A survey's results for its organizers: per question, by stakeholder group, and as CSV."""
from flask import Response, abort, g, render_template, stream_with_context

from ..models import QuestionKind
from ..services import survey_results as service
from ..services.surveys import survey_of
from . import bp
from .charts import chart_rows, count, percent, question_svg


@bp.route("/manage/<slug>/survey/results")
def results():
    """Counts, averages and a chart (with its table) per question; response rate by group."""
    survey = survey_of(g.briefing.id)
    if survey is None:
        abort(404)
    results = service.results(survey)
    tables = {r.question.id: chart_rows(r) for r in results if r.question.kind != QuestionKind.TEXT}
    return render_template(
        "surveys/results.html", briefing=g.briefing, survey=survey, results=results,
        tables=tables, rates=service.rates_by_group(g.briefing, survey),
        responses=service.response_count(survey.id), named=service.named_count(survey.id),
        count=count, percent=percent, active_tab="survey")


@bp.route("/manage/<slug>/survey/results/q<int:question_id>.svg")
def chart(question_id):
    """One question's answers as a bar chart (SVG, no script)."""
    survey = survey_of(g.briefing.id)
    result = next((r for r in service.results(survey) if r.question.id == question_id), None) \
        if survey else None
    if result is None or result.question.kind == QuestionKind.TEXT:
        abort(404)
    return Response(question_svg(result, result.question.prompt), mimetype="image/svg+xml")


@bp.route("/manage/<slug>/survey/answers.csv")
def answers_csv():
    """Every response as a row of a spreadsheet (formulas escaped)."""
    survey = survey_of(g.briefing.id)
    if survey is None:
        abort(404)
    return Response(stream_with_context(service.answers_csv(survey)), mimetype="text/csv",
                    headers={"Content-Disposition":
                             f'attachment; filename="{g.briefing.slug}-survey.csv"'})
