"""The API's HTTP conventions: problem details, query parsing, pages, ETags and CORS."""
import hashlib
import json
from dataclasses import dataclass
from datetime import datetime
from math import ceil

from flask import current_app, request, url_for
from marshmallow import Schema, ValidationError
from werkzeug.exceptions import HTTPException

PROBLEM_TYPE = "application/problem+json"
MAX_ID = 2**31 - 1  # larger path ids name nothing, and some databases refuse them
PUBLIC_CACHE = "public, max-age=60"


class Problem(Exception):
    """An error answered as RFC 9457 problem details."""

    def __init__(self, status: int, title: str, detail: str = "", *,
                 headers: dict | None = None, **extra):
        super().__init__(detail or title)
        self.status, self.title, self.detail = status, title, detail
        self.headers = headers or {}
        self.extra = extra


def problem_response(status: int, title: str, detail: str = "", *, headers: dict | None = None,
                     **extra):
    """A problem-details response."""
    body = {"type": "about:blank", "title": title, "status": status}
    if detail:
        body["detail"] = detail
    body.update(extra)
    response = current_app.response_class(json.dumps(body, ensure_ascii=False), status=status,
                                          mimetype=PROBLEM_TYPE)
    response.headers.update(headers or {})
    return response


def http_problem(error: HTTPException):
    """A werkzeug HTTP error (an ``abort``) as problem details, with its own headers (Allow)."""
    headers = {key: value for key, value in error.get_headers() if key.lower() == "allow"}
    return problem_response(error.code or 500, error.name, error.description or "",
                            headers=headers)


def load_query(schema_cls: type[Schema]) -> dict:
    """The query string read through ``schema_cls``; a bad value is a 400 naming it."""
    try:
        return schema_cls().load(request.args.to_dict())
    except ValidationError as error:
        raise Problem(400, "Bad request", "Some query parameters are not valid.",
                      errors=error.normalized_messages()) from error


def load_json(schema_cls: type[Schema]) -> dict:
    """The JSON request body read through ``schema_cls``: 415, 400 or 422 when it will not do."""
    if not request.is_json:
        raise Problem(415, "Unsupported media type", "Send the body as application/json.")
    body = request.get_json(silent=True)
    if body is None:
        raise Problem(400, "Bad request", "The body is not valid JSON.")
    try:
        return schema_cls().load(body)
    except ValidationError as error:
        raise Problem(422, "Unprocessable content", "Some fields are not valid.",
                      errors=error.normalized_messages()) from error


def check_id(value: int) -> int:
    """A path id, or 404 if it is larger than any record can have."""
    if value > MAX_ID:
        raise Problem(404, "Not found", "There is no such record.")
    return value


@dataclass
class Page:
    """Where a page lies in a list."""

    number: int
    per_page: int
    total: int

    @property
    def pages(self) -> int:
        return max(1, ceil(self.total / self.per_page))

    @property
    def offset(self) -> int:
        return (self.number - 1) * self.per_page

    def envelope(self, items: list, endpoint: str, *, keep: tuple[str, ...] = (),
                 **values) -> dict:
        """The page as the API answers it: items, counts and links to its neighbours.

        The links repeat the (already validated) query parameters named in
        ``keep``. A page past the end is empty; its links still lead back.
        """
        args = {name: request.args[name] for name in keep if request.args.get(name)}

        def link(number: int | None) -> str | None:
            if number is None:
                return None
            return url_for(endpoint, **values, **args, page=number, per_page=self.per_page,
                           _external=True)

        return {
            "items": items, "page": self.number, "per_page": self.per_page,
            "total": self.total, "pages": self.pages,
            "links": {
                "self": link(self.number), "first": link(1), "last": link(self.pages),
                "next": link(self.number + 1) if self.number < self.pages else None,
                "prev": link(min(self.number - 1, self.pages)) if self.number > 1 else None,
            },
        }


def link_header(envelope: dict) -> str:
    """An RFC 8288 Link header for a page's neighbours."""
    parts = [f'<{url}>; rel="{rel}"' for rel, url in envelope["links"].items()
             if url and rel != "self"]
    return ", ".join(parts)


def json_response(data, *, last_modified: datetime | None = None, private: bool = False,
                  status: int = 200, headers: dict | None = None):
    """A JSON response; public ones carry an ETag from their content and answer 304 when it matches.

    Private ones (personal data) are marked ``no-store`` and carry no validator.
    """
    body = json.dumps(data, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    response = current_app.response_class(body, status=status, mimetype="application/json")
    response.headers.update(headers or {})
    if private:
        response.headers["Cache-Control"] = "no-store"
        return response
    response.headers["Cache-Control"] = PUBLIC_CACHE
    response.set_etag(hashlib.sha256(body.encode("utf-8")).hexdigest()[:32])
    if last_modified is not None:
        response.last_modified = last_modified
    return response.make_conditional(request)


def add_cors(response) -> None:
    """Let any web page read a public response (nothing here rides on cookies)."""
    response.headers["Access-Control-Allow-Origin"] = "*"
    response.headers["Access-Control-Expose-Headers"] = "ETag, Last-Modified, Link"
    if request.method == "OPTIONS":
        response.headers["Access-Control-Allow-Methods"] = "GET, HEAD, OPTIONS"
        response.headers["Access-Control-Allow-Headers"] = (
            "Accept, If-None-Match, If-Modified-Since")
        response.headers["Access-Control-Max-Age"] = "86400"
