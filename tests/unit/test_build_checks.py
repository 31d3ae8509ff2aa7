"""The build refuses malformed raw input, naming the file and line, and leaves data/ as it was.

Each case edits one raw file (in a copy of ../shared/raw made of links, with the edited file
real) and builds into a copy of data/.
"""

from __future__ import annotations

import io
import os
import shutil
from pathlib import Path

import pytest

from indicators import paths
from indicators.build import run_build
from indicators.errors import IndicatorsError

EYFSP = "england/dfe_eyfsp_la_gld_2013_2019.csv"
#: Line 45 of the EYFSP file, as an editor numbers it (Hartlepool, girls, 2018/19):
#: ... ,805,E06000001,Hartlepool,Girls,530,19079,36,419,79.1,422,79.6,426,80.4
LINE = 45


def _raw_copy(raw_dir: Path, target: Path, relative: str, edit) -> Path:
    shutil.copytree(raw_dir, target, copy_function=os.symlink)
    edited = target / relative
    text = (raw_dir / relative).read_text(encoding="utf-8")
    edited.unlink()
    edited.write_text(edit(text), encoding="utf-8")
    return target


def _edit_line(number: int, old: str, new: str):
    def edit(text: str) -> str:
        lines = text.split("\n")
        assert old in lines[number - 1], lines[number - 1]
        lines[number - 1] = lines[number - 1].replace(old, new)
        return "\n".join(lines)

    return edit


def _snapshot(folder: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(folder.iterdir())}


@pytest.fixture
def out(tmp_path) -> Path:
    folder = tmp_path / "site" / "data"
    shutil.copytree(paths.DATA_DIR, folder)
    return folder


CASES = {
    "percentage above 100": (
        _edit_line(LINE, ",422,79.6,", ",422,179.6,"),
        f"{EYFSP}, line {LINE}: percentage 179.6 is outside 0-100",
    ),
    "numerator above denominator": (
        _edit_line(LINE, "Girls,530,19079,36,419,79.1,422,", "Girls,530,19079,36,419,79.1,9422,"),
        f"{EYFSP}, line {LINE}: numerator exceeds denominator",
    ),
    "unknown area code": (
        _edit_line(LINE, "E06000001", "E06999999"),
        f"{EYFSP}, line {LINE}: unknown area code E06999999",
    ),
    "header only": (
        lambda text: text.split("\n")[0] + "\n",
        f"{EYFSP}, line 1: has a header but no rows",
    ),
    "cut mid-record": (
        lambda text: (
            "\n".join(text.split("\n")[: LINE - 1]) + "\n" + text.split("\n")[LINE - 1][:60]
        ),
        f"{EYFSP}, line {LINE}: last record has",
    ),
}


@pytest.mark.parametrize("case", list(CASES))
def test_malformed_raw_input_fails_with_file_and_line_and_data_is_unchanged(
    raw_dir, tmp_path, out, case
):
    edit, expected = CASES[case]
    raw = _raw_copy(raw_dir, tmp_path / "raw", EYFSP, edit)
    before = _snapshot(out)
    with pytest.raises(IndicatorsError) as failure:
        run_build(raw, out, log=io.StringIO())
    assert expected in str(failure.value)
    assert _snapshot(out) == before
    assert sorted(p.name for p in out.parent.iterdir()) == ["data"], "no half-built folder left"


def test_a_raw_file_cut_to_half_its_records_fails_against_the_previous_build(
    raw_dir, tmp_path, out
):
    def halve(text: str) -> str:
        lines = text.rstrip("\n").split("\n")
        return "\n".join(lines[: len(lines) // 2]) + "\n"

    raw = _raw_copy(raw_dir, tmp_path / "raw", EYFSP, halve)
    before = _snapshot(out)
    with pytest.raises(IndicatorsError) as failure:
        run_build(raw, out, log=io.StringIO())
    message = str(failure.value)
    assert message.startswith("indicators.csv: would have ")
    assert "dfe_eyfsp_2013_2019" in message and EYFSP in message
    assert _snapshot(out) == before
    assert sorted(p.name for p in out.parent.iterdir()) == ["data"]


def test_a_good_build_replaces_the_folder_whole_and_byte_identical(raw_dir, tmp_path, out):
    (out / paths.SOURCES_FILE).write_text("stale", encoding="utf-8")
    run_build(raw_dir, out, log=io.StringIO())
    assert _snapshot(out) == _snapshot(paths.DATA_DIR)
    assert sorted(p.name for p in out.parent.iterdir()) == ["data"]
