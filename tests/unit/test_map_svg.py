"""The map component's geometry (projected SVG paths) and its per-change payload.

Expected values are worked by hand: projected coordinates by the inverse Gudermannian
(y = asinh(tan(latitude))), a different formula from the code's ln(tan(pi/4 + lat/2)); classes
and colours from the SYNTHETIC fixture values (tests/unit/test_views.py's docstring): ASQ-3
2021/22 Hartlepool 60.0, Middlesbrough 72.0, Darlington 90.0, Halton 84.0, Warrington
suppressed; Wales, Scotland and Northern Ireland not collected.
"""

from __future__ import annotations

import json
import math
import re

import pytest

from indicators import data, figures, map_svg, paths, views
from indicators.state import Selection
from tests.conftest import FIXTURE_DATA

#: The fixture boundary file's feature order (the order of every per-area list).
FIXTURE_ORDER = [
    "E06000001",
    "E06000002",
    "E06000005",
    "E06000006",
    "E06000007",
    "W06000015",
    "S12000036",
    "N09000003",
]


def x_of(lon: float) -> float:
    return lon * 1000


def y_of(lat: float) -> float:
    return -math.degrees(math.asinh(math.tan(math.radians(lat)))) * 1000


def path_points(path: str) -> list[tuple[float, float]]:
    """Absolute points of an SVG path made of M (absolute), l (relative) and z."""
    points, x, y = [], 0.0, 0.0
    for command, a, b in re.findall(r"([Ml])(-?\d+) (-?\d+)", path):
        if command == "M":
            x, y = float(a), float(b)
        else:
            x, y = x + float(a), y + float(b)
        points.append((x, y))
    return points


def bbox(points: list[tuple[float, float]]) -> tuple[float, float, float, float]:
    xs, ys = [p[0] for p in points], [p[1] for p in points]
    return min(xs), min(ys), max(xs), max(ys)


@pytest.fixture(scope="module")
def fixture_shapes() -> map_svg.MapShapes:
    boundaries = json.loads((FIXTURE_DATA / paths.BOUNDARIES_FILE).read_text())
    return map_svg.project_boundaries(boundaries)


@pytest.fixture(scope="module")
def fixture_table():
    indicators = data.read_indicators(FIXTURE_DATA / paths.INDICATORS_FILE)
    areas = data.read_areas(FIXTURE_DATA / paths.AREAS_FILE)
    neighbours = data.read_neighbours(FIXTURE_DATA / paths.NEIGHBOURS_FILE)
    selection = Selection(indicator="asq3_all_domains", period="2021/22")
    return views.map_view(indicators, areas, neighbours, selection)


def test_a_fixture_square_is_projected_to_its_box(fixture_shapes):
    assert list(fixture_shapes.codes) == FIXTURE_ORDER
    assert fixture_shapes.names[2] == "Darlington"
    # Darlington: 1.6 to 1.5 W, 54.48 to 54.58 N; one ring of five points whose last repeats
    # the first: four points and a close ("z").
    darlington = fixture_shapes.paths[2]
    assert darlington.startswith("M") and darlington.endswith("z") and darlington.count("M") == 1
    points = path_points(darlington)
    assert len(points) == 4
    west, north, east, south = bbox(points)
    assert (west, east) == (-1600, -1500)
    assert north == pytest.approx(y_of(54.58), abs=0.5)
    assert south == pytest.approx(y_of(54.48), abs=0.5)
    # North is up: a larger latitude has a smaller SVG y.
    assert north < south


def test_a_real_area_path_covers_its_boundary(tmp_path):
    """The Isle of Wight (E06000046) in the served boundary file: the path's box is the
    projected box of its GeoJSON coordinates (to the unit)."""
    boundaries = json.loads((paths.PROJECT_ROOT / "data" / paths.BOUNDARIES_FILE).read_text())
    shapes = map_svg.project_boundaries(boundaries)
    assert len(shapes.codes) == 218
    feature = next(f for f in boundaries["features"] if f["id"] == "E06000046")
    lon_lat = list(_coordinates(feature["geometry"]["coordinates"]))
    lons, lats = [p[0] for p in lon_lat], [p[1] for p in lon_lat]
    west, north, east, south = bbox(path_points(shapes.paths[shapes.codes.index("E06000046")]))
    assert west == pytest.approx(x_of(min(lons)), abs=1)
    assert east == pytest.approx(x_of(max(lons)), abs=1)
    assert north == pytest.approx(y_of(max(lats)), abs=1)
    assert south == pytest.approx(y_of(min(lats)), abs=1)
    # The island lies near 1.3 W, 50.7 N.
    assert west < x_of(-1.3) < east and north < y_of(50.7) < south


