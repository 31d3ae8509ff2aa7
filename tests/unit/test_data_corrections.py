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
@pytest.mark.parametrize("indicator_id", list(STEMS))
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
        f"the sum of the counts of the {len(sums)} of 150 local authorities in the source file "
        f"with four quarters of counts gives {percent:.1f}% ({sums['above'].sum():,.0f} of "
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


# 5 ----------------------------------------------------------------------------------------------
def test_raw_caveats_reach_the_notes_and_no_empty_published_date(raw_dir, committed_indicators):
    notes = committed_indicators["note"]
    assert not notes.str.contains(r"Published\s*:", regex=True).any()
    assert not notes.str.contains(r", published\s*\.", regex=True).any()
    national = raw_csv(raw_dir, "national/england_asq3_outcomes_national_regional.csv")
    gross = national[
        (national["indicator"] == "asq3_gross_motor_pct_at_or_above_expected")
        & (national["period"] == "2017/18 Q1")
    ].iloc[0]
    assert "possible publisher copy error" in gross["note"]  # the raw caveat
    shipped = row(
        committed_indicators,
        indicator_id="asq3_gross_motor",
        area_code="E92000001",
        period="2017/18 Q1 (Apr–Jun 2017)",
    )
    assert " ".join(gross["note"].split()) in shipped["note"]
    assert gross["quote"] in shipped["note"]
    # the LA range rows (0% to 98.5%, 62 LAs) go into the note of the England figure
    lows = national[national["indicator"].str.endswith("__la_min")]
    assert lows["note"].str.contains("62 local authorities").any()
    overall = row(
        committed_indicators,
        indicator_id="asq3_all_domains",
        area_code="E92000001",
        period="2017/18 Q1 (Apr–Jun 2017)",
    )
    assert "from 0% to 98.5% (Range across the 62 local authorities" in overall["note"]
    assert "experimental statistics" in overall["note"]


# 6 ----------------------------------------------------------------------------------------------
def test_licences_and_publishers_follow_each_source(raw_dir):
    from indicators.data import read_headline_facts

    facts = read_headline_facts()
    raw = raw_csv(raw_dir, "national/headline_facts.csv")
    assert {"publisher", "licence"} <= set(facts.columns)
    answers = facts[facts["source_type"] == "official_parliamentary_answer"]
    assert len(answers) and (answers["licence"] == "Open Parliament Licence v3.0").all()
    assert (answers["publisher"] == "UK Parliament").all()
    third_party = facts[~facts["source_type"].str.startswith("official")]
    assert len(third_party) and not third_party["licence"].str.contains("Open Government").any()
    # every parliamentary answer in the raw file that the app shows is labelled so
    assert len(answers) <= (raw["source_type"] == "official_parliamentary_answer").sum()
    manifest = pd.read_csv("data/MANIFEST.csv", dtype=str).set_index("file")
    assert "Open Government" not in manifest.loc["headline_facts.csv", "licence"]
    sources = pd.read_csv("data/sources.csv", dtype=str, keep_default_na=False)
    ohid = sources.set_index("id").loc["ohid_asq3_2021_22"]
    assert ohid["url"].startswith("https://www.gov.uk/")
    assert "processed copy" in ohid["title"]


# 7 ----------------------------------------------------------------------------------------------
def test_quarters_name_their_months_and_snapshots_their_date(committed_indicators):
    periods = set(committed_indicators["period"])
    assert "2017/18 Q1 (Apr–Jun 2017)" in periods and "Apr–Jun 2018" in periods
    assert not any(p in periods for p in ("2017/18 Q1", "2018 Q2", "2024 Q3", "2018 H1", "2026"))
    centres = committed_indicators[committed_indicators["indicator_id"] == "childrens_centres_n"]
    assert set(centres["period"]) == {"30 Jan 2026 (GIAS extract)"}
    assert set(centres["period_start"]) == set(centres["period_end"]) == {"2026-01-30"}
    lait_dash = committed_indicators[
        (committed_indicators["source_id"] == "dfe_lait") & (committed_indicators["symbol"] == "-")
    ]
    assert set(lait_dash["status"]) <= {"missing_or_suppressed", "covid_no_data"}
    dk = committed_indicators[committed_indicators["symbol"].str.lower() == "dk"]
    assert set(dk["symbol"]) == {"DK"} and set(dk["status"]) == {"dont_know"}


# 8 ----------------------------------------------------------------------------------------------
def test_series_that_mix_measures_are_split(committed_indicators):
    completed = committed_indicators[
        committed_indicators["indicator_id"] == "wales_hcwp_contacts_completed"
    ]
    seen = committed_indicators[committed_indicators["indicator_id"] == "wales_hcwp_children_seen"]
    # raw file: 80.8% "of eligible children received a ... contact in the quarter" (Jul-Sep 2024)
    assert seen[["period", "value"]].values.tolist() == [["Jul–Sep 2024", 80.8]]
    assert "Jul–Sep 2024" not in set(completed["period"])
    scotland = committed_indicators[
        committed_indicators["source_id"] == "phs_27_30_month_open_data"
    ]
    assert len(scotland) == 32 and (scotland["derivation"] == "derived_by_third_party").all()


