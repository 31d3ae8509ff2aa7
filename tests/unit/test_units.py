"""One formatter for every value: unit, decimals and the missing-value mark, by hand."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from indicators.catalogue import CATALOGUE, get_indicator
from indicators.units import (
    MISSING,
    format_ci,
    format_count,
    format_number,
    format_value,
    value_heading,
)


@pytest.mark.parametrize(
    ("indicator_id", "value", "expected"),
    [
        ("eyfsp_gld", 71.84, "71.8%"),
        ("eyfsp_gld", 71.85, "71.9%"),  # half up, as official statistics round
        ("childrens_centres_per_1000_under5", 0.1049, "0.10 per 1,000 under-5s"),
        ("childrens_centres_per_1000_under5", 1.5, "1.50 per 1,000 under-5s"),
        ("childrens_centres_n", 1, "1 centre"),
        ("childrens_centres_n", 12, "12 centres"),
        ("family_hubs_n", 0, "0 sites"),
        ("family_hubs_n", 1, "1 site"),
        ("family_hubs_start_for_life", 1.0, "Yes"),
        ("family_hubs_start_for_life", 0.0, "No"),
    ],
)
def test_format_value_by_unit(indicator_id, value, expected):
    assert format_value(value, get_indicator(indicator_id)) == expected


@pytest.mark.parametrize("missing", [None, np.nan, pd.NA, float("nan")])
def test_missing_is_never_none(missing):
    assert format_value(missing, get_indicator("eyfsp_gld")) == ""
    assert format_value(missing, get_indicator("eyfsp_gld"), missing=MISSING) == "–"
    assert format_count(missing) == "–"
    assert format_number(missing, 1) == "–"
    assert format_ci(missing, 3.0, get_indicator("eyfsp_gld")) == ""


def test_counts_have_thousands_separators_and_no_decimals():
    assert format_count(12345.0) == "12,345"
    assert format_ci(55.55, 64.25, get_indicator("eyfsp_gld")) == "55.6 to 64.3"


def test_decimals_per_indicator_follow_the_unit():
    for indicator in CATALOGUE.values():
        expected = {"%": 1, "yes/no": 0}.get(indicator.unit)
        if indicator.unit == "per 1,000 live births":
            expected = 1  # infant mortality is published to 1 d.p.
        elif indicator.unit == "per child":
            expected = 1  # Flying Start contacts per child are published to 1 d.p. (6.9)
        elif indicator.unit.startswith("per "):
            expected = 2
        elif expected is None:
            expected = 0  # counts of centres and sites
        if indicator.unit == "yes/no":
            continue
        assert indicator.decimals == expected, indicator.id


def test_headings_carry_the_unit_and_never_a_wrong_percent():
    assert value_heading(get_indicator("eyfsp_gld")) == "Value (%)"
    assert (
        value_heading(get_indicator("childrens_centres_per_1000_under5"))
        == "Children's centres per 1,000 under-5s"
    )
    assert value_heading(get_indicator("family_hubs_n")) == "Family hubs (number)"
    for indicator in CATALOGUE.values():
        if indicator.unit != "%":
            assert "%" not in value_heading(indicator), indicator.id
