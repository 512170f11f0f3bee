"""Flask commands: set up the database, create staff accounts, load the demo."""
import secrets

import click
import sqlalchemy as sa
from flask import Flask

from .extensions import db
from .models import Briefing, User
from .services import accounts
from .services.reference import ensure_reference_data


def register(app: Flask) -> None:
    """Add the commands to ``flask --app briefings``."""

    @app.cli.command("setup")
    def setup_command():
        """Apply the migrations and add the reference data that is missing."""
        from flask_migrate import upgrade

        upgrade()
        ensure_reference_data()
        click.echo("Database is up to date.")

    @app.cli.command("create-user")
    @click.argument("email")
    @click.option("--name", default="", help="Display name (defaults to the e-mail).")
    @click.option("--admin", is_flag=True, help="Give the account the admin right.")
    @click.password_option(help="The password (asked for when not given).")
    def create_user_command(email, name, admin, password):
        """Create a staff account."""
        try:
            user = accounts.create_user(email, name, password, is_admin=admin)
        except accounts.AccountError as error:
            raise click.ClickException(str(error)) from error
        click.echo(f"Created {'admin ' if admin else ''}account {user.email}.")

    @app.cli.command("send-mail")
    @click.option("--loop", is_flag=True, help="Keep running, sending what falls due.")
    @click.option("--interval", default=5.0, show_default=True,
                  help="Seconds between rounds with --loop.")
    def send_mail_command(loop, interval):
        """Queue the reminders that fell due, then deliver the outbox (SMTP, or .eml files)."""
        import time

        from .services.followup import queue_reminders as queue_followup_reminders
        from .services.mailer import deliver_due
        from .services.messaging import queue_due_reminders

        while True:
            reminded = queue_due_reminders()
            if reminded:
                click.echo(f"reminders queued for {reminded} briefing(s)")
            followed_up = queue_followup_reminders()
            if followed_up:
                click.echo(f"follow-up reminders queued for {followed_up} owner(s)")
            report = deliver_due()
            if report.sent or report.retried or report.failed or not loop:
                click.echo(f"sent {report.sent}, to retry {report.retried}, "
                           f"failed {report.failed}")
            if not loop:
                return
            db.session.remove()
            time.sleep(interval)

    @app.cli.command("demo")
    @click.option("--if-empty", is_flag=True, help="Do nothing when a briefing already exists.")
    def demo_command(if_empty):
        """Load the demo briefings and print a one-time organizer login."""
        from .demo import load_demo

        if if_empty and db.session.scalar(sa.select(sa.func.count(Briefing.id))):
            click.echo("The database already holds briefings; demo not loaded.")
            return
        ensure_reference_data()
        email = "organizer@example.org"
        if db.session.scalar(sa.select(User.id).where(User.email == email)):
            raise click.ClickException(f"{email} already exists; the demo is loaded.")
        password = secrets.token_urlsafe(12)
        organizer = accounts.create_user(email, "Demo Organizer", password, is_admin=True)
        briefings = load_demo(organizer)
        click.echo("Demo loaded: " + ", ".join(b.slug for b in briefings))
        click.echo("")
        click.echo("  Sign in at /login as the demo organizer (shown once, note it now):")
        click.echo(f"    email:    {email}")
        click.echo(f"    password: {password}")
        click.echo("")

    @app.cli.command("purge-expired")
    @click.option("--dry-run", is_flag=True, help="Only list the briefings past their retention.")
    def purge_expired_command(dry_run):
        """Anonymize the registrations of briefings ended longer ago than their retention period."""
        from .services import privacy

        if dry_run:
            for briefing in privacy.expired_briefings():
                click.echo(f"{briefing.slug}: ended {briefing.ends_at:%Y-%m-%d}, "
                           f"retention {briefing.retention_days} days")
            return
        done = privacy.purge_expired()
        for slug, count in done.items():
            click.echo(f"{slug}: {count} registration(s) anonymized")
        click.echo(f"{sum(done.values())} registration(s) anonymized in {len(done)} briefing(s).")
