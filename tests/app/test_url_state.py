"""Links open the selection they name; garbage falls back to defaults with a visible note."""

from __future__ import annotations

import pytest

from tests.app.conftest import PAGE, PAGES, open_page, selectbox


def test_link_opens_its_selection_on_every_page(app):
    params = {
        "indicator": "asq3_communication",
        "period": "2021/22",
        "area": "E06000047",
        "benchmark": "region",
        "nation": "England",
    }
    for page in PAGES:
        at = open_page(app, page, **params)
        assert not at.exception
        assert selectbox(at, "Indicator").value == "asq3_communication"
        assert selectbox(at, "Period").value == "2021/22"
        assert selectbox(at, "My area").value == "E06000047"
        assert selectbox(at, "Compare with").value == "region"
        assert selectbox(at, "Nation").value == "England"
        assert not at.info or all("link" not in i.value for i in at.info)


@pytest.mark.parametrize(
    ("params", "words"),
    [
        ({"indicator": "gld_99"}, "does not have"),
        ({"period": "2099/00"}, "no data for the period"),
        ({"area": "E06999999"}, "No area has the code"),
        ({"benchmark": "%3Cscript%3E"}, "Unknown benchmark"),
        ({"nation": "Narnia"}, "Unknown nation"),
        ({"colour": "rainbow"}, "Unknown colour areas by"),
        ({"indicator": "eyfsp_gld", "period": "2019/20"}, "no data for the period"),  # COVID year
    ],
)
def test_garbage_parameters_fall_back_with_a_note(app, params, words):
    at = open_page(app, PAGE["map"], **params)
    assert not at.exception and not at.error
    assert any(words in i.value for i in at.info), [i.value for i in at.info]


def test_the_url_follows_the_selectors(app):
    at = open_page(app, PAGE["map"])
    selectbox(at, "My area").set_value("E06000005").run()
    selectbox(at, "Compare with").set_value("peers_2021").run()
    params = {k: (v[0] if isinstance(v, list) else v) for k, v in at.query_params.items()}
    assert params["area"] == "E06000005" and params["benchmark"] == "peers_2021"
    assert params["indicator"] == "eyfsp_gld"
