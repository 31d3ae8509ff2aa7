"""Codes, boundaries and reorganisations.

Everything here reads the official lookups in ``shared/raw/geography`` and is run by the build;
the app only reads the prepared files in ``data/``.
"""

from __future__ import annotations

import json
from collections import defaultdict
from collections.abc import Mapping
from pathlib import Path

import numpy as np
import pandas as pd

from indicators.errors import SourceFormatError
from indicators.schema import NI_TRUST_CODES, nation_of
from indicators.sources.common import read_csv_text, require_columns

BOUNDARY_CODE = "CTYUA23CD"
BOUNDARY_NAME = "CTYUA23NM"
#: Vintage of the map geography; code changes after it are not applied.
GEOGRAPHY_YEAR = 2023
NATION_CODES = {
    "England": "E92000001",
    "Wales": "W92000004",
    "Scotland": "S92000003",
    "Northern Ireland": "N92000002",
    "United Kingdom": "K02000001",
}


# --------------------------------------------------------------------------- boundaries
def read_raw_boundaries(path: str | Path):  # -> geopandas.GeoDataFrame
    """Read the ONS CTYUA boundary GeoJSON, keeping only code, name and geometry.

    Raises:
        SourceFormatError: the file cannot be read or lacks the code/name fields.
    """
    import geopandas as gpd

    try:
        frame = gpd.read_file(path)
    except Exception as error:  # pyogrio raises several types for unreadable files
        raise SourceFormatError(path, f"cannot be read as GeoJSON: {error}") from error
    missing = [c for c in (BOUNDARY_CODE, BOUNDARY_NAME) if c not in frame.columns]
    if missing:
        raise SourceFormatError(path, f"missing boundary fields: {', '.join(missing)}")
    if frame.crs is None:
        frame = frame.set_crs(4326)  # ONS GeoJSON is WGS84 even when the CRS is not written
    frame = frame.rename(columns={BOUNDARY_CODE: "area_code", BOUNDARY_NAME: "area_name"})
    return frame[["area_code", "area_name", "geometry"]].sort_values("area_code", ignore_index=True)


TRUST_CODE = "trust18_code"
TRUST_NAME = "trust18_name"


def read_raw_trust_boundaries(path: str | Path):  # -> geopandas.GeoDataFrame
    """Read the Northern Ireland HSC trust boundaries (geographr's 2017 trust file).

    Keeps the trust code (``BHSCT`` …, not a GSS code) as ``area_code`` and the name as
    "<name> HSC Trust", as in the area table.

    Raises:
        SourceFormatError: the file cannot be read, lacks the fields, or has a trust code
            this project does not know.
    """
    import geopandas as gpd

    try:
        frame = gpd.read_file(path)
    except Exception as error:  # pyogrio raises several types for unreadable files
        raise SourceFormatError(path, f"cannot be read as GeoJSON: {error}") from error
    missing = [c for c in (TRUST_CODE, TRUST_NAME) if c not in frame.columns]
    if missing:
        raise SourceFormatError(path, f"missing trust fields: {', '.join(missing)}")
    unknown = sorted(set(frame[TRUST_CODE]) - set(NI_TRUST_CODES))
    if unknown or len(frame) != len(NI_TRUST_CODES):
        raise SourceFormatError(
            path,
            f"expected the {len(NI_TRUST_CODES)} HSC trusts, found {sorted(frame[TRUST_CODE])}",
        )
    if frame.crs is None:
        frame = frame.set_crs(4326)
    frame = frame.rename(columns={TRUST_CODE: "area_code"})
    frame["area_name"] = frame["area_code"].map(lambda code: f"{NI_TRUST_CODES[code]} HSC Trust")
    return frame[["area_code", "area_name", "geometry"]].sort_values("area_code", ignore_index=True)


def simplify_boundaries(frame, *, tolerance_m: float = 400.0, decimals: int = 4):
    """Topology-preserving simplification for the web map.

    Simplifies the whole coverage at once with ``shapely.coverage_simplify`` in British National
    Grid metres, so neighbours keep identical shared edges (no gaps, no overlaps), then returns
    to WGS84 and rounds coordinates.

    Args:
        frame: boundaries from :func:`read_raw_boundaries`.
        tolerance_m: simplification tolerance in metres.
        decimals: decimal places kept in longitude/latitude (4 is about 10 m).

    Returns:
        A new GeoDataFrame with valid geometries.
    """
    import shapely

    projected = frame.to_crs(27700)
    simplified = shapely.coverage_simplify(projected.geometry.values, tolerance_m)
    out = projected.set_geometry(simplified).to_crs(4326)
    rounded = shapely.set_precision(out.geometry.values, 10.0**-decimals)
    return out.set_geometry(shapely.make_valid(rounded))


