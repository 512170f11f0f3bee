"""Markdown written by staff becomes safe HTML."""
from markupsafe import Markup

from briefings.markup import excerpt, plain_text, render_markdown


def test_markdown_is_rendered():
    html = render_markdown("# Key messages\n\nSome **bold** and *italic* text.\n\n- one\n- two\n\n"
                           "[IOM](https://www.iom.int)")
    assert isinstance(html, Markup)
    assert "<h1>Key messages</h1>" in html
    assert "<strong>bold</strong>" in html and "<em>italic</em>" in html
    assert "<li>one</li>" in html
    assert 'href="https://www.iom.int"' in html
    assert 'rel="noopener noreferrer nofollow"' in html


def test_script_and_its_content_are_removed():
    html = render_markdown("Hello\n\n<script>alert('owned')</script>\n\n<style>body{}</style>")
    assert "<script" not in html and "alert" not in html
    assert "<style" not in html
    assert "Hello" in html


def test_event_handlers_and_javascript_links_are_removed():
    html = render_markdown('<img src="x" onerror="alert(1)">\n\n'
                           '<a href="javascript:alert(2)" onclick="alert(3)">click</a>\n\n'
                           "[md link](javascript:alert(4))")
    assert "onerror" not in html and "onclick" not in html
    assert "href" not in html  # neither link survives as a link
    assert "<a" in html and "click" in html
    assert "<img" not in html


def test_allowed_html_is_kept_and_attributes_are_filtered():
    html = render_markdown('<b class="x" style="color:red">kept</b>')
    assert html.strip() == "<p><b>kept</b></p>"


def test_tables_keep_only_their_alignment():
    html = render_markdown("| a | b |\n|:--|--:|\n| 1 | 2 |")
    assert '<th style="text-align:left">a</th>' in html
    assert '<td style="text-align:right">2</td>' in html


def test_headings_can_be_demoted_to_fit_the_page():
    html = render_markdown("# Top\n\n###### Bottom", heading_shift=2)
    assert "<h3>Top</h3>" in html
    assert "<h6>Bottom</h6>" in html


def test_empty_text_renders_nothing():
    assert render_markdown("") == "" and render_markdown(None) == ""


def test_plain_text_drops_markup_and_decodes_entities():
    assert plain_text("# Title\n\nFish & **chips** <script>x()</script>") == "Title Fish & chips"


def test_excerpt_cuts_at_a_word():
    text = "The Progress Declaration was adopted by 110 countries at the end of the Forum."
    assert excerpt(text, 200) == text
    short = excerpt(text, 30)
    assert short == "The Progress Declaration was…"
    assert len(short) <= 31
