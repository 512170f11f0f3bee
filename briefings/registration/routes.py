"""Register for a briefing; see, change and cancel a registration through its private link."""
import io
import re

import sqlalchemy as sa
from flask import Response, abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_babel import force_locale, ngettext
from markupsafe import Markup, escape
from sqlalchemy.orm import joinedload, selectinload

from .. import i18n
from ..countries import country_name
from ..extensions import db
from ..labels import enum_label
from ..models import (
    AttendanceMode,
    Briefing,
    BriefingSession,
    BriefingStatus,
    Registration,
    RegistrationStatus,
    SeatStatus,
    SessionFormat,
    SessionSeat,
    StakeholderGroup,
    utcnow,
)
from ..services import invitations
from ..services import hybrid, registration_changes, seats
from ..services import registrations as svc
from ..services.calendars import registration_calendar
from . import bp
from .forms import CancelForm, ChangeForm, RegistrationForm

TOKEN_SHAPE = re.compile(r"[A-Za-z0-9_-]{16,64}")
CHANGEABLE = (RegistrationStatus.PENDING, RegistrationStatus.CONFIRMED,
              RegistrationStatus.WAITLISTED)


def _public_briefing(slug: str) -> Briefing:
    """The non-draft briefing at ``slug`` with its texts in other languages, or 404."""
    briefing = db.session.scalar(sa.select(Briefing).where(Briefing.slug == slug)
                                 .options(selectinload(Briefing.translations)))
    if briefing is None or briefing.status == BriefingStatus.DRAFT:
        abort(404)
    return briefing


def _registration(token: str) -> Registration:
    """The registration of a private link; any unknown token is a plain 404."""
    if not TOKEN_SHAPE.fullmatch(token):
        abort(404)
    registration = db.session.scalar(
        sa.select(Registration).where(Registration.token == token)
        .options(joinedload(Registration.briefing).selectinload(Briefing.translations),
                 selectinload(Registration.seats).joinedload(SessionSeat.session)
                 .selectinload(BriefingSession.translations)))
    if registration is None:
        abort(404)
    return registration


def _seats_left(session: BriefingSession, taken: dict) -> str:
    """"(3 seats left)" for a session with a limit; per mode for a hybrid one; "" without."""
    parts = []
    for mode in hybrid.modes_offered(session.format):
        capacity = hybrid.session_capacity(session, mode)
        if capacity is None:
            continue
        left = max(capacity - taken.get((session.id, mode), 0), 0)
        if session.format != SessionFormat.HYBRID:
            parts.append(ngettext("%(num)d seat left", "%(num)d seats left", left) if left
                         else _("full: waiting list"))
        elif mode == AttendanceMode.ONLINE:
            parts.append(ngettext("%(num)d seat left online", "%(num)d seats left online", left)
                         if left else _("online: full, waiting list"))
        else:
            parts.append(ngettext("%(num)d seat left in the room",
                                  "%(num)d seats left in the room", left)
                         if left else _("in the room: full, waiting list"))
    return " (" + "; ".join(parts) + ")" if parts else ""


def _session_labels(briefing: Briefing, sessions: list[BriefingSession]) -> dict[int, str]:
    """Checkbox labels: day, time, zone, title, the format where it matters and the seats left."""
    taken = seats.seats_taken_by_mode([s.id for s in sessions])
    mixed = briefing.format != SessionFormat.IN_PERSON or any(
        s.format != SessionFormat.IN_PERSON for s in sessions)
    span, language = i18n.span_writer(briefing.timezone), i18n.current_language()
    formats = {fmt: f" · {enum_label(fmt)}" if mixed else "" for fmt in SessionFormat}
    labels = {}
    for s in sessions:
        # Isolates keep times and the title in their own direction inside Arabic labels. The
        # times take their direction from their first letter: Arabic dates carry right-to-left
        # marks that a forced left-to-right isolate would scramble.
        labels[s.id] = (f"\u2068{span(s.starts_at, s.ends_at)}\u2069 — \u2068{s.title_in(language)}"
                        f"\u2069{formats[s.format]}{_seats_left(s, taken)}")
    return labels


