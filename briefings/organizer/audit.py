"""A briefing's audit log: who did what, when, newest first."""
from flask import g, render_template
from flask_babel import lazy_gettext as _l
from flask_babel import ngettext
from sqlalchemy.orm import joinedload

from ..extensions import db
from ..i18n import LANGUAGE_NAMES
from ..models import AuditEvent, BriefingSession, BriefingStatus, Person
from ..routing import requested_page
from . import bp

PER_PAGE = 25

ACTIONS = {
    "briefing.create": _l("Created the briefing"),
    "briefing.update": _l("Changed the briefing's settings"),
    "briefing.status": _l("Changed the briefing's status"),
    "session.create": _l("Added a session"),
    "session.update": _l("Changed a session"),
    "session.delete": _l("Deleted a session"),
    "person.create": _l("Added a person"),
    "person.update": _l("Changed a person's details"),
    "session_person.add": _l("Gave a person a role in a session"),
    "session_person.remove": _l("Took a person's role in a session away"),
    "session_person.move": _l("Moved a person within a role"),
    "membership.set": _l("Gave a team member a role"),
    "membership.remove": _l("Removed a team member"),
    "briefing.capacity": _l("Changed the capacity"),
    "briefing.group_targets": _l("Set the stakeholder-group targets"),
    "registration.create": _l("A person registered"),
    "registration.update": _l("A registration was changed"),
    "registration.status": _l("Changed a registration's status"),
    "registration.promote": _l("Gave a seat to the next person on the waiting list"),
    "registration.resend": _l("Sent a registration e-mail again"),
    "registration.check_in": _l("Checked a person in"),
    "registration.check_in_undo": _l("Undid a check-in"),
    "registration.erase": _l("A person erased their registration"),
    "registration.purge": _l("Anonymized registrations after the retention period"),
    "seat.promote": _l("Gave a session seat to the next person waiting"),
    "seat.attend": _l("Recorded attendance at a session"),
    "seat.attend_undo": _l("Undid attendance at a session"),
    "seat.walk_in": _l("Added a walk-in to a session"),
    "personal_data.view": _l("Viewed personal data"),
    "personal_data.export": _l("Exported personal data"),
    "invitation.import": _l("Imported invitations"),
    "invitation.create": _l("Invited a person"),
    "invitation.send": _l("Sent invitations"),
    "invitation.remind": _l("Sent invitation reminders"),
    "invitation.registered": _l("An invitee registered"),
    "invitation.declined": _l("An invitee declined"),
    "message.message": _l("Sent a message to participants"),
    "message.session_change": _l("Told registrants about a session change"),
    "message.reminder": _l("Sent the reminder before the briefing"),
    "reminder.set": _l("Set the reminder before the briefing"),
    "session.notice_closed": _l("Decided not to notify a session change"),
    "intervention.add": _l("Added a speaker to a list"),
    "intervention.update": _l("Changed a speakers-list entry"),
    "intervention.move": _l("Moved a speaker in a list"),
    "intervention.remove": _l("Removed a speaker from a list"),
    "intervention.start": _l("Gave a speaker the floor"),
    "intervention.stop": _l("Ended a speaker's turn"),
    "speakers.order": _l("Sorted a speakers list"),
    "minutes.save": _l("Saved minutes"),
    "minutes.status": _l("Moved minutes through review"),
    "minutes.reopen": _l("Reopened approved minutes"),
    "minutes.restore": _l("Restored an earlier version of minutes"),
    "outcome.create": _l("Started an outcome document"),
    "outcome.save": _l("Saved an outcome document"),
    "outcome.publish": _l("Published an outcome document"),
    "outcome.withdraw": _l("Withdrew an outcome document"),
    "action_item.create": _l("Added an action item"),
    "action_item.status": _l("Changed an action item's status"),
    "action_item.delete": _l("Removed an action item"),
    "pledge.create": _l("Recorded a pledge"),
    "pledge.update": _l("Corrected a pledge"),
    "pledge.progress": _l("Recorded progress on a pledge"),
    "pledge.delete": _l("Deleted a pledge"),
    "pledge.load": _l("Loaded pledges"),
    "survey.intro": _l("Changed the survey's introduction"),
    "survey.question_add": _l("Added a survey question"),
    "survey.question_edit": _l("Changed a survey question"),
    "survey.question_move": _l("Moved a survey question"),
    "survey.question_delete": _l("Removed a survey question"),
    "survey.open": _l("Opened the survey"),
    "survey.close": _l("Closed the survey"),
    "certificate.send": _l("Sent a certificate of attendance"),
    "followup.owner": _l("Named the owner of a follow-up item"),
    "followup.link_sent": _l("Sent an owner their follow-up link"),
    "followup.update": _l("Updated a follow-up item"),
    "api_token.create": _l("Created an API token"),
    "api_token.revoke": _l("Revoked an API token"),
    "api_token.use": _l("Used an API token"),
}

