"""Map page: hand-worked answers on the SYNTHETIC fixture, and a few checks on the real data."""

from __future__ import annotations

import json
import math

import pandas as pd

from indicators import views
from indicators.state import Selection
from tests.app.conftest import PAGE, map_payloads, open_page, plotly_specs, selectbox
from tests.conftest import FIXTURE_DATA


def expected_table(api, selection: Selection, **kwargs) -> pd.DataFrame:
    return views.map_view(api["indicators"], api["areas"], api["neighbours"], selection, **kwargs)


# --------------------------------------------------------------------------- on the fixture
# tests/fixtures/data is SYNTHETIC; the answers below are worked by hand from its files (see
# the docstring of tests/unit/test_views.py): ASQ-3 2021/22 Hartlepool 60.0, Middlesbrough
# 72.0, Darlington 90.0, Halton 84.0, Warrington suppressed; England 80.0, North East 70.0,
# North West 85.0.
FIXTURE_CODES = [
    "E06000001",
    "E06000002",
    "E06000005",
    "E06000006",
    "E06000007",
    "N09000003",
    "S12000036",
    "W06000015",
]


def fixture_area_order() -> list[str]:
    """The feature order of the fixture's boundary file: the order of the map's lists."""
    boundaries = json.loads((FIXTURE_DATA / "boundaries_ctyua_2023.geojson").read_text())
    return [feature["id"] for feature in boundaries["features"]]


def by_area(payload: dict, key: str) -> dict:
    return dict(zip(fixture_area_order(), payload[key], strict=True))


def mercator_y(lat: float) -> float:
    """Projected y (SVG units: 1,000 per degree, down) by the inverse Gudermannian."""
    return -math.degrees(math.asinh(math.tan(math.radians(lat)))) * 1000


def test_every_area_is_drawn_once_with_its_class(fixture_app):
    at = open_page(fixture_app, PAGE["map"], indicator="asq3_all_domains", area="E06000005")
    assert not at.exception
    assert plotly_specs(at) == []  # the map component, not a plotly chart
    (payload,) = map_payloads(at)
    # The shapes are fetched once from the app's own route, not sent with each change.
    assert payload["shapes"].startswith("/mapshapes/") and payload["shapes"].endswith(".json")
    # Zoomed around my area (Darlington lies near 1.55 W, 54.53 N), neighbours in view:
    # at least 2.4 degrees across (2,400 units), less than 4 degrees of latitude high.
    x, y, width, height = payload["view"]
    assert x < -1550 < x + width and y < mercator_y(54.53) < y + height
    assert width >= 2400 and height < mercator_y(52) - mercator_y(56)
    # Quintile edges of 60, 72, 84, 90 (numpy's linear quantiles, by hand): 60.0, 67.2,
    # 74.4, 81.6, 86.4, 90.0. Hartlepool is in class 0, Middlesbrough 1, Halton 3,
    # Darlington 4; then suppressed (5) and not collected (6).
    assert [entry[0] for entry in payload["legend"]] == [
        "60.0 to 67.2 (1)",
        "67.2 to 74.4 (1)",
        "74.4 to 81.6 (0)",
        "81.6 to 86.4 (1)",
        "86.4 to 90.0 (1)",
        "Suppressed (too few to publish) (1)",
        "Not collected in this nation (3)",
        "Outlined: Darlington",
    ]
    assert by_area(payload, "colour") == {
        "E06000001": 0,
        "E06000002": 1,
        "E06000005": 4,
        "E06000006": 3,
        "E06000007": 5,
        "N09000003": 6,
        "S12000036": 6,
        "W06000015": 6,
    }
    assert payload["selected"] == "E06000005"
    # Hover lines under the name: Hartlepool 300/500 = 60.0% (Wilson 55.6 to 64.2, below
    # England's 80.0), the lowest of the four ranked English areas.
    tooltip = [payload["texts"][i] for i in by_area(payload, "lines")["E06000001"]]
    assert tooltip == ["60.0% (95% CI 55.6 to 64.2)", "Worse compared with England", "Rank 4 of 4"]


def test_table_under_the_map_is_what_is_drawn(fixture_app):
    at = open_page(fixture_app, PAGE["map"], indicator="asq3_all_domains", table="open")
    shown = at.dataframe[0].value
    assert list(shown["Area code"]) == FIXTURE_CODES
    assert list(shown["Value (%)"]) == ["60.0", "72.0", "90.0", "84.0", "–", "–", "–", "–"]
    assert list(shown["Compared with England"].iloc[:5]) == [
        "Worse",
        "Worse",
        "Better",
        "Better",
        "Not compared",
    ]
    assert list(shown["Count (numerator)"]) == ["300", "360", "450", "420", "–", "–", "–", "–"]
    assert shown.loc[7, "Status"].startswith("Not collected in Wales")
    assert shown.loc[4, "Status"] == "Suppressed to protect confidentiality (c)"


