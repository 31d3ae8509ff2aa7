"""The comparison engine against independent references and constructed boundary cases."""

from __future__ import annotations

import math

import numpy as np
import pandas as pd
import pytest
from scipy.stats import binom, chi2, pearsonr

from indicators import compare
from indicators.catalogue import get_indicator
from indicators.compare import (
    BenchmarkResult,
    chi_square_trend,
    classify,
    compare_with_benchmark,
    comparison_table,
    coverage_flags,
    funnel_limits,
    funnel_position,
    peer_benchmarks,
    rank_areas,
    recent_trend,
    summary_sentence,
)
from indicators.schema import conform

GLD = get_indicator("eyfsp_gld")  # higher is better, series break 2018/19 -> 2021/22


def result(value, lower, upper, benchmark, polarity="higher_is_better", **kw):
    return compare_with_benchmark(
        value=value,
        lower=lower,
        upper=upper,
        benchmark_value=benchmark,
        polarity=polarity,
        benchmark_label="England",
        **kw,
    )


# --------------------------------------------------------------------------- significance
@pytest.mark.parametrize(
    ("lower", "upper", "benchmark", "outcome"),
    [
        (71.0, 73.0, 70.0, "better"),
        (67.0, 69.0, 70.0, "worse"),
        (70.0, 72.0, 70.0, "similar"),  # CI touching the benchmark overlaps it
        (68.0, 70.0, 70.0, "similar"),
        (69.0, 71.0, 70.0, "similar"),  # equal value
    ],
)
def test_ci_overlap_boundaries(lower, upper, benchmark, outcome):
    assert result((lower + upper) / 2, lower, upper, benchmark).outcome == outcome


@pytest.mark.parametrize(
    ("polarity", "above", "below"),
    [
        ("higher_is_better", "better", "worse"),
        ("lower_is_better", "worse", "better"),
        ("no_judgement", "higher", "lower"),
    ],
)
def test_polarity_decides_the_words(polarity, above, below):
    assert result(80, 79, 81, 70, polarity=polarity).outcome == above
    assert result(60, 59, 61, 70, polarity=polarity).outcome == below


@pytest.mark.parametrize(
    ("kwargs", "reason"),
    [
        ({"value": 80, "lower": None, "upper": None, "benchmark": 70}, "no confidence interval"),
        (
            {
                "value": np.nan,
                "lower": np.nan,
                "upper": np.nan,
                "benchmark": 70,
                "status": "suppressed",
            },
            "suppressed",
        ),
        ({"value": 80, "lower": 70, "upper": 90, "benchmark": None}, "no figure for England"),
        (
            {"value": 80, "lower": 70, "upper": 90, "benchmark": 70, "denominator": 5},
            "too few cases",
        ),
        (
            {
                "value": np.nan,
                "lower": np.nan,
                "upper": np.nan,
                "benchmark": 70,
                "status": "not_collected",
            },
            "not collected",
        ),
    ],
)
def test_not_compared_says_why(kwargs, reason):
    kwargs = dict(kwargs)
    benchmark = kwargs.pop("benchmark")
    outcome = result(
        kwargs.pop("value"), kwargs.pop("lower"), kwargs.pop("upper"), benchmark, **kwargs
    )
    assert outcome.outcome == "not_compared" and reason.lower() in outcome.reason.lower()


def test_result_carries_benchmark_method_and_confidence():
    outcome = result(80, 79, 81, 70, confidence="99.8")
    assert outcome.confidence == "99.8" and "overlapping reference value" in outcome.method
    assert outcome.describe(GLD).startswith("Better than England (70.0%)")
    assert "99.8% confidence interval overlapping reference value" in outcome.describe()


# --------------------------------------------------------------------------- ranks
def ranked_frame(values, statuses=None):
    statuses = statuses or ["ok"] * len(values)
    return pd.DataFrame(
        {
            "area_code": [f"E0600000{i}" for i in range(len(values))],
            "value": values,
            "status": statuses,
        }
    )


