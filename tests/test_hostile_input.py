"""Hostile input: random and malicious data posted to every form and sent to every page's query.

Whatever arrives — long strings, bidi marks, NUL, HTML, SQL and spreadsheet
formulas, wrong types, missing fields — the answer is never a 500, and
nothing saved comes back as live HTML: after the attack every page is read
again and checked for scripts, event handlers, script URLs and tags that only
an attacker would bring.

Each area of the site gets a fresh world and a bounded run (about 30
examples per form, 6 per page's query), derandomized so that the suite is
repeatable; the forms' own field names and choices are read from the pages.
"""
from html.parser import HTMLParser
from urllib.parse import urlsplit

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from werkzeug.exceptions import HTTPException

from .security_support import (
    build_world,
    client_for,
    live_markup,
    rules_to_walk,
    url_for_rule,
)

FORM_EXAMPLES = 30
QUERY_EXAMPLES = 6

PAYLOADS = [
    "<script>alert(1)</script>", '"><img src=x onerror=alert(1)>', "<xss-probe>x</xss-probe>",
    "<iframe src=//evil.example>", "javascript:alert(1)", "[link](javascript:alert(1))",
    "' OR '1'='1", "1; DROP TABLE registration; --", "%' OR 1=1 --",
    "=HYPERLINK(\"http://evil.example\",\"x\")", "+1+1", "-2+3", "@SUM(A1)",
    "\x00", "a\x00b", "\u202eevil\u202c", "\u2066\u2067\u2068\u2069", "\ufeff", "\u200b",
    "𝕳𝖊𝖑𝖑𝖔 👋🏽 مرحبا", "{{ 7*7 }}", "${7*7}", "%s%s%n", "../../etc/passwd", "\r\nX-Evil: 1",
    "-1", "0", "99999999999999999999999", "1e309", "NaN", "3.5", "true", "None", "[]", "{}",
    "2024-02-30T25:61", "9999-12-31T23:59", "0001-01-01T00:00", " ", "",
    "A" * 5000, "é" * 300,
]

text_values = st.one_of(
    st.sampled_from(PAYLOADS),
    st.text(max_size=60),
    st.text(alphabet=st.characters(codec="utf-8"), min_size=200, max_size=3000),
)

# Query keys the list pages understand, plus some they do not.
QUERY_KEYS = ["q", "page", "status", "group", "country", "session", "sort", "order", "lang",
              "type", "objective", "from", "to", "since", "format", "next", "view", "mode"]


