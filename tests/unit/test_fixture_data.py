"""The SYNTHETIC fixture data folder keeps a MANIFEST.csv like data/'s, and it is correct."""

from __future__ import annotations

import csv
import hashlib
import json

from indicators import paths
from tests.conftest import FIXTURE_DATA, FIXTURES


def test_fixture_manifest_matches_its_files():
    with open(FIXTURE_DATA / paths.MANIFEST_FILE, newline="", encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    with open(paths.DATA_DIR / paths.MANIFEST_FILE, newline="", encoding="utf-8") as handle:
        assert list(rows[0]) == csv.DictReader(handle).fieldnames  # same columns as data/
    listed = {row["file"] for row in rows}
    present = {p.name for p in FIXTURE_DATA.iterdir()} - {paths.MANIFEST_FILE}
    assert listed == present
    for row in rows:
        content = (FIXTURE_DATA / row["file"]).read_bytes()
        assert int(row["bytes"]) == len(content), row["file"]
        assert row["sha256"] == hashlib.sha256(content).hexdigest(), row["file"]
        if row["file"].endswith(".geojson"):
            count = len(json.loads(content)["features"])
        else:
            count = len(content.decode("utf-8").splitlines()) - 1  # minus the header
        assert int(row["rows"]) == count, row["file"]
        assert "SYNTHETIC" in row["description"]


def test_fixture_is_labelled_synthetic():
    readme = (FIXTURES / "README.md").read_text(encoding="utf-8")
    assert "data/" in readme and "SYNTHETIC" in readme