def test_rank_follows_polarity_and_ties_share_the_best_rank():
    frame = ranked_frame([70.0, 80.0, 80.0, 60.0])
    high = rank_areas(frame, polarity="higher_is_better")
    assert list(high["rank"]) == [3, 1, 1, 4]
    low = rank_areas(frame, polarity="lower_is_better")
    assert list(low["rank"]) == [2, 3, 3, 1]
    assert list(rank_areas(frame, polarity="no_judgement")["rank"]) == [3, 1, 1, 4]


def test_suppressed_areas_are_not_ranked_and_are_counted():
    frame = ranked_frame([70.0, np.nan, 50.0], ["ok", "suppressed", "ok"])
    ranked = rank_areas(frame, polarity="lower_is_better")
    assert ranked["rank"].isna().tolist() == [False, True, False]
    assert list(ranked["rank"].dropna()) == [2, 1]  # 50 is best, not the suppressed "zero"
    assert (ranked["n_ranked"] == 2).all() and (ranked["n_excluded"] == 1).all()


def test_quartiles_split_ranks_into_quarters():
    ranked = rank_areas(ranked_frame([float(v) for v in range(1, 9)]), polarity="higher_is_better")
    assert ranked.sort_values("rank")["quartile"].tolist() == [1, 1, 2, 2, 3, 3, 4, 4]


# --------------------------------------------------------------------------- trend
def test_chi_square_trend_equals_n_r_squared_on_individual_data():
    numerators = np.array([30, 35, 42, 47, 55])
    denominators = np.array([100, 100, 110, 100, 105])
    statistic, signed = chi_square_trend(numerators, denominators)
    # Independent reference: the Cochran-Armitage statistic is N r^2, with r the Pearson
    # correlation between the time score and the 0/1 outcome over every child.
    scores = np.repeat(np.arange(5), denominators)
    outcome = np.concatenate(
        [np.r_[np.ones(k), np.zeros(n - k)] for k, n in zip(numerators, denominators, strict=True)]
    )
    r, _ = pearsonr(scores, outcome)
    assert statistic == pytest.approx(len(scores) * r**2, rel=1e-10)
    assert signed > 0


def test_chi_square_trend_hand_worked_example():
    # Two points, 10/100 then 20/100: p = 0.15, xbar = 0.5, T = 10*(-0.5) + 20*0.5 = 5,
    # Var = 0.15*0.85*(100*0.25 + 100*0.25) = 6.375, statistic = 25/6.375.
    statistic, signed = chi_square_trend(np.array([10, 20]), np.array([100, 100]))
    assert statistic == pytest.approx(25 / 6.375) and signed == pytest.approx(5)


def series(values, periods, numerators=None, denominators=None, statuses=None):
    starts = [f"{p[:4]}-09-01" for p in periods]
    return pd.DataFrame(
        {
            "period": periods,
            "period_start": starts,
            "value": values,
            "numerator": numerators if numerators is not None else [np.nan] * len(values),
            "denominator": denominators if denominators is not None else [np.nan] * len(values),
            "status": statuses or ["ok"] * len(values),
        }
    )


OLD = ["2014/15", "2015/16", "2016/17", "2017/18", "2018/19"]


def test_significant_increase_in_a_higher_is_better_indicator_is_getting_better():
    trend = recent_trend(
        series([60, 62, 64, 66, 68], OLD, [600, 620, 640, 660, 680], [1000] * 5), indicator=GLD
    )
    statistic, _ = chi_square_trend(np.array([600, 620, 640, 660, 680]), np.array([1000] * 5))
    assert statistic > chi2.ppf(0.998, 1)
    assert (
        trend.outcome == "increasing" and trend.direction_words == "increasing and getting better"
    )


def test_small_change_is_not_significant():
    trend = recent_trend(
        series([60, 61, 60, 61, 60], OLD, [60, 61, 60, 61, 60], [100] * 5), indicator=GLD
    )
    assert trend.outcome == "no_significant_change"