def boundaries_geojson_text(frame) -> str:
    """Deterministic, compact GeoJSON text (``id`` is the GSS code)."""
    import shapely

    features = []
    for row in frame.itertuples(index=False):
        geometry = json.loads(shapely.to_geojson(row.geometry))
        features.append(
            {
                "type": "Feature",
                "id": row.area_code,
                "properties": {"area_code": row.area_code, "area_name": row.area_name},
                "geometry": geometry,
            }
        )
    collection = {"type": "FeatureCollection", "features": features}
    return json.dumps(collection, separators=(",", ":"), ensure_ascii=False) + "\n"


def read_boundaries(path: str | Path) -> dict:
    """Read a prepared boundary GeoJSON as a plain dict (what plotly needs).

    Raises:
        SourceFormatError: the file is missing or is not a GeoJSON feature collection.
    """
    try:
        with open(path, encoding="utf-8") as handle:
            collection = json.load(handle)
    except (OSError, json.JSONDecodeError) as error:
        raise SourceFormatError(path, f"cannot read boundaries: {error}") from error
    if collection.get("type") != "FeatureCollection" or not collection.get("features"):
        raise SourceFormatError(path, "not a GeoJSON FeatureCollection with features")
    for number, feature in enumerate(collection["features"]):
        if not str(feature.get("id", "")).strip():
            raise SourceFormatError(path, f"feature {number} has no id (GSS code)")
    return collection


# --------------------------------------------------------------------------- DfE codes
def read_la_code_crosswalk(path: str | Path) -> pd.DataFrame:
    """DfE 3-digit LA number -> GSS code for each year, from DfE's population file.

    Returns:
        Columns ``la_number``, ``year``, ``area_code``, ``area_name`` (one row per number and
        year), sorted.
    """
    raw = read_csv_text(path)
    require_columns(
        raw, ("time_period", "geographic_level", "old_la_code", "new_la_code", "la_name"), path=path
    )
    las = raw[raw["geographic_level"].str.strip().str.lower() == "local authority"]
    out = pd.DataFrame(
        {
            "la_number": las["old_la_code"].str.strip(),
            "year": pd.to_numeric(las["time_period"], errors="raise").astype(int),
            "area_code": las["new_la_code"].str.strip(),
            "area_name": las["la_name"].str.strip(),
        }
    )
    return out.drop_duplicates(["la_number", "year"]).sort_values(
        ["la_number", "year"], ignore_index=True
    )


def la_number_table(crosswalk: pd.DataFrame) -> pd.DataFrame:
    """Each (LA number, GSS code) pair with the first and last year it was in force."""
    grouped = crosswalk.groupby(["la_number", "area_code"], as_index=False).agg(
        area_name=("area_name", "last"), first_year=("year", "min"), last_year=("year", "max")
    )
    return grouped.sort_values(["la_number", "first_year"], ignore_index=True)


def region_codes_by_name(path: str | Path) -> dict[str, str]:
    """Lower-case English region name -> E12 code, from the ONS regions GeoJSON.

    LAIT names regions but gives no code; this official file is the bridge. ``england`` maps to
    the England code.
    """
    try:
        with open(path, encoding="utf-8") as handle:
            features = json.load(handle)["features"]
    except (OSError, json.JSONDecodeError, KeyError) as error:
        raise SourceFormatError(path, f"cannot read regions: {error}") from error
    names = {f["properties"]["RGN23NM"].lower(): f["properties"]["RGN23CD"] for f in features}
    names["england"] = NATION_CODES["England"]
    return names


