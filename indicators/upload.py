"""A local lead's own figures, uploaded as CSV, checked row by row and compared with the
official ones by the same engine.

Uploaded rows live only in the session that uploaded them: nothing here writes a file. They
are marked ``your data (not official)`` wherever they are shown, and every string taken from
the file is plain text that the page must escape before display.
"""

from __future__ import annotations

import csv
import io
import math
from dataclasses import dataclass, field

import pandas as pd

from indicators import compare
from indicators.catalogue import BREAKDOWN_LABELS, CATALOGUE, Indicator
from indicators.errors import IndicatorsError, SourceFormatError
from indicators.periods import parse_period
from indicators.schema import KEY, conform, validate
from indicators.sources.common import SYMBOLS, parse_cell
from indicators.stats import add_wilson_intervals

MAX_UPLOAD_BYTES = 1_000_000
MAX_ROWS = 5_000
MAX_PROBLEMS_SHOWN = 25
USER_SOURCE_ID = "user_upload"
USER_LABEL = "your data (not official)"
#: Largest count or value accepted: bigger numbers are typing slips, not children.
MAX_NUMBER = 1e9

TIDY_REQUIRED = ("indicator_id", "area_code", "period", "value")
TIDY_OPTIONAL = ("breakdown", "numerator", "denominator")
FINGERTIPS_REQUIRED = ("Indicator ID", "Area Code", "Time period", "Value")
FINGERTIPS_OPTIONAL = ("Count", "Denominator")
SYMBOLS_UNDERSTOOD = ", ".join(sorted(s for s in SYMBOLS if s))


@dataclass(frozen=True)
class UploadResult:
    """The checked upload: accepted tidy rows, row-level problems, or a whole-file error."""

    rows: pd.DataFrame
    problems: tuple[str, ...] = ()
    error: str = ""
    layout: str = ""
    rows_read: int = 0
    notes: tuple[str, ...] = field(default=())

    @property
    def ok(self) -> bool:
        return not self.error and not self.rows.empty


def _short(text: object, limit: int = 40) -> str:
    shown = str(text).replace("\n", " ").replace("\r", " ")
    return shown if len(shown) <= limit else shown[: limit - 1] + "…"


def _failed(message: str, *, layout: str = "", rows_read: int = 0) -> UploadResult:
    return UploadResult(conform(pd.DataFrame()), error=message, layout=layout, rows_read=rows_read)


def _decode(content: bytes) -> str:
    if b"\x00" in content[:4096]:
        raise ValueError(
            "This is not a CSV text file (it contains binary data). Save the sheet as CSV."
        )
    try:
        return content.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise ValueError(
            f"The file is not UTF-8 text (unreadable byte at position {error.start:,}). "
            "Save it as “CSV UTF-8” and upload it again."
        ) from None


def _read_table(text: str) -> pd.DataFrame:
    if not text.strip():
        raise ValueError("The file is empty.")
    try:
        frame = pd.read_csv(
            io.StringIO(text),
            dtype=str,
            keep_default_na=False,
            skipinitialspace=True,
            quoting=csv.QUOTE_MINIMAL,
        )
    except (pd.errors.ParserError, pd.errors.EmptyDataError, ValueError) as error:
        first = str(error).splitlines()[0] if str(error) else type(error).__name__
        raise ValueError(f"The file could not be read as CSV: {_short(first, 120)}") from None
    frame.columns = [str(c).strip() for c in frame.columns]
    return frame


def _layout(frame: pd.DataFrame) -> str:
    columns = set(frame.columns)
    if set(TIDY_REQUIRED) <= columns:
        return "tidy"
    if set(FINGERTIPS_REQUIRED) <= columns:
        return "fingertips"
    found = ", ".join(_short(c, 30) for c in list(frame.columns)[:8])
    more = "…" if len(frame.columns) > 8 else ""
    raise ValueError(
        "Missing columns. Use the tidy layout (indicator_id, area_code, period, value; "
        "optional breakdown, numerator, denominator) or the Fingertips export layout "
        f"(Indicator ID, Area Code, Time period, Value; optional Count, Denominator). "
        f"Found: {found}{more}."
    )


