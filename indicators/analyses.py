"""Answers to the questions users bring: regions ranked, gaps over time, peers only, cohort 2→5.

Plain Python, no Streamlit. Every function takes the tidy frames and returns frames (and small
frozen results) that a page draws as they are and a test checks without Streamlit.

Methods, stated once here and repeated in the results:

* **Significance against a benchmark** uses the engine's rule (:mod:`indicators.compare`): the
  area's 95% CI does not overlap the benchmark value; better/worse follow polarity.
* **Approximate intervals.** DfE publishes only percentages for some years (EYFSP 2022/23 on).
  Where an area has a value but no counts, its latest earlier published denominator (same
  indicator and breakdown) stands in for the cohort size and a Wilson interval is drawn from
  it; the row says so in ``ci_basis``. Cohorts change by a few per cent a year, so such an
  interval is close to, not exactly, the one the true counts would give.
* **CI of a difference of two proportions**: Newcombe's hybrid score interval (his method 10,
  *Statistics in Medicine* 1998;17:873-890) from the two Wilson intervals. It treats the two
  as independent; an area is part of its benchmark, which makes the interval slightly wider
  than it should be (conservative), negligibly so for one local authority against England.
* **Trend of a gap**: weighted least-squares slope of the gap on time (weights 1 / variance of
  each gap, from its CI), over the last 3 to 5 consecutive periods after the latest series
  break, tested with a z test at 99.8% (the level Fingertips uses for recent trends).
* **Cohort fit**: ordinary least squares of the outcome at 5 on the outcome at 2 across local
  authorities, with the 95% confidence band of the fitted mean (t distribution, n-2 df).
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from datetime import date, timedelta

import numpy as np
import pandas as pd

from indicators import compare
from indicators.catalogue import get_indicator
from indicators.geography import NATION_CODES
from indicators.schema import STATUSES, STATUSES_WITH_VALUE
from indicators.stats import Z_95, Z_998, wilson_interval

GAP_MIN_POINTS = 3
GAP_MAX_POINTS = 5
NEWCOMBE_METHOD = (
    "difference in percentage points; 95% CI by Newcombe's hybrid score method from the two "
    "Wilson intervals (benchmark treated as a fixed value where it has no interval)"
)
GAP_TREND_METHOD = (
    "weighted least-squares slope of the gap over the last 3 to 5 consecutive periods "
    "(none across a series break), z test at 99.8%"
)
FIT_METHOD = "ordinary least squares across local authorities; band: 95% CI of the fitted mean"
PUBLISHED_CI = "published or computed from published counts"


def _valued(frame: pd.DataFrame) -> pd.Series:
    return frame["status"].isin(list(STATUSES_WITH_VALUE)) & frame["value"].notna()


# --------------------------------------------------------------------------- approximate CIs
def with_approximate_intervals(rows: pd.DataFrame) -> pd.DataFrame:
    """Fill missing CIs from the area's latest earlier published denominator (see module doc).

    Args:
        rows: tidy rows of ONE indicator and breakdown (any areas and periods).

    Returns:
        A copy with ``ci_basis`` (why the interval is what it is) and, where an area has a
        value but no counts, ``denominator_used`` and Wilson bounds from it. Published counts
        and intervals are never changed.
    """
    out = rows.sort_values("period_start", kind="stable").copy()
    out["ci_basis"] = np.where(out["lower_ci95"].notna(), PUBLISHED_CI, "")
    out["denominator_used"] = out["denominator"]
    needs = _valued(out) & out["lower_ci95"].isna() & out["denominator"].isna()
    if needs.any():
        known = out[out["denominator"].notna()][
            ["area_code", "period", "period_start", "denominator"]
        ]
        for index in out.index[needs]:
            earlier = known[
                (known["area_code"] == out.at[index, "area_code"])
                & (known["period_start"] < out.at[index, "period_start"])
            ]
            if earlier.empty:
                out.at[index, "ci_basis"] = "no interval: no published counts for this area"
                continue
            last = earlier.iloc[-1]
            n = float(last["denominator"])
            k = round(float(out.at[index, "value"]) * n / 100)
            for suffix, z in (("95", Z_95), ("998", Z_998)):
                low, high = wilson_interval(k, n, z=z)
                out.at[index, f"lower_ci{suffix}"] = float(low)
                out.at[index, f"upper_ci{suffix}"] = float(high)
            out.at[index, "denominator_used"] = n
            out.at[index, "ci_basis"] = (
                f"approximate: Wilson interval with the {last['period']} cohort "
                f"({int(n):,}) as denominator (counts not published for this period)"
            )
    missing = _valued(out) & out["lower_ci95"].isna() & (out["ci_basis"] == "")
    out.loc[missing, "ci_basis"] = "no interval: counts not published"
    return out.sort_index()


def _indicator_rows(indicators: pd.DataFrame, indicator_id: str, breakdown: str) -> pd.DataFrame:
    return indicators[
        (indicators["indicator_id"] == indicator_id) & (indicators["breakdown"] == breakdown)
    ]


# --------------------------------------------------------------------------- regions ranked
@dataclass(frozen=True)
class RegionRanking:
    """England's regions (and comparable nations) ranked and tested against England."""

    table: pd.DataFrame
    england_value: float | None
    method: str
    note: str = ""


