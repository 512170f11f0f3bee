"""A participant's certificate of attendance: download it, or have it e-mailed."""
from dataclasses import dataclass

from flask import Response, abort, flash, redirect, url_for
from flask_babel import gettext as _
from flask_wtf import FlaskForm

from ..models import Registration, Survey
from ..services import certificates as service
from ..services import surveys
from ..surveys.participant import registration_or_404
from . import bp


class SendForm(FlaskForm):
    """The "e-mail me my certificate" button: only the CSRF token travels."""


@dataclass
class AfterBriefing:
    """What the private page offers once the briefing is over."""

    certificate: bool
    survey: Survey | None
    answered: bool
    send_form: FlaskForm | None


@bp.app_template_global("after_briefing")
def after_briefing(registration: Registration) -> AfterBriefing:
    """For the private page: is there a certificate, and a survey to answer?"""
    survey = surveys.survey_of(registration.briefing_id)
    if survey is not None and not (survey.is_open and surveys.may_answer(registration)):
        survey = None
    answered = survey is not None and surveys.has_answered(survey.id, registration.id)
    certificate = service.is_available(registration)
    return AfterBriefing(certificate=certificate, survey=survey, answered=answered,
                         send_form=SendForm(formdata=None) if certificate else None)


@bp.route("/r/<token>/certificate.pdf")
def certificate(token):
    """The certificate as a PDF, in the participant's language; 404 unless checked in."""
    registration = registration_or_404(token)
    if not service.is_available(registration):
        abort(404)
    return Response(service.certificate_pdf(registration), mimetype="application/pdf",
                    headers={"Content-Disposition":
                             f'attachment; filename="{service.filename(registration)}"'})


@bp.route("/r/<token>/certificate/send", methods=["POST"])
def send(token):
    """E-mail the certificate to the participant, as an attachment."""
    registration = registration_or_404(token)
    if not service.is_available(registration):
        abort(404)
    if SendForm().validate_on_submit():
        try:
            service.send_certificate(registration)
        except service.CertificateError as error:
            flash(str(error), "warning")
        else:
            flash(_("Your certificate is on its way to %(email)s.", email=registration.email),
                  "success")
    return redirect(url_for("registration.private_page", token=token, _anchor="after-heading"))
