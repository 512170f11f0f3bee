"""The dashboard's charts: SVG drawn by pygal, each with a data table made from the same numbers.

A chart and its table are built from the same lists, and the chart's printed
values use the table's formatter, so the two cannot disagree. The page shows
the tables and an ``<img>`` per chart; the SVG is drawn by its own request
(the page's security policy allows no inline styles, an SVG image may have
them). pygal writes a script into every SVG: an XML filter takes it out, and
none is needed, the values being printed on the bars.
"""
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime, time
from zoneinfo import ZoneInfo

from babel import Locale
from babel.dates import format_skeleton
from flask_babel import gettext as _
from flask_babel import pgettext

from ..countries import country_name
from ..i18n import current_language, format_number, format_short_date
from ..labels import enum_label
from ..participants.display import GENDER_LABELS
from ..services.badges import HEX_COLOUR
from ..services.dashboard import Dashboard

FONTS = 'system-ui, "Segoe UI", Roboto, "DejaVu Sans", "Noto Naskh Arabic", sans-serif'
PALETTE = ("#0d6efd", "#6f42c1", "#198754", "#fd7e14", "#20c997", "#d63384", "#0dcaf0",
           "#6c757d", "#ffc107", "#dc3545")
NO_GROUP_COLOUR = "#adb5bd"
MAX_COUNTRIES = 14  # the chart shows the largest ones; the rest are added up as "other countries"
BAR_HEIGHT = 32
BIDI_MARKS = re.compile("[\u200e\u200f\u061c]")


@dataclass
class Chart:
    """One chart with its table: ``rows`` hold the table's cells, first the row's label."""

    key: str
    title: str
    draw: Callable[[], str]  # the SVG document
    columns: list[str]
    rows: list[list[str]]
    note: str = ""
    flagged: set[int] = field(default_factory=set)  # indexes of rows to highlight

    @property
    def endpoint(self) -> str:
        """The endpoint that serves this chart's SVG."""
        return "reports.chart_" + self.key.replace("-", "_")


def integer(value) -> str:
    """A count as the page's language writes it."""
    return format_number(value)


def share(value) -> str:
    """A percentage to one decimal, as the page's language writes it."""
    return format_number(value, "#,##0.0") + "\u00a0%"


def signed(value) -> str:
    """A difference in percentage points, with its sign."""
    text = format_number(abs(value), "#,##0.0")
    return ("+" if value > 0 else "−" if value < 0 else "") + text


def _no_scripts(root):
    """pygal's XML filter: drop the script elements (the config it writes for its own JS)."""
    for parent in root.iter():
        for child in list(parent):
            if isinstance(child.tag, str) and child.tag.rsplit("}", 1)[-1] == "script":
                parent.remove(child)
    return root


def _accessible(title: str):
    def apply(root):
        root.set("role", "img")
        root.set("aria-label", title)
        root.set("class", (root.get("class") or "") + " dashboard-chart")
        return root
    return apply


def _style():
    from pygal.style import Style

    return Style(font_family=FONTS, background="transparent", plot_background="transparent",
                 colors=PALETTE, label_font_size=14, major_label_font_size=14,
                 value_font_size=14, legend_font_size=14, title_font_size=16,
                 no_data_font_size=20, opacity=".85", opacity_hover=".95")


def _config(**options) -> dict:
    settings = dict(js=[], style=_style(), width=640, margin=12, no_data_text=_("No data yet"))
    settings.update(options)
    return settings


def _render(chart, title: str) -> str:
    chart.add_xml_filter(_no_scripts)
    chart.add_xml_filter(_accessible(title))
    return chart.render(is_unicode=True)


# Printed values start just past the end of their bar, rather than straddling it.
BAR_VALUES_CSS = ("inline:.text-overlay text.value "
                  "{ text-anchor: start; transform: translateX(6px); }")


def bar_chart(title: str, labels: list[str], series: list[tuple[str, list, list | None]],
              formatter) -> str:
    """Horizontal bars, the first label at the top; ``series``: (name, values, colours or None)."""
    import pygal  # loaded by the worker that draws a chart: pages never need it (memory)

    largest = max((v for _name, values, _c in series for v in values if v is not None), default=0)
    chart = pygal.HorizontalBar(**_config(
        height=110 + BAR_HEIGHT * max(1, len(labels)) * len(series),
        show_legend=len(series) > 1, legend_at_bottom=True, print_values=True,
        print_values_position="top", value_formatter=formatter, truncate_label=30,
        show_x_labels=False, range=(0, (largest or 1) * 1.2),
        css=[*pygal.Config().css, BAR_VALUES_CSS]))
    chart.x_labels = list(reversed(labels))  # pygal draws the first label at the bottom
    for name, values, colours in series:
        points = [{"value": v, "color": c} for v, c in zip(values, colours)] if colours else values
        chart.add(name, list(reversed(points)))
    return _render(chart, title)


