"""The catalogue documents every indicator, and every indicator has data."""

from __future__ import annotations

import dataclasses

import pytest

from indicators.catalogue import (
    CATALOGUE,
    COMPARABILITY_LABELS,
    THEMES,
    crosses_break,
    get_indicator,
)
from indicators.errors import UnknownIndicatorError
from indicators.schema import NATIONS

REQUIRED_TEXT = (
    "title",
    "short_title",
    "definition",
    "theme",
    "unit",
    "age",
    "comparability_group",
    "comparability_note",
    "publisher",
    "source_url",
    "licence",
)


@pytest.mark.parametrize("indicator_id", sorted(CATALOGUE))
def test_every_indicator_has_its_metadata(indicator_id):
    indicator = CATALOGUE[indicator_id]
    for name in REQUIRED_TEXT:
        assert str(getattr(indicator, name)).strip(), f"{indicator_id}: {name} is empty"
    assert indicator.polarity in ("higher_is_better", "lower_is_better", "no_judgement")
    assert indicator.theme in THEMES
    assert indicator.nations and set(indicator.nations) <= set(NATIONS)
    assert indicator.source_url.startswith("https://")
    assert indicator.year_type in ("academic", "financial", "calendar")
    note = indicator.comparability_note.lower()
    assert any(label.lower() in note for label in COMPARABILITY_LABELS.values())
    assert "{area}" in indicator.summary_phrase
    if indicator.coverage_indicator:
        assert indicator.coverage_indicator in CATALOGUE
        assert indicator.low_coverage_threshold is not None


@pytest.mark.parametrize("indicator_id", sorted(CATALOGUE))
def test_every_indicator_has_rows_in_the_data(indicator_id, committed_indicators):
    rows = committed_indicators[committed_indicators["indicator_id"] == indicator_id]
    assert rows["value"].notna().any(), f"{indicator_id} has no value in data/indicators.csv"
    assert set(rows["nation"]) <= set(CATALOGUE[indicator_id].nations) | {"United Kingdom"}


def test_data_has_no_indicator_outside_the_catalogue(committed_indicators):
    assert set(committed_indicators["indicator_id"]) <= set(CATALOGUE)


def test_unknown_indicator_raises_a_domain_error():
    with pytest.raises(UnknownIndicatorError, match="nope"):
        get_indicator("nope")


def test_eyfsp_reform_is_a_break_and_covid_years_have_no_data(committed_indicators):
    gld = get_indicator("eyfsp_gld")
    assert crosses_break(gld, "2018/19", "2021/22") is not None
    assert crosses_break(gld, "2021/22", "2024/25") is None
    england = committed_indicators[
        (committed_indicators["indicator_id"] == "eyfsp_gld")
        & (committed_indicators["area_code"] == "E92000001")
        & (committed_indicators["breakdown"] == "all")
    ].set_index("period")
    for period in gld.no_data_periods:
        assert england.loc[period, "status"] == "covid_no_data"
        assert england["value"].isna()[period]


def test_catalogue_entries_are_immutable():
    with pytest.raises(dataclasses.FrozenInstanceError):
        CATALOGUE["eyfsp_gld"].title = "changed"  # type: ignore[misc]
