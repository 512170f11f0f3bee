"""Action items of an outcome document: add, change status, remove."""
from flask import abort, flash, redirect, url_for
from flask_babel import gettext as _
from flask_login import current_user

from ..models import ActionItem, ActionStatus, OutcomeDocument
from ..services import outcomes
from . import bp
from .fields import ButtonForm
from .forms import ActionItemForm, ActionStatusForm
from .routes import load_document, render_document


def _item(document: OutcomeDocument, item_id: int) -> ActionItem:
    for item in document.action_items:
        if item.id == item_id:
            return item
    abort(404)


def _back(document: OutcomeDocument):
    return redirect(url_for(".document", doc_id=document.id, _anchor="actions"))


@bp.route("/<int:doc_id>/actions", methods=["POST"])
def add_action(doc_id: int):
    """Add an action item (what, who, due date, status)."""
    document = load_document(doc_id)
    form = ActionItemForm()
    if not form.validate_on_submit():
        return render_document(document, action_form=form, status=400)
    outcomes.add_action(document, form.data_for_service(), actor=current_user)
    flash(_("The action item is added."), "success")
    return _back(document)


@bp.route("/<int:doc_id>/actions/<int:item_id>/status", methods=["POST"])
def action_status(doc_id: int, item_id: int):
    """Move an action item to another status."""
    document = load_document(doc_id)
    item = _item(document, item_id)
    form = ActionStatusForm()
    if not form.validate_on_submit():
        flash(_("Choose a status from the list."), "danger")
        return _back(document)
    if outcomes.set_action_status(item, ActionStatus(form.status.data), actor=current_user):
        flash(_("The action item's status is changed."), "success")
    return _back(document)


@bp.route("/<int:doc_id>/actions/<int:item_id>/delete", methods=["POST"])
def remove_action(doc_id: int, item_id: int):
    """Remove an action item."""
    document = load_document(doc_id)
    item = _item(document, item_id)
    if ButtonForm().validate_on_submit():
        outcomes.remove_action(item, actor=current_user)
        flash(_("The action item is removed."), "success")
    return _back(document)
