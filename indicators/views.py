"""What each page shows, assembled from the tidy data and the comparison engine.

Plain Python (no Streamlit): pages call these and draw the result; tests call the same
functions to check that a page shows exactly what the data says.
"""

from __future__ import annotations

import io
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
import pandas as pd

from indicators import compare, sentences, units
from indicators.catalogue import (
    CATALOGUE,
    THEMES,
    Indicator,
    breakdown_label,
    get_indicator,
)
from indicators.data import order_periods
from indicators.geography import NATION_CODES
from indicators.schema import STATUSES, STATUSES_WITH_VALUE
from indicators.state import Selection

NATION_ORDER = ("England", "Wales", "Scotland", "Northern Ireland")
LEVEL_LABELS = {
    "uk": "UK",
    "country": "Nation",
    "region": "Region",
    "la": "Local authority",
    "health_board": "Health board",
}


# --------------------------------------------------------------------------- selector options
@dataclass(frozen=True)
class Options:
    """Everything the shared selectors offer."""

    indicator_ids: tuple[str, ...]
    periods_of: dict[str, tuple[str, ...]]
    #: The period shown first: the latest with local-authority figures, else the latest.
    default_period_of: dict[str, str]
    #: Periods with local-authority figures.
    local_periods_of: dict[str, tuple[str, ...]]
    groups_of: dict[str, tuple[str, ...]]
    area_names: dict[str, str]
    area_order: tuple[str, ...]


def selection_options(indicators: pd.DataFrame, areas: pd.DataFrame) -> Options:
    """Indicators by theme, each one's periods (oldest first) and breakdowns, and all areas."""
    ids = tuple(i for theme in THEMES for i in CATALOGUE if CATALOGUE[i].theme == theme)
    valued = indicators[indicators["value"].notna()]
    periods = {i: tuple(order_periods(frame)) for i, frame in valued.groupby("indicator_id")}
    local = valued[
        (valued["area_level"] == "la") & ~valued["flags"].str.contains("extremes_only", regex=False)
    ]
    default_period = {i: p[-1] for i, p in periods.items()}
    local_periods = {i: tuple(order_periods(frame)) for i, frame in local.groupby("indicator_id")}
    default_period |= {i: p[-1] for i, p in local_periods.items()}
    groups = {}
    for indicator_id, frame in valued.groupby("indicator_id"):
        found = sorted(set(frame["breakdown"]) - {"all"})
        groups[indicator_id] = ("all", *found)
    level_rank = {"uk": 0, "country": 1, "region": 2, "la": 3}
    ordered = areas.assign(
        _level=areas["area_level"].map(level_rank),
        _current=~areas["in_map"] & (areas["area_level"] == "la"),
    ).sort_values(["_level", "_current", "area_name"])
    names = {}
    for row in ordered.itertuples(index=False):
        suffix = " (former area)" if row.area_level == "la" and not row.in_map else ""
        level = "" if row.area_level == "la" else f" — {LEVEL_LABELS[row.area_level]}"
        names[row.area_code] = f"{row.area_name}{suffix}{level}"
    return Options(
        ids, periods, default_period, local_periods, groups, names, tuple(ordered["area_code"])
    )


def indicator_label(indicator_id: str) -> str:
    """Selector label: theme, short title and where it is measured."""
    indicator = get_indicator(indicator_id)
    where = ", ".join(indicator.nations)
    return f"{indicator.theme} · {indicator.short_title} ({where})"


# --------------------------------------------------------------------------- map
MAP_COLUMNS = (
    "area_code",
    "area_name",
    "nation",
    "region_name",
    "value",
    "lower_ci95",
    "upper_ci95",
    "numerator",
    "denominator",
    "status",
    "status_label",
    "area_status",
    "derivation",
    "comparison",
    "comparison_label",
    "comparison_reason",
    "benchmark_kind",
    "benchmark_label",
    "benchmark_value",
    "rank",
    "n_ranked",
    "quartile",
    "caution",
    "source_id",
    "note",
    "availability",
    "availability_label",
)

#: Why an area has no value, as a short legend label (the row's ``status_label`` says more).
#: Colour is never the only cue: the map legend, hover and table all carry these words.
AVAILABILITY_LABELS = {
    "value": "",
    "suppressed": "Suppressed (too few to publish)",
    "no_figure": "No figure for this area",
    "not_published": "No figures for local areas",
    "not_collected": "Not collected in this nation",
}
#: Why a nation's local areas have no figures at all for an indicator it does collect.
NOT_PUBLISHED_LOCALLY = {
    "England": (
        "Figures by local authority are not in the bundled data: only national (and, for some "
        "periods, regional) figures are held."
    ),
}


def not_published_label(nation: str) -> str:
    """What an area says when its nation collects the indicator but has no local figures."""
    return NOT_PUBLISHED_LOCALLY.get(
        nation,
        f"Not published at this level in {nation}: {nation} publishes this indicator for the "
        "nation only.",
    )