RANKING_COLUMNS = (
    "rank",
    "area_code",
    "area_name",
    "level",
    "value",
    "lower_ci95",
    "upper_ci95",
    "numerator",
    "denominator",
    "ci_basis",
    "england_value",
    "comparison",
    "comparison_label",
    "comparison_reason",
    "n_ranked",
    "status_label",
    "source_id",
    "note",
)


def rank_regions(
    indicators: pd.DataFrame, *, indicator_id: str, period: str, breakdown: str = "all"
) -> RegionRanking:
    """Rank England's regions, best first (polarity-aware), each compared with England.

    Other nations are added (unranked, level ``nation``) only where they publish this same
    indicator, i.e. where the measure is comparable by definition.

    Returns:
        A :class:`RegionRanking`; its table is sorted by rank (unranked rows last).
    """
    indicator = get_indicator(indicator_id)
    rows = with_approximate_intervals(_indicator_rows(indicators, indicator_id, breakdown))
    rows = rows[rows["period"] == period]
    england = rows[(rows["area_code"] == NATION_CODES["England"]) & _valued(rows)]
    england_value = float(england["value"].iloc[0]) if not england.empty else None
    regions = rows[(rows["area_level"] == "region") & (rows["nation"] == "England")]
    others = rows[
        (rows["area_level"] == "country")
        & (rows["nation"] != "England")
        & rows["nation"].isin(indicator.nations)
    ]
    ranked = compare.rank_areas(regions, polarity=indicator.polarity).assign(level="region")
    nations = others.assign(
        level="nation",
        rank=pd.array([pd.NA] * len(others), dtype="Int64"),
        n_ranked=len(ranked),
        n_excluded=0,
        quartile=pd.array([pd.NA] * len(others), dtype="Int64"),
    )
    table = pd.concat([ranked, nations], ignore_index=True)
    results = [
        compare.compare_with_benchmark(
            value=row.value,
            lower=row.lower_ci95,
            upper=row.upper_ci95,
            benchmark_value=england_value,
            polarity=indicator.polarity,
            benchmark_label="England",
            status=row.status,
            denominator=row.denominator_used,
        )
        for row in table.itertuples(index=False)
    ]
    table = table.assign(
        england_value=england_value,
        comparison=[r.outcome for r in results],
        comparison_label=[r.label for r in results],
        comparison_reason=[r.reason for r in results],
        status_label=table["status"].map(STATUSES).fillna(""),
    )
    table = table.sort_values(["rank", "area_name"], na_position="last", ignore_index=True)
    order = "1 = highest" if indicator.polarity == "no_judgement" else "1 = best"
    method = (
        f"Ranked {order}; each compared with England ({compare.BENCHMARK_METHOD}, 95%). "
        "A region is part of England, so this test is a little conservative."
    )
    note = "" if len(regions) else "No regional figures for this indicator and period."
    return RegionRanking(table[list(RANKING_COLUMNS)], england_value, method, note)


def ranking_sentence(ranking: RegionRanking, *, indicator_id: str, period: str) -> str:
    """Plain words: the lowest- and highest-ranked regions and how many differ from England."""
    indicator = get_indicator(indicator_id)
    regions = ranking.table[(ranking.table["level"] == "region") & ranking.table["rank"].notna()]
    if regions.empty:
        return f"There are no regional figures for {indicator.short_title.lower()} in {period}."
    best, worst = regions.iloc[0], regions.iloc[-1]
    counts = regions["comparison_label"].value_counts()
    parts = [f"{counts[k]} {k.lower()}" for k in counts.index]
    top = "highest" if indicator.polarity == "no_judgement" else "best"
    bottom = "lowest" if indicator.polarity == "no_judgement" else "worst"
    return (
        f"In {period}, {best['area_name']} ranked {top} ({best['value']:.1f}{indicator.unit}) and "
        f"{worst['area_name']} {bottom} ({worst['value']:.1f}{indicator.unit}) of {len(regions)} "
        f"regions. Against England: {', '.join(parts)}."
    )


# --------------------------------------------------------------------------- gap over time
def newcombe_difference(
    p1: float, lower1: float, upper1: float, p2: float, lower2: float, upper2: float
) -> tuple[float, float, float]:
    """Difference ``p1 - p2`` with Newcombe's hybrid score interval (all in percent).

    Args:
        p1, lower1, upper1: first proportion and its Wilson interval.
        p2, lower2, upper2: second proportion and its Wilson interval.

    Returns:
        The difference and its lower and upper bounds.
    """
    difference = p1 - p2
    lower = difference - math.sqrt((p1 - lower1) ** 2 + (upper2 - p2) ** 2)
    upper = difference + math.sqrt((upper1 - p1) ** 2 + (p2 - lower2) ** 2)
    return difference, lower, upper