class _Forms(HTMLParser):
    """The forms of a page: (action, method, {field: [offered values]}, {field: current value})."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.forms: list[tuple[str, str, dict[str, list[str]], dict[str, str]]] = []
        self._select = None
        self._textarea = None

    def handle_starttag(self, tag, attrs):
        a = {k: (v or "") for k, v in attrs}
        if tag == "form":
            self.forms.append((a.get("action", ""), a.get("method", "get").lower(), {}, {}))
            return
        if not self.forms:
            return
        _, _, offered, current = self.forms[-1]
        name = a.get("name")
        if tag in ("input", "textarea", "select", "button") and name and name != "csrf_token":
            values = offered.setdefault(name, [])
            if tag in ("input", "button") and a.get("value"):
                values.append(a["value"])
            kind = a.get("type", "text")
            if tag == "input" and kind not in ("checkbox", "radio", "submit") \
                    or kind in ("checkbox", "radio") and "checked" in a:
                current[name] = a.get("value", "on" if kind == "checkbox" else "")
            if tag == "select":
                self._select = name
            if tag == "textarea":
                self._textarea = name
                current[name] = ""
        elif tag == "option" and self._select:
            offered[self._select].append(a.get("value", ""))
            if "selected" in a or self._select not in current:
                current[self._select] = a.get("value", "")

    def handle_data(self, data):
        if self._textarea and self.forms:
            self.forms[-1][3][self._textarea] += data

    def handle_endtag(self, tag):
        if tag == "select":
            self._select = None
        if tag == "textarea":
            self._textarea = None


def _forms(html: str):
    parser = _Forms()
    parser.feed(html)
    return parser.forms


def _endpoint_of(app, path: str, method: str) -> str | None:
    try:
        endpoint, _ = app.url_map.bind("localhost").match(urlsplit(path).path, method=method)
    except HTTPException:
        return None
    return endpoint


def _area(endpoint: str) -> str:
    blueprint = endpoint.split(".", 1)[0]
    return {"public": "public", "published": "public", "registration": "public",
            "auth": "public", "static": "skip"}.get(blueprint, blueprint)


def _areas(app) -> list[str]:
    return sorted({_area(rule.endpoint) for rule in app.url_map.iter_rules()} - {"skip"})


AREAS = ["public", "organizer", "participants", "secretariat", "outcomes", "pledges", "admin",
         "other"]


def _in_area(app, endpoint: str, area: str) -> bool:
    mine = _area(endpoint)
    if area == "other":
        return mine not in AREAS and mine != "skip"
    return mine == area


def _short(data: dict) -> str:
    """The data of a failing request, long values cut, for a readable message."""
    return repr({key: (value[:80] + f"…({len(value)})" if isinstance(value, str)
                       and len(value) > 80 else value) for key, value in data.items()})


def _settings(examples: int):
    return settings(max_examples=examples, deadline=None, derandomize=True, database=None,
                    suppress_health_check=list(HealthCheck))


def _crawl(app, client, world, area):
    """GET every page of the area: the forms found, by the endpoint they post to."""
    fields: dict[str, dict[str, list[str]]] = {}
    for rule, methods in rules_to_walk(app):
        if "GET" not in methods or not _in_area(app, rule.endpoint, area) \
                or rule.rule.endswith((".pdf", ".csv", ".ics", ".json")):
            continue
        path = url_for_rule(rule, world)
        response = client.get(path)
        assert response.status_code != 500, path
        if response.mimetype != "text/html":
            continue
        for action, method, found, current in _forms(response.get_data(as_text=True)):
            if method != "post":
                continue
            endpoint = _endpoint_of(app, action or path, "POST")
            if endpoint:
                merged = fields.setdefault(endpoint, ({}, {}))
                for name, values in found.items():
                    merged[0].setdefault(name, [])
                    merged[0][name] += [v for v in values if v not in merged[0][name]]
                for name, value in current.items():
                    merged[1].setdefault(name, value)
    return fields


def _form_data(fields: dict[str, list[str]], current: dict[str, str]):
    """Either anything at all (fields left out, offered values, hostile text, sent twice),
    or the form as the page fills it in with one to three fields made hostile, which
    gets past validation often enough for hostile text to be saved."""
    def one(offered):
        choices = [text_values, st.lists(text_values, min_size=2, max_size=3)]
        if offered:
            choices.append(st.sampled_from(offered))
        return st.one_of(*choices)

    entries = {name: one(offered) for name, offered in fields.items()}
    anything = st.fixed_dictionaries({}, optional={**entries, "unexpected": text_values})
    if not current:
        return anything

    @st.composite
    def nearly_valid(draw):
        data = dict(current)
        for name in draw(st.lists(st.sampled_from(sorted(current)), min_size=1, max_size=3,
                                  unique=True)):
            data[name] = draw(text_values)
        return data

    return st.one_of(anything, nearly_valid(), nearly_valid())


def _check_pages(app, world, area):
    """After the attack: no page fails, none renders live markup from what was stored."""
    admin = client_for(app, world, "admin")
    problems = []
    for rule, methods in rules_to_walk(app):
        if "GET" not in methods or rule.endpoint == "static" \
                or rule.rule.endswith((".pdf", ".csv", ".ics", ".json")):
            continue
        path = url_for_rule(rule, world)
        staff_only = path.startswith(("/manage/", "/admin/", "/account/"))
        for client in (admin,) if staff_only else (admin, app.test_client()):
            response = client.get(path)
            assert response.status_code != 500, f"{path} fails after hostile input to {area}"
            if response.mimetype == "text/html":
                problems += [f"{path}: {found}" for found in
                             live_markup(response.get_data(as_text=True))]
    assert not problems, "\n".join(sorted(set(problems)))


@pytest.mark.parametrize("area", AREAS)
def test_hostile_posts_never_fail_nor_store_live_html(app, factory, area):
    world = build_world()
    client = client_for(app, world, "anonymous" if area == "public" else "admin")
    fields = _crawl(app, client, world, area)
    targets = [(rule, methods) for rule, methods in rules_to_walk(app)
               if "POST" in methods and _in_area(app, rule.endpoint, area)]
    # Those that take away what their URL names go last, so the others still find it.
    targets.sort(key=lambda item: any(word in item[0].rule for word in (
        "delete", "remove", "erase", "cancel", "status", "deactivate")))
    for rule, _ in targets:
        path = url_for_rule(rule, world)
        offered, current = fields.get(rule.endpoint, ({}, {}))

        @_settings(FORM_EXAMPLES if offered else 5)
        @given(data=_form_data(offered, current))
        def attack(data):
            response = client.post(path, data=data)
            assert response.status_code < 500, f"POST {path} {_short(data)}"

        attack()
    _check_pages(app, world, area)


@pytest.mark.parametrize("area", AREAS)
def test_hostile_query_strings_never_fail(app, factory, area):
    world = build_world()
    client = client_for(app, world, "anonymous" if area == "public" else "admin")
    for rule, methods in rules_to_walk(app):
        if "GET" not in methods or not _in_area(app, rule.endpoint, area) \
                or rule.rule.endswith(".pdf"):
            continue
        path = url_for_rule(rule, world)
        page = client.get(path)
        keys = list(QUERY_KEYS)
        if page.mimetype == "text/html":
            for _, method, found, _ in _forms(page.get_data(as_text=True)):
                if method == "get":
                    keys += [name for name in found if name not in keys]

        @_settings(QUERY_EXAMPLES)
        @given(query=st.dictionaries(st.sampled_from(keys), text_values, max_size=5))
        def probe(query):
            response = client.get(path, query_string=query)
            assert response.status_code < 500, f"GET {path} {_short(query)}"
            if response.mimetype == "text/html":
                found = live_markup(response.get_data(as_text=True))
                assert not found, f"GET {path} {_short(query)}: {found}"

        probe()


def test_every_area_is_attacked(app):
    """A new blueprint lands in "other" rather than nowhere."""
    assert set(_areas(app)) - set(AREAS) == {area for area in _areas(app)
                                             if _in_area(app, area + ".x", "other")}
