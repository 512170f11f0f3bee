"""Flask-Migrate, loaded on first use: serving pages never imports Alembic and Mako.

Alembic (with Mako and Pygments) holds about 7 MB in each process that imports
it, and only the migration commands need it. ``init_app`` leaves a stand-in in
``app.extensions["migrate"]`` and a ``db`` command group that load Flask-Migrate
the first time either is used; from then on Flask-Migrate's own objects answer,
so ``flask db ...``, ``flask setup`` and ``flask_migrate.upgrade()`` work as before.
"""
import click
from flask import Flask, current_app

from .extensions import db


def _load(app: Flask):
    """Set Flask-Migrate up on ``app`` (once) and return its configuration object."""
    found = app.extensions.get("migrate")
    if isinstance(found, _Pending):
        from flask_migrate import Migrate

        Migrate(app, db, **found.settings)  # replaces the stand-in and the command group
    return app.extensions["migrate"]


class _Pending:
    """Stands for Flask-Migrate's configuration until something reads it."""

    def __init__(self, app: Flask, settings: dict):
        self.app, self.settings = app, settings

    def __getattr__(self, name):
        return getattr(_load(self.app), name)


class _Commands(click.Group):
    """``flask db``: Flask-Migrate's command group, loaded when a migration command is named.

    Its options are Flask-Migrate's, passed on to that group's own callback.
    """

    def __init__(self):
        super().__init__("db", help="Perform database migrations.", callback=self._run, params=[
            click.Option(["-d", "--directory"], default=None,
                         help='Migration script directory (default is "migrations")'),
            click.Option(["-x", "--x-arg"], multiple=True,
                         help="Additional arguments consumed by custom env.py scripts"),
        ])

    @staticmethod
    def _group() -> click.Group:
        _load(current_app._get_current_object())
        from flask_migrate.cli import db as commands

        return commands

    def _run(self, **options):
        return click.get_current_context().invoke(self._group().callback, **options)

    def list_commands(self, ctx):
        return self._group().list_commands(ctx)

    def get_command(self, ctx, name):
        return self._group().get_command(ctx, name)


def init_app(app: Flask, **settings) -> None:
    """What ``Migrate(app, db, **settings)`` does, without importing it yet."""
    app.extensions["migrate"] = _Pending(app, settings)
    app.cli.add_command(_Commands())
