"""Slide decks: a list of slide specs that fits in a link, and what each slide shows.

A deck is written into the URL as plain ids, never pickled::

    teams~map.eyfsp_gld.2023/24~peers.eyfsp_gld.2023/24.E09000002~nations.eyfsp_gld

Slides are separated by ``~`` and fields by ``.`` (neither occurs in an id or a period);
a space in a period is written ``_``. :func:`parse_deck` checks every field and says in
plain words what it could not use.
"""

from __future__ import annotations

import html
import re
import textwrap
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd
import plotly.graph_objects as go

from indicators import compare, figures, nations, paths, views
from indicators.catalogue import ATTRIBUTION, CATALOGUE, get_indicator
from indicators.errors import IndicatorsError, SourceFormatError
from indicators.state import Selection

#: Slide kinds and the fields each takes after its kind.
KINDS: dict[str, str] = {
    "teams": "Headline number: specialised parent-infant teams in the UK",
    "fact": "Headline fact card",
    "map": "UK map of an indicator",
    "peers": "An area against its statistical neighbours",
    "nations": "Four-nations comparison",
}
NATION_CODES = {
    "uk": "United Kingdom",
    "eng": "England",
    "wal": "Wales",
    "sco": "Scotland",
    "ni": "Northern Ireland",
}
MAX_SLIDES = 20
MAX_LENGTH = 1000
_ID = re.compile(r"^[a-z][a-z0-9_]{0,80}$")
_PERIOD = re.compile(r"^[0-9][0-9A-Za-z/ –-]{0,30}$")
_AREA = re.compile(r"^[EWSNK][0-9]{8}$")
_FIELDS = {
    "teams": ((), ()),
    "fact": (("fact",), ("period",)),
    "map": (("indicator", "period"), ("nation",)),
    "peers": (("indicator", "period", "area"), ()),
    "nations": (("indicator",), ()),
}
NGO_LICENCE = (
    "Figures as published by the organisation named, quoted with attribution "
    "(not under the Open Government Licence)."
)
PARLIAMENT_LICENCE = (
    "Contains Parliamentary information licensed under the Open Parliament Licence v3.0."
)


class DeckError(IndicatorsError):
    """A deck link that cannot be read at all (too long, too many slides)."""


@dataclass(frozen=True)
class Slide:
    """One slide as plain ids (what goes in the link)."""

    kind: str
    indicator: str = ""
    period: str = ""
    area: str = ""
    nation: str = "uk"
    fact: str = ""

    def token(self) -> str:
        period = self.period.replace(" ", "_")
        if self.kind == "teams":
            parts = ["teams"]
        elif self.kind == "fact":
            parts = ["fact", self.fact, period] if period else ["fact", self.fact]
        elif self.kind == "map":
            parts = ["map", self.indicator, period]
            if self.nation != "uk":
                parts.append(self.nation)
        elif self.kind == "peers":
            parts = ["peers", self.indicator, period, self.area]
        else:
            parts = ["nations", self.indicator]
        return ".".join(parts)


def deck_to_param(slides: Sequence[Slide]) -> str:
    """The deck as a short URL-safe string (see the module docstring)."""
    return "~".join(slide.token() for slide in slides)


