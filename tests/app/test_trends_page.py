"""Trends page: each drawn series equals the API's series; breaks are never crossed."""

from __future__ import annotations

import math

from indicators import views
from tests.app.conftest import PAGE, array, open_page, plotly_specs


def test_series_drawn_are_the_api_series(app, api):
    at = open_page(app, PAGE["trends"], area="E06000005")
    frame, trend = views.trend_view(
        api["indicators"],
        api["areas"],
        api["neighbours"],
        indicator_id="eyfsp_gld",
        area_code="E06000005",
    )
    (spec,) = plotly_specs(at)
    periods = frame.drop_duplicates("period").sort_values("period_start")["period"].tolist()
    assert spec["layout"]["xaxis"]["ticktext"] == periods
    lines = [t for t in spec["data"] if t.get("mode") == "lines+markers"]
    drawn: dict[str, dict[str, float]] = {}
    for trace in lines:
        for x, y in zip(array(trace["x"]), array(trace["y"]), strict=True):
            drawn.setdefault(trace["name"], {})[periods[int(x)]] = y
    for series, part in frame[frame["value"].notna()].groupby("series"):
        for row in part.itertuples():
            assert math.isclose(drawn[series][row.period], row.value)
    assert any(trend.describe() in m.value for m in at.markdown)


def test_no_line_crosses_the_series_break_and_covid_gap_is_labelled(app, api):
    at = open_page(app, PAGE["trends"], area="E06000005")
    (spec,) = plotly_specs(at)
    periods = spec["layout"]["xaxis"]["ticktext"]
    for trace in spec["data"]:
        if trace.get("mode") != "lines+markers":
            continue
        labels = [periods[int(x)] for x in array(trace["x"])]
        assert not ("2018/19" in labels and "2021/22" in labels), (
            f"{trace['name']} crosses the break"
        )
    texts = [a["text"] for a in spec["layout"]["annotations"]]
    assert "Series break: not comparable" in texts
    assert sum("COVID-19" in t for t in texts) == 2


def test_successor_shows_its_predecessor(app, api):
    at = open_page(app, PAGE["trends"], area="E06000063")  # Cumberland, from Cumbria (2023)
    names = {t["name"] for t in plotly_specs(at)[0]["data"]}
    assert any("Cumbria (former area, E10000006)" in n for n in names)


def test_table_lists_what_is_drawn(app, api):
    at = open_page(app, PAGE["trends"], area="E06000005")
    frame, _ = views.trend_view(
        api["indicators"],
        api["areas"],
        api["neighbours"],
        indicator_id="eyfsp_gld",
        area_code="E06000005",
    )
    shown = at.dataframe[0].value
    assert len(shown) == len(frame)
    assert set(shown["Series"]) == set(frame["series"])
