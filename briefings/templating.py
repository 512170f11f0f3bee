"""What every template can use: formatting filters, permissions and the page's language."""
from flask import Flask, has_request_context, request
from flask_login import current_user

from . import content, i18n
from .labels import FORMAT_DESCRIPTIONS, enum_label, history_reason
from .navigation import briefing_nav
from .permissions import Perm, can
from .services.hybrid import online_access


def register(app: Flask) -> None:
    """Install the template filters and globals."""
    app.jinja_env.add_extension("jinja2.ext.do")
    i18n.install_template_gettext(app)
    app.jinja_env.filters.update(
        day=i18n.format_day,
        short_date=i18n.format_short_date,
        time=i18n.format_time,
        datetime=i18n.format_datetime,
        zone=i18n.zone_abbreviation,
        label=enum_label,
        history_reason=history_reason,
        # A briefing's or session's own text in the page's language: ``briefing|tr("title")``;
        # then ``|in_language`` (HTML), ``|lang_attrs`` (an element's) or ``|isolated`` (text).
        tr=content.localized,
        in_language=content.in_language,
        lang_attrs=content.lang_attributes,
        isolated=content.isolated,
        format_description=lambda fmt: str(FORMAT_DESCRIPTIONS.get(fmt, "")),
    )
    app.jinja_env.globals.update(
        Perm=Perm,
        LANGUAGE_NAMES=i18n.LANGUAGE_NAMES,
        # A global (not a context variable) so that imported macros can ask too.
        can=lambda perm, briefing=None: can(current_user, perm, briefing),
        briefing_nav=lambda briefing, active: briefing_nav(current_user, briefing, active),
        # The meeting links a registrant may see (services.hybrid): private page and e-mails.
        online_access=online_access,
    )

    @app.context_processor
    def page_context():
        return {
            "lang": i18n.current_language(),
            "text_dir": i18n.text_direction(),
            "site_name": app.config["SITE_NAME"],
            "current_path": request.full_path.rstrip("?") if has_request_context() else "/",
        }
