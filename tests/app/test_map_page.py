"""The Map page draws exactly what the indicators API selects, for every UK area."""

from __future__ import annotations

import math

import pandas as pd

from indicators import data
from tests.app.conftest import array, plotly_specs

INDICATOR = "eyfsp_gld"


def test_map_page_runs_and_draws_every_area_once(app, committed_indicators, committed_areas):
    at = app.run()
    assert not at.exception
    assert not at.error
    (spec,) = plotly_specs(at)
    locations = [code for trace in spec["data"] for code in trace["locations"]]
    assert all(trace["type"] == "choroplethmap" for trace in spec["data"])
    assert len(locations) == len(set(locations)) == 218
    assert set(locations) == set(committed_areas.loc[committed_areas["in_map"], "area_code"])
    assert spec["layout"]["map"]["style"] == "white-bg"  # draws offline


def test_map_values_equal_the_same_selection_through_the_api(
    app, committed_indicators, committed_areas
):
    at = app.run()
    period = data.latest_period(committed_indicators, INDICATOR)
    expected = data.map_table(
        committed_indicators, committed_areas, indicator_id=INDICATOR, period=period
    )
    (spec,) = plotly_specs(at)
    valued = spec["data"][0]
    drawn = dict(zip(array(valued["locations"]), array(valued["z"]), strict=True))
    want = expected.dropna(subset=["value"]).set_index("area_code")["value"].to_dict()
    assert drawn.keys() == want.keys()
    assert all(math.isclose(drawn[k], want[k]) for k in want)
    grey = {trace["name"]: set(trace["locations"]) for trace in spec["data"][1:]}
    not_collected = set(expected.loc[expected["status"] == "not_collected", "area_code"])
    assert grey["Not collected in this nation"] == not_collected
    assert {code[0] for code in not_collected} == {"W", "S", "N"}
    assert period in spec["layout"]["title"]["text"]


def test_table_under_the_map_shows_what_is_drawn(app, committed_indicators, committed_areas):
    at = app.run()
    period = data.latest_period(committed_indicators, INDICATOR)
    expected = data.display_table(
        data.map_table(committed_indicators, committed_areas, indicator_id=INDICATOR, period=period)
    )
    shown = at.dataframe[0].value
    assert list(shown["Area code"]) == list(expected["Area code"])
    pd.testing.assert_series_equal(
        shown["Value (%)"].astype(float), expected["Value (%)"].astype(float), check_names=False
    )
    welsh = shown[shown["Area code"].str.startswith("W")]
    assert welsh["Status"].str.startswith("Not collected in Wales").all()


def test_caption_names_source_period_and_licence(app, committed_indicators):
    at = app.run()
    period = data.latest_period(committed_indicators, INDICATOR)
    caption = at.caption[0].value
    assert period in caption and "Open Government Licence v3.0" in caption
    assert "Department for Education" in caption and "Office for National Statistics" in caption


def test_broken_data_gives_a_plain_message_not_a_traceback(app, monkeypatch, tmp_path):
    (tmp_path / "indicators.csv").write_text("not,a,tidy,file\n1,2,3,4\n")
    monkeypatch.setenv("EARLY_YEARS_DATA_DIR", str(tmp_path))
    at = app.run()
    assert not at.exception
    assert at.error and "could not be loaded" in at.error[0].value
