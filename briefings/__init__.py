"""Briefings: run intergovernmental stakeholder briefings from invitation to outcome."""
import os
from pathlib import Path

from flask import Flask

from . import errors, i18n
from .config import default_settings
from .extensions import babel, csrf, db, login_manager, migrate

ROOT = Path(__file__).resolve().parent.parent


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

    from .auth import bp as auth_bp
    from .admin import bp as admin_bp
    from .organizer import bp as organizer_bp
    from .participants import bp as participants_bp
    from .public import bp as public_bp
    from .registration import bp as registration_bp
    app.register_blueprint(public_bp)
    app.register_blueprint(registration_bp)
    app.register_blueprint(auth_bp)
    app.register_blueprint(organizer_bp, url_prefix="/manage")
    app.register_blueprint(participants_bp, url_prefix="/manage/<slug>")
    app.register_blueprint(admin_bp, url_prefix="/admin")
    from .secretariat import bp as secretariat_bp
    app.register_blueprint(secretariat_bp, url_prefix="/manage/<slug>/records")
    from .outcomes import bp as outcomes_bp
    from .pledges import bp as pledges_bp
    from .published import bp as published_bp
    app.register_blueprint(outcomes_bp)  # /manage/<slug>/outcomes
    app.register_blueprint(pledges_bp)  # /manage/<slug>/pledges
    app.register_blueprint(published_bp)  # /b/<slug>/outcomes, /pledges, /coverage

    errors.register(app)
    from . import templating
    templating.register(app)
    from . import cli
    cli.register(app)
    return app