# --------------------------------------------------------------------------- reorganisations
def read_code_changes(
    *,
    changes_path: str | Path,
    ltla14_path: str | Path,
    ltla_utla23_path: str | Path,
    ltla_years_path: str | Path,
) -> pd.DataFrame:
    """Upper-tier predecessor -> successor codes, derived from the ONS district-level changes.

    A district's upper-tier area in 2014 (its county, or itself if unitary) is followed through
    every recorded change up to :data:`GEOGRAPHY_YEAR` to its upper-tier area in 2023.

    Returns:
        Columns ``predecessor_code``, ``predecessor_name``, ``successor_code``,
        ``successor_name``, ``year`` and ``kind``: ``same_area`` (one to one, same territory),
        ``boundary_change`` (one to one, boundary adjusted), ``merger`` (several whole areas
        into one), ``split`` (one into several) or ``merger_and_split``.
    """
    changes = read_csv_text(changes_path)
    require_columns(
        changes, ("oldcd", "oldnm", "newcd", "newnm", "type", "start"), path=changes_path
    )
    ltla14 = read_csv_text(ltla14_path)
    require_columns(ltla14, ("ltlacd", "ltlanm", "ctycd", "ctynm"), path=ltla14_path)
    utla23 = read_csv_text(ltla_utla23_path)
    require_columns(utla23, ("LTLA23CD", "UTLA23CD", "UTLA23NM"), path=ltla_utla23_path)
    years = read_csv_text(ltla_years_path)

    first_seen: dict[str, int] = {}
    for column in sorted(c for c in years.columns if c.endswith("_code")):
        year = 2000 + int(column[4:6])
        for code in years[column]:
            first_seen.setdefault(code, year)

    district_changes = changes[
        changes["newcd"].str.match(r"^[EWS]0[6-9]|^E07|^S12")
        & changes["type"].isin(["merger", "new_code", "new_geo"])
    ].copy()
    district_changes["year"] = [
        int(start) if start.strip().isdigit() else first_seen.get(new, 0)
        for start, new in zip(district_changes["start"], district_changes["newcd"], strict=True)
    ]
    district_changes = district_changes[district_changes["year"] <= GEOGRAPHY_YEAR]
    step = dict(zip(district_changes["oldcd"], district_changes["newcd"], strict=True))
    step_year = dict(zip(district_changes["oldcd"], district_changes["year"], strict=True))
    step_type = dict(zip(district_changes["oldcd"], district_changes["type"], strict=True))

    upper23 = dict(zip(utla23["LTLA23CD"], utla23["UTLA23CD"], strict=True))
    upper23_name = dict(zip(utla23["UTLA23CD"], utla23["UTLA23NM"], strict=True))
    new_names = dict(zip(changes["newcd"], changes["newnm"], strict=True))

    successors: dict[str, set[str]] = defaultdict(set)
    predecessors: dict[str, set[str]] = defaultdict(set)
    names: dict[str, str] = {}
    year_of: dict[tuple[str, str], int] = {}
    boundary_changed: set[tuple[str, str]] = set()
    for row in ltla14.itertuples(index=False):
        before = row.ctycd or row.ltlacd
        names[before] = row.ctynm or row.ltlanm
        code, year, geo = row.ltlacd, 0, False
        while code in step:
            year = max(year, step_year[code])
            geo = geo or step_type[code] == "new_geo"
            code = step[code]
        after = upper23.get(code, code)
        names.setdefault(after, upper23_name.get(after, new_names.get(after, after)))
        if after != before:
            successors[before].add(after)
            predecessors[after].add(before)
            year_of[(before, after)] = max(year, year_of.get((before, after), 0))
            if geo:
                boundary_changed.add((before, after))
    rows = []
    for before, afters in successors.items():
        for after in afters:
            split = len(afters) > 1
            merger = len(predecessors[after]) > 1
            kind = {
                (False, False): "same_area",
                (True, False): "split",
                (False, True): "merger",
                (True, True): "merger_and_split",
            }[(split, merger)]
            if kind == "same_area" and (before, after) in boundary_changed:
                kind = "boundary_change"
            rows.append(
                {
                    "predecessor_code": before,
                    "predecessor_name": names.get(before, before),
                    "successor_code": after,
                    "successor_name": names.get(after, after),
                    "year": year_of[(before, after)],
                    "kind": kind,
                }
            )
    frame = pd.DataFrame(
        rows,
        columns=[
            "predecessor_code",
            "predecessor_name",
            "successor_code",
            "successor_name",
            "year",
            "kind",
        ],
    )
    return frame.sort_values(["year", "successor_code", "predecessor_code"], ignore_index=True)