# 9 ----------------------------------------------------------------------------------------------
def test_extremes_only_periods_are_words_not_maps(committed_indicators, committed_areas):
    from indicators.compare import comparison_table, extremes_text
    from indicators.data import read_neighbours
    from indicators.views import selection_options

    flagged = committed_indicators[committed_indicators["flags"].str.contains("extremes_only")]
    assert sorted(flagged["area_name"]) == sorted(
        [
            "North East",
            "West Midlands",
            "West Dunbartonshire",
            "Aberdeenshire",
            "NHS Greater Glasgow and Clyde",
            "NHS Orkney",
        ]
    )
    assert extremes_text(
        committed_indicators, indicator_id="hv_new_birth_visit_14d", period="2024/25"
    ) == (
        "Among regions, only the highest and lowest were published for 2024/25 — highest: "
        "North East (90.8%), lowest: West Midlands (82.1%)."
    )
    table = comparison_table(
        committed_indicators,
        committed_areas,
        read_neighbours(),
        indicator_id="scot_concern_27_30m",
        period="2021/22",
    )
    assert table.empty  # nothing to draw or rank
    options = selection_options(committed_indicators, committed_areas)
    assert "2021/22" not in options.local_periods_of["scot_concern_27_30m"]


# 11 ---------------------------------------------------------------------------------------------
def test_london_gld_from_inner_and_outer_london(raw_dir, committed_indicators):
    raw = raw_csv(raw_dir, "england/dfe_eyfsp_la_gld_2013_2019.csv")
    parts = raw[raw["region_code"].isin(["E13000001", "E13000002"]) & (raw["gender"] == "Total")]
    parts = parts[parts["geographic_level"] == "Regional"]
    sums = parts.groupby("time_period")[["gld_number", "number_of_children"]].agg(
        lambda s: s.astype(int).sum()
    )
    lait = raw_csv(raw_dir, "england/dfe_lait_early_years_health_extract.csv")
    lait = lait[
        (lait["Short Desc"] == "FSP_NEW_GOODDEV") & (lait["LA and Regions"].str.strip() == "London")
    ]
    published = dict(zip(lait["Years"], lait["Values"], strict=True))
    for end_year in ("2016", "2017", "2018", "2019"):  # LAIT labels by end year
        ours = sums.loc[f"{int(end_year) - 1}{end_year[2:]}"]
        method = round(100 * ours["gld_number"] / ours["number_of_children"], 1)
        assert method == float(published[end_year])  # the method reproduces LAIT exactly
    for period, key in (("2012/13", "201213"), ("2013/14", "201314"), ("2014/15", "201415")):
        got = row(
            committed_indicators,
            indicator_id="eyfsp_gld",
            area_code="E12000007",
            period=period,
            breakdown="all",
        )
        assert got["numerator"] == sums.loc[key, "gld_number"]
        assert got["denominator"] == sums.loc[key, "number_of_children"]


def test_cumberland_is_a_transformation_fund_area(committed_indicators):
    fund = committed_indicators[
        committed_indicators["indicator_id"] == "family_hubs_transformation_fund"
    ].set_index("area_code")
    assert fund.loc["E06000063", "value"] == 1.0  # named in DfE's list of 24 Oct 2023
    assert fund.loc["E06000064", "status"] == "not_available"  # not named in the stored text
    # 12 named in 2022 (Cumbria among them) and Cumberland named in 2023
    assert (fund["value"] == 1.0).sum() == 13


def test_purfleet_family_hub_is_placed_with_the_tolerance():
    sites = pd.read_csv("data/service_sites.csv", dtype=str, keep_default_na=False)
    hub = sites[sites["name"] == "Purfleet On Thames Family Hub"].iloc[0]
    assert hub["area_code"] == "E06000034"  # Thurrock
    assert hub["area_method"].startswith("nearest area: point") and "200 m" in hub["area_method"]
    assert not ((sites["service_type"] == "family_hub") & (sites["area_code"] == "")).any()


def test_latest_never_picks_an_old_quarter_when_a_later_period_exists(committed_indicators):
    from indicators.data import order_periods

    valued = committed_indicators[committed_indicators["value"].notna()]
    england = valued[valued["area_code"] == "E92000001"]
    # by hand from the raw national files: the latest England figure of each
    for indicator_id, expected in (
        ("asq3_communication", "2022/23"),
        ("asq3_all_domains", "2024/25"),
        ("hv_new_birth_visit_14d", "2024/25"),
    ):
        rows = england[(england["indicator_id"] == indicator_id) & (england["breakdown"] == "all")]
        assert "2017/18 Q1 (Apr–Jun 2017)" in set(rows["period"])
        assert order_periods(rows)[-1] == expected
    for _, rows in valued.groupby(["indicator_id", "area_code", "breakdown"]):
        assert rows.loc[rows["period"] == order_periods(rows)[-1], "period_end"].iloc[0] == max(
            rows["period_end"]
        )