# Names of changed fields as users know them; fields not listed are shown as stored.
FIELDS = {
    "title": _l("Title"), "slug": _l("Web address"), "summary": _l("Summary"),
    "partners": _l("Organizing partners"), "venue": _l("Venue"), "city": _l("City"),
    "timezone": _l("Timezone"), "starts_at": _l("Starts"), "ends_at": _l("Ends"),
    "languages": _l("Languages offered"), "registration_opens_at": _l("Registration opens"),
    "registration_closes_at": _l("Registration closes"), "capacity": _l("Capacity"),
    "approval_required": _l("Approval required"), "invite_only": _l("By invitation only"),
    "participant_list": _l("Participant list"), "status": _l("Status"), "kind": _l("Kind"),
    "description": _l("Description"), "room": _l("Room"), "format": _l("Format"),
    "meeting_link": _l("Meeting link"), "takes_attendance": _l("Takes attendance"),
    "position": _l("Order"), "objectives": _l("GCM objectives"), "name": _l("Name"),
    "honorific": _l("Honorific"), "organization": _l("Organization"),
    "stakeholder_group_id": _l("Stakeholder group"), "country": _l("Country"),
    "role": _l("Role"),
    "dial_in": _l("Dial-in notes"), "online_capacity": _l("Online capacity"),
    "attendance_mode": _l("Attendance mode"), "mode": _l("Attendance mode"),
    "language": _l("Language"), "type": _l("Type"), "sessions": _l("Sessions"),
    "full_name": _l("Full name"), "email": _l("Email"), "gender": _l("Gender"),
    "accessibility_needs": _l("Accessibility needs"),
    "list_consent": _l("Show my name on the participant list"), "required": _l("Required"),
    "speaker_name": _l("Speaker"), "protocol_rank": _l("Protocol rank"), "due": _l("Due date"),
    "intro": _l("Introduction"), "note": _l("Note"), "code": _l("Code"),
    "lead_hours": _l("Reminder before the briefing"), "scopes": _l("Permissions"),
    "expires_at": _l("Expires"), "is_admin": _l("Administrator"), "password": _l("Password"),
}
# A registration's "position" is the person's job, not an order in a list.
REGISTRATION_POSITION = "registration.position"
FIELDS[REGISTRATION_POSITION] = _l("Position")
# Identifiers, counts and flags kept for the record: they say how, not which field changed.
_HIDDEN = {"session_id", "person_id", "user_id", "registration_id", "document_id", "notice_id",
           "update_id", "group_id", "demo", "version", "translation", "count", "what", "by",
           "on", "seconds", "checked_in", "recipients", "added", "refused", "invited",
           "endpoint", "method", "allowed", "retention_days", "statuses", "changed"}
# What a personal-data event was about ("what" in privacy.record_access).
_SEEN = {"registrations": _l("Registrations"), "registration": _l("Registration")}


def field_label(name: str):
    """A changed field as users know it; a translated text as "Title (Français)"."""
    if name in FIELDS:
        return FIELDS[name]
    text, _dot, language = name.rpartition(".")  # services.translations.audit_key
    if text in FIELDS and language in LANGUAGE_NAMES:
        return _l("%(field)s (%(language)s)", field=FIELDS[text],
                  language=LANGUAGE_NAMES[language])
    return name