GAP_COLUMNS = (
    "period",
    "period_start",
    "area_value",
    "area_lower_ci95",
    "area_upper_ci95",
    "benchmark_value",
    "benchmark_lower_ci95",
    "benchmark_upper_ci95",
    "gap",
    "gap_lower_ci95",
    "gap_upper_ci95",
    "gap_significant",
    "ci_basis",
    "status_label",
    "source_id",
)


@dataclass(frozen=True)
class GapResult:
    """An area's gap to its benchmark in every period, and the recent trend of that gap."""

    table: pd.DataFrame
    area_name: str
    benchmark_label: str
    trend_words: str
    slope: float | None = None
    z: float | None = None
    trend_periods: tuple[str, ...] = field(default=())
    method: str = NEWCOMBE_METHOD
    trend_method: str = GAP_TREND_METHOD


def gap_trend(
    table: pd.DataFrame, *, indicator_id: str, area_name: str, benchmark_label: str
) -> tuple[str, float | None, float | None, tuple[str, ...]]:
    """The recent trend of a gap, in words (see :data:`GAP_TREND_METHOD`).

    Returns:
        Words, slope (percentage points a year), z statistic and the periods used.
    """
    indicator = get_indicator(indicator_id)
    ordered = table.sort_values("period_start")
    run: list[pd.Series] = []
    for _, row in ordered.iterrows():
        usable = pd.notna(row["gap"]) and pd.notna(row["gap_lower_ci95"])
        if not usable or (run and compare_break(indicator, run[-1]["period"], row["period"])):
            run = []
        if usable:
            run.append(row)
    window = run[-GAP_MAX_POINTS:]
    if len(window) < GAP_MIN_POINTS:
        return (
            f"The trend of the gap is not tested: fewer than {GAP_MIN_POINTS} consecutive "
            "periods with an interval since the latest series break or missing year.",
            None,
            None,
            tuple(r["period"] for r in window),
        )
    frame = pd.DataFrame(window)
    years = np.array(
        [
            (pd.Timestamp(s) - pd.Timestamp(frame["period_start"].iloc[0])).days / 365.25
            for s in frame["period_start"]
        ]
    )
    gaps = frame["gap"].to_numpy(dtype=float)
    se = (frame["gap_upper_ci95"] - frame["gap_lower_ci95"]).to_numpy(dtype=float) / (2 * Z_95)
    weights = 1 / np.maximum(se, 1e-9) ** 2
    x_bar = (weights * years).sum() / weights.sum()
    sxx = (weights * (years - x_bar) ** 2).sum()
    slope = float((weights * (years - x_bar) * gaps).sum() / sxx)
    z = slope / math.sqrt(1 / sxx)
    periods = tuple(frame["period"])
    span = f"{periods[0]} to {periods[-1]}"
    if abs(z) <= Z_998:
        return (
            f"From {span}, the gap between {area_name} and {benchmark_label} shows no significant "
            f"change ({slope:+.2f} percentage points a year).",
            slope,
            z,
            periods,
        )
    if indicator.polarity == "no_judgement":
        verdict = "rising" if slope > 0 else "falling"
    else:
        gaining = (slope > 0) == (indicator.polarity == "higher_is_better")
        verdict = f"moving in {area_name}'s favour" if gaining else f"moving against {area_name}"
    return (
        f"From {span}, the gap between {area_name} and {benchmark_label} changed significantly: "
        f"{slope:+.2f} percentage points a year, {verdict}.",
        slope,
        z,
        periods,
    )


def compare_break(indicator, first: str, second: str) -> bool:
    from indicators.catalogue import crosses_break

    return crosses_break(indicator, first, second) is not None


