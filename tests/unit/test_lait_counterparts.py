"""LAIT's English counterparts of the devolved measures (reception excess weight, infant
mortality, low birth weight of term babies, funded early education at 2 and at 3-4).

The reader is checked on the hand-made fixture (tests/fixtures/synthetic_lait.csv, synthetic
values); the built table is checked against the raw LAIT file read here with plain pandas, with
the LA number -> GSS code and end year -> period mappings written out by hand.
"""

from __future__ import annotations

import math

import pandas as pd
import pytest

from indicators import paths
from indicators.catalogue import AGE_BANDS, CATALOGUE, OGL, TOPICS, get_indicator
from indicators.geography import read_la_code_crosswalk
from indicators.sources.lait import read_lait
from indicators.validate import BuildCheckError, check_reader_output

LAIT = "england/dfe_lait_early_years_health_extract.csv"
#: LAIT measure -> (indicator id, {end year: period label}, written by hand).
NEW_MEASURES = {
    "ExcessRec": ("ncmp_reception_excess_weight", {"2024": "2023/24", "2025": "2024/25"}),
    "InfMort": ("infant_mortality", {"2022": "2022", "2023": "2023"}),
    "Low_Birth_Weight_Babies": ("low_birth_weight_term", {"2023": "2023", "2024": "2024"}),
    "%_2yr_olds": ("funded_early_education_2yo", {"2024": "2023/24", "2025": "2024/25"}),
    "%_3&4yr_olds": ("funded_early_education_3_4yo", {"2018": "2017/18", "2025": "2024/25"}),
}
#: LAIT's other plainly early-years measures now read, with two periods each (by hand).
EXTRA_MEASURES = {
    "FSP_NEW_ALL-ELGS": ("eyfsp_all_elgs", {"2024": "2023/24", "2025": "2024/25"}),
    "FSP_NEW_PSE": ("eyfsp_personal_social_emotional", {"2022": "2021/22", "2025": "2024/25"}),
    "FSP_NEW_PHY": ("eyfsp_physical", {"2024": "2023/24", "2025": "2024/25"}),
    "FSP_NEW_LIT": ("eyfsp_literacy", {"2024": "2023/24", "2025": "2024/25"}),
    "FSP_NEW_MATHS": ("eyfsp_mathematics", {"2023": "2022/23", "2025": "2024/25"}),
    "FSP_NEW_WORLD": ("eyfsp_understanding_world", {"2024": "2023/24", "2025": "2024/25"}),
    "FSP_NEW_ART": ("eyfsp_expressive_arts", {"2024": "2023/24", "2025": "2024/25"}),
    "2yr_Ofsted_rating": ("funded_2yo_good_outstanding", {"2023": "2022/23", "2024": "2023/24"}),
    "3&4yr_Ofsted_rating": (
        "funded_3_4yo_good_outstanding",
        {"2016": "2015/16", "2024": "2023/24"},
    ),
    "4yrAbsence": ("absence_age_4", {"2021": "2020/21", "2025": "2024/25"}),
}
#: Earlier EYFSP years under the same codes belong to the old profile and are not read.
REFORMED_FROM = {code: "2022" for code in EXTRA_MEASURES if code.startswith("FSP_")}
ALL_MEASURES = {**NEW_MEASURES, **EXTRA_MEASURES}
#: LAIT LA number -> GSS code (ONS codes of these areas since 2009), by hand.
SAMPLE = {"383": "E08000035", "841": "E06000005", "908": "E06000052"}  # Leeds, Darlington, Cornwall
NEW_IDS = [indicator_id for indicator_id, _ in ALL_MEASURES.values()]
REGIONS = {"north east": "E12000001", "england": "E92000001"}


# --------------------------------------------------------------------------- reader (fixture)
@pytest.fixture
def fixture_frame(fixture_path) -> pd.DataFrame:
    crosswalk = read_la_code_crosswalk(fixture_path("synthetic_la_crosswalk.csv"))
    return read_lait(fixture_path("synthetic_lait.csv"), la_codes=crosswalk, region_codes=REGIONS)


def _one(frame: pd.DataFrame, **where) -> pd.Series:
    mask = pd.Series(True, index=frame.index)
    for column, value in where.items():
        mask &= frame[column] == value
    assert mask.sum() == 1, where
    return frame[mask].iloc[0]


def test_reader_reads_the_new_measures_with_their_period_types(fixture_frame):
    excess = _one(fixture_frame, indicator_id="ncmp_reception_excess_weight", period="2024/25")
    assert (excess["area_code"], excess["value"]) == ("E06000005", 24.1)
    gap = _one(fixture_frame, indicator_id="ncmp_reception_excess_weight", period="2020/21")
    assert gap["status"] == "missing_or_suppressed" and math.isnan(gap["value"])
    infant = _one(fixture_frame, indicator_id="infant_mortality", area_code="E06000005")
    assert infant["period"] == "2023" and infant["value"] == pytest.approx(4.4)
    assert (infant["period_start"], infant["period_end"]) == ("2023-01-01", "2023-12-31")
    assert _one(fixture_frame, indicator_id="infant_mortality", area_code="E92000001")[
        "value"
    ] == pytest.approx(3.9)


