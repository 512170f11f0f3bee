"""Keeps the shipped reference data present in the database."""
import sqlalchemy as sa

from ..extensions import db
from ..models import GCMObjective, StakeholderGroup
from ..reference_data import GCM_OBJECTIVES, STAKEHOLDER_GROUPS


def ensure_reference_data() -> None:
    """Insert the stakeholder groups and GCM objectives that are missing; keep the rest as edited."""
    known_groups = set(db.session.scalars(sa.select(StakeholderGroup.code)))
    for position, (code, name, name_fr, name_ar, color) in enumerate(STAKEHOLDER_GROUPS):
        if code not in known_groups:
            db.session.add(StakeholderGroup(code=code, name=name, name_fr=name_fr,
                                            name_ar=name_ar, color=color, position=position))
    known_objectives = set(db.session.scalars(sa.select(GCMObjective.number)))
    for number, title, title_fr, title_ar in GCM_OBJECTIVES:
        if number not in known_objectives:
            db.session.add(GCMObjective(number=number, title=title, title_fr=title_fr,
                                        title_ar=title_ar))
    db.session.commit()
