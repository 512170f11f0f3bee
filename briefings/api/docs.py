"""The OpenAPI document as JSON, and as a page people can read (no script, no CDN)."""
import json

from flask import current_app, render_template
from markupsafe import Markup, escape

from ..markup import render_markdown
from . import bp
from .spec import document

METHOD_ORDER = {"get": 0, "post": 1, "put": 2, "patch": 3, "delete": 4}


@bp.route("/openapi.json")
def openapi():
    """The OpenAPI 3.1 document of this API."""
    body = json.dumps(document(current_app), ensure_ascii=False, indent=1)
    response = current_app.response_class(body, mimetype="application/json")
    response.headers["Cache-Control"] = "public, max-age=300"
    return response


openapi.api_public = True


def describe(schema: dict | None) -> Markup:
    """A schema's type in a few words, with links to the named schemas it uses."""
    if not schema:
        return Markup("any")
    if "$ref" in schema:
        name = schema["$ref"].rsplit("/", 1)[-1]
        return Markup('<a href="#schema-{0}"><code>{0}</code></a>').format(name)
    for combinator in ("anyOf", "oneOf", "allOf"):
        if combinator in schema:
            return Markup(" | ").join(describe(part) for part in schema[combinator])
    kinds = schema.get("type", "any")
    kinds = kinds if isinstance(kinds, list) else [kinds]
    parts = []
    for kind in kinds:
        if kind == "array":
            parts.append(Markup("array of ") + describe(schema.get("items")))
        else:
            parts.append(escape(kind))
    text = Markup(" | ").join(parts)
    if schema.get("format"):
        text += Markup(" ({})").format(schema["format"])
    return text


def constraints(schema: dict | None) -> list[str]:
    """A schema's limits in words: allowed values, ranges, lengths, pattern."""
    schema = schema or {}
    found = []
    if "enum" in schema:
        found.append("one of: " + ", ".join(str(v) for v in schema["enum"] if v is not None))
    for key, label in (("minimum", "≥"), ("maximum", "≤")):
        if key in schema:
            found.append(f"{label} {schema[key]}")
    if "minLength" in schema or "maxLength" in schema:
        found.append(f"length {schema.get('minLength', 0)}–{schema.get('maxLength', '…')}")
    if "pattern" in schema:
        found.append(f"pattern {schema['pattern']}")
    if "default" in schema:
        found.append(f"default {json.dumps(schema['default'])}")
    return found


def inline(text: str | None) -> Markup:
    """A one-paragraph Markdown description as HTML without its paragraph."""
    html = str(render_markdown(text or "")).strip()
    if html.startswith("<p>") and html.endswith("</p>") and html.count("<p>") == 1:
        html = html[3:-4]
    return Markup(html)  # nosec B704 - render_markdown sanitized it with nh3


def _operations(spec: dict) -> list[tuple[dict, list[dict]]]:
    """The operations grouped by tag (in the document's tag order), each with method and path."""
    by_tag: dict[str, list[dict]] = {tag["name"]: [] for tag in spec.get("tags", [])}
    for path, methods in spec["paths"].items():
        for method, op in sorted(methods.items(), key=lambda kv: METHOD_ORDER.get(kv[0], 9)):
            by_tag.setdefault(op["tags"][0], []).append({**op, "method": method, "path": path})
    tags = {tag["name"]: tag for tag in spec.get("tags", [])}
    return [(tags.get(name, {"name": name}), ops) for name, ops in by_tag.items() if ops]


@bp.route("/docs")
def docs():
    """The API reference: conventions, every operation with its parameters, and the schemas."""
    spec = document(current_app)
    return render_template(
        "api/docs.html", spec=spec, groups=_operations(spec),
        schemas=sorted(spec["components"]["schemas"].items()),
        describe=describe, constraints=constraints, inline=inline,
        markdown=lambda text: render_markdown(text or ""),
        base=spec["servers"][0]["url"])
