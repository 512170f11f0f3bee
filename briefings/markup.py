"""Markdown written by staff, rendered to HTML that is safe to show to anyone."""
import html
import re
from functools import cache

import nh3
from markdown_it import MarkdownIt
from markupsafe import Markup

# What Markdown produces, and nothing that runs or loads: no script, style, img or iframe.
ALLOWED_TAGS = {
    "p", "br", "hr", "h1", "h2", "h3", "h4", "h5", "h6", "strong", "em", "b", "i", "s", "del",
    "code", "pre", "blockquote", "ul", "ol", "li", "a", "abbr", "sup", "sub",
    "table", "thead", "tbody", "tr", "th", "td",
}
ALLOWED_ATTRIBUTES = {
    "a": {"href", "title"},
    "abbr": {"title"},
    "ol": {"start"},
    "th": {"style"},
    "td": {"style"},
}
URL_SCHEMES = {"http", "https", "mailto"}
# Removed together with their text, which would otherwise show as stray code.
DROPPED_WITH_CONTENT = {"script", "style", "template", "iframe", "object", "noscript"}


@cache
def _parser() -> MarkdownIt:
    return MarkdownIt("commonmark", {"html": True}).enable(["table", "strikethrough"])


def _shift_headings(tokens, shift: int) -> None:
    # A summary's "# Heading" must not outrank the page's own headings.
    for token in tokens:
        if token.type in ("heading_open", "heading_close"):
            level = min(int(token.tag[1]) + shift, 6)
            token.tag = f"h{level}"


def sanitize_html(fragment: str) -> str:
    """Keep only the allowlisted tags and attributes of an HTML fragment."""
    return nh3.clean(
        fragment,
        tags=ALLOWED_TAGS,
        clean_content_tags=DROPPED_WITH_CONTENT,
        attributes=ALLOWED_ATTRIBUTES,
        filter_style_properties={"text-align"},
        url_schemes=URL_SCHEMES,
        link_rel="noopener noreferrer nofollow",
    )


def render_markdown(text: str | None, *, heading_shift: int = 0) -> Markup:
    """Markdown as sanitized HTML, ready for a template.

    ``heading_shift`` demotes headings (1 turns "#" into ``<h2>``) so the text fits
    under the headings of the page that shows it.
    """
    if not text:
        return Markup("")
    parser = _parser()
    tokens = parser.parse(text)
    if heading_shift:
        _shift_headings(tokens, heading_shift)
    rendered = parser.renderer.render(tokens, parser.options, {})
    return Markup(sanitize_html(rendered))  # nosec B704: nh3 has just sanitized it


def plain_text(text: str | None) -> str:
    """The words of a Markdown text without any markup, on one line."""
    if not text:
        return ""
    without_tags = nh3.clean(render_markdown(text), tags=set())
    return re.sub(r"\s+", " ", html.unescape(without_tags)).strip()


def excerpt(text: str | None, limit: int = 220) -> str:
    """The start of a Markdown text as plain text, cut at a word and marked with "…"."""
    words = plain_text(text)
    if len(words) <= limit:
        return words
    cut = words[:limit].rsplit(" ", 1)[0].rstrip(" ,;:.-–—")
    return f"{cut}…"
