"""Reference data: stakeholder groups and the 23 GCM objectives."""
from sqlalchemy.orm import Mapped, mapped_column

from ..extensions import db


class StakeholderGroup(db.Model):
    """A stakeholder group from the managed list (seeded from the GCM's whole-of-society list)."""

    __tablename__ = "stakeholder_group"

    id: Mapped[int] = mapped_column(primary_key=True)
    code: Mapped[str] = mapped_column(db.String(40), unique=True)
    name: Mapped[str] = mapped_column(db.String(120))
    name_fr: Mapped[str] = mapped_column(db.String(120), default="")
    name_ar: Mapped[str] = mapped_column(db.String(120), default="")
    color: Mapped[str] = mapped_column(db.String(7), default="#6c757d")
    position: Mapped[int] = mapped_column(default=0)
    active: Mapped[bool] = mapped_column(default=True)

    def label(self, locale: str) -> str:
        """The group's name in ``locale``, falling back to English."""
        if locale == "fr" and self.name_fr:
            return self.name_fr
        if locale == "ar" and self.name_ar:
            return self.name_ar
        return self.name

    def __repr__(self) -> str:
        return f"<StakeholderGroup {self.code}>"


class GCMObjective(db.Model):
    """One of the 23 objectives of the Global Compact for Safe, Orderly and Regular Migration."""

    __tablename__ = "gcm_objective"

    number: Mapped[int] = mapped_column(primary_key=True, autoincrement=False)
    title: Mapped[str] = mapped_column(db.String(300))
    title_fr: Mapped[str] = mapped_column(db.String(300))
    title_ar: Mapped[str] = mapped_column(db.String(300))

    __table_args__ = (db.CheckConstraint("number BETWEEN 1 AND 23", name="range"),)

    def label(self, locale: str) -> str:
        """The objective's title in ``locale``."""
        return {"fr": self.title_fr, "ar": self.title_ar}.get(locale) or self.title

    def __repr__(self) -> str:
        return f"<GCMObjective {self.number}>"
