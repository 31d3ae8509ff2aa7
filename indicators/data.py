"""Reading the prepared data and asking it questions. Plain Python: no Streamlit here.

Pages go through :mod:`indicators.loaders` (cached wrappers of the ``read_*`` functions) and
the query functions below; tests call the same functions with fixture paths.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd

from indicators import paths
from indicators.catalogue import ATTRIBUTION, get_indicator
from indicators.errors import SchemaError, SourceFormatError
from indicators.geography import read_boundaries
from indicators.schema import read_tidy_csv

AREA_COLUMNS = (
    "area_code",
    "area_name",
    "area_level",
    "nation",
    "region_code",
    "region_name",
    "in_map",
)


def read_indicators(path: str | Path = paths.DATA_DIR / paths.INDICATORS_FILE) -> pd.DataFrame:
    """The tidy indicator table, validated.

    Raises:
        SchemaError: the file is missing or invalid (names the file and line).
    """
    return read_tidy_csv(path)


def read_areas(path: str | Path = paths.DATA_DIR / paths.AREAS_FILE) -> pd.DataFrame:
    """The area table (codes, names, levels, regions, map membership).

    Raises:
        SourceFormatError: the file is missing or lacks columns.
    """
    try:
        areas = pd.read_csv(path, dtype=str, keep_default_na=False)
    except (OSError, pd.errors.ParserError, UnicodeDecodeError) as error:
        raise SourceFormatError(path, f"cannot read areas: {error}") from error
    missing = [c for c in AREA_COLUMNS if c not in areas.columns]
    if missing:
        raise SourceFormatError(path, f"missing columns: {', '.join(missing)}")
    areas["in_map"] = areas["in_map"].str.lower() == "true"
    areas["under5_population"] = pd.to_numeric(areas.get("under5_population"), errors="coerce")
    return areas


def read_sources(path: str | Path = paths.DATA_DIR / paths.SOURCES_FILE) -> pd.DataFrame:
    """The sources cited by the indicator rows, indexed by source id."""
    try:
        return pd.read_csv(path, dtype=str, keep_default_na=False).set_index("id")
    except (OSError, pd.errors.ParserError, KeyError) as error:
        raise SourceFormatError(path, f"cannot read sources: {error}") from error


def read_neighbours(path: str | Path = paths.DATA_DIR / paths.NEIGHBOURS_FILE) -> pd.DataFrame:
    """DfE statistical neighbours by GSS code (columns model, area_code, rank, neighbour_code)."""
    try:
        neighbours = pd.read_csv(
            path, dtype={"model": str, "area_code": str, "neighbour_code": str}
        )
    except (OSError, pd.errors.ParserError) as error:
        raise SourceFormatError(path, f"cannot read neighbours: {error}") from error
    missing = [
        c for c in ("model", "area_code", "rank", "neighbour_code") if c not in neighbours.columns
    ]
    if missing:
        raise SourceFormatError(path, f"missing columns: {', '.join(missing)}")
    return neighbours


def read_headline_facts(
    path: str | Path = paths.DATA_DIR / paths.HEADLINE_FACTS_FILE,
) -> pd.DataFrame:
    """Headline facts from official and campaign publications (with source and quote)."""
    try:
        facts = pd.read_csv(path, dtype=str, keep_default_na=False)
    except (OSError, pd.errors.ParserError) as error:
        raise SourceFormatError(path, f"cannot read headline facts: {error}") from error
    facts["value"] = pd.to_numeric(facts["value"].replace("", np.nan), errors="coerce")
    return facts


def read_release_dates(
    path: str | Path = paths.DATA_DIR / paths.RELEASE_DATES_FILE,
) -> pd.DataFrame:
    """Last update and next release dates known for indicators (from the LAIT dictionary)."""
    try:
        return pd.read_csv(path, dtype=str, keep_default_na=False)
    except (OSError, pd.errors.ParserError) as error:
        raise SourceFormatError(path, f"cannot read release dates: {error}") from error


def read_service_sites(
    path: str | Path = paths.DATA_DIR / paths.SERVICE_SITES_FILE,
) -> pd.DataFrame:
    """Service sites with coordinates (empty where not placed) and their upper-tier area."""
    try:
        sites = pd.read_csv(path, dtype=str, keep_default_na=False)
    except (OSError, pd.errors.ParserError) as error:
        raise SourceFormatError(path, f"cannot read service sites: {error}") from error
    for column in ("lat", "lng"):
        sites[column] = pd.to_numeric(sites[column].replace("", np.nan), errors="coerce")
    return sites


def read_service_lists(folder: str | Path = paths.DATA_DIR) -> dict[str, pd.DataFrame]:
    """Programme LAs, parent-infant team counts, named teams (partial) and MBUs (partial)."""
    files = {
        "programme": paths.PROGRAMME_FILE,
        "team_counts": paths.TEAM_COUNTS_FILE,
        "named_teams": paths.NAMED_TEAMS_FILE,
        "mbus": paths.MBU_FILE,
    }
    out = {}
    for key, name in files.items():
        try:
            out[key] = pd.read_csv(Path(folder) / name, dtype=str, keep_default_na=False)
        except (OSError, pd.errors.ParserError) as error:
            raise SourceFormatError(Path(folder) / name, f"cannot read: {error}") from error
    out["team_counts"]["count_number"] = pd.to_numeric(
        out["team_counts"]["count_number"], errors="coerce"
    )
    return out


def read_map_boundaries(path: str | Path = paths.DATA_DIR / paths.BOUNDARIES_FILE) -> dict:
    """The prepared map boundaries as a GeoJSON dict (feature ``id`` = GSS code)."""
    return read_boundaries(path)


def order_periods(rows: pd.DataFrame) -> list[str]:
    """Distinct periods of ``rows``, oldest first by end date; of two ending together, the
    longer (e.g. the whole year before its last quarter) counts as later."""
    ordered = rows.drop_duplicates("period").sort_values(
        ["period_end", "period_start"], ascending=[True, False]
    )
    return ordered["period"].tolist()


def caption_for(
    indicator_id: str, *, period: str, sources: pd.DataFrame, source_ids: list[str]
) -> str:
    """Source, publisher, period and licence for a chart, as one caption."""
    indicator = get_indicator(indicator_id)
    cited = []
    for source_id in sorted(set(source_ids)):
        if source_id and source_id in sources.index:
            source = sources.loc[source_id]
            cited.append(f"{source['title']} ({source['publisher']}), {source['url']}")
    return (
        f"{indicator.title}, {period}. Publisher: {indicator.publisher}. "
        f"Source: {'; '.join(cited) if cited else indicator.source_url}. "
        f"Licence: {indicator.licence}. {ATTRIBUTION}"
    )


__all__ = [
    "SchemaError",
    "caption_for",
    "read_areas",
    "read_headline_facts",
    "read_indicators",
    "read_map_boundaries",
    "read_neighbours",
    "read_release_dates",
    "read_sources",
]
