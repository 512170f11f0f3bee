"""Line-by-line differences between two texts, shown as an accessible table.

Each changed line says in words whether it was added or removed, so the
difference never rests on colour alone; long unchanged stretches fold into
one row that says how many lines they hold.
"""
import difflib
from dataclasses import dataclass

from flask_babel import gettext as _
from flask_babel import ngettext, pgettext
from markupsafe import Markup, escape

CONTEXT = 3  # unchanged lines kept around each change


@dataclass(frozen=True)
class DiffLine:
    """One row of a diff: ``kind`` is "same", "added", "removed" or "skipped"."""

    kind: str
    text: str = ""
    old_number: int | None = None
    new_number: int | None = None
    skipped: int = 0


def _lines(text: str | None) -> list[str]:
    text = (text or "").replace("\r\n", "\n").replace("\r", "\n")
    return text.removesuffix("\n").split("\n")


def line_diff(old: str | None, new: str | None, context: int = CONTEXT) -> list[DiffLine]:
    """The rows that turn ``old`` into ``new``, unchanged runs folded beyond ``context`` lines."""
    a, b = _lines(old), _lines(new)
    rows: list[DiffLine] = []
    matcher = difflib.SequenceMatcher(a=a, b=b, autojunk=False)
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            rows.extend(_fold([DiffLine("same", a[i], i + 1, j1 + i - i1 + 1)
                               for i in range(i1, i2)], context,
                              first=i1 == j1 == 0, last=(i2, j2) == (len(a), len(b))))
            continue
        rows.extend(DiffLine("removed", a[i], old_number=i + 1) for i in range(i1, i2))
        rows.extend(DiffLine("added", b[j], new_number=j + 1) for j in range(j1, j2))
    return rows


def _fold(same: list[DiffLine], context: int, *, first: bool, last: bool) -> list[DiffLine]:
    """Keep ``context`` lines next to changes; one "skipped" row stands for the rest."""
    keep_before = 0 if first else context
    keep_after = 0 if last else context
    if len(same) <= keep_before + keep_after + 1:
        return same
    head = same[:keep_before]
    tail = same[len(same) - keep_after:] if keep_after else []
    hidden = len(same) - len(head) - len(tail)
    return head + [DiffLine("skipped", skipped=hidden)] + tail


def is_unchanged(rows: list[DiffLine]) -> bool:
    """True when the diff holds no added or removed line."""
    return all(row.kind in ("same", "skipped") for row in rows)


def render_diff(old: str | None, new: str | None, *, old_label: str, new_label: str) -> Markup:
    """The difference from ``old`` to ``new`` as an HTML table, ready for a template."""
    rows = line_diff(old, new)
    if is_unchanged(rows):
        return Markup('<p class="diff-none">{}</p>').format(_("The two texts are identical."))
    words = {"added": _("Added"), "removed": _("Removed"), "same": _("Unchanged")}
    signs = {"added": "+", "removed": "−", "same": ""}
    styles = {"added": "table-success", "removed": "table-danger", "same": ""}
    added = sum(row.kind == "added" for row in rows)
    removed = sum(row.kind == "removed" for row in rows)
    parts = [
        Markup('<div class="table-responsive diff"><table class="table table-sm diff-table">'),
        Markup("<caption>{}</caption>").format(
            _("Changes from %(old)s to %(new)s: %(added)s, %(removed)s.", old=old_label,
              new=new_label,
              added=ngettext("%(num)d line added", "%(num)d lines added", added),
              removed=ngettext("%(num)d line removed", "%(num)d lines removed", removed))),
        Markup('<thead><tr><th scope="col">{}</th><th scope="col">{}</th>'
               '<th scope="col">{}</th><th scope="col">{}</th></tr></thead><tbody>').format(
            _("Line in %(label)s", label=old_label), _("Line in %(label)s", label=new_label),
            pgettext("column: kind of change", "Change"), _("Text")),
    ]
    for row in rows:
        if row.kind == "skipped":
            parts.append(Markup('<tr class="diff-skipped"><td colspan="4" '
                                'class="text-body-secondary fst-italic">{}</td></tr>').format(
                ngettext("… %(num)d unchanged line …", "… %(num)d unchanged lines …",
                         row.skipped)))
            continue
        tag = {"added": "ins", "removed": "del"}.get(row.kind)  # never input: safe as Markup
        text = escape(row.text) if row.text else Markup("&nbsp;")
        cell = Markup("<{0}>{1}</{0}>").format(Markup(tag), text) if tag else text  # nosec B704
        parts.append(Markup(
            '<tr class="diff-{kind} {style}"><td class="text-end font-monospace">{old}</td>'
            '<td class="text-end font-monospace">{new}</td>'
            '<td class="text-nowrap"><span aria-hidden="true">{sign} </span>{word}</td>'
            '<td class="diff-text"><span class="font-monospace text-break" dir="auto">{cell}</span></td></tr>'
        ).format(kind=row.kind, style=styles[row.kind], old=row.old_number or "",
                 new=row.new_number or "", sign=signs[row.kind], word=words[row.kind],
                 cell=cell))
    parts.append(Markup("</tbody></table></div>"))
    return Markup("").join(parts)
