"""The analysis views' statistics, each against an answer worked out independently."""

from __future__ import annotations

import dataclasses
from datetime import date

import numpy as np
import pandas as pd
import pytest
from scipy import stats

from indicators import analyses
from indicators.catalogue import CATALOGUE

WILSON_Z = 1.959963984540054


def wilson(k: int, n: int) -> tuple[float, float]:
    """Wilson 95% interval in percent, by scipy (independent of indicators.stats)."""
    ci = stats.binomtest(k, n).proportion_ci(confidence_level=0.95, method="wilson")
    return 100 * ci.low, 100 * ci.high


def tidy_row(code, name, level, period, start, k=None, n=None, *, value=None, status="ok"):
    if k is not None:
        value = 100 * k / n
        low, high = wilson(k, n)
    else:
        low = high = np.nan
    return {
        "indicator_id": "eyfsp_gld",
        "area_code": code,
        "area_name": name,
        "area_level": level,
        "nation": "England",
        "period": period,
        "period_start": start,
        "breakdown": "all",
        "value": np.nan if status != "ok" else value,
        "numerator": np.nan if k is None else float(k),
        "denominator": np.nan if n is None else float(n),
        "lower_ci95": low,
        "upper_ci95": high,
        "lower_ci998": np.nan,
        "upper_ci998": np.nan,
        "status": status,
        "source_id": "test",
        "note": "",
        "area_status": "current",
        "derivation": "published",
    }


@pytest.fixture
def regions() -> pd.DataFrame:
    # England 70.0%; North West 80.0% (800/1000), Yorkshire 70.5% (705/1000),
    # North East 60.0% (600/1000), East Midlands suppressed.
    period, start = "2023/24", "2023-09-01"
    return pd.DataFrame(
        [
            tidy_row("E92000001", "England", "country", period, start, 7000, 10000),
            tidy_row("E12000002", "North West", "region", period, start, 800, 1000),
            tidy_row("E12000003", "Yorkshire and The Humber", "region", period, start, 705, 1000),
            tidy_row("E12000001", "North East", "region", period, start, 600, 1000),
            tidy_row("E12000004", "East Midlands", "region", period, start, status="suppressed"),
        ]
    )


def test_regions_ranked_best_first_and_tested_against_england(regions):
    # By hand: Wilson half-widths at n=1000 are about 2.5-3 points, so 80.0 (77.4-82.3) lies
    # above 70.0, 70.5 (67.6-73.3) overlaps it, 60.0 (56.9-63.0) lies below.
    ranking = analyses.rank_regions(regions, indicator_id="eyfsp_gld", period="2023/24")
    table = ranking.table
    assert ranking.england_value == pytest.approx(70.0)
    assert table["area_name"].tolist()[:3] == [
        "North West",
        "Yorkshire and The Humber",
        "North East",
    ]
    assert table["rank"].tolist()[:3] == [1, 2, 3]
    assert table["comparison_label"].tolist()[:3] == ["Better", "Similar", "Worse"]
    suppressed = table[table["area_name"] == "East Midlands"].iloc[0]
    assert pd.isna(suppressed["rank"]) and suppressed["comparison_label"] == "Not compared"
    assert set(table["n_ranked"]) == {3}


def test_region_ranks_follow_polarity(regions, monkeypatch):
    lower_better = dataclasses.replace(CATALOGUE["eyfsp_gld"], polarity="lower_is_better")
    monkeypatch.setattr(analyses, "get_indicator", lambda _id: lower_better)
    table = analyses.rank_regions(regions, indicator_id="eyfsp_gld", period="2023/24").table
    assert table["area_name"].tolist()[:3] == [
        "North East",
        "Yorkshire and The Humber",
        "North West",
    ]
    assert table["comparison_label"].tolist()[:3] == ["Better", "Similar", "Worse"]


def test_missing_counts_get_an_approximate_interval_from_the_last_published_cohort():
    frame = pd.DataFrame(
        [
            tidy_row("E06000005", "Darlington", "la", "2021/22", "2021-09-01", 700, 1000),
            tidy_row("E06000005", "Darlington", "la", "2022/23", "2022-09-01", value=65.0),
        ]
    )
    out = analyses.with_approximate_intervals(frame).set_index("period")
    low, high = wilson(650, 1000)  # 65.0% of the 2021/22 cohort of 1,000
    assert out.loc["2022/23", "lower_ci95"] == pytest.approx(low, abs=1e-9)
    assert out.loc["2022/23", "upper_ci95"] == pytest.approx(high, abs=1e-9)
    assert out.loc["2022/23", "ci_basis"].startswith("approximate")
    assert "2021/22" in out.loc["2022/23", "ci_basis"]
    assert pd.isna(out.loc["2022/23", "numerator"])  # published columns untouched
    assert out.loc["2021/22", "ci_basis"] == analyses.PUBLISHED_CI


