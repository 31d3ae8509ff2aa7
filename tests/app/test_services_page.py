"""Services page: the points drawn are the site list; the area table is the API's."""

from __future__ import annotations

from indicators import data, views
from indicators.sources.services import SERVICE_TYPES
from tests.app.conftest import PAGE as PAGES_BY_URL
from tests.app.conftest import array, open_page, plotly_specs

PAGE = PAGES_BY_URL["services"]


def test_points_drawn_are_the_sites_with_coordinates(app):
    at = open_page(app, PAGE, area="E06000005")
    assert not at.exception
    sites = data.read_service_sites()
    spec = plotly_specs(at)[0]
    points = {
        t["name"].rsplit(" (", 1)[0]: len(array(t["lat"]))
        for t in spec["data"]
        if t["type"] in ("scattergeo", "scattermap")
        and t.get("mode") == "markers"
        and len(array(t["lat"])) > 1
    }
    expected = (
        views.service_points(sites, types=["childrens_centre", "family_hub", "ni_sure_start"])
        .groupby("service_type")
        .size()
    )
    assert points == {SERVICE_TYPES[k]: v for k, v in expected.items()}


def test_layer_toggle_changes_the_points(app):
    at = open_page(app, PAGE)
    at.multiselect[0].set_value(["family_hub"]).run()
    spec = plotly_specs(at)[0]
    names = [
        t["name"]
        for t in spec["data"]
        if t["type"] in ("scattergeo", "scattermap")
        and t["name"].startswith(tuple(SERVICE_TYPES.values()))
    ]
    assert names == ["Family hub (DfE list) (673)"]


def test_area_table_and_partial_lists(app):
    at = open_page(app, PAGE, indicator="asq3_all_domains")
    indicators, areas, neighbours = (
        data.read_indicators(),
        data.read_areas(),
        data.read_neighbours(),
    )
    from indicators.state import Selection

    options = views.selection_options(indicators, areas)
    selection = Selection(
        indicator="asq3_all_domains", period=options.default_period_of["asq3_all_domains"]
    )
    expected = views.services_table(
        indicators,
        views.map_view(indicators, areas, neighbours, selection),
        indicator_id="asq3_all_domains",
    )
    shown = at.dataframe[0].value
    assert list(shown["Area code"]) == list(expected["Area code"])
    assert list(shown["Children's centres"]) == list(expected["Children's centres"])
    assert any("Partial: 17" in w.value for w in at.warning)
