"""Helpers shared by the readers: CSV reading, GSS symbols, area levels."""

from __future__ import annotations

import math
import re
from collections.abc import Iterable
from pathlib import Path

import pandas as pd

from indicators.errors import SourceFormatError
from indicators.periods import Period
from indicators.schema import LEVEL_PREFIXES, conform, nation_of, validate

#: Published symbols for values that are not there (GSS and DfE conventions, plus the
#: ``-`` of LAIT and ``DK`` of OHID's ASQ-3 returns).
SYMBOLS: dict[str, str] = {
    "c": "suppressed",
    "*": "suppressed",
    "k": "rounds_to_zero",
    "x": "not_available",
    ":": "not_available",
    "..": "not_available",
    "-": "missing_or_suppressed",
    "z": "not_applicable",
    "dk": "dont_know",
    "": "not_available",
    "na": "not_available",
}
_NUMBER = re.compile(r"^-?(\d+(\.\d*)?|\.\d+)([eE][-+]?\d+)?$")


def read_csv_text(path: str | Path, **kwargs: object) -> pd.DataFrame:
    """Read a CSV as text (a UTF-8 BOM is dropped), keeping every cell as written.

    Raises:
        SourceFormatError: the file cannot be read or parsed as CSV.
    """
    try:
        return pd.read_csv(path, dtype=str, keep_default_na=False, encoding="utf-8-sig", **kwargs)
    except FileNotFoundError as error:
        raise SourceFormatError(path, "file not found") from error
    except (OSError, UnicodeDecodeError, pd.errors.ParserError, ValueError) as error:
        raise SourceFormatError(path, f"cannot be read as CSV: {error}") from error


def require_columns(frame: pd.DataFrame, columns: Iterable[str], *, path: str | Path) -> None:
    """Raise a clear error if ``frame`` lacks any of ``columns``."""
    missing = [c for c in columns if c not in frame.columns]
    if missing:
        raise SourceFormatError(path, f"missing expected columns: {', '.join(missing)}")


def parse_cell(text: str, *, path: str | Path, line: int, column: str) -> tuple[float, str, str]:
    """Turn one published cell into ``(value, status, symbol)``.

    Raises:
        SourceFormatError: the cell is neither a number nor a known symbol.
    """
    cleaned = str(text).strip().replace(",", "")
    if _NUMBER.match(cleaned):
        number = float(cleaned)
        if not math.isfinite(number):
            raise SourceFormatError(path, f"{column}: {text!r} is not a finite number", line=line)
        return number, "ok", ""
    symbol = cleaned.lower()
    if symbol in SYMBOLS:
        return math.nan, SYMBOLS[symbol], cleaned
    raise SourceFormatError(
        path, f"{column}: {text!r} is neither a number nor a known symbol", line=line
    )


def parse_column(frame: pd.DataFrame, column: str, *, path: str | Path) -> pd.DataFrame:
    """Parse a whole column of published cells.

    Returns:
        A frame with ``value``, ``status`` and ``symbol`` aligned with ``frame``.
    """
    parsed = [
        parse_cell(text, path=path, line=int(index) + 2, column=column)
        for index, text in zip(frame.index, frame[column], strict=True)
    ]
    return pd.DataFrame(parsed, columns=["value", "status", "symbol"], index=frame.index)


def level_of(code: str) -> str:
    """Area level from a GSS code prefix (unknown prefixes are left for validation to name)."""
    return next((level for level, prefixes in LEVEL_PREFIXES.items() if code[:3] in prefixes), "la")


def with_period(frame: pd.DataFrame, period: Period) -> pd.DataFrame:
    """Set period label and dates on every row."""
    return frame.assign(
        period=period.label,
        period_start=period.start.isoformat(),
        period_end=period.end.isoformat(),
    )


def finish(frame: pd.DataFrame, *, origin: str | Path) -> pd.DataFrame:
    """Fill derived columns, conform and validate a reader's output."""
    out = frame.copy()
    out["nation"] = out["area_code"].map(nation_of)
    if "area_level" not in out.columns:
        out["area_level"] = out["area_code"].map(level_of)
    for column, default in (
        ("area_status", "current"),
        ("derivation", "published"),
        ("breakdown", "all"),
    ):
        if column not in out.columns:
            out[column] = default
        out[column] = out[column].replace("", default).fillna(default)
    return validate(conform(out), origin=origin)