def gap_over_time(
    indicators: pd.DataFrame,
    areas: pd.DataFrame,
    neighbours: pd.DataFrame,
    *,
    indicator_id: str,
    area_code: str,
    benchmark: compare.BenchmarkKind = "england",
    breakdown: str = "all",
) -> GapResult:
    """The area minus its benchmark in every period of the indicator, with the CI of the gap.

    Periods without a value (COVID, suppressed) keep their row with an empty gap and a status.
    """
    rows = with_approximate_intervals(_indicator_rows(indicators, indicator_id, breakdown))
    name_of = dict(zip(areas["area_code"], areas["area_name"], strict=True))
    area_name = name_of.get(area_code, area_code)
    periods = rows.drop_duplicates("period").sort_values("period_start")
    records = []
    label = compare.BENCHMARK_KINDS.get(benchmark, benchmark)
    for period, start in zip(periods["period"], periods["period_start"], strict=True):
        own = rows[(rows["area_code"] == area_code) & (rows["period"] == period)]
        reference = compare.benchmark_for(
            rows,
            indicator_id=indicator_id,
            period=period,
            area_code=area_code,
            kind=benchmark,
            areas=areas,
            neighbours=neighbours,
            breakdown=breakdown,
        )
        label = reference.label
        record = {
            "period": period,
            "period_start": start,
            "area_value": np.nan,
            "area_lower_ci95": np.nan,
            "area_upper_ci95": np.nan,
            "benchmark_value": reference.value,
            "benchmark_lower_ci95": reference.lower95,
            "benchmark_upper_ci95": reference.upper95,
            "gap": np.nan,
            "gap_lower_ci95": np.nan,
            "gap_upper_ci95": np.nan,
            "gap_significant": "",
            "ci_basis": "",
            "status_label": "No figure for this area",
            "source_id": "",
        }
        if not own.empty:
            row = own.iloc[0]
            record |= {
                "status_label": STATUSES.get(row["status"], row["status"]),
                "source_id": row["source_id"],
                "ci_basis": row["ci_basis"],
            }
            if row["status"] in STATUSES_WITH_VALUE and pd.notna(row["value"]):
                record |= {
                    "area_value": row["value"],
                    "area_lower_ci95": row["lower_ci95"],
                    "area_upper_ci95": row["upper_ci95"],
                }
        if pd.notna(record["area_value"]) and reference.value is not None:
            p1, p2 = float(record["area_value"]), float(reference.value)
            record["gap"] = p1 - p2
            if pd.notna(record["area_lower_ci95"]):
                l1, u1 = float(record["area_lower_ci95"]), float(record["area_upper_ci95"])
                if reference.lower95 is not None and reference.upper95 is not None:
                    _, low, high = newcombe_difference(
                        p1, l1, u1, p2, reference.lower95, reference.upper95
                    )
                else:
                    low, high = l1 - p2, u1 - p2
                record["gap_lower_ci95"], record["gap_upper_ci95"] = low, high
                record["gap_significant"] = (
                    "yes" if low > 0 or high < 0 else "no (CI includes zero)"
                )
        records.append(record)
    table = pd.DataFrame.from_records(records, columns=list(GAP_COLUMNS))
    words, slope, z, used = gap_trend(
        table, indicator_id=indicator_id, area_name=area_name, benchmark_label=label
    )
    return GapResult(table, area_name, label, words, slope, z, used)


# --------------------------------------------------------------------------- peers only
@dataclass(frozen=True)
class PeersResult:
    """An area and its statistical neighbours alone."""

    table: pd.DataFrame
    pooled: compare.Benchmark
    rank_among_peers: int | None
    n_peers_ranked: int
    quartile_all: int | None
    n_all: int
    sentence: str

    @property
    def approximate(self) -> bool:
        """Whether any drawn interval is approximate (no counts published)."""
        return bool(self.table["ci_basis"].astype(str).str.startswith("approximate").any())


PEER_COLUMNS = (
    "area_code",
    "area_name",
    "role",
    "peer_rank",
    "value",
    "lower_ci95",
    "upper_ci95",
    "numerator",
    "denominator",
    "comparison_label",
    "rank_all",
    "quartile_all",
    "n_all",
    "status_label",
    "ci_basis",
    "source_id",
)


def peers_only(
    indicators: pd.DataFrame,
    areas: pd.DataFrame,
    neighbours: pd.DataFrame,
    *,
    indicator_id: str,
    period: str,
    area_code: str,
    model: str = "2025",
    breakdown: str = "all",
) -> PeersResult:
    """The area and its DfE statistical neighbours: values, CIs, pooled peer value and ranks.

    ``peer_rank`` ranks the area and its neighbours together (1 = best, polarity-aware);
    ``rank_all`` and ``quartile_all`` are among all the nation's areas (the engine's ranks);
    ``comparison_label`` compares each with the pooled peer value.
    """
    indicator = get_indicator(indicator_id)
    rows = with_approximate_intervals(_indicator_rows(indicators, indicator_id, breakdown))
    table = compare.comparison_table(
        rows,
        areas,
        neighbours,
        indicator_id=indicator_id,
        period=period,
        benchmark="england",
        breakdown=breakdown,
    )
    pairs = neighbours[
        (neighbours["model"].astype(str) == model) & (neighbours["area_code"] == area_code)
    ].sort_values("rank")
    codes = [area_code, *pairs["neighbour_code"]]
    pooled = compare.benchmark_for(
        rows,
        indicator_id=indicator_id,
        period=period,
        area_code=area_code,
        kind=f"peers_{model}",
        areas=areas,
        neighbours=neighbours,
        breakdown=breakdown,
    )
    empty = pd.DataFrame(columns=list(PEER_COLUMNS))
    if table.empty or pairs.empty:
        return PeersResult(empty, pooled, None, 0, None, 0, "No statistical neighbours or figures.")
    chosen = table[table["area_code"].isin(codes)].rename(
        columns={"rank": "rank_all", "quartile": "quartile_all", "n_ranked": "n_all"}
    )
    group = compare.rank_areas(chosen, polarity=indicator.polarity).rename(
        columns={"rank": "peer_rank"}
    )
    results = [
        compare.compare_with_benchmark(
            value=row.value,
            lower=row.lower_ci95,
            upper=row.upper_ci95,
            benchmark_value=pooled.value,
            polarity=indicator.polarity,
            benchmark_label="its statistical neighbours",
            status=row.status,
            denominator=row.denominator,
        )
        for row in group.itertuples(index=False)
    ]
    group = group.assign(
        role=np.where(group["area_code"] == area_code, "selected area", "statistical neighbour"),
        comparison_label=[r.label for r in results],
        status_label=group["status"].map(STATUSES).fillna(""),
    )
    ascending = indicator.polarity == "lower_is_better"
    group = group.sort_values(
        ["value", "area_name"], ascending=[ascending, True], na_position="last", ignore_index=True
    )
    own = group[group["area_code"] == area_code]
    rank = None if own.empty or pd.isna(own["peer_rank"].iloc[0]) else int(own["peer_rank"].iloc[0])
    quartile = (
        None
        if own.empty or pd.isna(own["quartile_all"].iloc[0])
        else int(own["quartile_all"].iloc[0])
    )
    n_all = int(
        table.loc[
            table["nation"] == (own["nation"].iloc[0] if not own.empty else "England"), "rank"
        ]
        .notna()
        .sum()
    )
    n_peers = int(group["peer_rank"].notna().sum())
    name = own["area_name"].iloc[0] if not own.empty else area_code
    quarter = {1: "best", 2: "second", 3: "third", 4: "worst"}
    if indicator.polarity == "no_judgement":
        quarter = {1: "highest", 2: "second", 3: "third", 4: "lowest"}
    if rank is None:
        sentence = f"{name} has no figure for {period}."
    else:
        pooled_words = (
            f"the pooled peer value is {pooled.value:.1f}{indicator.unit}"
            if pooled.value is not None
            else "the peers have no pooled value"
        )
        sentence = (
            f"In {period}, {name} ranks {rank} of {n_peers} among itself and its statistical "
            f"neighbours ({model} model); {pooled_words}; among all {n_all} areas it is in the "
            f"{quarter.get(quartile, '')} quarter."
        )
    return PeersResult(
        group.assign(n_all=n_all)[list(PEER_COLUMNS)],
        pooled,
        rank,
        n_peers,
        quartile,
        n_all,
        sentence,
    )


