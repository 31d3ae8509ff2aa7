"""Text is text: hostile strings render literally in markdown and in plotly labels."""

from __future__ import annotations

import re

import pytest
from markdown_it import MarkdownIt

from indicators.text import escape_markdown, escape_plotly, safe_url

HOSTILE = [
    "# Heading",
    "line one\n# heading on line two\n- a list item\n1. numbered",
    "[click me](javascript:alert(1))",
    "![image](http://evil.example/x.png)",
    "<script>alert(1)</script><b>bold</b>",
    "**strong** _em_ *em* ~~gone~~ `code`",
    ":red[coloured] :material/home: :smile:",
    "$x^2$ and | a | table |",
    "> a quote",
    "+ plus list",
    "1) numbered",
    "\\*escaped already\\*",
    "&lt;b&gt;entity&lt;/b&gt;",
]
_TAGS = re.compile(r"<(?!/?p>)[^>]+>")


def _render(markdown: str) -> str:
    return MarkdownIt("commonmark").enable(["table", "strikethrough"]).render(markdown)


def _text_of(rendered: str) -> str:
    """The visible text of rendered HTML (only <p> is expected around it)."""
    import html

    return html.unescape(re.sub(r"</?p>\n?", "", rendered)).strip()


@pytest.mark.parametrize("hostile", HOSTILE)
def test_markdown_renders_the_text_literally(hostile):
    rendered = _render(escape_markdown(hostile))
    assert not _TAGS.search(rendered), rendered  # no heading, list, link, emphasis, code, image
    assert _text_of(rendered) == " ".join(hostile.split())


@pytest.mark.parametrize("hostile", HOSTILE)
def test_markdown_escaped_inside_a_sentence_stays_text(hostile):
    rendered = _render(f"The area {escape_markdown(hostile)} has no data.")
    assert not _TAGS.search(rendered), rendered


def test_streamlit_directives_are_escaped_and_sentences_are_not():
    # Streamlit reads ":name[...]" as a directive; a colon before a space is just a colon.
    assert escape_markdown(":red[x] and :material/home:") == "\\:red\\[x\\] and \\:material/home:"
    assert escape_markdown("Not compared with England: no counts") == (
        "Not compared with England: no counts"
    )


def test_plain_web_addresses_are_left_readable():
    text = "Source: https://www.gov.uk/government/statistics/eyfsp_2024 (DfE)."
    assert "https://www.gov.uk/government/statistics/eyfsp_2024" in escape_markdown(text)


def test_plain_names_are_unchanged():
    for name in ("St. Helens", "Bristol, City of", "Kingston upon Hull, City of", "2024/25"):
        assert escape_markdown(name) == name


def test_plotly_text_shows_tags_instead_of_obeying_them():
    assert escape_plotly("<b>x</b>\n<a href='javascript:alert(1)'>y</a>") == (
        "&lt;b&gt;x&lt;/b&gt; &lt;a href='javascript:alert(1)'&gt;y&lt;/a&gt;"
    )


def test_only_web_addresses_are_links():
    assert safe_url("https://www.gov.uk/x") == "https://www.gov.uk/x"
    assert safe_url("javascript:alert(1)") == ""
    assert safe_url(" JavaScript:alert(1)") == ""
    assert safe_url("data:text/html,<b>x</b>") == ""
    assert (
        safe_url("https://a.gov.uk/x ; https://b.org/y") == "https://a.gov.uk/x ; https://b.org/y"
    )


def test_escape_markdown_makes_names_inert():
    text = escape_markdown("*A* [x](y) :red[z] $1")
    assert text == "\\*A\\* \\[x\\](y) \\:red\\[z\\] \\$1"
    assert escape_markdown("1. Area") == "1\\. Area"
    assert escape_markdown("- Area") == "\\- Area"
    assert escape_markdown("In 2024/25, 70.5% (x).") == "In 2024/25, 70.5% (x)."
