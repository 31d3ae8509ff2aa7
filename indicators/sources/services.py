"""Readers for service locations: children's centres (GIAS), family hubs and other sites (the
geocoded merged directory), the Family Hubs programme LAs, and the partial team/unit lists."""

from __future__ import annotations

import re
from pathlib import Path

import numpy as np
import pandas as pd

from indicators.errors import SourceFormatError
from indicators.sources.common import read_csv_text, require_columns

SITE_COLUMNS = (
    "site_id",
    "name",
    "service_type",
    "postcode",
    "lat",
    "lng",
    "location_precision",
    "lad_code",
    "area_code",
    "area_method",
    "nation",
    "source",
    "confidence",
    "note",
)
SERVICE_TYPES = {
    "childrens_centre": "Children's centre",
    "childrens_centre_linked_site": "Children's centre linked site",
    "family_hub": "Family hub (DfE list)",
    "ni_sure_start": "Sure Start (Northern Ireland)",
    "wales_flying_start_centre": "Flying Start centre (Wales)",
}
PRECISIONS = {
    "postcode": "Exact (postcode)",
    "approximate_retired_postcode": "Approximate (retired postcode)",
    "approximate_district": "Approximate (postcode district centre)",
    "not_placed": "Not placed (no postcode)",
}
_GIAS_TYPES = {"47": "childrens_centre", "48": "childrens_centre_linked_site"}


def normalise_postcode(text: str) -> str:
    """Upper case with one space before the inward code (``"cb238dy"`` -> ``"CB23 8DY"``)."""
    compact = re.sub(r"\s+", "", str(text)).upper()
    return f"{compact[:-3]} {compact[-3:]}" if len(compact) > 3 else compact


def _coordinate(
    value: str, *, path: str | Path, line: int, column: str, low: float, high: float
) -> float:
    try:
        number = float(value)
    except ValueError as error:
        raise SourceFormatError(path, f"{column} {value!r} is not a number", line=line) from error
    if not low <= number <= high:
        raise SourceFormatError(path, f"{column} {number} is outside the UK", line=line)
    return number


def read_gias_centres(
    path: str | Path, *, latlng_path: str | Path, upper_tier_of: dict[str, str]
) -> pd.DataFrame:
    """Open children's centres and linked sites from GIAS, placed by postcode.

    Args:
        path: the GIAS extract (one row per establishment, with the LAD code).
        latlng_path: postcode -> coordinates with a precision column.
        upper_tier_of: district (LAD) code -> upper-tier code (ONS April 2023 lookup).

    Returns:
        One row per site (:data:`SITE_COLUMNS`). Sites without a postcode keep their row, with
        no coordinates, so they still count in their area.

    Raises:
        SourceFormatError: a column is missing, a type is unknown, a coordinate is not valid,
            or a district code has no upper tier.
    """
    raw = read_csv_text(path)
    require_columns(
        raw,
        (
            "URN",
            "EstablishmentName",
            "TypeOfEstablishment (code)",
            "Postcode",
            "DistrictAdministrative (code)",
        ),
        path=path,
    )
    places = read_csv_text(latlng_path)
    require_columns(
        places, ("postcode", "lat", "lng", "precision", "retired_postcode"), path=latlng_path
    )
    by_postcode = {}
    for index, row in places.iterrows():
        line = int(index) + 2
        lat = _coordinate(
            row["lat"], path=latlng_path, line=line, column="lat", low=49.8, high=61.0
        )
        lng = _coordinate(row["lng"], path=latlng_path, line=line, column="lng", low=-8.7, high=2.0)
        if row["precision"] == "outcode_centroid":
            precision = "approximate_district"
        elif row["retired_postcode"] == "yes":
            precision = "approximate_retired_postcode"
        else:
            precision = "postcode"
        by_postcode[normalise_postcode(row["postcode"])] = (lat, lng, precision)
    records = []
    for index, row in raw.iterrows():
        line = int(index) + 2
        kind = _GIAS_TYPES.get(row["TypeOfEstablishment (code)"].strip())
        if kind is None:
            raise SourceFormatError(
                path,
                f"establishment type {row['TypeOfEstablishment (code)']!r} is not a children's centre",
                line=line,
            )
        lad = row["DistrictAdministrative (code)"].strip()
        if lad not in upper_tier_of:
            raise SourceFormatError(
                path, f"district code {lad!r} has no upper-tier area", line=line
            )
        postcode = normalise_postcode(row["Postcode"]) if row["Postcode"].strip() else ""
        lat, lng, precision = by_postcode.get(postcode, (np.nan, np.nan, "not_placed"))
        note = {
            "not_placed": "No postcode (or none that could be placed): counted in its area, not drawn.",
            "approximate_district": "Placed at the centre of its postcode district: approximate.",
            "approximate_retired_postcode": "Retired postcode: location approximate.",
        }.get(precision, "")
        records.append(
            {
                "site_id": f"URN {row['URN'].strip()}",
                "name": row["EstablishmentName"].strip(),
                "service_type": kind,
                "postcode": postcode,
                "lat": lat,
                "lng": lng,
                "location_precision": precision,
                "lad_code": lad,
                "area_code": upper_tier_of[lad],
                "area_method": "GIAS district code",
                "nation": "England",
                "source": "DfE Get Information About Schools (open children's centres, early 2026)",
                "confidence": "",
                "note": note,
            }
        )
    return pd.DataFrame.from_records(records, columns=list(SITE_COLUMNS))


