"""Badges: pick the people (by status and group, or by ticking names) and download a PDF sheet."""
from flask import Response, flash, g, redirect, render_template, request, url_for
from flask_babel import gettext as _

from ..extensions import db
from ..content import localized
from ..i18n import current_language
from ..participants.display import group_name
from ..participants.queries import groups as all_groups
from ..pdf import render_pdf
from ..services import badges as service
from . import bp
from .forms import BadgeFilterForm, BadgeForm


def _group_choices() -> list[tuple[int, str]]:
    return [(group.id, group_name(group)) for group in all_groups()]


def _filters(source) -> BadgeFilterForm:
    """The list's filters from ``source``; a value that is not offered is ignored."""
    form = BadgeFilterForm(formdata=source)
    form.offer(_group_choices())
    form.validate()
    return form


def _render(form: BadgeForm, filters: BadgeFilterForm, status: int = 200):
    query = service.selection(g.briefing, status=filters.chosen_status(),
                              group_id=filters.chosen_group())
    people = list(db.session.scalars(query))
    return render_template("reports/badges.html", form=form, filters=filters, people=people,
                           per_page=service.PER_PAGE), status


def _badge_form(**kwargs) -> BadgeForm:
    """The print form, offering the briefing's languages (the page's own first, if offered)."""
    languages = g.briefing.language_list or ["en"]
    default = current_language() if current_language() in languages else languages[0]
    form = BadgeForm(data={"language": default}, **kwargs)
    form.offer(_group_choices())
    form.language.choices = [choice for choice in form.language.choices
                             if choice.value in languages]
    return form


@bp.route("/badges")
def badges():
    """Choose whose badges to print, on which paper."""
    filters = _filters(request.args)
    form = _badge_form(formdata=None)
    return _render(form, filters)


@bp.route("/badges.pdf", methods=["POST"])
def badges_pdf():
    """The badges as a PDF: eight to a sheet, with cut lines."""
    form = _badge_form()
    if not form.validate_on_submit():
        return _render(form, _filters(request.form), status=400)
    if form.scope.data == "ticked":
        query = service.selection(g.briefing, ids=form.ids.data)
    else:
        query = service.selection(g.briefing, status=form.chosen_status(),
                                  group_id=form.chosen_group())
    badges_ = service.badges_for(query, form.language.data)
    if not badges_:
        flash(_("Nobody matches: there are no badges to print."), "warning")
        return redirect(url_for(".badges", status=form.status.data or "",
                                group=form.group.data or ""))
    paper = service.PAPERS[form.paper.data]
    # The briefing's title in the badges' language, where the organizers translated it.
    event_title = localized(g.briefing, "title", form.language.data)
    html = render_template("reports/badges_pdf.html", sheets=service.sheets(badges_),
                           paper=paper, badge_language=form.language.data,
                           event_title=event_title, event_script=service.script_of(event_title))
    return Response(render_pdf(html), mimetype="application/pdf", headers={
        "Content-Disposition": f'attachment; filename="{g.briefing.slug}-badges.pdf"'})
