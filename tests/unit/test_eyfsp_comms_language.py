"""EYFSP communication and language at 5 (LAIT FSP_NEW_COMMS) against the raw LAIT file,
read here with plain pandas (not through the project's reader)."""

from __future__ import annotations

import pandas as pd
import pytest

from indicators import paths
from indicators.catalogue import get_indicator

LAIT = "england/dfe_lait_early_years_health_extract.csv"
#: LAIT LA number -> GSS code, written out by hand (ONS codes of these areas since 2009).
SAMPLE = {
    "841": "E06000005",  # Darlington
    "352": "E08000003",  # Manchester
    "330": "E08000025",  # Birmingham
    "908": "E06000052",  # Cornwall
    "202": "E09000007",  # Camden
    "886": "E10000016",  # Kent
    "980": "E12000001",  # North East
    "970": "E92000001",  # England
}
PERIODS = {"2022": "2021/22", "2023": "2022/23", "2024": "2023/24", "2025": "2024/25"}


@pytest.fixture(scope="module")
def built() -> pd.DataFrame:
    table = pd.read_csv(paths.data_dir() / "indicators.csv", dtype={"period": str})
    return table[table["indicator_id"] == "eyfsp_comms_language"]


@pytest.fixture(scope="module")
def lait(raw_dir) -> pd.DataFrame:
    raw = pd.read_csv(raw_dir / LAIT, dtype=str)
    return raw[raw["Short Desc"] == "FSP_NEW_COMMS"]


def test_sample_values_equal_the_raw_lait_file(built, lait):
    sample = lait[lait["LA Number"].isin(list(SAMPLE)) & lait["Years"].isin(list(PERIODS))]
    assert len(sample) == len(SAMPLE) * len(PERIODS)
    for _, row in sample.iterrows():
        code, period = SAMPLE[row["LA Number"]], PERIODS[row["Years"]]
        mine = built[
            (built["area_code"] == code)
            & (built["period"] == period)
            & (built["breakdown"] == "all")
        ]
        assert len(mine) == 1, (code, period)
        assert float(mine["value"].iloc[0]) == pytest.approx(float(row["Values"])), (code, period)
        assert mine["status"].iloc[0] == "ok"
        assert mine["source_id"].iloc[0] == "dfe_lait"


def test_only_the_reformed_profile_is_read(built, lait):
    assert sorted(built["period"].unique()) == sorted(PERIODS.values())
    assert set(lait["Years"]) > set(PERIODS)  # LAIT also has the earlier profile's years
    assert built["lower_ci95"].isna().all()  # percentages only: no counts, no interval
    valued = lait[lait["Years"].isin(list(PERIODS)) & (lait["Values"] != "-")]
    england = valued[valued["LA Number"] == "970"].set_index("Years")["Values"].astype(float)
    mine = built[built["area_code"] == "E92000001"].set_index("period")["value"]
    assert mine.to_dict() == pytest.approx({PERIODS[y]: v for y, v in england.items()})


def test_catalogue_entry_matches_the_lait_dictionary(raw_dir):
    dictionary = pd.read_csv(raw_dir / "england/dfe_lait_data_dictionary.csv", dtype=str)
    entry = dictionary[dictionary["Measure_short"] == "FSP_NEW_COMMS"].iloc[0]
    indicator = get_indicator("eyfsp_comms_language")
    assert entry["Polarity"] == "High" and indicator.polarity == "higher_is_better"
    assert entry["Year_Type"] == "Academic Year" and indicator.year_type == "academic"
    assert indicator.topic == "development at 5"
    assert indicator.unit == "%"
