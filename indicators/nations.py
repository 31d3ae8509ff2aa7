"""The four nations side by side, stage by stage: what each measures, its latest national
figure, its national trend and its spread across its own areas.

The one place that maps an indicator to a life stage (:func:`stage_of`). Everything here is
driven by the catalogue and the tidy table, so a new indicator with an ``age_band`` or a
``topic`` below appears in the grid without any change to this module or the page.

Never ranks or colours across nations whose measures differ: each cell is drawn on its own
scale, in one neutral colour, and says how far it can be read against the others.
"""

from __future__ import annotations

import functools
import textwrap
from dataclasses import dataclass

import pandas as pd
import plotly.graph_objects as go

from indicators import figures, units
from indicators.catalogue import (
    CATALOGUE,
    COMPARABILITY_LABELS,
    Indicator,
    comparability,
    crosses_break,
    get_indicator,
)
from indicators.data import order_periods
from indicators.errors import IndicatorsError
from indicators.schema import UNRANKED_FLAGS, flag_set
from indicators.text import escape_plotly

NATIONS: tuple[str, ...] = ("England", "Wales", "Scotland", "Northern Ireland")
#: The GSS code of each nation's own (national) rows: the only source of a "national figure".
NATIONAL_CODES: dict[str, str] = {
    "England": "E92000001",
    "Wales": "W92000004",
    "Scotland": "S92000003",
    "Northern Ireland": "N92000002",
}
STAGES: tuple[str, ...] = ("Birth", "6–8 weeks", "1 year", "2–2½ years", "5 years")
#: A catalogue ``age_band`` -> life stage ("3–3½ years" fits none of the five stages).
STAGE_BY_AGE_BAND: dict[str, str] = {
    "Birth to 2 weeks": "Birth",
    "6–8 weeks": "6–8 weeks",
    "12 months": "1 year",
    "2–2½ years": "2–2½ years",
    "Age 5": "5 years",
}
#: A catalogue ``topic`` -> life stage, for indicators without an ``age_band`` whose topic
#: belongs to one stage only (immunisation, poverty and services span many ages: no stage).
STAGE_BY_TOPIC: dict[str, str] = {
    "birth weight": "Birth",
    "breastfeeding": "6–8 weeks",
    "infant mortality": "1 year",
    "development at 2": "2–2½ years",
    "development at 5": "5 years",
    "healthy weight at school entry": "5 years",
}
#: What a nation's local areas are called, by area level.
GEOGRAPHY_NAMES: dict[tuple[str, str], tuple[str, str]] = {
    ("England", "la"): ("local authority", "local authorities"),
    ("Wales", "la"): ("local authority", "local authorities"),
    ("Scotland", "la"): ("council area", "council areas"),
    ("Northern Ireland", "la"): ("council area", "council areas"),
    ("Northern Ireland", "health_board"): ("HSC trust", "HSC trusts"),
    ("Scotland", "health_board"): ("health board", "health boards"),
    ("Wales", "health_board"): ("health board", "health boards"),
}
#: Plain labels for the ``source_type`` of a quoted headline fact.
SOURCE_TYPE_LABELS: dict[str, str] = {
    "official": "Official statistics",
    "official_parliamentary_answer": "Official: parliamentary answer",
    "official_text_via_mirror": "Official text (via a copy)",
    "secondary_news": "Secondary: news report",
    "secondary_news_reporting_official": "Secondary: news report of an official figure",
    "secondary_citing_official": "Secondary: citing an official figure",
    "fact_check_citing_official": "Secondary: fact check citing an official figure",
    "professional_body_citing_official": "Secondary: professional body citing an official figure",
    "secondary_professional_press_reporting_official": (
        "Secondary: professional press report of an official figure"
    ),
    "secondary_official_body_citing_official": "Secondary: public body citing an official figure",
    "parliamentary_motion_citing_official": "Parliamentary motion citing an official figure",
    "ngo": "Secondary: charity",
    "ngo_report": "Secondary: charity report",
}
ONLY_THIS_NATION = "Only this nation"
NO_NATIONAL_FIGURE = "No national figure published"
#: The page's own sentences (kept here with the data they describe).
INTRO = (
    "Each row is a stage of early childhood; each column a nation, on **its own measure and "
    "its own scale**. A cell shows what the nation measures, its latest published national "
    "figure, its national trend (never joined across a series break) and the spread across its "
    "own areas in the latest period: each dot is one area. Nations whose measures differ are "
    "never ranked against each other; the label in each cell says how far it compares."
)
UNSTAGED_NOTE = (
    "Immunisation schedules, child poverty, pregnancy and other contacts fit none of the five "
    "stages: their latest figures are listed here."
)
FACTS_INTRO = (
    "Figures quoted in official and campaign publications, each with its exact words, source "
    "and source type (secondary sources are labelled as such)."
)
MARK_COLOUR = "#08519c"
#: The least a trend's y axis spans, in percentage points.
MIN_SPAN = 10.0
CELL_FONT = {"size": 13}


