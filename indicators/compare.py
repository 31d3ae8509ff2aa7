"""The comparison engine: benchmarks, peers, ranks, trends, funnel limits and map classes.

Plain Python, no Streamlit. Every result says what it compared against, by which method and
at which confidence level, so a download can print the same words the screen shows.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from typing import Literal

import numpy as np
import pandas as pd

from indicators.catalogue import Indicator, crosses_break, get_indicator
from indicators.geography import NATION_CODES
from indicators.schema import FLAGS, STATUSES, STATUSES_WITH_VALUE, UNRANKED_FLAGS, flag_set
from indicators.sentences import (
    NEIGHBOURS_ENGLAND_ONLY,
    benchmark_name,
    relation_clause,
    summary_sentence,
)
from indicators.stats import wilson_interval
from indicators.units import format_value

Confidence = Literal["95", "99.8"]
BenchmarkKind = Literal["england", "region", "nation", "peers_2021", "peers_2025"]
BENCHMARK_KINDS: dict[str, str] = {
    "england": "England",
    "region": "Region",
    "nation": "Nation",
    "peers_2021": "Statistical neighbours (DfE 2021 model)",
    "peers_2025": "Statistical neighbours (DfE 2025 model)",
}
CONFIDENCE_LABELS = {"95": "95%", "99.8": "99.8%"}
CI_COLUMNS = {"95": ("lower_ci95", "upper_ci95"), "99.8": ("lower_ci998", "upper_ci998")}
#: Fewer cases than this and a proportion is not compared (a project choice, in line with
#: common small-number rules; the reason is always shown).
MIN_CASES = 10
TREND_POINTS = 5
#: Chi-square critical value, 1 degree of freedom, 99.8% (Fingertips' recent-trend level).
CHI2_998_1DF = 9.549535706083237
BENCHMARK_METHOD = "confidence interval overlapping reference value"

Outcome = Literal["better", "similar", "worse", "higher", "lower", "not_compared"]
OUTCOME_LABELS: dict[str, str] = {
    "better": "Better",
    "similar": "Similar",
    "worse": "Worse",
    "higher": "Higher",
    "lower": "Lower",
    "not_compared": "Not compared",
}


# --------------------------------------------------------------------------- benchmark tests
@dataclass(frozen=True)
class BenchmarkResult:
    """Outcome of testing one value against one benchmark."""

    outcome: str
    reason: str
    benchmark_label: str
    benchmark_value: float | None
    confidence: str
    method: str = BENCHMARK_METHOD
    #: The benchmark's kind (england, region, nation, peers_2021, peers_2025), when known.
    kind: str = ""

    @property
    def label(self) -> str:
        return OUTCOME_LABELS[self.outcome]

    def describe(self, indicator: Indicator | None = None) -> str:
        """E.g. ``Worse than England (65.2%); 95% confidence interval overlapping reference
        value``. The benchmark value is written in ``indicator``'s unit (a bare number when
        no indicator is given)."""
        name = benchmark_name(self.kind, self.benchmark_label)
        if self.outcome == "not_compared":
            return f"Not compared with {name}: {self.reason}"
        relation = "similar to" if self.outcome == "similar" else f"{self.label.lower()} than"
        if indicator is not None:
            value = format_value(self.benchmark_value, indicator)
        else:
            value = "" if _missing(self.benchmark_value) else f"{self.benchmark_value:.1f}"
        details = f" ({value})" if value and not name.endswith(")") else ""
        if value and name.endswith(")"):
            name = f"{name[:-1]}; {value})"
        return (
            f"{relation[0].upper()}{relation[1:]} {name}{details}; "
            f"{CONFIDENCE_LABELS[self.confidence]} {self.method}"
        )


def compare_with_benchmark(
    *,
    value: float | None,
    lower: float | None,
    upper: float | None,
    benchmark_value: float | None,
    polarity: str,
    benchmark_label: str,
    confidence: Confidence = "95",
    status: str = "ok",
    denominator: float | None = None,
    benchmark_kind: str = "",
    no_benchmark_reason: str = "",
) -> BenchmarkResult:
    """Fingertips' method: significant when the area's CI does not overlap the benchmark value.

    A CI that touches the benchmark counts as overlapping (similar).

    Args:
        value, lower, upper: the area's value and its CI at ``confidence``.
        benchmark_value: the reference value (a point, as Fingertips uses).
        polarity: the indicator's polarity; ``no_judgement`` gives higher/lower.
        benchmark_label: named in the result (e.g. "England", "its statistical neighbours").
        confidence: "95" or "99.8".
        status: the row's status; anything without a value is not compared.
        denominator: cases behind the value, when known; fewer than :data:`MIN_CASES` are not
            compared.
        benchmark_kind: the kind of benchmark (names it in sentences: "its region (…)").
        no_benchmark_reason: why the benchmark has no value, when that is known (e.g. an
            England-only model for a Scottish area).

    Returns:
        The outcome with its reason, benchmark, method and confidence.
    """

    def not_compared(reason: str) -> BenchmarkResult:
        return BenchmarkResult(
            "not_compared",
            reason,
            benchmark_label,
            benchmark_value,
            confidence,
            kind=benchmark_kind,
        )

    def made(outcome: str) -> BenchmarkResult:
        return BenchmarkResult(
            outcome, "", benchmark_label, benchmark_value, confidence, kind=benchmark_kind
        )

    if status not in STATUSES_WITH_VALUE or value is None or _missing(value):
        return not_compared(
            STATUSES.get(status, "no value").lower() if status != "ok" else "no value"
        )
    if benchmark_value is None or _missing(benchmark_value):
        return not_compared(
            no_benchmark_reason
            or f"there is no figure for {benchmark_name(benchmark_kind, benchmark_label)} "
            "in this period"
        )
    if denominator is not None and not _missing(denominator) and denominator < MIN_CASES:
        return not_compared(f"too few cases (fewer than {MIN_CASES})")
    if lower is None or upper is None or _missing(lower) or _missing(upper):
        return not_compared("no confidence interval, because no counts are published")
    if lower > benchmark_value:
        direction = "higher"
    elif upper < benchmark_value:
        direction = "lower"
    else:
        return made("similar")
    if polarity == "higher_is_better":
        outcome = "better" if direction == "higher" else "worse"
    elif polarity == "lower_is_better":
        outcome = "better" if direction == "lower" else "worse"
    else:
        outcome = direction
    return made(outcome)


def _missing(number: float | None) -> bool:
    return number is None or (isinstance(number, float | np.floating) and math.isnan(number))


# --------------------------------------------------------------------------- benchmarks
@dataclass(frozen=True)
class Benchmark:
    """A reference value for one area, with how it was obtained."""

    kind: str
    label: str
    value: float | None
    lower95: float | None = None
    upper95: float | None = None
    method: str = ""
    area_codes: tuple[str, ...] = ()
    excluded: tuple[str, ...] = ()
    pooled: float | None = None
    mean: float | None = None
    note: str = ""


def _selection(
    indicators: pd.DataFrame, *, indicator_id: str, period: str, breakdown: str
) -> pd.DataFrame:
    return indicators[
        (indicators["indicator_id"] == indicator_id)
        & (indicators["period"] == period)
        & (indicators["breakdown"] == breakdown)
    ]


def peer_benchmarks(
    selection: pd.DataFrame, neighbours: pd.DataFrame, *, model: str
) -> dict[str, Benchmark]:
    """Statistical-neighbour benchmark for every area of a DfE model, at once.

    The pooled proportion (sum of numerators / sum of denominators, with a Wilson 95% CI) is
    used when every neighbour with a value has counts; otherwise the simple mean of their
    values, as LAIT does. Neighbours without a value are excluded and listed.

    Args:
        selection: the rows of one indicator, period and breakdown.
        neighbours: ``data/statistical_neighbours.csv`` (model, area_code, rank, neighbour_code).
        model: "2021" or "2025".

    Returns:
        area code -> :class:`Benchmark` (kind ``peers_<model>``).
    """
    label = f"its statistical neighbours ({model} model)"
    kind = f"peers_{model}"
    pairs = neighbours[neighbours["model"].astype(str) == model].sort_values(["area_code", "rank"])
    values = selection[["area_code", "status", "value", "numerator", "denominator"]].rename(
        columns={"area_code": "neighbour_code"}
    )
    merged = pairs[["area_code", "neighbour_code"]].merge(values, on="neighbour_code", how="left")
    merged["valued"] = merged["status"].isin(list(STATUSES_WITH_VALUE)) & merged["value"].notna()
    results: dict[str, Benchmark] = {}
    for area_code, group in merged.groupby("area_code", sort=True):
        codes = tuple(group["neighbour_code"])
        valued = group[group["valued"]]
        excluded = tuple(sorted(set(codes) - set(valued["neighbour_code"])))
        if valued.empty:
            results[area_code] = Benchmark(
                kind,
                label,
                None,
                area_codes=codes,
                excluded=excluded,
                note="none of its statistical neighbours has a figure in this period",
            )
            continue
        mean = float(valued["value"].mean())
        if valued["numerator"].notna().all() and valued["denominator"].notna().all():
            numerator, denominator = valued["numerator"].sum(), valued["denominator"].sum()
            pooled = float(100 * numerator / denominator)
            low, high = wilson_interval(numerator, denominator)
            method = (
                f"pooled proportion of {len(valued)} of {len(codes)} neighbours (sum of "
                "numerators / sum of denominators), Wilson 95% CI"
            )
            results[area_code] = Benchmark(
                kind, label, pooled, float(low), float(high), method, codes, excluded, pooled, mean
            )
        else:
            method = f"simple mean of {len(valued)} of {len(codes)} neighbours' values (no counts published), as LAIT"
            results[area_code] = Benchmark(
                kind, label, mean, None, None, method, codes, excluded, None, mean
            )
    return results


def benchmark_for(
    indicators: pd.DataFrame,
    *,
    indicator_id: str,
    period: str,
    area_code: str,
    kind: BenchmarkKind,
    areas: pd.DataFrame,
    neighbours: pd.DataFrame,
    breakdown: str = "all",
) -> Benchmark:
    """The benchmark of ``kind`` for one area, indicator and period."""
    selection = _selection(
        indicators, indicator_id=indicator_id, period=period, breakdown=breakdown
    )
    if kind in ("peers_2021", "peers_2025"):
        model = kind[-4:]
        found = peer_benchmarks(
            selection, neighbours[neighbours["area_code"] == area_code], model=model
        )
        label = f"its statistical neighbours ({model} model)"
        nation = areas.loc[areas["area_code"] == area_code, "nation"]
        note = (
            NEIGHBOURS_ENGLAND_ONLY
            if len(nation) and nation.iloc[0] != "England"
            else f"there are no DfE {model} neighbours for this area"
        )
        return found.get(area_code, Benchmark(kind, label, None, note=note))
    area = areas[areas["area_code"] == area_code]
    if area.empty:
        return Benchmark(kind, BENCHMARK_KINDS[kind], None, note=f"unknown area {area_code}")
    nation = area["nation"].iloc[0]
    if kind == "england":
        code, label = NATION_CODES["England"], "England"
    elif kind == "nation":
        code, label = NATION_CODES.get(nation, ""), nation
    else:
        code, label = area["region_code"].iloc[0], area["region_name"].iloc[0] or "its region"
        if not code:
            return Benchmark(
                kind,
                "its region",
                None,
                note="only English areas have a region; choose “Nation” in “Compare with”",
            )
    row = selection[(selection["area_code"] == code) & selection["value"].notna()]
    if row.empty:
        return Benchmark(
            kind,
            label,
            None,
            area_codes=(code,),
            note=f"there is no figure for {benchmark_name(kind, label)} in {period}",
        )
    first = row.iloc[0]
    method = "published value" if first["derivation"] == "published" else str(first["note"])
    return Benchmark(
        kind,
        label,
        float(first["value"]),
        None if _missing(first["lower_ci95"]) else float(first["lower_ci95"]),
        None if _missing(first["upper_ci95"]) else float(first["upper_ci95"]),
        method,
        (code,),
    )


# --------------------------------------------------------------------------- ranks
def comparable_areas(
    indicators: pd.DataFrame, *, indicator_id: str, period: str, nation: str, breakdown: str = "all"
) -> pd.DataFrame:
    """Local-authority rows of one nation and period: the set ranks and funnels are drawn from.

    Where a successor was built from a predecessor with the same territory, only the
    successor is kept so no area counts twice.
    """
    rows = _selection(indicators, indicator_id=indicator_id, period=period, breakdown=breakdown)
    rows = rows[(rows["area_level"] == "la") & (rows["nation"] == nation)]
    # Only the highest and lowest areas published: never drawn as a map or ranking.
    # (astype(bool): an empty selection would map to an object Series, which pandas reads
    # as a list of column names.)
    rows = rows[~rows["flags"].map(lambda f: "extremes_only" in flag_set(f)).astype(bool)]
    built = rows[rows["area_status"] == "built_from_predecessor"]
    if not built.empty:
        copied = built["note"].str.extract(r"\(([EWSN]\d{8})\)", expand=False).dropna()
        rows = rows[~rows["area_code"].isin(set(copied))]
    return rows


def rank_areas(rows: pd.DataFrame, *, polarity: str) -> pd.DataFrame:
    """Polarity-aware competition ranks (1 = best; ties share the best rank) and quartiles.

    Rows without a value (suppressed, missing) and rows flagged as unfit for ranking (a tiny
    cohort published without counts, an extremes-only period: :data:`UNRANKED_FLAGS`) are not
    ranked: they get no rank, are counted in ``n_excluded`` and say why in ``not_ranked_reason``.
    For "no judgement" indicators rank 1 is the highest value.

    Returns:
        ``rows`` with ``rank``, ``n_ranked``, ``n_excluded``, ``quartile`` (1 = best quarter)
        and ``not_ranked_reason``.
    """
    out = rows.copy()
    flags = out["flags"] if "flags" in out.columns else pd.Series("", index=out.index)
    unranked = flags.map(lambda f: sorted(flag_set(f) & UNRANKED_FLAGS))
    out["not_ranked_reason"] = unranked.map(lambda codes: "; ".join(FLAGS[c] for c in codes))
    valued = (
        out["status"].isin(list(STATUSES_WITH_VALUE))
        & out["value"].notna()
        & (out["not_ranked_reason"] == "")
    )
    ascending = polarity == "lower_is_better"
    ranks = out.loc[valued, "value"].rank(method="min", ascending=ascending)
    out["rank"] = pd.array([pd.NA] * len(out), dtype="Int64")
    out.loc[valued, "rank"] = ranks.astype("int64").to_numpy()
    n = int(valued.sum())
    out["n_ranked"] = n
    out["n_excluded"] = int((~valued).sum())
    quartile = np.ceil(4 * ranks / n).clip(1, 4) if n else ranks
    out["quartile"] = pd.array([pd.NA] * len(out), dtype="Int64")
    out.loc[valued, "quartile"] = quartile.astype("int64").to_numpy()
    return out


# --------------------------------------------------------------------------- trends
@dataclass(frozen=True)
class TrendResult:
    """Recent trend over the last points of a series."""

    outcome: str  # increasing / decreasing / no_significant_change / not_calculated
    direction_words: str  # e.g. "increasing and getting better"
    reason: str = ""
    statistic: float | None = None
    periods: tuple[str, ...] = ()
    method: str = "chi-square test for linear trend (Cochran–Armitage), last 5 points, 99.8%"

    def describe(self) -> str:
        if self.outcome == "not_calculated":
            return f"Recent trend could not be calculated: {self.reason}"
        span = f" ({self.periods[0]} to {self.periods[-1]})" if self.periods else ""
        return f"Recent trend{span}: {self.direction_words}; {self.method}"


def chi_square_trend(numerators: np.ndarray, denominators: np.ndarray) -> tuple[float, float]:
    """Cochran–Armitage chi-square statistic for a linear trend in proportions.

    Scores are the equally spaced positions 0..k-1 of the points.

    Returns:
        The statistic (1 degree of freedom) and the signed sum ``T`` (positive = increasing).
    """
    r = np.asarray(numerators, dtype=float)
    n = np.asarray(denominators, dtype=float)
    x = np.arange(len(r), dtype=float)
    p = r.sum() / n.sum()
    x_bar = (n * x).sum() / n.sum()
    t = float((r * (x - x_bar)).sum())
    variance = p * (1 - p) * float((n * (x - x_bar) ** 2).sum())
    if variance <= 0:
        return 0.0, t
    return t * t / variance, t


def recent_trend(series: pd.DataFrame, *, indicator: Indicator) -> TrendResult:
    """Fingertips-style recent trend for one area's series (one row per period).

    Needs five consecutive points with counts, none missing, and no series break among them.
    """
    ordered = series.sort_values("period_start")
    if len(ordered) < TREND_POINTS:
        return TrendResult("not_calculated", "", f"fewer than {TREND_POINTS} points")
    window = ordered.tail(TREND_POINTS)
    periods = tuple(window["period"])
    for earlier, later in zip(
        ordered["period"].iloc[-TREND_POINTS:-1],
        ordered["period"].iloc[-TREND_POINTS + 1 :],
        strict=True,
    ):
        series_break = crosses_break(indicator, earlier, later)
        if series_break:
            return TrendResult(
                "not_calculated",
                "",
                f"a series break lies inside the last {TREND_POINTS} points ({series_break.after} to {series_break.before})",
                periods=periods,
            )
    no_value = window[~window["status"].isin(list(STATUSES_WITH_VALUE))]
    if not no_value.empty:
        missing = ", ".join(
            f"{p} ({STATUSES.get(s, s).lower()})"
            for p, s in zip(no_value["period"], no_value["status"], strict=True)
        )
        return TrendResult("not_calculated", "", f"no value for {missing}", periods=periods)
    if window["numerator"].isna().any() or window["denominator"].isna().any():
        return TrendResult(
            "not_calculated",
            "",
            "counts (numerator and denominator) are not published for every point",
            periods=periods,
        )
    statistic, signed = chi_square_trend(
        window["numerator"].to_numpy(), window["denominator"].to_numpy()
    )
    if statistic <= CHI2_998_1DF:
        return TrendResult(
            "no_significant_change", "no significant change", statistic=statistic, periods=periods
        )
    increasing = signed > 0
    words = "increasing" if increasing else "decreasing"
    if indicator.polarity == "higher_is_better":
        words += " and getting better" if increasing else " and getting worse"
    elif indicator.polarity == "lower_is_better":
        words += " and getting worse" if increasing else " and getting better"
    return TrendResult(
        "increasing" if increasing else "decreasing", words, statistic=statistic, periods=periods
    )


# --------------------------------------------------------------------------- funnels
def funnel_limits(
    p0: float, denominators: np.ndarray, *, confidence: Confidence
) -> tuple[np.ndarray, np.ndarray]:
    """Exact binomial control limits around a benchmark proportion, as percentages.

    Uses the binomial quantiles with Spiegelhalter's interpolation, so the limits are smooth in
    the denominator.

    Args:
        p0: benchmark proportion, in percent.
        denominators: the x-axis (cases).
        confidence: "95" (two-sided 2.5%/97.5%) or "99.8" (0.1%/99.9%).

    Returns:
        Lower and upper limits (percent), one per denominator.
    """
    from scipy.stats import binom

    tail = {"95": 0.025, "99.8": 0.001}[confidence]
    n = np.asarray(denominators, dtype=float)
    p = p0 / 100.0
    limits = []
    for quantile in (tail, 1 - tail):
        r = binom.ppf(quantile, n, p)
        below = binom.cdf(r - 1, n, p)
        at = binom.cdf(r, n, p)
        with np.errstate(divide="ignore", invalid="ignore"):
            alpha = np.where(at > below, (at - quantile) / (at - below), 0.0)
        limits.append(np.clip((r - alpha) / n, 0, 1) * 100)
    return limits[0], limits[1]


def funnel_position(values: pd.Series, denominators: pd.Series, *, p0: float) -> pd.Series:
    """Where each area falls against the 95% and 99.8% funnel limits."""
    low95, high95 = funnel_limits(p0, denominators.to_numpy(), confidence="95")
    low998, high998 = funnel_limits(p0, denominators.to_numpy(), confidence="99.8")
    v = values.to_numpy(dtype=float)
    position = np.select(
        [
            np.isnan(v) | np.isnan(denominators.to_numpy(dtype=float)),
            v > high998,
            v > high95,
            v < low998,
            v < low95,
        ],
        [
            "not plotted",
            "above 99.8% limit",
            "above 95% limit",
            "below 99.8% limit",
            "below 95% limit",
        ],
        default="within limits",
    )
    return pd.Series(position, index=values.index)


# --------------------------------------------------------------------------- map classes
@dataclass(frozen=True)
class Classes:
    """Map classes: the class of each area and a label per class (lowest first)."""

    codes: pd.Series
    labels: tuple[str, ...]
    method: str
    breaks: tuple[float, ...] = field(default=())


def classify(
    values: pd.Series,
    *,
    method: Literal["quintiles", "equal_intervals"],
    k: int = 5,
    decimals: int = 1,
) -> Classes:
    """Quintiles or equal intervals over the values present (missing values get no class).

    Returns:
        Class numbers 0..k-1 (lowest values first) and labels such as ``"60.1 to 64.0"``.
    """
    present = values.dropna()
    if present.empty:
        return Classes(pd.Series(pd.NA, index=values.index, dtype="Int64"), (), method)
    if method == "quintiles":
        edges = np.unique(np.quantile(present, np.linspace(0, 1, k + 1)))
    else:
        low, high = float(present.min()), float(present.max())
        edges = np.linspace(low, high, k + 1) if high > low else np.array([low, high])
    edges = np.asarray(edges, dtype=float)
    if len(edges) < 2:
        edges = np.array([edges[0], edges[0]])
    inner = edges[1:-1]
    classes = pd.Series(pd.NA, index=values.index, dtype="Int64")
    classes[present.index] = np.searchsorted(inner, present.to_numpy(), side="right")

    def labelled(places: int) -> tuple[str, ...]:
        return tuple(
            f"{edges[i]:,.{places}f} to {edges[i + 1]:,.{places}f}" for i in range(len(edges) - 1)
        )

    labels = labelled(decimals)
    while len(set(labels)) < len(labels) and decimals < 6:  # two classes must never share a name
        decimals += 1
        labels = labelled(decimals)
    return Classes(classes, labels, method, tuple(float(e) for e in edges))


# --------------------------------------------------------------------------- extremes
def extremes_text(
    indicators: pd.DataFrame, *, indicator_id: str, period: str, breakdown: str = "all"
) -> str:
    """Words for a period where only the highest and lowest areas were published.

    E.g. ``"Only the highest and lowest were published for 2024/25 — highest: North East
    (90.8%), lowest: West Midlands (82.1%)"``; one sentence per kind of area (councils, boards,
    regions). ``""`` when the period has no extremes-only rows.
    """
    indicator = get_indicator(indicator_id)
    rows = _selection(indicators, indicator_id=indicator_id, period=period, breakdown=breakdown)
    rows = rows[rows["flags"].map(lambda f: "extremes_only" in flag_set(f)).astype(bool)]
    rows = rows[rows["value"].notna()]
    if rows.empty:
        return ""
    kinds = {"la": "local authorities", "region": "regions", "health_board": "health boards"}
    parts = []
    for level, group in rows.groupby("area_level", sort=True):
        high = group.loc[group["value"].idxmax()]
        low = group.loc[group["value"].idxmin()]
        kind = kinds.get(level, level)
        if level == "la" and (group["nation"] == "Scotland").all():
            kind = "council areas"
        parts.append(
            f"Among {kind}, only the highest and lowest were published for "
            f"{period} — highest: {high['area_name']} "
            f"({format_value(high['value'], indicator)}), lowest: {low['area_name']} "
            f"({format_value(low['value'], indicator)})."
        )
    return " ".join(parts)


# --------------------------------------------------------------------------- cautions
def caution_text(flags: str) -> str:
    """The reader's words for a row's data-quality flags ("" when there are none)."""
    codes = sorted(flag_set(flags))
    if not codes:
        return ""
    return "Interpret with caution: " + "; ".join(FLAGS[c][0].lower() + FLAGS[c][1:] for c in codes)


def coverage_flags(
    indicators: pd.DataFrame,
    *,
    indicator_id: str,
    period: str,
    area_codes: pd.Series,
    breakdown: str = "all",
) -> pd.Series:
    """ "Interpret with caution" text for each area, from the data-quality flags of its row.

    (The name is kept for the pages; the flags are described in :data:`indicators.schema.FLAGS`.)
    """
    rows = indicators[
        (indicators["indicator_id"] == indicator_id)
        & (indicators["period"] == period)
        & (indicators["breakdown"] == breakdown)
    ]
    if "flags" not in rows.columns:
        return pd.Series("", index=area_codes.index, dtype=object)
    flags = rows.drop_duplicates("area_code").set_index("area_code")["flags"]
    lookup = flags.to_dict()
    text = [caution_text(lookup.get(code, "")) for code in area_codes]
    return pd.Series(text, index=area_codes.index, dtype=object)


# --------------------------------------------------------------------------- summaries
# The sentences themselves come from :mod:`indicators.sentences` (a small grammar); these
# names are kept for callers of the engine.
__all__ = ["relation_clause", "summary_sentence"]


def describe_relation(result: BenchmarkResult, *, indicator: Indicator) -> str:
    """Words for one comparison, e.g. "significantly lower (worse) than England (65.2%)"."""
    from indicators.sentences import not_compared

    return relation_clause(result, indicator=indicator) or not_compared(result).rstrip(".")


# --------------------------------------------------------------------------- all areas at once
def comparison_table(
    indicators: pd.DataFrame,
    areas: pd.DataFrame,
    neighbours: pd.DataFrame,
    *,
    indicator_id: str,
    period: str,
    benchmark: BenchmarkKind = "england",
    confidence: Confidence = "95",
    breakdown: str = "all",
) -> pd.DataFrame:
    """Every local authority with a row for this indicator and period, compared and ranked.

    Ranks are within each nation. Columns added to the tidy rows: ``benchmark_label``,
    ``benchmark_value``, ``benchmark_method``, ``comparison`` (outcome), ``comparison_label``,
    ``comparison_reason``, ``comparison_text``, ``confidence``, ``rank``, ``n_ranked``,
    ``n_excluded``, ``quartile`` and ``caution``.
    """
    indicator = get_indicator(indicator_id)
    parts = []
    for nation in indicator.nations:
        rows = comparable_areas(
            indicators, indicator_id=indicator_id, period=period, nation=nation, breakdown=breakdown
        )
        if not rows.empty:
            parts.append(rank_areas(rows, polarity=indicator.polarity))
    if not parts:
        return pd.DataFrame()
    table = pd.concat(parts, ignore_index=True)
    lower_column, upper_column = CI_COLUMNS[confidence]
    selection = _selection(
        indicators, indicator_id=indicator_id, period=period, breakdown=breakdown
    )
    region_of = dict(zip(areas["area_code"], areas["region_code"], strict=True))
    peers = (
        peer_benchmarks(selection, neighbours, model=benchmark[-4:])
        if benchmark.startswith("peers")
        else {}
    )
    records = []
    cache: dict[tuple[str, ...], Benchmark] = {}
    for row in table.itertuples(index=False):
        key_area = row.area_code if benchmark.startswith("peers") else ""
        if benchmark == "region":
            key_area = region_of.get(row.area_code, "")
        key = (benchmark, key_area, row.nation)
        if key not in cache and benchmark.startswith("peers"):
            model = benchmark[-4:]
            cache[key] = peers.get(
                row.area_code,
                Benchmark(
                    benchmark,
                    f"its statistical neighbours ({model} model)",
                    None,
                    note=NEIGHBOURS_ENGLAND_ONLY
                    if row.nation != "England"
                    else f"there are no DfE {model} neighbours for this area",
                ),
            )
        elif key not in cache:
            cache[key] = benchmark_for(
                selection,
                indicator_id=indicator_id,
                period=period,
                area_code=row.area_code,
                kind=benchmark,
                areas=areas,
                neighbours=neighbours,
                breakdown=breakdown,
            )
        reference = cache[key]
        result = compare_with_benchmark(
            value=row.value,
            lower=getattr(row, lower_column),
            upper=getattr(row, upper_column),
            benchmark_value=reference.value,
            polarity=indicator.polarity,
            benchmark_label=reference.label,
            confidence=confidence,
            status=row.status,
            denominator=row.denominator,
            benchmark_kind=benchmark,
            no_benchmark_reason=reference.note if reference.value is None else "",
        )
        if "tiny_cohort" in flag_set(getattr(row, "flags", "")):
            result = BenchmarkResult(
                "not_compared",
                FLAGS["tiny_cohort"].split(":")[0].lower(),
                reference.label,
                reference.value,
                confidence,
                kind=benchmark,
            )
        records.append(
            {
                "benchmark_kind": benchmark,
                "benchmark_label": reference.label,
                "benchmark_value": reference.value,
                "benchmark_method": reference.method or reference.note,
                "comparison": result.outcome,
                "comparison_label": result.label,
                "comparison_reason": result.reason,
                "comparison_text": result.describe(indicator),
                "confidence": CONFIDENCE_LABELS[confidence],
            }
        )
    table = pd.concat([table, pd.DataFrame.from_records(records)], axis=1)
    table["caution"] = coverage_flags(
        indicators,
        indicator_id=indicator_id,
        period=period,
        area_codes=table["area_code"],
        breakdown=breakdown,
    )
    return table