def test_lower_is_better_decrease_is_getting_better():
    scot = get_indicator("scot_concern_27_30m")
    periods = ["2018/19", "2019/20", "2020/21", "2021/22", "2022/23"]
    trend = recent_trend(
        series([30, 27, 24, 21, 18], periods, [300, 270, 240, 210, 180], [1000] * 5), indicator=scot
    )
    assert trend.direction_words == "decreasing and getting better"


def test_series_break_stops_the_trend():
    periods = ["2016/17", "2017/18", "2018/19", "2021/22", "2022/23"]
    trend = recent_trend(
        series([60, 62, 64, 66, 68], periods, [600, 620, 640, 660, 680], [1000] * 5), indicator=GLD
    )
    assert trend.outcome == "not_calculated" and "series break" in trend.reason


@pytest.mark.parametrize(
    ("frame", "reason"),
    [
        (series([60, 62, 64, 66], OLD[:4], [60, 62, 64, 66], [100] * 4), "fewer than 5"),
        (series([60, 62, 64, 66, 68], OLD), "counts"),
        (
            series(
                [60, 62, np.nan, 66, 68],
                OLD,
                [60, 62, np.nan, 66, 68],
                [100] * 5,
                ["ok", "ok", "suppressed", "ok", "ok"],
            ),
            "no value",
        ),
    ],
)
def test_trend_not_calculated_reasons(frame, reason):
    trend = recent_trend(frame, indicator=GLD)
    assert trend.outcome == "not_calculated" and reason in trend.reason


# --------------------------------------------------------------------------- funnels
@pytest.mark.parametrize("confidence,tail", [("95", 0.025), ("99.8", 0.001)])
@pytest.mark.parametrize("n", [20, 57, 100, 750, 4000])
def test_funnel_limits_agree_with_exact_binomial_quantiles(confidence, tail, n):
    p0 = 70.0
    lower, upper = funnel_limits(p0, np.array([n]), confidence=confidence)
    r_low, r_high = binom.ppf(tail, n, 0.7), binom.ppf(1 - tail, n, 0.7)
    # The interpolated limit lies within one case of the exact binomial quantile.
    assert (r_low - 1) / n * 100 <= lower[0] <= r_low / n * 100
    assert (r_high - 1) / n * 100 <= upper[0] <= r_high / n * 100
    # and a count below the lower limit is rare at the stated level.
    below = math.floor(lower[0] * n / 100 - 1e-9)
    assert binom.cdf(below, n, 0.7) <= tail + 1e-12


def test_funnel_narrows_with_more_cases_and_positions_areas():
    lower, upper = funnel_limits(50.0, np.array([50, 500, 5000]), confidence="95")
    assert (np.diff(upper - lower) < 0).all()
    positions = funnel_position(
        pd.Series([50.0, 80.0, 20.0, 53.0, np.nan]),
        pd.Series([1000, 1000, 1000, 1000, 1000]),
        p0=50.0,
    )
    assert positions.tolist() == [
        "within limits",
        "above 99.8% limit",
        "below 99.8% limit",
        "within limits",
        "not plotted",
    ]
    _, upper95 = funnel_limits(50.0, np.array([1000]), confidence="95")
    _, upper998 = funnel_limits(50.0, np.array([1000]), confidence="99.8")
    between = (upper95[0] + upper998[0]) / 2
    assert (
        funnel_position(pd.Series([between]), pd.Series([1000]), p0=50.0).iloc[0]
        == "above 95% limit"
    )


# --------------------------------------------------------------------------- classes
def test_quintiles_put_a_fifth_of_areas_in_each_class():
    values = pd.Series(np.arange(100, dtype=float))
    classes = classify(values, method="quintiles")
    assert classes.codes.value_counts().sort_index().tolist() == [20, 20, 20, 20, 20]
    assert len(classes.labels) == 5


def test_equal_intervals_have_equal_widths_and_missing_values_no_class():
    values = pd.Series([0.0, 10.0, 50.0, 100.0, np.nan])
    classes = classify(values, method="equal_intervals")
    widths = np.diff(classes.breaks)
    assert np.allclose(widths, widths[0])
    assert classes.codes.tolist()[:4] == [0, 0, 2, 4] and pd.isna(classes.codes.iloc[4])