def stage_of(indicator: Indicator) -> str | None:
    """The life stage ``indicator`` measures at (one of :data:`STAGES`), or None.

    The catalogue's ``age_band`` decides when it names one of the stages; otherwise the
    ``topic`` does, for topics that belong to one stage. Services have no stage.
    """
    if indicator.theme == "Services":
        return None
    if indicator.age_band:
        return STAGE_BY_AGE_BAND.get(indicator.age_band)
    return STAGE_BY_TOPIC.get(indicator.topic)


def source_type_label(source_type: str) -> str:
    """A reader's label for a quoted fact's ``source_type``."""
    return SOURCE_TYPE_LABELS.get(source_type, source_type.replace("_", " ").capitalize())


# --------------------------------------------------------------------------- data pieces
def _main_rows(indicators: pd.DataFrame, indicator_id: str) -> pd.DataFrame:
    return indicators[
        (indicators["indicator_id"] == indicator_id) & (indicators["breakdown"] == "all")
    ]


def national_series(indicators: pd.DataFrame, indicator: Indicator, nation: str) -> pd.DataFrame:
    """The nation's own published national rows of ``indicator``, oldest first, each with the
    ``segment`` it belongs to (a new segment starts after every series break, so a line is
    never drawn across one). Periods without a value (e.g. COVID) stay, with no value.

    Returns:
        Columns ``period``, ``period_end``, ``value``, ``status``, ``derivation``,
        ``source_id``, ``segment``.
    """
    rows = _main_rows(indicators, indicator.id)
    rows = rows[rows["area_code"] == NATIONAL_CODES[nation]]
    columns = ["period", "period_end", "value", "status", "derivation", "source_id", "segment"]
    if rows.empty:
        return pd.DataFrame(columns=columns)
    periods = order_periods(rows)
    rows = rows.drop_duplicates("period").set_index("period").loc[periods].reset_index()
    segments, segment = [], 0
    for index, period in enumerate(periods):
        if index and crosses_break(indicator, periods[index - 1], period):
            segment += 1
        segments.append(segment)
    return rows.assign(segment=segments)[columns].reset_index(drop=True)


def latest_national(series: pd.DataFrame) -> pd.Series | None:
    """The latest row of a national series that has a value, or None."""
    valued = series[series["value"].notna()]
    return None if valued.empty else valued.iloc[-1]


def area_spread(
    indicators: pd.DataFrame,
    indicator: Indicator,
    nation: str,
    *,
    excluded: list[str] | None = None,
) -> pd.DataFrame:
    """The nation's local values of ``indicator`` in their latest period: one row per area.

    Local authorities (or council areas) when the nation publishes them, else its health
    boards or HSC trusts (Northern Ireland's trust measures: one row per trust, never one per
    council). Predecessor areas are left out, and so are rows the project keeps out of ranks
    (:data:`~indicators.schema.UNRANKED_FLAGS`: a publication's quoted extremes only, a tiny
    cohort): their names in the latest period are added to ``excluded`` when it is given.

    Returns:
        Columns ``area_code``, ``area_name``, ``area_level``, ``period``, ``value``,
        ``source_id``, sorted by value.
    """
    rows = _main_rows(indicators, indicator.id)
    rows = rows[
        (rows["nation"] == nation)
        & rows["area_level"].isin(["la", "health_board"])
        & (rows["area_status"] != "predecessor")
        & rows["value"].notna()
    ]
    flags = rows["flags"].fillna("").map(flag_set)
    rows = rows.assign(left_out=[bool(f & UNRANKED_FLAGS) for f in flags])
    columns = ["area_code", "area_name", "area_level", "period", "value", "source_id"]
    kept = rows[~rows["left_out"]]
    if kept.empty:
        return pd.DataFrame(columns=columns)
    level = "la" if (kept["area_level"] == "la").any() else "health_board"
    kept = kept[kept["area_level"] == level]
    latest = order_periods(kept)[-1]
    if excluded is not None:
        out = rows[rows["left_out"] & (rows["period"] == latest) & (rows["area_level"] == level)]
        excluded.extend(out["area_name"])
    kept = kept[kept["period"] == latest].drop_duplicates("area_code")
    return kept.sort_values(["value", "area_name"])[columns].reset_index(drop=True)