def _number(text: str, *, what: str, line: int) -> tuple[float, str]:
    """A count: ``(number, "")`` or ``(nan, problem)``; empty is allowed (nan, "")."""
    cleaned = str(text).strip().replace(",", "")
    if cleaned == "":
        return math.nan, ""
    try:
        number = float(cleaned)
    except ValueError:
        return math.nan, f"Row {line}: {what} {_short(text)!r} is not a number."
    if not math.isfinite(number) or abs(number) > MAX_NUMBER:
        return math.nan, f"Row {line}: {what} {_short(text)!r} is out of range."
    if number < 0:
        return math.nan, f"Row {line}: {what} {_short(text)!r} is negative."
    return number, ""


def _indicator(raw: str, *, layout: str, line: int) -> tuple[Indicator | None, str]:
    text = str(raw).strip()
    if layout == "fingertips":
        by_fingertips = {str(i.fingertips_id): i for i in CATALOGUE.values() if i.fingertips_id}
        found = by_fingertips.get(text.removesuffix(".0"))
        if found is None:
            known = ", ".join(sorted(by_fingertips))
            return None, (
                f"Row {line}: Fingertips indicator {_short(text)!r} is not one this app holds "
                f"(known: {known})."
            )
        return found, ""
    if text not in CATALOGUE:
        return None, f"Row {line}: unknown indicator {_short(text)!r} (use a catalogue id)."
    return CATALOGUE[text], ""


def _check_row(
    row: pd.Series, *, layout: str, line: int, areas: dict[str, pd.Series]
) -> tuple[dict[str, object] | None, list[str]]:
    names = (
        ("indicator_id", "area_code", "period", "value", "numerator", "denominator")
        if layout == "tidy"
        else ("Indicator ID", "Area Code", "Time period", "Value", "Count", "Denominator")
    )
    indicator_raw, code_raw, period_raw, value_raw, numerator_raw, denominator_raw = (
        row.get(n, "") for n in names
    )
    problems: list[str] = []
    indicator, problem = _indicator(indicator_raw, layout=layout, line=line)
    if problem:
        problems.append(problem)
    code = str(code_raw).strip().upper()
    area = areas.get(code)
    if area is None:
        problems.append(f"Row {line}: unknown area code {_short(code_raw)!r}.")
    breakdown = str(row.get("breakdown", "") or "all").strip() or "all"
    if breakdown not in BREAKDOWN_LABELS:
        problems.append(f"Row {line}: breakdown {_short(breakdown)!r} is not recognised.")
    period = None
    if indicator is not None:
        try:
            period = parse_period(str(period_raw), year_type=indicator.year_type)
        except ValueError:
            example = "2024" if indicator.year_type == "calendar" else "2024/25"
            problems.append(
                f"Row {line}: period {_short(period_raw)!r} not recognised (for example {example})."
            )
    try:
        value, status, symbol = parse_cell(str(value_raw), path="upload", line=line, column="value")
    except SourceFormatError:
        value, status, symbol = math.nan, "", ""
        problems.append(
            f"Row {line}: value {_short(value_raw)!r} is neither a number nor a suppression "
            f"symbol ({SYMBOLS_UNDERSTOOD})."
        )
    if status == "ok" and indicator is not None:
        if abs(value) > MAX_NUMBER or value < 0:
            problems.append(f"Row {line}: value {_short(value_raw)!r} is out of range.")
        elif indicator.unit == "%" and value > 100:
            problems.append(
                f"Row {line}: value {_short(value_raw)!r} is out of range (0–100 for a percentage)."
            )
    numerator, problem_n = _number(numerator_raw, what="numerator", line=line)
    denominator, problem_d = _number(denominator_raw, what="denominator", line=line)
    problems += [p for p in (problem_n, problem_d) if p]
    if not (math.isnan(numerator) or math.isnan(denominator)):
        if numerator > denominator:
            problems.append(
                f"Row {line}: numerator {numerator:,.0f} is larger than denominator "
                f"{denominator:,.0f}."
            )
        elif denominator == 0:
            problems.append(f"Row {line}: denominator is 0.")
    if problems or indicator is None or area is None or period is None:
        return None, problems
    if status not in ("ok", "low_reliability"):
        value = math.nan
    return {
        "indicator_id": indicator.id,
        "area_code": code,
        "area_name": area["area_name"],
        "area_level": area["area_level"],
        "nation": area["nation"],
        "period": period.label,
        "period_start": period.start.isoformat(),
        "period_end": period.end.isoformat(),
        "breakdown": breakdown,
        "value": value,
        "numerator": numerator,
        "denominator": denominator,
        "status": status,
        "symbol": symbol,
        "area_status": "current",
        "derivation": "published",
        "source_id": USER_SOURCE_ID,
        "note": USER_LABEL,
    }, []