def map_view(
    indicators: pd.DataFrame,
    areas: pd.DataFrame,
    neighbours: pd.DataFrame,
    selection: Selection,
    *,
    confidence: compare.Confidence = "95",
) -> pd.DataFrame:
    """One row for each of the 218 map areas, with value, comparison, rank and caution.

    Areas in a nation that does not collect the indicator are ``not_collected``, labelled with
    what that nation measures instead; areas without a figure are ``not_available``.
    """
    indicator = get_indicator(selection.indicator)
    map_areas = areas[areas["in_map"]][["area_code", "area_name", "nation", "region_name"]]
    compared = compare.comparison_table(
        indicators,
        areas,
        neighbours,
        indicator_id=indicator.id,
        period=selection.period or "",
        benchmark=selection.benchmark,
        confidence=confidence,
        breakdown=selection.group,
    )
    keep = [
        c
        for c in MAP_COLUMNS
        if c
        not in (
            "area_name",
            "nation",
            "region_name",
            "status_label",
            "availability",
            "availability_label",
            "benchmark_kind",
        )
    ]
    if compared.empty:
        compared = pd.DataFrame(columns=keep)
    table = map_areas.merge(compared[keep], on="area_code", how="left", validate="one_to_one")
    collected = table["nation"].isin(indicator.nations)
    absent = table["status"].isna()
    table.loc[absent & ~collected, "status"] = "not_collected"
    table.loc[absent & collected, "status"] = "not_available"
    table["status_label"] = table["status"].map(STATUSES)
    not_collected = table["status"] == "not_collected"
    table.loc[not_collected, "status_label"] = [
        indicator.not_collected_label(n) for n in table.loc[not_collected, "nation"]
    ]
    table.loc[absent & collected, "note"] = "No figure in the data for this area and period."
    local = indicators[
        (indicators["indicator_id"] == indicator.id)
        & (indicators["area_level"] == "la")
        & indicators["value"].notna()
    ]
    with_local = set(local["nation"])
    unpublished = collected & ~table["nation"].isin(with_local)
    table.loc[unpublished, "status_label"] = [
        not_published_label(n) for n in table.loc[unpublished, "nation"]
    ]
    table["availability"] = np.select(
        [
            table["value"].notna(),
            not_collected,
            unpublished,
            table["status"].isin(["suppressed", "rounds_to_zero", "low_reliability"]),
        ],
        ["value", "not_collected", "not_published", "suppressed"],
        default="no_figure",
    )
    table["availability_label"] = table["availability"].map(AVAILABILITY_LABELS)
    table["benchmark_kind"] = selection.benchmark
    for column in (
        "comparison_label",
        "comparison_reason",
        "benchmark_label",
        "caution",
        "area_status",
        "derivation",
        "source_id",
        "note",
        "region_name",
        "comparison",
    ):
        table[column] = table[column].fillna("").astype(str)
    for column in ("rank", "n_ranked", "quartile"):
        table[column] = pd.array(table[column], dtype="Int64")
    for column in (
        "value",
        "lower_ci95",
        "upper_ci95",
        "numerator",
        "denominator",
        "benchmark_value",
    ):
        table[column] = pd.to_numeric(table[column], errors="coerce").astype(float)
    return table[list(MAP_COLUMNS)].sort_values("area_code", ignore_index=True)


@dataclass(frozen=True)
class NationalFigures:
    """What exists for an indicator that has no local figures: a sentence and a table."""

    sentence: str
    table: pd.DataFrame


def national_figures(
    indicators: pd.DataFrame, *, indicator_id: str, breakdown: str = "all"
) -> NationalFigures | None:
    """National and regional figures of an indicator with no local-area figure in any period.

    Returns ``None`` when some local area has a figure (then a map can be drawn). Otherwise a
    plain sentence saying what exists instead of a map, and the figures as a table (nations
    first, then regions; oldest period first).
    """
    indicator = get_indicator(indicator_id)
    rows = indicators[
        (indicators["indicator_id"] == indicator_id)
        & (indicators["breakdown"] == breakdown)
        & indicators["value"].notna()
    ]
    if (rows["area_level"] == "la").any():
        return None
    shown = rows[rows["area_level"].isin(["uk", "country", "region"])]
    level_order = {"uk": 0, "country": 1, "region": 2}
    shown = shown.assign(
        _level=shown["area_level"].map(level_order),
    ).sort_values(["_level", "area_name", "period_end", "period_start"])
    table = pd.DataFrame(
        {
            "Area": shown["area_name"],
            "Level": shown["area_level"].map(LEVEL_LABELS),
            "Period": shown["period"],
            units.value_heading(indicator): [
                units.format_number(v, indicator.decimals) for v in shown["value"]
            ],
            "95% confidence interval": [
                units.format_ci(lo, hi, indicator)
                for lo, hi in zip(shown["lower_ci95"], shown["upper_ci95"], strict=True)
            ],
            "Note": shown["note"],
        }
    ).reset_index(drop=True)
    parts = [
        f"{name}, {_and_list(order_periods(group))}"
        for (_, name), group in shown.groupby(["_level", "area_name"], sort=True)
    ]
    regions = shown.loc[shown["area_level"] == "region", "area_name"].nunique()
    exists = (
        f"What the bundled data has: {'; '.join(parts)}."
        if parts
        else "The bundled data has no figure for it at any level."
    )
    if 0 < regions < 9:
        exists += f" Only {regions} of the 9 English regions {'has' if regions == 1 else 'have'} a figure."
    reasons = " ".join(not_published_label(n) for n in indicator.nations)
    sentence = (
        f"There are no figures by local area for {indicator.short_title} in the bundled data, "
        f"so no map is drawn. {reasons} {exists}"
    )
    return NationalFigures(sentence, table)


def _and_list(items: Sequence[str]) -> str:
    """``a``, ``a and b``, ``a, b and c``."""
    items = [str(i) for i in items]
    if len(items) <= 1:
        return "".join(items)
    return f"{', '.join(items[:-1])} and {items[-1]}"


