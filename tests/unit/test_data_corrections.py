"""Issue 9: each data correction checked against the raw files, computed here with plain pandas.

Every expected value is worked out in this file from the raw data (or by hand); nothing calls
the build. Each test failed on the ``data/`` of commit 37684b4.
"""

from __future__ import annotations

import pandas as pd
import pytest

ASQ_FILE = "england/nesta_asq3_outcomes_2to2half_by_la_2021_22_quarterly.csv"
STEMS = {
    "asq3_all_domains": "overall",
    "asq3_communication": "comms",
    "asq3_gross_motor": "gms",
    "asq3_fine_motor": "fms",
    "asq3_problem_solving": "problem_solving",
    "asq3_personal_social": "personal_social",
}


def raw_csv(raw_dir, relative: str) -> pd.DataFrame:
    return pd.read_csv(raw_dir / relative, dtype=str, keep_default_na=False, encoding="utf-8-sig")


def row(frame: pd.DataFrame, **where) -> pd.Series:
    mask = pd.Series(True, index=frame.index)
    for column, value in where.items():
        mask &= frame[column] == value
    assert mask.sum() == 1, f"expected one row for {where}, found {mask.sum()}"
    return frame[mask].iloc[0]


@pytest.fixture(scope="module")
def asq_quarters(raw_dir) -> pd.DataFrame:
    raw = raw_csv(raw_dir, ASQ_FILE)
    return raw[raw["date"] != "Annual"].assign(code=lambda f: f["ONS code"].str.strip())


def complete_sums(quarters: pd.DataFrame, stem: str) -> pd.DataFrame:
    """Per LA: summed counts where all four quarters have both counts (plain pandas)."""
    numbers = quarters.assign(
        above=pd.to_numeric(quarters[f"n_above_avg_{stem}"], errors="coerce"),
        total=pd.to_numeric(quarters[f"total_{stem}"], errors="coerce"),
    )
    per_la = numbers.groupby("code").agg(
        above=("above", "sum"),
        total=("total", "sum"),
        gaps=("above", lambda s: s.isna().sum()),
        total_gaps=("total", lambda s: s.isna().sum()),
        quarters=("above", "size"),
    )
    return per_la[(per_la["gaps"] == 0) & (per_la["total_gaps"] == 0) & (per_la["quarters"] == 4)]


# 1 ----------------------------------------------------------------------------------------------
@pytest.mark.parametrize("indicator_id", [i for i in STEMS if i != "asq3_all_domains"])
def test_asq3_region_totals_count_each_territory_once(
    indicator_id, asq_quarters, committed_indicators, raw_dir
):
    # Official region of each code from ONS's district lookup (the file's Region column puts
    # Milton Keynes in the East of England; ONS puts it in the South East).
    ltla = raw_csv(raw_dir, "geography/ons_ltla14_lookup.csv")
    region = dict(zip(ltla["ltlacd"], ltla["rgncd"], strict=True))
    region |= dict(zip(ltla["ctycd"], ltla["rgncd"], strict=True))
    ltla24 = raw_csv(raw_dir, "geography/lookup_ltla24_region24.csv")
    utla = raw_csv(raw_dir, "geography/ons_ltla_utla_apr23_lookup_ew.csv")
    region24 = dict(zip(ltla24["ltla24_code"], ltla24["region24_code"], strict=True))
    pairs = zip(utla["LTLA23CD"], utla["UTLA23CD"], strict=True)
    region |= {upper: region24[lower] for lower, upper in pairs if lower in region24}
    assert region["E06000042"] == "E12000008"  # Milton Keynes: South East
    sums = complete_sums(asq_quarters, STEMS[indicator_id])
    sums = sums.assign(region=sums.index.map(region))
    assert sums["region"].notna().all()
    shipped = committed_indicators[
        (committed_indicators["indicator_id"] == indicator_id)
        & (committed_indicators["period"] == "2021/22")
    ]
    in_file = asq_quarters.assign(region=asq_quarters["code"].map(region))
    for code, group in sums.groupby("region"):
        got = row(shipped, area_code=code)
        assert got["numerator"] == group["above"].sum()
        assert got["denominator"] == group["total"].sum()
        n_all = in_file.loc[in_file["region"] == code, "code"].nunique()
        assert f"{len(group)} of {n_all} local authorities" in got["note"]


def test_asq3_england_sum_of_las_counts_each_territory_once(asq_quarters, committed_indicators):
    sums = complete_sums(asq_quarters, "comms")
    england = row(
        committed_indicators,
        indicator_id="asq3_communication",
        area_code="E92000001",
        period="2021/22",
    )
    # 150 LA areas in the file; North Yorkshire and Somerset appear once each, under their
    # county codes. Before the fix the sum also added their successor rows (152 areas).
    assert asq_quarters["code"].nunique() == 150
    percent = 100 * sums["above"].sum() / sums["total"].sum()
    assert (
        f"the sum of the {len(sums)} of 150 local authorities in the source file with four "
        f"quarters of counts gives {percent:.1f}% ({sums['above'].sum():,.0f} of "
        f"{sums['total'].sum():,.0f})"
    ) in england["note"]


