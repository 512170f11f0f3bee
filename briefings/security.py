"""Response headers that keep browsers on our side: CSP, no sniffing, referrers, HSTS, caching.

Installed by ``create_app`` as an ``after_request`` hook, so every response
gets them, error pages included. The Content-Security-Policy allows scripts
and styles from this site only: templates carry no inline scripts, inline
event handlers nor ``style`` attributes (tests/test_security_headers.py
walks the pages to keep it so).
"""
from flask import Flask, Response, current_app, request
from flask_login import current_user

# The policy of HTML pages. An installation may extend a directive with the
# CSP_EXTRA setting, e.g. {"img-src": "https://tiles.example.org"}.
CSP_DIRECTIVES: dict[str, str] = {
    "default-src": "'self'",
    "script-src": "'self'",
    "style-src": "'self'",
    "img-src": "'self' data:",
    "font-src": "'self'",
    "connect-src": "'self'",
    "object-src": "'none'",
    "base-uri": "'none'",
    "form-action": "'self'",
    "frame-ancestors": "'none'",
}

# An SVG opened on its own (a chart, a QR code) may style itself but never run a script.
SVG_POLICY = ("default-src 'none'; style-src 'unsafe-inline'; img-src data:; "
              "frame-ancestors 'self'")

# Pages under these prefixes show personal data or staff-only records: no copy is kept by
# the browser or by a proxy, so the back button or a shared computer shows nothing stale.
# The public API is cacheable (ETag, Last-Modified); its staff endpoints send no-store themselves.
PRIVATE_PREFIXES = ("/r/", "/manage/", "/admin/", "/account/", "/login")

# A private link is a secret (/r/<token>, an invitation's <token>): the address of such a
# page is never sent as a referrer, nor kept in a cache.
PRIVATE_LINK_PREFIX = "/r/"

HSTS = "max-age=31536000; includeSubDomains"


def content_security_policy(extra: dict[str, str] | None = None) -> str:
    """The CSP header value for HTML pages, with an installation's additions."""
    directives = dict(CSP_DIRECTIVES)
    for name, sources in (extra or {}).items():
        directives[name] = f"{directives[name]} {sources}" if name in directives else sources
    return "; ".join(f"{name} {value}" for name, value in directives.items())


def is_private(path: str) -> bool:
    """True for addresses whose pages hold personal data or staff-only records."""
    return path.startswith(PRIVATE_PREFIXES)


def has_secret_link() -> bool:
    """True when the address of this request carries a secret token."""
    return request.path.startswith(PRIVATE_LINK_PREFIX) or "token" in (request.view_args or {})


def secure_headers(response: Response) -> Response:
    """Add the security headers to ``response``; headers a view set itself are kept."""
    headers = response.headers
    mimetype = response.mimetype or ""
    if mimetype == "image/svg+xml":
        headers.setdefault("Content-Security-Policy", SVG_POLICY)
    else:
        headers.setdefault("Content-Security-Policy",
                           content_security_policy(current_app.config.get("CSP_EXTRA")))
    headers.setdefault("X-Content-Type-Options", "nosniff")
    headers.setdefault("X-Frame-Options", "DENY")
    headers.setdefault("Cross-Origin-Opener-Policy", "same-origin")
    headers.setdefault("Permissions-Policy",
                       "camera=(), microphone=(), geolocation=(), payment=(), usb=()")
    secret = has_secret_link()
    headers["Referrer-Policy"] = ("no-referrer" if secret
                                  else headers.get("Referrer-Policy",
                                                   "strict-origin-when-cross-origin"))
    if request.is_secure:
        headers.setdefault("Strict-Transport-Security", HSTS)
    if request.endpoint != "static" and (secret or is_private(request.path) or _signed_in()):
        headers["Cache-Control"] = "no-store"
        headers.pop("Expires", None)
        headers.pop("ETag", None)
        headers.pop("Last-Modified", None)
    return response


def _signed_in() -> bool:
    # A staff member's pages carry their name, menus and form tokens: never cached.
    try:
        return bool(current_user and current_user.is_authenticated)
    except Exception:  # noqa: BLE001 - an error page must not fail on a broken session
        return False


def init_app(app: Flask) -> None:
    """Install the headers on every response of ``app``."""
    app.after_request(secure_headers)
