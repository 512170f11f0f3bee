"""Outcome documents: drafting with revisions and conflict detection, translations, publication.

Every save is a revision numbered ``version``. A save names the version it
was based on and is one conditional UPDATE (``... WHERE id = :id AND version
= :base``) run as the first statement of a fresh transaction, so of two
editors saving on the same version exactly one wins; the other gets
``EditConflict`` with the text now saved and keeps their own. Translations
of a document share its ``translation_key``, at most one per language.
"""
import re
import unicodedata
import uuid
from dataclasses import dataclass, field
from datetime import date

import sqlalchemy as sa
from flask_babel import lazy_gettext as _l
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import joinedload, selectinload

from ..extensions import db
from ..models import (
    ActionItem,
    ActionStatus,
    Briefing,
    GCMObjective,
    OutcomeDocument,
    OutcomeKind,
    OutcomeRevision,
    OutcomeStatus,
    utcnow,
)
from .audit import record

LANGUAGES = ("en", "fr", "ar")
MAX_BODY = 200_000
SLUG_LENGTH = 80
SLUG_ATTEMPTS = 3  # a slug taken at the same moment is worked out again


class OutcomeError(ValueError):
    """A change that the rules refuse; the message is meant for the user."""


class EditConflict(OutcomeError):
    """Someone saved the document since the editor's version; ``current`` is what is saved now."""

    def __init__(self, current: OutcomeDocument):
        super().__init__(_l("Someone else saved this document while you were editing it."))
        self.current = current


@dataclass
class DocumentData:
    """What a new document is made of."""

    kind: OutcomeKind
    title: str
    language: str
    body: str = ""
    objectives: list[int] = field(default_factory=list)


def normalize(body: str | None) -> str:
    """Text as stored: Unix line ends, no trailing blank space at the end."""
    return (body or "").replace("\r\n", "\n").replace("\r", "\n").rstrip()


def slugify(text: str) -> str:
    """Lower-case ASCII words joined by hyphens ("Chair's Summary" -> "chairs-summary")."""
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    ascii_text = re.sub(r"['’]", "", ascii_text.lower())
    slug = re.sub(r"[^a-z0-9]+", "-", ascii_text).strip("-")
    return slug[:SLUG_LENGTH].rstrip("-")


def unique_slug(briefing_id: int, language: str, wanted: str) -> str:
    """``wanted``, or ``wanted-2``, ``-3``… : the first not yet used in that briefing and language."""
    taken = set(db.session.scalars(sa.select(OutcomeDocument.slug).where(
        OutcomeDocument.briefing_id == briefing_id, OutcomeDocument.language == language)))
    base = wanted[:SLUG_LENGTH - 4].rstrip("-") or "document"
    candidate, n = base, 1
    while candidate in taken:
        n += 1
        candidate = f"{base}-{n}"
    return candidate


def _objectives(numbers) -> list[GCMObjective]:
    numbers = sorted({int(n) for n in numbers or ()})
    if not numbers:
        return []
    return list(db.session.scalars(sa.select(GCMObjective).where(GCMObjective.number.in_(numbers))
                                   .order_by(GCMObjective.number)))


def _check_body(body: str) -> None:
    if len(body) > MAX_BODY:
        raise OutcomeError(_l("The text is too long to be saved."))


def documents(briefing_id: int, *, published_only: bool = False) -> list[OutcomeDocument]:
    """The briefing's documents with their objectives, oldest translation group first."""
    query = (sa.select(OutcomeDocument).where(OutcomeDocument.briefing_id == briefing_id)
             .options(selectinload(OutcomeDocument.objectives))
             .order_by(OutcomeDocument.id))
    if published_only:
        query = query.where(OutcomeDocument.status == OutcomeStatus.PUBLISHED)
    return list(db.session.scalars(query))


def grouped(docs: list[OutcomeDocument]) -> list[list[OutcomeDocument]]:
    """Documents gathered by translation, each group in language order (en, fr, ar)."""
    groups: dict[str, list[OutcomeDocument]] = {}
    for doc in docs:
        groups.setdefault(doc.translation_key, []).append(doc)
    order = {code: i for i, code in enumerate(LANGUAGES)}
    return [sorted(group, key=lambda d: (order.get(d.language, 99), d.id))
            for group in groups.values()]


def pick(group: list[OutcomeDocument], language: str) -> OutcomeDocument:
    """The member of a translation group to show to a reader of ``language``."""
    for doc in group:
        if doc.language == language:
            return doc
    return group[0]


