"""Check a data folder against its ``MANIFEST.csv`` before anything is shown from it.

Every file the build wrote is listed in the manifest with its sha256 and row count. A file
that is missing, empty, cut short, re-headed, wrongly typed or merely different from what the
build wrote is reported as a :class:`Problem` naming the file and saying plainly what is
wrong, so that the app can refuse that file (and only that file) instead of drawing a quietly
different picture. Plain Python: no Streamlit here.
"""

from __future__ import annotations

import csv
import hashlib
import json
import os
import re
from dataclasses import dataclass
from pathlib import Path

from indicators import paths, schema
from indicators.errors import IndicatorsError

#: Columns the app reads from each file (a file may have more).
REQUIRED_COLUMNS: dict[str, tuple[str, ...]] = {
    paths.INDICATORS_FILE: schema.COLUMNS,
    paths.AREAS_FILE: (
        "area_code",
        "area_name",
        "area_level",
        "nation",
        "region_code",
        "region_name",
        "in_map",
    ),
    paths.SOURCES_FILE: ("id", "title", "publisher", "url", "licence"),
    paths.NEIGHBOURS_FILE: ("model", "area_code", "rank", "neighbour_code"),
    paths.HEADLINE_FACTS_FILE: (
        "topic",
        "indicator",
        "area_name",
        "period",
        "value",
        "unit",
        "quote",
        "source_title",
        "source_url",
    ),
    paths.RELEASE_DATES_FILE: ("indicator_id", "last_update", "next_update"),
    paths.SERVICE_SITES_FILE: (
        "site_id",
        "name",
        "service_type",
        "lat",
        "lng",
        "location_precision",
        "area_code",
    ),
    paths.PROGRAMME_FILE: ("area_code",),
    paths.TEAM_COUNTS_FILE: ("as_at", "count", "source_url"),
    paths.NAMED_TEAMS_FILE: ("team_name", "source_url"),
    paths.MBU_FILE: ("unit", "source_url"),
    paths.CODE_CHANGES_FILE: ("predecessor_code", "successor_code", "year"),
    paths.LA_CODES_FILE: ("la_number", "area_code"),
}
#: Columns that must hold a number (or nothing).
NUMERIC_COLUMNS: dict[str, tuple[str, ...]] = {
    paths.INDICATORS_FILE: schema.NUMERIC,
    paths.AREAS_FILE: ("under5_population",),
    paths.NEIGHBOURS_FILE: ("rank",),
    paths.HEADLINE_FACTS_FILE: ("value",),
    paths.SERVICE_SITES_FILE: ("lat", "lng"),
    paths.CODE_CHANGES_FILE: ("year",),
    paths.LA_CODES_FILE: ("la_number", "first_year", "last_year"),
}
#: Columns that must hold a GSS area code.
CODE_COLUMNS: dict[str, tuple[str, ...]] = {
    paths.INDICATORS_FILE: ("area_code",),
    paths.AREAS_FILE: ("area_code",),
    paths.NEIGHBOURS_FILE: ("area_code", "neighbour_code"),
    paths.PROGRAMME_FILE: ("area_code",),
    paths.LA_CODES_FILE: ("area_code",),
}
_GSS = re.compile(r"^[EWSNK]\d{8}$")


@dataclass(frozen=True)
class Problem:
    """One thing wrong with one file of the data folder."""

    file: str
    what: str

    def __str__(self) -> str:
        return f"{self.file} {self.what}"


class DataFileError(IndicatorsError):
    """A page needs a data file that failed its check (or could not be read)."""

    def __init__(self, file: str, what: str) -> None:
        super().__init__(f"This page could not be loaded: it needs {file}, which {what}")
        self.file = file
        self.what = what


def folder_stamp(folder: Path) -> tuple[tuple[str, int, int], ...]:
    """Name, modification time and size of every file in ``folder``: a cheap cache key that
    changes whenever a file is replaced, edited or removed."""
    try:
        entries = sorted(os.scandir(folder), key=lambda entry: entry.name)
    except OSError:
        return ()
    stamp = []
    for entry in entries:
        try:
            info = entry.stat()
        except OSError:
            continue
        stamp.append((entry.name, info.st_mtime_ns, info.st_size))
    return tuple(stamp)


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def _read_manifest(folder: Path) -> tuple[dict[str, dict[str, str]], Problem | None]:
    manifest = folder / paths.MANIFEST_FILE
    try:
        with manifest.open(encoding="utf-8", newline="") as handle:
            rows = list(csv.DictReader(handle))
    except FileNotFoundError:
        return {}, Problem(paths.MANIFEST_FILE, "is missing, so no data file can be checked.")
    except (OSError, UnicodeDecodeError, csv.Error) as error:
        return {}, Problem(paths.MANIFEST_FILE, f"cannot be read ({type(error).__name__}).")
    if not rows or not {"file", "rows", "sha256"} <= set(rows[0]):
        return {}, Problem(
            paths.MANIFEST_FILE, "has no file, rows and sha256 columns, so nothing can be checked."
        )
    return {row["file"]: row for row in rows}, None


