"""The organizer's briefings: the list, creating one, its overview, settings and life cycle."""
from flask import abort, flash, g, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_login import current_user
from werkzeug.routing import BuildError

from ..labels import enum_label
from ..models import Briefing, BriefingStatus, SessionFormat
from ..permissions import Perm, can, require
from ..reports.forms import ForumTemplateForm
from ..services import briefings as service
from ..services.briefings import RuleViolation
from ..services.cloning import create_from_forum_template
from ..services.registrations import confirmed_by_mode
from . import bp
from .forms import BriefingForm, ButtonForm, show_violation, timezone_choices
from .translation_fields import with_translations

# What the button that moves a briefing to each status says.
STATUS_ACTIONS = {
    (BriefingStatus.DRAFT, BriefingStatus.PUBLISHED): _l("Publish"),
    (BriefingStatus.PUBLISHED, BriefingStatus.DRAFT): _l("Unpublish (back to draft)"),
    (BriefingStatus.PUBLISHED, BriefingStatus.CONCLUDED): _l("Mark as concluded"),
    (BriefingStatus.CONCLUDED, BriefingStatus.ARCHIVED): _l("Archive"),
}


# Other areas of a briefing, linked from its overview when they are installed.
AREA_LINKS = [
    ("participants.registrations", _l("Registrations")),
    ("participants.checkin", _l("Check-in desk")),
    ("secretariat.index", _l("Secretariat: speakers lists and minutes")),
]


def _url_or_none(endpoint: str, **values) -> str | None:
    """The address of ``endpoint``, or None where that area is not part of this installation."""
    try:
        return url_for(endpoint, **values)
    except BuildError:
        return None


def _entry_url(briefing: Briefing) -> str | None:
    """Where a briefing's row in "My briefings" leads this user, if anywhere."""
    if can(current_user, Perm.MANAGE_BRIEFING, briefing):
        return url_for(".overview", slug=briefing.slug)
    if can(current_user, Perm.KEEP_RECORDS, briefing):
        return _url_or_none("secretariat.index", slug=briefing.slug)
    return None


@bp.route("/")
def index():
    """My briefings: those I organize or keep records for (all of them for admins)."""
    rows = [(briefing, role, _entry_url(briefing))
            for briefing, role in service.briefings_for(current_user)]
    return render_template("organizer/index.html", rows=rows)


@bp.route("/new", methods=["GET", "POST"])
def new_briefing():
    """Create a briefing; its creator becomes its organizer."""
    form = BriefingForm(data={"timezone": "UTC", "languages": ["en"]})
    if form.validate_on_submit():
        try:
            briefing = service.create_briefing(form.to_data(), actor=current_user)
        except RuleViolation as violation:
            show_violation(form, violation)
        else:
            flash(_("The briefing is created as a draft. Add its sessions, then publish it."),
                  "success")
            return redirect(url_for(".overview", slug=briefing.slug))
    return render_template("organizer/briefing_new.html", form=form, briefing=None)


@bp.route("/new/forum-format", methods=["GET", "POST"])
def forum_template():
    """Start a briefing from the forum format: opening, hearing, round tables, debate, plenary."""
    require(Perm.CREATE_BRIEFING)
    form = ForumTemplateForm(data={"timezone": "UTC"}, zones=timezone_choices())
    if form.validate_on_submit():
        try:
            briefing = create_from_forum_template(
                title=form.title.data, slug=form.slug.data or "", first_day=form.start_date.data,
                timezone=form.timezone.data, days=int(form.days.data), actor=current_user)
        except RuleViolation as violation:
            show_violation(form, violation)
        else:
            flash(_("The briefing is created as a draft with the forum's programme. Adjust its "
                    "sessions, then publish it."), "success")
            return redirect(url_for(".programme", slug=briefing.slug))
    return render_template("reports/forum_template.html", form=form), 400 if form.errors else 200


@bp.route("/<slug>/")
def overview(slug):
    """A briefing at a glance: status, dates, counts and what needs attention."""
    briefing = g.briefing
    sessions = service.session_count(briefing)
    registrations = service.registration_counts(briefing)
    actions = [(target, STATUS_ACTIONS[(briefing.status, target)])
               for target in service.allowed_transitions(briefing)]
    return render_template(
        "organizer/overview.html", briefing=briefing, sessions=sessions,
        registrations=registrations, registrations_total=sum(registrations.values()),
        confirmed_by_mode=(confirmed_by_mode(briefing.id)
                           if briefing.format != SessionFormat.IN_PERSON else None),
        attention=service.attention_items(briefing, sessions, registrations),
        actions=actions, button=ButtonForm(), links=[
            (url, text) for url, text in (
                (_url_or_none(endpoint, slug=briefing.slug), text)
                for endpoint, text in AREA_LINKS) if url])


@bp.route("/<slug>/settings", methods=["GET", "POST"])
def settings(slug):
    """Change a briefing's settings."""
    briefing = g.briefing
    form_cls = with_translations(BriefingForm, briefing.other_languages, ("title", "summary"))
    form = form_cls.for_briefing(briefing)
    if form.validate_on_submit():
        try:
            changed = service.update_briefing(briefing, form.to_data(), actor=current_user)
        except RuleViolation as violation:
            show_violation(form, violation)
        else:
            flash(_("Settings saved.") if changed else _("Nothing was changed."), "success")
            return redirect(url_for(".settings", slug=briefing.slug))
    return render_template("organizer/settings.html", form=form, briefing=briefing)


@bp.route("/<slug>/status/<target>", methods=["POST"])
def change_status(slug, target):
    """Move the briefing along its life cycle (publish, unpublish, conclude, archive)."""
    briefing = g.briefing
    try:
        status = BriefingStatus(target)
    except ValueError:
        abort(404)
    if ButtonForm().validate_on_submit():
        try:
            service.change_status(briefing, status, actor=current_user)
        except RuleViolation as violation:
            for message in violation.errors.get("", []):
                flash(str(message), "danger")
        else:
            flash(_("The briefing is now: %(status)s.", status=enum_label(status)), "success")
    return redirect(url_for(".overview", slug=briefing.slug))