# 4 ----------------------------------------------------------------------------------------------
def test_asq3_england_2021_22_is_the_published_figure(raw_dir, committed_indicators):
    national = raw_csv(raw_dir, "national/england_asq3_outcomes_national_regional.csv")
    published = national[
        (national["period"] == "2021/22")
        & (national["area_code"] == "E92000001")
        & national["indicator"].str.endswith("_pct_at_or_above_expected")
    ]
    assert len(published) == 6
    names = {
        "asq3_all_five_domains_pct_at_or_above_expected": "asq3_all_domains",
        **{f"{i}_pct_at_or_above_expected": i for i in STEMS if i != "asq3_all_domains"},
    }
    for item in published.itertuples():
        got = row(
            committed_indicators,
            indicator_id=names[item.indicator],
            area_code="E92000001",
            period="2021/22",
        )
        assert got["value"] == float(item.value)
        assert got["derivation"] == "published"
        assert "reported by" in got["note"].lower() or "as reported" in got["note"].lower()


# 2 ----------------------------------------------------------------------------------------------
def test_asq3_use_in_reviews_is_named_for_what_it_measures(committed_indicators):
    from indicators.catalogue import CATALOGUE, RENAMED_INDICATORS

    assert "asq3_coverage" not in CATALOGUE
    assert "asq3_coverage" not in set(committed_indicators["indicator_id"])
    assert RENAMED_INDICATORS["asq3_coverage"] == "asq3_use_in_reviews"
    entry = CATALOGUE["asq3_use_in_reviews"]
    assert "used" in entry.title.lower() and "coverage" not in entry.title.lower()
    assert all(i.coverage_indicator is None for i in CATALOGUE.values())


def test_asq3_reach_flag_uses_the_resident_cohort(raw_dir, asq_quarters, committed_indicators):
    # Central Bedfordshire: children with an all-five result / mean of ages 0 and 1 (mid-2020).
    pop = raw_csv(raw_dir, "geography/ons_mye2020_population_single_year_age_ltla21_ew.csv")
    cohort = pop.loc[pop["ltla21_code"] == "E06000056", ["0", "1"]].astype(int).sum(axis=1)
    cohort = float(cohort.iloc[0]) / 2
    sums = complete_sums(asq_quarters, "overall")
    reach = 100 * sums.loc["E06000056", "total"] / cohort
    assert reach < 50  # by hand: 255 children against a cohort of about 3,500
    got = row(
        committed_indicators,
        indicator_id="asq3_communication",
        area_code="E06000056",
        period="2021/22",
    )
    assert "implausible_reach" in got["flags"].split(";")
    assert f"are {reach:.0f}% of the resident one-year cohort" in got["note"]
    # Darlington's reach is about 100%: not flagged for reach.
    darlington = row(
        committed_indicators,
        indicator_id="asq3_all_domains",
        area_code="E06000005",
        period="2021/22",
    )
    assert "implausible_reach" not in darlington["flags"]


# 3 ----------------------------------------------------------------------------------------------
def test_impossible_all_domain_counts_are_flagged(asq_quarters, committed_indicators):
    numbers = {
        stem: pd.to_numeric(asq_quarters[f"n_above_avg_{stem}"], errors="coerce")
        for stem in STEMS.values()
    }
    impossible = pd.Series(False, index=asq_quarters.index)
    for stem, values in numbers.items():
        if stem != "overall":
            impossible |= numbers["overall"] > values
    assert impossible.sum() == 38  # LA-quarters, as the issue says
    flagged_codes = set(asq_quarters.loc[impossible, "code"])
    shipped = committed_indicators[
        (committed_indicators["indicator_id"] == "asq3_all_domains")
        & (committed_indicators["period"] == "2021/22")
        & (committed_indicators["area_level"] == "la")
        & (committed_indicators["area_status"] != "built_from_predecessor")
    ]
    has_flag = shipped["flags"].str.contains("all_domains_exceeds_domain")
    assert set(shipped.loc[has_flag, "area_code"]) == flagged_codes
    tower_hamlets = row(shipped, area_code="E09000030")
    assert "Q2, Q3, Q4" in tower_hamlets["note"]


# 10 ---------------------------------------------------------------------------------------------
def test_tiny_cohorts_without_counts_are_flagged_and_not_ranked(
    committed_indicators, committed_areas
):
    from indicators.compare import comparison_table
    from indicators.data import read_neighbours

    city = row(
        committed_indicators,
        indicator_id="eyfsp_gld",
        area_code="E09000001",
        period="2024/25",
        breakdown="fsm",
    )
    assert "tiny_cohort" in city["flags"] and city["value"] == 100.0
    table = comparison_table(
        committed_indicators,
        committed_areas,
        read_neighbours(),
        indicator_id="eyfsp_gld",
        period="2024/25",
        breakdown="fsm",
    ).set_index("area_code")
    assert pd.isna(table.loc["E09000001", "rank"]) and pd.isna(table.loc["E09000001", "quartile"])
    assert table.loc["E09000001", "comparison"] == "not_compared"
    assert "small cohort" in table.loc["E09000001", "not_ranked_reason"].lower()
    valued = table["value"].notna() & table["not_ranked_reason"].eq("")
    assert table["n_ranked"].iloc[0] == valued.sum()