class _LazyLabels:
    """The sessions' checkbox labels, worked out when the form is shown and not before.

    A registration that succeeds never shows the form again, so it need not
    load the sessions whole, count their seats nor format 60 dates.
    """

    def __init__(self, briefing: Briefing, titles: dict[int, str]):
        # ``titles``: the choices' own titles, for a session deleted before the labels are made.
        self._briefing, self._titles, self._labels = briefing, titles, None

    def __getitem__(self, session_id: int) -> "_LazyLabel":
        return _LazyLabel(self, session_id)

    def text(self, session_id: int) -> str:
        if self._labels is None:
            # The programme with the sessions' texts in other languages, in two queries.
            sessions = db.session.scalars(
                sa.select(BriefingSession).where(BriefingSession.briefing_id == self._briefing.id)
                .options(selectinload(BriefingSession.translations))
                .order_by(*_PROGRAMME_ORDER)).all()
            self._labels = _session_labels(self._briefing, sessions)
        return self._labels.get(session_id) or self._titles[session_id]


class _LazyLabel:
    def __init__(self, labels: _LazyLabels, session_id: int):
        self._labels, self._session_id = labels, session_id

    def __str__(self) -> str:
        return self._labels.text(self._session_id)

    def __html__(self) -> Markup:
        return escape(str(self))


def _full_modes(briefing: Briefing) -> tuple:
    """The attendance modes of a hybrid briefing whose places are all taken."""
    counts = svc.confirmed_by_mode(briefing.id)
    return tuple(mode for mode in AttendanceMode
                 if not seats.has_room(hybrid.briefing_capacity(briefing, mode), counts[mode]))


_PROGRAMME_ORDER = (BriefingSession.starts_at, BriefingSession.position, BriefingSession.id)


def _prepare(form: RegistrationForm, briefing: Briefing) -> None:
    groups = db.session.scalars(sa.select(StakeholderGroup).where(StakeholderGroup.active)
                                .order_by(StakeholderGroup.position)).all()
    # What checking a choice needs; the labels load the sessions whole if the form is shown.
    sessions = db.session.execute(
        sa.select(BriefingSession.id, BriefingSession.format, BriefingSession.title)
        .where(BriefingSession.briefing_id == briefing.id).order_by(*_PROGRAMME_ORDER)).all()
    form.set_choices(groups, sessions,
                     _LazyLabels(briefing, {row.id: row.title for row in sessions}),
                     i18n.current_language(),
                     fmt=briefing.format,
                     full_modes=_full_modes(briefing) if briefing.format == SessionFormat.HYBRID
                     else ())


def _refused(form: RegistrationForm, error: svc.RegistrationError) -> None:
    """Put a refusal next to its field where it has one (and the form shows it), else flash it."""
    target = form._fields.get(error.field) if error.field else None
    if target is None:
        flash(str(error), "danger")
    else:
        target.errors = list(target.errors) + [str(error)]


def _details(form: RegistrationForm) -> svc.Details:
    return svc.Details(
        full_name=form.full_name.data, email=form.email.data,
        organization=form.organization.data, position=form.position.data or "",
        stakeholder_group_id=form.stakeholder_group.data, country=form.country.data,
        gender=form.gender.data or None, language=form.language.data,
        accessibility_needs=form.accessibility_needs.data or "",
        list_consent=form.list_consent.data, session_ids=list(form.sessions.data or []),
        attendance_mode=form.attendance_mode.data if form.attendance_mode else None,
        mode_required=form.attendance_mode is not None)


@bp.route("/b/<slug>/register", methods=["GET", "POST"])
def register(slug):
    briefing = _public_briefing(slug)
    is_open = briefing.registration_open()
    token = request.args.get("invitation")
    invitation = invitations.lookup(briefing.id, token) if token else None
    form = RegistrationForm()
    _prepare(form, briefing)
    if request.method == "GET":
        form.language.data = i18n.current_language()
        if invitation is not None:
            _prefill(form, invitation)
    if is_open and form.validate_on_submit():
        if invitation is not None and svc.email_key(form.email.data) != invitation.email_key:
            form.email.errors = list(form.email.errors) + [_(
                "Your invitation was sent to %(email)s: please register with that address.",
                email=invitation.email)]
            return _form_page(briefing, form, is_open, invitation, token)
        try:
            result = svc.register(briefing.id, _details(form), invited=invitation is not None)
        except svc.RegistrationError as error:
            _refused(form, error)
        else:
            if invitation is not None:
                invitations.mark_registered(invitation.id, result.registration_id)
            if not result.created:
                return redirect(url_for(".already_registered", slug=slug))
            return redirect(url_for(".private_page", token=result.token, welcome=1))
    return _form_page(briefing, form, is_open, invitation, token)


def _prefill(form: RegistrationForm, invitation) -> None:
    """The invitee's details, as the organizers entered them, in the registration form."""
    form.full_name.data = invitation.full_name
    form.email.data = invitation.email
    form.organization.data = invitation.organization
    form.stakeholder_group.data = invitation.stakeholder_group_id or -1
    if invitation.language:
        form.language.data = invitation.language