def _parse_slide(token: str, number: int) -> Slide:
    parts = token.split(".")
    kind = parts[0]
    if kind not in KINDS:
        raise ValueError(
            f"slide {number}: unknown kind “{_shown(kind)}” (use one of {', '.join(KINDS)})"
        )
    required, optional = _FIELDS[kind]
    values = parts[1:]
    if not len(required) <= len(values) <= len(required) + len(optional):
        names = ", ".join(required + tuple(f"[{o}]" for o in optional)) or "nothing"
        raise ValueError(f"slide {number} ({kind}) takes {names} after its kind")
    named = dict(zip(required + optional, values, strict=False))
    if "period" in named:
        named["period"] = named["period"].replace("_", " ")
        if not _PERIOD.match(named["period"]):
            raise ValueError(f"slide {number}: “{_shown(named['period'])}” is not a period")
    if "indicator" in named and (
        not _ID.match(named["indicator"]) or named["indicator"] not in CATALOGUE
    ):
        raise ValueError(f"slide {number}: unknown indicator “{_shown(named['indicator'])}”")
    if "fact" in named and not _ID.match(named["fact"]):
        raise ValueError(f"slide {number}: “{_shown(named['fact'])}” is not a fact id")
    if "area" in named and not _AREA.match(named["area"]):
        raise ValueError(f"slide {number}: “{_shown(named['area'])}” is not an area code")
    if "nation" in named and named["nation"] not in NATION_CODES:
        raise ValueError(
            f"slide {number}: unknown nation “{_shown(named['nation'])}” "
            f"(use one of {', '.join(NATION_CODES)})"
        )
    return Slide(kind=kind, **named)


def _shown(text: str) -> str:
    cleaned = re.sub(r"[^\w /().,–-]", "", text)[:40]
    return cleaned if cleaned == text else f"{cleaned}…"


def parse_deck(text: str | None) -> tuple[list[Slide], list[str]]:
    """Read a deck link: the slides it could use, and one plain note per slide it could not.

    Raises:
        DeckError: when the text is longer than :data:`MAX_LENGTH` or has more than
            :data:`MAX_SLIDES` slides (nothing of it is used).
    """
    if not text:
        return [], []
    if len(text) > MAX_LENGTH:
        raise DeckError(
            f"The deck in the link is too long ({len(text)} characters; at most {MAX_LENGTH})."
        )
    tokens = [t for t in text.split("~") if t]
    if len(tokens) > MAX_SLIDES:
        raise DeckError(
            f"The deck in the link has {len(tokens)} slides; at most {MAX_SLIDES} can be shown."
        )
    slides, notes = [], []
    for number, token in enumerate(tokens, start=1):
        try:
            slides.append(_parse_slide(token, number))
        except ValueError as error:
            notes.append(f"Left out {error}.")
    return slides, notes


def nation_code(nation: str) -> str:
    return next((code for code, name in NATION_CODES.items() if name == nation), "uk")


def slide_from_selection(kind: str, selection: Selection) -> Slide:
    """The slide of ``kind`` that shows the current selection."""
    if kind == "map":
        return Slide(
            "map", selection.indicator, selection.period or "", nation=nation_code(selection.nation)
        )
    if kind == "peers":
        return Slide(
            "peers", selection.indicator, selection.period or "", area=selection.area or ""
        )
    if kind == "nations":
        return Slide("nations", selection.indicator)
    return Slide("teams")


def default_deck(selection: Selection) -> list[Slide]:
    """The starting deck: the headline number, the map, the area (if chosen), four nations."""
    slides = [Slide("teams"), slide_from_selection("map", selection)]
    if selection.area:
        slides.append(slide_from_selection("peers", selection))
    slides.append(slide_from_selection("nations", selection))
    return slides


def move(slides: Sequence[Slide], index: int, step: int) -> list[Slide]:
    """The deck with slide ``index`` moved ``step`` places (kept inside the deck)."""
    moved = list(slides)
    target = min(max(index + step, 0), len(moved) - 1)
    moved.insert(target, moved.pop(index))
    return moved


# --------------------------------------------------------------------------- team counts
def read_team_counts(path: str | Path = paths.DATA_DIR / paths.TEAM_COUNTS_FILE) -> pd.DataFrame:
    """The stated UK counts of specialised parent-infant teams, as published."""
    try:
        counts = pd.read_csv(path, dtype=str, keep_default_na=False)
    except (OSError, pd.errors.ParserError) as error:
        raise SourceFormatError(path, f"cannot read team counts: {error}") from error
    missing = {"as_at", "count", "scope", "statement", "source_url"} - set(counts.columns)
    if missing:
        raise SourceFormatError(path, f"missing columns {', '.join(sorted(missing))}")
    return counts


