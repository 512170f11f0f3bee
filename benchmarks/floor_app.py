"""The product app plus floor routes, for the measurements only (never part of the product).

A floor is the same kind of work with the application's logic taken out,
served by the same gunicorn, the same middleware and the same database:

- ``/_floor/hello``: a constant string (what the server and Flask cost alone);
- ``/_floor/programme/<slug>``: the briefing's programme, read once at start
  and rendered on each request from a compiled Jinja template (no queries,
  no permissions, no formatting, no translations);
- ``/_floor/insert`` (POST): one row inserted and committed (what a write costs).

Run it as ``gunicorn 'benchmarks.floor_app:create_app()'``.
"""
from datetime import datetime, timezone

import sqlalchemy as sa
from flask import request
from jinja2 import Environment
from sqlalchemy.orm import selectinload

from briefings import create_app as create_product_app
from briefings.extensions import csrf, db
from briefings.models import Briefing, BriefingSession, SessionPerson

floor_metadata = sa.MetaData()
floor_rows = sa.Table(
    "bench_floor_row", floor_metadata,
    sa.Column("id", sa.Integer, primary_key=True),
    sa.Column("name", sa.String(200), nullable=False),
    sa.Column("email", sa.String(254), nullable=False),
    sa.Column("created_at", sa.DateTime, nullable=False),
)

PROGRAMME = Environment(autoescape=True).from_string("""<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>{{ title }}</title></head><body><main>
<h1>{{ title }}</h1><p>{{ venue }}, {{ city }}</p>
{% for day in days %}<section><h2>{{ day.heading }}</h2><ol>
{% for s in day.sessions %}<li id="session-{{ s.id }}"><h3>{{ s.title }}</h3>
<p>{{ s.start }}–{{ s.end }} · {{ s.room }} · {{ s.kind }}</p>
{% for role, names in s.people %}
<p><strong>{{ role }}</strong>: {{ names|join(", ") }}</p>{% endfor %}
<p>GCM objectives: {{ s.objectives|join(", ") }}</p></li>
{% endfor %}</ol></section>{% endfor %}
</main></body></html>""")


def _programme_data(slug: str) -> dict:
    """The programme as plain values, read once (the floor does no work per request)."""
    briefing = db.session.scalar(
        sa.select(Briefing).where(Briefing.slug == slug).options(
            selectinload(Briefing.sessions).selectinload(BriefingSession.roles)
            .joinedload(SessionPerson.person),
            selectinload(Briefing.sessions).selectinload(BriefingSession.objectives)))
    days: dict[str, list] = {}
    for s in briefing.sessions:
        local = s.starts_at.astimezone(briefing.zone)
        people: dict[str, list[str]] = {}
        for link in s.roles:
            people.setdefault(link.role.value, []).append(link.person.display_name)
        days.setdefault(local.strftime("%A %d %B %Y"), []).append({
            "id": s.id, "title": s.title, "room": s.room, "kind": s.kind.value,
            "start": local.strftime("%H:%M"),
            "end": s.ends_at.astimezone(briefing.zone).strftime("%H:%M %Z"),
            "people": list(people.items()), "objectives": [o.number for o in s.objectives]})
    data = {"title": briefing.title, "venue": briefing.venue, "city": briefing.city,
            "days": [{"heading": heading, "sessions": sessions}
                     for heading, sessions in days.items()]}
    db.session.rollback()
    return data


def create_app(config: dict | None = None):
    """The product app with rate limits off (all load comes from one address) and the floors."""
    app = create_product_app({"RATE_LIMITS": False, **(config or {})})
    programmes: dict[str, dict] = {}

    @app.route("/_floor/hello")
    def floor_hello():
        return "hello"

    @app.route("/_floor/programme/<slug>")
    def floor_programme(slug):
        if slug not in programmes:
            programmes[slug] = _programme_data(slug)
        return PROGRAMME.render(**programmes[slug])

    @app.route("/_floor/insert", methods=["POST"])
    @csrf.exempt
    def floor_insert():
        db.session.execute(floor_rows.insert().values(
            name=request.form.get("name", "x"), email=request.form.get("email", "x"),
            created_at=datetime.now(timezone.utc).replace(tzinfo=None)))
        db.session.commit()
        return "", 204

    return app
