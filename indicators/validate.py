"""Build-time checks: values in range, files not cut short, codes known.

Two kinds of check, both raising :class:`BuildCheckError` naming the file (and, for a raw
input, the line a person sees in an editor):

- :func:`check_reader_output` looks at what one reader made of one raw file: a percentage
  outside 0-100, a negative count, a numerator above its denominator, an area code that the
  area table does not know.
- :func:`check_output` looks at the finished output folder before it is swapped in: a
  header-only file, or a file with far fewer rows than the previous build's.

Plain Python: no Streamlit here.
"""

from __future__ import annotations

import csv
from collections.abc import Callable, Iterable
from pathlib import Path

import pandas as pd

from indicators import paths
from indicators.catalogue import CATALOGUE
from indicators.errors import IndicatorsError, SchemaError

#: A file (or one source's rows in the indicator table) shrinking below this share of the
#: previous build's rows is treated as cut short.
MIN_ROW_SHARE = 0.9
#: Levels whose codes must be in the area table (health boards are not mapped).
CHECKED_LEVELS = ("uk", "country", "region", "la")


class BuildCheckError(IndicatorsError):
    """The build made (or was about to make) data that fails a check."""

    def __init__(self, file: object, message: str, *, line: int | None = None) -> None:
        where = f"{file}" if line is None else f"{file}, line {line}"
        super().__init__(f"{where}: {message}")
        self.file = str(file)
        self.line = line


def _variants(number: float) -> list[str]:
    """How a number may be written in a raw file."""
    shown = {f"{number:g}", f"{number:.1f}", f"{number:.2f}", repr(float(number))}
    if float(number).is_integer():
        shown.add(str(int(number)))
    return sorted(shown, key=len, reverse=True)


def find_line(raw: Path, *, codes: Iterable[str], number: float | None = None) -> int | None:
    """The line of ``raw`` (1-based, as an editor numbers it) that holds the first of ``codes``
    found in the file and, when given, ``number``; the first line with the code if none holds
    the number."""
    try:
        lines = raw.read_text(encoding="utf-8-sig", errors="replace").splitlines()
    except OSError:
        return None
    with_code: list[tuple[int, str]] = []
    for code in (str(c) for c in codes if str(c)):  # the code first, the name as a fallback
        with_code = [(n, text) for n, text in enumerate(lines, start=1) if code in text]
        if with_code:
            break
    if number is not None:
        variants = _variants(number)
        for n, text in with_code:
            cells = {cell.strip().strip('"') for cell in next(csv.reader([text]), [])}
            if cells & set(variants):
                return n
    return with_code[0][0] if with_code else None


def check_raw_shape(raw: Path, *, shown_file: object) -> None:
    """A raw CSV with a header but no rows, or whose last record is cut short.

    Raises:
        BuildCheckError: naming the file and the line.
    """
    if raw.suffix.lower() != ".csv":
        return
    try:
        with raw.open(encoding="utf-8-sig", errors="replace", newline="") as handle:
            reader = csv.reader(handle)
            header = next(reader, None)
            last, last_line = None, 1
            for record in reader:
                if any(cell.strip() for cell in record):
                    last, last_line = record, reader.line_num
    except (OSError, csv.Error):
        return  # the reader itself reports a file it cannot read
    if header is None:
        raise BuildCheckError(shown_file, "is empty", line=1)
    if last is None:
        raise BuildCheckError(shown_file, "has a header but no rows", line=1)
    if len(last) < len(header):
        raise BuildCheckError(
            shown_file,
            f"last record has {len(last)} fields, the header {len(header)}: is the file cut short?",
            line=last_line,
        )


def read_raw(
    reader: Callable[[Path], pd.DataFrame], raw: Path, *, raw_root: Path, known_codes: set[str]
) -> pd.DataFrame:
    """Run ``reader`` on ``raw`` and check what it made; a schema error found by the reader is
    reported against the raw file's line rather than the reader's row number.

    Raises:
        BuildCheckError: naming the raw file (relative to ``raw_root``) and its line.
    """
    shown_file = raw.relative_to(raw_root) if raw.is_relative_to(raw_root) else raw
    try:
        frame = reader(raw)
    except SchemaError as error:
        record = error.record
        if record is None:
            raise
        line = None
        for column in ("numerator", "value", "denominator", None):
            number = record.get(column) if column else None
            if column and (number is None or pd.isna(number)):
                continue
            line = find_line(
                raw, codes=[record.get("area_code", ""), record.get("area_name", "")], number=number
            )
            if line is not None:
                break
        raise BuildCheckError(shown_file, error.message, line=line) from error
    check_reader_output(frame, raw=raw, raw_root=raw_root, known_codes=known_codes)
    return frame