def read_directory_sites(path: str | Path, *, gias_sites: pd.DataFrame) -> pd.DataFrame:
    """Family hubs (DfE list), NI Sure Start and the Welsh Flying Start centre from the
    geocoded merged directory, keeping its ``source`` and ``confidence``.

    A family hub that is also a GIAS children's centre (same postcode and name) takes that
    centre's district code; the others are placed in an area later by their coordinates.
    Children's-centre rows are left out: GIAS is their source.
    """
    raw = read_csv_text(path)
    require_columns(
        raw,
        (
            "venue",
            "postcode",
            "lat",
            "lng",
            "source",
            "confidence",
            "site_type",
            "in_dfe_family_hub_list",
            "retired_postcode",
            "nation",
        ),
        path=path,
    )
    wanted = raw[
        (raw["in_dfe_family_hub_list"] == "yes")
        | raw["site_type"].isin(["ni_sure_start", "wales_flying_start_centre"])
    ]
    gias = {
        (row.postcode, _name_key(row.name)): (row.lad_code, row.area_code)
        for row in gias_sites.itertuples()
    }
    records = []
    for index, row in wanted.iterrows():
        line = int(index) + 2
        kind = "family_hub" if row["in_dfe_family_hub_list"] == "yes" else row["site_type"]
        postcode = normalise_postcode(row["postcode"]) if row["postcode"].strip() else ""
        if row["lat"].strip() and row["lng"].strip():
            lat = _coordinate(row["lat"], path=path, line=line, column="lat", low=49.8, high=61.0)
            lng = _coordinate(row["lng"], path=path, line=line, column="lng", low=-8.7, high=2.0)
            precision = (
                "approximate_retired_postcode" if row["retired_postcode"] == "yes" else "postcode"
            )
        else:
            lat = lng = np.nan
            precision = "not_placed"
        lad, area = gias.get((postcode, _name_key(row["venue"])), ("", ""))
        records.append(
            {
                "site_id": f"directory {index + 1}",
                "name": row["venue"].strip(),
                "service_type": kind,
                "postcode": postcode,
                "lat": lat,
                "lng": lng,
                "location_precision": precision,
                "lad_code": lad,
                "area_code": area,
                "area_method": "GIAS district code (matched centre)" if area else "",
                "nation": row["nation"].strip(),
                "source": row["source"].strip(),
                "confidence": row["confidence"].strip(),
                "note": "Retired postcode: location approximate."
                if precision == "approximate_retired_postcode"
                else "",
            }
        )
    return pd.DataFrame.from_records(records, columns=list(SITE_COLUMNS))


def _name_key(name: str) -> str:
    return re.sub(r"[^a-z0-9]", "", str(name).lower())


#: A site this close to one area, but inside none of the generalised boundaries, is placed in it.
NEAREST_AREA_TOLERANCE_M = 200.0


def place_in_areas(sites: pd.DataFrame, boundaries) -> pd.DataFrame:
    """Give sites without an area the upper-tier area their coordinates fall in.

    Args:
        sites: site rows; those with ``area_code`` set are left alone.
        boundaries: GeoDataFrame of the map areas (``area_code``, geometry; WGS84).
    """
    import geopandas as gpd

    out = sites.copy()
    todo = out["area_code"].eq("") & out["lat"].notna()
    if todo.any():
        points = gpd.GeoDataFrame(
            out.loc[todo, ["site_id"]],
            geometry=gpd.points_from_xy(out.loc[todo, "lng"], out.loc[todo, "lat"]),
            crs=4326,
        )
        joined = gpd.sjoin(
            points, boundaries[["area_code", "geometry"]], how="left", predicate="within"
        )
        joined = joined[~joined.index.duplicated(keep="first")]
        found = joined["area_code"].fillna("")
        out.loc[todo, "area_code"] = found
        out.loc[todo, "area_method"] = np.where(found != "", "point in area (coordinates)", "")
        outside = found[found == ""].index
        if len(outside):
            # The map boundaries are generalised (BSC), so a site on the coast or an estuary
            # can fall just outside every area: take the nearest area within the tolerance.
            national_grid = boundaries[["area_code", "geometry"]].to_crs(27700)
            stray = points.loc[outside].to_crs(27700)
            nearest = gpd.sjoin_nearest(
                stray,
                national_grid,
                how="left",
                max_distance=NEAREST_AREA_TOLERANCE_M,
                distance_col="distance_m",
            )
            nearest = nearest[~nearest.index.duplicated(keep="first")].dropna(subset=["area_code"])
            out.loc[nearest.index, "area_code"] = nearest["area_code"]
            out.loc[nearest.index, "area_method"] = [
                f"nearest area: point {d:.0f} m outside the generalised boundary "
                f"(tolerance {NEAREST_AREA_TOLERANCE_M:g} m)"
                for d in nearest["distance_m"]
            ]
    return out


