"""Plain-English sentences from a small grammar, so no combination reads wrongly.

Every sentence the pages print about a value is built here from parts that agree with each
other: a value clause chosen by the indicator's unit (percentage, count, rate or yes/no flag),
comparison clauses named by the kind of benchmark, a rank clause whose noun agrees with its
number, and a separate sentence for each comparison that could not be made. Nothing here
imports the comparison engine; it takes the engine's results as plain attributes.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Protocol

from indicators.catalogue import Indicator
from indicators.schema import STATUSES, STATUSES_WITH_VALUE
from indicators.units import (
    PERCENT,
    YES_NO,
    format_number,
    format_value,
    is_count,
    is_missing,
    is_rate,
)

#: Areas ranked within each nation: singular and plural.
RANK_SCOPES = {
    "England": ("English local authority", "English local authorities"),
    "Wales": ("Welsh local authority", "Welsh local authorities"),
    "Scotland": ("Scottish council area", "Scottish council areas"),
    "Northern Ireland": (
        "Northern Ireland local government district",
        "Northern Ireland local government districts",
    ),
}
#: Why a benchmark of this kind may have no value for an area.
NEIGHBOURS_ENGLAND_ONLY = (
    "DfE statistical neighbours are a model of English local authorities only; "
    "choose “Nation” in “Compare with” to compare with the nation instead"
)


class Result(Protocol):
    """What a sentence needs from one comparison (the engine's ``BenchmarkResult``)."""

    outcome: str
    reason: str
    benchmark_label: str
    benchmark_value: float | None
    kind: str


#: A register snapshot is labelled with its date ("30 Jan 2026 (GIAS extract)").
_DATED = re.compile(r"^\d{1,2} [A-Z][a-z]{2,8} \d{4}\b")


def opening(period: str) -> str:
    """``In 2021/22, `` for a period; ``On 30 Jan 2026 (GIAS extract), `` for a dated snapshot."""
    return f"{'On' if _DATED.match(period) else 'In'} {period}, "


def plural(count: int, singular: str, plural_form: str) -> str:
    """``1 site``, ``2 sites``, ``0 sites``: the number with the noun that agrees with it."""
    return f"{count:,} {singular if count == 1 else plural_form}"


def map_table_label(areas: int, former: int) -> str:
    """The label of the map's table: ``Table: every area's figures (218 areas)``, with the
    areas since reorganised (listed in it, not drawn) when there are any."""
    label = f"Table: every area's figures ({plural(areas, 'area', 'areas')}"
    if former:
        label += f", and {plural(former, 'area', 'areas')} since reorganised"
    return label + ")"


def benchmark_name(kind: str, label: str) -> str:
    """How a benchmark is named in a sentence: ``England``, ``its region (North East)``,
    ``its statistical neighbours (2025 model)``, ``Scotland``."""
    if kind == "region" and label and label != "its region":
        return f"its region ({label})"
    return label or "the benchmark"


def benchmark_heading(kind: str, labels: Sequence[str]) -> str:
    """What a legend or table column says the areas were compared with.

    One benchmark for every area names it ("England"); one per area says so ("its own
    region", "its own nation"), and the row names which.
    """
    named = sorted({label for label in labels if label})
    if kind.startswith("peers"):
        return f"its own statistical neighbours (DfE {kind[-4:]} model)"
    if kind == "region":
        return "its own region"
    if len(named) == 1:
        return named[0]
    if kind == "nation":
        return "its own nation"
    return named[0] if named else "the benchmark"


def with_details(name: str, details: str) -> str:
    """``England (70.0%)``; ``its region (North East; 70.0%)`` (no doubled brackets)."""
    if not details:
        return name
    if name.endswith(")"):
        return f"{name[:-1]}; {details})"
    return f"{name} ({details})"


def relation_clause(result: Result, *, indicator: Indicator) -> str:
    """Words for one comparison that was made, e.g. "significantly higher (better) than
    England (65.2%)"; empty for a comparison that was not made (see :func:`not_compared`)."""
    if result.outcome == "not_compared":
        return ""
    name = with_details(
        benchmark_name(getattr(result, "kind", ""), result.benchmark_label),
        format_value(result.benchmark_value, indicator),
    )
    if result.outcome == "similar":
        return f"similar to {name}"
    if result.outcome in ("higher", "lower"):
        return f"significantly {result.outcome} than {name}"
    higher_is_better = indicator.polarity != "lower_is_better"
    better = result.outcome == "better"
    direction = "higher" if better == higher_is_better else "lower"
    return f"significantly {direction} ({result.outcome}) than {name}"


def not_compared_sentences(comparisons: Sequence[Result]) -> list[str]:
    """One sentence per reason, naming every benchmark it applies to ("Not compared with
    England or its region (North East): …")."""
    by_reason: dict[str, list[str]] = {}
    for result in comparisons:
        if result.outcome == "not_compared":
            name = benchmark_name(getattr(result, "kind", ""), result.benchmark_label)
            by_reason.setdefault(result.reason or "no reason recorded", []).append(name)
    return [
        f"Not compared with {' or '.join(names)}: {reason}." for reason, names in by_reason.items()
    ]


def not_compared(result: Result) -> str:
    """A sentence for a comparison that could not be made, with its reason."""
    name = benchmark_name(getattr(result, "kind", ""), result.benchmark_label)
    reason = result.reason or "no reason recorded"
    return f"Not compared with {name}: {reason}."


def value_clause(*, indicator: Indicator, area_name: str, period: str, value: float) -> str:
    """The opening clause, chosen by the indicator's unit."""
    start = opening(period)
    if indicator.unit == YES_NO:
        verb = "was" if value >= 0.5 else "was not"
        return start + indicator.summary_phrase.format(area=area_name, verb=verb)
    singular, plural_form = indicator.noun
    if is_count(indicator) and plural_form:
        count = round(value)
        if count == 0:
            return f"{start}{area_name} had no {plural_form}"
        return f"{start}{area_name} had {plural(count, singular, plural_form)}"
    if is_rate(indicator) and plural_form:
        number = format_number(value, indicator.decimals)
        return f"{start}{area_name} had {number} {plural_form} {indicator.unit}"
    return (
        f"{start}{format_value(value, indicator)} "
        f"{indicator.summary_phrase.format(area=area_name, verb='was')}"
    )


def rank_clause(
    *, indicator: Indicator, rank: int | None, n_ranked: int | None, nation: str, tied: bool
) -> str:
    """``ranked joint 3 of 150 English local authorities (1 = best)``; empty for yes/no flags
    (a flag has no order) and when there is no rank."""
    if indicator.unit == YES_NO or rank is None or not n_ranked:
        return ""
    singular, plural_form = RANK_SCOPES.get(nation, ("area", "areas"))
    order = "1 = highest" if indicator.polarity == "no_judgement" else "1 = best"
    joint = "joint " if tied else ""
    return f"ranked {joint}{rank:,} of {plural(int(n_ranked), singular, plural_form)} ({order})"


def missing_sentence(
    *, indicator: Indicator, area_name: str, period: str, status: str, nation: str = ""
) -> str:
    """What to say when an area has no value."""
    if status == "not_collected":
        where = nation or "this nation"
        instead = indicator.measured_instead.get(nation, "")
        return f"{indicator.short_title} is not collected in {where}." + (
            f" {instead}" if instead else ""
        )
    reason = STATUSES.get(status, "no value").lower() if status != "ok" else "no value"
    return f"{opening(period)}there is no figure for {area_name}: {reason}."


def summary_sentence(
    *,
    indicator: Indicator,
    area_name: str,
    period: str,
    value: float | None,
    status: str,
    comparisons: Sequence[Result] = (),
    rank: int | None = None,
    n_ranked: int | None = None,
    nation: str = "England",
    tied: bool = False,
    caution: str = "",
) -> str:
    """A plain-English summary built only from the engine's results.

    Differences are called significant only when the test found one; better/worse words
    follow the indicator's polarity. Comparisons that could not be made get their own
    sentence with the reason.
    """
    if status not in STATUSES_WITH_VALUE or is_missing(value):
        return missing_sentence(
            indicator=indicator, area_name=area_name, period=period, status=status, nation=nation
        )
    text = value_clause(indicator=indicator, area_name=area_name, period=period, value=value)
    # A yes/no flag has no order, so it is never higher, lower, better or worse.
    tested = () if indicator.unit == YES_NO else comparisons
    made = [c for c in (relation_clause(r, indicator=indicator) for r in tested) if c]
    if made:
        text += ", " + " and ".join(made)
    ranked = rank_clause(
        indicator=indicator, rank=rank, n_ranked=n_ranked, nation=nation, tied=tied
    )
    if ranked:
        text += f"; {ranked}"
    text += "."
    if indicator.unit == PERCENT:
        # Counts, rates and flags are not tested against a benchmark, so saying "not
        # compared" for them would suggest a test that could have been made.
        text += "".join(" " + s for s in not_compared_sentences(comparisons))
    if caution:
        text += f" {caution.rstrip('.')}."
    return text