@dataclass(frozen=True)
class Spread:
    """The spread of one nation's local values in one period."""

    n: int
    minimum: float
    median: float
    maximum: float
    lowest_area: str
    highest_area: str
    period: str
    geography: str  # plural, e.g. "HSC trusts"
    left_out: tuple[str, ...] = ()


def spread_summary(
    spread: pd.DataFrame, nation: str, *, left_out: tuple[str, ...] = ()
) -> Spread | None:
    """Minimum, median, maximum and number of areas (None when there are no local values);
    ``left_out`` names the areas kept out of the spread (see :func:`area_spread`)."""
    if spread.empty:
        return None
    values = spread["value"].astype(float)
    ordered = spread.assign(value=values).sort_values(["value", "area_name"])
    level = str(ordered["area_level"].iloc[0])
    return Spread(
        n=len(ordered),
        minimum=float(values.min()),
        median=float(values.median()),
        maximum=float(values.max()),
        lowest_area=str(ordered["area_name"].iloc[0]),
        highest_area=str(ordered["area_name"].iloc[-1]),
        period=str(ordered["period"].iloc[0]),
        geography=GEOGRAPHY_NAMES.get((nation, level), ("area", "areas"))[1],
        left_out=tuple(left_out),
    )


def gap_unit(indicator: Indicator) -> str:
    """The unit of a difference between two values (percentage points for a %)."""
    return "percentage points" if indicator.unit == units.PERCENT else indicator.unit


def spread_sentence(summary: Spread, indicator: Indicator) -> str:
    """The "unwarranted variation" story of one nation in words: range, median and the gap
    (and ratio) between its highest and lowest areas."""
    value = lambda v: units.format_value(v, indicator)  # noqa: E731
    gap = units.format_number(summary.maximum - summary.minimum, indicator.decimals)
    sentence = (
        f"Across {summary.n} {summary.geography} in {summary.period}: lowest {value(summary.minimum)} "
        f"({summary.lowest_area}), median {value(summary.median)}, highest "
        f"{value(summary.maximum)} ({summary.highest_area}). The highest is {gap} "
        f"{gap_unit(indicator)} above the lowest"
    )
    if summary.minimum > 0 and summary.n > 1:
        times = summary.maximum / summary.minimum
        ratio = units.format_number(times, 1 if times >= 2 else 2)
        sentence += f" ({ratio} times the lowest)"
    sentence += "."
    if summary.left_out:
        names = ", ".join(summary.left_out)
        sentence += (
            f" Left out as too small or incomplete to compare ({len(summary.left_out)}): {names}."
        )
    return sentence


# --------------------------------------------------------------------------- the grid
@dataclass(frozen=True)
class FourNationsGrid:
    """What the four nations page shows.

    ``cells``: one row per stage × topic × nation (tidy), with what is measured, the latest
    national figure, the comparability label and sentences. ``trends``: the national series
    of each cell's lead indicator (``cell`` key, ``period``, ``value``, ``segment``).
    ``spreads``: the latest local values of each cell's lead indicator (``cell`` key, area,
    value). ``unstaged``: indicators that fit no single stage, with their latest national figure.
    """

    cells: pd.DataFrame
    trends: pd.DataFrame
    spreads: pd.DataFrame
    unstaged: pd.DataFrame

    def rows(self) -> list[tuple[str, str]]:
        """(stage, topic) pairs in display order."""
        return list(dict.fromkeys(zip(self.cells["stage"], self.cells["topic"], strict=True)))

    def cell(self, stage: str, topic: str, nation: str) -> pd.Series:
        return self._cell_rows[(stage, topic, nation)]

    @functools.cached_property
    def _cell_rows(self) -> dict[tuple[str, str, str], pd.Series]:
        """Each (stage, topic, nation) row, found once: the page asks for 52 cells on every
        rerun (filtering the table each time was half of its server time)."""
        keys = zip(self.cells["stage"], self.cells["topic"], self.cells["nation"], strict=True)
        rows: dict[tuple[str, str, str], pd.Series] = {}
        for position, key in enumerate(keys):
            if key not in rows:  # the first row of a key, as before
                rows[key] = self.cells.iloc[position]
        return rows

    def trend_of(self, key: str) -> pd.DataFrame:
        return self.trends[self.trends["cell"] == key].reset_index(drop=True)

    def spread_of(self, key: str) -> pd.DataFrame:
        return self.spreads[self.spreads["cell"] == key].reset_index(drop=True)


