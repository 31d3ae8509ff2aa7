"""Period labels and the dates they cover.

Official sources write periods in several ways (``201819``, ``2019`` meaning the year *ending*
in 2019, ``2017/18 Q1``, ``2024 Q3 (Jul-Sep)``). Everything is turned into one canonical label
plus a start and end date, so that periods sort and compare the same way everywhere. Quarters
and half-years always name their months (``2017/18 Q1 (Apr–Jun 2017)`` for a financial
quarter, ``Jul–Sep 2024`` for a calendar one), so April–June is never "Q1" in one place and
"Q2" in another.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Literal

YearType = Literal["academic", "financial", "calendar"]

# First month of a year of each type: academic years run Sep-Aug, financial years Apr-Mar.
_FIRST_MONTH = {"academic": 9, "financial": 4, "calendar": 1}


@dataclass(frozen=True)
class Period:
    """A labelled span of time, inclusive of both ends."""

    label: str
    start: date
    end: date


def _month_start(year: int, month: int) -> date:
    year += (month - 1) // 12
    month = (month - 1) % 12 + 1
    return date(year, month, 1)


def _span(year: int, first_month: int, months: int) -> tuple[date, date]:
    start = _month_start(year, first_month)
    end = _month_start(year, first_month + months) - timedelta(days=1)
    return start, end


def split_year_label(start_year: int) -> str:
    """``2018`` -> ``"2018/19"``."""
    return f"{start_year}/{(start_year + 1) % 100:02d}"


def period_from_end_year(end_year: int, *, year_type: YearType) -> Period:
    """The period a source labels by its end year (LAIT writes 2019 for 2018/19).

    Args:
        end_year: the calendar year in which the period ends.
        year_type: academic, financial or calendar.

    Returns:
        The canonical period.
    """
    if year_type == "calendar":
        return parse_period(str(end_year), year_type="calendar")
    return parse_period(split_year_label(end_year - 1), year_type=year_type)


_SPLIT = re.compile(r"^(\d{4})/(\d{2})$")
_SPLIT_QUARTER = re.compile(r"^(\d{4})/(\d{2}) Q([1-4])(?: \(\w{3}[–-]\w{3} \d{4}\))?$")
_MONTH_SPAN = re.compile(r"^(\w{3})[–-](\w{3}) (\d{4})$")
_MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")


def month_span_label(start: date, end: date) -> str:
    """``"Apr–Jun 2017"``: the months a quarter or half-year covers, named so that no reader
    has to know whether "Q1" starts in January (calendar) or April (financial)."""
    return f"{_MONTHS[start.month - 1]}–{_MONTHS[end.month - 1]} {end.year}"


_COMPACT = re.compile(r"^(\d{4})(\d{2})$")
_YEAR = re.compile(r"^(\d{4})$")
_CAL_QUARTER = re.compile(r"^(\d{4}) Q([1-4])(?: \(\w{3}-\w{3}\))?$")
_CAL_HALF = re.compile(r"^(\d{4}) H([12])(?: \(\w{3}-\w{3}\))?$")
_MULTI = re.compile(r"^(\d{4})/(\d{2}) to (\d{4})/(\d{2})$")


def _check_split(first: str, second: str, label: str) -> int:
    start_year = int(first)
    if (start_year + 1) % 100 != int(second):
        raise ValueError(f"period {label!r}: {second} does not follow {first}")
    return start_year


def parse_period(label: str, *, year_type: YearType) -> Period:
    """Parse a period label into a canonical :class:`Period`.

    Args:
        label: e.g. ``2018/19``, ``201819``, ``2017/18 Q1``, ``2024``, ``2024 Q3 (Jul-Sep)``,
            ``2018 H1 (Jan-Jun)`` or ``2020/21 to 2022/23``.
        year_type: how a split year such as ``2018/19`` is to be read.

    Returns:
        The canonical period.

    Raises:
        ValueError: the label is not a period this function knows.
    """
    text = str(label).strip()
    if m := _COMPACT.match(text):
        text = f"{m.group(1)}/{m.group(2)}"
    if m := _SPLIT.match(text):
        start_year = _check_split(m.group(1), m.group(2), text)
        if year_type == "calendar":
            raise ValueError(f"period {text!r}: a split year needs an academic or financial year")
        start, end = _span(start_year, _FIRST_MONTH[year_type], 12)
        return Period(text, start, end)
    if m := _SPLIT_QUARTER.match(text):
        start_year = _check_split(m.group(1), m.group(2), text)
        if year_type != "financial":
            raise ValueError(f"period {text!r}: quarters of split years are financial quarters")
        quarter = int(m.group(3))
        start, end = _span(start_year, 4 + 3 * (quarter - 1), 3)
        label = f"{m.group(1)}/{m.group(2)} Q{quarter} ({month_span_label(start, end)})"
        return Period(label, start, end)
    if m := _MULTI.match(text):
        first = _check_split(m.group(1), m.group(2), text)
        last = _check_split(m.group(3), m.group(4), text)
        if year_type == "calendar" or last < first:
            raise ValueError(f"period {text!r}: not a span of academic or financial years")
        start, _ = _span(first, _FIRST_MONTH[year_type], 12)
        _, end = _span(last, _FIRST_MONTH[year_type], 12)
        return Period(text, start, end)
    if m := _YEAR.match(text):
        if year_type != "calendar":
            raise ValueError(f"period {text!r}: a single year is a calendar year")
        start, end = _span(int(m.group(1)), 1, 12)
        return Period(text, start, end)
    if m := _CAL_QUARTER.match(text):
        quarter = int(m.group(2))
        start, end = _span(int(m.group(1)), 1 + 3 * (quarter - 1), 3)
        return Period(month_span_label(start, end), start, end)
    if m := _CAL_HALF.match(text):
        half = int(m.group(2))
        start, end = _span(int(m.group(1)), 1 + 6 * (half - 1), 6)
        return Period(month_span_label(start, end), start, end)
    if (m := _MONTH_SPAN.match(text)) and m.group(1) in _MONTHS and m.group(2) in _MONTHS:
        first, last = _MONTHS.index(m.group(1)) + 1, _MONTHS.index(m.group(2)) + 1
        if last < first:
            raise ValueError(f"period {text!r}: a month span within one calendar year")
        start, end = _span(int(m.group(3)), first, last - first + 1)
        return Period(month_span_label(start, end), start, end)
    raise ValueError(f"period {label!r} is not a period label this project understands")
