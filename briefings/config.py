"""Settings read from the environment; ``instance/config.py`` may override them."""
import os
import secrets
from pathlib import Path


def _load_secret_key(instance_path: str) -> str:
    """Return SECRET_KEY from the environment, else the key kept in the instance folder.

    The instance key is made on first start (random, file mode 0600), so no
    deployment ever runs with a key that is written in the source.
    """
    from_env = os.environ.get("SECRET_KEY")
    if from_env:
        return from_env
    path = Path(instance_path) / "secret_key"
    if not path.exists():
        path.parent.mkdir(parents=True, exist_ok=True)
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with os.fdopen(fd, "w") as fh:
            fh.write(secrets.token_hex(32))
    return path.read_text().strip()


def default_settings(instance_path: str) -> dict:
    """Settings for a deployment, from environment variables with safe defaults."""
    database_url = os.environ.get("DATABASE_URL") or (
        "sqlite:///" + str(Path(instance_path) / "briefings.sqlite")
    )
    if database_url.startswith("postgres://"):
        database_url = "postgresql+psycopg://" + database_url[len("postgres://"):]
    elif database_url.startswith("postgresql://"):
        database_url = "postgresql+psycopg://" + database_url[len("postgresql://"):]
    local = os.environ.get("BRIEFINGS_ENV", "development") == "development"
    return {
        "SECRET_KEY": _load_secret_key(instance_path),
        "SQLALCHEMY_DATABASE_URI": database_url,
        "SQLALCHEMY_ENGINE_OPTIONS": {"pool_pre_ping": True},
        "SESSION_COOKIE_HTTPONLY": True,
        "SESSION_COOKIE_SAMESITE": "Lax",
        "SESSION_COOKIE_SECURE": not local,
        "REMEMBER_COOKIE_HTTPONLY": True,
        "REMEMBER_COOKIE_SAMESITE": "Lax",
        "REMEMBER_COOKIE_SECURE": not local,
        "PERMANENT_SESSION_LIFETIME": 8 * 3600,
        "WTF_CSRF_TIME_LIMIT": None,
        "BABEL_DEFAULT_LOCALE": "en",
        "BABEL_DEFAULT_TIMEZONE": "UTC",
        "LANGUAGES": ["en", "fr", "ar"],
        "SITE_NAME": os.environ.get("BRIEFINGS_SITE_NAME", "Briefings"),
        "MAX_CONTENT_LENGTH": 16 * 1024 * 1024,
        # Absolute links in e-mails start with this.
        "BASE_URL": os.environ.get("BRIEFINGS_BASE_URL", "http://127.0.0.1:5000"),
        "MAIL_MESSAGE_ID_DOMAIN": os.environ.get("MAIL_MESSAGE_ID_DOMAIN", "briefings.invalid"),
        "MAIL_SERVER": os.environ.get("MAIL_SERVER", ""),
        "MAIL_PORT": int(os.environ.get("MAIL_PORT", "25")),
        "MAIL_USERNAME": os.environ.get("MAIL_USERNAME", ""),
        "MAIL_PASSWORD": os.environ.get("MAIL_PASSWORD", ""),
        "MAIL_USE_TLS": os.environ.get("MAIL_USE_TLS", "") == "1",
        "MAIL_USE_SSL": os.environ.get("MAIL_USE_SSL", "") == "1",
        "MAIL_DEFAULT_SENDER": os.environ.get("MAIL_DEFAULT_SENDER", "Briefings <briefings@localhost>"),
        "MAIL_MAX_ATTEMPTS": int(os.environ.get("MAIL_MAX_ATTEMPTS", "8")),
        "MAIL_TIMEOUT": float(os.environ.get("MAIL_TIMEOUT", "20")),
        # Rate-limit counters: in Redis when several processes or hosts serve the site.
        "RATELIMIT_STORAGE_URI": os.environ.get("REDIS_URL") or "memory://",
        # How many proxies in front of the app set each X-Forwarded-* header (0: trust none).
        **{f"PROXY_FIX_{name}": int(os.environ.get(f"PROXY_FIX_{name}", "0"))
           for name in ("X_FOR", "X_PROTO", "X_HOST", "X_PORT", "X_PREFIX")},
        "LOG_FORMAT": os.environ.get("LOG_FORMAT", "json"),  # json or text
        "LOG_LEVEL": os.environ.get("LOG_LEVEL", "INFO"),
        "LOG_REQUESTS": os.environ.get("LOG_REQUESTS", "1") == "1",
    }