@pytest.mark.parametrize(
    ("a", "b", "expected"),
    [
        # Newcombe (1998), Statistics in Medicine 17:873, Table II, method 10 (score, no CC).
        ((56, 70), (48, 80), (0.0524, 0.3339)),
        ((9, 10), (3, 10), (0.1705, 0.8090)),
    ],
)
def test_gap_ci_is_newcombes_hybrid_score_interval(a, b, expected):
    (k1, n1), (k2, n2) = a, b
    l1, u1 = wilson(k1, n1)
    l2, u2 = wilson(k2, n2)
    gap, low, high = analyses.newcombe_difference(100 * k1 / n1, l1, u1, 100 * k2 / n2, l2, u2)
    assert gap == pytest.approx(100 * (k1 / n1 - k2 / n2))
    assert low / 100 == pytest.approx(expected[0], abs=5e-5)
    assert high / 100 == pytest.approx(expected[1], abs=5e-5)


def _gap_fixture(area_counts, england_counts, periods):
    rows = []
    for (k, n), (ke, ne), (period, start) in zip(area_counts, england_counts, periods, strict=True):
        rows.append(tidy_row("E06000005", "Darlington", "la", period, start, k, n))
        rows.append(tidy_row("E92000001", "England", "country", period, start, ke, ne))
    return pd.DataFrame(rows)


AREAS = pd.DataFrame(
    {
        "area_code": ["E92000001", "E06000005"],
        "area_name": ["England", "Darlington"],
        "area_level": ["country", "la"],
        "nation": ["England", "England"],
        "region_code": ["", "E12000001"],
        "region_name": ["", "North East"],
        "successor_codes": ["", ""],
    }
)
NO_NEIGHBOURS = pd.DataFrame(columns=["model", "area_code", "rank", "neighbour_code"])
PERIODS = [("2021/22", "2021-09-01"), ("2022/23", "2022-09-01"), ("2023/24", "2023-09-01")]


def test_gap_over_time_per_period_against_an_independent_calculation():
    indicators = _gap_fixture(
        [(600, 1000), (1380, 2000), (2800, 4000)], [(7000, 10000)] * 3, PERIODS
    )
    result = analyses.gap_over_time(
        indicators, AREAS, NO_NEIGHBOURS, indicator_id="eyfsp_gld", area_code="E06000005"
    )
    first = result.table.iloc[0]
    # By hand, Newcombe: d = 60 - 70; L = d - sqrt((p1-l1)^2 + (u2-p2)^2), U likewise.
    l1, u1 = wilson(600, 1000)
    l2, u2 = wilson(7000, 10000)
    assert first["gap"] == pytest.approx(-10.0)
    assert first["gap_lower_ci95"] == pytest.approx(-10 - np.hypot(60 - l1, u2 - 70))
    assert first["gap_upper_ci95"] == pytest.approx(-10 + np.hypot(u1 - 60, 70 - l2))
    assert first["gap_significant"] == "yes"
    assert result.benchmark_label == "England"
    # Gaps -10, -1, 0 with unequal CIs: the weighted slope (numpy's weighted polyfit,
    # weights 1/se), well beyond 99.8% significance and in the area's favour.
    se = (result.table["gap_upper_ci95"] - result.table["gap_lower_ci95"]) / (2 * WILSON_Z)
    years = np.array([0, 365, 730]) / 365.25
    expected = np.polyfit(years, result.table["gap"], 1, w=1 / se)[0]
    assert result.slope == pytest.approx(expected, rel=1e-9)
    assert "significantly" in result.trend_words and "favour" in result.trend_words


def test_gap_trend_not_tested_across_a_break_or_with_too_few_points():
    periods = [("2017/18", "2017-09-01"), ("2018/19", "2018-09-01"), ("2021/22", "2021-09-01")]
    indicators = _gap_fixture([(600, 1000), (650, 1000), (700, 1000)], [(7000, 10000)] * 3, periods)
    result = analyses.gap_over_time(
        indicators, AREAS, NO_NEIGHBOURS, indicator_id="eyfsp_gld", area_code="E06000005"
    )
    assert result.slope is None
    assert "not tested" in result.trend_words
    assert result.trend_periods == ("2021/22",)  # the EYFSP break 2018/19 | 2021/22 cuts it