def recoded_after_map_year(changes_path: str | Path) -> dict[str, str]:
    """District codes that changed only in code after :data:`GEOGRAPHY_YEAR` (e.g. Barnsley
    and Sheffield in 2025) -> the code the map geography uses for the same area."""
    changes = read_csv_text(changes_path)
    require_columns(changes, ("oldcd", "newcd", "type", "start"), path=changes_path)
    later = changes[(changes["type"] == "new_code") & changes["start"].str.isdigit()]
    later = later[later["start"].astype(int) > GEOGRAPHY_YEAR]
    return dict(zip(later["newcd"], later["oldcd"], strict=True))


def successor_rules(code_changes: pd.DataFrame) -> dict[str, list[str]]:
    """Successors that can honestly be built from their predecessors' published figures.

    A successor qualifies when every predecessor lies wholly inside it (``same_area`` or
    ``merger``); a split or a boundary change cannot be rebuilt from the published areas.

    Returns:
        successor code -> its predecessor codes.
    """
    whole = code_changes[code_changes["kind"].isin(["same_area", "merger"])]
    rules: dict[str, list[str]] = {}
    for successor, group in whole.groupby("successor_code"):
        every = code_changes[code_changes["successor_code"] == successor]
        if len(every) == len(group):
            rules[successor] = sorted(group["predecessor_code"])
    return rules


# --------------------------------------------------------------------------- statistical neighbours
def read_statistical_neighbours(
    path: str | Path, *, model: str, crosswalk: pd.DataFrame, year: int
) -> pd.DataFrame:
    """DfE statistical neighbours (10 per LA), keyed by GSS code.

    Args:
        path: the DfE file (2021 or 2025 model layout; the LA number is the first column and
            neighbours are the columns named like ``SN1``/``SN_1``).
        model: label stored with every row (``"2021"`` or ``"2025"``).
        crosswalk: from :func:`read_la_code_crosswalk`.
        year: the year whose codes the model uses.

    Returns:
        Columns ``model``, ``area_code``, ``rank``, ``neighbour_code``, ``closeness``.

    Raises:
        SourceFormatError: a number has no GSS code in ``year``.
    """
    raw = pd.read_csv(path, dtype=str, keep_default_na=False, encoding="utf-8-sig", header=None)
    header = [str(c).strip() for c in raw.iloc[0]]
    body = raw.iloc[1:]
    neighbour_columns = [
        i
        for i, name in enumerate(header)
        if name.replace("_", "").upper().startswith("SN")
        and name.replace("_", "").upper()[2:].isdigit()
    ]
    # The code each number had in ``year``, or last had before it (the 2021 file lists the
    # neighbours of areas abolished in 2019 and 2021 too).
    upto = crosswalk[crosswalk["year"] <= year].sort_values("year")
    code_of = dict(zip(upto["la_number"], upto["area_code"], strict=True))
    rows = []
    for offset, (_, line) in enumerate(body.iterrows()):
        number = str(line.iloc[0]).strip()
        if not number.isdigit():
            continue  # blank separator or a heading such as "Old SNs:"
        if number not in code_of:
            raise SourceFormatError(
                path, f"LA number {number} has no GSS code in {year}", line=offset + 2
            )
        for rank, column in enumerate(neighbour_columns, start=1):
            neighbour = str(line.iloc[column]).strip()
            if neighbour not in code_of:
                raise SourceFormatError(
                    path, f"neighbour {neighbour!r} has no GSS code in {year}", line=offset + 2
                )
            rows.append(
                {
                    "model": model,
                    "area_code": code_of[number],
                    "rank": rank,
                    "neighbour_code": code_of[neighbour],
                    "closeness": str(line.iloc[column + 1]).strip(),
                }
            )
    return pd.DataFrame(rows).sort_values(["model", "area_code", "rank"], ignore_index=True)


# --------------------------------------------------------------------------- population
def _sum_under_five(frame: pd.DataFrame, *, path: str | Path) -> pd.Series:
    ages = [str(age) for age in range(5)]
    require_columns(frame, ages, path=path)
    return frame[ages].apply(pd.to_numeric, errors="raise").sum(axis=1)