def benchmark_notice(areas: pd.DataFrame, *, area_code: str | None, benchmark: str) -> str:
    """A note when the chosen benchmark cannot apply to the chosen area (empty otherwise):
    DfE statistical neighbours and English regions exist for English areas only."""
    if not area_code:
        return ""
    found = areas.loc[areas["area_code"] == area_code]
    if found.empty:
        return ""
    nation, name = found["nation"].iloc[0], found["area_name"].iloc[0]
    if nation in ("England", "United Kingdom"):
        return ""
    if benchmark.startswith("peers"):
        return (
            f"Statistical neighbours are an England-only model: DfE publishes none for {name} "
            f"({nation}). Choose “Nation” in “Compare with” to compare with {nation}."
        )
    if benchmark == "region":
        return (
            f"English regions are for English areas only: {name} ({nation}) has none. Choose "
            f"“Nation” in “Compare with” to compare with {nation}."
        )
    return ""


def benchmark_phrase(areas: pd.DataFrame, *, area_code: str, benchmark: str) -> str:
    """What one area is compared with, in words: ``England``, ``its region (North East)``,
    ``Scotland``, ``its statistical neighbours (2025 model)``."""
    found = areas.loc[areas["area_code"] == area_code]
    if benchmark == "england":
        label = "England"
    elif benchmark == "nation":
        label = found["nation"].iloc[0] if len(found) else "its nation"
    elif benchmark == "region":
        label = found["region_name"].iloc[0] if len(found) else ""
        if not label:
            return "its region (none: English areas only)"
    else:
        label = f"its statistical neighbours ({benchmark[-4:]} model)"
    return sentences.benchmark_name(benchmark, label)


def latest_period(rows: pd.DataFrame) -> str | None:
    """The latest period of ``rows`` that has a value (by end date; a whole year counts as
    later than its own last quarter), so a 2017/18 Q1 figure is never "latest" when a later
    one exists."""
    valued = rows[rows["value"].notna()]
    if valued.empty:
        return None
    return order_periods(valued)[-1]


def predecessor_rows(indicators: pd.DataFrame, selection: Selection) -> pd.DataFrame:
    """Figures in the selected period for areas that no longer exist (not drawn on the map)."""
    rows = indicators[
        (indicators["indicator_id"] == selection.indicator)
        & (indicators["period"] == selection.period)
        & (indicators["breakdown"] == selection.group)
        & (indicators["area_status"] == "predecessor")
    ]
    out = rows[["area_code", "area_name", "value", "lower_ci95", "upper_ci95", "status", "note"]]
    return out.assign(status=out["status"].map(STATUSES)).reset_index(drop=True)


def filter_nation(table: pd.DataFrame, nation: str) -> pd.DataFrame:
    """Rows of one nation, or all of them for the United Kingdom."""
    return table if nation == "United Kingdom" else table[table["nation"] == nation]


def table_for_download(
    table: pd.DataFrame, selection: Selection, *, confidence: str = "95"
) -> pd.DataFrame:
    """Exactly what a chart draws, with codes, CIs, benchmark and comparison, for a CSV file.

    Values keep the indicator's decimals; ``compared_with`` says what each area was tested
    against ("England", "its own region", …) and ``benchmark`` names it for the row.
    """
    indicator = get_indicator(selection.indicator)
    decimals = indicator.decimals
    kind = (
        table["benchmark_kind"].iloc[0]
        if "benchmark_kind" in table and len(table) and table["benchmark_kind"].iloc[0]
        else selection.benchmark
    )
    out = pd.DataFrame(
        {
            "area_code": table["area_code"],
            "area_name": table["area_name"],
            "nation": table["nation"],
            "indicator_id": indicator.id,
            "indicator": indicator.title,
            "unit": indicator.unit,
            "period": selection.period,
            "breakdown": breakdown_label(selection.group),
            "value": table["value"].round(decimals),
            "lower_ci95": table["lower_ci95"].round(decimals),
            "upper_ci95": table["upper_ci95"].round(decimals),
            "numerator": table["numerator"].astype("Int64"),
            "denominator": table["denominator"].astype("Int64"),
            "status": table["status_label"],
            "compared_with": sentences.benchmark_heading(kind, table["benchmark_label"].tolist()),
            "benchmark": table["benchmark_label"],
            "benchmark_value": table["benchmark_value"].round(decimals),
            "comparison": table["comparison_label"],
            "comparison_reason": table["comparison_reason"],
            "confidence": f"{compare.CONFIDENCE_LABELS[confidence]} {compare.BENCHMARK_METHOD}",
            "rank": table["rank"],
            "ranked_of": table["n_ranked"],
            "caution": table["caution"],
            "note": table["note"],
        }
    )
    return out.reset_index(drop=True)


def value_column(indicator_id: str) -> str:
    """Column heading for an indicator's values, with its unit."""
    return units.value_heading(get_indicator(indicator_id))


def rank_heading(indicator: Indicator) -> str:
    """``Rank (1 = best)``, or ``(1 = highest)`` where higher is neither better nor worse."""
    return f"Rank ({'1 = highest' if indicator.polarity == 'no_judgement' else '1 = best'})"


def repeated_text_as_categories(shown: pd.DataFrame, *, at_most: float = 0.25) -> pd.DataFrame:
    """``shown`` with each text column whose distinct values are few (at most ``at_most`` of
    its rows) as a categorical column: the same cells on screen, but each distinct text is
    sent to the browser once (Arrow dictionary encoding) instead of once per row; the map's
    table of 218 areas, with its repeated status and caution sentences, halves (52 to 29 KB).
    """
    compact = shown.copy()
    for column in compact.columns:
        values = compact[column]
        if (
            pd.api.types.is_string_dtype(values)
            and not isinstance(values.dtype, pd.CategoricalDtype)
            and len(values)
            and values.nunique(dropna=False) <= at_most * len(values)
        ):
            compact[column] = values.astype("category")
    return compact


