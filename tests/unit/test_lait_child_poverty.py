"""England's child poverty from LAIT's long file (DWP children in low income families, `ChildPov`):
the one measure read from ``dfe_lait_bds_long.parquet`` rather than the early-years extract.

The reader is checked on a tiny synthetic Parquet file written here; the built table against the
raw Parquet file read with plain pandas, end year -> financial year and LA number -> GSS code
written out by hand.
"""

from __future__ import annotations

import math

import pandas as pd
import pytest

from indicators.catalogue import get_indicator
from indicators.geography import read_la_code_crosswalk
from indicators.sources.lait import read_lait

REGIONS = {"north east": "E12000001", "england": "E92000001"}


@pytest.fixture
def long_file(tmp_path):
    """Synthetic rows in the long file's layout (LA numbers as floats, values as text)."""
    frame = pd.DataFrame(
        {
            "Short Desc": ["ChildPov", "ChildPov", "ChildPov", "ChildPov", "InfMort"],
            "Data item": [None] * 5,
            "Years": ["2022", "2023", "2023", "2023", "2023"],
            "LA and Regions": ["Darlington", "Darlington", "Inner London", "England", "Darlington"],
            "Values": ["18.399999999999999", "-", "30", "19.9", "4.4"],
            "LA Number": [841.0, 841.0, 987.0, 970.0, 841.0],
            "Region": ["North East", "North East", "London", "NA", "North East"],
        }
    )
    path = tmp_path / "long.parquet"
    frame.to_parquet(path)
    return path


def test_reader_takes_only_child_poverty_from_the_long_file(long_file, fixture_path):
    crosswalk = read_la_code_crosswalk(fixture_path("synthetic_la_crosswalk.csv"))
    rows = read_lait(long_file, la_codes=crosswalk, region_codes=REGIONS).set_index(
        ["area_code", "period"]
    )
    # InfMort is the extract's (not read from the long file); Inner London is not a level here.
    assert set(rows["indicator_id"]) == {"child_poverty_england"}
    assert len(rows) == 3
    # 2022 is the financial year ending in 2022; 18.399999999999999 is the float of 18.4.
    assert rows.loc[("E06000005", "2021/22"), "value"] == pytest.approx(18.4)
    assert rows.loc[("E06000005", "2021/22"), "period_start"] == "2021-04-01"
    suppressed = rows.loc[("E06000005", "2022/23")]
    assert suppressed["status"] == "missing_or_suppressed" and math.isnan(suppressed["value"])
    assert rows.loc[("E92000001", "2022/23"), "value"] == pytest.approx(19.9)


@pytest.mark.parametrize(
    ("number", "code"), [("383", "E08000035"), ("841", "E06000005"), ("908", "E06000052")]
)
@pytest.mark.parametrize(("year", "period"), [("2022", "2021/22"), ("2025", "2024/25")])
def test_committed_values_equal_the_raw_long_file(
    raw_dir, committed_indicators, number, code, year, period
):
    raw = pd.read_parquet(raw_dir / "england" / "dfe_lait_bds_long.parquet")
    raw = raw[
        (raw["Short Desc"] == "ChildPov")
        & (raw["LA Number"] == float(number))
        & (raw["Years"] == year)
    ]
    assert len(raw) == 1
    built = committed_indicators[
        (committed_indicators["indicator_id"] == "child_poverty_england")
        & (committed_indicators["area_code"] == code)
        & (committed_indicators["period"] == period)
    ]
    assert len(built) == 1
    assert float(built["value"].iloc[0]) == pytest.approx(float(raw["Values"].iloc[0]))
    assert built["source_id"].iloc[0] == "dfe_lait"


def test_child_poverty_groups_with_the_devolved_measures_and_is_not_an_early_years_age():
    england = get_indicator("child_poverty_england")
    assert england.topic == get_indicator("wales_child_poverty").topic == "child poverty"
    assert england.comparability_group == get_indicator("scot_child_poverty").comparability_group
    assert england.age == "Under 16" and england.age_band == ""