def read_programme_las(path: str | Path) -> pd.DataFrame:
    """Family Hubs and Start for Life LAs (75, 14 trailblazers) and Transformation Fund LAs."""
    raw = read_csv_text(path)
    require_columns(
        raw,
        (
            "la_name_published",
            "utla23_code",
            "utla23_name",
            "programme",
            "trailblazer",
            "funded_from",
            "source_url",
        ),
        path=path,
    )
    bad = raw[~raw["utla23_code"].str.match(r"^E(06|08|09|10)\d{6}$")]
    if not bad.empty:
        raise SourceFormatError(
            path,
            f"{bad['utla23_code'].iloc[0]!r} is not an upper-tier code",
            line=int(bad.index[0]) + 2,
        )
    programme = np.where(
        raw["programme"].str.contains("Transformation", case=False),
        "transformation_fund",
        "start_for_life",
    )
    out = pd.DataFrame(
        {
            "area_code": raw["utla23_code"],
            "name_published": raw["la_name_published"],
            "programme": programme,
            "trailblazer": raw["trailblazer"].str.upper().eq("Y"),
            "funded_from": raw["funded_from"],
            "source_url": raw["source_url"],
            "membership": "listed",
        }
    )
    # A later list can name the successor of an abolished member ("... names Cumberland
    # (E06000063) ..."); other successor codes in the same cell are not named: unconfirmed.
    later = []
    for row in out.itertuples(index=False):
        named = dict((code, name) for name, code in _NAMES_SUCCESSOR.findall(row.source_url))
        for code in sorted(set(_SUCCESSOR_CODE.findall(row.source_url)) - {row.area_code}):
            later.append(
                row._asdict()
                | {
                    "area_code": code,
                    "name_published": named.get(code, ""),
                    "trailblazer": False,
                    "membership": "named_later" if code in named else "unconfirmed",
                }
            )
    out = pd.concat([out, pd.DataFrame(later, columns=out.columns)], ignore_index=True)
    return out.sort_values(["programme", "area_code"], ignore_index=True)


_NAMES_SUCCESSOR = re.compile(r"names ([A-Z][A-Za-z ]+?) \((E0[6-9]\d{6})\)")
_SUCCESSOR_CODE = re.compile(r"\b(E0[6-9]\d{6})\b")


def read_simple_list(path: str | Path, *, columns: tuple[str, ...]) -> pd.DataFrame:
    """A small compiled list (team counts, named teams, mother and baby units), checked and kept as is."""
    raw = read_csv_text(path)
    require_columns(raw, columns, path=path)
    return raw[list(columns)]


_MONTH = re.compile(r"^(\d{4})-(\d{2})$")
_LEADING_COUNT = re.compile(r"^(\d+)(?:\s*\(.*\))?$")
TEAM_COUNT_COLUMNS = (
    "as_at",
    "as_at_date",
    "count",
    "count_number",
    "scope",
    "on_time_axis",
    "axis_note",
    "statement",
    "source_url",
)


def read_team_counts(path: str | Path) -> pd.DataFrame:
    """UK counts of specialised parent-infant relationship teams, as stated, ready to chart.

    A count goes on the time axis only when it is dated to a month, UK-wide and a plain number
    (``45 (plus 14 in development)`` counts as 45). Undated, approximate ("almost 40"),
    year-only restatements and other-scope rows are kept in the table with the reason they are
    not plotted, so every page draws the same series.

    Raises:
        SourceFormatError: a column is missing.
    """
    raw = read_csv_text(path)
    require_columns(raw, ("as_at", "count", "scope", "statement", "source_url"), path=path)
    rows = []
    for record in raw.to_dict("records"):
        month = _MONTH.match(record["as_at"].strip())
        number = _LEADING_COUNT.match(record["count"].strip())
        reasons = []
        if not month:
            reasons.append(
                "undated" if record["as_at"].strip() == "undated" else "dated to a year only"
            )
        if not number:
            reasons.append("not a plain count")
        if record["scope"].strip() != "UK":
            reasons.append(f"{record['scope'].strip()} only")
        rows.append(
            {
                **record,
                "as_at_date": f"{month.group(1)}-{month.group(2)}-01" if month else "",
                "count_number": float(number.group(1)) if number else np.nan,
                "on_time_axis": "no" if reasons else "yes",
                "axis_note": ("Not plotted: " + ", ".join(reasons) + ".") if reasons else "",
            }
        )
    return pd.DataFrame(rows, columns=list(TEAM_COUNT_COLUMNS))
