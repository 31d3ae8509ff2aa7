"""The four analysis views: what each page shows against answers worked out with plain pandas
(and scipy) over the committed data, never through the functions the pages call."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from scipy import stats

from indicators import paths
from tests.app.conftest import array, open_page, plotly_specs

REGIONS = "pages/regions_page.py"
GAPS = "pages/gaps_page.py"
PEERS = "pages/peers_page.py"
COHORT = "pages/cohort_page.py"
DARLINGTON = "E06000005"


@pytest.fixture(scope="module")
def raw() -> pd.DataFrame:
    return pd.read_csv(paths.data_dir() / "indicators.csv", dtype={"period": str})


def wilson(k: float, n: float) -> tuple[float, float]:
    ci = stats.binomtest(int(k), int(n)).proportion_ci(method="wilson")
    return 100 * ci.low, 100 * ci.high


def gld(raw: pd.DataFrame, period: str) -> pd.DataFrame:
    return raw[
        (raw["indicator_id"] == "eyfsp_gld")
        & (raw["period"] == period)
        & (raw["breakdown"] == "all")
    ]


def test_regions_ranked_with_the_test_against_england(app, raw):
    at = open_page(app, REGIONS, indicator="eyfsp_gld", period="2018/19")
    assert not at.exception
    rows = gld(raw, "2018/19")
    england = float(rows.loc[rows["area_code"] == "E92000001", "value"].iloc[0])
    regions = rows[rows["area_level"] == "region"].sort_values("value", ascending=False)
    expected = []
    for row in regions.itertuples():
        if pd.isna(row.numerator):
            expected.append("Not compared")  # London: no counts published in this file
            continue
        low, high = wilson(row.numerator, row.denominator)
        expected.append("Better" if low > england else "Worse" if high < england else "Similar")
    shown = at.dataframe[0].value
    assert shown["Region or nation"].tolist() == regions["area_name"].tolist()
    assert shown["Compared with England"].tolist() == expected
    assert (
        shown["Rank"].tolist()
        == regions["value"].rank(method="min", ascending=False).astype(int).tolist()
    )
    bars = plotly_specs(at)[0]["data"][0]
    assert array(bars["x"])[::-1] == pytest.approx(regions["value"].tolist())
    assert any("ranked best" in m.value for m in at.markdown)


def test_regions_latest_year_draws_approximate_intervals(app, raw):
    at = open_page(app, REGIONS, indicator="eyfsp_gld", period="2024/25")
    shown = at.dataframe[0].value
    north_west = shown[shown["Region or nation"] == "North West"].iloc[0]
    # 65.0% of the 2021/22 North West cohort (84,875), Wilson by scipy.
    n = float(gld(raw, "2021/22").set_index("area_code").loc["E12000002", "denominator"])
    low, high = wilson(round(0.65 * n), n)
    assert north_west["95% CI lower"] == pytest.approx(round(low, 1))
    assert north_west["95% CI upper"] == pytest.approx(round(high, 1))
    assert north_west["Interval"].startswith("approximate")


def test_gap_over_time_is_area_minus_england_with_breaks(app, raw):
    at = open_page(app, GAPS, indicator="eyfsp_gld", area=DARLINGTON)
    assert not at.exception
    rows = raw[(raw["indicator_id"] == "eyfsp_gld") & (raw["breakdown"] == "all")]
    area = rows[rows["area_code"] == DARLINGTON].set_index("period")["value"]
    england = rows[rows["area_code"] == "E92000001"].set_index("period")["value"]
    expected = (area - england).dropna().round(1)
    shown = at.dataframe[0].value.set_index("Period")
    assert shown["Gap (points)"].dropna().to_dict() == pytest.approx(expected.to_dict())
    assert pd.isna(shown.loc["2019/20", "Gap (points)"])  # COVID: no data, no gap
    # 2018/19 by hand: Newcombe from the two Wilson intervals.
    a = rows[(rows["area_code"] == DARLINGTON) & (rows["period"] == "2018/19")].iloc[0]
    e = rows[(rows["area_code"] == "E92000001") & (rows["period"] == "2018/19")].iloc[0]
    p1, p2 = 100 * a.numerator / a.denominator, 100 * e.numerator / e.denominator
    l1, u1 = wilson(a.numerator, a.denominator)
    l2, u2 = wilson(e.numerator, e.denominator)
    low = (a.value - e.value) - np.hypot(p1 - l1, u2 - p2)
    high = (a.value - e.value) + np.hypot(u1 - p1, p2 - l2)
    assert shown.loc["2018/19", "Gap 95% CI lower"] == pytest.approx(round(low, 1), abs=0.11)
    assert shown.loc["2018/19", "Gap 95% CI upper"] == pytest.approx(round(high, 1), abs=0.11)
    spec = plotly_specs(at)[0]
    texts = [a.get("text", "") for a in spec["layout"].get("annotations", [])]
    assert "Series break: not comparable" in texts
    assert any("COVID" in t for t in texts)
    # No line across the break: the gap is drawn as separate traces either side of it.
    gap_traces = [t for t in spec["data"] if t.get("mode") == "lines+markers"]
    assert len(gap_traces) == 2
    assert any("gap between Darlington and England" in m.value for m in at.markdown)


def test_gap_needs_an_area(app):
    at = open_page(app, GAPS, indicator="eyfsp_gld")
    assert not at.exception
    assert any("My area" in i.value for i in at.info)


def test_peers_only_shows_the_area_and_its_ten_neighbours(app, raw):
    at = open_page(app, PEERS, indicator="eyfsp_gld", period="2018/19", area=DARLINGTON)
    assert not at.exception
    neighbours = pd.read_csv(paths.data_dir() / "statistical_neighbours.csv")
    codes = neighbours[(neighbours["model"] == 2025) & (neighbours["area_code"] == DARLINGTON)][
        "neighbour_code"
    ].tolist()
    rows = gld(raw, "2018/19")
    group = rows[rows["area_code"].isin([DARLINGTON, *codes])].sort_values(
        ["value", "area_name"], ascending=[False, True]
    )
    shown = at.dataframe[0].value
    assert shown["Code"].tolist() == group["area_code"].tolist()
    assert len(shown) == 11
    peers = rows[rows["area_code"].isin(codes)]
    pooled = 100 * peers["numerator"].sum() / peers["denominator"].sum()
    spec = plotly_specs(at)[0]
    names = [t.get("name", "") for t in spec["data"]]
    assert any(n.endswith(f"{pooled:.1f}%") for n in names)  # in the unit, 1 d.p.
    rank = int(
        group["value"].rank(method="min", ascending=False)[group["area_code"] == DARLINGTON].iloc[0]
    )
    assert any(f"ranks {rank} of 11" in m.value for m in at.markdown)


def cohort_frame(
    raw: pd.DataFrame, x_id: str, y_period: str, y_id: str = "eyfsp_gld"
) -> pd.DataFrame:
    x = raw[
        (raw["indicator_id"] == x_id) & (raw["period"] == "2021/22") & (raw["breakdown"] == "all")
    ]
    y = raw[
        (raw["indicator_id"] == y_id) & (raw["period"] == y_period) & (raw["breakdown"] == "all")
    ]
    x = x[x["value"].notna() & (x["area_level"] == "la")][["area_code", "value"]]
    y = y[y["value"].notna() & (y["area_level"] == "la")][["area_code", "value"]]
    return x.merge(y, on="area_code", suffixes=("_x", "_y"))


@pytest.mark.parametrize(
    ("params", "x_id", "y_id", "y_period"),
    [
        ({}, "asq3_all_domains", "eyfsp_gld", "2023/24"),
        (
            {"cohort_year": "2024/25", "cohort_x": "asq3_communication"},
            "asq3_communication",
            "eyfsp_comms_language",
            "2024/25",
        ),
        (
            {"cohort_x": "asq3_communication"},
            "asq3_communication",
            "eyfsp_comms_language",
            "2023/24",
        ),
    ],
)
def test_cohort_scatter_and_fit(app, raw, params, x_id, y_id, y_period):
    at = open_page(app, COHORT, area=DARLINGTON, **params)
    assert not at.exception
    both = cohort_frame(raw, x_id, y_period, y_id)
    reference = stats.linregress(both["value_x"], both["value_y"])
    words = next(m.value for m in at.markdown if "association is" in m.value)
    assert f"r = {reference.rvalue:.2f}" in words
    assert f"Across {len(both)} local authorities" in words
    shown = at.dataframe[0].value
    las = shown[shown["Role"] != "England"]
    assert sorted(las["Code"]) == sorted(both["area_code"])
    assert shown.loc[shown["Role"] == "England", "Code"].tolist() == ["E92000001"]
    marked = [DARLINGTON] if DARLINGTON in set(both["area_code"]) else []
    assert shown.loc[shown["Role"] == "selected area", "Code"].tolist() == marked
    if not marked:
        assert any("not marked" in i.value for i in at.info)
    spec = plotly_specs(at)[0]
    markers = [t for t in spec["data"] if t.get("mode") == "markers"]
    assert sum(len(array(t["x"])) for t in markers) == len(both) + 1
    fitted = next(t for t in spec["data"] if t.get("name") == "Fitted line (OLS)")
    xs, ys = array(fitted["x"]), array(fitted["y"])
    assert ys[0] == pytest.approx(reference.intercept + reference.slope * xs[0])
    stars = [t for t in markers if t["name"] == "Selected area"]
    assert [x for t in stars for x in array(t["x"])] == pytest.approx(
        both.loc[both["area_code"] == DARLINGTON, "value_x"].tolist()
    )
    assert any("2023/24" in m.value and "2024/25" in m.value for m in at.markdown)


def test_communication_pair_plots_communication_and_language_at_5(app, raw):
    at = open_page(app, COHORT, area=DARLINGTON, cohort_x="asq3_communication")
    assert not at.exception
    both = cohort_frame(raw, "asq3_communication", "2023/24", "eyfsp_comms_language")
    reference = stats.linregress(both["value_x"], both["value_y"])
    words = next(m.value for m in at.markdown if "association is" in m.value)
    assert f"{abs(reference.slope):.2f} points" in words
    assert "Communication and language at 5" in words
    shown = at.dataframe[0].value
    las = shown[shown["Role"] != "England"].set_index("Code")
    at5 = both.set_index("area_code")["value_y"]
    assert las["At 5 (%)"].sort_index().tolist() == pytest.approx(
        at5.loc[las.index].sort_index().round(1).tolist()
    )
    spec = plotly_specs(at)[0]
    assert "Communication and language at 5" in str(spec["layout"]["title"]["text"])
    text = " ".join(m.value for m in at.markdown)
    assert "no EYFS communication and language figure" not in text
    assert "percentages without counts" in text


def test_profile_shows_the_area_among_its_peers(app, raw):
    at = open_page(
        app, "pages/area_profile_page.py", indicator="eyfsp_gld", period="2018/19", area=DARLINGTON
    )
    assert not at.exception
    neighbours = pd.read_csv(paths.data_dir() / "statistical_neighbours.csv")
    codes = neighbours[(neighbours["model"] == 2025) & (neighbours["area_code"] == DARLINGTON)][
        "neighbour_code"
    ]
    rows = gld(raw, "2018/19")
    group = rows[rows["area_code"].isin([DARLINGTON, *codes])]
    rank = int(
        group["value"].rank(method="min", ascending=False)[group["area_code"] == DARLINGTON].iloc[0]
    )
    assert any(f"ranks {rank} of 11" in m.value for m in at.markdown)


def test_cohort_choices_are_written_to_the_url(app):
    at = open_page(app, COHORT, area=DARLINGTON)
    assert "cohort_year" not in at.query_params  # the default (2023/24) keeps links short
    next(r for r in at.radio if r.label.startswith("At 5")).set_value("2024/25").run()
    assert at.query_params["cohort_year"] in ("2024/25", ["2024/25"])  # str or list by version
    assert any("(2024/25)" in str(s["layout"]["title"]["text"]) for s in plotly_specs(at))


@pytest.mark.parametrize(
    ("params", "label"),
    [
        (
            {"area": DARLINGTON, "benchmark": "peers_2025", "period": "2018/19"},
            "statistical neighbours",
        ),
        ({"area": "E12000001"}, "England"),
    ],
)
def test_gap_against_peers_and_for_a_region(app, raw, params, label):
    at = open_page(app, GAPS, indicator="eyfsp_gld", **params)
    assert not at.exception
    shown = at.dataframe[0].value.set_index("Period")
    rows = raw[(raw["indicator_id"] == "eyfsp_gld") & (raw["breakdown"] == "all")]
    if params.get("benchmark") == "peers_2025":
        neighbours = pd.read_csv(paths.data_dir() / "statistical_neighbours.csv")
        codes = neighbours[(neighbours["model"] == 2025) & (neighbours["area_code"] == DARLINGTON)][
            "neighbour_code"
        ]
        peers = rows[rows["area_code"].isin(codes) & (rows["period"] == "2018/19")]
        pooled = 100 * peers["numerator"].sum() / peers["denominator"].sum()
        assert shown.loc["2018/19", "Benchmark"] == pytest.approx(round(pooled, 1))
    else:
        england = rows[(rows["area_code"] == "E92000001") & (rows["period"] == "2024/25")]
        region = rows[(rows["area_code"] == "E12000001") & (rows["period"] == "2024/25")]
        gap = float(region["value"].iloc[0]) - float(england["value"].iloc[0])
        assert shown.loc["2024/25", "Gap (points)"] == pytest.approx(round(gap, 1))
    assert any(label in m.value for m in at.markdown)
