"""Briefings: run intergovernmental stakeholder briefings from invitation to outcome."""
import os
from importlib import import_module
from pathlib import Path

from flask import Flask

from . import errors, i18n
from .config import default_settings
from .extensions import babel, csrf, db, login_manager, migrate

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
    ("admin", "/admin"),  # accounts, memberships, stakeholder groups
]


def create_app(config: dict | None = None) -> Flask:
    """Build the application; ``config`` overrides every other source of settings (tests)."""
    app = Flask(
        __name__,
        instance_path=os.environ.get("BRIEFINGS_INSTANCE", str(ROOT / "instance")),
        template_folder=str(ROOT / "templates"),
        static_folder=str(ROOT / "static"),
    )
    Path(app.instance_path).mkdir(parents=True, exist_ok=True)
    app.config.from_mapping(default_settings(app.instance_path))
    app.config.from_pyfile("config.py", silent=True)
    if config:
        app.config.from_mapping(config)

    db.init_app(app)
    migrate.init_app(app, db, directory=str(ROOT / "migrations"), render_as_batch=True)
    csrf.init_app(app)
    babel.init_app(app, locale_selector=i18n.select_locale,
                   default_translation_directories=str(ROOT / "translations"))
    login_manager.init_app(app)

    from . import database
    database.configure_engines(app)

    for module, prefix in BLUEPRINTS:
        blueprint = import_module(f".{module}", __name__).bp
        app.register_blueprint(blueprint, url_prefix=prefix)

    errors.register(app)
    from . import templating
    templating.register(app)
    from . import cli
    cli.register(app)
    return app
