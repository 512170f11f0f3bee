"""The dashboard: registrations over time and by status, group, country, region and gender,
check-in and speaking time, each chart with its table; and the stakeholder group targets."""
from flask import Response, flash, g, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_login import current_user

from ..i18n import current_language
from ..services import dashboard as service
from ..services.briefings import RuleViolation
from . import bp, charts
from .forms import TargetsForm


def _targets_form(**kwargs) -> TargetsForm:
    return TargetsForm.for_groups(service.target_groups(g.briefing), service.targets(g.briefing),
                                  current_language(), **kwargs)


def _render(form: TargetsForm, status: int = 200):
    board = service.dashboard(g.briefing)
    lang = current_language()
    return render_template(
        "reports/dashboard.html", board=board, charts=charts.build_all(board, g.briefing.timezone),
        every_country=charts.every_country(board, lang),
        check_in_rate=charts.share(board.check_in_rate),
        imbalanced=[(charts.group_label(row.group, lang), charts.share(row.share),
                     charts.share(row.target)) for row in board.imbalanced],
        targets_form=form, threshold=service.IMBALANCE_POINTS,
    ), status


@bp.route("/dashboard")
def dashboard():
    """The briefing's figures as charts, each with a table of the same numbers."""
    return _render(_targets_form(formdata=None))


@bp.route("/dashboard/targets", methods=["POST"])
def set_targets():
    """Save the target share of each stakeholder group."""
    form = _targets_form()
    if not form.validate_on_submit():
        return _render(form, status=400)
    try:
        changed = service.set_targets(g.briefing, form.targets(), actor=current_user)
    except RuleViolation as violation:
        form.form_errors.extend(str(m) for messages in violation.errors.values() for m in messages)
        return _render(form, status=400)
    flash(_("Targets saved.") if changed else _("Nothing was changed."), "success")
    return redirect(url_for(".dashboard") + "#balance")


def _chart(key: str):
    """One chart of the dashboard as an SVG image (only the figures it needs are read)."""
    parts, _builder = charts.CHARTS[key]
    board = service.dashboard(g.briefing, parts=parts)
    svg = charts.build(key, board, g.briefing.timezone).draw()
    return Response(svg, mimetype="image/svg+xml")


def _chart_view(key: str):
    def view():
        return _chart(key)

    view.__name__ = "chart_" + key.replace("-", "_")
    view.__doc__ = f"The dashboard's “{key}” chart as an SVG image."
    return view


# One address per chart, none taking an argument: /dashboard/<key>.svg, endpoint chart_<key>.
for _key in charts.CHARTS:
    bp.add_url_rule(f"/dashboard/{_key}.svg", view_func=_chart_view(_key))
