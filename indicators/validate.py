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
from collections.abc import Iterable
from pathlib import Path

import pandas as pd

from indicators import paths
from indicators.catalogue import CATALOGUE
from indicators.errors import IndicatorsError

#: A file shrinking below this share of the previous build's rows is treated as truncated.
MIN_ROW_SHARE = 0.5
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
    """The line of ``raw`` (1-based, as an editor numbers it) that holds one of ``codes`` and,
    when given, ``number``; the first line with the code if none holds the number."""
    try:
        lines = raw.read_text(encoding="utf-8-sig", errors="replace").splitlines()
    except OSError:
        return None
    wanted = [str(c) for c in codes if str(c)]
    with_code = [
        (n, text) for n, text in enumerate(lines, start=1) if any(c in text for c in wanted)
    ]
    if number is not None:
        variants = _variants(number)
        for n, text in with_code:
            cells = {cell.strip().strip('"') for cell in next(csv.reader([text]), [])}
            if cells & set(variants):
                return n
    return with_code[0][0] if with_code else None


def check_reader_output(
    frame: pd.DataFrame, *, raw: Path, raw_root: Path, known_codes: set[str]
) -> None:
    """Range and code checks on one reader's tidy rows, naming ``raw`` and its line.

    Raises:
        BuildCheckError: the first failing row, with the raw file and line.
    """
    if frame.empty:
        return
    units = frame["indicator_id"].map(lambda i: CATALOGUE[i].unit if i in CATALOGUE else "")
    value = pd.to_numeric(frame["value"], errors="coerce")
    numerator = pd.to_numeric(frame["numerator"], errors="coerce")
    denominator = pd.to_numeric(frame["denominator"], errors="coerce")
    checks = [
        (
            (units == "%") & ((value < 0) | (value > 100)),
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
    shown_file = raw.relative_to(raw_root) if raw.is_relative_to(raw_root) else raw
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


def check_output(staged: Path, manifest: list[dict[str, object]], *, previous: Path) -> None:
    """Checks on the finished build before it replaces ``previous``.

    Raises:
        BuildCheckError: a file has a header but no rows, or far fewer rows than the
            previous build's (names the file, its raw inputs and both counts).
    """
    before = previous_rows(previous)
    for entry in manifest:
        name = str(entry["file"])
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
