"""The organizer's registrations: the list, one registration, actions, capacity and the CSV."""
from urllib.parse import parse_qsl, urlencode

import sqlalchemy as sa
from flask import (
    Response,
    abort,
    flash,
    g,
    redirect,
    render_template,
    request,
    stream_with_context,
    url_for,
)
from flask_babel import gettext as _
from flask_babel import ngettext
from flask_login import current_user
from sqlalchemy.orm import joinedload, selectinload

from ..extensions import db
from ..i18n import current_language
from ..labels import enum_label
from ..models import (
    OutboxMessage,
    Registration,
    RegistrationStatus as RS,
    SessionFormat,
    SessionSeat,
    StatusChange,
)
from ..services import exports, privacy
from ..services.registration_actions import (
    allowed_actions,
    apply_action,
    apply_bulk,
    resend_status_mail,
)
from ..services.registrations import (
    STATUS_MAIL,
    RegistrationError,
    confirmed_count,
    set_capacity,
)
from . import bp, queries
from .display import country_name, group_name
from .forms import (
    ACTION_LABELS,
    SORT_LABELS,
    BulkActionForm,
    ButtonForm,
    CapacityForm,
    FilterForm,
    StatusActionForm,
)
from .listing import list_rows

LIST_ARGS = ("q", "status", "group", "country", "session", "mode", "sort", "order", "page")
MAX_REFUSALS_SHOWN = 10


def _filter_form() -> FilterForm:
    form = FilterForm(formdata=request.args)
    groups = [(group, group_name(group)) for group in queries.groups()]
    countries = sorted(((code, country_name(code))
                        for code in queries.countries_in_use(g.briefing.id)),
                       key=lambda pair: pair[1])
    form.offer(groups=groups, countries=countries, sessions=queries.sessions(g.briefing.id))
    return form


def _args(filters: queries.Filters, page: int = 1) -> dict:
    """The query string that shows ``filters`` on ``page`` (defaults left out)."""
    args = {"q": filters.text, "status": filters.status.value if filters.status else "",
            "group": filters.group_id, "country": filters.country or "",
            "session": filters.session_id, "mode": filters.mode.value if filters.mode else "",
            "sort": "" if filters.sort == queries.DEFAULT_SORT else filters.sort,
            "order": "desc" if filters.descending else "", "page": page if page > 1 else None}
    return {key: value for key, value in args.items() if value not in ("", None)}


def _page_number() -> tuple[int, bool]:
    """The page asked for, and whether the request named it understandably."""
    try:
        return max(1, int(request.args.get("page", "1"))), True
    except ValueError:
        return 1, False


def _render_list(capacity_form: CapacityForm | None = None, status: int = 200):
    briefing = g.briefing
    form = _filter_form()
    filters = form.filters()
    number, understood = _page_number()
    counts = queries.status_counts(briefing.id)
    page = queries.page(briefing.id, filters, number, counts)
    args = _args(filters)
    sort_links = {key: url_for(".registrations", **_args(filters.sorted_by(key)))
                  for key in SORT_LABELS}
    return render_template(
        "participants/registrations.html", form=form, filters=filters, page=page,
        rows=list_rows(page.items, briefing.timezone),
        counts=counts, confirmed=counts[RS.CONFIRMED],
        by_mode=queries.mode_counts(briefing.id) if briefing.format != SessionFormat.IN_PERSON
        else None,
        sort_links=sort_links, sort_labels=SORT_LABELS,
        page_url=lambda n: url_for(".registrations", **_args(filters, page=n)),
        csv_url=url_for(".registrations_csv", **args),
        xlsx_url=url_for("reports.registrations_xlsx", **args), back=urlencode(_args(filters,
                                                                          page=page.number)),
        bulk_form=BulkActionForm(formdata=None), action_labels=ACTION_LABELS,
        capacity_form=capacity_form or CapacityForm(formdata=None, capacity=briefing.capacity),
        ignored_filters=bool(form.errors) or not understood,
    ), status


@bp.route("/registrations")
def registrations():
    """The briefing's registrations: counts, filters, search, sorting and pages of 50."""
    page = _render_list()
    # Written once the page is made: the commit would otherwise expire what it shows.
    privacy.record_access("personal_data.view", g.briefing, actor=current_user,
                          briefing=g.briefing, what="registrations")
    return page


@bp.route("/registrations.csv")
def registrations_csv():
    """The filtered list as a CSV file for spreadsheets, streamed row by row."""
    privacy.record_access("personal_data.export", g.briefing, actor=current_user,
                          briefing=g.briefing, what="registrations.csv")
    filters = _filter_form().filters()
    query = queries.matching(g.briefing.id, filters)
    body = exports.registrations_csv(g.briefing, query, current_language())
    return Response(stream_with_context(body), mimetype="text/csv",
                    headers={"Content-Disposition":
                             f'attachment; filename="{g.briefing.slug}-registrations.csv"'})


def _back_to_list(back: str | None):
    """Redirect to the list as it was, rebuilt from known parameters only."""
    args = {key: value for key, value in parse_qsl(back or "") if key in LIST_ARGS}
    return redirect(url_for(".registrations", **args))