def read_under5_population(
    *,
    ew_path: str | Path,
    scotland_path: str | Path,
    ltla_years_path: str | Path,
    ltla_utla23_path: str | Path,
) -> pd.DataFrame:
    """Children aged 0-4 by 2023 upper-tier area (England, Wales, Scotland).

    England and Wales: ONS mid-2020 estimates by 2021 district, moved to 2023 districts and
    summed to upper tier. Scotland: NRS mid-2022 by council area. Northern Ireland: none here.

    Returns:
        Columns ``area_code``, ``under5_population``, ``population_period``, ``population_source``.
    """
    ew = read_csv_text(ew_path)
    require_columns(ew, ("ltla21_code",), path=ew_path)
    years = read_csv_text(ltla_years_path)
    to23 = dict(zip(years["ltla21_code"], years["ltla23_code"], strict=True))
    utla = read_csv_text(ltla_utla23_path)
    upper = dict(zip(utla["LTLA23CD"], utla["UTLA23CD"], strict=True))
    ew = ew.assign(
        under5=_sum_under_five(ew, path=ew_path),
        area_code=[
            upper.get(to23.get(code, code), to23.get(code, code)) for code in ew["ltla21_code"]
        ],
    )
    ew_total = ew.groupby("area_code", as_index=False)["under5"].sum()
    ew_total["population_period"] = "mid-2020"
    ew_total["population_source"] = "ONS mid-year population estimates, mid-2020"

    scotland = read_csv_text(scotland_path)
    require_columns(scotland, ("ltla19_code", "sex"), path=scotland_path)
    scotland = scotland[scotland["sex"].str.lower() == "persons"]
    scot_total = pd.DataFrame(
        {
            "area_code": scotland["ltla19_code"].str.strip(),
            "under5": _sum_under_five(scotland, path=scotland_path),
            "population_period": "mid-2022",
            "population_source": "National Records of Scotland mid-year population estimates, mid-2022",
        }
    )
    out = pd.concat([ew_total, scot_total], ignore_index=True)
    out = out.rename(columns={"under5": "under5_population"})
    out["under5_population"] = out["under5_population"].astype(int)
    return out.sort_values("area_code", ignore_index=True)


def cohort_size(
    *,
    ew_path: str | Path,
    ltla_years_path: str | Path,
    ltla_utla23_path: str | Path,
    ages: tuple[int, ...],
) -> dict[str, float]:
    """Mean resident children per single year of age over ``ages``, by 2023 upper-tier area.

    England and Wales only (ONS mid-2020 estimates by 2021 district, moved to 2023 districts and
    summed to upper tier). Used to judge how many of an area's children a count covers.

    Returns:
        upper-tier code -> mean number of children in one year of age.
    """
    ew = read_csv_text(ew_path)
    columns = [str(age) for age in ages]
    require_columns(ew, ("ltla21_code", *columns), path=ew_path)
    years = read_csv_text(ltla_years_path)
    to23 = dict(zip(years["ltla21_code"], years["ltla23_code"], strict=True))
    utla = read_csv_text(ltla_utla23_path)
    upper = dict(zip(utla["LTLA23CD"], utla["UTLA23CD"], strict=True))
    codes = [upper.get(to23.get(code, code), to23.get(code, code)) for code in ew["ltla21_code"]]
    mean = ew[columns].apply(pd.to_numeric, errors="raise").sum(axis=1) / len(columns)
    return {code: float(total) for code, total in mean.groupby(codes).sum().items()}