# --------------------------------------------------------------------------- peers, coverage
def tidy(rows):
    base = {
        "area_level": "la",
        "nation": "England",
        "period": "2021/22",
        "period_start": "2021-04-01",
        "period_end": "2022-03-31",
        "breakdown": "all",
        "status": "ok",
        "area_status": "current",
        "derivation": "published",
        "source_id": "synthetic",
        "area_name": "x",
    }
    return conform(pd.DataFrame([base | r for r in rows]))


NEIGHBOURS = pd.DataFrame(
    {
        "model": ["2025"] * 3,
        "area_code": ["E06000001"] * 3,
        "rank": [1, 2, 3],
        "neighbour_code": ["E06000002", "E06000003", "E06000004"],
    }
)


def test_peer_benchmark_pools_counts_and_excludes_suppressed():
    selection = tidy(
        [
            {
                "indicator_id": "eyfsp_gld",
                "area_code": "E06000002",
                "value": 50.0,
                "numerator": 50,
                "denominator": 100,
            },
            {
                "indicator_id": "eyfsp_gld",
                "area_code": "E06000003",
                "value": 80.0,
                "numerator": 240,
                "denominator": 300,
            },
            {
                "indicator_id": "eyfsp_gld",
                "area_code": "E06000004",
                "value": np.nan,
                "status": "suppressed",
            },
        ]
    )
    peer = peer_benchmarks(selection, NEIGHBOURS, model="2025")["E06000001"]
    assert peer.value == pytest.approx(100 * 290 / 400) and peer.pooled == peer.value
    assert peer.mean == pytest.approx(65.0) and peer.excluded == ("E06000004",)
    assert "pooled" in peer.method and peer.lower95 < peer.value < peer.upper95


def test_peer_benchmark_falls_back_to_the_mean_without_counts():
    selection = tidy(
        [
            {"indicator_id": "eyfsp_gld", "area_code": "E06000002", "value": 50.0},
            {
                "indicator_id": "eyfsp_gld",
                "area_code": "E06000003",
                "value": 80.0,
                "numerator": 240,
                "denominator": 300,
            },
        ]
    )
    peer = peer_benchmarks(selection, NEIGHBOURS, model="2025")["E06000001"]
    assert (
        peer.value == pytest.approx(65.0) and peer.pooled is None and "simple mean" in peer.method
    )


def test_caution_comes_from_the_rows_own_quality_flags():
    frame = tidy(
        [
            {
                "indicator_id": "asq3_all_domains",
                "area_code": "E06000001",
                "value": 70.0,
                "flags": "all_domains_exceeds_domain;implausible_reach",
            },
            {"indicator_id": "asq3_all_domains", "area_code": "E06000002", "value": 95.0},
            # another indicator's flag must not leak into this one
            {
                "indicator_id": "asq3_use_in_reviews",
                "area_code": "E06000002",
                "value": 40.0,
                "flags": "small_quarter",
            },
        ]
    )
    flags = coverage_flags(
        frame,
        indicator_id="asq3_all_domains",
        period="2021/22",
        area_codes=pd.Series(["E06000001", "E06000002", "E06000003"]),
    )
    assert flags.iloc[0] == (
        "Interpret with caution: impossible as published: more children at the expected level "
        "in all five domains than in a single domain in at least one quarter; implausibly few "
        "or many children with an ASQ-3 result compared with the resident population of that age"
    )
    assert flags.iloc[1] == "" and flags.iloc[2] == ""


