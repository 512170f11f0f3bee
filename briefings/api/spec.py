"""The OpenAPI 3.1 document, generated from the API's routes and schemas.

Each view declares what it reads and answers with ``@operation(...)``; its
docstring gives the summary (first line) and description (the rest). The
document is built from the app's URL map, so a route's path, method and
parameters in the document are the ones Flask actually serves.
"""
import inspect
import re
from dataclasses import dataclass, field

from flask import Flask
from marshmallow import Schema

from ..models import ApiScope
from .inputs import SLUG_PATTERN
from .schemas import ProblemOut

PREFIX = "/api/v1"
VERSION = "1.0.0"
_ARGUMENT = re.compile(r"<(?:(?P<converter>\w+):)?(?P<name>\w+)>")

PATH_PARAMETERS = {
    "slug": ("The briefing's web address, as in /b/<slug>.",
             {"type": "string", "pattern": SLUG_PATTERN, "maxLength": 80}),
    "doc_id": ("The outcome document's id.",
               {"type": "integer", "minimum": 1, "maximum": 2**31 - 1}),
}

DESCRIPTION = """\
Read-only JSON about the public briefings of this site: their programmes, published
outcome documents, pledge registers and coverage of the Global Compact for Migration
objectives; and, with a personal API token, a briefing's registrations and check-in.

* Public answers carry an `ETag` (from their content) and are sent again only when it
  changes: send it back in `If-None-Match` to get `304 Not Modified`. Any web page may
  read them (`Access-Control-Allow-Origin: *`).
* Lists come a page at a time (`page`, `per_page`), with links to the other pages in
  the body and in a `Link` header.
* Errors are problem details (`application/problem+json`, RFC 9457).
* Staff endpoints take `Authorization: Bearer <token>`. An organizer makes tokens on the
  briefing's "API tokens" page; each is for one briefing and holds scopes:
  `registrations:read`, `registrations:write`, `checkin`. Their answers hold personal
  data and are sent with `Cache-Control: no-store`.
"""


TAGS = [
    {"name": "Briefings", "description": "Public briefings and their programmes."},
    {"name": "Outcomes", "description": "Published outcome documents, pledges, GCM coverage."},
    {"name": "Reference", "description": "Stakeholder groups and the 23 GCM objectives."},
    {"name": "Staff", "description": "A briefing's registrations and check-in, with a token."},
]


@dataclass
class Operation:
    """What one view reads and answers, for the document and for the view's hooks."""

    tag: str
    response: type[Schema]
    query: type[Schema] | None = None
    body: type[Schema] | None = None
    scope: ApiScope | None = None
    status: int = 200
    errors: dict[int, str] = field(default_factory=dict)  # other answers: code -> when
    public: bool = True
    paged: bool = False
    last_modified: bool = False


def operation(**kwargs):
    """Declare a view's part in the API (see ``Operation``)."""

    def decorate(view):
        view.api_operation = Operation(**kwargs)
        return view

    return decorate


def is_public(view) -> bool:
    """True for views whose answers any web page may read (CORS)."""
    op = getattr(view, "api_operation", None)
    return getattr(view, "api_public", False) or (op is not None and op.public)


def schema_name(schema) -> str:
    """A schema's name in the document: BriefingOut -> Briefing, CheckInIn -> CheckInInput."""
    cls = schema if isinstance(schema, type) else type(schema)
    name = cls.__name__
    if name.endswith("Out"):
        return name[:-3]
    if name.endswith("In"):
        return name[:-2] + "Input"
    return name


def _problem(description: str) -> dict:
    return {"description": description,
            "content": {"application/problem+json": {"schema": ProblemOut}}}


def _header(description: str) -> dict:
    return {"description": description, "schema": {"type": "string"}}