def translations(document: OutcomeDocument) -> list[OutcomeDocument]:
    """Every document sharing ``document``'s translation key (itself included), in language order."""
    docs = db.session.scalars(sa.select(OutcomeDocument).where(
        OutcomeDocument.translation_key == document.translation_key))
    return grouped(list(docs))[0]


def missing_languages(document: OutcomeDocument) -> list[str]:
    """The languages this document has no translation in yet."""
    present = {doc.language for doc in translations(document)}
    return [code for code in LANGUAGES if code not in present]


def create_document(briefing: Briefing, data: DocumentData, *, actor=None,
                    translation_key: str | None = None,
                    slug_fallback: str | None = None) -> OutcomeDocument:
    """Add a draft document with its first revision; the caller commits.

    The slug comes from the title; a title with no Latin letters (Arabic)
    takes ``slug_fallback`` (a translation: its source's slug) or the kind.
    """
    body = normalize(data.body)
    _check_body(body)
    if data.language not in LANGUAGES:
        raise OutcomeError(_l("Choose English, French or Arabic."))
    wanted = slugify(data.title) or slug_fallback or data.kind.value.replace("_", "-")
    document = OutcomeDocument(
        briefing_id=briefing.id, kind=data.kind, title=data.title.strip(), body=body,
        language=data.language, slug=unique_slug(briefing.id, data.language, wanted),
        translation_key=translation_key or str(uuid.uuid4()), status=OutcomeStatus.DRAFT,
        version=1, objectives=_objectives(data.objectives))
    db.session.add(document)
    db.session.flush()
    db.session.add(OutcomeRevision(document_id=document.id, version=1, title=document.title,
                                   body=body, author_id=getattr(actor, "id", None)))
    record("outcome.create", document, actor=actor, briefing=briefing,
           changes={"kind": data.kind.value, "language": data.language, "version": 1,
                    "objectives": [o.number for o in document.objectives],
                    "translation": translation_key is not None})
    return document


def create(briefing: Briefing, data: DocumentData, *, actor=None) -> OutcomeDocument:
    """Create a new draft document (a translation group of its own) and commit.

    Should someone take the same slug at the same moment, the slug is worked
    out again (the unique key decides who was first).
    """
    briefing_id = briefing.id
    for _attempt in range(SLUG_ATTEMPTS):
        try:
            document = create_document(db.session.get(Briefing, briefing_id), data, actor=actor)
            db.session.commit()
            return document
        except IntegrityError:
            db.session.rollback()
    raise OutcomeError(_l("The document could not be saved; please try again."))


def add_translation(source: OutcomeDocument, *, language: str, title: str, body: str,
                    actor=None) -> OutcomeDocument:
    """Create the ``language`` version of ``source``: same kind, objectives and translation key.

    Refused if that language already has a version; a race between two
    translators ends in the same refusal, thanks to the unique key.
    """
    if language not in missing_languages(source):
        raise OutcomeError(_l("This document already has a version in that language."))
    source_id = source.id
    data = DocumentData(kind=source.kind, title=title, language=language, body=body,
                        objectives=[o.number for o in source.objectives])
    key, fallback = source.translation_key, source.slug
    for _attempt in range(SLUG_ATTEMPTS):
        try:
            document = create_document(db.session.get(Briefing, source.briefing_id), data,
                                       actor=actor, translation_key=key, slug_fallback=fallback)
            db.session.commit()
            return document
        except IntegrityError:
            db.session.rollback()
            source = db.session.get(OutcomeDocument, source_id)
            if source is None or language not in missing_languages(source):
                raise OutcomeError(
                    _l("This document already has a version in that language.")) from None
    raise OutcomeError(_l("The translation could not be saved; please try again."))


def _current(document_id: int) -> OutcomeDocument | None:
    db.session.rollback()
    return db.session.scalar(sa.select(OutcomeDocument).where(OutcomeDocument.id == document_id)
                             .execution_options(populate_existing=True))


