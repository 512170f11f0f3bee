"""Editing a document: new versions with conflict detection, the history, diffs, translations."""
from flask import flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user

from ..routing import whole_number
from ..services import outcomes
from ..services.diffs import render_diff
from . import bp
from .forms import EditDocumentForm, TranslationForm
from .routes import load_document


@bp.route("/<int:doc_id>/edit", methods=["GET", "POST"])
def edit(doc_id: int):
    """Edit title, text and objectives; every save is a new version, a stale one is refused."""
    document = load_document(doc_id)
    form = EditDocumentForm()
    if not form.is_submitted():
        form.process(data={"base_version": document.version, "title": document.title,
                           "body": document.body,
                           "objectives": [o.number for o in document.objectives]})
    if not form.validate_on_submit():
        status = 400 if form.is_submitted() else 200
        return render_template("outcomes/edit.html", document=document, form=form), status
    try:
        saved = outcomes.save(document.id, title=form.title.data, body=form.body.data or "",
                              objectives=form.objectives.data or [], base_version=form.base,
                              actor=current_user)
    except outcomes.EditConflict as conflict:
        return _conflict(conflict, form)
    except outcomes.OutcomeError as refusal:
        form.body.errors.append(str(refusal))
        return render_template("outcomes/edit.html", document=load_document(doc_id),
                               form=form), 400
    if saved is None:
        flash(_("Nothing had changed: no new version was saved."), "info")
    else:
        flash(_("Version %(num)d is saved.", num=saved.version), "success")
    return redirect(url_for(".document", doc_id=doc_id))


def _conflict(conflict: outcomes.EditConflict, form: EditDocumentForm):
    """Both texts side by side; the editor's stays in the form, now based on the saved version."""
    theirs = conflict.current
    if theirs is None:
        flash(_("This document no longer exists."), "danger")
        return redirect(url_for(".index"))
    mine = form.body.data or ""
    form.base_version.data = str(theirs.version)
    diff = render_diff(theirs.body, mine, old_label=_("the saved text"),
                       new_label=_("your text"))
    return render_template("outcomes/conflict.html", document=theirs, theirs=theirs, form=form,
                           message=str(conflict), diff=diff), 409


@bp.route("/<int:doc_id>/history")
def history(doc_id: int):
    """Every version of the document, newest first, with a choice of two to compare."""
    document = load_document(doc_id)
    return render_template("outcomes/history.html", document=document,
                           revisions=outcomes.revisions(document.id))


def _version_arg(name: str, default: int, known: set[int]) -> tuple[int, bool]:
    """A version number from the query string, or ``default``; whether it was understood."""
    raw = request.args.get(name)
    if raw is None or raw == "":
        return default, True
    if whole_number(raw) in known:
        return int(raw), True
    return default, False


@bp.route("/<int:doc_id>/diff")
def diff(doc_id: int):
    """The difference between two versions (``?a=`` older, ``?b=`` newer; default: the last change)."""
    document = load_document(doc_id)
    revisions = outcomes.revisions(document.id)
    by_version = {r.version: r for r in revisions}
    latest = document.version
    a, a_ok = _version_arg("a", max(latest - 1, 1), set(by_version))
    b, b_ok = _version_arg("b", latest, set(by_version))
    old, new = by_version.get(a), by_version.get(b)
    rendered = None
    if old is not None and new is not None:
        rendered = render_diff(
            f"# {old.title}\n\n{old.body}", f"# {new.title}\n\n{new.body}",
            old_label=_("version %(num)d", num=a), new_label=_("version %(num)d", num=b))
    return render_template("outcomes/diff.html", document=document, revisions=revisions,
                           a=a, b=b, old=old, new=new, diff=rendered,
                           ignored=not (a_ok and b_ok))


@bp.route("/<int:doc_id>/translate", methods=["GET", "POST"])
def translate(doc_id: int):
    """Add a version in another language, linked to this one and pre-filled with its text."""
    source = load_document(doc_id)
    missing = outcomes.missing_languages(source)
    if not missing:
        flash(_("This document already exists in every language."), "info")
        return redirect(url_for(".document", doc_id=doc_id))
    form = TranslationForm()
    form.offer(missing)
    if not form.is_submitted():
        form.process(data={"language": missing[0], "title": source.title, "body": source.body})
    if form.validate_on_submit():
        try:
            document = outcomes.add_translation(source, language=form.language.data,
                                                title=form.title.data,
                                                body=form.body.data or "", actor=current_user)
        except outcomes.OutcomeError as refusal:
            form.language.errors.append(str(refusal))
        else:
            flash(_("The translation is saved as a draft, linked to the original."), "success")
            return redirect(url_for(".document", doc_id=document.id))
    status = 400 if form.is_submitted() else 200
    return render_template("outcomes/translate.html", document=source, form=form), status
