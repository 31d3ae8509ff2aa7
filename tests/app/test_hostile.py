"""Hostile links and hostile data strings are shown as text: no heading, list, link, tag or
emphasis comes from them, and the address bar keeps only known keys, once each."""

from __future__ import annotations

import csv
import hashlib
import html
import io
import json
import re
import shutil

import pytest
import streamlit as st
from markdown_it import MarkdownIt
from streamlit.testing.v1 import AppTest

from indicators import paths
from indicators.text import escape_markdown
from tests.app.conftest import APP, PAGE, PAGES, open_page

MARK = "zq"
HOSTILE = {
    "newlines and markdown": f"{MARK}\n# Heading\n- item\n1. numbered",
    "javascript link": f"{MARK} [click](javascript:alert(1))",
    "html": f"{MARK} <b>bold</b><script>alert(1)</script><img src=x onerror=alert(1)>",
    "emphasis and directives": f"{MARK} **strong** _em_ :red[x] $x$ `code`",
    "100 KB": f"{MARK} " + "A" * 100_000,
}
#: Tags that formatting injected by a link or a data string would produce.
_INJECTED = re.compile(r"<(a|h[1-6]|li|ol|ul|img|script|b|em|code|del|blockquote)[\s>]")


def _render(markdown: str) -> str:
    return MarkdownIt("commonmark").enable(["table", "strikethrough"]).render(markdown)


def _tags(rendered: str) -> list[str]:
    return re.findall(r"<(\w+)", rendered)


def _visible(rendered: str) -> str:
    return html.unescape(re.sub(r"<[^>]+>", "", rendered))


def _marked_elements(at: AppTest) -> list[str]:
    texts = []
    for kind in ("title", "header", "subheader", "markdown", "caption", "info", "warning", "error"):
        texts += [str(e.value) for e in at.get(kind) if MARK in str(e.value)]
    texts += [str(e.label) for e in at.expander if MARK in str(e.label)]
    return texts


def _assert_literal(at: AppTest, hostile: str, *, expect_shown: bool) -> None:
    marked = _marked_elements(at)
    if expect_shown:
        assert marked, "the hostile value is quoted somewhere on the page"
    literal = " ".join(hostile.split())[:40]
    for source in marked:
        rendered = _render(source)
        assert not _INJECTED.search(rendered), rendered[:300]
        assert "[click](" not in source, source[:300]  # Streamlit would draw this as a link
        assert literal in " ".join(_visible(rendered).split()), rendered[:300]


@pytest.mark.parametrize("name", list(HOSTILE))
@pytest.mark.parametrize("key", ["nation", "benchmark", "indicator", "colour"])
def test_hostile_link_values_are_quoted_literally(name, key):
    at = open_page(AppTest.from_file(APP, default_timeout=90), PAGES[0], **{key: HOSTILE[name]})
    assert not at.exception
    _assert_literal(at, HOSTILE[name], expect_shown=True)
    assert dict(at.query_params).get(key, "") != HOSTILE[name], "the value left the address bar"


@pytest.mark.parametrize("page", PAGES)
def test_repeated_and_unknown_keys_leave_the_address_bar(page):
    at = AppTest.from_file(APP, default_timeout=90)
    at.query_params["indicator"] = ["asq3_all_domains", "EYFSP_GLD"]
    at.query_params["area"] = ["e06000005", "e06000005"]
    at.query_params["utm_source"] = "newsletter"
    at.query_params["junk"] = HOSTILE["javascript link"]
    at = open_page(at, page)
    assert not at.exception
    params = {key: at.query_params[key] for key in at.query_params}
    assert "utm_source" not in params and "junk" not in params
    assert params["indicator"] == "eyfsp_gld"  # the last value, matched regardless of case
    assert params["area"] == "E06000005"
    assert all(isinstance(v, str) for v in params.values()), params


# --------------------------------------------------------------------------- hostile data
NAME = f"{MARK} Hartlepool\n# Heading [click](javascript:alert(1)) <b>bold</b> :red[x] *em*"
TITLE = f"{MARK} Source\n- item [click](javascript:alert(1)) <b>bold</b>"
SCRIPT_URL = "javascript:alert(document.cookie)"
TOPIC = f"{MARK} Topic # Heading <b>bold</b> [click](javascript:alert(1))"


def _rewrite(path, edit) -> None:
    with path.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.reader(handle))
    edit(rows)
    buffer = io.StringIO()
    csv.writer(buffer, lineterminator="\n").writerows(rows)
    path.write_text(buffer.getvalue(), encoding="utf-8", newline="")


def _set(rows, column, value, *, where):
    header = rows[0]
    for row in rows[1:]:
        if where(dict(zip(header, row, strict=False))):
            row[header.index(column)] = value