@bp.route("/registrations/bulk", methods=["POST"])
def bulk_action():
    """Apply one action to the ticked registrations; say how many changed and which were refused."""
    form = BulkActionForm()
    if not form.validate_on_submit():
        for errors in form.errors.values():
            for error in errors:
                flash(error, "danger")
        return _back_to_list(form.back.data)
    result = apply_bulk(g.briefing.id, form.ids.data, form.action.data, actor=current_user,
                        reason=form.reason.data or "")
    if result.changed:
        flash(ngettext("%(num)d registration changed.", "%(num)d registrations changed.",
                       len(result.changed)), "success")
        waitlisted = sum(1 for r in result.changed if r.status == RS.WAITLISTED)
        if waitlisted and form.action.data == "approve":
            flash(ngettext("%(num)d of them joined the waiting list: the briefing is full.",
                           "%(num)d of them joined the waiting list: the briefing is full.",
                           waitlisted), "warning")
    if result.refused:
        flash(ngettext("%(num)d registration was not changed:",
                       "%(num)d registrations were not changed:", len(result.refused)), "danger")
        for registration, why in result.refused[:MAX_REFUSALS_SHOWN]:
            flash(f"{registration.full_name}: {why}", "danger")
        if len(result.refused) > MAX_REFUSALS_SHOWN:
            flash(_("… and %(num)d more.", num=len(result.refused) - MAX_REFUSALS_SHOWN),
                  "danger")
    if not result.changed and not result.refused:
        flash(_("None of the selected registrations belong to this briefing."), "warning")
    return _back_to_list(form.back.data)


@bp.route("/registrations/capacity", methods=["POST"])
def change_capacity():
    """Change the briefing's capacity; a larger one promotes the waiting list."""
    form = CapacityForm()
    if not form.validate_on_submit():
        return _render_list(capacity_form=form, status=400)
    try:
        promoted = set_capacity(g.briefing.id, form.capacity.data, actor=current_user)
    except RegistrationError as refusal:
        flash(str(refusal), "danger")
        return redirect(url_for(".registrations"))
    if form.capacity.data is None:
        flash(_("The briefing now has no capacity limit."), "success")
    else:
        flash(_("Capacity set to %(num)d.", num=form.capacity.data), "success")
    flash(ngettext("%(num)d person was promoted from the waiting list.",
                   "%(num)d people were promoted from the waiting list.", len(promoted)),
          "success" if promoted else "info")
    if form.capacity.data is not None and confirmed_count(g.briefing.id) > form.capacity.data:
        flash(_("More people are confirmed than the new capacity: nobody loses their seat, "
                "but nobody else will be confirmed until places free up."), "warning")
    return redirect(url_for(".registrations"))


def _registration(registration_id: int) -> Registration:
    """The briefing's registration ``registration_id``, with what its page shows, or 404."""
    registration = db.session.scalar(
        sa.select(Registration)
        .options(joinedload(Registration.stakeholder_group),
                 selectinload(Registration.seats).joinedload(SessionSeat.session),
                 selectinload(Registration.history).joinedload(StatusChange.user))
        .where(Registration.id == registration_id, Registration.briefing_id == g.briefing.id))
    if registration is None:
        abort(404)
    return registration


@bp.route("/registrations/<int:registration_id>")
def registration(registration_id):
    """One registration: every field, its sessions, its history and the e-mails it was sent."""
    reg = _registration(registration_id)
    mails = db.session.scalars(
        sa.select(OutboxMessage).where(OutboxMessage.registration_id == reg.id)
        .order_by(OutboxMessage.created_at.desc(), OutboxMessage.id.desc())).all()
    seats = sorted(reg.seats, key=lambda s: (s.session.starts_at, s.session.position, s.session.id))
    page = render_template(
        "participants/registration.html", registration=reg, seats=seats, mails=mails,
        actions=[(name, ACTION_LABELS[name]) for name in allowed_actions(reg.status)],
        action_form=StatusActionForm(formdata=None), button=ButtonForm(),
        resend_kind=STATUS_MAIL[reg.status])
    privacy.record_access("personal_data.view", reg, actor=current_user, briefing=g.briefing,
                          what="registration")
    return page


@bp.route("/registrations/<int:registration_id>/status", methods=["POST"])
def change_status(registration_id):
    """Approve, promote, decline or cancel one registration."""
    reg = _registration(registration_id)
    form = StatusActionForm()
    if form.validate_on_submit():
        try:
            reg = apply_action(reg.id, form.action.data, actor=current_user,
                               reason=form.reason.data or "")
        except RegistrationError as refusal:
            flash(str(refusal), "danger")
        else:
            flash(_("%(name)s is now: %(status)s.", name=reg.full_name,
                    status=enum_label(reg.status)), "success")
            if form.action.data == "approve" and reg.status == RS.WAITLISTED:
                flash(_("The briefing is full, so the registration joined the waiting list."),
                      "warning")
    else:
        flash(_("That action is not available."), "danger")
    return redirect(url_for(".registration", registration_id=registration_id))


@bp.route("/registrations/<int:registration_id>/resend", methods=["POST"])
def resend(registration_id):
    """Send the e-mail that matches the registration's status again."""
    reg = _registration(registration_id)
    if ButtonForm().validate_on_submit():
        message = resend_status_mail(reg.id, actor=current_user)
        flash(_("The e-mail “%(subject)s” will be sent again to %(address)s.",
                subject=message.subject, address=message.to_address), "success")
    return redirect(url_for(".registration", registration_id=registration_id))
