"""The data check: every data file x every fault is found, named and described plainly."""

from __future__ import annotations

import csv
import shutil

import pytest

from indicators import integrity, paths
from tests import faults

FILES = faults.data_files(paths.DATA_DIR)


def _records(path) -> int:
    with path.open(encoding="utf-8", newline="") as handle:
        return sum(1 for _ in csv.reader(handle)) - 1


def test_committed_data_passes_the_check():
    assert integrity.check_folder(paths.DATA_DIR) == []


def test_every_file_the_app_reads_is_in_the_manifest():
    assert set(integrity.REQUIRED_COLUMNS) <= set(FILES)


@pytest.mark.parametrize("file", FILES)
@pytest.mark.parametrize("fault", list(faults.FAULTS))
def test_each_fault_is_named_once_with_what_is_wrong(tmp_path, file, fault):
    folder = faults.faulty_copy(paths.DATA_DIR, tmp_path / "data", file=file, fault=fault)
    problems = integrity.check_folder(folder)
    assert [p.file for p in problems] == [file], problems
    what = problems[0].what
    assert str(tmp_path) not in what, "no server path in the message"
    if fault == "missing":
        assert what == "is missing."
    elif fault == "empty":
        assert what == "is empty."
    elif fault == "truncated" and file.endswith(".csv"):
        # Half the records were kept: the message gives both counts.
        with (paths.DATA_DIR / paths.MANIFEST_FILE).open(encoding="utf-8") as handle:
            listed = {row["file"]: int(row["rows"]) for row in csv.DictReader(handle)}
        kept = _records(folder / file)
        assert kept < listed[file]
        assert what == f"has {kept:,} rows; MANIFEST.csv says {listed[file]:,} (cut short?)."
    elif fault == "header renamed" and file.endswith(".csv"):
        first_column = (paths.DATA_DIR / file).read_text(encoding="utf-8").split(",")[0]
        if first_column in integrity.REQUIRED_COLUMNS.get(file, ()):
            assert f"lost the column '{first_column}'" in what
    elif fault == "manifest hash":
        assert "sha256 does not match MANIFEST.csv" in what
    else:
        assert what.startswith(("is wrongly typed", "differs from", "is not", "has ")), what


def test_wrong_type_in_a_number_column_names_the_line(tmp_path):
    folder = tmp_path / "data"
    shutil.copytree(paths.DATA_DIR, folder)
    lines = (folder / paths.INDICATORS_FILE).read_text(encoding="utf-8").split("\n")
    header = lines[0].split(",")
    cells = lines[4].split(",")  # line 5 as an editor numbers it
    cells[header.index("value")] = "sixty"
    lines[4] = ",".join(cells)
    (folder / paths.INDICATORS_FILE).write_text("\n".join(lines), encoding="utf-8")
    problems = integrity.check_folder(folder)
    assert [str(p) for p in problems] == [
        "indicators.csv is wrongly typed: line 5: value is not a number."
    ]


def test_a_missing_manifest_is_reported_and_files_still_checked_for_columns(tmp_path):
    folder = tmp_path / "data"
    shutil.copytree(paths.DATA_DIR, folder)
    (folder / paths.MANIFEST_FILE).unlink()
    (folder / paths.AREAS_FILE).write_text("code,name\nE06000001,Hartlepool\n", encoding="utf-8")
    problems = {p.file: p.what for p in integrity.check_folder(folder)}
    assert set(problems) == {paths.MANIFEST_FILE, paths.AREAS_FILE}
    assert "missing" in problems[paths.MANIFEST_FILE]
    assert "'area_code'" in problems[paths.AREAS_FILE]


def test_folder_stamp_changes_when_a_file_changes(tmp_path):
    folder = tmp_path / "data"
    shutil.copytree(paths.DATA_DIR, folder)
    before = integrity.folder_stamp(folder)
    with (folder / paths.SOURCES_FILE).open("a", encoding="utf-8") as handle:
        handle.write("x")
    assert integrity.folder_stamp(folder) != before
