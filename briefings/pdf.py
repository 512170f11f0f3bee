"""PDF files from HTML, rendered by WeasyPrint.

Pango shapes the text, so Arabic comes out joined and right to left when the
document says ``dir="rtl"``; the fonts are DejaVu Sans (Latin) and Noto Naskh
Arabic, installed on the system. Nothing is fetched while rendering: the HTML
must carry its own styles, and any outside resource it names is refused.
"""
import logging

# WeasyPrint and fontTools are chatty about fonts at INFO level.
for _name in ("weasyprint", "fontTools"):
    logging.getLogger(_name).setLevel(logging.ERROR)

LATIN_FONTS = '"DejaVu Sans", "Noto Naskh Arabic", sans-serif'
ARABIC_FONTS = '"Noto Naskh Arabic", "DejaVu Sans", sans-serif'


def render_pdf(html: str) -> bytes:
    """The PDF for an HTML document (a string with its own ``<style>``)."""
    from weasyprint import HTML  # slow to import: only when a PDF is wanted
    from weasyprint.urls import URLFetcher

    # No protocol allowed: links stay links, but nothing is downloaded or read from disk.
    return HTML(string=html, url_fetcher=URLFetcher(allowed_protocols=())).write_pdf()


def font_family(language: str) -> str:
    """The CSS font stack for a document in ``language``."""
    return ARABIC_FONTS if language == "ar" else LATIN_FONTS
