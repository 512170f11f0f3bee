"""Who may do what: every permission in the application is decided here."""
from enum import StrEnum

from flask import abort
from flask_login import current_user

from .extensions import login_manager

from .models import Briefing, Role


class Perm(StrEnum):
    """The permissions that routes declare."""

    CREATE_BRIEFING = "create_briefing"
    MANAGE_BRIEFING = "manage_briefing"  # settings, programme, registrations, team
    KEEP_RECORDS = "keep_records"  # speakers lists, minutes, outcomes, pledges
    ADMINISTER = "administer"  # accounts, stakeholder groups, site settings


def can(user, perm: Perm, briefing: Briefing | None = None) -> bool:
    """True if ``user`` holds ``perm`` (in ``briefing``, for per-briefing permissions)."""
    if user is None or not user.is_authenticated:
        return False
    if user.is_admin:
        return True
    if perm == Perm.CREATE_BRIEFING:
        return True
    if perm == Perm.ADMINISTER or briefing is None:
        return False
    role = user.role_in(briefing.id)
    if perm == Perm.MANAGE_BRIEFING:
        return role == Role.ORGANIZER
    if perm == Perm.KEEP_RECORDS:
        return role in (Role.ORGANIZER, Role.SECRETARIAT)
    return False


def require(perm: Perm, briefing: Briefing | None = None) -> None:
    """Send visitors who are not signed in to the sign-in page; 403 for staff without ``perm``."""
    if not current_user.is_authenticated:
        abort(login_manager.unauthorized())
    if not can(current_user, perm, briefing):
        abort(403)
