"""Demo records of the concluded IMRF briefing: outcome documents in three languages, and pledges.

The documents summarize the seed's briefing; the pledges are invented
(fictional wording; real country codes) at the scale the seed reports:
158 pledges, over 100 of them from 25 Member States. Everything is
deterministic. ``load_records`` adds to the session; the caller commits.
"""
import random
import uuid
from datetime import date, datetime, timedelta, timezone
from decimal import Decimal

import sqlalchemy as sa

from ..countries import country_name
from ..extensions import db
from ..models import (
    ActionItem, Briefing, GCMObjective, OutcomeDocument, OutcomeKind, OutcomeRevision,
    OutcomeStatus, Pledge, PledgeStatus, PledgeUpdate, StakeholderGroup, User,
)
from ..services.audit import record
from .commitments_data import (
    F, SEED, ACTIONS, STATES, STATE_PLEDGES, STATE_ENTITIES, THEMES, STAKEHOLDERS, PARTNERS,
    AMOUNTS, STATUSES, NOTES,
)
from .outcomes_data import (
    SUMMARY_EN, SUMMARY_EN_DRAFT, SUMMARY_FR, SUMMARY_AR, KEY_MESSAGES_EN, KEY_MESSAGES_FR,
    RECOMMENDATIONS_EN,
)

UTC = timezone.utc


def _at(day: date, hour: int = 10) -> datetime:
    return datetime(day.year, day.month, day.day, hour, tzinfo=UTC)


def _document(briefing, organizer, objectives, *, kind, title, slug, language, body, key,
              published: date | None, drafts: tuple[str, ...] = (), saved: date) -> OutcomeDocument:
    versions = [*drafts, body]
    doc = OutcomeDocument(
        briefing=briefing, kind=kind, title=title, slug=slug, body=body, language=language,
        translation_key=key, version=len(versions),
        status=OutcomeStatus.PUBLISHED if published else OutcomeStatus.DRAFT,
        published_at=_at(published, 12) if published else None, updated_at=_at(saved),
        objectives=[objectives[n] for n in sorted(OBJECTIVES[kind])])
    for number, text in enumerate(versions, start=1):
        doc.revisions.append(OutcomeRevision(
            version=number, title=title, body=text, author=organizer,
            created_at=_at(saved - timedelta(days=len(versions) - number), 9 + number)))
    db.session.add(doc)
    return doc


OBJECTIVES = {
    OutcomeKind.CHAIRS_SUMMARY: (1, 2, 5, 6, 7, 22, 23),
    OutcomeKind.KEY_MESSAGES: (5, 6, 13, 22, 23),
    OutcomeKind.RECOMMENDATIONS: (1, 3, 5, 6, 16, 22, 23),
}


def _documents(briefing: Briefing, organizer: User, objectives) -> list[OutcomeDocument]:
    # Stable keys, different for every briefing the records are loaded into.
    summary, messages, recommendations = (
        str(uuid.uuid5(uuid.NAMESPACE_URL, f"briefings:{briefing.slug}:{name}"))
        for name in ("summary", "messages", "recommendations"))
    summary_title = "Chair's Summary: Regional Partners Briefing on the Outcomes of the IMRF"
    docs = [
        _document(briefing, organizer, objectives, kind=OutcomeKind.CHAIRS_SUMMARY,
                  title=summary_title, slug="chairs-summary", language="en", body=SUMMARY_EN,
                  key=summary, drafts=(SUMMARY_EN_DRAFT,), saved=date(2022, 6, 23),
                  published=date(2022, 6, 24)),
        _document(briefing, organizer, objectives, kind=OutcomeKind.CHAIRS_SUMMARY,
                  title="Résumé de la présidence : réunion d'information des partenaires "
                        "régionaux sur les résultats du FEMI",
                  slug="resume-de-la-presidence", language="fr", body=SUMMARY_FR, key=summary,
                  saved=date(2022, 6, 27), published=date(2022, 6, 28)),
        _document(briefing, organizer, objectives, kind=OutcomeKind.CHAIRS_SUMMARY,
                  title="موجز الرئاسة: إحاطة الشركاء الإقليميين بشأن نتائج منتدى استعراض "
                        "الهجرة الدولية",
                  slug="chairs-summary", language="ar", body=SUMMARY_AR, key=summary,
                  saved=date(2022, 6, 27), published=date(2022, 6, 28)),
        _document(briefing, organizer, objectives, kind=OutcomeKind.KEY_MESSAGES,
                  title="Key Messages from the Regional Partners Briefing", slug="key-messages",
                  language="en", body=KEY_MESSAGES_EN, key=messages, saved=date(2022, 6, 21),
                  published=date(2022, 6, 22)),
        _document(briefing, organizer, objectives, kind=OutcomeKind.KEY_MESSAGES,
                  title="Messages clés de la réunion d'information des partenaires régionaux",
                  slug="messages-cles", language="fr", body=KEY_MESSAGES_FR, key=messages,
                  saved=date(2022, 6, 23), published=date(2022, 6, 24)),
    ]
    draft = _document(briefing, organizer, objectives, kind=OutcomeKind.RECOMMENDATIONS,
                      title="Draft Recommendations for GCM Implementation in the MENA Region",
                      slug="draft-recommendations", language="en", body=RECOMMENDATIONS_EN,
                      key=recommendations, saved=date(2022, 7, 5), published=None)
    for what, who, due, status in ACTIONS:
        draft.action_items.append(ActionItem(what=what, who=who, due=due, status=status))
    return [*docs, draft]


