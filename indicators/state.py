"""The shared selection held in the URL: parsing, validation and fallbacks.

Plain strings only (ids and GSS codes); nothing is ever unpickled from a URL. An unknown or
stale value falls back to a default and produces a note for the reader, never an error.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

from indicators.catalogue import CATALOGUE, RENAMED_INDICATORS
from indicators.compare import BENCHMARK_KINDS

DEFAULT_INDICATOR = "eyfsp_gld"
DEFAULT_BENCHMARK = "england"
NATION_FILTERS = ("United Kingdom", "England", "Wales", "Scotland", "Northern Ireland")
MAX_PARAM_LENGTH = 200
#: URL keys of the shared selection.
KEYS = ("indicator", "period", "nation", "area", "benchmark", "group")


@dataclass(frozen=True)
class Selection:
    """What every page shows: one indicator, period, nation filter, area and benchmark."""

    indicator: str = DEFAULT_INDICATOR
    period: str | None = None
    nation: str = "United Kingdom"
    area: str | None = None
    benchmark: str = DEFAULT_BENCHMARK
    group: str = "all"
    notes: tuple[str, ...] = field(default=())

    def as_params(self) -> dict[str, str]:
        """The selection as URL parameters (defaults left out to keep links short)."""
        params = {"indicator": self.indicator}
        if self.period:
            params["period"] = self.period
        if self.nation != "United Kingdom":
            params["nation"] = self.nation
        if self.area:
            params["area"] = self.area
        if self.benchmark != DEFAULT_BENCHMARK:
            params["benchmark"] = self.benchmark
        if self.group != "all":
            params["group"] = self.group
        return params


def shown(value: str) -> str:
    """A URL value to quote back in a note: one line, at most 60 characters, no control or
    format characters. It is quoted as it is (the page escapes it, see ``indicators.text``)."""
    one_line = " ".join(
        "".join(c for c in str(value) if unicodedata.category(c)[0] != "C" or c.isspace()).split()
    )
    text = one_line[:60]
    return text if text == str(value) else f"{text}…"


def _match(value: str | None, allowed: Sequence[str]) -> str | None:
    """``value`` as spelled in ``allowed``: exactly, else ignoring case when that picks one."""
    if value is None or value in allowed:
        return value
    folded = [choice for choice in allowed if choice.casefold() == value.casefold()]
    return folded[0] if len(folded) == 1 else value


def tidy_query(params: Mapping[str, Sequence[str]], *, known: Sequence[str]) -> dict[str, str]:
    """The address-bar parameters to keep: known keys only, each with one value (the last,
    which is the one :func:`resolve` reads). ``params`` maps each key to all its values."""
    return {key: values[-1] for key, values in params.items() if key in known and len(values)}


def _first(value: str | Sequence[str] | None) -> str | None:
    if value is None:
        return None
    if not isinstance(value, str):
        value = value[-1] if len(value) else ""
    value = value.strip()
    return value[:MAX_PARAM_LENGTH] if value else None


def resolve(
    params: Mapping[str, str | Sequence[str]],
    *,
    periods_of: Mapping[str, Sequence[str]],
    area_names: Mapping[str, str],
    groups_of: Mapping[str, Sequence[str]],
    default_period_of: Mapping[str, str] | None = None,
) -> Selection:
    """Turn URL parameters into a valid :class:`Selection`, noting every fallback.

    Args:
        params: the query parameters (``st.query_params``, or a dict in tests).
        periods_of: indicator id -> its periods, oldest first (the latest is the default).
        area_names: GSS code -> name of every area a user may pick.
        groups_of: indicator id -> its breakdowns (``all`` first).
        default_period_of: indicator id -> the period to show when none is asked for
            (defaults to the latest).

    Returns:
        The selection, with ``notes`` saying what was ignored and what was used instead.
    """
    notes: list[str] = []
    raw = {key: _first(params.get(key)) for key in KEYS}

    indicator = raw["indicator"] or DEFAULT_INDICATOR
    indicator = RENAMED_INDICATORS.get(indicator, indicator)  # old links keep working
    indicator = _match(indicator, list(CATALOGUE))
    if indicator not in CATALOGUE:
        notes.append(
            f"The link asked for an indicator this dashboard does not have ({shown(indicator)}); "
            f"showing {CATALOGUE[DEFAULT_INDICATOR].short_title} instead."
        )
        indicator = DEFAULT_INDICATOR

    periods = list(periods_of.get(indicator, ()))
    fallback = (default_period_of or {}).get(indicator) or (periods[-1] if periods else None)
    period = _match(raw["period"], periods)
    if period is not None and period not in periods:
        notes.append(
            f"{CATALOGUE[indicator].short_title} has no data for the period in the link "
            f"({shown(period)}); showing {fallback or 'the latest period'} instead."
        )
        period = None
    if period is None:
        period = fallback

    nation = _match(raw["nation"], NATION_FILTERS) or "United Kingdom"
    if nation not in NATION_FILTERS:
        notes.append(f"Unknown nation in the link ({shown(nation)}); showing the whole UK.")
        nation = "United Kingdom"

    area = raw["area"]
    if area is not None and area.upper() in area_names:
        area = area.upper()
    elif area is not None:
        notes.append(f"No area has the code in the link ({shown(area)}); no area is selected.")
        area = None

    benchmark = _match(raw["benchmark"], list(BENCHMARK_KINDS)) or DEFAULT_BENCHMARK
    if benchmark not in BENCHMARK_KINDS:
        notes.append(f"Unknown benchmark in the link ({shown(benchmark)}); comparing with England.")
        benchmark = DEFAULT_BENCHMARK

    groups = list(groups_of.get(indicator, ("all",)))
    group = _match(raw["group"], groups) or "all"
    if group not in groups:
        notes.append(
            f"{CATALOGUE[indicator].short_title} has no breakdown called {shown(group)}; showing all children."
        )
        group = "all"

    return Selection(indicator, period, nation, area, benchmark, group, tuple(notes))
