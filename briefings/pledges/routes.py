"""Pledges for staff: the list, recording and correcting, progress updates, the CSV."""
from flask import Response, abort, flash, g, redirect, render_template, request, stream_with_context, url_for
from flask_babel import gettext as _
from flask_login import current_user

from ..i18n import current_language
from ..models import Pledge, PledgeStatus
from ..outcomes.fields import ButtonForm
from ..published.csv import pledge_csv
from ..published.register import register_context
from ..services import pledges
from . import bp
from .forms import PledgeForm, ProgressForm


def _load(pledge_id: int) -> Pledge:
    pledge = pledges.pledge_of(g.briefing.id, pledge_id)
    if pledge is None:
        abort(404)
    return pledge


@bp.route("")
def index():
    """The briefing's pledges: filters, pages of 25 and totals, with links to correct them."""
    context = register_context(g.briefing, endpoint="pledges.index")
    return render_template("pledges/index.html", **context,
                           csv_url=url_for(".export", **context["filters"].args()))


@bp.route("/export.csv")
def export():
    """The filtered pledges as a CSV file for spreadsheets."""
    filters, _ignored = pledges.parse_filters(request.args, pledges.all_groups())
    body = pledge_csv(pledges.matching(g.briefing.id, filters), current_language())
    return Response(stream_with_context(body), mimetype="text/csv",
                    headers={"Content-Disposition":
                             f'attachment; filename="{g.briefing.slug}-pledges.csv"'})


@bp.route("/new", methods=["GET", "POST"])
def new():
    """Record a pledge."""
    form = PledgeForm()
    form.offer()
    if form.validate_on_submit():
        try:
            pledge = pledges.create_pledge(g.briefing, form.data_for_service(), actor=current_user)
        except pledges.PledgeError as refusal:
            form.amount_usd.errors.append(str(refusal))
        else:
            flash(_("The pledge is recorded."), "success")
            return redirect(url_for(".pledge", pledge_id=pledge.id))
    status = 400 if form.is_submitted() else 200
    return render_template("pledges/form.html", form=form, pledge=None), status


@bp.route("/<int:pledge_id>")
def pledge(pledge_id: int):
    """One pledge with its progress updates and a form to add one."""
    return _render_pledge(_load(pledge_id))


def _render_pledge(pledge: Pledge, form: ProgressForm | None = None, status: int = 200):
    if form is None:
        form = ProgressForm(formdata=None, status=pledge.status.value)
    return render_template("pledges/pledge.html", pledge=pledge, form=form,
                           button=ButtonForm(formdata=None)), status


@bp.route("/<int:pledge_id>/edit", methods=["GET", "POST"])
def edit(pledge_id: int):
    """Correct a pledge."""
    pledge = _load(pledge_id)
    form = PledgeForm() if request.method == "POST" else PledgeForm(data=PledgeForm.values_of(pledge))
    form.offer(pledge)
    if form.validate_on_submit():
        try:
            changed = pledges.update_pledge(pledge, form.data_for_service(), actor=current_user)
        except pledges.PledgeError as refusal:
            form.amount_usd.errors.append(str(refusal))
        else:
            flash(_("The pledge is saved.") if changed else _("Nothing had changed."),
                  "success" if changed else "info")
            return redirect(url_for(".pledge", pledge_id=pledge_id))
    status = 400 if form.is_submitted() else 200
    return render_template("pledges/form.html", form=form, pledge=pledge), status


@bp.route("/<int:pledge_id>/updates", methods=["POST"])
def add_update(pledge_id: int):
    """Add a dated progress update; the pledge takes its status."""
    pledge = _load(pledge_id)
    form = ProgressForm()
    if not form.validate_on_submit():
        return _render_pledge(pledge, form, 400)
    pledges.add_update(pledge, on=form.on.data, status=PledgeStatus(form.status.data),
                       note=form.note.data or "", actor=current_user)
    flash(_("The progress update is added."), "success")
    return redirect(url_for(".pledge", pledge_id=pledge_id))


@bp.route("/<int:pledge_id>/delete", methods=["POST"])
def delete(pledge_id: int):
    """Delete a pledge entered by mistake (a pledge given up is marked withdrawn instead)."""
    pledge = _load(pledge_id)
    if ButtonForm().validate_on_submit():
        pledges.delete_pledge(pledge, actor=current_user)
        flash(_("The pledge is deleted."), "success")
    return redirect(url_for(".index"))