# --------------------------------------------------------------------------- cohort 2 -> 5
def _add_months(day: date, months: int) -> date:
    """``day`` moved by whole months, clamped to the month's last day (31 Jan + 1 = 28/29 Feb)."""
    month0 = day.month - 1 + months
    year, month = day.year + month0 // 12, month0 % 12 + 1
    for last in (31, 30, 29, 28):
        try:
            return date(year, month, min(day.day, last))
        except ValueError:
            continue
    raise ValueError(day)  # pragma: no cover


def eyfsp_year_of_birth(birth: date) -> str:
    """The school year in which a child born on ``birth`` is assessed at the end of reception.

    English school years run 1 September to 31 August; a year group holds the children born
    1 September to 31 August. The EYFS profile is completed in the summer term of reception,
    the school year in which the child turns 5: born 1 Sep Y to 31 Aug Y+1 -> they turn 5
    between 1 Sep Y+5 and 31 Aug Y+6 -> assessed in (Y+5)/(Y+6).
    """
    first = birth.year if birth.month >= 9 else birth.year - 1
    return f"{first + 5}/{(first + 6) % 100:02d}"


@dataclass(frozen=True)
class CohortAlignment:
    """Which children an ASQ-3 financial year reviewed, and when they are assessed at 5."""

    review_start: date
    review_end: date
    min_age_months: int
    max_age_months: int
    birth_earliest: date
    birth_latest: date
    shares: dict[str, float]
    primary_year: str

    def describe(self) -> str:
        years = "; ".join(f"{share:.0%} in {year}" for year, share in self.shares.items())
        return (
            f"Children reviewed between {self.review_start:%-d %B %Y} and {self.review_end:%-d %B %Y} "
            f"at {self.min_age_months} to {self.max_age_months} months were born between "
            f"{self.birth_earliest:%-d %B %Y} and {self.birth_latest:%-d %B %Y}. English school "
            "years run 1 September to 31 August and children are assessed at the end of the "
            "reception year in which they turn 5, so, assuming review dates spread evenly over "
            f"the year and ages evenly over the window, this cohort is assessed {years}. "
            f"{self.primary_year} holds most of it and is used by default."
        )


