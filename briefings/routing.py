"""Numbers read from addresses and query strings, kept to what the databases can store.

A path id past the largest integer column names nothing: SQLite cannot even bind
it and PostgreSQL refuses it, so without a bound such an address failed with an
error instead of "not found". Query-string numbers go through ``whole_number``:
only ASCII digits count (``"²".isdigit()`` is true, yet ``int("²")`` fails).
"""
from flask import request
from werkzeug.routing import IntegerConverter

MAX_ID = 2**31 - 1  # the largest value of an INTEGER column in PostgreSQL
MAX_PAGE = 10**6  # far past the last page of any list; offsets stay small numbers


class IdConverter(IntegerConverter):
    """``<int:...>`` in every route: at most ``MAX_ID``, so a larger id is a plain 404."""

    def __init__(self, map, fixed_digits=0, min=None, max=MAX_ID, signed=False):  # noqa: A002
        super().__init__(map, fixed_digits=fixed_digits, min=min, max=max, signed=signed)


def whole_number(raw, *, maximum: int = MAX_ID) -> int | None:
    """``raw`` as a whole number from 0 to ``maximum``, or None if it is anything else."""
    text = str(raw if raw is not None else "").strip()
    if not text or not text.isascii() or not text.isdigit() or len(text) > len(str(maximum)):
        return None
    value = int(text)
    return value if value <= maximum else None


def requested_page() -> int:
    """The page the query string asks for (``?page=``); 1 when it names none understandably."""
    value = whole_number(request.args.get("page"), maximum=MAX_PAGE)
    return value if value else 1
