"""Rate limits (Flask-Limiter) on the doors an attacker knocks on: sign-in, registration, private links.

The limits are declared here, in one table, and bound to the views when the
app is built. Counters live in Redis when ``REDIS_URL`` is set (several
processes or hosts share them), else in this process's memory.

Each app gets its own ``Limiter`` (kept in ``app.extensions["briefings_limiter"]``), so
apps built side by side in tests never share counters. ``RATE_LIMITS`` turns
the limits on and off while the app runs; it defaults to off under
``TESTING`` so the suite's many sign-ins are not throttled, and a test that
checks the limits sets it to True.
"""
import math
import time

from flask import Flask, current_app, request
from flask_babel import gettext as _
from flask_babel import ngettext
from flask_limiter import Limiter
from flask_limiter.errors import RateLimitExceeded
from flask_limiter.util import get_remote_address

from .services.accounts import normalize_email

# Sign-in: per address, every attempt; per account, failed attempts only, so that
# guessing one person's password from many addresses is slowed down too.
SIGN_IN_PER_ADDRESS = "20 per minute; 200 per hour"
SIGN_IN_PER_ACCOUNT = "10 per 15 minutes; 50 per day"
# Registration: a delegation may register from one office network, so generous.
REGISTER_PER_ADDRESS = "20 per minute; 300 per hour"
# Private-link pages (/r/...): enough for a person, too few to try tokens.
PRIVATE_LINK_PER_ADDRESS = "60 per minute; 1000 per hour"

PRIVATE_LINK_PREFIX = "/r/"
EXTENSION = "briefings_limiter"


def _account_key() -> str:
    """The account a sign-in attempt is for (empty: no limit applies)."""
    email = request.form.get("email", "")
    return "account:" + normalize_email(email)[:254] if email.strip() else ""


def _failed_sign_in(response) -> bool:
    # A successful sign-in redirects; the form shown again means the attempt failed.
    return response.status_code != 302


def _enabled() -> bool:
    return bool(current_app.config.get("RATE_LIMITS"))


def _limits_for(app: Flask) -> dict[str, list[dict]]:
    """endpoint -> the limits on it (arguments of ``Limiter.limit``, or ``shared_limit``)."""
    table: dict[str, list[dict]] = {
        "auth.login": [
            {"limit_value": SIGN_IN_PER_ADDRESS, "methods": ["POST"]},
            {"limit_value": SIGN_IN_PER_ACCOUNT, "methods": ["POST"], "key_func": _account_key,
             "deduct_when": _failed_sign_in, "scope": "sign-in-account"},
        ],
        "registration.register": [
            {"limit_value": REGISTER_PER_ADDRESS, "methods": ["POST"]},
        ],
    }
    # Every page of a private link (/r/..., any address with a <token>), present and future:
    # one shared budget per address.
    for rule in app.url_map.iter_rules():
        if rule.rule.startswith(PRIVATE_LINK_PREFIX) or "token" in rule.arguments:
            table.setdefault(rule.endpoint, []).append(
                {"limit_value": PRIVATE_LINK_PER_ADDRESS, "scope": "private-link",
                 "shared": True})
    return table


def retry_after(error: RateLimitExceeded) -> int:
    """Seconds until the limit that was hit lets requests through again (at least 1)."""
    limiter: Limiter | None = current_app.extensions.get(EXTENSION)
    current = limiter.current_limit if limiter else None
    if current is not None:
        return max(1, math.ceil(current.reset_at - time.time()))
    return max(1, int(error.limit.limit.get_expiry()))


def retry_text(seconds: int) -> str:
    """'Please try again in 3 minutes.' in the visitor's language."""
    if seconds < 60:
        return ngettext("Please try again in %(num)d second.",
                        "Please try again in %(num)d seconds.", seconds)
    minutes = math.ceil(seconds / 60)
    if minutes < 120:
        return ngettext("Please try again in %(num)d minute.",
                        "Please try again in %(num)d minutes.", minutes)
    return ngettext("Please try again in %(num)d hour.", "Please try again in %(num)d hours.",
                    math.ceil(minutes / 60))


def _too_many_requests(error: RateLimitExceeded):
    from .errors import render_error

    seconds = retry_after(error)
    body, code = render_error(429, _("You have sent too many requests in a short time.") + " "
                              + retry_text(seconds))
    response = current_app.make_response((body, code))
    response.headers["Retry-After"] = str(seconds)
    return response


def init_app(app: Flask) -> Limiter:
    """Bind a limiter to ``app`` and put the limits on their views (blueprints registered first)."""
    app.config.setdefault("RATE_LIMITS", not app.testing)
    limiter = Limiter(key_func=get_remote_address, default_limits=[],
                      storage_uri=app.config.get("RATELIMIT_STORAGE_URI") or "memory://",
                      strategy="moving-window", headers_enabled=False)
    limiter.init_app(app)
    app.extensions[EXTENSION] = limiter
    limiter.request_filter(lambda: not _enabled())
    for endpoint, limits in _limits_for(app).items():
        view = app.view_functions.get(endpoint)
        if view is None:
            continue
        for arguments in limits:
            if arguments.pop("shared", False):
                view = limiter.shared_limit(**arguments)(view)
            else:
                view = limiter.limit(**arguments)(view)
        app.view_functions[endpoint] = view
    app.register_error_handler(RateLimitExceeded, _too_many_requests)
    return limiter