def read_upload(content: bytes, *, areas: pd.DataFrame) -> UploadResult:
    """Check an uploaded CSV and turn its good rows into tidy rows.

    Never raises for a bad file: every problem becomes a plain-text message.

    Args:
        content: the file's bytes.
        areas: the area table (codes the upload may use).

    Returns:
        The accepted rows (tidy schema, Wilson CIs where counts are given), the row-level
        problems of the rejected ones, or a whole-file error.
    """
    if len(content) == 0:
        return _failed("The file is empty.")
    if len(content) > MAX_UPLOAD_BYTES:
        return _failed(
            f"The file is {len(content):,} bytes; the limit is {MAX_UPLOAD_BYTES:,} bytes. "
            "Upload fewer rows (for example one indicator and its latest period)."
        )
    try:
        frame = _read_table(_decode(content))
        layout = _layout(frame)
    except ValueError as error:
        return _failed(str(error))
    if frame.empty:
        return _failed("The file has a header but no rows.", layout=layout)
    if len(frame) > MAX_ROWS:
        return _failed(
            f"The file has {len(frame):,} rows; the limit is {MAX_ROWS:,}.",
            layout=layout,
            rows_read=len(frame),
        )
    area_rows = {
        code: row for code, row in zip(areas["area_code"], areas.to_dict("records"), strict=True)
    }
    problems: list[str] = []
    records: list[dict[str, object]] = []
    first_line: dict[tuple[str, ...], int] = {}
    for index, row in frame.iterrows():
        line = int(index) + 2
        record, found = _check_row(row, layout=layout, line=line, areas=area_rows)
        problems += found
        if record is None:
            continue
        key = tuple(str(record[k]) for k in KEY)
        if key in first_line:
            problems.append(
                f"Row {line}: repeats the indicator, area and period of row {first_line[key]}."
            )
            continue
        first_line[key] = line
        records.append(record)
    notes = []
    extra = [
        c
        for c in frame.columns
        if c not in (*TIDY_REQUIRED, *TIDY_OPTIONAL, *FINGERTIPS_REQUIRED, *FINGERTIPS_OPTIONAL)
    ]
    if extra:
        notes.append(f"{len(extra)} other column(s) ignored.")
    if not records:
        return UploadResult(
            conform(pd.DataFrame()),
            tuple(problems),
            error="No row could be used: see the problems listed.",
            layout=layout,
            rows_read=len(frame),
            notes=tuple(notes),
        )
    tidy = conform(pd.DataFrame.from_records(records))
    percent = tidy["indicator_id"].map(lambda i: CATALOGUE[i].unit == "%")
    tidy = conform(pd.concat([add_wilson_intervals(tidy[percent]), tidy[~percent]]))
    try:
        validate(tidy, origin="your upload")
    except IndicatorsError as error:  # a check above missed something: say so, do not crash
        return _failed(f"The upload does not fit the data's rules: {error}", layout=layout)
    return UploadResult(
        tidy, tuple(problems), layout=layout, rows_read=len(frame), notes=tuple(notes)
    )