def line_chart(title: str, labels: list[str], values: list[int], name: str) -> str:
    """A line over time from zero: a point per label."""
    import pygal

    style = _style()
    style.opacity = ".45"
    chart = pygal.Line(**_config(
        height=360, show_legend=False, value_formatter=integer, fill=True,
        include_x_axis=True, show_minor_x_labels=False, x_labels_major_count=8,
        x_label_rotation=30, show_dots=len(values) <= 60, dots_size=3, truncate_label=-1,
        margin_right=50, style=style))
    chart.x_labels = labels
    chart.add(name, values)
    return _render(chart, title)


def group_label(group, lang: str) -> str:
    return group.label(lang) if group else _("No group given")


def _group_colour(group) -> str:
    return group.color if group and HEX_COLOUR.match(group.color or "") else NO_GROUP_COLOUR


def _active_note() -> str:
    return _("Counting active registrations: pending, confirmed and waitlisted.")


def over_time(board: Dashboard, tz: str, lang: str) -> Chart:
    """Registrations so far, day by day."""
    zone = ZoneInfo(tz)
    labels = [format_short_date(datetime.combine(d.day, time(12), zone), zone) for d in board.days]
    # The axis of the image is left to right: short dates without the marks that order an
    # Arabic date (they would scramble it there).
    years = {d.day.year for d in board.days}
    skeleton = "MMMd" if len(years) <= 1 else "yMMMd"
    axis = [BIDI_MARKS.sub("", format_skeleton(skeleton, d.day, locale=lang)) for d in board.days]
    title = _("Registrations over time")
    totals = [d.total for d in board.days]
    return Chart("over-time", title,
                 lambda: line_chart(title, axis, totals, _("Registrations so far")),
                 [_("Day"), _("New registrations"), _("Registrations so far")],
                 [[label, integer(d.new), integer(d.total)]
                  for label, d in zip(labels, board.days)],
                 note=_("Every status counts; days in the briefing's timezone (%(zone)s).",
                        zone=tz))


def _counts_chart(key: str, title: str, heading: str, labels: list[str], counts: list[int],
                  colours: list[str] | None = None, note: str = "") -> Chart:
    """A chart of counts, with each count's share of the total in the table."""
    total = sum(counts)
    rows = [[label, integer(n), share(round(100 * n / total, 1) if total else 0.0)]
            for label, n in zip(labels, counts)]
    return Chart(key, title,
                 lambda: bar_chart(title, labels, [(_("Registrations"), counts, colours)], integer),
                 [heading, _("Registrations"), _("Share")], rows, note=note)


def by_status(board: Dashboard, tz: str, lang: str) -> Chart:
    statuses = list(board.statuses.items())
    return _counts_chart("status", _("Registrations by status"), _("Status"),
                         [enum_label(s) for s, _n in statuses], [n for _s, n in statuses])


def by_group(board: Dashboard, tz: str, lang: str) -> Chart:
    """Shares of the active registrations against the organizer's targets."""
    title = _("Stakeholder balance")
    rows = board.groups
    labels = [group_label(row.group, lang) for row in rows]
    series = [(_("Actual share"), [row.share for row in rows],
               [_group_colour(row.group) for row in rows])]
    if any(row.target is not None for row in rows):
        series.append((_("Target"), [row.target for row in rows], None))
    table = []
    for label, row in zip(labels, rows):
        if row.target is None:
            verdict = ""
        elif row.imbalanced:
            verdict = _("Below target") if row.difference < 0 else _("Above target")
        else:
            verdict = _("On target")
        table.append([label, integer(row.count), share(row.share),
                      share(row.target) if row.target is not None else "—",
                      signed(row.difference) if row.difference is not None else "—", verdict])
    return Chart("groups", title, lambda: bar_chart(title, labels, series, share),
                 [_("Stakeholder group"), _("Registrations"), _("Actual share"), _("Target"),
                  _("Difference (points)"), _("Balance")], table,
                 note=_active_note(), flagged={i for i, row in enumerate(rows) if row.imbalanced})