_MONTHS = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
]


def _month_year(as_at: str) -> str:
    year, _, month = as_at.partition("-")
    return f"{_MONTHS[int(month) - 1]} {year}" if month else year


@dataclass(frozen=True)
class Headline:
    number: str
    sentence: str
    source: str
    period: str
    licence: str
    link: str = ""
    figure: go.Figure | None = None


def teams_headline(counts: pd.DataFrame) -> Headline:
    """“27 specialised parent-infant teams in the UK in 2019; 51 by December 2025”: the first
    and the latest plain UK count with a dated month, from the published statements."""
    dated = counts[
        (counts["scope"] == "UK")
        & counts["count"].str.fullmatch(r"\d+")
        & counts["as_at"].str.fullmatch(r"\d{4}-\d{2}")
    ].sort_values("as_at", kind="stable")
    if dated.empty:
        raise IndicatorsError("The team counts have no dated UK figure.")
    first, last = dated.iloc[0], dated.iloc[-1]
    sentence = (
        f"{first['count']} specialised parent-infant teams in the UK in {first['as_at'][:4]}; "
        f"{last['count']} by {_month_year(last['as_at'])}"
    )
    trend = figures.figure_for_counts(
        pd.DataFrame(
            {
                "period": [_month_year(a) for a in dated["as_at"]],
                "value": dated["count"].astype(int),
            }
        ),
        title="Specialised parent-infant relationship teams in the UK",
        y_title="Teams",
    )
    return Headline(
        number=last["count"],
        sentence=sentence,
        source=f"{first['statement']}, {first['source_url']}; {last['statement']}, {last['source_url']}",
        period=f"{_month_year(first['as_at'])} to {_month_year(last['as_at'])}",
        licence=NGO_LICENCE,
        link=last["source_url"],
        figure=trend,
    )


# --------------------------------------------------------------------------- fact cards
def fact_options(facts: pd.DataFrame) -> list[tuple[str, str]]:
    """(fact id, period) of every headline fact with a number, in file order."""
    shown = facts[facts["value"].notna()]
    return list(zip(shown["indicator"], shown["period"], strict=True))


def _licence_for(source_type: str) -> str:
    if source_type == "official_parliamentary_answer":
        return PARLIAMENT_LICENCE
    if source_type == "official":
        return ATTRIBUTION
    return NGO_LICENCE


def fact_card(facts: pd.DataFrame, fact: str, period: str = "") -> Headline:
    """A headline fact: the number in large type, the exact words, source and date.

    Raises:
        IndicatorsError: when no fact with that id (and period) has a number.
    """
    rows = facts[(facts["indicator"] == fact) & facts["value"].notna()]
    if period:
        rows = rows[rows["period"] == period]
    if rows.empty:
        raise IndicatorsError(
            f"No headline fact “{_shown(fact)}” {('for ' + _shown(period)) if period else ''} in the bundled data.".replace(
                "  ", " "
            )
        )
    row = rows.iloc[-1]
    unit = row["unit"]
    number = f"{row['value']:,.1f}".rstrip("0").rstrip(".")
    number = (
        f"{number}%"
        if unit == "%"
        else (f"{number} {unit}" if unit not in ("count", "") else number)
    )
    published = f", published {row['published']}" if row["published"] else ""
    return Headline(
        number=number,
        sentence=f"“{row['quote']}” ({row['area_name']}, {row['period']})",
        source=f"{row['source_title']}{published}, {row['source_url']}",
        period=row["period"],
        licence=_licence_for(row["source_type"]),
        link=row["source_url"],
    )


