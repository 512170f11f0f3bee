"""Outcome documents: the list, a new document, one document, publishing and withdrawing."""
from flask import abort, flash, g, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_login import current_user
from sqlalchemy.orm import selectinload

from ..extensions import db
from ..i18n import current_language
from ..markup import render_markdown
from ..models import ActionStatus, OutcomeDocument
from ..published.labels import record_choices
from ..services import outcomes
from ..services.coverage import coverage as coverage_of
from . import bp
from .fields import ButtonForm
from .forms import ActionItemForm, NewDocumentForm


def load_document(doc_id: int) -> OutcomeDocument:
    """The document ``doc_id`` of this briefing, with its objectives and action items (else 404)."""
    document = db.session.scalar(
        db.select(OutcomeDocument)
        .where(OutcomeDocument.id == doc_id, OutcomeDocument.briefing_id == g.briefing.id)
        .options(selectinload(OutcomeDocument.objectives),
                 selectinload(OutcomeDocument.action_items)))
    if document is None:
        abort(404)
    return document


@bp.route("")
def index():
    """The briefing's outcome documents, each with its translations and their status."""
    groups = outcomes.grouped(outcomes.documents(g.briefing.id))
    return render_template("outcomes/index.html", groups=groups)


@bp.route("/new", methods=["GET", "POST"])
def new():
    """Start a new outcome document (a draft)."""
    form = NewDocumentForm()
    if not form.is_submitted():
        form.language.data = current_language()
    if form.validate_on_submit():
        try:
            document = outcomes.create(g.briefing, form.data_for_service(), actor=current_user)
        except outcomes.OutcomeError as refusal:
            form.body.errors.append(str(refusal))
        else:
            flash(_("The draft is saved. Publish it when it is ready."), "success")
            return redirect(url_for(".document", doc_id=document.id))
    status = 400 if form.is_submitted() else 200
    return render_template("outcomes/new.html", form=form), status


@bp.route("/<int:doc_id>")
def document(doc_id: int):
    """One document as staff see it: text, translations, action items, publication."""
    document = load_document(doc_id)
    return render_document(document)


def render_document(document: OutcomeDocument, action_form: ActionItemForm | None = None,
                    status: int = 200):
    """The staff page of a document, with fresh forms unless given one that failed."""
    return render_template(
        "outcomes/document.html", document=document,
        rendered=render_markdown(document.body, heading_shift=1),
        translations=outcomes.translations(document),
        missing=outcomes.missing_languages(document),
        action_form=action_form or ActionItemForm(formdata=None),
        action_statuses=record_choices(ActionStatus), button=ButtonForm(formdata=None),
    ), status


@bp.route("/<int:doc_id>/publish", methods=["POST"])
def publish(doc_id: int):
    """Publish a draft: it appears on the briefing's public outcome pages."""
    document = load_document(doc_id)
    if ButtonForm().validate_on_submit():
        try:
            outcomes.publish(document, actor=current_user)
        except outcomes.OutcomeError as refusal:
            flash(str(refusal), "danger")
        else:
            flash(_("The document is published."), "success")
    return redirect(url_for(".document", doc_id=doc_id))


@bp.route("/<int:doc_id>/withdraw", methods=["POST"])
def withdraw(doc_id: int):
    """Take a published document back to draft (logged)."""
    document = load_document(doc_id)
    if ButtonForm().validate_on_submit():
        try:
            outcomes.withdraw(document, actor=current_user)
        except outcomes.OutcomeError as refusal:
            flash(str(refusal), "danger")
        else:
            flash(_("The document is withdrawn: it is a draft again and no longer public."),
                  "success")
    return redirect(url_for(".document", doc_id=doc_id))


@bp.route("/coverage")
def coverage():
    """GCM coverage as staff see it: published and draft documents, sessions and pledges."""
    return render_template("outcomes/coverage.html",
                           coverage=coverage_of(g.briefing.id, current_language(),
                                                include_drafts=True))