def test_calendar_years_take_the_code_in_force_at_their_end(fixture_frame):
    # North Yorkshire became a unitary (E06000065) on 1 April 2023: calendar 2022 ends
    # before it (county code), calendar 2023 after it (unitary code).
    weights = fixture_frame[fixture_frame["indicator_id"] == "low_birth_weight_term"]
    assert dict(zip(weights["period"], weights["area_code"], strict=True)) == {
        "2022": "E10000023",
        "2023": "E06000065",
    }
    assert dict(zip(weights["period"], weights["value"], strict=True)) == {
        "2022": 2.61,
        "2023": 2.73,
    }


def test_take_up_over_100_is_kept_as_published_and_counts_are_not_read(fixture_frame):
    two = _one(fixture_frame, indicator_id="funded_early_education_2yo", area_code="E06000005")
    assert (two["period"], two["value"]) == ("2024/25", 130.1)
    assert math.isnan(two["numerator"])  # No_2yr_olds has no published denominator beside it
    three = fixture_frame[fixture_frame["indicator_id"] == "funded_early_education_3_4yo"]
    region = _one(three, area_code="E12000001")
    assert (region["period"], region["value"], region["area_level"]) == ("2023/24", 96.5, "region")
    assert _one(three, area_code="E06000005")["status"] == "missing_or_suppressed"
    assert fixture_frame["lower_ci95"].isna().all()  # LAIT publishes no intervals


def test_the_build_check_allows_over_100_only_where_the_catalogue_says(fixture_frame, tmp_path):
    raw = tmp_path / "raw.csv"
    raw.write_text("a,b\n1,2\n", encoding="utf-8")
    take_up = fixture_frame[fixture_frame["indicator_id"] == "funded_early_education_2yo"]
    codes = set(take_up["area_code"])
    check_reader_output(take_up, raw=raw, raw_root=tmp_path, known_codes=codes)
    wrong = take_up.assign(indicator_id="ncmp_reception_excess_weight")
    with pytest.raises(BuildCheckError, match=r"percentage 130\.1 is outside 0-100"):
        check_reader_output(wrong, raw=raw, raw_root=tmp_path, known_codes=codes)


# --------------------------------------------------------------------------- built data = raw
@pytest.fixture(scope="module")
def built() -> pd.DataFrame:
    table = pd.read_csv(paths.data_dir() / "indicators.csv", dtype={"period": str})
    return table[table["indicator_id"].isin(NEW_IDS)]


@pytest.fixture(scope="module")
def lait(raw_dir) -> pd.DataFrame:
    raw = pd.read_csv(raw_dir / LAIT, dtype=str, keep_default_na=False)
    return raw[raw["Short Desc"].isin(list(ALL_MEASURES))]


@pytest.mark.parametrize("measure", list(ALL_MEASURES))
def test_sample_values_equal_the_raw_lait_file(built, lait, measure):
    indicator_id, periods = ALL_MEASURES[measure]
    raw = lait[
        (lait["Short Desc"] == measure)
        & lait["LA Number"].isin([*SAMPLE, "970"])
        & lait["Years"].isin(list(periods))
    ]
    assert len(raw) == (len(SAMPLE) + 1) * len(periods)
    codes = {**SAMPLE, "970": "E92000001"}
    for _, row in raw.iterrows():
        mine = built[
            (built["indicator_id"] == indicator_id)
            & (built["area_code"] == codes[row["LA Number"]])
            & (built["period"] == periods[row["Years"]])
            & (built["breakdown"] == "all")
        ]
        assert len(mine) == 1, (measure, row["LA Number"], row["Years"])
        shown = mine.iloc[0]
        assert shown["source_id"] == "dfe_lait"
        if row["Values"].strip() == "-":
            assert shown["status"] == "missing_or_suppressed" and math.isnan(shown["value"])
        else:
            assert shown["value"] == pytest.approx(float(row["Values"]))
            assert shown["status"] == "ok"
        assert math.isnan(shown["lower_ci95"])  # LAIT publishes no intervals


@pytest.mark.parametrize("measure", list(ALL_MEASURES))
def test_every_published_year_and_region_is_read(built, lait, measure):
    indicator_id, _ = ALL_MEASURES[measure]
    raw = lait[(lait["Short Desc"] == measure) & (lait["Years"] >= REFORMED_FROM.get(measure, ""))]
    mine = built[built["indicator_id"] == indicator_id]
    assert mine["period"].nunique() == raw["Years"].nunique()
    england = raw[(raw["LA Number"] == "970") & (raw["Values"] != "-")]
    assert (mine["area_code"] == "E92000001").sum() == raw["Years"].nunique()
    assert mine[mine["area_code"] == "E92000001"]["value"].notna().sum() == len(england)
    assert mine[mine["area_level"] == "region"]["area_code"].nunique() == 9
    # every LA value LAIT publishes is in the table (predecessors included), none invented
    published = raw[~raw["LA Number"].isin(["970", *map(str, range(980, 991))])]
    published = published[published["Values"] != "-"]
    assert mine[mine["area_level"] == "la"]["value"].notna().sum() >= len(published)