# --------------------------------------------------------------------------- chart slides
@dataclass(frozen=True)
class SlideView:
    """What one slide shows; a page renders it and an export draws it."""

    title: str
    source: str
    period: str
    licence: str
    number: str = ""
    sentence: str = ""
    figure: go.Figure | None = None
    problem: str = ""
    notes: tuple[str, ...] = field(default=())

    @property
    def footer(self) -> str:
        return f"Source: {self.source}. Period: {self.period}. {self.licence}"


def _cited(indicator_id: str, source_ids: Sequence[str], sources: pd.DataFrame) -> str:
    indicator = get_indicator(indicator_id)
    cited = [
        f"{sources.loc[s, 'title']} ({sources.loc[s, 'publisher']}), {sources.loc[s, 'url']}"
        for s in sorted(set(source_ids))
        if s and s in sources.index
    ]
    return "; ".join(cited) if cited else f"{indicator.publisher}, {indicator.source_url}"


def _nations_slide(indicator, indicators: pd.DataFrame, sources: pd.DataFrame) -> SlideView:
    """The four nations at the indicator's stage: each nation's own measure, national figure,
    trend and spread, side by side on their own scales (the four nations page's row)."""
    stage = nations.stage_of(indicator)
    row = {  # only the indicator's own row when it has one (a fraction of the whole grid)
        key: other
        for key, other in CATALOGUE.items()
        if stage is not None and nations.stage_of(other) == stage and other.topic == indicator.topic
    }
    grid = nations.four_nations_grid(indicators, catalogue=row or None)
    stage, topic, note = nations.row_for(grid, indicator)
    cells = grid.cells[(grid.cells["stage"] == stage) & (grid.cells["topic"] == topic)]
    measured = cells[cells["status"] == "measured"]
    title = f"Four nations at {stage}: {topic}"
    periods = [
        p
        for p in (*measured["national_period"], *measured["spread_period"])
        if isinstance(p, str) and p
    ]
    cited = [
        _cited(row.indicator_id, [s for s in row.source_ids.split("|") if s], sources)
        for row in measured.itertuples(index=False)
    ]
    return SlideView(
        title=title,
        figure=nations.figure_for_row(grid, stage, topic, title=title),
        source="; ".join(dict.fromkeys(cited)),
        period=", ".join(dict.fromkeys(periods)),
        licence=ATTRIBUTION,
        sentence=note
        + "Each nation on its own measure and scale: read side by side, never as a ranking.",
    )


def card_figure(number: str, sentence: str) -> go.Figure:
    """A headline number card as a figure, so that it exports like any chart."""
    wrapped = "<br>".join(textwrap.wrap(sentence, width=60))
    figure = go.Figure()
    figure.add_annotation(
        text=f"<b>{html.escape(number)}</b>",
        x=0.5,
        y=0.68,
        xref="paper",
        yref="paper",
        showarrow=False,
        font={"size": 190, "color": "#08519c"},
    )
    figure.add_annotation(
        text=html.escape(wrapped).replace("&lt;br&gt;", "<br>"),
        x=0.5,
        y=0.22,
        xref="paper",
        yref="paper",
        showarrow=False,
        font={"size": 36, "color": "#111111"},
    )
    figure.update_layout(
        xaxis={"visible": False}, yaxis={"visible": False}, plot_bgcolor="#ffffff", showlegend=False
    )
    return figure


def export_figure(view: SlideView) -> go.Figure | None:
    """The picture of a slide for images and decks: its chart, or its number as a card."""
    if view.problem:
        return None
    if view.number:
        return card_figure(view.number, view.sentence)
    return view.figure


def slide_view(
    slide: Slide,
    *,
    indicators: pd.DataFrame,
    areas: pd.DataFrame,
    neighbours: pd.DataFrame,
    sources: pd.DataFrame,
    facts: pd.DataFrame,
    team_counts: pd.DataFrame,
    boundaries: dict | str,
) -> SlideView:
    """What ``slide`` shows, drawn from the tidy tables (never raises for missing data: the
    slide then says what is missing in ``problem``)."""
    try:
        return _slide_view(
            slide,
            indicators=indicators,
            areas=areas,
            neighbours=neighbours,
            sources=sources,
            facts=facts,
            team_counts=team_counts,
            boundaries=boundaries,
        )
    except IndicatorsError as error:
        return SlideView(
            title=KINDS[slide.kind], source="", period="", licence="", problem=str(error)
        )


