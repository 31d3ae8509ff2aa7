"""Map zoom boxes from boundaries, and the map view's cache key (not "my area")."""

from __future__ import annotations

import pytest

from indicators import figures, loaders, views
from indicators.state import Selection

#: Two squares and an L-shaped multipolygon, coordinates chosen by hand.
BOUNDARIES = {
    "type": "FeatureCollection",
    "features": [
        {
            "type": "Feature",
            "id": "E06000001",
            "geometry": {
                "type": "Polygon",
                "coordinates": [[[0, 50], [1, 50], [1, 51], [0, 51], [0, 50]]],
            },
        },
        {
            "type": "Feature",
            "id": "E06000002",
            "geometry": {
                "type": "MultiPolygon",
                "coordinates": [
                    [[[2, 52], [3, 52], [3, 53], [2, 52]]],
                    [[[-1, 49], [-0.5, 49], [-0.5, 49.5], [-1, 49]]],
                ],
            },
        },
    ],
}


def test_boxes_hold_every_ring_of_a_feature():
    boxes = figures.boundary_boxes(BOUNDARIES)
    assert boxes == {"E06000001": (0, 50, 1, 51), "E06000002": (-1, 49, 3, 53)}


def test_box_around_several_areas_and_the_minimum_size():
    boxes = figures.boundary_boxes(BOUNDARIES)
    assert figures.box_around(boxes, ["E06000001", "E06000002"]) == (-1, 49, 3, 53)
    # 1 x 1 degree, widened about its centre (0.5, 50.5) to 2.4 x 1.5
    west, south, east, north = figures.box_around(boxes, ["E06000001"], minimum=(2.4, 1.5))
    assert (west, east) == pytest.approx((-0.7, 1.7))
    assert (south, north) == pytest.approx((49.75, 51.25))
    with pytest.raises(ValueError):
        figures.box_around(boxes, ["W06000001"])


def test_choosing_my_area_reuses_the_cached_map_view(monkeypatch):
    calls = []
    real = views.map_view

    def counted(*args, **kwargs):
        calls.append(args[3])
        return real(*args, **kwargs)

    monkeypatch.setattr(views, "map_view", counted)
    loaders._map_view.clear()
    period = loaders.load_options().default_period_of["eyfsp_gld"]
    first = loaders.map_view(Selection(period=period, area="E06000005"), "95")
    second = loaders.map_view(Selection(period=period, area="E10000016", nation="England"), "95")
    assert first is second and len(calls) == 1
    loaders.map_view(Selection(period=period, benchmark="region"), "95")
    assert len(calls) == 2
    loaders._map_view.clear()