def save(document_id: int, *, title: str, body: str, objectives, base_version: int,
         actor=None) -> OutcomeDocument | None:
    """Save a new revision if ``base_version`` is still the latest; None when nothing changed.

    Raises ``EditConflict`` when someone saved since. The objectives are
    replaced too; a change to them alone also makes a revision.
    """
    body = normalize(body)
    title = title.strip()
    _check_body(body)
    db.session.rollback()  # the conditional UPDATE must be the first statement (see above)
    document = db.session.get(OutcomeDocument, document_id, populate_existing=True)
    if document is None:
        raise OutcomeError(_l("This document no longer exists."))
    chosen = _objectives(objectives)
    changed = [name for name, old, new in (
        ("title", document.title, title), ("body", document.body, body),
        ("objectives", [o.number for o in document.objectives], [o.number for o in chosen]),
    ) if old != new]
    if document.version != base_version:
        raise EditConflict(_current(document_id))
    if not changed:
        db.session.rollback()
        return None
    db.session.rollback()
    result = db.session.execute(
        sa.update(OutcomeDocument)
        .where(OutcomeDocument.id == document_id, OutcomeDocument.version == base_version)
        .values(version=base_version + 1, title=title, body=body, updated_at=utcnow())
        .execution_options(synchronize_session=False))
    if result.rowcount != 1:
        raise EditConflict(_current(document_id))
    document = db.session.get(OutcomeDocument, document_id, populate_existing=True)
    document.objectives = _objectives(objectives)
    db.session.add(OutcomeRevision(document_id=document_id, version=document.version,
                                   title=title, body=body, author_id=getattr(actor, "id", None)))
    record("outcome.save", document, actor=actor,
           changes={**{name: True for name in changed}, "version": document.version})
    db.session.commit()
    return document


def publish(document: OutcomeDocument, *, actor=None) -> None:
    """Make a draft public; its publication time is now. An empty document is refused."""
    if document.status == OutcomeStatus.PUBLISHED:
        raise OutcomeError(_l("This document is already published."))
    if not document.body.strip():
        raise OutcomeError(_l("Write the document before publishing it."))
    document.status = OutcomeStatus.PUBLISHED
    document.published_at = utcnow()
    record("outcome.publish", document, actor=actor,
           changes={"status": [OutcomeStatus.DRAFT.value, OutcomeStatus.PUBLISHED.value],
                    "version": document.version})
    db.session.commit()


def withdraw(document: OutcomeDocument, *, actor=None) -> None:
    """Take a published document back to draft: it leaves the public pages at once."""
    if document.status != OutcomeStatus.PUBLISHED:
        raise OutcomeError(_l("Only a published document can be withdrawn."))
    document.status = OutcomeStatus.DRAFT
    document.published_at = None
    record("outcome.withdraw", document, actor=actor,
           changes={"status": [OutcomeStatus.PUBLISHED.value, OutcomeStatus.DRAFT.value],
                    "version": document.version})
    db.session.commit()


def revisions(document_id: int) -> list[OutcomeRevision]:
    """Every saved version of a document, newest first, with its author."""
    return list(db.session.scalars(
        sa.select(OutcomeRevision).options(joinedload(OutcomeRevision.author))
        .where(OutcomeRevision.document_id == document_id)
        .order_by(OutcomeRevision.version.desc())))


def revision(document_id: int, version: int) -> OutcomeRevision | None:
    """One saved version of a document, or None."""
    return db.session.scalar(sa.select(OutcomeRevision).where(
        OutcomeRevision.document_id == document_id, OutcomeRevision.version == version))


@dataclass
class ActionData:
    """What an action item says."""

    what: str
    who: str = ""
    due: date | None = None
    status: ActionStatus = ActionStatus.OPEN


def add_action(document: OutcomeDocument, data: ActionData, *, actor=None) -> ActionItem:
    """Add an action item to a document."""
    item = ActionItem(document=document, what=data.what.strip(), who=data.who.strip(),
                      due=data.due, status=data.status)
    db.session.add(item)
    db.session.flush()
    record("action_item.create", item, actor=actor, briefing=document.briefing,
           changes={"document_id": document.id, "status": data.status.value,
                    "due": data.due.isoformat() if data.due else None})
    db.session.commit()
    return item


def set_action_status(item: ActionItem, status: ActionStatus, *, actor=None) -> bool:
    """Move an action item to ``status``; False when it already was there."""
    if item.status == status:
        return False
    old = item.status
    item.status = status
    record("action_item.status", item, actor=actor, briefing=item.document.briefing,
           changes={"document_id": item.document_id, "status": [old.value, status.value]})
    db.session.commit()
    return True


def remove_action(item: ActionItem, *, actor=None) -> None:
    """Delete an action item."""
    record("action_item.delete", item, actor=actor, briefing=item.document.briefing,
           changes={"document_id": item.document_id})
    db.session.delete(item)
    db.session.commit()