def test_tiny_cohort_and_extremes_only_rows_are_not_ranked():
    rows = tidy(
        [
            {"indicator_id": "eyfsp_gld", "area_code": "E06000001", "value": 60.0},
            {"indicator_id": "eyfsp_gld", "area_code": "E06000002", "value": 70.0},
            {
                "indicator_id": "eyfsp_gld",
                "area_code": "E09000001",
                "value": 100.0,
                "flags": "tiny_cohort",
            },
        ]
    )
    ranked = rank_areas(rows, polarity="higher_is_better").set_index("area_code")
    # by hand: 70 is 1st and 60 is 2nd of the two rankable areas; the tiny cohort is left out
    assert ranked.loc["E06000002", "rank"] == 1 and ranked.loc["E06000001", "rank"] == 2
    assert pd.isna(ranked.loc["E09000001", "rank"]) and pd.isna(ranked.loc["E09000001", "quartile"])
    assert ranked["n_ranked"].iloc[0] == 2 and ranked["n_excluded"].iloc[0] == 1
    assert ranked.loc["E09000001", "not_ranked_reason"].startswith("Very small cohort")


def test_comparison_table_on_the_real_data_is_consistent(committed_indicators, committed_areas):
    from indicators.data import read_neighbours

    table = comparison_table(
        committed_indicators,
        committed_areas,
        read_neighbours(),
        indicator_id="eyfsp_gld",
        period="2018/19",
        benchmark="england",
    )
    england = committed_indicators[
        (committed_indicators["indicator_id"] == "eyfsp_gld")
        & (committed_indicators["period"] == "2018/19")
        & (committed_indicators["breakdown"] == "all")
        & (committed_indicators["area_code"] == "E92000001")
    ]["value"].iloc[0]
    for row in table.itertuples():
        expected = compare_with_benchmark(
            value=row.value,
            lower=row.lower_ci95,
            upper=row.upper_ci95,
            benchmark_value=england,
            polarity="higher_is_better",
            benchmark_label="England",
            status=row.status,
            denominator=row.denominator,
        )
        assert row.comparison == expected.outcome
    assert table["area_code"].is_unique and table["rank"].max() <= table["n_ranked"].iloc[0]


# --------------------------------------------------------------------------- summaries
WORDS = {
    # (polarity, outcome) -> words the summary must use, written from the category alone
    ("higher_is_better", "better"): "significantly higher (better) than England (70.0%)",
    ("higher_is_better", "worse"): "significantly lower (worse) than England (70.0%)",
    ("lower_is_better", "better"): "significantly lower (better) than England (70.0%)",
    ("lower_is_better", "worse"): "significantly higher (worse) than England (70.0%)",
    ("no_judgement", "higher"): "significantly higher than England (70.0%)",
    ("no_judgement", "lower"): "significantly lower than England (70.0%)",
    ("higher_is_better", "similar"): "similar to England (70.0%)",
}


@pytest.mark.parametrize(("polarity", "outcome"), sorted(WORDS))
def test_summary_words_follow_the_category(polarity, outcome):
    from dataclasses import replace

    indicator = replace(GLD, polarity=polarity)
    comparison = BenchmarkResult(outcome, "", "England", 70.0, "95")
    text = summary_sentence(
        indicator=indicator,
        area_name="Darlington",
        period="2018/19",
        value=71.234,
        status="ok",
        comparisons=[comparison],
        rank=3,
        n_ranked=150,
    )
    assert text.startswith("In 2018/19, 71.2% of children in Darlington reached a good level")
    assert WORDS[(polarity, outcome)] in text
    assert "ranked 3 of 150 English local authorities" in text
    if outcome == "similar":
        assert "significantly" not in text


def test_summary_never_claims_a_difference_that_was_not_tested():
    comparison = BenchmarkResult(
        "not_compared", "no confidence interval (no counts published)", "England", 70.0, "95"
    )
    text = summary_sentence(
        indicator=GLD,
        area_name="Leeds",
        period="2023/24",
        value=65.0,
        status="ok",
        comparisons=[comparison],
    )
    assert (
        "significantly" not in text and "Not compared with England: no confidence interval" in text
    )


def test_summary_for_a_missing_value_says_so():
    text = summary_sentence(
        indicator=GLD,
        area_name="Leeds",
        period="2019/20",
        value=np.nan,
        status="covid_no_data",
        comparisons=[],
    )
    assert "no figure" in text and "covid" in text.lower()


def test_constants_match_scipy():
    assert pytest.approx(chi2.ppf(0.998, 1)) == compare.CHI2_998_1DF