def check_reader_output(
    frame: pd.DataFrame, *, raw: Path, raw_root: Path, known_codes: set[str]
) -> None:
    """Range and code checks on one reader's tidy rows, naming ``raw`` and its line.

    Raises:
        BuildCheckError: the first failing row, with the raw file and line.
    """
    shown_file = raw.relative_to(raw_root) if raw.is_relative_to(raw_root) else raw
    check_raw_shape(raw, shown_file=shown_file)
    if frame.empty:
        return
    units = frame["indicator_id"].map(lambda i: CATALOGUE[i].unit if i in CATALOGUE else "")
    may_exceed_100 = frame["indicator_id"].map(
        lambda i: i in CATALOGUE and CATALOGUE[i].may_exceed_100
    )
    value = pd.to_numeric(frame["value"], errors="coerce")
    numerator = pd.to_numeric(frame["numerator"], errors="coerce")
    denominator = pd.to_numeric(frame["denominator"], errors="coerce")
    checks = [
        (
            (units == "%") & ((value < 0) | ((value > 100) & ~may_exceed_100)),
            value,
            "percentage {v:g} is outside 0-100",
        ),
        ((units != "%") & (value < 0), value, "count {v:g} is negative"),
        (numerator < 0, numerator, "numerator {v:g} is negative"),
        (denominator < 0, denominator, "denominator {v:g} is negative"),
        (numerator > denominator, numerator, "numerator {v:g} is above its denominator"),
    ]
    level = frame.get("area_level", pd.Series("", index=frame.index))
    unknown = level.isin(CHECKED_LEVELS) & ~frame["area_code"].isin(known_codes)
    checks.append((unknown, None, "unknown area code {code}"))
    for mask, numbers, message in checks:
        bad = mask.fillna(False).to_numpy().nonzero()[0]
        if not len(bad):
            continue
        row = frame.iloc[bad[0]]
        number = None if numbers is None else float(numbers.iloc[bad[0]])
        codes = [row["area_code"], row.get("area_name", "")]
        line = find_line(raw, codes=codes, number=number)
        text = message.format(v=number if number is not None else 0, code=row["area_code"])
        raise BuildCheckError(
            shown_file,
            f"{text} ({row['indicator_id']}, {row['area_code']}, {row['period']})",
            line=line,
        )


def _rows(path: Path) -> int:
    with path.open(encoding="utf-8", newline="") as handle:
        return max(sum(1 for _ in csv.reader(handle)) - 1, 0)


def previous_rows(folder: Path) -> dict[str, int]:
    """Rows per file in the manifest of an earlier build (empty if there is none)."""
    manifest = folder / paths.MANIFEST_FILE
    if not manifest.is_file():
        return {}
    try:
        with manifest.open(encoding="utf-8", newline="") as handle:
            return {row["file"]: int(row["rows"]) for row in csv.DictReader(handle)}
    except (OSError, KeyError, ValueError, csv.Error):
        return {}


def _rows_by_source(folder: Path) -> dict[str, int]:
    path = folder / paths.INDICATORS_FILE
    if not path.is_file():
        return {}
    try:
        column = pd.read_csv(path, dtype=str, keep_default_na=False, usecols=["source_id"])
    except (OSError, ValueError, pd.errors.ParserError):
        return {}
    return column["source_id"].value_counts().to_dict()


def _raw_files_of(folder: Path) -> dict[str, str]:
    try:
        sources = pd.read_csv(folder / paths.SOURCES_FILE, dtype=str, keep_default_na=False)
        return dict(zip(sources["id"], sources["raw_files"].str.replace("|", ", "), strict=True))
    except (OSError, KeyError, ValueError, pd.errors.ParserError):
        return {}


def check_output(staged: Path, manifest: list[dict[str, object]], *, previous: Path) -> None:
    """Checks on the finished build before it replaces ``previous``.

    Raises:
        BuildCheckError: a file has a header but no rows, or far fewer rows than the
            previous build's; or one source's rows in the indicator table fell far below
            the previous build's (names the file or source, its raw inputs and both counts).
    """
    now, then = _rows_by_source(staged), _rows_by_source(previous)
    raw_files = _raw_files_of(staged)
    for source_id, count in sorted(then.items()):
        if now.get(source_id, 0) < MIN_ROW_SHARE * count:
            raise BuildCheckError(
                paths.INDICATORS_FILE,
                f"would have {now.get(source_id, 0):,} rows from {source_id} against {count:,} "
                f"in the previous build: is {raw_files.get(source_id, 'its raw file')} cut short?",
            )
    before = previous_rows(previous)
    for entry in manifest:
        name = str(entry["file"])
        if not (staged / name).is_file():  # not made by the build (e.g. a refresh's downloads)
            continue
        rows = int(entry["rows"])
        inputs = ", ".join(i.split(":")[0] for i in str(entry["raw_inputs"]).split(";") if i)
        if name.endswith(".csv") and _rows(staged / name) == 0:
            raise BuildCheckError(name, f"would have a header but no rows (made from {inputs})")
        if name in before and rows < MIN_ROW_SHARE * before[name]:
            raise BuildCheckError(
                name,
                f"would have {rows:,} rows against {before[name]:,} in the previous build: "
                f"is a raw input cut short? (made from {inputs})",
            )
