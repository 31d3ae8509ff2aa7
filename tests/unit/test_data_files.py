"""Checks on the committed data/ folder: manifest, boundaries, codes, published totals."""

from __future__ import annotations

import hashlib
import json

import geopandas as gpd
import pandas as pd
import pytest

from indicators import paths
from indicators.data import read_map_boundaries, read_sources
from indicators.geography import check_coverage

MAX_BOUNDARY_BYTES = 1_000_000


def manifest() -> pd.DataFrame:
    return pd.read_csv(paths.DATA_DIR / paths.MANIFEST_FILE, dtype=str, keep_default_na=False)


def test_every_data_file_is_in_the_manifest_with_its_hash():
    listed = manifest().set_index("file")
    on_disk = sorted(
        p.name for p in paths.DATA_DIR.iterdir() if p.is_file() and p.name != paths.MANIFEST_FILE
    )
    assert sorted(listed.index) == on_disk
    for name in on_disk:
        digest = hashlib.sha256((paths.DATA_DIR / name).read_bytes()).hexdigest()
        assert listed.loc[name, "sha256"] == digest, f"{name} changed since the build"
        assert listed.loc[name, "licence"] and listed.loc[name, "made_by"].startswith(
            "python -m indicators build"
        )
        assert listed.loc[name, "raw_inputs"], f"{name} names no raw input"


def test_boundary_file_is_small_complete_and_a_clean_coverage(committed_areas):
    path = paths.DATA_DIR / paths.BOUNDARIES_FILE
    assert path.stat().st_size <= MAX_BOUNDARY_BYTES
    collection = read_map_boundaries(path)
    codes = [f["id"] for f in collection["features"]]
    assert len(codes) == len(set(codes)) == 218
    prefixes = pd.Series(codes).str[0].value_counts().to_dict()
    assert prefixes == {"E": 153, "W": 22, "S": 32, "N": 11}
    assert set(codes) == set(committed_areas.loc[committed_areas["in_map"], "area_code"])
    frame = gpd.read_file(path)
    coverage = check_coverage(frame)
    assert coverage["coverage_valid"] and coverage["invalid_geometries"] == 0
    assert coverage["empty_geometries"] == 0
    assert abs(coverage["overlap_km2"]) < 0.01  # no overlaps between neighbours


def test_every_area_code_has_a_boundary_or_is_a_known_predecessor(committed_indicators):
    boundaries = {f["id"] for f in read_map_boundaries()["features"]}
    changes = pd.read_csv(paths.DATA_DIR / paths.CODE_CHANGES_FILE, dtype=str)
    predecessors = set(changes["predecessor_code"])
    las = committed_indicators[committed_indicators["area_level"] == "la"]
    offenders = sorted(set(las["area_code"]) - boundaries - predecessors)
    assert offenders == [], f"area codes with no boundary and no successor: {offenders}"
    flagged = las[~las["area_code"].isin(boundaries)]
    assert (flagged["area_status"] == "predecessor").all()


def test_every_row_cites_a_known_source(committed_indicators):
    sources = read_sources()
    assert set(committed_indicators["source_id"]) <= set(sources.index)
    assert (sources["url"].str.startswith("http")).all() and (sources["licence"] != "").all()


def test_england_gld_2018_19_recomputed_from_la_counts_is_the_published_71_8(committed_indicators):
    las = committed_indicators[
        (committed_indicators["indicator_id"] == "eyfsp_gld")
        & (committed_indicators["period"] == "2018/19")
        & (committed_indicators["breakdown"] == "all")
        & (committed_indicators["area_level"] == "la")
        & (committed_indicators["area_status"] != "built_from_predecessor")
    ]
    assert len(las) == 151
    recomputed = 100 * las["numerator"].sum() / las["denominator"].sum()
    assert round(recomputed, 1) == 71.8


def test_no_missing_value_is_stored_as_zero(committed_indicators):
    missing = committed_indicators[~committed_indicators["status"].isin(["ok", "low_reliability"])]
    assert missing["value"].isna().all()


def test_successor_rows_only_for_same_territory(committed_indicators):
    built = committed_indicators[committed_indicators["area_status"] == "built_from_predecessor"]
    changes = pd.read_csv(paths.DATA_DIR / paths.CODE_CHANGES_FILE, dtype=str)
    allowed = set(changes.loc[changes["kind"].isin(["same_area", "merger"]), "successor_code"])
    assert set(built["area_code"]) <= allowed
    assert "E06000058" not in set(built["area_code"])  # BCP took Christchurch from Dorset county
    assert built["note"].str.contains("Same territory|Sum of the published counts").all()


def test_geojson_is_plain_json_with_ids():
    text = (paths.DATA_DIR / paths.BOUNDARIES_FILE).read_text()
    collection = json.loads(text)
    assert all(set(f["properties"]) == {"area_code", "area_name"} for f in collection["features"])


@pytest.mark.parametrize("name", [paths.AREAS_FILE, paths.NEIGHBOURS_FILE, paths.CODE_CHANGES_FILE])
def test_lookup_codes_are_gss(name):
    frame = pd.read_csv(paths.DATA_DIR / name, dtype=str, keep_default_na=False)
    for column in [c for c in frame.columns if c.endswith("_code") and c != "region_code"]:
        values = frame[column][frame[column] != ""]
        # Northern Ireland's five HSC trusts have no GSS code; they keep the DoH NI codes.
        trusts = values.isin(["BHSCT", "NHSCT", "SEHSCT", "SHSCT", "WHSCT"])
        assert values[~trusts].str.match(r"^[EWSNK]\d{8}$").all(), f"{name}:{column}"