def display_table(download: pd.DataFrame) -> pd.DataFrame:
    """Reader-facing columns of a download table (the table shown under a chart).

    Numbers are written by the indicator's unit and decimals; a missing number is "–", never
    "None"; the comparison column says what each area was compared with and the benchmark
    column names it for the row (each area may have its own region or neighbours).
    """
    if not len(download):
        return pd.DataFrame(columns=["Area code", "Area", "Value", "Status"])
    indicator = get_indicator(download["indicator_id"].iloc[0])
    decimals = indicator.decimals
    flag = indicator.unit == units.YES_NO
    compared_with = next((c for c in download["compared_with"] if c), "the benchmark")
    values = [
        units.format_value(v, indicator, missing=units.MISSING)
        if flag
        else units.format_number(v, decimals)
        for v in download["value"]
    ]
    benchmark = [
        "" if not label else sentences.with_details(label, units.format_value(value, indicator))
        for label, value in zip(download["benchmark"], download["benchmark_value"], strict=True)
    ]
    ranks = [
        units.MISSING if flag or pd.isna(r) else f"{int(r):,} of {int(n):,}"
        for r, n in zip(download["rank"], download["ranked_of"], strict=True)
    ]
    return pd.DataFrame(
        {
            "Area code": download["area_code"],
            "Area": download["area_name"],
            units.value_heading(indicator): values,
            "95% confidence interval": [
                units.format_ci(lo, hi, indicator)
                for lo, hi in zip(download["lower_ci95"], download["upper_ci95"], strict=True)
            ],
            "Count (numerator)": [units.format_count(v) for v in download["numerator"]],
            "Out of (denominator)": [units.format_count(v) for v in download["denominator"]],
            f"Compared with {compared_with}": download["comparison"],
            "Benchmark": benchmark,
            rank_heading(indicator): ranks,
            "Status": download["status"],
            "Caution": download["caution"],
        }
    )


def benchmark_caption(table: pd.DataFrame) -> str:
    """Why no single benchmark line is drawn when each area has its own benchmark."""
    kind = str(table["benchmark_kind"].iloc[0]) if len(table) else ""
    heading = sentences.benchmark_heading(kind, table["benchmark_label"].tolist())
    return (
        f"Each area is compared with {heading} (named for each area in the table's "
        "“Benchmark” column), so no single benchmark line is drawn."
    )


def csv_bytes(frame: pd.DataFrame) -> bytes:
    """UTF-8 CSV bytes for a download button."""
    return frame.to_csv(index=False, lineterminator="\n").encode("utf-8")


def parquet_bytes(frame: pd.DataFrame) -> bytes:
    """Parquet bytes for a download button."""
    buffer = io.BytesIO()
    frame.to_parquet(buffer, index=False)
    return buffer.getvalue()


def file_stem(*parts: str) -> str:
    """A descriptive, filesystem-safe file name stem."""
    text = "_".join(p for p in parts if p)
    return "".join(c if c.isalnum() or c in "-_" else "-" for c in text).strip("-_")


# --------------------------------------------------------------------------- trends
TREND_COLUMNS = (
    "series",
    "kind",
    "area_code",
    "period",
    "period_start",
    "value",
    "lower_ci95",
    "upper_ci95",
    "status",
    "status_label",
    "source_id",
    "note",
)


def trend_view(
    indicators: pd.DataFrame,
    areas: pd.DataFrame,
    neighbours: pd.DataFrame,
    *,
    indicator_id: str,
    area_code: str,
    breakdown: str = "all",
    peers_model: str = "2025",
) -> tuple[pd.DataFrame, compare.TrendResult]:
    """The selected area's series against England, its region, its peers and predecessors.

    Returns:
        A long frame (one row per series and period, missing values kept with their status)
        and the area's recent-trend result.
    """
    indicator = get_indicator(indicator_id)
    rows = indicators[
        (indicators["indicator_id"] == indicator_id) & (indicators["breakdown"] == breakdown)
    ]
    periods = rows.drop_duplicates("period").sort_values("period_start")[["period", "period_start"]]
    area = areas[areas["area_code"] == area_code]
    parts = []

    def series_of(code: str, name: str, kind: str) -> None:
        own = rows[rows["area_code"] == code]
        if own.empty:
            return
        part = own[
            [
                "area_code",
                "period",
                "period_start",
                "value",
                "lower_ci95",
                "upper_ci95",
                "status",
                "source_id",
                "note",
            ]
        ].copy()
        part["series"], part["kind"] = name, kind
        parts.append(part)

    name = area["area_name"].iloc[0] if not area.empty else area_code
    series_of(area_code, name, "area")
    if not area.empty:
        nation = area["nation"].iloc[0]
        if area_code != NATION_CODES.get("England"):
            series_of(NATION_CODES["England"], "England", "england")
        if nation != "England" and nation in NATION_CODES and area_code != NATION_CODES[nation]:
            series_of(NATION_CODES[nation], nation, "nation")
        region = area["region_code"].iloc[0]
        if region and region != area_code:
            series_of(region, area["region_name"].iloc[0], "region")
        for predecessor in areas[
            areas["successor_codes"].str.contains(area_code, regex=False)
        ].itertuples():
            series_of(
                predecessor.area_code,
                f"{predecessor.area_name} (former area, {predecessor.area_code})",
                "predecessor",
            )
        peer_values = []
        for period in periods["period"]:
            selection = rows[rows["period"] == period]
            found = compare.peer_benchmarks(
                selection, neighbours[neighbours["area_code"] == area_code], model=peers_model
            )
            benchmark = found.get(area_code)
            if benchmark is not None and benchmark.value is not None:
                peer_values.append(
                    {
                        "area_code": "",
                        "period": period,
                        "period_start": periods.loc[
                            periods["period"] == period, "period_start"
                        ].iloc[0],
                        "value": benchmark.value,
                        "lower_ci95": benchmark.lower95,
                        "upper_ci95": benchmark.upper95,
                        "status": "ok",
                        "source_id": "",
                        "note": benchmark.method,
                        "series": f"Statistical neighbours ({peers_model} model)",
                        "kind": "peers",
                    }
                )
        if peer_values:
            parts.append(pd.DataFrame(peer_values))
    if not parts:
        return pd.DataFrame(columns=list(TREND_COLUMNS)), compare.recent_trend(
            pd.DataFrame(columns=["period_start"]), indicator=indicator
        )
    frame = pd.concat(parts, ignore_index=True)
    frame["status_label"] = frame["status"].map(STATUSES).fillna("")
    frame = frame.sort_values(["kind", "series", "period_start"], kind="stable", ignore_index=True)
    own = rows[rows["area_code"] == area_code]
    return frame[list(TREND_COLUMNS)], compare.recent_trend(own, indicator=indicator)


