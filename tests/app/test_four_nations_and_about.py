"""Four nations and About pages show the API's tables and the sources."""

from __future__ import annotations

from indicators import data, views
from indicators.catalogue import CATALOGUE
from tests.app.conftest import PAGE, array, open_page, plotly_specs


def test_four_nations_tables_match_the_api(app, api):
    at = open_page(app, PAGE["four-nations"])
    measures, latest = views.four_nations_view(api["indicators"])
    assert at.dataframe[0].value.equals(measures)
    shown = at.dataframe[1].value
    assert list(shown["Indicator"]) == list(latest["indicator"])
    assert set(shown["Comparability with England"]) <= {
        "Comparable",
        "Same concept, different measure",
        "Not comparable",
    }
    scotland = shown[shown["Nation"] == "Scotland"]
    assert (scotland["Comparability with England"] == "Same concept, different measure").all()


#: Dated, UK-wide plain counts in services/parent_infant_team_counts_uk.csv, read by hand:
#: 2019-06 27, 2022-03 39, 2023-09 "45 (plus 14 in development)", 2025-06 49, 2025-12 51.
#: Not plotted: "2019" 29 (year only), "almost 40", Scotland's boards, "undated" 46.
TEAM_SERIES = (
    [27.0, 39.0, 45.0, 49.0, 51.0],
    ["2019-06", "2022-03", "2023-09", "2025-06", "2025-12"],
)


def test_team_counts_agree_between_pages_and_never_plot_undated(app):
    four_nations = plotly_specs(open_page(app, PAGE["four-nations"]))[0]["data"][0]
    services = next(
        spec["data"][0]
        for spec in plotly_specs(open_page(app, PAGE["services"]))
        if spec["layout"]["title"]["text"].startswith("Teams over time")
    )
    for trace in (four_nations, services):
        assert array(trace["y"]) == TEAM_SERIES[0]
        assert array(trace["x"]) == TEAM_SERIES[1]


def test_headline_facts_carry_their_sources(app):
    at = open_page(app, PAGE["four-nations"])
    facts = data.read_headline_facts()
    fact_tables = [d.value for d in at.dataframe[2:]]
    assert sum(len(t) for t in fact_tables) == len(facts)
    assert all(t["Link"].str.startswith("http").all() for t in fact_tables)
    camhs = next(t for t in fact_tables if t["Exact words"].str.contains("42%").any())
    assert "Rare Jewels" in " ".join(camhs["Source"])


def test_about_lists_every_indicator_and_source(app):
    at = open_page(app, PAGE["about"])
    definitions, sources = at.dataframe[0].value, at.dataframe[1].value
    assert set(definitions["Id"]) == set(CATALOGUE)
    assert len(sources) == len(data.read_sources())
    labels = [b.label for b in at.get("download_button")]
    assert (
        "Download all indicators (CSV)" in labels and "Download all indicators (Parquet)" in labels
    )


def test_full_dataset_downloads_round_trip():
    import io

    import pandas as pd

    indicators = data.read_indicators()
    back = pd.read_parquet(io.BytesIO(views.parquet_bytes(indicators)))
    pd.testing.assert_frame_equal(back, indicators, check_dtype=False)
    assert views.csv_bytes(indicators).decode().splitlines()[0].startswith("indicator_id,area_code")
