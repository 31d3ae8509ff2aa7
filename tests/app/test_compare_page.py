"""Compare areas page: bars and funnel show the engine's comparison for every area."""

from __future__ import annotations

from indicators import views
from indicators.state import Selection
from tests.app.conftest import PAGE, array, open_page, plotly_specs


def selection(api, **kwargs):
    indicator = kwargs.get("indicator", "asq3_all_domains")
    return Selection(
        indicator=indicator,
        period=api["options"].default_period_of[indicator],
        area="E06000005",
        **{k: v for k, v in kwargs.items() if k != "indicator"},
    )


def test_bars_are_sorted_best_first_with_ci_whiskers(app, api):
    at = open_page(app, PAGE["compare"], area="E06000005", indicator="asq3_all_domains")
    table = views.compare_view(api["indicators"], api["areas"], api["neighbours"], selection(api))
    drawn = table[table["value"].notna()]
    bars = plotly_specs(at)[0]["data"][0]
    assert bars["type"] == "bar"
    values = array(bars["x"])[::-1]  # plotly lists bottom-up
    assert values == drawn["value"].tolist()
    assert values == sorted(values, reverse=True)
    assert (
        array(bars["error_x"]["array"])[::-1]
        == (drawn["upper_ci95"] - drawn["value"]).fillna(0).tolist()
    )
    names = array(bars["y"])[::-1]
    assert names[drawn.index.get_loc(drawn.index[drawn["selected"]][0])].startswith(
        "<b>▶ Darlington"
    )


def test_table_shows_the_engine_comparison(app, api):
    at = open_page(app, PAGE["compare"], area="E06000005", indicator="asq3_all_domains")
    table = views.compare_view(api["indicators"], api["areas"], api["neighbours"], selection(api))
    shown = at.dataframe[0].value
    drawn = table[table["value"].notna()]
    assert list(shown["Area code"]) == list(drawn["area_code"])
    assert list(shown["Compared with England"]) == list(drawn["comparison_label"])


def test_funnel_view_puts_each_area_against_the_limits(app, api):
    at = open_page(
        app, PAGE["compare"], area="E06000005", indicator="asq3_all_domains", view="funnel"
    )
    table = views.compare_view(api["indicators"], api["areas"], api["neighbours"], selection(api))
    points, limits = views.funnel_view(
        table, benchmark_value=float(table["benchmark_value"].dropna().iloc[0])
    )
    spec = plotly_specs(at)[0]
    markers = [t for t in spec["data"] if t.get("mode") == "markers"]
    assert sum(len(array(t["x"])) for t in markers) == len(points)
    lines = [t for t in spec["data"] if t.get("mode") == "lines"]
    assert array(lines[0]["x"]) == limits["denominator"].tolist()
    shown = at.dataframe[0].value
    assert (
        shown["Funnel position"].value_counts().to_dict()
        == points["funnel_position"].value_counts().to_dict()
    )


def test_funnel_without_counts_explains_itself(app):
    at = open_page(app, PAGE["compare"], indicator="eyfsp_gld", period="2024/25", view="funnel")
    assert not at.exception
    assert any("needs counts" in i.value for i in at.info)


def test_peers_are_highlighted_with_the_peer_benchmark(app, api):
    at = open_page(
        app,
        PAGE["compare"],
        area="E06000005",
        indicator="eyfsp_gld",
        period="2018/19",
        benchmark="peers_2025",
    )
    names = array(plotly_specs(at)[0]["data"][0]["y"])
    peers = set(
        api["neighbours"][
            (api["neighbours"]["model"].astype(str) == "2025")
            & (api["neighbours"]["area_code"] == "E06000005")
        ]["neighbour_code"]
    )
    peer_names = set(api["areas"].loc[api["areas"]["area_code"].isin(peers), "area_name"])
    marked = {n.removesuffix(" ◆") for n in names if n.endswith(" ◆")}
    assert marked == peer_names