def trend_table(frame: pd.DataFrame, *, indicator_id: str) -> pd.DataFrame:
    """The table under the trend chart: values in the indicator's unit, "–" when missing."""
    indicator = get_indicator(indicator_id)
    return pd.DataFrame(
        {
            "Series": frame["series"],
            "Period": frame["period"],
            units.value_heading(indicator): [
                units.format_value(v, indicator, missing=units.MISSING)
                if indicator.unit == units.YES_NO
                else units.format_number(v, indicator.decimals)
                for v in frame["value"]
            ],
            "95% confidence interval": [
                units.format_ci(lo, hi, indicator)
                for lo, hi in zip(frame["lower_ci95"], frame["upper_ci95"], strict=True)
            ],
            "Status": frame["status_label"],
            "Note": frame["note"],
        }
    ).reset_index(drop=True)


# --------------------------------------------------------------------------- compare areas
def compare_view(
    indicators: pd.DataFrame,
    areas: pd.DataFrame,
    neighbours: pd.DataFrame,
    selection: Selection,
    *,
    confidence: compare.Confidence = "95",
) -> pd.DataFrame:
    """All comparable areas for the period, sorted best first, flagged as selected / peer."""
    table = map_view(indicators, areas, neighbours, selection, confidence=confidence)
    table = table[
        table["value"].notna()
        | table["status"].isin(
            ["suppressed", "not_available", "dont_know", "missing_or_suppressed"]
        )
    ]
    table = table[table["status"] != "not_collected"]
    table = filter_nation(table, selection.nation)
    indicator = get_indicator(selection.indicator)
    model = selection.benchmark[-4:] if selection.benchmark.startswith("peers") else "2025"
    peers = set(
        neighbours[
            (neighbours["model"].astype(str) == model) & (neighbours["area_code"] == selection.area)
        ]["neighbour_code"]
    )
    table = table.assign(
        selected=table["area_code"] == selection.area,
        peer=table["area_code"].isin(peers),
    )
    ascending = indicator.polarity == "lower_is_better"
    return table.sort_values(
        ["value", "area_name"], ascending=[ascending, True], na_position="last", ignore_index=True
    )


FUNNEL_PERCENT_ONLY = (
    "A funnel plot draws binomial limits for a percentage, so it is drawn only for "
    "indicators measured in %; this one is shown as sorted bars."
)


def funnel_applies(indicator_id: str) -> bool:
    """A funnel plot's binomial limits fit a percentage only (not a count, rate or flag)."""
    return get_indicator(indicator_id).unit == units.PERCENT


