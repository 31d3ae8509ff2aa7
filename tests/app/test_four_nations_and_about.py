"""Four nations (stage-by-stage grid, headline facts) and About pages."""

from __future__ import annotations

from indicators import data, views
from indicators.catalogue import CATALOGUE
from tests.app.conftest import PAGE, array, open_page, plotly_specs

STAGES = ["Birth", "6–8 weeks", "1 year", "2–2½ years", "5 years"]
NATIONAL_CODES = {"E92000001", "W92000004", "S92000003", "N92000002"}


def _national_latest(indicators, indicator_id: str):
    """The latest published national 'all children' value, by a plain pandas filter."""
    rows = indicators[
        (indicators["indicator_id"] == indicator_id)
        & indicators["area_code"].isin(NATIONAL_CODES)
        & (indicators["breakdown"] == "all")
        & indicators["value"].notna()
    ].sort_values("period_end")
    return rows.iloc[-1]


def test_four_nations_grid_shows_each_stage_with_national_figures(app, api):
    at = open_page(app, PAGE["four-nations"])
    assert not at.exception
    headers = [h.value for h in at.header]
    assert [h for h in headers if h in STAGES] == STAGES
    metrics = {(m.label, m.value) for m in at.metric}
    indicators = api["indicators"]
    for indicator_id in ("eyfsp_gld", "scot_concern_27_30m", "wales_hcwp_10_14_days"):
        latest = _national_latest(indicators, indicator_id)
        assert (f"National figure, {latest['period']}", f"{latest['value']:.1f}%") in metrics
    # Wales, Scotland and NI publish birth weight and school-entry weight only locally
    no_national = [m.value for m in at.markdown if m.value == "**No national figure published**"]
    assert len(no_national) >= 6
    assert "Comparable" not in {m.value for m in at.metric}


def test_four_nations_ni_trust_spread_is_drawn_over_five_trusts(app, api):
    at = open_page(app, PAGE["four-nations"])
    specs = plotly_specs(at)
    trust = next(
        s for s in specs if s["layout"]["title"]["text"].startswith("Northern Ireland: Infant")
    )
    box = next(t for t in trust["data"] if t["type"] == "box")
    indicators = api["indicators"]
    published = indicators[
        (indicators["indicator_id"] == "ni_infant_mortality_trust")
        & (indicators["area_level"] == "health_board")
    ]
    assert sorted(array(box["x"])) == sorted(published["value"].tolist())
    assert len(array(box["x"])) == 5
    assert "5 HSC trusts" in trust["layout"]["xaxis2"]["title"]["text"]


def test_four_nations_stage_choice_is_kept_in_the_url(app):
    at = open_page(app, PAGE["four-nations"], stage="birth")
    headers = [h.value for h in at.header]
    assert [h for h in headers if h in STAGES] == ["Birth"]
    assert at.query_params["stage"] == ["birth"] or at.query_params["stage"] == "birth"


#: Dated, UK-wide plain counts in services/parent_infant_team_counts_uk.csv, read by hand:
#: 2019-06 27, 2022-03 39, 2023-09 "45 (plus 14 in development)", 2025-06 49, 2025-12 51.
#: Not plotted: "2019" 29 (year only), "almost 40", Scotland's boards, "undated" 46.
TEAM_SERIES = (
    [27.0, 39.0, 45.0, 49.0, 51.0],
    ["2019-06", "2022-03", "2023-09", "2025-06", "2025-12"],
)


def test_team_counts_agree_between_pages_and_never_plot_undated(app):
    four_nations = next(
        spec["data"][0]
        for spec in plotly_specs(open_page(app, PAGE["four-nations"]))
        if spec["layout"]["title"]["text"].startswith("Specialised parent-infant")
    )
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
    fact_tables = [d.value for d in at.dataframe[1:]]  # after the table of other measures
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