def cohort_alignment(
    financial_year_start: int = 2021, *, min_age_months: int = 24, max_age_months: int = 30
) -> CohortAlignment:
    """Birth window of an ASQ-3 financial year's cohort and the EYFSP years it falls in.

    Every review day of the financial year (1 April to 31 March) is taken with the ages at
    review spread evenly between ``min_age_months`` and ``max_age_months``; the share of births
    falling in each EYFSP year is integrated day by day.

    Returns:
        The :class:`CohortAlignment`, shares ordered by year.
    """
    start = date(financial_year_start, 4, 1)
    end = date(financial_year_start + 1, 3, 31)
    shares: dict[str, float] = {}
    days = (end - start).days + 1
    for offset in range(days):
        review = start + timedelta(days=offset)
        # Ages in [min, max) months: births in (review - max months, review - min months].
        earliest = _add_months(review, -max_age_months) + timedelta(days=1)
        latest = _add_months(review, -min_age_months)
        span = (latest - earliest).days + 1
        cursor = earliest
        while cursor <= latest:
            year = eyfsp_year_of_birth(cursor)
            first = int(year[:4]) - 5
            year_end = min(latest, date(first + 1, 8, 31))
            shares[year] = shares.get(year, 0.0) + ((year_end - cursor).days + 1) / span / days
            cursor = year_end + timedelta(days=1)
    shares = dict(sorted(shares.items()))
    birth_earliest = _add_months(start, -max_age_months) + timedelta(days=1)
    birth_latest = _add_months(end, -min_age_months)
    primary = max(shares, key=shares.get)
    return CohortAlignment(
        start, end, min_age_months, max_age_months, birth_earliest, birth_latest, shares, primary
    )


@dataclass(frozen=True)
class LineFit:
    """A straight line fitted across areas, with its uncertainty."""

    slope: float
    intercept: float
    r: float
    p_value: float
    n: int
    slope_lower95: float
    slope_upper95: float
    band: pd.DataFrame  # x, fit, lower95, upper95
    method: str = FIT_METHOD


def fit_line(x: np.ndarray, y: np.ndarray, *, points: int = 50) -> LineFit | None:
    """OLS fit of ``y`` on ``x`` with the 95% confidence band of the fitted mean.

    Returns:
        None when fewer than 3 points or no spread in ``x``.
    """
    from scipy import stats

    x = np.asarray(x, dtype=float)
    y = np.asarray(y, dtype=float)
    n = len(x)
    if n < 3:
        return None
    x_bar, y_bar = x.mean(), y.mean()
    sxx = float(((x - x_bar) ** 2).sum())
    syy = float(((y - y_bar) ** 2).sum())
    if sxx == 0 or syy == 0:
        return None
    slope = float(((x - x_bar) * (y - y_bar)).sum() / sxx)
    intercept = float(y_bar - slope * x_bar)
    r = float(((x - x_bar) * (y - y_bar)).sum() / math.sqrt(sxx * syy))
    residual = y - (intercept + slope * x)
    s = math.sqrt(float((residual**2).sum()) / (n - 2))
    se_slope = s / math.sqrt(sxx)
    t_crit = float(stats.t.ppf(0.975, n - 2))
    t_stat = slope / se_slope if se_slope > 0 else math.inf
    p_value = float(2 * stats.t.sf(abs(t_stat), n - 2))
    grid = np.linspace(x.min(), x.max(), points)
    fitted = intercept + slope * grid
    half = t_crit * s * np.sqrt(1 / n + (grid - x_bar) ** 2 / sxx)
    band = pd.DataFrame(
        {"x": grid, "fit": fitted, "lower95": fitted - half, "upper95": fitted + half}
    )
    return LineFit(
        slope,
        intercept,
        r,
        p_value,
        n,
        slope - t_crit * se_slope,
        slope + t_crit * se_slope,
        band,
    )


def association_words(fit: LineFit | None, *, x_title: str, y_title: str) -> str:
    """Plain words on how strong an area-level association is (Cohen's rough bands for r)."""
    if fit is None:
        return "Too few areas with both figures to fit a line."
    size = abs(fit.r)
    strength = (
        "very weak"
        if size < 0.1
        else "weak"
        if size < 0.3
        else "moderate"
        if size < 0.5
        else "strong"
    )
    direction = "higher" if fit.slope > 0 else "lower"
    significance = (
        "statistically significant (p < 0.05)"
        if fit.p_value < 0.05
        else "not statistically significant (p ≥ 0.05)"
    )
    return (
        f"Across {fit.n} local authorities the association is {strength} (r = {fit.r:.2f}, "
        f"r² = {fit.r**2:.2f}) and {significance}: areas 1 percentage point higher on "
        f"{x_title} had, on average, {abs(fit.slope):.2f} points {direction} {y_title} "
        f"(95% CI {fit.slope_lower95:.2f} to {fit.slope_upper95:.2f}). This compares areas, not "
        "children: it cannot say whether the children behind at 2 were the ones behind at 5."
    )


#: The measure at 2-2½ (the key held in the URL) -> (the matching measure at 5, label).
COHORT_PAIRS: dict[str, tuple[str, str]] = {
    "asq3_all_domains": (
        "eyfsp_gld",
        "All five areas at 2 → good level of development at 5",
    ),
    "asq3_communication": (
        "eyfsp_comms_language",
        "Communication at 2 → communication and language at 5",
    ),
}


COHORT_COLUMNS = (
    "area_code",
    "area_name",
    "role",
    "x_value",
    "x_lower_ci95",
    "x_upper_ci95",
    "x_denominator",
    "y_value",
    "y_lower_ci95",
    "y_upper_ci95",
    "y_ci_basis",
    "x_caution",
)