def funnel_view(
    table: pd.DataFrame, *, benchmark_value: float | None
) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Funnel plot points (areas with counts) and limit curves around the benchmark.

    Returns:
        Points with their position against the limits, and a frame of limits by denominator.
    """
    points = table[table["value"].notna() & table["denominator"].notna()].copy()
    if points.empty or benchmark_value is None or np.isnan(benchmark_value):
        return points.assign(funnel_position=pd.Series(dtype=str)), pd.DataFrame()
    points["funnel_position"] = compare.funnel_position(
        points["value"], points["denominator"], p0=benchmark_value
    )
    top = float(points["denominator"].max()) * 1.05
    n = np.unique(
        np.geomspace(max(10.0, float(points["denominator"].min()) * 0.5), top, 200).round()
    )
    low95, high95 = compare.funnel_limits(benchmark_value, n, confidence="95")
    low998, high998 = compare.funnel_limits(benchmark_value, n, confidence="99.8")
    limits = pd.DataFrame(
        {
            "denominator": n,
            "lower_95": low95,
            "upper_95": high95,
            "lower_998": low998,
            "upper_998": high998,
        }
    )
    return points, limits


# --------------------------------------------------------------------------- area profile
PROFILE_COLUMNS = (
    "indicator_id",
    "indicator",
    "period",
    "value",
    "lower_ci95",
    "upper_ci95",
    "england",
    "benchmark_label",
    "benchmark_value",
    "comparison",
    "comparison_label",
    "worst",
    "q25",
    "median",
    "q75",
    "best",
    "rank",
    "n_ranked",
    "trend",
    "caution",
    "summary",
    "polarity",
    "status_label",
)


def profile_view(
    indicators: pd.DataFrame,
    areas: pd.DataFrame,
    neighbours: pd.DataFrame,
    *,
    area_code: str,
    benchmark: str = "england",
    breakdown: str = "all",
) -> pd.DataFrame:
    """Every indicator the area has, latest period: value, range, England, rank, trend, summary."""
    area = areas[areas["area_code"] == area_code]
    if area.empty or area["area_level"].iloc[0] != "la":
        return pd.DataFrame(columns=list(PROFILE_COLUMNS))
    nation = area["nation"].iloc[0]
    name = area["area_name"].iloc[0]
    benchmark = profile_benchmark(nation, benchmark)
    own = indicators[
        (indicators["area_code"] == area_code) & (indicators["breakdown"] == breakdown)
    ]
    records = []
    for indicator_id in [i for i in CATALOGUE if i in set(own["indicator_id"])]:
        indicator = get_indicator(indicator_id)
        mine = own[
            (own["indicator_id"] == indicator_id) & own["status"].isin(list(STATUSES_WITH_VALUE))
        ]
        if mine.empty:
            continue
        latest = mine[mine["period"] == order_periods(mine)[-1]].iloc[0]
        period = latest["period"]
        table = compare.comparison_table(
            indicators,
            areas,
            neighbours,
            indicator_id=indicator_id,
            period=period,
            benchmark=benchmark,
            breakdown=breakdown,
        )
        table = table[table["nation"] == nation]
        row = table[table["area_code"] == area_code]
        if row.empty:
            continue
        row = row.iloc[0]
        values = table.loc[table["value"].notna(), "value"]
        higher_better = indicator.polarity != "lower_is_better"
        england = compare.benchmark_for(
            indicators,
            indicator_id=indicator_id,
            period=period,
            area_code=area_code,
            kind="england",
            areas=areas,
            neighbours=neighbours,
            breakdown=breakdown,
        )
        comparisons = [
            compare.compare_with_benchmark(
                value=row["value"],
                lower=row["lower_ci95"],
                upper=row["upper_ci95"],
                benchmark_value=row["benchmark_value"],
                polarity=indicator.polarity,
                benchmark_label=row["benchmark_label"],
                status=row["status"],
                denominator=row["denominator"],
                benchmark_kind=benchmark,
                no_benchmark_reason=row["benchmark_method"]
                if pd.isna(row["benchmark_value"])
                else "",
            )
        ]
        if benchmark != "england" and nation == "England":
            comparisons.insert(
                0,
                compare.compare_with_benchmark(
                    value=row["value"],
                    lower=row["lower_ci95"],
                    upper=row["upper_ci95"],
                    benchmark_value=england.value,
                    polarity=indicator.polarity,
                    benchmark_label="England",
                    status=row["status"],
                    denominator=row["denominator"],
                    benchmark_kind="england",
                ),
            )
        series = indicators[
            (indicators["indicator_id"] == indicator_id)
            & (indicators["area_code"] == area_code)
            & (indicators["breakdown"] == breakdown)
        ]
        trend = compare.recent_trend(series, indicator=indicator)
        rank = None if pd.isna(row["rank"]) else int(row["rank"])
        tied = rank is not None and int((table["rank"] == rank).sum()) > 1
        summary = sentences.summary_sentence(
            indicator=indicator,
            area_name=name,
            period=period,
            value=row["value"],
            status=row["status"],
            comparisons=comparisons,
            rank=rank,
            n_ranked=int(row["n_ranked"]),
            nation=nation,
            tied=tied,
            caution=row["caution"],
        )
        records.append(
            {
                "indicator_id": indicator_id,
                "indicator": indicator.short_title,
                "period": period,
                "value": row["value"],
                "lower_ci95": row["lower_ci95"],
                "upper_ci95": row["upper_ci95"],
                "england": england.value,
                "benchmark_label": row["benchmark_label"],
                "benchmark_value": row["benchmark_value"],
                "comparison": row["comparison"],
                "comparison_label": row["comparison_label"],
                "worst": values.min() if higher_better else values.max(),
                "q25": values.quantile(0.25 if higher_better else 0.75),
                "median": values.median(),
                "q75": values.quantile(0.75 if higher_better else 0.25),
                "best": values.max() if higher_better else values.min(),
                "rank": rank,
                "n_ranked": int(row["n_ranked"]),
                "trend": trend.describe(),
                "caution": row["caution"],
                "summary": summary,
                "polarity": indicator.polarity,
                "status_label": STATUSES.get(row["status"], ""),
            }
        )
    trust = area["trust_code"].iloc[0] if "trust_code" in area.columns else ""
    if trust:
        records += _trust_records(indicators, areas, trust=trust, name=name, breakdown=breakdown)
    return pd.DataFrame(records, columns=list(PROFILE_COLUMNS))


def profile_benchmark(nation: str, benchmark: str) -> str:
    """The benchmark a profile uses: a Welsh, Scottish or NI area's own measures have no England
    figure, so "England" means its own nation there."""
    return (
        "nation"
        if nation not in ("England", "United Kingdom") and benchmark == "england"
        else benchmark
    )


def spine_rows(profile: pd.DataFrame, *, nation: str) -> tuple[pd.DataFrame, str, str]:
    """The profile rows a spine chart draws, its centre line and its caption.

    English areas are centred on England (rows without an England figure are left out); a
    Welsh, Scottish or Northern Irish area's own measures have no England figure, so they are
    centred on the median of the nation's areas (of its HSC trusts for a trust measure).
    """
    if nation in ("England", "United Kingdom"):
        return (
            profile[profile["england"].notna()],
            "England",
            "Each row: light grey spans the worst to the best local authority, darker grey the "
            "middle half; England is the centre line; the dot is this area, coloured by its "
            "comparison. Sources and licence below.",
        )
    return (
        profile[profile["value"].notna()],
        f"Median in {nation}",
        f"Each row: light grey spans the worst to the best area of {nation} (HSC trusts for a "
        "trust measure), darker grey the middle half; the centre line is their median; the "
        f"dot is this area. Each of {nation}'s measures is its own: none is ranked against "
        "another nation. Sources and licence below.",
    )


def _trust_records(
    indicators: pd.DataFrame, areas: pd.DataFrame, *, trust: str, name: str, breakdown: str
) -> list[dict[str, object]]:
    """Profile rows for the Northern Ireland trust measures of the trust serving a council:
    the trust's figure (never a council one), ranked among the five trusts."""
    trust_name = areas.loc[areas["area_code"] == trust, "area_name"]
    trust_name = trust_name.iloc[0] if len(trust_name) else trust
    at_trusts = indicators[
        (indicators["area_level"] == "health_board")
        & (indicators["nation"] == "Northern Ireland")
        & (indicators["breakdown"] == breakdown)
        & indicators["status"].isin(list(STATUSES_WITH_VALUE))
    ]
    records = []
    for indicator_id in [i for i in CATALOGUE if i in set(at_trusts["indicator_id"])]:
        indicator = get_indicator(indicator_id)
        rows = at_trusts[at_trusts["indicator_id"] == indicator_id]
        period = order_periods(rows)[-1]
        rows = rows[rows["period"] == period]
        ranked = compare.rank_areas(rows, polarity=indicator.polarity)
        mine = ranked[ranked["area_code"] == trust]
        if mine.empty:
            continue
        mine = mine.iloc[0]
        values = rows["value"]
        higher_better = indicator.polarity != "lower_is_better"
        rank = None if pd.isna(mine["rank"]) else int(mine["rank"])
        tied = rank is not None and int((ranked["rank"] == rank).sum()) > 1
        summary = (
            sentences.value_clause(
                indicator=indicator, area_name=name, period=period, value=mine["value"]
            )
            + f" ({trust_name}: a trust figure, not a council one)"
            + (
                f"; ranked {'joint ' if tied else ''}{rank} of {int(mine['n_ranked'])} "
                "Northern Ireland HSC trusts (1 = best)."
                if rank is not None
                else "."
            )
        )
        records.append(
            {
                "indicator_id": indicator_id,
                "indicator": indicator.short_title,
                "period": period,
                "value": mine["value"],
                "lower_ci95": mine["lower_ci95"],
                "upper_ci95": mine["upper_ci95"],
                "england": None,
                "benchmark_label": trust_name,
                "benchmark_value": mine["value"],
                "comparison": "",
                "comparison_label": "Not compared",
                "worst": values.min() if higher_better else values.max(),
                "q25": values.quantile(0.25 if higher_better else 0.75),
                "median": values.median(),
                "q75": values.quantile(0.75 if higher_better else 0.25),
                "best": values.max() if higher_better else values.min(),
                "rank": rank,
                "n_ranked": int(mine["n_ranked"]),
                "trend": "",
                "caution": "",
                "summary": summary,
                "polarity": indicator.polarity,
                "status_label": STATUSES.get(mine["status"], ""),
            }
        )
    return records