def by_country(board: Dashboard, tz: str, lang: str) -> Chart:
    """The largest countries; the others added up as "other countries"."""
    named = [(code, n) for code, n in board.countries if code]
    missing = sum(n for code, n in board.countries if not code)
    shown = named[:MAX_COUNTRIES]
    labels = [country_name(code, lang) for code, _n in shown]
    counts = [n for _code, n in shown]
    if len(named) > MAX_COUNTRIES:
        labels.append(_("Other countries (%(num)d)", num=len(named) - MAX_COUNTRIES))
        counts.append(sum(n for _code, n in named[MAX_COUNTRIES:]))
    if missing:
        labels.append(_("Not given"))
        counts.append(missing)
    return _counts_chart("countries", _("Registrations by country"), _("Country"), labels,
                         counts, note=_active_note())


def every_country(board: Dashboard, lang: str) -> list[list[str]]:
    """Every country with its count, when the chart had to add some up (else empty)."""
    named = [(code, n) for code, n in board.countries if code]
    if len(named) <= MAX_COUNTRIES:
        return []
    return [[country_name(code, lang), integer(n)] for code, n in named]


def by_region(board: Dashboard, tz: str, lang: str) -> Chart:
    names = Locale.parse(lang).territories
    other = {"other": _("Other"), "": _("Not given")}
    regions = board.regions
    labels = [other.get(code) or names.get(code, code) for code, _n in regions]
    return _counts_chart("regions", _("Registrations by region"), _("Region"), labels,
                         [n for _code, n in regions],
                         note=_("Regions of the UN M49 standard.") + " " + _active_note())


def by_gender(board: Dashboard, tz: str, lang: str) -> Chart:
    labels = [str(GENDER_LABELS[g]) if g else _("Not given") for g, _n in board.genders]
    return _counts_chart("genders", _("Registrations by gender"), _("Gender"), labels,
                         [n for _g, n in board.genders], note=_active_note())


def check_in_rate(board: Dashboard, tz: str, lang: str) -> Chart:
    title = _("Check-in rate by stakeholder group")
    rows = board.check_ins
    labels = [group_label(row.group, lang) for row in rows]
    rates = [row.rate for row in rows]
    colours = [_group_colour(row.group) for row in rows]
    table = [[label, integer(row.arrived), integer(row.confirmed), share(row.rate)]
             for label, row in zip(labels, rows)]
    return Chart("check-in", title,
                 lambda: bar_chart(title, labels, [(_("Checked in"), rates, colours)], share),
                 [_("Stakeholder group"), _("Arrived"),
                  pgettext("number of confirmed registrations", "Confirmed"), _("Checked in")],
                 table, note=_("Share of confirmed registrations who have arrived."))


def _minutes(value) -> str:
    return format_number(value, "#,##0.0")


def speaking_time(board: Dashboard, tz: str, lang: str) -> Chart:
    title = _("Speaking time by stakeholder group")
    rows = board.speaking
    labels = [group_label(row.group, lang) for row in rows]
    minutes = [row.minutes for row in rows]
    colours = [_group_colour(row.group) for row in rows]
    table = [[label, integer(row.interventions), _minutes(row.minutes)]
             for label, row in zip(labels, rows)]
    return Chart("speaking", title,
                 lambda: bar_chart(title, labels, [(_("Minutes"), minutes, colours)], _minutes),
                 [_("Stakeholder group"), _("Interventions"), _("Minutes")], table,
                 note=_("From the speakers lists: interventions with a start and an end time."))


# Each chart: the parts of the dashboard it needs, and its builder (in the page's order).
CHARTS = {
    "over-time": (("days",), over_time),
    "status": (("statuses",), by_status),
    "groups": (("groups",), by_group),
    "countries": (("countries",), by_country),
    "regions": (("countries",), by_region),
    "genders": (("genders",), by_gender),
    "check-in": (("check_ins",), check_in_rate),
    "speaking": (("speaking",), speaking_time),
}


def build(key: str, board: Dashboard, tz: str) -> Chart:
    """The chart ``key`` of ``board`` (which must hold the parts it needs)."""
    return CHARTS[key][1](board, tz, current_language())


def build_all(board: Dashboard, tz: str) -> dict[str, Chart]:
    """Every chart of the dashboard, keyed as in CHARTS."""
    return {key: build(key, board, tz) for key in CHARTS}
