"""Hostile URL parameters never raise: every page still renders, with a note where needed.

The default run is small; set FUZZ_EXAMPLES (e.g. 300 per page, over 2,000 in all) for a
nightly-size run.
"""

from __future__ import annotations

import os

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from streamlit.testing.v1 import AppTest

from tests.app.conftest import APP, PAGE, PAGES

EXAMPLES = int(os.environ.get("FUZZ_EXAMPLES", "6"))
KEYS = [
    "indicator",
    "period",
    "nation",
    "area",
    "benchmark",
    "group",
    "colour",
    "classes",
    "ci",
    "view",
    "junk",
]
NASTY = st.sampled_from(
    [
        "",
        " ",
        "<script>alert(1)</script>",
        "'; DROP TABLE x;--",
        "%00",
        "../../etc/passwd",
        "E06000005",
        "e06000005",
        "2024/25",
        "2019/20",
        "99999/99",
        "eyfsp_gld",
        "scot_concern_27_30m",
        "peers_2025",
        "Northern Ireland",
        "☃",
        "\u202e",
        "a" * 500,
        "[link](javascript:alert(1))",
        "{{7*7}}",
        "NaN",
    ]
)
VALUES = st.one_of(NASTY, st.text(max_size=40))


@pytest.mark.parametrize("page", PAGES)
@settings(
    max_examples=EXAMPLES,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)
@given(params=st.dictionaries(st.sampled_from(KEYS), VALUES, max_size=6))
def test_any_parameters_render_without_exception(page, params):
    at = AppTest.from_file(APP, default_timeout=90)
    for key, value in params.items():
        at.query_params[key] = value
    at.run()
    if page != PAGE["map"]:
        at.switch_page(page).run()
    assert not at.exception, [e.value for e in at.exception]
    assert at.title
    for element in (*at.info, *at.markdown):
        assert (
            "<script>" not in element.value
        )  # data and URL text is never passed through as markup
