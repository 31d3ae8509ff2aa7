"""How values are written for a reader: one formatter, by the indicator's unit and decimals.

Tables, hover text, sentences, page headers and the comparison engine all write values through
these functions, so "0.12 per 1,000 under-5s" never turns into "0.1%" somewhere else.
"""

from __future__ import annotations

import math
from decimal import ROUND_HALF_UP, Decimal

from indicators.catalogue import Indicator

#: What a missing number shows as (a dash, as official tables print it; never "None").
MISSING = "–"
PERCENT = "%"
YES_NO = "yes/no"
#: Singular of the count units used in the catalogue.
_SINGULAR = {
    "centres": "centre",
    "sites": "site",
    "teams": "team",
    "hubs": "hub",
    "contacts": "contact",
    "children": "child",
}


def is_missing(value: object) -> bool:
    """True for None, NaN and pandas' NA."""
    if value is None:
        return True
    try:
        return bool(math.isnan(float(value)))  # type: ignore[arg-type]
    except (TypeError, ValueError):
        return True


def is_count(indicator: Indicator) -> bool:
    """A whole-number count of things (centres, sites), not a percentage, rate or flag."""
    return indicator.unit not in (PERCENT, YES_NO) and not indicator.unit.startswith("per ")


def is_rate(indicator: Indicator) -> bool:
    """A rate per so many people (e.g. per 1,000 under-5s)."""
    return indicator.unit.startswith("per ")


def format_number(value: object, decimals: int, *, missing: str = MISSING) -> str:
    """``1,234.5`` with a thousands separator and exactly ``decimals`` places; ``missing`` when
    there is no value."""
    if is_missing(value):
        return missing
    # Half away from zero, as official statistics round (Python's own format rounds a
    # binary half to even: 75.25 would print as 75.2).
    exact = Decimal(repr(float(value)))  # type: ignore[arg-type]
    rounded = exact.quantize(Decimal(1).scaleb(-decimals), rounding=ROUND_HALF_UP)
    return f"{rounded:,.{decimals}f}"


def format_value(value: object, indicator: Indicator, *, missing: str = "") -> str:
    """A value with its unit: ``71.8%``, ``12 centres``, ``1 site``, ``0.43 per 1,000 under-5s``,
    ``Yes``/``No``; ``missing`` (empty by default) when there is no value."""
    if is_missing(value):
        return missing
    number = float(value)  # type: ignore[arg-type]
    unit = indicator.unit
    if unit == PERCENT:
        return f"{format_number(number, indicator.decimals)}%"
    if unit == YES_NO:
        return "Yes" if number >= 0.5 else "No"
    text = format_number(number, indicator.decimals)
    if is_count(indicator) and text == format_number(1, indicator.decimals):
        unit = _SINGULAR.get(unit, unit)
    return f"{text} {unit}"


def format_ci(lower: object, upper: object, indicator: Indicator) -> str:
    """``70.1 to 72.3`` (in the indicator's decimals), or empty when there is no interval."""
    if is_missing(lower) or is_missing(upper):
        return ""
    return (
        f"{format_number(lower, indicator.decimals)} to {format_number(upper, indicator.decimals)}"
    )


def format_count(value: object) -> str:
    """A published count (numerator, denominator): ``12,345``, or ``–`` when not published."""
    return format_number(value, 0)


def value_heading(indicator: Indicator) -> str:
    """Column heading for the indicator's values: ``Value (%)``, ``Number of centres``,
    ``Per 1,000 under-5s``, ``Yes or no``."""
    if indicator.unit == PERCENT:
        return "Value (%)"
    if indicator.unit == YES_NO:
        return f"{indicator.short_title}: yes or no"
    if is_rate(indicator):
        if indicator.unit in indicator.short_title:
            return indicator.short_title
        return f"{indicator.short_title} ({indicator.unit})"
    return f"{indicator.short_title} (number)"


def axis_title(indicator: Indicator) -> str:
    """Axis title for a chart of the indicator's values."""
    if indicator.unit == PERCENT:
        return f"{indicator.short_title} (%)"
    return value_heading(indicator)
