"""National series read for issue 11: Scotland's 27-30 month domains, every official Wales
HCWP row, and Northern Ireland's review figures as quoted facts (never as indicator rows).

Readers on hand-made fixtures (synthetic values); the built data against the raw files, read
here with plain pandas, with the file's indicator names and period labels mapped by hand.
"""

from __future__ import annotations

import pandas as pd
import pytest

from indicators import paths
from indicators.catalogue import AGE_BANDS, OGL, OWN_TERMS, TOPICS, get_indicator
from indicators.sources.national_series import read_headline_facts, read_national_series

#: raw indicator -> (indicator id, breakdown), by hand.
WALES = {
    "hcwp_contacts_completed_pct_all_contacts": ("wales_hcwp_contacts_completed", "all"),
    "hcwp_contact_10_14_days_pct": ("wales_hcwp_10_14_days", "all"),
    "hcwp_contact_16_weeks_pct": ("wales_hcwp_16_weeks", "all"),
    "hcwp_contact_3_5_years_pct": ("wales_hcwp_3_5_years", "all"),
    "hcwp_contacts_recorded_n": ("wales_hcwp_contacts_recorded_n", "all"),
    "hcwp_contacts_not_recorded_n": ("wales_hcwp_contacts_not_recorded_n", "all"),
    "hcwp_contacts_within_specified_age_range_pct": ("wales_hcwp_contacts_in_age_range", "all"),
    "hcwp_contacts_received_pct_flying_start_areas": (
        "wales_hcwp_contacts_completed",
        "flying_start_areas",
    ),
    "hcwp_contacts_received_pct_non_flying_start_areas": (
        "wales_hcwp_contacts_completed",
        "non_flying_start_areas",
    ),
    "flying_start_children_receiving_services_n": ("wales_flying_start_children_n", "all"),
    "flying_start_hv_contacts_per_child": ("wales_flying_start_hv_contacts_per_child", "all"),
}
SCOTLAND = {
    "pct_with_concern_speech_language_communication": "scot_concern_27_30m_speech_language",
    "pct_with_concern_emotional_behavioural": "scot_concern_27_30m_emotional_behavioural",
    "pct_with_concern_gross_motor": "scot_concern_27_30m_gross_motor",
}
#: the file's part-year labels -> the labels the data writes (months named), by hand.
PERIODS = {
    "2018 Q4 (Oct-Dec)": "Oct–Dec 2018",
    "2018 H1 (Jan-Jun)": "Jan–Jun 2018",
    "2018 Q2 (Apr-Jun)": "Apr–Jun 2018",
    "2024 Q3 (Jul-Sep)": "Jul–Sep 2024",
}
NEW_IDS = [
    *SCOTLAND.values(),
    "wales_hcwp_contacts_in_age_range",
    "wales_hcwp_contacts_recorded_n",
    "wales_hcwp_contacts_not_recorded_n",
    "wales_flying_start_children_n",
    "wales_flying_start_hv_contacts_per_child",
]
#: Whole-programme measures that span several review ages: no single age band is true.
NO_SINGLE_AGE = {
    "wales_hcwp_contacts_in_age_range",
    "wales_hcwp_contacts_recorded_n",
    "wales_hcwp_contacts_not_recorded_n",
    "wales_flying_start_children_n",
    "wales_flying_start_hv_contacts_per_child",
}


# --------------------------------------------------------------------------- readers (fixtures)
def test_reader_reads_domains_flying_start_counts_and_not_secondary_rows(fixture_path):
    frame, _ = read_national_series(fixture_path("synthetic_national_series.csv"))
    rows = frame.set_index(["indicator_id", "breakdown", "period"])["value"]
    assert rows[("scot_concern_27_30m_speech_language", "all", "2023/24")] == 12
    assert rows[("wales_hcwp_contacts_completed", "flying_start_areas", "Apr–Jun 2018")] == 72
    assert rows[("wales_hcwp_contacts_recorded_n", "all", "2024")] == 205700
    assert rows[("wales_flying_start_hv_contacts_per_child", "all", "2017/18")] == 6.9
    # a news report of a quarter and a trade-press NI figure never become indicator rows
    assert "Jan–Mar 2024" not in set(frame["period"])
    assert not frame["area_code"].str.startswith("N").any()
    counted = frame[frame["indicator_id"] == "wales_hcwp_contacts_recorded_n"].iloc[0]
    assert "Just under 205,700" in counted["note"]  # the publisher's rounding words kept