def _responses(op: Operation, has_slug: bool) -> dict:
    ok = {"description": "Success.", "content": {"application/json": {"schema": op.response}}}
    if op.public:
        ok["headers"] = {"ETag": _header("Identifies this content, for If-None-Match."),
                         "Access-Control-Allow-Origin": _header("Always `*`.")}
        if op.last_modified:
            ok["headers"]["Last-Modified"] = _header("When the record last changed.")
        if op.paged:
            ok["headers"]["Link"] = _header("Links to the first, last, next and previous pages.")
    else:
        ok["headers"] = {"Cache-Control": _header("Always `no-store`: personal data.")}
    responses = {str(op.status): ok}
    if op.public:
        responses["304"] = {"description": "Not modified: the If-None-Match ETag still matches."}
    if op.query is not None:
        responses["400"] = _problem("A query parameter is not valid (`errors` says which).")
    if op.body is not None:
        responses["400"] = _problem("The body is not valid JSON.")
        responses["415"] = _problem("The body is not sent as application/json.")
        responses["422"] = _problem("A field is missing or not valid (`errors` says which).")
    if op.scope is not None:
        responses["401"] = _problem("No token, or one that is unknown, revoked or expired.")
        responses["403"] = _problem("The token is for another briefing or lacks the scope.")
    if has_slug:
        responses["404"] = _problem("No public briefing (or record) at this address.")
    for code, description in op.errors.items():
        if code < 400:  # another success, answered like the main one
            responses[str(code)] = {**ok, "description": description}
        else:
            responses[str(code)] = _problem(description)
    return dict(sorted(responses.items()))


def _path(rule: str) -> tuple[str, list[dict]]:
    """The OpenAPI path of a Flask rule below the prefix, and its path parameters."""
    parameters = []
    for match in _ARGUMENT.finditer(rule):
        name = match["name"]
        description, schema = PATH_PARAMETERS.get(name, ("", {"type": "string"}))
        if match["converter"] == "int":
            schema = {"type": "integer", "minimum": 1, "maximum": 2**31 - 1}
        parameters.append({"name": name, "in": "path", "required": True,
                           "description": description, "schema": schema})
    return _ARGUMENT.sub(r"{\g<name>}", rule[len(PREFIX):]), parameters


def _operation(view, op: Operation, endpoint: str, path_parameters: list[dict]) -> dict:
    doc = inspect.getdoc(view) or ""
    summary, _, description = doc.partition("\n")
    result = {
        "operationId": endpoint.split(".", 1)[1],
        "summary": summary.strip(),
        "tags": [op.tag],
        "parameters": list(path_parameters),
        "responses": _responses(op, any(p["name"] == "slug" for p in path_parameters)),
    }
    if description.strip():
        result["description"] = description.strip()
    if op.query is not None:
        result["parameters"].append({"in": "query", "schema": op.query})
    if op.body is not None:
        body_doc = inspect.getdoc(op.body) or ""
        result["requestBody"] = {"required": True, "description": body_doc,
                                 "content": {"application/json": {"schema": op.body}}}
    if op.scope is not None:
        result["security"] = [{"bearerAuth": [op.scope.value]}]
    return result


def build(app: Flask) -> dict:
    """The OpenAPI 3.1 document of the app's API routes."""
    from apispec import APISpec  # built once per process, on the first request for it
    from apispec.ext.marshmallow import MarshmallowPlugin

    spec = APISpec(title=f"{app.config['SITE_NAME']} API", version=VERSION,
                   openapi_version="3.1.0",
                   plugins=[MarshmallowPlugin(schema_name_resolver=schema_name)],
                   info={"description": DESCRIPTION},
                   servers=[{"url": PREFIX}])
    for tag in TAGS:
        spec.tag(tag)
    spec.components.schema("Problem", schema=ProblemOut)
    spec.components.security_scheme("bearerAuth", {
        "type": "http", "scheme": "bearer",
        "description": "A personal API token, made on a briefing's \"API tokens\" page."})
    paths: dict[str, dict] = {}
    for rule in sorted(app.url_map.iter_rules(), key=lambda r: r.rule):
        view = app.view_functions.get(rule.endpoint)
        op = getattr(view, "api_operation", None)
        if op is None or not rule.endpoint.startswith("api."):
            continue
        path, parameters = _path(rule.rule)
        for method in sorted(rule.methods - {"HEAD", "OPTIONS"}):
            paths.setdefault(path, {})[method.lower()] = _operation(view, op, rule.endpoint,
                                                                    parameters)
    for path, operations in paths.items():
        spec.path(path=path, operations=operations)
    return spec.to_dict()


def document(app: Flask) -> dict:
    """The document, built once per app (routes do not change after start-up)."""
    cached = app.extensions.get("briefings_openapi")
    if cached is None:
        cached = app.extensions["briefings_openapi"] = build(app)
    return cached