def _richness(indicators: pd.DataFrame, indicator: Indicator, nation: str) -> tuple:
    series = national_series(indicators, indicator, nation)
    has_value = series["value"].notna()
    latest = str(series.loc[has_value, "period_end"].max()) if has_value.any() else ""
    spread = len(area_spread(indicators, indicator, nation))
    return (bool(has_value.any()), latest, int(has_value.sum()), spread)


def _lead(indicators: pd.DataFrame, measures: list[Indicator], nation: str) -> Indicator:
    """The measure a cell leads with: one with a national figure, the most recent one, then
    the longest national series, then the most local figures, then catalogue order."""
    order = {indicator.id: i for i, indicator in enumerate(measures)}
    return max(
        measures,
        key=lambda i: (*_richness(indicators, i, nation), -order[i.id]),
    )


def _possessive(nations: list[str]) -> str:
    names = [f"{n}'s" for n in nations]
    return names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1]


def _comparability(lead: Indicator, others: dict[str, Indicator]) -> tuple[str, str]:
    """A label and a sentence: how far ``lead`` reads against the other nations' measures in
    the same row (never a ranking)."""
    if not others:
        return ONLY_THIS_NATION, "No other nation publishes a measure of this at this stage."
    kinds: dict[str, list[str]] = {}
    for nation, other in others.items():
        kinds.setdefault(comparability(lead, other), []).append(nation)
    if "comparable" in kinds:
        label = "comparable"
        sentence = f"The same measure as {_possessive(kinds['comparable'])}."
    elif "same_concept" in kinds:
        label = "same_concept"
        sentence = (
            f"Same concept as {_possessive(kinds['same_concept'])} measure, measured "
            "differently: read side by side, not as a ranking."
        )
    else:
        label = "not_comparable"
        sentence = f"Not comparable with {_possessive(kinds['not_comparable'])} measure."
    return COMPARABILITY_LABELS[label], f"{sentence} {lead.comparability_note}"


def _not_collected(nation: str, others: list[Indicator]) -> str:
    """What a nation without a measure in the row measures instead (from the catalogue)."""
    for other in others:
        if nation in other.measured_instead:
            return other.not_collected_label(nation)
    return f"No {nation} measure of this at this stage in the bundled data."


def _cell_key(stage: str, topic: str, nation: str) -> str:
    return f"{stage}|{topic}|{nation}"