def _form_page(briefing, form, is_open, invitation, token):
    opens_later = (briefing.status == BriefingStatus.PUBLISHED
                   and briefing.registration_opens_at is not None
                   and utcnow() < briefing.registration_opens_at)
    return render_template("registration/form.html", briefing=briefing, form=form,
                           is_open=is_open, opens_later=opens_later, invitation=invitation,
                           bad_invitation=bool(token) and invitation is None)


@bp.route("/b/<slug>/register/sent")
def already_registered(slug):
    briefing = _public_briefing(slug)
    return render_template("registration/already.html", briefing=briefing)


@bp.route("/r/<token>")
def private_page(token):
    registration = _registration(token)
    briefing = registration.briefing
    seats = sorted((seat for seat in registration.seats if seat.status != SeatStatus.RELEASED),
                   key=lambda seat: (seat.session.starts_at, seat.session.position))
    return render_template(
        "registration/private.html", registration=registration, briefing=briefing, seats=seats,
        qr_svg=_ticket_svg(registration), welcome=request.args.get("welcome") == "1",
        group=registration.stakeholder_group,
        country=country_name(registration.country, i18n.current_language()),
        changeable=registration.status in CHANGEABLE, cancel_form=CancelForm(),
        waiting_position=svc.waiting_position(registration))


def _ticket_svg(registration: Registration) -> str:
    """The ticket code as a full QR code (few door scanners read Micro QR), as inline SVG."""
    import segno  # only the private page draws one: no other page loads it (memory)

    buffer = io.BytesIO()
    segno.make_qr(registration.ticket_code, error="m").save(
        buffer, kind="svg", scale=6, xmldecl=False, svgns=True, title=_("Ticket QR code"),
        svgclass="ticket-qr")
    return buffer.getvalue().decode("utf-8")


@bp.route("/r/<token>/calendar.ics")
def calendar(token):
    registration = _registration(token)
    with force_locale(registration.language or "en"):  # as the copy in their e-mail
        body = registration_calendar(registration)
    return Response(body, mimetype="text/calendar",
                    headers={"Content-Disposition":
                             f'attachment; filename="{registration.briefing.slug}.ics"'})


@bp.route("/r/<token>/edit", methods=["GET", "POST"])
def change(token):
    registration = _registration(token)
    briefing = registration.briefing
    if registration.status not in CHANGEABLE:
        flash(_("A cancelled or declined registration can no longer be changed."), "warning")
        return redirect(url_for(".private_page", token=token))
    form = ChangeForm(obj=None if request.method == "POST" else _FormData(registration))
    _prepare(form, briefing)
    if form.validate_on_submit():
        try:
            registration_changes.update(registration.id, _details(form))
        except svc.RegistrationError as error:
            _refused(form, error)
        else:
            flash(_("Your changes are saved."), "success")
            return redirect(url_for(".private_page", token=token))
    return render_template("registration/change.html", briefing=briefing, form=form,
                           registration=registration)


class _FormData:
    """A registration seen with the form's field names."""

    def __init__(self, registration: Registration):
        self.full_name = registration.full_name
        self.email = registration.email
        self.organization = registration.organization
        self.position = registration.position
        self.stakeholder_group = registration.stakeholder_group_id or -1
        self.country = registration.country
        self.gender = registration.gender.value if registration.gender else ""
        self.language = registration.language
        self.accessibility_needs = registration.accessibility_needs
        self.list_consent = registration.list_consent
        self.attendance_mode = registration.attendance_mode.value
        self.sessions = [seat.session_id for seat in registration.seats
                         if seat.status != SeatStatus.RELEASED]


@bp.route("/r/<token>/cancel", methods=["GET", "POST"])
def cancel(token):
    registration = _registration(token)
    if registration.status not in (RegistrationStatus.CONFIRMED, RegistrationStatus.WAITLISTED,
                                   RegistrationStatus.PENDING):
        return redirect(url_for(".private_page", token=token))
    form = CancelForm()
    if form.validate_on_submit():
        try:
            svc.cancel_by_registrant(registration.id)
        except svc.RegistrationError as error:
            flash(str(error), "danger")
        else:
            flash(_("Your registration is cancelled. We have sent you a confirmation."), "info")
        return redirect(url_for(".private_page", token=token))
    return render_template("registration/cancel.html", registration=registration,
                           briefing=registration.briefing, form=form)
