"""Structured request logs: one JSON line per request, route templates only, a request id."""
import json
import logging

import pytest

from briefings.logging import REQUEST_LOGGER, JsonFormatter

from . import participants_support as support


# The line is written when the server closes the response (as every WSGI server does):
# the test client does so for buffered requests only.


class Collect(logging.Handler):
    def __init__(self):
        super().__init__()
        self.records: list[logging.LogRecord] = []

    def emit(self, record):
        self.records.append(record)

    def lines(self) -> list[dict]:
        formatter = JsonFormatter()
        return [json.loads(formatter.format(record)) for record in self.records]


@pytest.fixture
def request_log(app):
    handler = Collect()
    logger = logging.getLogger(REQUEST_LOGGER)
    logger.addHandler(handler)
    yield handler
    logger.removeHandler(handler)


def test_one_json_line_per_request_with_the_route_template(client, factory, request_log):
    briefing = factory.briefing(slug="imrf-briefing")
    registration = support.registration(briefing)
    response = client.get(f"/r/{registration.token}", buffered=True)
    assert response.status_code == 200
    [line] = request_log.lines()
    assert line["message"] == "request"
    assert line["method"] == "GET"
    assert line["path"] == "/r/<token>"
    assert line["endpoint"] == "registration.private_page"
    assert line["status"] == 200
    assert isinstance(line["duration_ms"], float) and 0 < line["duration_ms"] < 60_000
    assert line["request_id"] == response.headers["X-Request-ID"]
    assert line["level"] == "info" and line["ts"].endswith("Z")
    raw = JsonFormatter().format(request_log.records[0])
    assert "\n" not in raw
    assert registration.token not in raw and "imrf-briefing" not in raw


def test_each_request_gets_its_own_id(client, request_log):
    first = client.get("/healthz", buffered=True).headers["X-Request-ID"]
    second = client.get("/healthz", buffered=True).headers["X-Request-ID"]
    assert first != second
    assert [line["request_id"] for line in request_log.lines()] == [first, second]


def test_a_proxys_request_id_is_kept_and_a_malformed_one_replaced(client, request_log):
    kept = client.get("/healthz", buffered=True, headers={"X-Request-ID": "lb-7f3a9c2e-0001"})
    assert kept.headers["X-Request-ID"] == "lb-7f3a9c2e-0001"
    forged = client.get("/healthz", buffered=True, headers={"X-Request-ID": 'x" "injected": "1'})
    assert forged.headers["X-Request-ID"] != 'x" "injected": "1'
    assert len(forged.headers["X-Request-ID"]) == 32
    assert [line["request_id"] for line in request_log.lines()] == [
        "lb-7f3a9c2e-0001", forged.headers["X-Request-ID"]]


def test_unknown_addresses_and_refusals_are_logged_with_their_status(client, request_log):
    client.get("/no/such/page/secret-looking-value", buffered=True)
    # Not signed in: sent to the sign-in form.
    client.get("/manage/some-briefing/registrations", buffered=True)
    missing, refused = request_log.lines()
    assert missing["status"] == 404 and missing["path"] is None
    assert "secret-looking-value" not in json.dumps(missing)
    assert refused["status"] == 302
    assert refused["path"] == "/manage/<slug>/registrations"


def test_a_posted_form_is_logged_without_its_fields(client, factory, request_log):
    client.post("/login", data={"email": "someone@example.org", "password": "hunter2-hunter2"},
                buffered=True)
    [line] = request_log.lines()
    assert line["method"] == "POST" and line["path"] == "/login"
    assert "someone@example.org" not in json.dumps(line)
    assert "hunter2" not in json.dumps(line)


def test_a_streamed_response_is_logged_once_when_its_body_is_done(client, factory, login,
                                                                 request_log):
    briefing = factory.briefing()
    for _ in range(3):
        support.registration(briefing)
    login(factory.user(briefing=briefing))
    request_log.records.clear()
    response = client.get(f"/manage/{briefing.slug}/registrations.csv", buffered=True)
    assert response.status_code == 200 and response.data.count(b"\n") == 4
    [line] = request_log.lines()
    assert line["path"] == "/manage/<slug>/registrations.csv" and line["status"] == 200


def test_the_formatter_writes_extra_fields_and_exceptions_as_json():
    logger = logging.getLogger("briefings.test")
    try:
        raise RuntimeError("boom")
    except RuntimeError:
        record = logger.makeRecord("briefings.test", logging.ERROR, __file__, 1,
                                   "mail %s not sent", (42,), __import__("sys").exc_info(),
                                   extra={"outbox_id": 42})
    line = json.loads(JsonFormatter().format(record))
    assert line["message"] == "mail 42 not sent"
    assert line["outbox_id"] == 42 and line["level"] == "error"
    assert "RuntimeError: boom" in line["exception"]
