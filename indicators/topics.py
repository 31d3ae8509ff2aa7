"""UK by topic: each nation's own measure of one topic, on one map, each on its own scale.

A topic (:data:`indicators.catalogue.TOPICS`) groups the nation-specific indicators that
describe the same thing. For a topic, :func:`topic_map_view` picks each nation's own measure
(the first catalogue indicator of the topic with local figures for that nation), its latest
period and its own geography (English upper-tier local authorities, Welsh unitary
authorities, Scottish council areas, Northern Ireland's councils, or its 5 HSC trusts for a
trust-level measure), and says in words what each nation measures, when, and how far the
measures can be compared. :func:`figure_for_topic_map` draws it: one choropleth trace and one
colour axis (with its own colour bar) per measure. Nothing is ranked across nations.

Plain Python: no Streamlit here.
"""

from __future__ import annotations

import re
import textwrap
from collections.abc import Mapping
from dataclasses import dataclass

import pandas as pd
import plotly.graph_objects as go

from indicators.catalogue import (
    CATALOGUE,
    COMPARABILITY_LABELS,
    TOPICS,
    Indicator,
    comparability,
)
from indicators.data import caption_for, order_periods
from indicators.figures import BLUES, FONT, GEO_RESOLUTION, GEO_SCOPE, NO_VALUE_GREY, OUTLINE
from indicators.figures import NOT_PUBLISHED_GREY as _NOT_PUBLISHED_GREY
from indicators.schema import NI_TRUST_CODES
from indicators.text import escape_plotly as _esc
from indicators.units import format_value

#: The four nations, in the order they are described.
NATIONS: tuple[str, ...] = ("England", "Wales", "Scotland", "Northern Ireland")
#: What a nation's local areas on the map are called.
AREA_GEOGRAPHY = {
    "England": "upper-tier local authorities",
    "Wales": "unitary authorities",
    "Scotland": "council areas",
    "Northern Ireland": "councils",
}
TRUST_GEOGRAPHY = "Health and Social Care trusts"
#: Which boundary file a measure is drawn on.
AREAS_LAYER = "areas"
TRUSTS_LAYER = "trusts"
NOT_PUBLISHED_GREY = _NOT_PUBLISHED_GREY
NO_FIGURE = "No figure for this area"
#: Topic ids for the URL: the topic with hyphens (``birth-weight``).
TOPIC_IDS: dict[str, str] = {
    topic.replace(" ", "-"): topic
    for topic in TOPICS
    if any(indicator.topic == topic for indicator in CATALOGUE.values())
}
DEFAULT_TOPIC_ID = "birth-weight"
#: The URL key of the measure chosen for each nation (where it has several).
MEASURE_KEYS = {
    "England": "measure_england",
    "Wales": "measure_wales",
    "Scotland": "measure_scotland",
    "Northern Ireland": "measure_ni",
}
NEVER_RANKED = (
    "Each nation's measure is coloured on its own scale, with its own colour bar: a colour in "
    "one nation says nothing about the same colour in another, and no area is ranked against "
    "an area of another nation."
)
PERIOD_POLICY = "Each measure is shown for its latest period in the bundled data."
TABLE_COLUMNS = (
    "Nation",
    "Area code",
    "Area",
    "Geography",
    "Measure",
    "Value",
    "Unit",
    "Period",
    "Derivation",
    "Source",
    "Publisher",
    "Licence",
)


@dataclass(frozen=True)
class TopicMeasure:
    """One nation's own measure of the topic, as drawn."""

    nation: str
    indicator: Indicator
    period: str
    #: :data:`AREAS_LAYER` or :data:`TRUSTS_LAYER`.
    layer: str
    geography: str
    #: One row per area drawn: area_code, area_name, value, lower_ci95, upper_ci95, source_id.
    values: pd.DataFrame
    #: The ends of this measure's own colour scale (its lowest and highest value).
    low: float
    high: float
    #: Plain words: what the nation measures, on which areas, for which period.
    label: str
    #: Source, publisher, period and licence, for the caption.
    caption: str
    #: The nation's other measures of this topic (not drawn here).
    others: tuple[Indicator, ...] = ()
    #: Every measure of the topic the nation has local figures for (the one drawn included),
    #: in catalogue order: the first is drawn unless another is chosen.
    choices: tuple[Indicator, ...] = ()

    @property
    def legend_title(self) -> str:
        """Colour bar title: the nation, the measure and its unit, the period, which way is better."""
        direction = {
            "higher_is_better": "darker is better",
            "lower_is_better": "darker is better",
        }.get(self.indicator.polarity, "darker is higher")
        return (
            f"{self.nation}: {self.indicator.short_title} ({self.indicator.unit}), "
            f"{self.period}; {direction}"
        )


