"""Compare areas page: hand-worked answers on the SYNTHETIC fixture (tests/fixtures/data).

ASQ-3 2021/22 (invented): Darlington 90.0 (450/500, 95% CI 87.1 to 92.3), Halton 84.0
(420/500, 80.5 to 87.0), Middlesbrough 72.0 (360/500, 67.9 to 75.8), Hartlepool 60.0 (300/500,
55.6 to 64.2), Warrington suppressed; England 80.0, North East 70.0, North West 85.0.
Darlington's 2025 neighbours: Hartlepool, Middlesbrough, Halton.
"""

from __future__ import annotations

import pytest

from tests.app.conftest import PAGE, array, open_page, plotly_specs

ORDER = ["Darlington", "Halton", "Middlesbrough", "Hartlepool"]  # best first


def test_bars_are_sorted_best_first_with_ci_whiskers(fixture_app):
    at = open_page(fixture_app, PAGE["compare"], area="E06000005", indicator="asq3_all_domains")
    assert not at.exception
    bars = plotly_specs(at)[0]["data"][0]
    assert bars["type"] == "bar"
    assert array(bars["x"])[::-1] == [90.0, 84.0, 72.0, 60.0]  # plotly lists bottom-up
    upper = array(bars["error_x"]["array"])[::-1]
    assert upper == pytest.approx([2.3, 3.0, 3.8, 4.2])  # upper CI minus value
    # The selected area in bold with an arrow; its 2025 neighbours with a diamond.
    assert array(bars["y"])[::-1] == [
        "<b>▶ Darlington</b>",
        "Halton ◆",
        "Middlesbrough ◆",
        "Hartlepool ◆",
    ]


def test_table_shows_the_comparison_with_england(fixture_app):
    at = open_page(fixture_app, PAGE["compare"], area="E06000005", indicator="asq3_all_domains")
    shown = at.dataframe[0].value
    assert list(shown["Area"]) == ORDER
    assert list(shown["Compared with England"]) == ["Better", "Better", "Worse", "Worse"]
    assert list(shown["Benchmark"]) == ["England (80.0%)"] * 4
    legend = [t["name"] for t in plotly_specs(at)[0]["data"][1:]]
    assert "England: 80.0%" in legend
    assert any("Warrington — Suppressed" in c.value for c in at.caption)


def test_region_benchmark_is_each_areas_own_region(fixture_app):
    at = open_page(
        fixture_app,
        PAGE["compare"],
        area="E06000005",
        indicator="asq3_all_domains",
        benchmark="region",
    )
    assert not at.exception
    shown = at.dataframe[0].value
    assert "Compared with North East" not in shown.columns
    assert list(shown["Compared with its own region"]) == ["Better", "Similar", "Similar", "Worse"]
    assert list(shown["Benchmark"]) == [
        "North East (70.0%)",
        "North West (85.0%)",
        "North East (70.0%)",
        "North East (70.0%)",
    ]
    captions = " ".join(c.value for c in at.caption)
    assert "Each area is compared with its own region" in captions
    assert "its own its" not in captions
    legend = [t["name"] for t in plotly_specs(at)[0]["data"][1:]]
    assert not any(name.startswith(("North East:", "North West:")) for name in legend)


def test_funnel_puts_each_area_against_the_limits(fixture_app):
    # By hand (normal approximation, n = 500, p = 0.8, sd = 1.79 points): 95% limits about
    # 76.5 to 83.5, 99.8% limits about 74.5 to 85.5. Darlington 90 is above the 99.8% limit,
    # Halton 84 above the 95% one only, Middlesbrough 72 and Hartlepool 60 below 99.8%.
    at = open_page(
        fixture_app, PAGE["compare"], area="E06000005", indicator="asq3_all_domains", view="funnel"
    )
    assert not at.exception
    shown = at.dataframe[0].value
    assert dict(zip(shown["Area"], shown["Funnel position"], strict=True)) == {
        "Darlington": "above 99.8% limit",
        "Halton": "above 95% limit",
        "Middlesbrough": "below 99.8% limit",
        "Hartlepool": "below 99.8% limit",
    }
    markers = [t for t in plotly_specs(at)[0]["data"] if t.get("mode") == "markers"]
    assert sum(len(array(t["x"])) for t in markers) == 4


def test_peers_are_highlighted_with_the_peer_benchmark(fixture_app):
    at = open_page(
        fixture_app,
        PAGE["compare"],
        area="E06000005",
        indicator="asq3_all_domains",
        benchmark="peers_2025",
    )
    names = array(plotly_specs(at)[0]["data"][0]["y"])
    marked = {n.removesuffix(" ◆") for n in names if n.endswith(" ◆")}
    assert marked == {"Hartlepool", "Middlesbrough", "Halton"}
    shown = at.dataframe[0].value
    # Pooled neighbours of Darlington: (300 + 360 + 420) / 1500 = 72.0%.
    darlington = shown[shown["Area"] == "Darlington"].iloc[0]
    assert darlington["Benchmark"] == "its statistical neighbours (2025 model; 72.0%)"


def test_a_rate_is_compared_in_its_own_unit(fixture_app):
    at = open_page(
        fixture_app,
        PAGE["compare"],
        indicator="childrens_centres_per_1000_under5",
        area="E06000005",
    )
    assert not at.exception
    bars = plotly_specs(at)[0]["data"][0]
    assert any("Darlington: 0.12 per 1,000 under-5s" in h for h in bars["hovertemplate"])
    assert not any("%" in h.split("<br>")[0] for h in bars["hovertemplate"])


def test_funnel_without_counts_explains_itself(app):
    at = open_page(app, PAGE["compare"], indicator="eyfsp_gld", period="2024/25", view="funnel")
    assert not at.exception
    assert any("needs counts" in i.value for i in at.info)


def test_extremes_only_period_is_told_in_words_not_ranked(app):
    # raw national/scotland_27_30_month_review.csv: for 2021/22 only the highest (West
    # Dunbartonshire 26.1%) and lowest (Aberdeenshire 8.6%) council areas were published.
    at = open_page(app, PAGE["compare"], indicator="scot_concern_27_30m", period="2021/22")
    words = " ".join(i.value for i in at.info)
    assert "highest: West Dunbartonshire (26.1%), lowest: Aberdeenshire (8.6%)" in words
    assert not at.exception
    assert not any(len(d.value) for d in at.dataframe)
