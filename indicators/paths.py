"""Where the project's files live."""

from __future__ import annotations

import os
from pathlib import Path

PROJECT_ROOT = Path(__file__).resolve().parent.parent
DATA_DIR = PROJECT_ROOT / "data"
DEFAULT_RAW_DIR = PROJECT_ROOT.parent / "shared" / "raw"

INDICATORS_FILE = "indicators.csv"
AREAS_FILE = "areas.csv"
BOUNDARIES_FILE = "boundaries_ctyua_2023.geojson"
TRUST_BOUNDARIES_FILE = "boundaries_ni_hsc_trusts_2017.geojson"
CODE_CHANGES_FILE = "code_changes.csv"
LA_CODES_FILE = "la_codes.csv"
NEIGHBOURS_FILE = "statistical_neighbours.csv"
SOURCES_FILE = "sources.csv"
HEADLINE_FACTS_FILE = "headline_facts.csv"
RELEASE_DATES_FILE = "release_dates.csv"
SERVICE_SITES_FILE = "service_sites.csv"
PROGRAMME_FILE = "family_hubs_programme.csv"
TEAM_COUNTS_FILE = "parent_infant_team_counts.csv"
NAMED_TEAMS_FILE = "parent_infant_teams_named_partial.csv"
MBU_FILE = "mother_and_baby_units_partial.csv"
MANIFEST_FILE = "MANIFEST.csv"
RETRIEVALS_FILE = "retrievals.csv"  # only after ``python -m indicators refresh``
DOWNLOADS_DIR = "downloads"  # the publishers' files fetched by the refresh, kept with the data


def data_dir() -> Path:
    """The data folder the app reads: ``data/``, or ``$EARLY_YEARS_DATA_DIR`` when set."""
    return Path(os.environ.get("EARLY_YEARS_DATA_DIR") or DATA_DIR)