def _state_counts(rng: random.Random) -> list[str]:
    """104 country codes, every one of the 25 States at least twice, the rest spread unevenly."""
    codes = [code for code in STATES for _ in range(2)]
    weights = [len(STATES) - i for i in range(len(STATES))]
    codes += rng.choices(STATES, weights=weights, k=STATE_PLEDGES - len(codes))
    rng.shuffle(codes)
    return codes


def _pledge(rng, briefing, group, entity, country, theme, objectives) -> Pledge:
    kind, title, what, numbers, _states_only = theme
    status = rng.choices([s for s, _w in STATUSES], weights=[w for _s, w in STATUSES])[0]
    made = date(2021, 12, 1) + timedelta(days=rng.randrange(200))
    pledge = Pledge(
        briefing_id=briefing.id, entity=entity, stakeholder_group=group, country=country, type=kind,
        title=title, description=f"{entity} commits to {what}.",
        partners="\n".join(rng.sample(PARTNERS, rng.choice((0, 0, 1, 2)))),
        amount_usd=Decimal(rng.choice(AMOUNTS)) if kind == F else None, status=status,
        created_at=_at(made), updated_at=_at(made),
        objectives=[objectives[n] for n in numbers])
    steps = {PledgeStatus.IN_PROGRESS: [PledgeStatus.IN_PROGRESS],
             PledgeStatus.FULFILLED: [PledgeStatus.IN_PROGRESS, PledgeStatus.FULFILLED],
             PledgeStatus.WITHDRAWN: [PledgeStatus.WITHDRAWN]}.get(status, [])
    on = date(2022, 8, 1)
    for step in steps:
        on += timedelta(days=rng.randrange(60, 300))
        pledge.updates.append(PledgeUpdate(on=on, status=step, note=rng.choice(NOTES[step])))
    return pledge


def _pledges(briefing: Briefing, objectives) -> list[Pledge]:
    rng = random.Random(SEED)  # nosec B311: reproducible demo data, no secret
    groups = {g.code: g for g in db.session.scalars(sa.select(StakeholderGroup))}
    pledges = []
    for code in _state_counts(rng):
        entity = rng.choice(STATE_ENTITIES).format(c=country_name(code, "en"))
        pledges.append(_pledge(rng, briefing, groups["government"], entity, code,
                               rng.choice(THEMES), objectives))
    open_themes = [theme for theme in THEMES if not theme[4]]
    for code, (count, entities) in STAKEHOLDERS.items():
        for _ in range(count):
            entity, country = rng.choice(entities)
            pledges.append(_pledge(rng, briefing, groups[code], entity, country,
                                   rng.choice(open_themes), objectives))
    db.session.add_all(pledges)
    return pledges


def load_records(briefing: Briefing, organizer: User) -> None:
    """Add the outcome documents and pledges of the IMRF demo briefing to the session.

    A published chair's summary in English, French and Arabic, key messages
    in English and French, draft recommendations with action items, and 158
    pledges (104 from 25 Member States) with progress updates. The caller
    commits.
    """
    if briefing.id is None:
        db.session.flush()  # pledges refer to the briefing by id
    objectives = {o.number: o for o in db.session.scalars(sa.select(GCMObjective))}
    documents = _documents(briefing, organizer, objectives)
    pledges = _pledges(briefing, objectives)
    db.session.flush()
    for document in documents:
        record("outcome.create", document, actor=organizer, briefing=briefing,
               changes={"demo": True, "kind": document.kind.value,
                        "language": document.language})
    record("pledge.load", briefing, actor=organizer,
           changes={"demo": True, "count": len(pledges)})