def _csv_problem(path: Path, expected_rows: int | None, *, changed: bool) -> str | None:
    """What is wrong with a CSV (header, rows, types), or None when nothing specific is."""
    name = path.name
    try:
        with path.open(encoding="utf-8-sig", newline="") as handle:
            reader = csv.reader(handle)
            header = next(reader, None)
            if header is None:
                return "is empty."
            missing = [c for c in REQUIRED_COLUMNS.get(name, ()) if c not in header]
            if len(missing) > 3:
                return (
                    f"has lost {len(missing)} of its columns, among them "
                    f"{', '.join(repr(c) for c in missing[:3])} (was its header changed?)."
                )
            if missing:
                return (
                    f"has lost the column{'s' if len(missing) > 1 else ''} "
                    f"{', '.join(repr(c) for c in missing)} (was its header changed?)."
                )
            if not changed:
                return None
            numeric = [header.index(c) for c in NUMERIC_COLUMNS.get(name, ()) if c in header]
            codes = [header.index(c) for c in CODE_COLUMNS.get(name, ()) if c in header]
            rows = 0
            first_bad = None
            for rows, record in enumerate(reader, start=1):  # noqa: B007 (rows counts records)
                if first_bad is not None:
                    continue
                line = reader.line_num
                if len(record) != len(header):
                    first_bad = f"line {line} has {len(record)} fields, the header {len(header)}"
                    continue
                for i in numeric:
                    if record[i] and not _is_number(record[i]):
                        first_bad = f"line {line}: {header[i]} is not a number"
                        break
                for i in codes:
                    if first_bad is None and not _GSS.match(record[i]):
                        first_bad = f"line {line}: {header[i]} is not a GSS area code"
                        break
    except UnicodeDecodeError:
        return "is not UTF-8 text."
    except csv.Error as error:
        return f"is not a well-formed CSV ({error})."
    except OSError as error:
        return f"cannot be read ({type(error).__name__})."
    if rows == 0:
        return "has a header but no rows."
    if expected_rows is not None and rows != expected_rows:
        cut = " (cut short?)" if rows < expected_rows else ""
        return f"has {rows:,} rows; {paths.MANIFEST_FILE} says {expected_rows:,}{cut}."
    if first_bad:
        return f"is wrongly typed: {first_bad}."
    return None


def _is_number(text: str) -> bool:
    try:
        float(text)
    except ValueError:
        return False
    return True


def _geojson_problem(path: Path, expected_rows: int | None, *, changed: bool) -> str | None:
    if not changed:
        return None
    try:
        document = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError):
        return "is not valid GeoJSON (cut short or damaged)."
    features = document.get("features") if isinstance(document, dict) else None
    if not isinstance(features, list) or not features:
        return "is not a GeoJSON feature collection with features."
    for number, feature in enumerate(features, start=1):
        geometry = feature.get("geometry") if isinstance(feature, dict) else None
        if not isinstance(geometry, dict) or not isinstance(geometry.get("coordinates"), list):
            return f"is wrongly typed: feature {number} has no usable geometry."
        if not _GSS.match(str(feature.get("id", ""))):
            return f"is wrongly typed: feature {number} has no GSS code as its id."
    if expected_rows is not None and len(features) != expected_rows:
        return f"has {len(features)} areas; {paths.MANIFEST_FILE} says {expected_rows}."
    return None


def check_file(folder: Path, name: str, listed: dict[str, str] | None) -> Problem | None:
    """The problem with one data file, or None when it is as the build wrote it."""
    path = folder / name
    if not path.is_file():
        return Problem(name, "is missing.")
    if path.stat().st_size == 0:
        return Problem(name, "is empty.")
    changed = listed is not None and _sha256(path) != listed.get("sha256")
    try:
        expected_rows = int(listed["rows"]) if listed else None
    except (TypeError, ValueError):
        expected_rows = None
    if name.endswith(".csv"):
        what = _csv_problem(path, expected_rows, changed=changed)
    else:
        what = _geojson_problem(path, expected_rows, changed=changed)
    if what:
        return Problem(name, what)
    if listed is None:
        return Problem(name, f"is not listed in {paths.MANIFEST_FILE}.")
    if changed:
        return Problem(
            name,
            f"differs from the file the build made (its sha256 does not match "
            f"{paths.MANIFEST_FILE}): it may have been edited by hand.",
        )
    return None


def check_folder(folder: str | Path | None = None) -> list[Problem]:
    """Every problem of the data folder, one per file, in file order.

    Args:
        folder: the data folder (default: the one the app reads, see :func:`paths.data_dir`).

    Returns:
        Plain problems naming the file and what is wrong; empty when every file matches
        ``MANIFEST.csv``.
    """
    folder = Path(folder) if folder is not None else paths.data_dir()
    listed, manifest_problem = _read_manifest(folder)
    problems = [manifest_problem] if manifest_problem else []
    names = sorted(set(listed) | set(REQUIRED_COLUMNS))
    for name in names:
        if name not in listed and not (folder / name).exists():
            continue  # neither made nor listed here: a page that needs it says so on reading

        problem = check_file(folder, name, listed.get(name) if listed else None)
        if problem and not (manifest_problem and problem.what.startswith("is not listed")):
            problems.append(problem)
    return problems
