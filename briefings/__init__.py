"""Briefings: run intergovernmental stakeholder briefings from invitation to outcome."""
import os
from importlib import import_module
from pathlib import Path

from flask import Flask

from . import errors, i18n
from .config import default_settings
from .extensions import babel, csrf, db, login_manager
from .requests import CleanRequest, refuse_nul_in_path

ROOT = Path(__file__).resolve().parent.parent

# One blueprint per area: (package, URL prefix).
BLUEPRINTS = [
    ("public", None),  # /, /b/<slug>, agenda.ics
    ("registration", None),  # /b/<slug>/register, /r/<token>
    ("published", None),  # /b/<slug>/outcomes, /pledges, /coverage
    ("auth", None),  # /login, /logout, /account/password
    ("organizer", "/manage"),  # briefings, settings, programme, people, audit log
    ("participants", "/manage/<slug>"),  # registrations, check-in desk
    ("secretariat", "/manage/<slug>/records"),  # speakers lists, minutes
    ("outcomes", None),  # /manage/<slug>/outcomes
    ("pledges", None),  # /manage/<slug>/pledges
    ("surveys", None),  # /manage/<slug>/survey (build, open, results), /r/<token>/survey
    ("certificates", None),  # /r/<token>/certificate.pdf, e-mailed on request
    ("followup", None),  # /manage/<slug>/follow-up, owners' private links /f/<token>
    ("admin", "/admin"),  # accounts, memberships, stakeholder groups
    ("reports", "/manage/<slug>"),  # dashboard, badges, exports, copying a briefing
    ("outreach", "/manage/<slug>"),  # invitations, messages, change notices, reminder
    ("outreach.invitee", None),  # /b/<slug>/invitation/<token>/decline
    ("health", None),  # /healthz for load balancers
    ("api", "/api/v1"),  # public JSON API, staff API (bearer tokens), openapi.json, docs
    ("api.tokens", "/manage/<slug>"),  # the organizer's API tokens page
    ("feeds", None),  # /b/<slug>/feed.atom, /b/<slug>/sessions/<id>.ics
]


def create_app(config: dict | None = None) -> Flask:
    """Build the application; ``config`` overrides every other source of settings (tests)."""
    app = Flask(
        __name__,
        instance_path=os.environ.get("BRIEFINGS_INSTANCE", str(ROOT / "instance")),
        template_folder=str(ROOT / "templates"),
        static_folder=str(ROOT / "static"),
    )
    app.request_class = CleanRequest
    Path(app.instance_path).mkdir(parents=True, exist_ok=True)
    app.config.from_mapping(default_settings(app.instance_path))
    app.config.from_pyfile("config.py", silent=True)
    if config:
        app.config.from_mapping(config)

    db.init_app(app)
    from . import migrating
    migrating.init_app(app, directory=str(ROOT / "migrations"), render_as_batch=True)
    csrf.init_app(app)
    babel.init_app(app, locale_selector=i18n.select_locale,
                   default_translation_directories=str(ROOT / "translations"))
    login_manager.init_app(app)

    from . import database
    database.configure_engines(app)

    from werkzeug.middleware.proxy_fix import ProxyFix
    hops = {name: app.config.get(f"PROXY_FIX_{name.upper()}", 0)
            for name in ("x_for", "x_proto", "x_host", "x_port", "x_prefix")}
    if any(hops.values()):  # only behind proxies we run: their count comes from the settings
        app.wsgi_app = ProxyFix(app.wsgi_app, **hops)
    from . import logging as request_logging
    request_logging.configure(app)

    from .routing import IdConverter
    app.url_map.converters["int"] = IdConverter  # before the rules that use it are added
    for module, prefix in BLUEPRINTS:
        blueprint = import_module(f".{module}", __name__).bp
        app.register_blueprint(blueprint, url_prefix=prefix)

    app.before_request(refuse_nul_in_path)
    errors.register(app)
    from . import limits, security
    security.init_app(app)
    limits.init_app(app)  # after the blueprints: it puts the limits on their views
    from . import templating
    templating.register(app)
    from . import cli
    cli.register(app)
    return app