def test_cohort_alignment_from_first_principles():
    """ASQ-3 2021/22: reviews 1 April 2021 to 31 March 2022, at 24 to 30 months of age.

    Oldest child: reviewed on 1 April 2021 just before 30 months -> born 2 October 2018.
    Youngest: reviewed on 31 March 2022 at exactly 24 months -> born 31 March 2020.
    A school year group is born 1 September to 31 August and is assessed (EYFS profile) in
    the summer of the reception year in which it turns 5: born Sep 2018-Aug 2019 -> 2023/24;
    born Sep 2019-Aug 2020 -> 2024/25. With review month t uniform on [0, 12) (0 = April 2021)
    and age a uniform on [24, 30) months, birth = t - a months; born before 1 September 2019
    (19 months before April 2021) iff t < a - 19, which has probability E[(a - 19) / 12] =
    (27 - 19) / 12 = 2/3. So two thirds are assessed in 2023/24 and one third in 2024/25.
    """
    alignment = analyses.cohort_alignment(2021)
    assert alignment.birth_earliest == date(2018, 10, 2)
    assert alignment.birth_latest == date(2020, 3, 31)
    assert list(alignment.shares) == ["2023/24", "2024/25"]
    assert alignment.shares["2023/24"] == pytest.approx(2 / 3, abs=0.005)
    assert alignment.shares["2024/25"] == pytest.approx(1 / 3, abs=0.005)
    assert sum(alignment.shares.values()) == pytest.approx(1.0)
    assert alignment.primary_year == "2023/24"
    # Reviewed at 29-30 months only: P(t < a - 19) = E[(a - 19) / 12] = 10.5 / 12.
    late = analyses.cohort_alignment(2021, min_age_months=29, max_age_months=30)
    assert late.shares["2023/24"] == pytest.approx(10.5 / 12, abs=0.005)


@pytest.mark.parametrize(
    ("born", "year"),
    [
        (date(2018, 9, 1), "2023/24"),
        (date(2019, 8, 31), "2023/24"),
        (date(2019, 9, 1), "2024/25"),
        (date(2020, 3, 31), "2024/25"),
        (date(2016, 9, 1), "2021/22"),  # the first reformed-profile cohort
    ],
)
def test_eyfsp_year_of_birth(born, year):
    assert analyses.eyfsp_year_of_birth(born) == year


def test_fit_line_matches_scipy_linregress():
    rng = np.random.default_rng(12)
    x = rng.uniform(70, 95, 40)
    y = 50 + 0.2 * x + rng.normal(0, 3, 40)
    fit = analyses.fit_line(x, y)
    reference = stats.linregress(x, y)
    assert fit.slope == pytest.approx(reference.slope, rel=1e-10)
    assert fit.intercept == pytest.approx(reference.intercept, rel=1e-10)
    assert fit.r == pytest.approx(reference.rvalue, rel=1e-10)
    assert fit.p_value == pytest.approx(reference.pvalue, rel=1e-8)
    t = stats.t.ppf(0.975, 38)
    assert fit.slope_lower95 == pytest.approx(reference.slope - t * reference.stderr, rel=1e-9)
    # The band at the smallest x: fit +/- t * s * sqrt(1/n + (x0 - mean)^2 / Sxx).
    s = np.sqrt(((y - reference.intercept - reference.slope * x) ** 2).sum() / 38)
    x0 = x.min()
    half = t * s * np.sqrt(1 / 40 + (x0 - x.mean()) ** 2 / ((x - x.mean()) ** 2).sum())
    first = fit.band.iloc[0]
    assert first["x"] == pytest.approx(x0)
    assert first["upper95"] - first["fit"] == pytest.approx(half, rel=1e-9)
    assert analyses.fit_line(x[:2], y[:2]) is None


def test_association_words_say_weak_and_ecological():
    x = np.array([1.0, 2, 3, 4, 5, 6, 7, 8])
    y = np.array([2.0, 1, 4, 3, 6, 5, 8, 7])
    words = analyses.association_words(analyses.fit_line(x, y), x_title="a", y_title="b")
    assert "strong" in words and "not children" in words