def _reseal(folder) -> None:
    """Record the edited files in the manifest, as a build that made them would."""

    def edit(rows):
        header = rows[0]
        for row in rows[1:]:
            path = folder / row[0]
            with path.open(encoding="utf-8", newline="") as handle:
                count = sum(1 for _ in csv.reader(handle)) - 1
            row[header.index("sha256")] = hashlib.sha256(path.read_bytes()).hexdigest()
            row[header.index("bytes")] = str(path.stat().st_size)
            row[header.index("rows")] = str(count)

    _rewrite(folder / paths.MANIFEST_FILE, edit)


@pytest.fixture(scope="module")
def hostile_data(tmp_path_factory):
    folder = tmp_path_factory.mktemp("hostile") / "data"
    shutil.copytree(paths.DATA_DIR, folder)
    hartlepool = lambda r: r.get("area_code") == "E06000001"  # noqa: E731
    first_id = next(csv.DictReader((folder / paths.SOURCES_FILE).open(encoding="utf-8")))["id"]
    first = lambda r: r["id"] == first_id  # noqa: E731
    _rewrite(
        folder / paths.AREAS_FILE, lambda rows: _set(rows, "area_name", NAME, where=hartlepool)
    )
    _rewrite(
        folder / paths.INDICATORS_FILE,
        lambda rows: _set(rows, "area_name", NAME, where=hartlepool),
    )
    _rewrite(
        folder / paths.SOURCES_FILE,
        lambda rows: _set(rows, "title", TITLE, where=lambda r: True),
    )
    _rewrite(folder / paths.SOURCES_FILE, lambda rows: _set(rows, "url", SCRIPT_URL, where=first))
    _rewrite(
        folder / paths.HEADLINE_FACTS_FILE,
        lambda rows: _set(rows, "topic", TOPIC, where=lambda r: r["topic"].startswith("CAMHS")),
    )
    _rewrite(
        folder / paths.HEADLINE_FACTS_FILE,
        lambda rows: _set(rows, "source_url", SCRIPT_URL, where=lambda r: True),
    )
    _reseal(folder)
    with pytest.MonkeyPatch.context() as monkeypatch:
        monkeypatch.setenv("EARLY_YEARS_DATA_DIR", str(folder))
        st.cache_resource.clear()
        yield folder
    st.cache_resource.clear()


@pytest.mark.parametrize("page", PAGES)
def test_hostile_data_strings_render_as_text(hostile_data, page):
    at = open_page(
        AppTest.from_file(APP, default_timeout=90),
        page,
        area="E06000001",
        indicator="eyfsp_gld",
        benchmark="region",
    )
    assert not at.exception, [e.value for e in at.exception]
    assert not [w for w in at.warning if "data check" in str(w.value)], "the data passes its check"
    marked = _marked_elements(at)
    for source in marked:
        # The page's own formatting (a list, bold) stays; the strings add none of their own.
        without = source
        for hostile in (NAME, TITLE, TOPIC):
            for variant in (hostile, hostile.translate(str.maketrans("[]", "()"))):
                without = without.replace(escape_markdown(variant), "PLACEHOLDER")
        assert _tags(_render(source)) == _tags(_render(without)), source[:400]
    # Captions show brackets as parentheses (pages/common.caption): compare without them.
    plain = str.maketrans("[]", "()")
    visible = " ".join(" ".join(_visible(_render(s)).split()) for s in marked).translate(plain)
    for hostile in (NAME, TITLE, TOPIC):
        literal = " ".join(hostile.split()).translate(plain)
        if literal.split(" ")[1] in visible:  # this page quotes this string: all of it, as is
            assert literal in visible, (literal, visible[:500])
    for chart in at.get("plotly_chart"):
        spec = json.dumps(json.loads(chart.proto.spec))
        assert "<b>bold</b>" not in spec and "javascript:alert(1))\\u003c" not in spec
        assert "<a " not in spec


def test_hostile_names_reach_charts_escaped(hostile_data):
    at = open_page(AppTest.from_file(APP, default_timeout=90), PAGE["trends"], area="E06000001")
    specs = [json.loads(chart.proto.spec) for chart in at.get("plotly_chart")]
    title = specs[0]["layout"]["title"]["text"]
    assert "&lt;b&gt;bold&lt;/b&gt;" in title and "<b>" not in title


@pytest.mark.parametrize(("page", "column"), [("about", "URL"), ("four-nations", "Link")])
def test_data_addresses_that_are_not_web_addresses_are_not_links(hostile_data, page, column):
    at = open_page(AppTest.from_file(APP, default_timeout=90), PAGE[page])
    linked = [frame.value[column] for frame in at.dataframe if column in frame.value.columns]
    assert linked, "the page shows a table of links"
    values = [str(v) for series in linked for v in series]
    assert not [v for v in values if "javascript:" in v.lower()]
    assert any(v.startswith("https://") for v in values) or page == "four-nations"