def test_ni_reviews_are_quoted_facts_with_their_source_type(fixture_path):
    facts = read_headline_facts(fixture_path("synthetic_ni_child_health.csv"))
    assert list(facts["indicator"]) == ["hchf_reviews_completed_pct", "year1_review_not_seen_pct"]
    assert set(facts["topic"]) == {"Health reviews in Northern Ireland (as reported)"}
    assert (facts["licence"] == OWN_TERMS).all()
    assert list(facts["source_type"]) == [
        "secondary_professional_press_reporting_official",
        "parliamentary_motion_citing_official",
    ]
    assert list(facts["publisher"]) == ["Trade magazine, on DoH statistics", "Debates site"]
    trust = facts[facts["indicator"] == "year1_review_not_seen_pct"].iloc[0]
    assert trust["area_code"] == "" and trust["area_name"] == "Southern HSC Trust (SHSCT)"


# --------------------------------------------------------------------------- built data = raw
@pytest.fixture(scope="module")
def built() -> pd.DataFrame:
    return pd.read_csv(
        paths.data_dir() / "indicators.csv", dtype={"period": str}, keep_default_na=False
    )


def _raw(raw_dir, name: str) -> pd.DataFrame:
    return pd.read_csv(raw_dir / "national" / name, dtype=str, keep_default_na=False)


def test_every_official_wales_row_is_read(built, raw_dir):
    raw = _raw(raw_dir, "wales_healthy_child_wales.csv")
    official = raw[raw["source_type"].str.startswith("official")]
    assert len(official) == len(raw) == 25  # all rows of this file are official
    for _, row in official.iterrows():
        indicator_id, breakdown = WALES[row["indicator"]]
        if "eligible children received a Healthy Child Wales contact" in row["quote"]:
            indicator_id = "wales_hcwp_children_seen"  # a share of children, not of contacts
        period = PERIODS.get(row["period"], row["period"])
        mine = built[
            (built["indicator_id"] == indicator_id)
            & (built["breakdown"] == breakdown)
            & (built["period"] == period)
            & (built["area_code"] == "W92000004")
        ]
        assert len(mine) == 1, (row["indicator"], row["period"])
        assert float(mine["value"].iloc[0]) == float(row["value"]), (row["indicator"], period)
        assert row["quote"].strip() in mine["note"].iloc[0]


def test_scottish_domain_rows_equal_the_raw_file(built, raw_dir):
    raw = _raw(raw_dir, "scotland_27_30_month_review.csv")
    domains = raw[raw["indicator"].isin(list(SCOTLAND)) & (raw["source_type"] == "official")]
    assert len(domains) == 8
    for _, row in domains.iterrows():
        mine = built[
            (built["indicator_id"] == SCOTLAND[row["indicator"]])
            & (built["period"] == row["period"])
            & (built["area_code"] == "S92000003")
        ]
        assert len(mine) == 1 and float(mine["value"].iloc[0]) == float(row["value"])
    # the news report's quarterly domain value (secondary) is not an indicator row
    shown = built[built["indicator_id"].isin(list(SCOTLAND.values()))]
    assert len(shown) == len(domains)


def test_ni_reviews_ship_as_quoted_facts_only(built, raw_dir):
    raw = _raw(raw_dir, "northern_ireland_child_health.csv")
    assert not raw["source_type"].str.startswith("official").any()  # all secondary
    facts = pd.read_csv(paths.data_dir() / "headline_facts.csv", dtype=str, keep_default_na=False)
    shipped = facts[facts["source_url"].isin(set(raw["source_url"]))]
    assert len(shipped) == len(raw)
    assert sorted(shipped["quote"]) == sorted(raw["quote"].str.strip())
    assert set(shipped["source_type"]) == set(raw["source_type"])
    assert (shipped["licence"] != OGL).all() and (shipped["publisher"] != "").all()
    sources = pd.read_csv(paths.data_dir() / "sources.csv", dtype=str, keep_default_na=False)
    assert not sources["url"].isin(set(raw["source_url"])).any()  # no indicator row cites them
    for quote in raw["quote"]:
        assert not built["note"].str.contains(quote.strip(), regex=False).any(), quote


# --------------------------------------------------------------------------- catalogue
@pytest.mark.parametrize("indicator_id", NEW_IDS)
def test_new_indicators_are_labelled(indicator_id):
    indicator = get_indicator(indicator_id)
    assert indicator.topic in TOPICS and indicator.licence == OGL
    if indicator_id in NO_SINGLE_AGE:
        assert indicator.age_band == "" and indicator.age.strip()  # the span, in words
    else:
        assert indicator.age_band in AGE_BANDS


def test_flying_start_contacts_break_between_wider_team_and_health_visitors():
    indicator = get_indicator("wales_flying_start_hv_contacts_per_child")
    assert [(b.after, b.before) for b in indicator.series_breaks] == [("2017/18", "2024/25")]
