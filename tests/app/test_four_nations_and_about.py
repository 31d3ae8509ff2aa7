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


def test_headline_facts_carry_their_sources(app):
    at = open_page(app, PAGE["four-nations"])
    facts = data.read_headline_facts()
    teams = facts[facts["indicator"] == "specialised_parent_infant_relationship_teams_n"].dropna(
        subset=["value"]
    )
    chart = plotly_specs(at)[0]
    assert array(chart["data"][0]["y"]) == teams["value"].tolist()
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