def profile_table(profile: pd.DataFrame) -> pd.DataFrame:
    """The profile as a reader's table: every value written in its own indicator's unit."""
    rows = []
    for row in profile.itertuples(index=False):
        indicator = get_indicator(row.indicator_id)
        flag = indicator.unit == units.YES_NO
        benchmark = (
            sentences.with_details(
                row.benchmark_label, units.format_value(row.benchmark_value, indicator)
            )
            if row.benchmark_label
            else ""
        )
        rows.append(
            {
                "Indicator": row.indicator,
                "Period": row.period,
                "Value": units.format_value(row.value, indicator, missing=units.MISSING),
                "England": units.format_value(row.england, indicator, missing=units.MISSING),
                "Benchmark": benchmark,
                "Comparison": row.comparison_label,
                "Rank": units.MISSING
                if flag or row.rank is None or pd.isna(row.rank)
                else f"{int(row.rank):,} of {int(row.n_ranked):,}",
                "Recent trend": row.trend,
                "Caution": row.caution,
            }
        )
    return pd.DataFrame(
        rows,
        columns=[
            "Indicator",
            "Period",
            "Value",
            "England",
            "Benchmark",
            "Comparison",
            "Rank",
            "Recent trend",
            "Caution",
        ],
    )


# --------------------------------------------------------------------------- about
COLUMN_HELP = {
    "indicator_id": "catalogue id",
    "area_code": "GSS code",
    "area_level": "uk, country, region, la or health_board",
    "period, period_start, period_end": "period label and the dates it covers",
    "breakdown": "all, girls, boys, fsm, non_fsm and others",
    "value": "percentage (empty when there is no figure)",
    "numerator, denominator": "published counts where they exist",
    "lower_ci95 … upper_ci998": "95% and 99.8% confidence intervals (Wilson, or as published)",
    "status": "ok, suppressed, not_available, missing_or_suppressed, not_applicable, covid_no_data, dont_know …",
    "flags": "data-quality flags (;-separated): all_domains_exceeds_domain, implausible_reach, small_quarter, tiny_cohort, extremes_only",
    "symbol": "the symbol the publisher printed (c, x, z, -, DK …)",
    "area_status": "current, predecessor or built_from_predecessor",
    "derivation": "published, computed_from_counts, aggregated_from_las or derived_by_third_party",
    "source_id": "row of the sources table",
}