def four_nations_grid(
    indicators: pd.DataFrame, *, catalogue: dict[str, Indicator] | None = None
) -> FourNationsGrid:
    """The four nations, stage by stage and topic by topic: one tidy record per cell.

    Args:
        indicators: the tidy indicator table.
        catalogue: the indicators to place (default: the whole catalogue).

    Returns:
        A :class:`FourNationsGrid`.
    """
    catalogue = CATALOGUE if catalogue is None else catalogue
    staged: dict[tuple[str, str], dict[str, list[Indicator]]] = {}
    unstaged = []
    for indicator in catalogue.values():
        stage = stage_of(indicator)
        if stage is None:
            if indicator.theme != "Services":
                unstaged.append(indicator)
            continue
        row = staged.setdefault((stage, indicator.topic), {})
        for nation in indicator.nations:
            row.setdefault(nation, []).append(indicator)
    records, trends, spreads = [], [], []
    ordered = sorted(staged, key=lambda key: (STAGES.index(key[0]), _topic_order(key[1])))
    for stage, topic in ordered:
        by_nation = staged[(stage, topic)]
        leads = {n: _lead(indicators, by_nation[n], n) for n in NATIONS if n in by_nation}
        for nation in NATIONS:
            key = _cell_key(stage, topic, nation)
            base = {"cell": key, "stage": stage, "topic": topic, "nation": nation}
            if nation not in leads:
                others = [i for n in leads for i in by_nation[n]]
                records.append(
                    {**base, "status": "not_collected", "text": _not_collected(nation, others)}
                )
                continue
            lead = leads[nation]
            label, why = _comparability(lead, {n: i for n, i in leads.items() if n != nation})
            series = national_series(indicators, lead, nation)
            latest = latest_national(series)
            left_out: list[str] = []
            spread = area_spread(indicators, lead, nation, excluded=left_out)
            summary = spread_summary(spread, nation, left_out=tuple(left_out))
            if latest is not None:
                national = units.format_value(latest["value"], lead)
                national_period = str(latest["period"])
                national_text = f"{national} in {national_period} (national figure)"
            else:
                national, national_period = NO_NATIONAL_FIGURE, ""
                national_text = (
                    f"{nation} publishes local figures only: see the spread."
                    if summary
                    else "No local figures either in the bundled data."
                )
            valued = int(series["value"].notna().sum())
            source_ids = [*series["source_id"].dropna(), *spread["source_id"].dropna()]
            records.append(
                {
                    **base,
                    "status": "measured",
                    "indicator_id": lead.id,
                    "short_title": lead.short_title,
                    "definition": lead.definition,
                    "age": lead.age,
                    "also": "; ".join(i.short_title for i in by_nation[nation] if i.id != lead.id),
                    "comparability": label,
                    "comparability_text": why,
                    "national_value": None if latest is None else float(latest["value"]),
                    "national": national,
                    "national_period": national_period,
                    "national_text": national_text,
                    "trend_points": valued,
                    "trend_text": _trend_text(series, lead, valued),
                    "spread_n": 0 if summary is None else summary.n,
                    "spread_min": None if summary is None else summary.minimum,
                    "spread_median": None if summary is None else summary.median,
                    "spread_max": None if summary is None else summary.maximum,
                    "spread_geography": "" if summary is None else summary.geography,
                    "spread_left_out": "; ".join(left_out),
                    "spread_period": "" if summary is None else summary.period,
                    "spread_text": (
                        spread_sentence(summary, lead)
                        if summary
                        else f"No local figures for {nation} in the bundled data."
                    ),
                    "derivation": lead.derivation,
                    "source_ids": "|".join(dict.fromkeys(str(s) for s in source_ids)),
                    "caption": _caption(lead, national_period, summary),
                    "text": "",
                }
            )
            if valued:
                trends.append(series.assign(cell=key))
            if summary:
                spreads.append(spread.assign(cell=key))
    return FourNationsGrid(
        cells=pd.DataFrame(records),
        trends=_concat(trends, ["cell", "period", "value", "segment"]),
        spreads=_concat(
            spreads, ["cell", "area_code", "area_name", "area_level", "period", "value"]
        ),
        unstaged=_unstaged_table(indicators, unstaged),
    )


def _topic_order(topic: str) -> int:
    from indicators.catalogue import TOPICS

    return TOPICS.index(topic) if topic in TOPICS else len(TOPICS)


def _concat(frames: list[pd.DataFrame], columns: list[str]) -> pd.DataFrame:
    if not frames:
        return pd.DataFrame(columns=columns)
    return pd.concat(frames, ignore_index=True)[columns]


def _trend_text(series: pd.DataFrame, indicator: Indicator, valued: int) -> str:
    if valued == 0:
        return "No national series published."
    if valued == 1:
        return "One national figure only: no trend to draw."
    breaks = series["segment"].nunique() - 1
    first = series[series["value"].notna()].iloc[0]
    text = f"{valued} national figures from {first['period']}."
    if breaks:
        text += (
            f" {breaks} series break{'s' if breaks > 1 else ''}: the line is not joined across it."
        )
    return text


def _caption(indicator: Indicator, national_period: str, summary: Spread | None) -> str:
    periods = []
    if national_period:
        periods.append(f"national {national_period}")
    if summary:
        periods.append(f"{summary.geography} {summary.period}")
    period = "; ".join(periods) or "no figures"
    return f"Source: {indicator.publisher}. Period: {period}. Licence: {indicator.licence}."


def _unstaged_table(indicators: pd.DataFrame, unstaged: list[Indicator]) -> pd.DataFrame:
    rows = []
    for indicator in unstaged:
        for nation in indicator.nations:
            if nation not in NATIONS:
                continue
            latest = latest_national(national_series(indicators, indicator, nation))
            summary = spread_summary(area_spread(indicators, indicator, nation), nation)
            rows.append(
                {
                    "Nation": nation,
                    "Measure": indicator.short_title,
                    "Age": indicator.age,
                    "Latest national figure": (
                        f"{units.format_value(latest['value'], indicator)} ({latest['period']})"
                        if latest is not None
                        else "No national figure published"
                    ),
                    "Local figures": (
                        f"{summary.n} {summary.geography}, {summary.period}" if summary else "None"
                    ),
                }
            )
    table = pd.DataFrame(
        rows, columns=["Nation", "Measure", "Age", "Latest national figure", "Local figures"]
    )
    order = {n: i for i, n in enumerate(NATIONS)}
    return (
        table.assign(_n=table["Nation"].map(order))
        .sort_values(["_n"], kind="stable")
        .drop(columns="_n")
        .reset_index(drop=True)
    )