def _coordinates(nested):
    if isinstance(nested[0], (int, float)):
        yield nested
        return
    for part in nested:
        yield from _coordinates(part)


def test_the_shapes_file_and_its_digest(fixture_shapes):
    body = json.loads(map_svg.shapes_json(fixture_shapes))
    assert body["codes"] == FIXTURE_ORDER and len(body["paths"]) == 8
    assert fixture_shapes.url == f"/mapshapes/{fixture_shapes.digest}.json"
    moved = json.loads((FIXTURE_DATA / paths.BOUNDARIES_FILE).read_text())
    moved["features"][0]["geometry"]["coordinates"][0][0][0] -= 0.01
    moved["features"][0]["geometry"]["coordinates"][0][-1][0] -= 0.01
    assert map_svg.project_boundaries(moved).digest != fixture_shapes.digest


def test_quintile_colours_by_hand(fixture_table, fixture_shapes):
    payload = map_svg.map_payload(
        fixture_table, fixture_shapes, indicator_id="asq3_all_domains", period="2021/22"
    )
    # Quintile edges of 60, 72, 84, 90 (linear quantiles): 60.0, 67.2, 74.4, 81.6, 86.4,
    # 90.0; then suppressed (5) and not collected (6).
    assert dict(zip(FIXTURE_ORDER, payload["colour"], strict=True)) == {
        "E06000001": 0,
        "E06000002": 1,
        "E06000005": 4,
        "E06000006": 3,
        "E06000007": 5,
        "W06000015": 6,
        "S12000036": 6,
        "N09000003": 6,
    }
    assert payload["legend"][4] == ["86.4 to 90.0 (1)", figures.BLUES[4]]
    assert payload["legend"][6] == ["Not collected in this nation (3)", figures.NOT_COLLECTED_GREY]
    assert payload["title"] == "ASQ-3 all five areas, 2021/22"
    assert payload["selected"] is None and payload["view"] is None


def test_equal_interval_colours_by_hand(fixture_table, fixture_shapes):
    payload = map_svg.map_payload(
        fixture_table,
        fixture_shapes,
        indicator_id="asq3_all_domains",
        period="2021/22",
        classes_method="equal_intervals",
    )
    # 60 to 90 in five steps of 6: edges 60, 66, 72, 78, 84, 90; a value on an edge goes up
    # (72 is in the third class, 84 and 90 in the fifth).
    colours = dict(zip(FIXTURE_ORDER, payload["colour"], strict=True))
    assert [colours[c] for c in ("E06000001", "E06000002", "E06000006", "E06000005")] == [
        0,
        2,
        4,
        4,
    ]
    assert [entry[0] for entry in payload["legend"][:5]] == [
        "60.0 to 66.0 (1)",
        "66.0 to 72.0 (0)",
        "72.0 to 78.0 (1)",
        "78.0 to 84.0 (0)",
        "84.0 to 90.0 (2)",
    ]


def test_tooltip_lines_are_plain_text(fixture_table, fixture_shapes):
    hostile = fixture_table.copy()
    hostile.loc[hostile["area_code"] == "E06000001", "caution"] = "<b>check</b> & see"
    payload = map_svg.map_payload(
        hostile, fixture_shapes, indicator_id="asq3_all_domains", period="2021/22"
    )
    lines = [payload["texts"][i] for i in payload["lines"][0]]
    # Hartlepool 300/500: 60.0% (Wilson 55.6 to 64.2), below England's 80.0, lowest of four.
    assert lines == [
        "60.0% (95% CI 55.6 to 64.2)",
        "Worse compared with England",
        "Rank 4 of 4",
        "<b>check</b> & see",  # as written: the browser sets it as text, never as HTML
    ]
    assert payload["caution"] == ["E06000001"]


def test_my_area_outline_and_view(fixture_table, fixture_shapes):
    base = map_svg.map_payload(
        fixture_table, fixture_shapes, indicator_id="asq3_all_domains", period="2021/22"
    )
    placed = map_svg.place_view(
        base, fixture_shapes, selected_area="E06000005", box=(-2.0, 54.0, -1.0, 55.0)
    )
    assert placed["selected"] == "E06000005"
    assert placed["legend"][-1] == ["Outlined: Darlington", figures.SELECTED_OUTLINE, "outline"]
    x, y, width, height = placed["view"]
    assert (x, width) == (-2000, 1000)
    assert y == pytest.approx(y_of(55.0), abs=0.5)
    assert y + height == pytest.approx(y_of(54.0), abs=0.5)
    # The cached colours are not changed; an area the map does not draw is not outlined.
    assert base["selected"] is None and len(base["legend"]) == 7
    assert (
        map_svg.place_view(base, fixture_shapes, selected_area="E10000021", box=None)["selected"]
        is None
    )