def catalogue_table(release_dates: pd.DataFrame | None = None) -> pd.DataFrame:
    """The catalogue as a table for the About page, with known release dates."""
    dates = {}
    if release_dates is not None and not release_dates.empty:
        main = release_dates[release_dates["breakdown"] == "all"]
        dates = {row.indicator_id: (row.last_update, row.next_update) for row in main.itertuples()}
    rows = []
    for indicator in CATALOGUE.values():
        last, upcoming = dates.get(indicator.id, ("", ""))
        rows.append(
            {
                "Indicator": indicator.title,
                "Id": indicator.id,
                "Theme": indicator.theme,
                "Definition": indicator.definition,
                "Unit": indicator.unit,
                "Polarity": indicator.polarity.replace("_", " "),
                "Age": indicator.age,
                "Nations": ", ".join(indicator.nations),
                "Comparability": indicator.comparability_note,
                "Publisher": indicator.publisher,
                "Source": indicator.source_url,
                "Licence": indicator.licence,
                "Fingertips id": ""
                if indicator.fingertips_id is None
                else str(indicator.fingertips_id),
                "Last update": last,
                "Next release": upcoming,
            }
        )
    return pd.DataFrame(rows)


def sources_table(sources: pd.DataFrame) -> pd.DataFrame:
    """The sources cited by the data, for the About page."""
    table = sources.reset_index()
    return pd.DataFrame(
        {
            "Source": table["title"],
            "Publisher": table["publisher"],
            "URL": table["url"],
            "Licence": table["licence"],
            "Raw files": table["raw_files"].str.replace("|", ", ", regex=False),
        }
    )


def headline_fact_tables(facts: pd.DataFrame) -> tuple[pd.DataFrame, dict[str, pd.DataFrame]]:
    """The parent-infant team counts over time, and one reader-facing table per topic."""
    teams = facts[facts["indicator"] == "specialised_parent_infant_relationship_teams_n"].dropna(
        subset=["value"]
    )
    tables = {}
    for topic, group in facts.groupby("topic", sort=True):
        tables[topic] = pd.DataFrame(
            {
                "Area": group["area_name"],
                "As at": group["period"],
                "Value": [
                    "" if pd.isna(v) else f"{v:,.1f}".rstrip("0").rstrip(".")
                    for v in group["value"]
                ],
                "Unit": group["unit"],
                "Exact words": group["quote"],
                "Source": group["source_title"],
                "Source type": group["source_type"],
                "Link": group["source_url"],
            }
        ).reset_index(drop=True)
    return teams, tables


# --------------------------------------------------------------------------- services
SERVICE_TABLE_INDICATORS = {
    "childrens_centres_n": "Children's centres",
    "childrens_centre_linked_sites_n": "Linked sites",
    "childrens_centres_per_1000_under5": "Centres per 1,000 under-5s",
    "family_hubs_n": "Family hub sites on DfE's list",
    "family_hubs_per_1000_under5": "Hub sites per 1,000 under-5s",
    "family_hubs_start_for_life": "Start for Life programme area",
}


def service_points(sites: pd.DataFrame, *, types: Sequence[str]) -> pd.DataFrame:
    """Sites of the chosen types that have coordinates (the points drawn)."""
    return sites[sites["service_type"].isin(types) & sites["lat"].notna()].reset_index(drop=True)


def services_table(
    indicators: pd.DataFrame, outcome: pd.DataFrame, *, indicator_id: str
) -> pd.DataFrame:
    """Per English area: services, services per 1,000 under-5s, and the chosen outcome with
    its comparison. Every value is written in its own unit; "–" means no figure, and a count
    of 0 means no site on the list, not a missing list."""
    indicator = get_indicator(indicator_id)
    england = outcome[outcome["nation"] == "England"]
    table = pd.DataFrame(
        {
            "Area code": england["area_code"],
            "Area": england["area_name"],
            f"{indicator.short_title}: {units.value_heading(indicator)}": [
                units.format_value(v, indicator, missing=units.MISSING)
                if indicator.unit == units.YES_NO
                else units.format_number(v, indicator.decimals)
                for v in england["value"]
            ],
            "Comparison": england["comparison_label"],
            "Caution": england["caution"],
        }
    )
    for service_id, heading in SERVICE_TABLE_INDICATORS.items():
        service = get_indicator(service_id)
        rows = indicators[
            (indicators["indicator_id"] == service_id) & (indicators["breakdown"] == "all")
        ]
        latest = latest_period(rows)
        values = rows[rows["period"] == latest].set_index("area_code")["value"]
        found = table["Area code"].map(values)
        if service.unit == units.YES_NO:
            table[heading] = [units.format_value(v, service, missing=units.MISSING) for v in found]
        else:
            table[heading] = [units.format_number(v, service.decimals) for v in found]
    return table.reset_index(drop=True)