@dataclass(frozen=True)
class NationGap:
    """A nation with no local figures for the topic, drawn grey and named in the legend."""

    nation: str
    #: ``not_collected`` (no measure of the topic), ``national_only`` (national figures only)
    #: or ``not_published`` (a measure of the topic, but no figures in the bundled data).
    kind: str
    label: str


@dataclass(frozen=True)
class TopicMapView:
    """Everything the "UK by topic" page shows, ready to render."""

    topic_id: str
    topic: str
    title: str
    measures: tuple[TopicMeasure, ...]
    gaps: tuple[NationGap, ...]
    #: Sentences on how far the measures compare (never a ranking across nations).
    comparability: tuple[str, ...]
    periods_note: str
    #: Map areas drawn grey: area_code, area_name, nation, reason (``not_published`` for a
    #: nation without local figures, ``no_figure`` for an area its measure has no value for),
    #: label (the words shown on hover).
    unpainted: pd.DataFrame
    #: Every area drawn, with its measure, period, source and licence (also the download).
    table: pd.DataFrame

    @property
    def trust_measures(self) -> tuple[TopicMeasure, ...]:
        """The measures drawn on Northern Ireland's HSC trusts."""
        return tuple(m for m in self.measures if m.layer == TRUSTS_LAYER)


def join_words(words: list[str]) -> str:
    """``a``, ``a and b``, ``a, b and c``."""
    words = list(words)
    if len(words) <= 1:
        return "".join(words)
    return f"{', '.join(words[:-1])} and {words[-1]}"


def topic_label(topic_id: str) -> str:
    """``Birth weight`` for ``birth-weight``."""
    topic = TOPIC_IDS.get(topic_id, topic_id.replace("-", " "))
    return topic[:1].upper() + topic[1:]


def topic_indicators(topic: str) -> tuple[Indicator, ...]:
    """The catalogue's indicators of ``topic``, in catalogue order."""
    return tuple(indicator for indicator in CATALOGUE.values() if indicator.topic == topic)


def _local_rows(
    rows: pd.DataFrame, *, nation: str, map_codes: frozenset[str]
) -> tuple[pd.DataFrame, str]:
    """The rows of one indicator for ``nation``'s map areas or, for a trust measure, its trusts."""
    trust_rows = rows[rows["area_code"].isin(list(NI_TRUST_CODES))]
    if nation == "Northern Ireland" and not trust_rows.empty:
        return trust_rows, TRUSTS_LAYER
    local = rows[rows["area_code"].isin(map_codes) & (rows["nation"] == nation)]
    return local, AREAS_LAYER


def _without_local_figures(rows: pd.DataFrame, indicator: Indicator, nation: str) -> NationGap:
    """The gap of a nation that has a measure of the topic but no local figures for it."""
    national = rows[(rows["area_level"] == "country") & rows["value"].notna()]
    if national.empty:
        return NationGap(
            nation,
            "not_published",
            f"Not in this dashboard: no figures of {indicator.short_title} are in the bundled data.",
        )
    latest = order_periods(national)[-1]
    value = national.loc[national["period"] == latest, "value"].iloc[0]
    return NationGap(
        nation,
        "national_only",
        f"{nation} publishes {indicator.short_title} for the whole nation only "
        f"({format_value(value, indicator)} in {latest}), not by area.",
    )


def _not_collected_sentence(topic: str, nation: str, indicators: tuple[Indicator, ...]) -> str:
    for indicator in indicators:
        if indicator.measured_instead.get(nation):
            return indicator.not_collected_label(nation)
    return f"Not in this dashboard: the bundled data hold no {nation} measure of {topic}."


