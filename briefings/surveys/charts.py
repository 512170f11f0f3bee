"""A bar chart per survey question, drawn as SVG by pygal, and the table of the same counts.

pygal writes a script into every SVG: an XML filter takes it out (no script
runs on our pages); the counts are printed on the bars instead of tooltips.
"""
from flask_babel import gettext as _

from ..i18n import format_number
from ..services.survey_results import QuestionResult

FONTS = 'system-ui, "Segoe UI", Roboto, "DejaVu Sans", "Noto Naskh Arabic", sans-serif'
BAR_HEIGHT = 34


def _strip_scripts(root):
    for parent in root.iter():
        for child in list(parent):
            if isinstance(child.tag, str) and child.tag.rsplit("}", 1)[-1] == "script":
                parent.remove(child)
    return root


def _label_for(title: str):
    def apply(root):
        root.set("role", "img")
        root.set("aria-label", title)
        return root
    return apply


def count(value) -> str:
    return format_number(value or 0)


def percent(value) -> str:
    return format_number(value, "#,##0.0") + "\u00a0%"


def chart_rows(result: QuestionResult) -> list[tuple[str, str, str]]:
    """The table that goes with a chart: (rating or option, answers, share)."""
    total = sum(n for _label, n in result.counts)
    return [(label, count(n), percent(round(100 * n / total, 1) if total else 0.0))
            for label, n in result.counts]


def question_svg(result: QuestionResult, title: str) -> str:
    """Horizontal bars, one per rating or option, the first at the top."""
    import pygal  # only where a chart is drawn: the pages never need it (memory)
    from pygal.style import Style

    labels = [label for label, _n in result.counts]
    values = [n for _label, n in result.counts]
    style = Style(font_family=FONTS, background="transparent", plot_background="transparent",
                  colors=("#0d6efd",), label_font_size=14, major_label_font_size=14,
                  value_font_size=14, no_data_font_size=18)
    chart = pygal.HorizontalBar(
        js=[], disable_xml_declaration=True, style=style, width=760,
        height=90 + BAR_HEIGHT * max(1, len(labels)), show_legend=False, print_values=True,
        value_formatter=count, truncate_label=40, show_x_labels=False, margin=10,
        no_data_text=_("No answers yet"))
    chart.add_xml_filter(_strip_scripts)
    chart.add_xml_filter(_label_for(title))
    chart.x_labels = list(reversed(labels))  # pygal draws the first label at the bottom
    chart.add(_("Answers"), list(reversed(values)) if any(values) else [])
    return chart.render(is_unicode=True)
