"""The records of a briefing: its sessions with their speakers lists and minutes, and the
compiled minutes as a page and as a PDF."""
from flask import Response, g, render_template

from ..i18n import current_language, text_direction
from ..markup import render_markdown
from ..services import minutes as minutes_service
from ..services import speakers as speakers_service
from . import bp


@bp.route("/")
def index():
    """The briefing's sessions in programme order, each with its speakers list and minutes."""
    sessions = g.briefing.sessions
    ids = [s.id for s in sessions]
    return render_template(
        "secretariat/index.html", sessions=sessions,
        minutes=minutes_service.minutes_by_session(ids),
        interventions=speakers_service.intervention_counts(ids))


def _compiled() -> list[tuple]:
    return [(session, minutes, render_markdown(minutes.body, heading_shift=2) if minutes else None)
            for session, minutes in minutes_service.compiled(g.briefing)]


@bp.route("/minutes")
def compiled_minutes():
    """Every session's minutes in programme order, on one page."""
    return render_template("secretariat/compiled.html", records=_compiled())


def _refuse_fetch(url: str, *args, **kwargs):
    # The PDF is made from our own HTML only: nothing is fetched from disk or the network.
    raise ValueError(f"external resource refused: {url[:80]}")


@bp.route("/minutes.pdf")
def compiled_minutes_pdf():
    """The compiled minutes as a PDF, laid out right to left for an Arabic page."""
    from weasyprint import HTML  # slow to import: only when a PDF is asked for

    html = render_template("secretariat/compiled_pdf.html", records=_compiled(),
                           pdf_lang=current_language(), pdf_dir=text_direction())
    pdf = HTML(string=html, url_fetcher=_refuse_fetch).write_pdf()
    filename = f"{g.briefing.slug}-minutes.pdf"
    return Response(pdf, mimetype="application/pdf",
                    headers={"Content-Disposition": f'inline; filename="{filename}"',
                             "Content-Language": current_language()})