def _measure_label(
    nation: str, indicator: Indicator, *, period: str, geography: str, count: int, others
) -> str:
    parts = [
        f"{nation} measures {indicator.title[:1].lower() + indicator.title[1:]}: "
        f"{indicator.definition}",
        f"Age: {indicator.age}. Shown for its {count} {geography}, {period}.",
    ]
    if indicator.derivation:
        parts.append(f"Derived, not as published: {indicator.derivation}")
    if others:
        parts.append(
            f"{nation} also publishes {join_words([o.short_title for o in others])} on this "
            "topic by area (choose it above the map)."
        )
    return " ".join(parts)


def _once(notes: list[tuple[str, str]]) -> list[str]:
    """Each nation's note, less any sentence an earlier note already said (the catalogue's
    "not comparable across nations" sentence is written once, not once per nation)."""
    said: set[str] = set()
    out = []
    for nation, note in notes:
        fresh = [s for s in re.split(r"(?<=[.])\s+", note.strip()) if s and s not in said]
        said.update(fresh)
        if fresh:
            out.append(f"{nation}: {' '.join(fresh)}")
    return out


def _comparability_sentences(measures: list[TopicMeasure]) -> tuple[str, ...]:
    sentences = []
    groups: dict[str, list[TopicMeasure]] = {}
    for measure in measures:
        groups.setdefault(measure.indicator.comparability_group, []).append(measure)
    for members in groups.values():
        if len(members) < 2:
            continue
        nations = join_words([m.nation for m in members])
        kinds = {
            comparability(a.indicator, b.indicator)
            for i, a in enumerate(members)
            for b in members[i + 1 :]
        }
        kind = "comparable" if kinds == {"comparable"} else "same_concept"
        notes = " ".join(_once([(m.nation, m.indicator.comparability_note) for m in members]))
        sentences.append(
            f"{nations}: {COMPARABILITY_LABELS[kind].lower()} (the catalogue puts these measures "
            f"in one comparability group, '{members[0].indicator.comparability_group}'). "
            f"Why: {notes}"
        )
    singles = [
        m.nation
        for members in groups.values()
        if len(members) == 1
        for m in members
        if len(measures) > 1
    ]
    if singles:
        sentences.append(
            f"{join_words(singles)}: {COMPARABILITY_LABELS['not_comparable'].lower()} with the "
            "other nations' measures (different comparability groups)."
        )
    return tuple(sentences)