_NATION_BY_PREFIX = {
    "E": "England",
    "W": "Wales",
    "S": "Scotland",
    "N": "Northern Ireland",
    "K": "United Kingdom",
}


def fact_place(area_code: str, area_name: str) -> str:
    """The nation (or the UK) a quoted fact is about: by its GSS code's first letter, else an
    HSC trust's name (Northern Ireland), else its own area name."""
    code = str(area_code or "").strip()
    if code[:1] in _NATION_BY_PREFIX:
        return _NATION_BY_PREFIX[code[:1]]
    if "HSC Trust" in str(area_name):
        return "Northern Ireland"
    return str(area_name)


def nation_facts(facts: pd.DataFrame, nation: str) -> pd.DataFrame:
    """The quoted headline facts about ``nation`` (or one of its areas), each with its source
    and source type."""
    places = [fact_place(c, n) for c, n in zip(facts["area_code"], facts["area_name"], strict=True)]
    mine = facts[[place == nation for place in places]]
    return pd.DataFrame(
        {
            "Topic": mine["topic"],
            "Area": mine["area_name"],
            "As at": mine["period"],
            "Value": [
                "" if v in ("", None) or pd.isna(v) else f"{float(v):,.1f}".rstrip("0").rstrip(".")
                for v in mine["value"]
            ],
            "Unit": mine["unit"],
            "Exact words": mine["quote"],
            "Source type": [source_type_label(str(s)) for s in mine["source_type"]],
            "Source": mine["source_title"],
            "Link": mine["source_url"],
        }
    ).reset_index(drop=True)


# --------------------------------------------------------------------------- figures
def value_range(values: list[float], indicator: Indicator) -> list[float]:
    """A y range around ``values`` at least :data:`MIN_SPAN` percentage points (or a fifth of
    the largest value, for rates) tall, so that a small change never fills a small chart."""
    low, high = min(values), max(values)
    minimum = MIN_SPAN if indicator.unit == units.PERCENT else abs(high) * 0.2 or 1.0
    pad = max((minimum - (high - low)) / 2, (high - low) * 0.1)
    low, high = low - pad, high + pad
    if indicator.unit == units.PERCENT:
        low, high = max(low, 0.0), min(high, 100.0)
    return [low, high]


def _suffix(number: int) -> str:
    """Plotly's suffix of axis ``number``: ``x``/``xaxis`` for 1, ``x2``/``xaxis2`` for 2…"""
    return "" if number == 1 else str(number)


