"""How values are written for a reader, by unit."""

from __future__ import annotations

import math


def format_value(value: float | None, unit: str) -> str:
    """``71.8%``, ``12 centres``, ``0.43 per 1,000 under-5s``, ``Yes``; empty when missing."""
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return ""
    if unit == "%":
        return f"{value:.1f}%"
    if unit == "yes/no":
        return "Yes" if value >= 0.5 else "No"
    if float(value).is_integer():
        return f"{int(value):,} {unit}"
    return f"{value:.2f} {unit}"
