"""The build regenerates data/ deterministically and byte for byte."""

from __future__ import annotations

import io

import pytest

from indicators import paths
from indicators.build import run_build


@pytest.fixture(scope="module")
def two_builds(raw_dir, tmp_path_factory):
    first = tmp_path_factory.mktemp("build_a")
    second = tmp_path_factory.mktemp("build_b")
    run_build(raw_dir, first, log=io.StringIO())
    run_build(raw_dir, second, log=io.StringIO())
    return first, second


def _files(folder):
    return {p.name: p.read_bytes() for p in sorted(folder.iterdir()) if p.is_file()}


def test_build_is_deterministic(two_builds):
    first, second = two_builds
    assert _files(first) == _files(second)


def test_rebuild_equals_committed_data(two_builds):
    first, _ = two_builds
    rebuilt, committed = _files(first), _files(paths.DATA_DIR)
    assert sorted(rebuilt) == sorted(committed)
    differing = [name for name in rebuilt if rebuilt[name] != committed[name]]
    assert differing == [], f"run `python -m indicators build`: {differing} differ"


def test_build_fails_clearly_on_a_missing_raw_folder(tmp_path):
    from indicators.errors import SourceFormatError

    with pytest.raises(SourceFormatError, match="raw file not found"):
        run_build(tmp_path / "nowhere", tmp_path / "out", log=io.StringIO())


def test_command_line_reports_failure_without_traceback(tmp_path, capsys):
    from indicators.__main__ import main

    assert main(["build", "--raw", str(tmp_path / "nowhere"), "--out", str(tmp_path / "o")]) == 1
    assert "build failed" in capsys.readouterr().err