def _draw_cell(
    figure: go.Figure,
    trend: pd.DataFrame,
    spread: pd.DataFrame,
    *,
    indicator: Indicator,
    nation: str,
    axes: tuple[int, int],
    x_domain: list[float],
    trend_domain: list[float],
    spread_domain: list[float],
) -> dict:
    """Draw one nation's trend (axes ``axes[0]``) and spread (``axes[1]``) into ``figure``;
    returns the layout of those axes."""
    value_text = lambda v: units.format_value(v, indicator, missing=units.MISSING)  # noqa: E731
    t, a = _suffix(axes[0]), _suffix(axes[1])
    layout: dict = {}
    if int(trend["value"].notna().sum()) >= 2:
        periods = trend["period"].tolist()
        position = {p: i for i, p in enumerate(periods)}
        for _, part in trend.groupby("segment", sort=True):
            figure.add_trace(
                go.Scatter(
                    x=[position[p] for p in part["period"]],
                    y=[None if pd.isna(v) else float(v) for v in part["value"]],
                    mode="lines+markers",
                    line={"color": MARK_COLOUR, "width": 2},
                    marker={"size": 6, "color": MARK_COLOUR},
                    connectgaps=False,
                    showlegend=False,
                    hovertemplate=[
                        f"{escape_plotly(p)}: {value_text(v)}<extra>{escape_plotly(nation)}</extra>"
                        for p, v in zip(part["period"], part["value"], strict=True)
                    ],
                    xaxis=f"x{t}",
                    yaxis=f"y{t}",
                )
            )
        figures.draw_series_breaks(
            figure,
            indicator,
            periods,
            position,
            text="break",
            width=1.5,
            font_size=11,
            xref=f"x{t}",
            yref=f"y{t} domain",
        )
        shown = [0, len(periods) - 1] if len(periods) > 2 else list(range(len(periods)))
        layout[f"xaxis{t}"] = {
            "domain": x_domain,
            "anchor": f"y{t}",
            "tickmode": "array",
            "tickvals": shown,
            "ticktext": [escape_plotly(periods[i]) for i in shown],
            "range": [-0.4, len(periods) - 0.6],
            "fixedrange": True,
        }
        layout[f"yaxis{t}"] = {
            "domain": trend_domain,
            "anchor": f"x{t}",
            "title": {"text": "National", "font": {"size": 11}},
            "fixedrange": True,
            "nticks": 4,
            "range": value_range(trend["value"].dropna().astype(float).tolist(), indicator),
        }
    if not spread.empty:
        names = [
            escape_plotly(f"{n}: {value_text(v)}")
            for n, v in zip(spread["area_name"], spread["value"], strict=True)
        ]
        figure.add_trace(
            go.Box(
                x=spread["value"].astype(float).tolist(),
                y=[0] * len(spread),
                orientation="h",
                boxpoints="all",
                jitter=0.6,
                pointpos=0,
                fillcolor="rgba(8,81,156,0.08)",
                line={"color": "#555", "width": 1},
                marker={"color": MARK_COLOUR, "size": 6, "opacity": 0.75},
                text=names,
                hovertemplate="%{text}<extra></extra>",
                hoveron="points",
                showlegend=False,
                name="",
                xaxis=f"x{a}",
                yaxis=f"y{a}",
            )
        )
        geography = GEOGRAPHY_NAMES.get(
            (nation, str(spread["area_level"].iloc[0])), ("area", "areas")
        )[1]
        layout[f"xaxis{a}"] = {
            "domain": x_domain,
            "anchor": f"y{a}",
            "title": {
                "text": escape_plotly(f"{len(spread)} {geography}, {spread['period'].iloc[0]}"),
                "font": {"size": 11},
                "standoff": 2,
            },
            "fixedrange": True,
            "nticks": 5,
            "ticksuffix": "%" if indicator.unit == units.PERCENT else "",
        }
        layout[f"yaxis{a}"] = {
            "domain": spread_domain,
            "anchor": f"x{a}",
            "visible": False,
            "fixedrange": True,
        }
        national = trend[trend["value"].notna() & (trend["period"] == spread["period"].iloc[0])]
        if not national.empty:  # the nation's own figure for the same period, as a reference
            value = float(national["value"].iloc[-1])
            figures.labelled_rule(
                figure,
                value,
                escape_plotly(f"{nation} {value_text(value)}"),
                line={"color": "#000", "dash": "dot", "width": 1.5},
                font_size=11,
                xref=f"x{a}",
                yref=f"y{a} domain",
            )
    return layout


def figure_for_cell(
    trend: pd.DataFrame, spread: pd.DataFrame, *, indicator_id: str, nation: str
) -> go.Figure | None:
    """One nation's cell: its national series on top (a line per segment, never joined across
    a series break, gaps left open) and its areas' values in the latest period below (one dot
    per area, with a box for the middle half and the median; the nation's own figure of the
    same period dotted). Drawn on the measure's own scale, in one neutral colour: nothing here
    ranks across nations.

    Returns None when there is nothing to draw (no series of two or more and no areas).
    """
    indicator = get_indicator(indicator_id)
    has_trend = int(trend["value"].notna().sum()) >= 2
    has_spread = not spread.empty
    if not (has_trend or has_spread):
        return None
    both = has_trend and has_spread
    figure = go.Figure()
    layout = _draw_cell(
        figure,
        trend,
        spread,
        indicator=indicator,
        nation=nation,
        axes=(1, 2),
        x_domain=[0, 1],
        trend_domain=[0.54, 1.0] if both else [0, 1],
        spread_domain=[0.0, 0.2] if both else [0, 1],
    )
    figure.update_layout(
        title={
            "text": escape_plotly(f"{nation}: {indicator.short_title}"),
            "x": 0.01,
            "font": {"size": 13},
        },
        height=(300 if both else 190),
        margin={"l": 48, "r": 12, "t": 34, "b": 40},
        font=CELL_FONT,
        plot_bgcolor="#ffffff",
        showlegend=False,
        **layout,
    )
    return figure