# --------------------------------------------------------------------------- areas
def build_area_table(
    *,
    boundaries: pd.DataFrame,
    regions_path: str | Path,
    hierarchy_path: str | Path,
    ltla14_path: str | Path,
    code_changes: pd.DataFrame,
    population: pd.DataFrame,
    la_numbers: pd.DataFrame,
) -> pd.DataFrame:
    """Every area the project knows: UK, nations, regions, the 218 map areas and predecessors.

    Returns:
        Columns ``area_code``, ``area_name``, ``area_level``, ``nation``, ``region_code``,
        ``region_name``, ``in_map``, ``successor_codes``, ``la_numbers``, ``under5_population``,
        ``population_period``, ``population_source``.
    """
    with open(regions_path, encoding="utf-8") as handle:
        regions = {
            f["properties"]["RGN23CD"]: f["properties"]["RGN23NM"]
            for f in json.load(handle)["features"]
        }
    hierarchy = read_csv_text(hierarchy_path)
    region_of: dict[str, str] = {}
    for row in hierarchy[hierarchy["AreaType"] == "Regions"].itertuples(index=False):
        for child in row.Children.split("|"):
            region_of[child] = row.AreaCode
    ltla14 = read_csv_text(ltla14_path)
    for row in ltla14.itertuples(index=False):
        region_of.setdefault(row.ctycd or row.ltlacd, row.rgncd)

    rows = [
        {
            "area_code": code,
            "area_name": name,
            "area_level": "uk" if name == "United Kingdom" else "country",
        }
        for name, code in NATION_CODES.items()
    ]
    rows += [
        {"area_code": code, "area_name": name, "area_level": "region"}
        for code, name in regions.items()
    ]
    rows += [
        {"area_code": row.area_code, "area_name": row.area_name, "area_level": "la", "in_map": True}
        for row in boundaries.itertuples(index=False)
    ]
    in_map = set(boundaries["area_code"])
    for row in code_changes.drop_duplicates("predecessor_code").itertuples(index=False):
        if row.predecessor_code not in in_map:
            rows.append(
                {
                    "area_code": row.predecessor_code,
                    "area_name": row.predecessor_name,
                    "area_level": "la",
                }
            )
    areas = pd.DataFrame(rows)
    areas["in_map"] = areas["area_code"].isin(in_map)
    areas["nation"] = areas["area_code"].map(nation_of)
    areas["region_code"] = areas["area_code"].map(region_of).fillna("")
    areas.loc[areas["area_level"] != "la", "region_code"] = ""
    areas["region_name"] = areas["region_code"].map(regions).fillna("")
    successors = code_changes.groupby("predecessor_code")["successor_code"].agg(
        lambda s: "|".join(sorted(s))
    )
    areas["successor_codes"] = areas["area_code"].map(successors).fillna("")
    numbers = la_numbers.groupby("area_code")["la_number"].agg(lambda s: "|".join(sorted(set(s))))
    areas["la_numbers"] = areas["area_code"].map(numbers).fillna("")
    areas = areas.merge(population, on="area_code", how="left")
    areas["under5_population"] = areas["under5_population"].astype("Int64")
    for column in ("population_period", "population_source"):
        areas[column] = areas[column].fillna("")
    order = {"uk": 0, "country": 1, "region": 2, "la": 3}
    areas["_order"] = areas["area_level"].map(order)
    areas = areas.sort_values(["_order", "area_code"], ignore_index=True).drop(columns="_order")
    return areas


def with_ni_trusts(areas: pd.DataFrame, *, trust_of: Mapping[str, str]) -> pd.DataFrame:
    """``areas`` plus one row per Northern Ireland HSC trust (level ``health_board``).

    Trusts are not on the council-area map (``in_map`` is false). Each NI council's trust is
    written in ``trust_code`` (a best-fit lookup: trusts are not exactly co-terminous with the
    2014 councils), so a council's profile can show the trust figure it falls under.
    """
    trusts = pd.DataFrame(
        {
            "area_code": list(NI_TRUST_CODES),
            "area_name": [f"{name} HSC Trust" for name in NI_TRUST_CODES.values()],
            "area_level": "health_board",
            "in_map": False,
            "nation": "Northern Ireland",
        }
    )
    out = pd.concat([areas, trusts], ignore_index=True)
    for column in ("region_code", "region_name", "successor_codes", "la_numbers"):
        out[column] = out[column].fillna("")
    for column in ("population_period", "population_source"):
        out[column] = out[column].fillna("")
    out["trust_code"] = out["area_code"].map(trust_of).fillna("")
    return out


def region_lookup(areas: pd.DataFrame) -> Mapping[str, str]:
    """area code -> region code for English local authorities."""
    las = areas[(areas["area_level"] == "la") & (areas["region_code"] != "")]
    return dict(zip(las["area_code"], las["region_code"], strict=True))


def check_coverage(frame) -> dict[str, float]:
    """Gap and overlap measures for a boundary coverage (areas in km²), for tests and the build."""
    import shapely

    projected = frame.to_crs(27700).geometry
    total = float(projected.area.sum())
    union = shapely.union_all(projected.values)
    return {
        "sum_of_areas_km2": total / 1e6,
        "union_area_km2": float(union.area) / 1e6,
        "overlap_km2": (total - float(union.area)) / 1e6,
        "coverage_valid": bool(shapely.coverage_is_valid(projected.values)),
        "invalid_geometries": int((~shapely.is_valid(projected.values)).sum()),
        "empty_geometries": int(np.sum(shapely.is_empty(projected.values))),
    }
