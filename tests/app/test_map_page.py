"""Map page: what is drawn and listed equals the same selection through the indicators API."""

from __future__ import annotations

import pandas as pd

from indicators import figures, views
from indicators.state import Selection
from tests.app.conftest import PAGE, array, open_page, plotly_specs, selectbox


def expected_table(api, selection: Selection, **kwargs) -> pd.DataFrame:
    return views.map_view(api["indicators"], api["areas"], api["neighbours"], selection, **kwargs)


def test_every_area_is_drawn_once_with_its_class(app, api):
    at = open_page(app, PAGE["map"], area="E06000005")
    selection = Selection(
        indicator="eyfsp_gld",
        period=api["options"].default_period_of["eyfsp_gld"],
        area="E06000005",
    )
    table = expected_table(api, selection)
    (spec,) = plotly_specs(at)
    choropleth = spec["data"][0]
    # An SVG geo choropleth on a hidden base map, boundaries by URL, joined on the GSS id.
    assert choropleth["type"] == "choropleth" and choropleth["featureidkey"] == "id"
    assert spec["layout"]["geo"]["visible"] is False
    assert choropleth["geojson"].endswith("boundaries_ctyua_2023.geojson")
    # Zoomed around my area (Darlington lies near 1.55 W, 54.53 N), neighbours in view.
    lon_range = spec["layout"]["geo"]["lonaxis"]["range"]
    lat_range = spec["layout"]["geo"]["lataxis"]["range"]
    assert lon_range[0] < -1.55 < lon_range[1] and lat_range[0] < 54.53 < lat_range[1]
    assert lon_range[1] - lon_range[0] >= 2.4 and lat_range[1] - lat_range[0] < 4
    locations = array(choropleth["locations"])
    assert len(locations) == len(set(locations)) == 218
    category, colours = figures.map_categories(
        table, indicator_id="eyfsp_gld", colour_by="value", classes_method="quintiles"
    )
    order = list(colours)
    drawn = dict(zip(locations, array(choropleth["z"]), strict=True))
    for code, label in zip(table["area_code"], category, strict=True):
        assert order[int(drawn[code])] == label
    legend = [trace["name"] for trace in spec["data"][1:]]
    assert any(name.startswith("Not collected in this nation (65)") for name in legend)
    assert "Outlined: Darlington" in legend
    widths = dict(zip(locations, choropleth["marker"]["line"]["width"], strict=True))
    assert widths["E06000005"] > widths["E06000001"]


def test_table_under_the_map_is_the_download_of_what_is_drawn(app, api):
    at = open_page(app, PAGE["map"])
    selection = Selection(
        indicator="eyfsp_gld", period=api["options"].default_period_of["eyfsp_gld"]
    )
    expected = views.display_table(
        views.table_for_download(expected_table(api, selection), selection)
    )
    shown = at.dataframe[0].value
    assert list(shown["Area code"]) == list(expected["Area code"])
    pd.testing.assert_series_equal(
        shown["Value (%)"].astype(float), expected["Value (%)"].astype(float), check_names=False
    )
    welsh = shown[shown["Area code"].str.startswith("W")]
    assert welsh["Status"].str.startswith("Not collected in Wales").all()


def test_changing_the_indicator_redraws_the_map(app, api):
    at = open_page(app, PAGE["map"])
    selectbox(at, "Indicator").set_value("asq3_all_domains").run()
    assert not at.exception
    period = api["options"].default_period_of["asq3_all_domains"]
    assert selectbox(at, "Period").value == period
    (spec,) = plotly_specs(at)
    assert spec["layout"]["title"]["text"].startswith("ASQ-3 all five areas, " + period)
    assert at.query_params["indicator"] in ("asq3_all_domains", ["asq3_all_domains"])


def test_colour_by_comparison_uses_the_engine(app, api):
    at = open_page(app, PAGE["map"], indicator="asq3_all_domains", colour="comparison")
    selection = Selection(
        indicator="asq3_all_domains", period=api["options"].default_period_of["asq3_all_domains"]
    )
    table = expected_table(api, selection)
    (spec,) = plotly_specs(at)
    legend = {
        trace["name"].rsplit(" (", 1)[0]: int(trace["name"].rsplit("(", 1)[1].rstrip(")"))
        for trace in spec["data"][1:]
        if "(" in trace["name"]
    }
    counts = table.loc[table["value"].notna(), "comparison_label"].value_counts()
    for label, count in counts.items():
        assert legend[label] == count
    assert spec["layout"]["legend"]["title"]["text"] == "Compared with England"


def test_low_coverage_is_flagged_in_table_and_outline(app, api):
    at = open_page(app, PAGE["map"], indicator="asq3_all_domains")
    selection = Selection(
        indicator="asq3_all_domains", period=api["options"].default_period_of["asq3_all_domains"]
    )
    table = expected_table(api, selection)
    flagged = set(table.loc[table["caution"] != "", "area_code"])
    shown = at.dataframe[0].value
    assert set(shown.loc[shown["Caution"] != "", "Area code"]) == flagged
    if flagged:
        assert any("interpret with caution" in w.value for w in at.warning)


def test_predecessor_areas_are_listed_not_drawn(app, api):
    at = open_page(app, PAGE["map"], period="2018/19")
    former = at.dataframe[1].value
    assert {"E10000021", "E10000006"} <= set(former["Area code"])  # Northamptonshire, Cumbria


def test_broken_data_gives_a_plain_message_not_a_traceback(app, monkeypatch, tmp_path):
    (tmp_path / "indicators.csv").write_text("not,a,tidy,file\n1,2,3,4\n")
    monkeypatch.setenv("EARLY_YEARS_DATA_DIR", str(tmp_path))
    at = app.run()
    assert not at.exception
    assert at.error and "could not be loaded" in at.error[0].value
