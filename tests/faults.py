"""Data faults to inject into a copy of ``data/`` (used by the fault-injection tests and by
``benchmarks/fault_matrix.py``). Plain Python with no project imports, so the matrix script
can run it against any checkout.
"""

from __future__ import annotations

import csv
import hashlib
import io
import json
import re
import shutil
from collections.abc import Callable
from pathlib import Path

MANIFEST = "MANIFEST.csv"
_NUMBER = re.compile(r"^-?\d+(\.\d+)?$")


def data_files(folder: Path) -> list[str]:
    """Every data file listed in the folder's manifest."""
    with (folder / MANIFEST).open(encoding="utf-8", newline="") as handle:
        return [row["file"] for row in csv.DictReader(handle)]


def _csv_rows(path: Path) -> list[list[str]]:
    with path.open(encoding="utf-8", newline="") as handle:
        return list(csv.reader(handle))


def _write_rows(path: Path, rows: list[list[str]]) -> None:
    buffer = io.StringIO()
    csv.writer(buffer, lineterminator="\n").writerows(rows)
    path.write_text(buffer.getvalue(), encoding="utf-8", newline="")


def missing(path: Path) -> None:
    path.unlink()


def empty(path: Path) -> None:
    path.write_bytes(b"")


def truncated(path: Path) -> None:
    """Keep the first half: whole records of a CSV, the first half of the bytes otherwise."""
    if path.suffix == ".csv":
        rows = _csv_rows(path)
        _write_rows(path, rows[: 1 + (len(rows) - 1) // 2])
    else:
        data = path.read_bytes()
        path.write_bytes(data[: len(data) // 2])


def header_renamed(path: Path) -> None:
    """The first column renamed (a CSV), or the GeoJSON's ``features`` key renamed."""
    if path.suffix == ".csv":
        rows = _csv_rows(path)
        rows[0][0] = f"renamed_{rows[0][0]}"
        _write_rows(path, rows)
    else:
        text = path.read_text(encoding="utf-8")
        path.write_text(text.replace('"features"', '"feature_list"', 1), encoding="utf-8")


def wrong_type(path: Path) -> None:
    """Text where a number belongs: the first all-numeric column of row 1 (else the first
    column gets a number); a GeoJSON's first geometry gets text for coordinates."""
    if path.suffix == ".csv":
        rows = _csv_rows(path)
        body = rows[1:]
        column = next(
            (
                i
                for i in range(len(rows[0]))
                if body
                and all(_NUMBER.match(r[i]) or r[i] == "" for r in body if i < len(r))
                and any(_NUMBER.match(r[i]) for r in body if i < len(r))
            ),
            None,
        )
        if column is None:
            rows[1][0] = "12345"
        else:
            first = next(r for r in body if _NUMBER.match(r[column]))
            first[column] = "not a number"
        _write_rows(path, rows)
    else:
        document = json.loads(path.read_text(encoding="utf-8"))
        document["features"][0]["geometry"]["coordinates"] = "not coordinates"
        path.write_text(json.dumps(document), encoding="utf-8")


def value_edited(path: Path) -> None:
    """One figure changed by a slip of the keyboard (64.9 -> 6.49): same shape, new content."""
    if path.suffix == ".csv":
        rows = _csv_rows(path)
        for row in rows[1:]:
            for i, cell in enumerate(row):
                if _NUMBER.match(cell) and "." in cell and len(cell) > 2:
                    digits = cell.replace(".", "")
                    row[i] = f"{digits[0]}.{digits[1:]}" if cell[1] != "." else cell[0] + cell[2:]
                    _write_rows(path, rows)
                    return
        rows[1][-1] = rows[1][-1] + " edited"
        _write_rows(path, rows)
    else:
        text = path.read_text(encoding="utf-8")
        path.write_text(text.replace("54.", "55.", 1), encoding="utf-8")


def manifest_hash(path: Path) -> None:
    """The file is intact but the manifest records another sha256 for it."""
    manifest = path.parent / MANIFEST
    rows = _csv_rows(manifest)
    column = rows[0].index("sha256")
    for row in rows[1:]:
        if row[0] == path.name:
            row[column] = "0" * 64
    _write_rows(manifest, rows)


FAULTS: dict[str, Callable[[Path], None]] = {
    "missing": missing,
    "empty": empty,
    "truncated": truncated,
    "header renamed": header_renamed,
    "wrong type": wrong_type,
    "manifest hash": manifest_hash,
    "value edited": value_edited,
}


def faulty_copy(source: Path, target: Path, *, file: str, fault: str) -> Path:
    """A copy of ``source`` at ``target`` with ``fault`` applied to ``file``."""
    shutil.copytree(source, target)
    FAULTS[fault](target / file)
    return target


# --------------------------------------------------------------------------- page outcomes
def _texts(at, kind: str) -> list[str]:
    return [str(element.value) for element in at.get(kind)]


def signature(at) -> str:
    """What a page shows (text, charts, tables), leaving out errors and warnings."""
    parts = []
    for kind in ("title", "header", "subheader", "markdown", "caption", "info"):
        parts += [kind, *_texts(at, kind)]
    for chart in at.get("plotly_chart"):
        parts.append(hashlib.sha256(chart.proto.spec.encode()).hexdigest())
    for frame in at.dataframe:
        parts.append(hashlib.sha256(frame.value.to_csv().encode()).hexdigest())
    return hashlib.sha256("\x1f".join(parts).encode()).hexdigest()


def outcome(at, baseline: str | None, *, file: str, folder: str) -> str:
    """How a page met a damaged ``file`` (see ``benchmarks/fault_matrix.py``)."""
    if at.exception:
        return "traceback"
    messages = [m.replace("\\", "") for m in _texts(at, "error") + _texts(at, "warning")]
    named = [m for m in messages if file in m]
    same = signature(at) == baseline
    if named:
        if any(folder in m for m in named):
            return "message+path"
        return "same, warned" if same else "message"
    if same:
        return "same"
    if _texts(at, "error"):
        return "other message"
    return "SILENT"