def topic_map_view(
    indicators: pd.DataFrame,
    areas: pd.DataFrame,
    sources: pd.DataFrame,
    *,
    topic_id: str,
    chosen: Mapping[str, str] | None = None,
) -> TopicMapView:
    """Each nation's own measure of a topic, ready to draw and tabulate.

    Args:
        indicators: the tidy indicator table.
        areas: the area table (``in_map`` marks the map's areas).
        sources: the sources table, indexed by source id.
        topic_id: one of :data:`TOPIC_IDS`.
        chosen: nation -> indicator id of the measure to draw for that nation, where it has
            several with local figures; an id that is not one of them is ignored (the
            nation's first measure in catalogue order is drawn).

    Returns:
        The view: one :class:`TopicMeasure` per nation with local figures (its latest period,
        all children), one :class:`NationGap` per nation without.

    Raises:
        KeyError: ``topic_id`` is not a topic.
    """
    topic = TOPIC_IDS[topic_id]
    in_topic = topic_indicators(topic)
    map_codes = frozenset(areas.loc[areas["in_map"], "area_code"])
    rows = indicators[
        indicators["indicator_id"].isin([i.id for i in in_topic])
        & (indicators["breakdown"] == "all")
    ]
    measures: list[TopicMeasure] = []
    gaps: list[NationGap] = []
    for nation in NATIONS:
        own = [i for i in in_topic if nation in i.nations]
        candidates = []
        for indicator in own:
            indicator_rows = rows[rows["indicator_id"] == indicator.id]
            local, layer = _local_rows(indicator_rows, nation=nation, map_codes=map_codes)
            local = local[local["value"].notna()]
            if not local.empty:
                candidates.append((indicator, local, layer))
        if not candidates:
            if own:
                national = rows[rows["indicator_id"] == own[0].id]
                gaps.append(_without_local_figures(national, own[0], nation))
            else:
                gaps.append(
                    NationGap(
                        nation, "not_collected", _not_collected_sentence(topic, nation, in_topic)
                    )
                )
            continue
        wanted = (chosen or {}).get(nation)
        picked = next((c for c in candidates if c[0].id == wanted), candidates[0])
        indicator, local, layer = picked
        period = order_periods(local)[-1]
        latest = local[local["period"] == period].sort_values("area_code")
        values = latest[
            ["area_code", "area_name", "value", "lower_ci95", "upper_ci95", "source_id"]
        ].reset_index(drop=True)
        geography = TRUST_GEOGRAPHY if layer == TRUSTS_LAYER else AREA_GEOGRAPHY[nation]
        choices = tuple(c[0] for c in candidates)
        others = tuple(o for o in choices if o.id != indicator.id)
        measures.append(
            TopicMeasure(
                nation=nation,
                indicator=indicator,
                period=period,
                layer=layer,
                geography=geography,
                values=values,
                low=float(values["value"].min()),
                high=float(values["value"].max()),
                label=_measure_label(
                    nation,
                    indicator,
                    period=period,
                    geography=geography,
                    count=len(values),
                    others=others,
                ),
                caption=caption_for(
                    indicator.id,
                    period=period,
                    sources=sources,
                    source_ids=values["source_id"].tolist(),
                ),
                others=others,
                choices=choices,
            )
        )
    periods = [f"{m.nation} {m.period}" for m in measures]
    periods_note = (
        f"Periods differ by nation: {join_words(periods)}. {PERIOD_POLICY}"
        if len({m.period for m in measures}) > 1
        else f"{PERIOD_POLICY} " + (f"All are for {measures[0].period}." if measures else "")
    ).strip()
    return TopicMapView(
        topic_id=topic_id,
        topic=topic,
        title=f"{topic_label(topic_id)}: each nation's own measure",
        measures=tuple(measures),
        gaps=tuple(gaps),
        comparability=_comparability_sentences(measures),
        periods_note=periods_note,
        unpainted=_unpainted(areas, measures, gaps),
        table=_table(measures, sources),
    )


def _unpainted(
    areas: pd.DataFrame, measures: list[TopicMeasure], gaps: list[NationGap]
) -> pd.DataFrame:
    map_areas = areas[areas["in_map"]].sort_values("area_code")
    parts = []
    for gap in gaps:
        nation_areas = map_areas[map_areas["nation"] == gap.nation]
        parts.append(
            nation_areas[["area_code", "area_name", "nation"]].assign(
                reason="not_published", label=gap.label
            )
        )
    for measure in measures:
        if measure.layer != AREAS_LAYER:
            continue
        nation_areas = map_areas[map_areas["nation"] == measure.nation]
        without = nation_areas[~nation_areas["area_code"].isin(measure.values["area_code"])]
        parts.append(
            without[["area_code", "area_name", "nation"]].assign(
                reason="no_figure",
                label=f"{NO_FIGURE}: {measure.indicator.short_title}, {measure.period}",
            )
        )
    columns = ["area_code", "area_name", "nation", "reason", "label"]
    if not parts:
        return pd.DataFrame(columns=columns)
    return pd.concat(parts, ignore_index=True)[columns]


def _table(measures: list[TopicMeasure], sources: pd.DataFrame) -> pd.DataFrame:
    """Every area drawn, with its measure, period, source and licence."""
    records = []
    for measure in measures:
        indicator = measure.indicator
        for row in measure.values.itertuples(index=False):
            source = sources.loc[row.source_id] if row.source_id in sources.index else None
            records.append(
                {
                    "Nation": measure.nation,
                    "Area code": row.area_code,
                    "Area": row.area_name,
                    "Geography": measure.geography,
                    "Measure": indicator.title,
                    "Value": round(float(row.value), indicator.decimals),
                    "Unit": indicator.unit,
                    "Period": measure.period,
                    "Derivation": indicator.derivation or "As published",
                    "Source": source["title"] if source is not None else indicator.source_url,
                    "Publisher": indicator.publisher,
                    "Licence": (
                        source["licence"]
                        if source is not None and source.get("licence")
                        else indicator.licence
                    ),
                }
            )
    return pd.DataFrame.from_records(records, columns=list(TABLE_COLUMNS))