def compare_uploaded(
    table: pd.DataFrame,
    uploaded: pd.DataFrame,
    *,
    indicator: Indicator,
    period: str,
    breakdown: str,
    confidence: compare.Confidence = "95",
) -> pd.DataFrame:
    """The compare-areas table with the uploaded figures added as their own rows.

    Each uploaded value is tested by the comparison engine against the benchmark its area has in
    the official table (or the one benchmark every area shares), and labelled as the user's.

    Args:
        table: the official compare table (from ``views.compare_view``).
        uploaded: accepted rows of :func:`read_upload`.

    Returns:
        ``table`` plus one row per uploaded figure for this indicator, period and breakdown,
        sorted as ``table`` is; ``official`` says which rows are published figures.
    """
    official = table.assign(official=True)
    mine = uploaded[
        (uploaded["indicator_id"] == indicator.id)
        & (uploaded["period"] == period)
        & (uploaded["breakdown"] == breakdown)
    ]
    if mine.empty:
        return official
    lower_column, upper_column = compare.CI_COLUMNS[confidence]
    benchmarks = table["benchmark_value"].dropna().unique() if "benchmark_value" in table else []
    shared = float(benchmarks[0]) if len(benchmarks) == 1 else None
    shared_label = next((b for b in table.get("benchmark_label", []) if b), "benchmark")
    by_area = table.set_index("area_code") if not table.empty else pd.DataFrame()
    kinds = table["benchmark_kind"].dropna().unique() if "benchmark_kind" in table else []
    kind = str(kinds[0]) if len(kinds) else "england"
    records = []
    for row in mine.itertuples(index=False):
        if row.area_code in by_area.index:
            reference = by_area.loc[row.area_code]
            benchmark_value, label = reference["benchmark_value"], reference["benchmark_label"]
        else:
            benchmark_value, label = shared, shared_label
        result = compare.compare_with_benchmark(
            value=row.value,
            lower=getattr(row, lower_column),
            upper=getattr(row, upper_column),
            benchmark_value=None if pd.isna(benchmark_value) else float(benchmark_value),
            polarity=indicator.polarity,
            benchmark_label=label,
            confidence=confidence,
            status=row.status,
            denominator=row.denominator,
        )
        records.append(
            {
                "area_code": row.area_code,
                "area_name": f"{row.area_name} — {USER_LABEL}",
                "nation": row.nation,
                "value": row.value,
                "lower_ci95": row.lower_ci95,
                "upper_ci95": row.upper_ci95,
                "numerator": row.numerator,
                "denominator": row.denominator,
                "status": row.status,
                "status_label": USER_LABEL,
                "area_status": "current",
                "derivation": "published",
                "comparison": result.outcome,
                "comparison_label": result.label,
                "comparison_reason": result.reason,
                "benchmark_kind": kind,
                "benchmark_label": label,
                "benchmark_value": benchmark_value,
                "source_id": USER_SOURCE_ID,
                "note": USER_LABEL,
                "selected": False,
                "peer": False,
                "official": False,
            }
        )
    combined = pd.concat([official, pd.DataFrame.from_records(records)], ignore_index=True)
    for column in ("region_name", "caution", "comparison_reason", "note"):
        if column in combined:
            combined[column] = combined[column].fillna("").astype(str)
    for column in ("selected", "peer", "official"):
        combined[column] = combined[column].astype(bool)
    ascending = indicator.polarity == "lower_is_better"
    return combined.sort_values(
        ["value", "area_name"], ascending=[ascending, True], na_position="last", ignore_index=True
    )


def problems_shown(result: UploadResult) -> tuple[list[str], int]:
    """The first problems to show, and how many more there are."""
    shown = list(result.problems[:MAX_PROBLEMS_SHOWN])
    return shown, max(0, len(result.problems) - MAX_PROBLEMS_SHOWN)