def _slide_view(
    slide: Slide, *, indicators, areas, neighbours, sources, facts, team_counts, boundaries
) -> SlideView:
    if slide.kind == "teams":
        headline = teams_headline(team_counts)
        return SlideView(
            title="Specialised parent-infant teams in the UK",
            number=headline.number,
            sentence=headline.sentence,
            source=headline.source,
            period=headline.period,
            licence=headline.licence,
            figure=headline.figure,
        )
    if slide.kind == "fact":
        card = fact_card(facts, slide.fact, slide.period)
        topic = facts.loc[facts["indicator"] == slide.fact, "topic"].iloc[0]
        return SlideView(
            title=topic,
            number=card.number,
            sentence=card.sentence,
            source=card.source,
            period=card.period,
            licence=card.licence,
        )
    indicator = get_indicator(slide.indicator)
    rows = indicators[indicators["indicator_id"] == indicator.id]
    if slide.kind == "nations":
        return _nations_slide(indicator, indicators, sources)
    if slide.period not in set(rows["period"]):
        raise IndicatorsError(
            f"No figures for {indicator.short_title.lower()} in {_shown(slide.period)} in the bundled data."
        )
    nation = NATION_CODES[slide.nation]
    if slide.kind == "map":
        selection = Selection(indicator=indicator.id, period=slide.period, nation=nation)
        table = views.map_view(indicators, areas, neighbours, selection, confidence="95")
        return SlideView(
            title=f"{indicator.title}, {slide.period}",
            figure=figures.figure_for_map(
                table, boundaries, indicator_id=indicator.id, period=slide.period, nation=nation
            ),
            source=_cited(indicator.id, table["source_id"].tolist(), sources),
            period=slide.period,
            licence=f"{ATTRIBUTION} Boundaries: Office for National Statistics (OGL v3.0), © Crown copyright and database right.",
        )
    # peers: the area, its statistical neighbours (DfE 2025 model) and the benchmark line
    known = areas[areas["area_code"] == slide.area]
    if known.empty:
        raise IndicatorsError(f"Unknown area {slide.area}.")
    area_name = known["area_name"].iloc[0]
    selection = Selection(
        indicator=indicator.id, period=slide.period, area=slide.area, benchmark="peers_2025"
    )
    table = views.compare_view(indicators, areas, neighbours, selection, confidence="95")
    shown = table[table["selected"] | table["peer"]]
    if shown.empty or shown["value"].notna().sum() == 0:
        raise IndicatorsError(f"No figure for {area_name} in {slide.period}.")
    if not shown["peer"].any():
        # no DfE neighbours (outside England): show the area among its nation's areas
        shown = table
    england = rows[
        (rows["area_code"] == "E92000001")
        & (rows["period"] == slide.period)
        & (rows["breakdown"] == "all")
    ]
    benchmark = (
        float(england["value"].iloc[0])
        if not england.empty and pd.notna(england["value"].iloc[0])
        else None
    )
    return SlideView(
        title=f"{area_name} and its statistical neighbours: {indicator.short_title}, {slide.period}",
        figure=figures.figure_for_bars(
            shown,
            indicator_id=indicator.id,
            period=slide.period,
            benchmark_value=benchmark,
            benchmark_label="England",
        ),
        source=_cited(indicator.id, shown["source_id"].tolist(), sources),
        period=slide.period,
        licence=ATTRIBUTION,
        sentence=(
            f"▶ {area_name}; ◆ its {compare.BENCHMARK_KINDS['peers_2025'].lower()}; "
            "dashed line: England."
        ),
    )