def _subjects(events: list[AuditEvent]) -> dict[tuple[str, int], str]:
    """Names of the sessions and people the events are about, fetched in two queries."""
    session_ids, person_ids = set(), set()
    for event in events:
        if event.object_type == "BriefingSession" and event.object_id:
            session_ids.add(event.object_id)
        if event.object_type == "Person" and event.object_id:
            person_ids.add(event.object_id)
        changes = event.changes or {}
        if isinstance(changes.get("session_id"), int):
            session_ids.add(changes["session_id"])
        if isinstance(changes.get("person_id"), int):
            person_ids.add(changes["person_id"])
    names = {}
    if session_ids:
        for sid, title in db.session.execute(db.select(BriefingSession.id, BriefingSession.title)
                                             .where(BriefingSession.id.in_(session_ids))):
            names[("session", sid)] = title
    if person_ids:
        for person in db.session.scalars(db.select(Person).where(Person.id.in_(person_ids))):
            names[("person", person.id)] = person.display_name
    return names


def _describe(event: AuditEvent, names: dict) -> dict:
    """What the template shows for one event."""
    changes = event.changes or {}
    subject = []
    if event.object_type == "BriefingSession":
        title = changes.get("title")  # a deleted session's title; True when it only changed
        subject.append(names.get(("session", event.object_id))
                       or (title if isinstance(title, str) else ""))
    elif event.object_type == "Person":
        subject.append(names.get(("person", event.object_id), ""))
    else:
        subject.append(names.get(("person", changes.get("person_id")), ""))
        subject.append(names.get(("session", changes.get("session_id")), ""))
    if event.action.startswith("personal_data."):
        subject.append(_seen(changes))
    fields = [field_label(name) for name in _changed_fields(changes)
              if not (event.action == "session.delete" and name == "title")]
    return {
        "event": event,
        "action": ACTIONS.get(event.action, event.action),
        "subject": " · ".join(part for part in subject if part),
        "fields": fields,
        "status": _statuses(changes.get("status")) if event.action == "briefing.status" else None,
    }


def _changed_fields(changes: dict) -> list[str]:
    """The names of the fields an event changed; a ``fields`` list names them itself."""
    names = []
    for name, value in changes.items():
        if name == "fields" and isinstance(value, list):  # a registration's own fields
            names += [REGISTRATION_POSITION if item == "position" else item for item in value
                      if isinstance(item, str) and item in FIELDS]
            if any(isinstance(item, str) and item.startswith("session:") for item in value):
                names.append("sessions")
        elif name not in _HIDDEN:
            names.append(name)
    return list(dict.fromkeys(names))


def _seen(changes: dict) -> str:
    """Which personal data was seen or exported, and how many rows."""
    what = changes.get("what")
    text = str(_SEEN.get(what, what or ""))
    count = changes.get("count")
    if isinstance(count, int):
        text = " · ".join(filter(None, [text, ngettext("%(num)d row", "%(num)d rows", count)]))
    return text


def _statuses(values) -> list[BriefingStatus] | None:
    try:
        return [BriefingStatus(value) for value in values]
    except (TypeError, ValueError):
        return None


@bp.route("/<slug>/audit")
def audit_log(slug):
    """The briefing's audit log, newest first, a page at a time."""
    query = (db.select(AuditEvent).where(AuditEvent.briefing_id == g.briefing.id)
             .options(joinedload(AuditEvent.user))
             .order_by(AuditEvent.at.desc(), AuditEvent.id.desc()))
    pagination = db.paginate(query, page=requested_page(), per_page=PER_PAGE,
                             error_out=False)
    names = _subjects(pagination.items)
    rows = [_describe(event, names) for event in pagination.items]
    return render_template("organizer/audit.html", briefing=g.briefing, rows=rows,
                           pagination=pagination)