@dataclass(frozen=True)
class CohortResult:
    table: pd.DataFrame  # local authorities with both values, plus the England row
    fit: LineFit | None
    words: str
    excluded: pd.DataFrame  # LAs with one figure only
    alignment: CohortAlignment

    @property
    def low_coverage(self) -> int:
        """Local authorities whose ASQ-3 coverage was below the catalogue's threshold."""
        return int((self.table["x_caution"].astype(str) != "").sum())

    def excluded_text(self) -> str:
        """E.g. "Bury (ASQ-3 all five areas only), …" for the areas not drawn."""
        return ", ".join(
            f"{name} ({has} only)"
            for name, has in zip(self.excluded["area_name"], self.excluded["has"], strict=True)
        )


def cohort_scatter(
    indicators: pd.DataFrame,
    neighbours: pd.DataFrame,
    *,
    x_indicator: str = "asq3_all_domains",
    x_period: str = "2021/22",
    y_indicator: str | None = None,
    y_period: str | None = None,
    area_code: str | None = None,
    model: str = "2025",
) -> CohortResult:
    """Each local authority's outcome at 2-2½ against the same cohort's outcome at 5.

    Areas recoded between the two ages with the same territory (North Yorkshire, Somerset in
    2023) are joined through the build's ``built_from_predecessor`` copies, and the
    predecessor rows are then dropped so no area counts twice; split areas (Cumbria) cannot
    be joined and are listed as excluded. The line is fitted over local authorities only.
    Without ``y_indicator``, the measure at 5 paired with ``x_indicator`` in
    :data:`COHORT_PAIRS` is used.
    """
    y_indicator = y_indicator or COHORT_PAIRS[x_indicator][0]
    alignment = cohort_alignment(int(x_period[:4]))
    y_period = y_period or alignment.primary_year

    def side(indicator_id: str, period: str) -> pd.DataFrame:
        rows = with_approximate_intervals(_indicator_rows(indicators, indicator_id, "all"))
        rows = rows[(rows["period"] == period) & _valued(rows)]
        rows = rows[rows["area_level"].isin(["la", "country"]) & (rows["nation"] == "England")]
        built = rows[rows["area_status"] == "built_from_predecessor"]
        copied = set(built["note"].str.extract(r"\(([EWSN]\d{8})\)", expand=False).dropna())
        return rows[~rows["area_code"].isin(copied)].set_index("area_code")

    x_rows, y_rows = side(x_indicator, x_period), side(y_indicator, y_period)
    both = x_rows.index.intersection(y_rows.index)
    peers = set(
        neighbours[
            (neighbours["model"].astype(str) == model) & (neighbours["area_code"] == area_code)
        ]["neighbour_code"]
    )
    caution = compare.coverage_flags(
        indicators,
        indicator_id=x_indicator,
        period=x_period,
        area_codes=pd.Series(list(both), dtype=str),
    )
    table = pd.DataFrame(
        {
            "area_code": list(both),
            "area_name": x_rows.loc[both, "area_name"].to_numpy(),
            "x_value": x_rows.loc[both, "value"].to_numpy(dtype=float),
            "x_lower_ci95": x_rows.loc[both, "lower_ci95"].to_numpy(dtype=float),
            "x_upper_ci95": x_rows.loc[both, "upper_ci95"].to_numpy(dtype=float),
            "x_denominator": x_rows.loc[both, "denominator"].to_numpy(dtype=float),
            "y_value": y_rows.loc[both, "value"].to_numpy(dtype=float),
            "y_lower_ci95": y_rows.loc[both, "lower_ci95"].to_numpy(dtype=float),
            "y_upper_ci95": y_rows.loc[both, "upper_ci95"].to_numpy(dtype=float),
            "y_ci_basis": y_rows.loc[both, "ci_basis"].to_numpy(),
            "x_caution": caution.to_numpy(),
        }
    )
    table["role"] = np.select(
        [
            table["area_code"] == NATION_CODES["England"],
            table["area_code"] == area_code,
            table["area_code"].isin(peers),
        ],
        ["England", "selected area", "statistical neighbour"],
        default="local authority",
    )
    table = table.sort_values("area_code", ignore_index=True)[list(COHORT_COLUMNS)]
    las = table[table["role"] != "England"]
    fit = fit_line(las["x_value"].to_numpy(), las["y_value"].to_numpy())
    x_title = get_indicator(x_indicator).short_title
    y_title = get_indicator(y_indicator).short_title
    one_sided = x_rows.index.symmetric_difference(y_rows.index)
    excluded = pd.DataFrame(
        {
            "area_code": list(one_sided),
            "area_name": [
                (x_rows["area_name"].get(c) if c in x_rows.index else y_rows["area_name"].get(c))
                for c in one_sided
            ],
            "has": [x_title if c in x_rows.index else y_title for c in one_sided],
        }
    )
    return CohortResult(
        table,
        fit,
        association_words(fit, x_title=f"{x_title} at 2–2½", y_title=y_title),
        excluded,
        alignment,
    )