# --------------------------------------------------------------------------- figure
#: ColorBrewer single-hue sequential palettes, light to dark (5 classes). Each nation's measure
#: has its own hue as well as its own colour bar, so that the map itself says that a shade in
#: one nation is not the same as a shade in another.
NATION_PALETTES: dict[str, tuple[str, ...]] = {
    "England": ("#dadaeb", "#bcbddc", "#9e9ac8", "#756bb1", "#54278f"),  # Purples
    "Wales": ("#c7e9c0", "#a1d99b", "#74c476", "#31a354", "#006d2c"),  # Greens
    "Scotland": BLUES,
    "Northern Ireland": ("#fdd0a2", "#fdae6b", "#fd8d3c", "#e6550d", "#a63603"),  # Oranges
}


def colour_scale(indicator: Indicator, nation: str) -> list[list]:
    """The nation's palette (:data:`NATION_PALETTES`), darker for better (darker for higher
    where neither is better)."""
    palette = list(NATION_PALETTES.get(nation, BLUES))
    if indicator.polarity == "lower_is_better":
        palette = palette[::-1]
    step = 1 / (len(palette) - 1)
    return [[round(i * step, 4), colour] for i, colour in enumerate(palette)]


def _hover(row, measure: TopicMeasure) -> str:
    indicator = measure.indicator
    return "<br>".join(
        [
            f"<b>{_esc(row.area_name)}</b> ({_esc(row.area_code)})",
            _esc(f"{format_value(row.value, indicator)}, {measure.period}"),
            _esc(f"{measure.nation}: {indicator.short_title}"),
        ]
    )


def _wrapped(text: str, width: int = 46) -> str:
    return "<br>".join(_esc(line) for line in textwrap.wrap(text, width))


#: Layout of the figure, in pixels: the map, then one colour bar block per measure, then the
#: legend of nations without local figures.
MAP_HEIGHT = 640
TEXT_COLOUR = "#31333f"
TITLE_HEIGHT = 50
BAR_THICKNESS = 14
LINE_HEIGHT = 19
GAP_LEGEND_HEIGHT = 40
LEGEND_ROW = 26


def _bar_block(lines: int) -> int:
    """Pixels one colour bar takes: its title lines, the bar, its tick labels and a gap."""
    return LINE_HEIGHT * lines + BAR_THICKNESS + 56