def figure_for_row(grid: FourNationsGrid, stage: str, topic: str, *, title: str) -> go.Figure:
    """The four nations of one stage and topic in one figure (for a slide): a column per
    nation, each on its own axes and scale; a nation that does not collect the measure says
    what it measures instead."""
    figure = go.Figure()
    layout: dict = {}
    gap = 0.05
    width = (1 - gap * 3) / 4
    keys = [_cell_key(stage, topic, nation) for nation in NATIONS]
    any_trend = any(int(grid.trend_of(key)["value"].notna().sum()) >= 2 for key in keys)
    # with no trend in the row, the spreads take the room
    trend_domain, spread_domain = ([0.4, 0.72], [0.0, 0.2]) if any_trend else ([0, 1], [0.1, 0.6])
    for column, nation in enumerate(NATIONS):
        cell = grid.cell(stage, topic, nation)
        x_domain = [column * (width + gap), column * (width + gap) + width]
        if cell["status"] == "measured":
            heading = f"<b>{escape_plotly(nation)}</b><br>{escape_plotly(cell['short_title'])}"
            if cell["national_period"]:
                heading += (
                    f'<br><span style="font-size:28px"><b>{escape_plotly(cell["national"])}</b>'
                    f"</span> {escape_plotly(cell['national_period'])}"
                )
            else:
                heading += f"<br>{escape_plotly(cell['national'])}: local figures only"
            layout.update(
                _draw_cell(
                    figure,
                    grid.trend_of(cell["cell"]),
                    grid.spread_of(cell["cell"]),
                    indicator=get_indicator(cell["indicator_id"]),
                    nation=nation,
                    axes=(2 * column + 1, 2 * column + 2),
                    x_domain=x_domain,
                    trend_domain=trend_domain,
                    spread_domain=spread_domain,
                )
            )
        else:
            heading = f"<b>{escape_plotly(nation)}</b><br>not collected"
            figure.add_annotation(
                text="<br>".join(escape_plotly(line) for line in _wrap(cell["text"], 34)),
                x=sum(x_domain) / 2,
                y=0.6,
                xref="paper",
                yref="paper",
                showarrow=False,
                font={"size": 14, "color": "#333"},
            )
        figure.add_annotation(
            text=heading,
            x=x_domain[0],
            y=1.0,
            xref="paper",
            yref="paper",
            xanchor="left",
            yanchor="top",
            align="left",
            showarrow=False,
            font={"size": 15},
        )
    figure.update_layout(
        title={"text": escape_plotly(title), "x": 0.01},
        font={"size": 14},
        plot_bgcolor="#ffffff",
        showlegend=False,
        height=620,
        margin={"l": 50, "r": 20, "t": 80, "b": 60},
        **layout,
    )
    return figure


def _wrap(text: str, width: int) -> list[str]:
    return textwrap.wrap(str(text), width=width)


def row_for(grid: FourNationsGrid, indicator: Indicator) -> tuple[str, str, str]:
    """The (stage, topic) row that shows ``indicator``, and a note when it is not its own: an
    indicator with no stage is shown by the row where most nations publish a measure."""
    stage = stage_of(indicator)
    if stage is not None and (stage, indicator.topic) in grid.rows():
        return stage, indicator.topic, ""
    measured = grid.cells[grid.cells["status"] == "measured"]
    counts = measured.groupby(["stage", "topic"], sort=False)["nation"].nunique()
    if counts.empty:
        raise IndicatorsError("No nation publishes a measure at any stage in the bundled data.")
    best = counts.idxmax()
    note = (
        f"{indicator.short_title} belongs to no single stage of early childhood; shown: "
        f"{best[1]} at {best[0]}, where most nations publish a measure. "
    )
    return best[0], best[1], note


def stage_slug(stage: str) -> str:
    """A URL-safe id of a stage: ``Birth`` -> ``birth``, ``2–2½ years`` -> ``2-2half-years``."""
    return stage.lower().replace("–", "-").replace("½", "half").replace(" ", "-")


def cell_figures(grid: FourNationsGrid) -> dict[str, go.Figure]:
    """The figure of every measured cell that has something to draw, by cell key."""
    drawn = {}
    for cell in grid.cells[grid.cells["status"] == "measured"].itertuples(index=False):
        figure = figure_for_cell(
            grid.trend_of(cell.cell),
            grid.spread_of(cell.cell),
            indicator_id=cell.indicator_id,
            nation=cell.nation,
        )
        if figure is not None:
            drawn[cell.cell] = figure
    return drawn