# --------------------------------------------------------------------------- for the pages
def ranking_download(ranking: RegionRanking, *, indicator_id: str, period: str) -> pd.DataFrame:
    """Exactly what the regions chart draws, with the method, for a CSV file."""
    table = ranking.table[ranking.table["value"].notna()]
    return table.assign(
        indicator_id=indicator_id,
        period=period,
        significance_method=ranking.method,
    ).round({"value": 2, "lower_ci95": 2, "upper_ci95": 2, "england_value": 2})


def ranking_display(download: pd.DataFrame, *, unit: str) -> pd.DataFrame:
    return download.rename(
        columns={
            "rank": "Rank",
            "area_code": "Code",
            "area_name": "Region or nation",
            "value": f"Value ({unit})",
            "lower_ci95": "95% CI lower",
            "upper_ci95": "95% CI upper",
            "england_value": f"England ({unit})",
            "comparison_label": "Compared with England",
            "ci_basis": "Interval",
        }
    )[
        [
            "Rank",
            "Code",
            "Region or nation",
            f"Value ({unit})",
            "95% CI lower",
            "95% CI upper",
            f"England ({unit})",
            "Compared with England",
            "Interval",
        ]
    ].round(1)


def gap_download(result: GapResult, *, indicator_id: str, area_code: str) -> pd.DataFrame:
    return result.table.assign(
        indicator_id=indicator_id,
        area_code=area_code,
        area_name=result.area_name,
        benchmark=result.benchmark_label,
        gap_method=result.method,
        trend=result.trend_words,
    ).round(2)


def gap_display(download: pd.DataFrame) -> pd.DataFrame:
    return download.rename(
        columns={
            "period": "Period",
            "area_value": "Area",
            "benchmark_value": "Benchmark",
            "gap": "Gap (points)",
            "gap_lower_ci95": "Gap 95% CI lower",
            "gap_upper_ci95": "Gap 95% CI upper",
            "gap_significant": "Significant",
            "status_label": "Status",
            "ci_basis": "Interval",
        }
    )[
        [
            "Period",
            "Area",
            "Benchmark",
            "Gap (points)",
            "Gap 95% CI lower",
            "Gap 95% CI upper",
            "Significant",
            "Status",
            "Interval",
        ]
    ].round(1)


def peers_download(result: PeersResult, *, indicator_id: str, period: str) -> pd.DataFrame:
    table = result.table[result.table["value"].notna()]
    return table.assign(
        indicator_id=indicator_id,
        period=period,
        pooled_peer_value=result.pooled.value,
        pooled_method=result.pooled.method or result.pooled.note,
    ).round({"value": 2, "lower_ci95": 2, "upper_ci95": 2, "pooled_peer_value": 2})


def peers_display(download: pd.DataFrame, *, unit: str) -> pd.DataFrame:
    return download.rename(
        columns={
            "peer_rank": "Rank among peers",
            "area_code": "Code",
            "area_name": "Area",
            "role": "Role",
            "value": f"Value ({unit})",
            "lower_ci95": "95% CI lower",
            "upper_ci95": "95% CI upper",
            "comparison_label": "Compared with pooled peers",
            "rank_all": "Rank among all",
            "quartile_all": "Quartile among all (1 = best)",
            "ci_basis": "Interval",
        }
    )[
        [
            "Rank among peers",
            "Code",
            "Area",
            "Role",
            f"Value ({unit})",
            "95% CI lower",
            "95% CI upper",
            "Compared with pooled peers",
            "Rank among all",
            "Quartile among all (1 = best)",
            "Interval",
        ]
    ].round(1)


def cohort_download(
    result: CohortResult, *, x_indicator: str, y_indicator: str, y_period: str
) -> pd.DataFrame:
    fit = result.fit
    return result.table.assign(
        x_indicator=x_indicator,
        x_period="2021/22",
        y_indicator=y_indicator,
        y_period=y_period,
        fit_slope=None if fit is None else round(fit.slope, 4),
        fit_intercept=None if fit is None else round(fit.intercept, 3),
        fit_r=None if fit is None else round(fit.r, 4),
        fit_n=None if fit is None else fit.n,
        fit_method=FIT_METHOD,
    ).round(
        {
            c: 2
            for c in (
                "x_value",
                "x_lower_ci95",
                "x_upper_ci95",
                "y_value",
                "y_lower_ci95",
                "y_upper_ci95",
            )
        }
    )


def cohort_display(download: pd.DataFrame) -> pd.DataFrame:
    return download.rename(
        columns={
            "area_code": "Code",
            "area_name": "Area",
            "role": "Role",
            "x_value": "At 2–2½ (%)",
            "x_lower_ci95": "At 2: CI lower",
            "x_upper_ci95": "At 2: CI upper",
            "y_value": "At 5 (%)",
            "y_lower_ci95": "At 5: CI lower",
            "y_upper_ci95": "At 5: CI upper",
            "x_caution": "Caution",
        }
    )[
        [
            "Code",
            "Area",
            "Role",
            "At 2–2½ (%)",
            "At 2: CI lower",
            "At 2: CI upper",
            "At 5 (%)",
            "At 5: CI lower",
            "At 5: CI upper",
            "Caution",
        ]
    ].round(1)
