"""Structured logs: one JSON line per request, and the application's own messages as JSON too.

A request's line names the route's *template* (``/r/<token>``), never the
address as typed, so private links and search terms stay out of the logs.
Each request carries an id: the proxy's ``X-Request-ID`` when it looks like
one, else a fresh one; it is sent back in the response and added to every
message logged while the request runs.
"""
import json
import logging
import re
import sys
import time
import uuid
from datetime import datetime, timezone

from flask import Flask, has_request_context, request
from werkzeug.wsgi import ClosingIterator

REQUEST_LOGGER = "briefings.request"
ENVIRON_ID = "briefings.request_id"
ENVIRON_ROUTE = "briefings.route"
ENVIRON_ENDPOINT = "briefings.endpoint"
INCOMING_ID = re.compile(r"[A-Za-z0-9._:-]{8,64}")
# The standard attributes of a LogRecord: anything else was passed in ``extra``.
_RECORD_FIELDS = set(vars(logging.makeLogRecord({}))) | {"message", "asctime"}


def request_id() -> str | None:
    """The id of the request being handled, if any."""
    if has_request_context():
        return request.environ.get(ENVIRON_ID)
    return None


class JsonFormatter(logging.Formatter):
    """One JSON object per line: time, level, logger, message, extra fields, request id."""

    def format(self, record: logging.LogRecord) -> str:
        entry = {
            "ts": datetime.fromtimestamp(record.created, timezone.utc)
            .isoformat(timespec="milliseconds").replace("+00:00", "Z"),
            "level": record.levelname.lower(),
            "logger": record.name,
            "message": record.getMessage(),
        }
        entry.update((key, value) for key, value in vars(record).items()
                     if key not in _RECORD_FIELDS)
        if "request_id" not in entry:
            rid = request_id()
            if rid:
                entry["request_id"] = rid
        if record.exc_info:
            entry["exception"] = self.formatException(record.exc_info)
        return json.dumps(entry, ensure_ascii=False, default=str)


class _StderrHandler(logging.StreamHandler):
    """Writes to whatever ``sys.stderr`` is at the time (test runners swap it)."""

    def __init__(self):
        super().__init__(sys.stderr)

    @property
    def stream(self):
        return sys.stderr

    @stream.setter
    def stream(self, _value):
        pass


def _handler(fmt: str) -> logging.Handler:
    handler = _StderrHandler()
    handler.setFormatter(JsonFormatter() if fmt == "json" else logging.Formatter(
        "%(asctime)s %(levelname)s %(name)s %(message)s"))
    handler.set_name("briefings")
    return handler


def _install(logger: logging.Logger, fmt: str) -> None:
    """Give ``logger`` our one stderr handler (once, however many apps are built)."""
    if not any(h.get_name() == "briefings" for h in logger.handlers):
        logger.addHandler(_handler(fmt))


class RequestLog:
    """WSGI middleware: times the whole response (a streamed body included) and logs it once."""

    def __init__(self, wsgi_app, logger: logging.Logger):
        self.wsgi_app = wsgi_app
        self.logger = logger

    def __call__(self, environ, start_response):
        started = time.perf_counter()
        incoming = environ.get("HTTP_X_REQUEST_ID", "")
        rid = incoming if INCOMING_ID.fullmatch(incoming) else uuid.uuid4().hex
        environ[ENVIRON_ID] = rid
        seen = {}

        def _start_response(status, headers, exc_info=None):
            seen["status"] = int(status.split(" ", 1)[0])
            headers.append(("X-Request-ID", rid))
            return start_response(status, headers, exc_info)

        def _done():
            self.logger.info("request", extra={
                "method": environ.get("REQUEST_METHOD"),
                "path": environ.get(ENVIRON_ROUTE),
                "endpoint": environ.get(ENVIRON_ENDPOINT),
                "status": seen.get("status"),
                "duration_ms": round((time.perf_counter() - started) * 1000, 2),
                "request_id": rid,
            })

        try:
            body = self.wsgi_app(environ, _start_response)
        except BaseException:
            seen.setdefault("status", 500)
            _done()
            raise
        return ClosingIterator(body, _done)


def configure(app: Flask) -> None:
    """Log each request as one line (LOG_REQUESTS), in JSON or text (LOG_FORMAT)."""
    fmt = app.config.get("LOG_FORMAT", "json")
    level = app.config.get("LOG_LEVEL", "INFO")
    if not app.testing:
        # Flask's own handler writes plain text: ours replaces it.
        from flask.logging import default_handler
        app.logger.removeHandler(default_handler)
        _install(app.logger, fmt)
        app.logger.setLevel(level)

    def _remember_route():
        # The matched rule's template: "/r/<token>", never the token itself.
        rule = request.url_rule
        request.environ[ENVIRON_ROUTE] = rule.rule if rule is not None else None
        request.environ[ENVIRON_ENDPOINT] = request.endpoint

    # First of all hooks, so a request refused early (CSRF, sign-in) still names its route.
    app.before_request_funcs.setdefault(None, []).insert(0, _remember_route)

    if app.config.get("LOG_REQUESTS", True):
        logger = logging.getLogger(REQUEST_LOGGER)
        logger.setLevel(logging.INFO)
        logger.propagate = False
        _install(logger, fmt)
        app.wsgi_app = RequestLog(app.wsgi_app, logger)