def test_the_table_of_every_area_is_sent_only_when_opened(fixture_app):
    at = open_page(fixture_app, PAGE["map"], indicator="asq3_all_domains")
    (expander,) = at.expander
    # 8 areas in the fixture's table (5 English, and 3 not collected); no former area in 2021/22
    assert expander.label == "Table: every area's figures (8 areas)"
    assert len(at.dataframe) == 0  # closed: not built, not sent
    assert "table" not in at.query_params
    # Its CSV can be downloaded all the same.
    assert [b.label for b in at.get("download_button")][-1] == "Download this table (CSV)"
    at.session_state["table"] = True  # the reader opens it
    at.run()
    assert list(at.dataframe[0].value["Area code"]) == FIXTURE_CODES
    assert at.query_params["table"] in ("open", ["open"])  # a shared link keeps it open
    at.session_state["table"] = False
    at.run()
    assert len(at.dataframe) == 0 and "table" not in at.query_params


def test_colour_by_comparison_with_each_areas_own_region(fixture_app):
    at = open_page(
        fixture_app,
        PAGE["map"],
        indicator="asq3_all_domains",
        colour="comparison",
        benchmark="region",
        table="open",
    )
    (payload,) = map_payloads(at)
    assert payload["legend_title"] == "Compared with its own region"
    legend = [entry[0] for entry in payload["legend"]]
    assert legend[:3] == ["Better (1)", "Similar (2)", "Worse (1)"]
    shown = at.dataframe[0].value
    assert list(shown["Compared with its own region"].iloc[:4]) == [
        "Worse",
        "Similar",
        "Better",
        "Similar",
    ]
    assert list(shown["Benchmark"].iloc[:5]) == [
        "North East (70.0%)",
        "North East (70.0%)",
        "North East (70.0%)",
        "North West (85.0%)",
        "North West (85.0%)",
    ]


def test_a_rate_is_never_shown_as_a_percentage(fixture_app):
    at = open_page(
        fixture_app,
        PAGE["map"],
        indicator="childrens_centres_per_1000_under5",
        area="E06000005",
        table="open",
    )
    assert not at.exception
    (payload,) = map_payloads(at)
    darlington = [payload["texts"][i] for i in by_area(payload, "lines")["E06000005"]]
    assert darlington[0] == "0.12 per 1,000 under-5s"
    assert not any("%" in text for text in payload["texts"])
    shown = at.dataframe[0].value
    assert list(shown["Children's centres per 1,000 under-5s"].iloc[:5]) == [
        "0.78",
        "0.85",
        "0.12",
        "1.50",
        "0.50",
    ]


def test_health_visiting_without_local_figures_shows_what_exists(fixture_app):
    at = open_page(fixture_app, PAGE["map"], indicator="hv_review_6_8_week")
    assert not at.exception
    assert plotly_specs(at) == [] and map_payloads(at) == []  # no empty map
    said = " ".join(i.value for i in at.info)
    assert "no figures by local area" in said
    assert "England, 2017/18 Q1 and 2024/25; North East, 2024/25." in said
    table = at.dataframe[0].value
    assert list(table["Area"]) == ["England", "England", "North East"]
    assert list(table["Value (%)"]) == ["81.5", "79.0", "88.0"]
    everything = " ".join(e.value for e in [*at.caption, *at.markdown, *at.info])
    assert "refresh command" not in everything


def test_welsh_national_only_indicator_says_so(fixture_app):
    at = open_page(fixture_app, PAGE["map"], indicator="wales_hcwp_16_weeks")
    assert not at.exception
    said = " ".join(i.value for i in at.info)
    assert "Not published at this level in Wales" in said
    assert "Suppressed or not available" not in said


def test_scottish_area_with_statistical_neighbours_is_offered_the_nation(fixture_app):
    at = open_page(
        fixture_app,
        PAGE["map"],
        indicator="asq3_all_domains",
        area="S12000036",
        benchmark="peers_2025",
    )
    assert not at.exception
    said = " ".join(i.value for i in at.info)
    assert "England-only model" in said and "compare with Scotland" in said


# --------------------------------------------------------------------------- on the real data
def test_changing_the_indicator_redraws_the_map(app, api):
    at = open_page(app, PAGE["map"])
    selectbox(at, "Indicator").set_value("asq3_all_domains").run()
    assert not at.exception
    period = api["options"].default_period_of["asq3_all_domains"]
    assert selectbox(at, "Period").value == period
    (payload,) = map_payloads(at)
    assert payload["title"] == "ASQ-3 all five areas, " + period
    assert at.query_params["indicator"] in ("asq3_all_domains", ["asq3_all_domains"])


def test_low_coverage_is_flagged_in_table_and_outline(app, api):
    at = open_page(app, PAGE["map"], indicator="asq3_all_domains", table="open")
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
    at = open_page(app, PAGE["map"], period="2018/19", table="open")
    former = at.dataframe[1].value
    assert {"E10000021", "E10000006"} <= set(former["Area code"])  # Northamptonshire, Cumbria


def test_broken_data_gives_a_plain_message_not_a_traceback(app, monkeypatch, tmp_path):
    (tmp_path / "indicators.csv").write_text("not,a,tidy,file\n1,2,3,4\n")
    monkeypatch.setenv("EARLY_YEARS_DATA_DIR", str(tmp_path))
    at = app.run()
    assert not at.exception
    assert at.error and "could not be loaded" in at.error[0].value
