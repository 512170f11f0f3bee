"""Routes anyone may visit."""
import re
from urllib.parse import urlsplit

from flask import abort, current_app, redirect, render_template, request, url_for
from flask_babel import force_locale, get_locale
from markupsafe import Markup

from ..caching import Memo, programme_digest
from ..i18n import LANG_COOKIE, current_language, zone_abbreviation
from ..labels import ROLE_HEADINGS
from ..countries import country_name
from ..models import Briefing, BriefingStatus, ParticipantListVisibility, utcnow
from ..services.calendars import programme_calendar
from . import bp, queries
from .formatting import zone_city


def _load(slug: str) -> Briefing:
    briefing = queries.public_briefing(slug)
    if briefing is None:
        abort(404)
    return briefing


def _registration_state(briefing: Briefing) -> str:
    """One word for the template: open, not_yet, closed or over."""
    if briefing.registration_open():
        return "open"
    if briefing.status != BriefingStatus.PUBLISHED:
        return "over"
    if briefing.registration_opens_at and utcnow() < briefing.registration_opens_at:
        return "not_yet"
    return "closed"


@bp.route("/")
def index():
    """Upcoming and current briefings, then recent ones."""
    upcoming, recent = queries.listed_briefings()
    return render_template("public/index.html", upcoming=upcoming, recent=recent)


# The programme and speakers sections of briefing pages, by programme digest and language:
# they are most of the page's cost, and the same for every visitor.
_programmes = Memo(size=32)


@bp.route("/b/<slug>")
def briefing(slug: str):
    """A briefing's page: summary, partners, venue, programme by day and speakers."""
    briefing = queries.public_briefing(slug, programme=False)
    if briefing is None:
        abort(404)
    locale = get_locale()
    city = zone_city(briefing.zone, locale)
    key = (programme_digest(briefing), str(locale))
    programme = _programmes.get(key)
    if programme is None:
        briefing = _load(slug)
        programme = Markup(render_template(  # nosec B704 - autoescaped template output
            "public/_programme.html", briefing=briefing, days=queries.programme_by_day(briefing),
            contributors=queries.contributors(briefing), role_headings=ROLE_HEADINGS,
            zone_city=city))
        _programmes.put(key, programme)
    return render_template(
        "public/briefing.html",
        briefing=briefing,
        programme=programme,
        zone_city=city,
        zone_abbr=zone_abbreviation(briefing.starts_at, briefing.zone),
        registration=_registration_state(briefing),
        register_url=url_for("registration.register", slug=briefing.slug),
    )


@bp.route("/b/<slug>/participants")
def participants(slug: str):
    """The public participant list: consenting, confirmed people, when the briefing shows one."""
    briefing = _load(slug)
    if briefing.participant_list != ParticipantListVisibility.PUBLIC:
        abort(404)
    people = queries.listed_participants(briefing)
    return render_template("public/participants.html", briefing=briefing, people=people,
                           country_name=lambda code: country_name(code, current_language()))


# Calendar files already built, by programme digest: building one costs tens of milliseconds.
_calendars = Memo(size=32)


@bp.route("/b/<slug>/agenda.ics")
def agenda(slug: str):
    """The programme as an iCalendar file (built once for each state of the programme).

    Titles and labels are in the language of ``?lang=`` when given (a calendar
    subscription sends no cookie), else in the visitor's.
    """
    asked = request.args.get("lang")
    if asked in current_app.config["LANGUAGES"]:
        with force_locale(asked):
            return _agenda(slug)
    return _agenda(slug)


def _agenda(slug: str):
    # The row alone: a kept file needs only its digest; a new one loads the programme whole.
    briefing = queries.public_briefing(slug, programme=False, texts=False)
    if briefing is None:
        abort(404)
    page_url = url_for("public.briefing", slug=briefing.slug, _external=True)
    # The same UIDs as in the registrants' own calendars, so an import updates, not doubles.
    host = current_app.config.get("MAIL_MESSAGE_ID_DOMAIN") or request.host.split(":")[0]
    key = (programme_digest(briefing), str(get_locale()), page_url, host)
    body = _calendars.get(key)
    if body is None:
        briefing = _load(slug)
        body = programme_calendar(briefing, page_url=page_url, host=host).to_ical()
        _calendars.put(key, body)
    response = current_app.response_class(body, mimetype="text/calendar")
    response.headers["Content-Type"] = "text/calendar; charset=utf-8"
    filename = re.sub(r"[^A-Za-z0-9_-]", "-", briefing.slug) + ".ics"
    response.headers["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


@bp.route("/language", methods=["POST"])
def set_language():
    """Remember the chosen language in a cookie and go back to the page it was chosen on."""
    target = request.form.get("next", "")
    parts = urlsplit(target)
    if parts.scheme or parts.netloc or not target.startswith("/") or target.startswith("//"):
        target = url_for("public.index")
    response = redirect(target)
    language = request.form.get("language")
    if language in current_app.config["LANGUAGES"]:
        response.set_cookie(LANG_COOKIE, language, max_age=365 * 24 * 3600, samesite="Lax",
                            httponly=True, secure=current_app.config["SESSION_COOKIE_SECURE"])
    return response
