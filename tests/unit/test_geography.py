"""Reorganisations, neighbours and boundary simplification."""

from __future__ import annotations

import geopandas as gpd
import pandas as pd
import pytest
import shapely
from shapely.geometry import Polygon

from indicators import paths
from indicators.geography import check_coverage, simplify_boundaries, successor_rules


def changes() -> pd.DataFrame:
    return pd.read_csv(paths.DATA_DIR / paths.CODE_CHANGES_FILE, dtype=str)


@pytest.mark.parametrize(
    ("predecessor", "successor", "kind"),
    [
        ("E10000002", "E06000060", "same_area"),  # Buckinghamshire county became a unitary, 2020
        ("E10000023", "E06000065", "same_area"),  # North Yorkshire, 2023
        ("E10000021", "E06000061", "split"),  # Northamptonshire into North and West, 2021
        ("E10000006", "E06000064", "split"),  # Cumbria, 2023
        ("E06000028", "E06000058", "merger"),  # Bournemouth into BCP, 2019
        ("E10000009", "E06000058", "merger_and_split"),  # Christchurch left Dorset county for BCP
    ],
)
def test_known_reorganisations(predecessor, successor, kind):
    row = changes().set_index(["predecessor_code", "successor_code"]).loc[(predecessor, successor)]
    assert row["kind"] == kind


def test_only_whole_predecessors_build_a_successor():
    rules = successor_rules(changes().assign(year=lambda f: f["year"].astype(int)))
    assert rules["E06000060"] == ["E10000002"]
    assert "E06000058" not in rules and "E06000061" not in rules


def test_neighbours_are_ten_per_area_and_never_the_area_itself():
    neighbours = pd.read_csv(paths.DATA_DIR / paths.NEIGHBOURS_FILE, dtype=str)
    counts = neighbours.groupby(["model", "area_code"]).size()
    assert (counts == 10).all()
    assert (neighbours["area_code"] != neighbours["neighbour_code"]).all()
    latest = neighbours[neighbours["model"] == "2025"]
    assert {"E06000063", "E06000065"} <= set(latest["area_code"])  # 2023 geography


def test_simplification_keeps_shared_edges_of_a_synthetic_coverage():
    # Two neighbours sharing a wiggly edge, in British National Grid metres (synthetic).
    edge = [(1000.0, y * 100.0 + (37.0 if y % 2 else 0.0)) for y in range(0, 101)]
    left = Polygon([(0, 0), *edge, (0, 10000)])
    right = Polygon([(2000, 0), *edge, (2000, 10000)])
    frame = gpd.GeoDataFrame(
        {"area_code": ["E06000001", "E06000002"], "area_name": ["A", "B"]},
        geometry=[shapely.orient_polygons(left), shapely.orient_polygons(right)],
        crs=27700,
    ).to_crs(4326)
    simplified = simplify_boundaries(frame, tolerance_m=200)
    coverage = check_coverage(simplified)
    assert coverage["coverage_valid"] and abs(coverage["overlap_km2"]) < 1e-6
    before = sum(len(g.exterior.coords) for g in frame.geometry)
    after = sum(len(g.exterior.coords) for g in simplified.geometry)
    assert after < before