def figure_for_topic_map(
    view: TopicMapView,
    *,
    area_boundaries: dict | str,
    trust_boundaries: dict | str,
) -> go.Figure:
    """One SVG ``geo`` map of the UK: each nation's own measure on its own colour axis.

    Args:
        view: from :func:`topic_map_view`.
        area_boundaries: the map areas' GeoJSON (or the URL it is served at).
        trust_boundaries: the HSC trusts' GeoJSON (or its URL).

    Returns:
        The figure: per measure one choropleth trace whose ``coloraxis`` is its own (colour
        bar titled with the nation, measure, unit and period); per nation without local
        figures one grey choropleth trace plus a legend entry naming why.
    """
    figure = go.Figure()
    bar_blocks = []
    for measure in view.measures:
        title = _wrapped(measure.legend_title)
        bar_blocks.append((measure, title, title.count("<br>") + 1))
    bars_height = sum(_bar_block(lines) for _, _, lines in bar_blocks)
    entries = len(view.gaps) + int((view.unpainted["reason"] == "no_figure").any())
    gap_height = GAP_LEGEND_HEIGHT + LEGEND_ROW * entries if entries else 0
    height = TITLE_HEIGHT + MAP_HEIGHT + bars_height + gap_height
    layout: dict = {
        "height": height,
        "margin": {"l": 0, "r": 0, "t": TITLE_HEIGHT, "b": 10},
        "title": {"text": _esc(view.title), "x": 0.01},
        "font": FONT,
        "dragmode": False,
        "geo": {
            "visible": False,
            "scope": GEO_SCOPE,
            "resolution": GEO_RESOLUTION,
            "projection": {"type": "mercator"},
            "bgcolor": "rgba(0,0,0,0)",
            "fitbounds": "locations",
            "domain": {"x": [0, 1], "y": [1 - MAP_HEIGHT / (height - TITLE_HEIGHT - 10), 1]},
        },
        "legend": {
            "orientation": "h",
            "yanchor": "bottom",
            "y": 0,
            "x": 0,
            "xanchor": "left",
            "title": {"text": "No local figures:", "font": {"color": TEXT_COLOUR}},
            "font": {"color": TEXT_COLOUR},
        },
    }
    plot_height = height - TITLE_HEIGHT - 10
    top = plot_height - MAP_HEIGHT  # pixels from the plot bottom to the map's foot
    for number, (measure, title, lines) in enumerate(bar_blocks, start=1):
        axis = "coloraxis" if number == 1 else f"coloraxis{number}"
        low, high = measure.low, measure.high
        if high == low:  # one value: a scale around it, so the colour is defined
            low, high = low - 0.5, high + 0.5
        block = _bar_block(lines)
        layout[axis] = {
            "cmin": low,
            "cmax": high,
            "colorscale": colour_scale(measure.indicator, measure.nation),
            "colorbar": {
                "title": {"text": title, "side": "top", "font": {"color": TEXT_COLOUR}},
                "tickfont": {"color": TEXT_COLOUR},
                "orientation": "h",
                "x": 0,
                "xanchor": "left",
                "len": 0.9,
                "lenmode": "fraction",
                "y": top / plot_height,
                "yanchor": "top",
                "thickness": BAR_THICKNESS,
                "ticks": "outside",
            },
        }
        top -= block
        figure.add_trace(
            go.Choropleth(
                geojson=trust_boundaries if measure.layer == TRUSTS_LAYER else area_boundaries,
                featureidkey="id",
                locations=measure.values["area_code"].tolist(),
                z=measure.values["value"].astype(float).tolist(),
                coloraxis=axis,
                marker={"line": {"color": OUTLINE, "width": 0.5}},
                hovertext=[_hover(row, measure) for row in measure.values.itertuples()],
                hoverinfo="text",
                name=_esc(f"{measure.nation}: {measure.indicator.short_title}"),
                showlegend=False,
                selected={"marker": {"opacity": 1}},
                unselected={"marker": {"opacity": 1}},
            )
        )
    for reason, colour in (("no_figure", NO_VALUE_GREY), ("not_published", NOT_PUBLISHED_GREY)):
        grey = view.unpainted[view.unpainted["reason"] == reason]
        if not grey.empty:
            figure.add_trace(_grey_trace(area_boundaries, grey, colour))
    if (view.unpainted["reason"] == "no_figure").any():
        figure.add_trace(_legend_entry(NO_FIGURE, NO_VALUE_GREY))
    for gap in view.gaps:
        short = "national figures only" if gap.kind == "national_only" else "not in this dashboard"
        figure.add_trace(_legend_entry(f"{gap.nation}: {short}", NOT_PUBLISHED_GREY))
    layout["legend"]["y"] = max(top, 0) / plot_height
    layout["legend"]["yanchor"] = "top"
    figure.update_layout(**layout)
    return figure


def _legend_entry(name: str, colour: str) -> go.Scattergeo:
    return go.Scattergeo(
        lat=[None],
        lon=[None],
        mode="markers",
        marker={
            "size": 14,
            "color": colour,
            "symbol": "square",
            "line": {"width": 1, "color": "#636363"},
        },
        name=_esc(name),
        showlegend=True,
        hoverinfo="skip",
    )


def _grey_trace(boundaries: dict | str, grey: pd.DataFrame, colour: str) -> go.Choropleth:
    return go.Choropleth(
        geojson=boundaries,
        featureidkey="id",
        locations=grey["area_code"].tolist(),
        z=[0.0] * len(grey),
        colorscale=[[0, colour], [1, colour]],
        showscale=False,
        marker={"line": {"color": OUTLINE, "width": 0.5}},
        hovertext=[
            f"<b>{_esc(row.area_name)}</b> ({_esc(row.area_code)})<br>{_wrapped(row.label, 60)}"
            for row in grey.itertuples()
        ],
        hoverinfo="text",
        name="No local figures",
        showlegend=False,
        selected={"marker": {"opacity": 1}},
        unselected={"marker": {"opacity": 1}},
    )