def test_over_100_take_up_is_shipped_as_published(built, lait):
    raw = lait[(lait["Short Desc"] == "%_3&4yr_olds") & (lait["Values"] != "-")]
    over = raw[raw["Values"].astype(float) > 100]
    assert len(over) > 100  # DfE publishes many
    mine = built[(built["indicator_id"] == "funded_early_education_3_4yo")]
    assert (mine["value"] > 100).sum() >= len(over[over["LA Number"] != "970"]) - 5


# --------------------------------------------------------------------------- catalogue
@pytest.mark.parametrize("indicator_id", NEW_IDS)
def test_new_indicators_are_labelled(indicator_id):
    indicator = get_indicator(indicator_id)
    assert indicator.topic in TOPICS
    assert indicator.age_band in AGE_BANDS
    assert indicator.licence == OGL
    assert indicator.nations == ("England",)
    assert indicator.publisher.endswith("via DfE LAIT")


def test_catalogue_follows_the_lait_dictionary(raw_dir):
    dictionary = pd.read_csv(raw_dir / "england/dfe_lait_data_dictionary.csv", dtype=str)
    dictionary = dictionary.drop_duplicates("Measure_short").set_index("Measure_short")
    polarity = {"High": "higher_is_better", "Low": "lower_is_better"}
    year_type = {"Academic Year": "academic", "Calendar Year": "calendar"}
    for measure, (indicator_id, _) in ALL_MEASURES.items():
        entry, indicator = dictionary.loc[measure], get_indicator(indicator_id)
        assert indicator.polarity == polarity[entry["Polarity"]], measure
        assert indicator.year_type == year_type[entry["Year_Type"]], measure
        assert measure in indicator.definition


def test_topics_group_england_with_the_devolved_measures():
    by_topic = {
        topic: {n for i in CATALOGUE.values() if i.topic == topic for n in i.nations}
        for topic in ("birth weight", "infant mortality", "healthy weight at school entry")
    }
    assert by_topic["birth weight"] == {"England", "Wales", "Northern Ireland", "Scotland"}
    assert by_topic["infant mortality"] == {"England", "Northern Ireland", "Scotland"}
    assert by_topic["healthy weight at school entry"] == {
        "England",
        "Wales",
        "Northern Ireland",
        "Scotland",
    }
    # England's term-only low birth weight is never the same measure as Wales' all-births one
    term = get_indicator("low_birth_weight_term")
    assert "Not comparable" in term.comparability_note and "term" in term.comparability_note
    assert "early education" in TOPICS
    assert get_indicator("funded_early_education_2yo").topic == "early education"


def test_new_lait_measures_have_release_dates():
    dates = pd.read_csv(paths.data_dir() / "release_dates.csv", dtype=str)
    assert set(NEW_IDS) <= set(dates["indicator_id"])


def test_only_the_reformed_eyfsp_profile_is_read(built, lait):
    for measure in REFORMED_FROM:
        indicator_id, _ = EXTRA_MEASURES[measure]
        periods = set(built.loc[built["indicator_id"] == indicator_id, "period"])
        assert periods == {"2021/22", "2022/23", "2023/24", "2024/25"}, measure
        earlier = lait[(lait["Short Desc"] == measure) & (lait["Years"] < "2020")]
        assert (earlier["Values"] != "-").sum() > 100  # the old profile's values exist in LAIT


@pytest.mark.parametrize(
    ("measure", "breakdown"),
    [("FSP_Gooddev_Without_SENSTATE", "sen_support"), ("FSP_Gooddev_With_SENSTATE", "sen_ehcp")],
)
def test_gld_by_special_educational_needs_equals_the_raw_file(raw_dir, measure, breakdown):
    raw = pd.read_csv(raw_dir / LAIT, dtype=str, keep_default_na=False)
    periods = {"2019": "2018/19", "2025": "2024/25"}  # old profile, then reformed (by hand)
    codes = {**SAMPLE, "970": "E92000001"}
    raw = raw[
        (raw["Short Desc"] == measure)
        & raw["LA Number"].isin(list(codes))
        & raw["Years"].isin(list(periods))
    ]
    assert len(raw) == len(codes) * len(periods)
    table = pd.read_csv(paths.data_dir() / "indicators.csv", dtype={"period": str})
    gld = table[(table["indicator_id"] == "eyfsp_gld") & (table["breakdown"] == breakdown)]
    for _, row in raw.iterrows():
        mine = gld[
            (gld["area_code"] == codes[row["LA Number"]]) & (gld["period"] == periods[row["Years"]])
        ]
        assert len(mine) == 1, (measure, row["LA Number"], row["Years"])
        if row["Values"] == "-":
            assert mine["status"].iloc[0] == "missing_or_suppressed"
        else:
            assert mine["value"].iloc[0] == pytest.approx(float(row["Values"]))
    assert "special educational needs" in get_indicator("eyfsp_gld").caveats[0]
