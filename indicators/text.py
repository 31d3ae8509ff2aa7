"""Text is text: strings from a link or a data file, made safe to show.

Streamlit renders markdown in titles, headers, captions, alerts and ``st.markdown``; plotly
renders a small HTML subset (``<b>``, ``<br>``, ``<a href>``) in titles, labels and hover
text. Anything that came from the URL or from a data file goes through one of these helpers
on its way there, so that it is shown literally: no heading, list, emphasis, link or tag.
"""

from __future__ import annotations

import html
import re

#: Markdown (and Streamlit directive/maths) characters escaped wherever they appear.
_MARKDOWN = re.compile(r"([\\`*_\[\]<>#~$|{}&])")
#: A colon followed by a name starts a Streamlit directive, emoji or icon code (``:red[..]``,
#: ``:smile:``, ``:material/home:``); one before a space, or in a URL scheme (``https://``),
#: is left alone, so sentences and published source links read as they are.
_COLON = re.compile(r":(?!//)(?=[\w\[/+-])")
#: What would start a list, quote or numbered item at the beginning of the text.
_LEADING = re.compile(r"^(\d*)([-+=>.)])")
_SAFE_SCHEMES = ("http://", "https://")
#: A plain web address, kept as it is so that it still reads (and links) as an address.
_PLAIN_URL = re.compile(r"^https?://[A-Za-z0-9.\-_/?#=&%+,;@!]+$")


def one_line(value: object) -> str:
    """``value`` as text on one line (newlines and runs of spaces become one space)."""
    return " ".join(str(value).split())


def escape_markdown(value: object) -> str:
    """``value`` as Streamlit markdown that renders exactly as the text it is.

    Newlines are folded to spaces (so no heading, list or table can start), and every
    character markdown, HTML or Streamlit directives would read is backslash-escaped.
    """
    words = []
    for word in one_line(value).split(" "):
        if _PLAIN_URL.match(word):
            words.append(word)
        else:
            words.append(_COLON.sub(r"\\:", _MARKDOWN.sub(r"\\\1", word)))
    text = " ".join(words)
    return _LEADING.sub(r"\1\\\2", text)


def escape_plotly(value: object) -> str:
    """``value`` for a plotly title, label or hover text: tags shown, not obeyed."""
    return html.escape(one_line(value), quote=False)


def safe_url(value: object) -> str:
    """``value`` if it is an http(s) address, else ``""`` (never a ``javascript:`` link)."""
    text = str(value).strip()
    return text if text.lower().startswith(_SAFE_SCHEMES) else ""
