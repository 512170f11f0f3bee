"""A registrant's own data behind their private link: download a copy, or erase it."""
import json

from flask import Response, flash, redirect, render_template, url_for
from flask_babel import gettext as _

from ..models import RegistrationStatus, utcnow
from ..services import privacy
from . import bp
from .forms import CancelForm
from .routes import _registration


@bp.route("/r/<token>/data.json")
def my_data(token):
    """Everything held about the registrant, as a JSON file to keep."""
    registration = _registration(token)
    body = json.dumps(privacy.personal_data(registration), ensure_ascii=False, indent=2)
    return Response(body + "\n", mimetype="application/json", headers={
        "Content-Disposition":
            f'attachment; filename="registration-{registration.ticket_code}.json"'})


@bp.route("/r/<token>/erase", methods=["GET", "POST"])
def erase(token):
    """Ask for confirmation, then erase the registrant's personal data."""
    registration = _registration(token)
    briefing = registration.briefing
    form = CancelForm()
    if form.validate_on_submit():
        try:
            privacy.erase_registration(registration.id)
        except privacy.PrivacyError as error:
            flash(str(error), "danger")
            return redirect(url_for(".private_page", token=token))
        flash(_("Your personal data has been erased. The private link no longer works."),
              "info")
        return redirect(url_for("public.briefing", slug=briefing.slug)
                        if briefing.is_public else url_for("public.index"))
    will_cancel = (registration.status in privacy.ACTIVE and briefing.ends_at > utcnow())
    return render_template("registration/erase.html", registration=registration,
                           briefing=briefing, form=form, will_cancel=will_cancel,
                           confirmed=registration.status == RegistrationStatus.CONFIRMED)
