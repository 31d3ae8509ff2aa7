"""Service readers and area counts, on hand-made fixtures and on the committed data."""

from __future__ import annotations

import math

import geopandas as gpd
import numpy as np
import pandas as pd
import pytest
from shapely.geometry import box

from indicators import paths
from indicators.data import read_areas, read_indicators, read_service_sites
from indicators.errors import SourceFormatError
from indicators.services import service_indicators
from indicators.sources.services import (
    normalise_postcode,
    place_in_areas,
    read_directory_sites,
    read_gias_centres,
)

UPPER = {"E06000005": "E06000005", "E07000012": "E10000003", "E08000038": "E08000016"}


@pytest.fixture
def gias(fixture_path):
    return read_gias_centres(
        fixture_path("synthetic_gias_centres.csv"),
        latlng_path=fixture_path("synthetic_postcode_latlng.csv"),
        upper_tier_of=UPPER,
    )


def test_postcodes_are_normalised():
    assert (
        normalise_postcode(" dl1  1aa") == "DL1 1AA" and normalise_postcode("SW1A1AA") == "SW1A 1AA"
    )


def test_gias_sites_are_placed_with_their_precision(gias):
    by_name = gias.set_index("name")
    assert by_name.loc["Alpha Children's Centre", "location_precision"] == "postcode"
    assert (
        by_name.loc["Beta Children's Centre", "location_precision"]
        == "approximate_retired_postcode"
    )
    assert by_name.loc["Gamma Linked Site", "location_precision"] == "approximate_district"
    assert by_name.loc["Gamma Linked Site", "service_type"] == "childrens_centre_linked_site"
    delta = by_name.loc["Delta Children's Centre"]
    assert delta["location_precision"] == "not_placed" and math.isnan(delta["lat"])
    assert delta["area_code"] == "E10000003"  # counted in its county through its district code
    assert by_name.loc["Epsilon Children's Centre", "area_code"] == "E08000016"


def test_gias_unknown_district_is_an_error(fixture_path):
    with pytest.raises(SourceFormatError, match="E06000005") as caught:
        read_gias_centres(
            fixture_path("synthetic_gias_centres.csv"),
            latlng_path=fixture_path("synthetic_postcode_latlng.csv"),
            upper_tier_of={},
        )
    assert caught.value.line == 2


def test_directory_keeps_hubs_and_ni_sites_with_source_and_confidence(fixture_path, gias):
    sites = read_directory_sites(fixture_path("synthetic_directory.csv"), gias_sites=gias)
    assert sorted(sites["service_type"]) == ["family_hub", "family_hub", "ni_sure_start"]
    matched = sites.set_index("name").loc["Alpha Children's Centre"]
    assert (matched["area_code"], matched["area_method"]) == (
        "E06000005",
        "GIAS district code (matched centre)",
    )
    zeta = sites.set_index("name").loc["Zeta Family Hub"]
    assert (
        zeta["area_code"] == ""
        and zeta["confidence"] == "medium"
        and zeta["source"].startswith("DfE family hub")
    )


def test_unmatched_sites_are_placed_by_coordinates(fixture_path, gias):
    sites = read_directory_sites(fixture_path("synthetic_directory.csv"), gias_sites=gias)
    areas = gpd.GeoDataFrame(
        {"area_code": ["E06000005", "N09000003"]},
        geometry=[box(-1.7, 54.4, -1.4, 54.6), box(-6.1, 54.5, -5.8, 54.7)],
        crs=4326,
    )
    placed = place_in_areas(sites, areas).set_index("name")
    assert placed.loc["Zeta Family Hub", "area_code"] == "E06000005"
    assert placed.loc["Belfast Sure Start", "area_code"] == "N09000003"
    assert placed.loc["Zeta Family Hub", "area_method"] == "point in area (coordinates)"


def test_area_counts_and_rates_from_a_fixture(gias):
    areas = pd.DataFrame(
        {
            "area_code": ["E06000005", "E10000003", "E08000016"],
            "area_name": ["Darlington", "Cambridgeshire", "Barnsley"],
            "in_map": True,
            "nation": "England",
            "under5_population": [5000.0, np.nan, 10000.0],
            "population_period": ["mid-2020", "", "mid-2020"],
        }
    )
    programme = pd.DataFrame(
        {"area_code": ["E06000005"], "programme": ["start_for_life"], "trailblazer": [True]}
    )
    rows = service_indicators(gias, areas, programme).set_index(["indicator_id", "area_code"])
    direct = gias[gias["service_type"] == "childrens_centre"].groupby("area_code").size()
    for code in areas["area_code"]:
        assert rows.loc[("childrens_centres_n", code), "value"] == direct.get(code, 0)
    assert rows.loc[("childrens_centre_linked_sites_n", "E06000005"), "value"] == 1
    rate = rows.loc[("childrens_centres_per_1000_under5", "E06000005")]
    assert rate["value"] == pytest.approx(1000 * 2 / 5000) and rate["denominator"] == 5000
    no_population = rows.loc[("childrens_centres_per_1000_under5", "E10000003")]
    assert math.isnan(no_population["value"]) and no_population["status"] == "not_available"
    assert rows.loc[("family_hubs_start_for_life", "E06000005"), "value"] == 1.0
    assert rows.loc[("family_hubs_start_for_life", "E08000016"), "value"] == 0.0
    assert "Trailblazer" in rows.loc[("family_hubs_start_for_life", "E06000005"), "note"]


def test_committed_counts_equal_a_direct_count_of_the_site_list():
    sites, indicators, areas = read_service_sites(), read_indicators(), read_areas()
    direct = sites[sites["service_type"] == "family_hub"].groupby("area_code").size()
    hubs = indicators[indicators["indicator_id"] == "family_hubs_n"].set_index("area_code")["value"]
    england = areas.loc[areas["in_map"] & (areas["nation"] == "England"), "area_code"]
    assert set(hubs.index) == set(england)
    for code in england:
        assert hubs[code] == direct.get(code, 0)
    population = areas.set_index("area_code")["under5_population"]
    rates = indicators[indicators["indicator_id"] == "childrens_centres_per_1000_under5"].set_index(
        "area_code"
    )
    centres = sites[sites["service_type"] == "childrens_centre"].groupby("area_code").size()
    for code, row in rates.iterrows():
        assert row["denominator"] == population[code]
        assert row["value"] == pytest.approx(1000 * centres.get(code, 0) / population[code])
    assert (
        sites.groupby("service_type").size()[["childrens_centre", "childrens_centre_linked_site"]]
        == [2298, 694]
    ).all()


def test_sites_file_is_in_the_manifest():
    manifest = pd.read_csv(paths.DATA_DIR / paths.MANIFEST_FILE)
    assert paths.SERVICE_SITES_FILE in set(manifest["file"])
