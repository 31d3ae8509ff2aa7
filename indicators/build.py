"""``python -m indicators build``: rebuild every file in ``data/`` from the raw official files.

The build is deterministic: the same raw files give byte-identical outputs.
"""

from __future__ import annotations

import hashlib
import os
import shutil
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import asdict
from pathlib import Path
from typing import TextIO

import numpy as np
import pandas as pd

from indicators import geography, paths
from indicators import validate as checks
from indicators.catalogue import CATALOGUE, OGL, OWN_TERMS, SOURCES, Source
from indicators.errors import IndicatorsError, SourceFormatError
from indicators.schema import COLUMNS, KEY, add_flag, conform, flag_set, validate
from indicators.services import service_indicators, site_counts_by_precision
from indicators.sources import services as service_sources
from indicators.sources.asq3 import SOURCE_ID as ASQ3_SOURCE_ID
from indicators.sources.asq3 import cohort_for_codes as asq3_cohort_for_codes
from indicators.sources.asq3 import cohort_reach, read_asq3_quarterly
from indicators.sources.devolved import read_healthindex_devolved, read_ni_trust_lookup
from indicators.sources.dfe_eyfsp import read_eyfsp_2013_2019, read_eyfsp_headline_2021_22
from indicators.sources.fingertips import read_fingertips_csv
from indicators.sources.lait import read_lait, read_lait_dictionary
from indicators.sources.national_series import read_headline_facts, read_national_series
from indicators.sources.scotland import (
    read_healthindex_scotland,
    read_phs_27_30_month_totals,
    read_scotpho_extract,
)
from indicators.stats import add_wilson_intervals

BUILD_COMMAND = "python -m indicators build"
MIXED_TERMS = "Mixed: each row's source keeps its own licence (see its licence column or source)"
REFRESH_COMMAND = "python -m indicators refresh"
#: Readers of the files the refresh command downloads, by publisher (``downloads/<id>/*.csv``).
DOWNLOAD_READERS: dict[str, Callable[[Path], pd.DataFrame]] = {
    "fingertips": read_fingertips_csv,
    "phs": read_phs_27_30_month_totals,
    "dfe": lambda path: read_eyfsp_headline_2021_22(path).assign(source_id="dfe_ees_api"),
}
BOUNDARY_TOLERANCE_M = 400.0
LEVEL_ORDER = {"uk": 0, "country": 1, "region": 2, "health_board": 3, "la": 4}
#: Agreement allowed between two sources of the same figure (one is rounded to 1 d.p.).
AGREEMENT_TOLERANCE = 0.051


def sha256_of(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


class Build:
    """One run of the build: where to read, where to write, what was made."""

    def __init__(self, raw: Path, out: Path, log: TextIO, downloads: Path | None = None) -> None:
        self.raw = raw
        self.downloads = downloads
        self.out = out
        self.log = log
        self.manifest: list[dict[str, object]] = []
        self.started = time.perf_counter()

    def say(self, message: str) -> None:
        elapsed = time.perf_counter() - self.started
        print(f"[{elapsed:6.1f}s] {message}", file=self.log, flush=True)

    def raw_path(self, relative: str) -> Path:
        path = self.raw / relative
        if not path.exists():
            raise SourceFormatError(path, "raw file not found (is --raw the shared/raw folder?)")
        checks.check_raw_shape(path, shown_file=relative)  # empty, header-only or cut short
        return path

    def input_path(self, relative: str) -> Path:
        """A raw input, or a downloaded one (``downloads/…``) when the refresh runs the build."""
        if self.downloads is not None and relative.startswith("downloads/"):
            return self.downloads / relative.removeprefix("downloads/")
        return self.raw / relative

    def write(
        self,
        name: str,
        text: str,
        *,
        description: str,
        inputs: list[str],
        rows: int,
        licence: str = OGL,
    ) -> None:
        target = self.out / name
        target.write_text(text, encoding="utf-8", newline="\n")
        self.manifest.append(
            {
                "file": name,
                "description": description,
                "rows": rows,
                "bytes": target.stat().st_size,
                "sha256": sha256_of(target),
                "raw_inputs": ";".join(
                    f"{i}:{sha256_of(self.input_path(i))}" for i in sorted(set(inputs))
                ),
                "licence": licence,
                "made_by": BUILD_COMMAND,
            }
        )
        self.say(f"wrote {name} ({rows} rows, {target.stat().st_size:,} bytes)")

    def write_csv(
        self,
        name: str,
        frame: pd.DataFrame,
        *,
        description: str,
        inputs: list[str],
        licence: str = OGL,
    ) -> None:
        self.write(
            name,
            frame.to_csv(index=False, lineterminator="\n"),
            description=description,
            inputs=inputs,
            rows=len(frame),
            licence=licence,
        )


# --------------------------------------------------------------------------- combining
def combine(frames: list[pd.DataFrame], *, log: Callable[[str], None]) -> pd.DataFrame:
    """Stack reader outputs; where two sources give the same key, the earlier one wins.

    A disagreement beyond rounding between the kept and the dropped value is reported.
    """
    stacked = pd.concat([conform(f) for f in frames], ignore_index=True)
    stacked["_rank"] = np.arange(len(stacked))
    duplicated = stacked.duplicated(list(KEY), keep=False)
    clashes = stacked[duplicated].sort_values("_rank").groupby(list(KEY), sort=True)
    disagreements = 0
    for key, group in clashes:
        values = group["value"].dropna()
        if len(values) > 1 and (values - values.iloc[0]).abs().max() > AGREEMENT_TOLERANCE:
            disagreements += 1
            if disagreements <= 10:
                log(
                    f"  sources disagree on {key}: kept {values.iloc[0]} ({group['source_id'].iloc[0]}), "
                    f"others {values.iloc[1:].tolist()} ({', '.join(group['source_id'].iloc[1:])})"
                )
    if disagreements:
        log(f"  {disagreements} keys where sources disagree beyond rounding")
    kept = stacked.sort_values("_rank").drop_duplicates(list(KEY), keep="first")
    return kept.drop(columns="_rank")


def apply_no_data_periods(frame: pd.DataFrame) -> pd.DataFrame:
    """Mark missing values in the catalogue's no-data periods (COVID) with their reason."""
    out = frame.copy()
    for indicator in CATALOGUE.values():
        for period, reason in indicator.no_data_periods.items():
            rows = (
                (out["indicator_id"] == indicator.id)
                & (out["period"] == period)
                & ~out["status"].isin(["ok", "low_reliability"])
            )
            out.loc[rows, "status"] = "covid_no_data"
            out.loc[rows, "note"] = reason
    return out


def mark_area_status(frame: pd.DataFrame, *, map_codes: set[str]) -> pd.DataFrame:
    """Local-authority rows whose code is not in the map geography are predecessors."""
    out = frame.copy()
    predecessor = (out["area_level"] == "la") & ~out["area_code"].isin(map_codes)
    out.loc[predecessor, "area_status"] = "predecessor"
    return out


def build_successors(
    frame: pd.DataFrame, *, rules: dict[str, list[str]], names: dict[str, str]
) -> pd.DataFrame:
    """Add successor rows that can honestly be built from whole predecessors.

    One predecessor with the same territory: its published figure is carried over. Several
    whole predecessors: counts are summed (only where every predecessor has counts).
    """
    las = frame[(frame["area_level"] == "la") & frame["status"].isin(["ok", "low_reliability"])]
    existing = set(map(tuple, frame[list(KEY)].to_numpy()))
    built = []
    for successor, predecessors in sorted(rules.items()):
        part = las[las["area_code"].isin(predecessors)]
        for (indicator_id, period, breakdown), group in part.groupby(
            ["indicator_id", "period", "breakdown"], sort=True
        ):
            if (indicator_id, successor, period, breakdown) in existing:
                continue
            if set(group["area_code"]) != set(predecessors):
                continue
            first = group.iloc[0].copy()
            listed = ", ".join(f"{names.get(c, c)} ({c})" for c in predecessors)
            if len(group) == 1:
                first["note"] = (
                    f"Same territory as {listed}, under whose code this figure was published. "
                    f"{first['note']}"
                ).strip()
            else:
                if group["numerator"].isna().any() or group["denominator"].isna().any():
                    continue
                numerator, denominator = group["numerator"].sum(), group["denominator"].sum()
                first["numerator"], first["denominator"] = numerator, denominator
                first["value"] = 100.0 * numerator / denominator
                for column in ("lower_ci95", "upper_ci95", "lower_ci998", "upper_ci998"):
                    first[column] = np.nan
                first["ci_method"] = ""
                first["derivation"] = "computed_from_counts"
                first["note"] = f"Sum of the published counts of {listed}."
                first["flags"] = ";".join(sorted(set().union(*map(flag_set, group["flags"]))))
            first["area_code"] = successor
            first["area_name"] = names.get(successor, successor)
            first["area_status"] = "built_from_predecessor"
            built.append(first)
    if not built:
        return frame
    return pd.concat([frame, pd.DataFrame(built)], ignore_index=True)


def aggregate_asq3(
    frame: pd.DataFrame, *, region_of: dict[str, str], names: dict[str, str]
) -> pd.DataFrame:
    """England and regional ASQ-3 values summed from LA counts.

    Each territory is counted once: successor rows copied from a predecessor
    (``built_from_predecessor``) are left out, since the predecessor's own row is summed.
    Where a published value exists for the area (England), it is kept and the LA sum is given
    in its note as a labelled, unofficial cross-check.
    """
    asq = frame[
        frame["indicator_id"].str.startswith("asq3_")
        & (frame["source_id"] == ASQ3_SOURCE_ID)
        & (frame["area_level"] == "la")
        & (frame["area_status"] != "built_from_predecessor")
    ]
    if asq.empty:
        return frame
    asq = asq.assign(region_code=asq["area_code"].map(region_of).fillna(""))
    published = frame.set_index(list(KEY)).index
    frame = frame.copy()
    records = []
    for (indicator_id, period), group in asq.groupby(["indicator_id", "period"], sort=True):
        targets = [(geography.NATION_CODES["England"], group)]
        targets += [(code, g) for code, g in group.groupby("region_code", sort=True) if code]
        for code, members in targets:
            counted = members[members["status"] == "ok"]
            if counted.empty:
                continue
            numerator, denominator = counted["numerator"].sum(), counted["denominator"].sum()
            summed = (
                f"the sum of the counts of the {len(counted)} of {len(members)} local authorities "
                "in the source file with four quarters of counts"
            )
            if (indicator_id, code, period, "all") in published:
                row = (
                    (frame["indicator_id"] == indicator_id)
                    & (frame["area_code"] == code)
                    & (frame["period"] == period)
                    & (frame["breakdown"] == "all")
                )
                frame.loc[row, "note"] = frame.loc[row, "note"] + (
                    f" For comparison, {summed} gives {100.0 * numerator / denominator:.1f}% "
                    f"({numerator:,.0f} of {denominator:,.0f}); not an official total."
                )
                continue
            first = counted.iloc[0]
            records.append(
                {
                    "indicator_id": indicator_id,
                    "area_code": code,
                    "area_name": names.get(code, code),
                    "area_level": "country" if code.startswith("E92") else "region",
                    "nation": "England",
                    "period": period,
                    "period_start": first["period_start"],
                    "period_end": first["period_end"],
                    "breakdown": "all",
                    "value": 100.0 * numerator / denominator,
                    "numerator": numerator,
                    "denominator": denominator,
                    "status": "ok",
                    "area_status": "current",
                    "derivation": "aggregated_from_las",
                    "source_id": first["source_id"],
                    "note": f"{summed[0].upper()}{summed[1:]}; not an official total.",
                }
            )
    if not records:
        return frame
    return pd.concat([frame, conform(pd.DataFrame.from_records(records))], ignore_index=True)


#: An area whose every published cohort (with counts) is smaller than this is a tiny cohort.
TINY_COHORT = 100


def flag_tiny_cohorts(frame: pd.DataFrame, *, smallest: int = TINY_COHORT) -> pd.DataFrame:
    """Flag values published without counts for areas whose cohorts are always tiny.

    An area's cohort is judged from the rows of the same indicator that do have counts (all
    children); where the largest is under ``smallest``, rows with a value but no denominator
    (a percentage of perhaps a handful of children) are flagged ``tiny_cohort`` and kept out
    of ranks, quartiles and comparisons.
    """
    out = frame.copy()
    counted = out[(out["breakdown"] == "all") & out["denominator"].notna()]
    largest = counted.groupby(["indicator_id", "area_code"])["denominator"].max()
    tiny = largest[largest < smallest]
    for (indicator_id, area_code), size in tiny.items():
        rows = (
            (out["indicator_id"] == indicator_id)
            & (out["area_code"] == area_code)
            & out["value"].notna()
            & out["denominator"].isna()
        )
        out.loc[rows, "flags"] = out.loc[rows, "flags"].map(lambda f: add_flag(f, "tiny_cohort"))
        out.loc[rows, "note"] = (
            out.loc[rows, "note"]
            + f" Tiny cohort (never more than {size:,.0f} children in the years with counts) "
            "published without counts: not ranked or compared."
        ).str.strip()
    return out


def sort_tidy(frame: pd.DataFrame) -> pd.DataFrame:
    order = frame.assign(_level=frame["area_level"].map(LEVEL_ORDER))
    order = order.sort_values(
        ["indicator_id", "breakdown", "period_start", "period", "_level", "area_code"],
        kind="stable",
        ignore_index=True,
    )
    return order.drop(columns="_level")[list(COLUMNS)]


# --------------------------------------------------------------------------- services
def build_services(
    build: Build, *, areas: pd.DataFrame, raw_boundaries, inputs: list[str]
) -> pd.DataFrame:
    """Write the service site list and the small compiled lists; return the service indicators."""
    lookup_input = "geography/ons_ltla_utla_apr23_lookup_ew.csv"
    lookup = pd.read_csv(build.raw_path(lookup_input), dtype=str, encoding="utf-8-sig")
    upper_tier_of = dict(zip(lookup["LTLA23CD"], lookup["UTLA23CD"], strict=True))
    changes_input = "geography/ons_la_code_changes_2014_2025.csv"
    for new_code, map_code in geography.recoded_after_map_year(
        build.raw_path(changes_input)
    ).items():
        upper_tier_of[new_code] = upper_tier_of[map_code]
    gias_inputs = [
        "services/gias_open_childrens_centres_2026.csv",
        "services/gias_childrens_centres_postcode_latlng.csv",
    ]
    gias = service_sources.read_gias_centres(
        build.raw_path(gias_inputs[0]),
        latlng_path=build.raw_path(gias_inputs[1]),
        upper_tier_of=upper_tier_of,
    )
    directory_input = "services/uk_family_hubs_childrens_centres_surestart_geocoded_doddily.csv"
    directory = service_sources.read_directory_sites(
        build.raw_path(directory_input), gias_sites=gias
    )
    sites = service_sources.place_in_areas(
        pd.concat([gias, directory], ignore_index=True), raw_boundaries
    )
    sites = sites.sort_values(["service_type", "site_id"], kind="stable", ignore_index=True)
    build.write_csv(
        paths.SERVICE_SITES_FILE,
        sites,
        description="Children's centres and linked sites (GIAS), family hubs (DfE list), NI Sure Start and a Welsh Flying Start centre, with location precision and upper-tier area",
        inputs=[
            *gias_inputs,
            directory_input,
            lookup_input,
            "geography/ctyua_dec2023_uk_bsc.geojson",
        ],
    )
    for row in site_counts_by_precision(sites).itertuples(index=False):
        build.say(
            f"  sites placed, {row[0]}: "
            + ", ".join(f"{k} {v}" for k, v in row._asdict().items() if k != "service_type")
        )
    programme_input = "services/family_hubs_programme_local_authorities.csv"
    programme = service_sources.read_programme_las(build.raw_path(programme_input))
    build.write_csv(
        paths.PROGRAMME_FILE,
        programme,
        description="Family Hubs and Start for Life and Transformation Fund local authorities",
        inputs=[programme_input],
        licence=(
            "Facts of DfE's announcements, as reported by the pages in source_url "
            "(those pages keep their own terms)"
        ),
    )
    teams_input = "services/parent_infant_team_counts_uk.csv"
    build.write_csv(
        paths.TEAM_COUNTS_FILE,
        service_sources.read_team_counts(build.raw_path(teams_input)),
        description=(
            "UK counts of specialised parent-infant relationship teams over time, as stated; "
            "on_time_axis marks the dated UK counts every chart draws"
        ),
        inputs=[teams_input],
        licence=OWN_TERMS + " (Parent-Infant Foundation and Scottish Government pages)",
    )
    lists = {
        paths.NAMED_TEAMS_FILE: (
            "services/parent_infant_teams_named_partial.csv",
            (
                "team_name",
                "area_served_as_stated",
                "nation",
                "provider_as_stated",
                "year_seen",
                "note",
                "source_url",
            ),
            "Named specialised parent-infant teams: PARTIAL (17 of the 51 counted in December 2025)",
        ),
        paths.MBU_FILE: (
            "services/mother_and_baby_units_partial.csv",
            (
                "unit",
                "location_as_stated",
                "host_organisation",
                "nation",
                "beds_as_stated",
                "status_as_stated",
                "year_seen",
                "source_url",
            ),
            "Mother and baby units: PARTIAL list",
        ),
    }
    for name, (relative, columns, description) in lists.items():
        build.write_csv(
            name,
            service_sources.read_simple_list(build.raw_path(relative), columns=columns),
            description=description,
            inputs=[relative],
            licence=MIXED_TERMS,
        )
    inputs += [*gias_inputs, directory_input, programme_input]
    return service_indicators(sites, areas, programme)


# --------------------------------------------------------------------------- refreshed data
RETRIEVAL_COLUMNS = ("indicator_id", "publisher", "source_id", "url", "retrieved_at", "file")


def write_retrievals(build: Build, tidy: pd.DataFrame, downloaded: list[str]) -> None:
    """Record each downloaded file in the manifest, and which indicator came from where and when.

    ``retrievals.csv`` gets one row per indicator and downloaded file, with the number of rows
    of ``indicators.csv`` that now come from that publisher's download.
    """
    assert build.downloads is not None
    log_path = build.downloads / "RETRIEVALS.csv"
    log = (
        pd.read_csv(log_path, dtype=str, keep_default_na=False)
        if log_path.exists()
        else pd.DataFrame(columns=list(RETRIEVAL_COLUMNS))
    )
    missing = [c for c in RETRIEVAL_COLUMNS if c not in log.columns]
    if missing:
        raise SourceFormatError(log_path, f"missing columns: {', '.join(missing)}")
    rows = tidy.groupby(["indicator_id", "source_id"]).size()
    log = log[list(RETRIEVAL_COLUMNS)].sort_values(["indicator_id", "file"], ignore_index=True)
    log["rows_in_dataset"] = [
        int(rows.get((i, s), 0)) for i, s in zip(log["indicator_id"], log["source_id"], strict=True)
    ]
    build.write_csv(
        paths.RETRIEVALS_FILE,
        log,
        description="Which indicators were downloaded from which publisher's API, and when",
        inputs=downloaded,
    )
    urls = dict(zip(log["file"], log["url"], strict=True))
    dates = dict(zip(log["file"], log["retrieved_at"], strict=True))
    urls["RETRIEVALS.csv"] = "the refresh command's log of what it downloaded"
    for relative in [*downloaded, "downloads/RETRIEVALS.csv"]:
        path = build.input_path(relative)
        key = relative.removeprefix("downloads/")
        build.manifest.append(
            {
                "file": relative,
                "description": (
                    f"Downloaded from {urls[key]} at {dates[key]}"
                    if key in dates
                    else f"Written by the refresh: {urls.get(key, 'a downloaded file')}"
                ),
                "rows": max(0, len(path.read_text(encoding="utf-8-sig").splitlines()) - 1),
                "bytes": path.stat().st_size,
                "sha256": sha256_of(path),
                "raw_inputs": "",
                "licence": OGL,
                "made_by": REFRESH_COMMAND,
            }
        )


# --------------------------------------------------------------------------- the build
def run_build(
    raw: Path, out: Path, *, log: TextIO = sys.stdout, downloads: Path | None = None
) -> list[dict[str, object]]:
    """Rebuild every data file from ``raw`` into ``out``, all at once or not at all.

    The files are written into a temporary folder beside ``out``, checked
    (:mod:`indicators.validate`), and only then swapped in; on any failure ``out`` is left
    exactly as it was.

    Args:
        raw: the raw official files.
        out: the data folder to write.
        log: where progress lines go.
        downloads: files fetched from the publishers by ``python -m indicators refresh``
            (``<publisher>/*.csv`` and ``RETRIEVALS.csv``); their rows take precedence over the
            snapshot's for the same indicator, area, period and breakdown.

    Returns:
        The manifest rows (also written to ``MANIFEST.csv``).

    Raises:
        IndicatorsError: a raw file is missing or malformed, or the output fails a check
            (the message names the file and, where it can, the line).
    """
    out = Path(out)
    out.parent.mkdir(parents=True, exist_ok=True)
    staged = Path(tempfile.mkdtemp(prefix=f".{out.name}-build-", dir=out.parent))
    try:
        manifest = _build_into(raw, staged, log=log, downloads=downloads)
        checks.check_output(staged, manifest, previous=out)
        _swap_in(staged, out)
    except BaseException:
        shutil.rmtree(staged, ignore_errors=True)
        raise
    return manifest


def _swap_in(staged: Path, out: Path) -> None:
    """Replace ``out`` by ``staged`` with two renames (files the build does not make, if any,
    are carried over)."""
    staged.chmod(0o755)
    if out.exists():
        for extra in out.iterdir():
            if not (staged / extra.name).exists():
                os.replace(extra, staged / extra.name)
        retired = out.with_name(f".{out.name}-old-{os.getpid()}")
        os.replace(out, retired)
        os.replace(staged, out)
        shutil.rmtree(retired, ignore_errors=True)
    else:
        os.replace(staged, out)


def _build_into(
    raw: Path, out: Path, *, log: TextIO, downloads: Path | None
) -> list[dict[str, object]]:
    build = Build(raw, out, log, downloads)
    out.mkdir(parents=True, exist_ok=True)
    build.say(f"raw data: {raw}")
    geo = "geography/"

    # Boundaries ---------------------------------------------------------------------------
    boundary_input = geo + "ctyua_dec2023_uk_bsc.geojson"
    raw_boundaries = geography.read_raw_boundaries(build.raw_path(boundary_input))
    simplified = geography.simplify_boundaries(raw_boundaries, tolerance_m=BOUNDARY_TOLERANCE_M)
    coverage = geography.check_coverage(simplified)
    if not coverage["coverage_valid"] or coverage["invalid_geometries"]:
        raise IndicatorsError(f"simplified boundaries are not a valid coverage: {coverage}")
    build.say(f"simplified {len(simplified)} boundaries (tolerance {BOUNDARY_TOLERANCE_M:g} m)")
    build.write(
        paths.BOUNDARIES_FILE,
        geography.boundaries_geojson_text(simplified),
        description=(
            "ONS Counties and Unitary Authorities (December 2023) UK BSC, simplified with "
            "shapely.coverage_simplify, coordinates to 4 d.p.; GSS code as feature id"
        ),
        inputs=[boundary_input],
        rows=len(simplified),
    )
    map_codes = set(simplified["area_code"])
    trust_boundary_input = geo + "ni_hsc_trusts_2017.geojson"
    trusts = geography.simplify_boundaries(
        geography.read_raw_trust_boundaries(build.raw_path(trust_boundary_input)),
        tolerance_m=BOUNDARY_TOLERANCE_M,
    )
    build.write(
        paths.TRUST_BOUNDARIES_FILE,
        geography.boundaries_geojson_text(trusts),
        description=(
            "Northern Ireland's 5 Health and Social Care trusts (DoH NI / OpenDataNI 2017 trust "
            "boundary, via geographr), simplified with shapely.coverage_simplify, coordinates to "
            "4 d.p.; trust code (BHSCT …, not a GSS code) as feature id. For trust-level measures, "
            "drawn once per trust"
        ),
        inputs=[trust_boundary_input],
        rows=len(trusts),
    )

    # Codes and lookups --------------------------------------------------------------------
    crosswalk_input = geo + "dfe_ons_mye_children_0_17_by_la_2012_2024.csv"
    crosswalk = geography.read_la_code_crosswalk(build.raw_path(crosswalk_input))
    la_numbers = geography.la_number_table(crosswalk)
    build.write_csv(
        paths.LA_CODES_FILE,
        la_numbers,
        description="DfE 3-digit LA number to GSS code, with the years each pair was in force",
        inputs=[crosswalk_input],
    )
    change_inputs = {
        "changes_path": geo + "ons_la_code_changes_2014_2025.csv",
        "ltla14_path": geo + "ons_ltla14_lookup.csv",
        "ltla_utla23_path": geo + "ons_ltla_utla_apr23_lookup_ew.csv",
        "ltla_years_path": geo + "lookup_ltla_codes_2016_to_2024.csv",
    }
    code_changes = geography.read_code_changes(
        **{k: build.raw_path(v) for k, v in change_inputs.items()}
    )
    build.write_csv(
        paths.CODE_CHANGES_FILE,
        code_changes,
        description="Upper-tier predecessor to successor codes, 2014 to 2023, with the kind of change",
        inputs=list(change_inputs.values()),
    )
    neighbour_inputs = {
        "2021": (geo + "dfe_statistical_neighbours_2021.csv", 2021),
        "2025": (geo + "dfe_statistical_neighbours_2025_model.csv", 2024),
    }
    neighbours = pd.concat(
        [
            geography.read_statistical_neighbours(
                build.raw_path(path), model=model, crosswalk=crosswalk, year=year
            )
            for model, (path, year) in neighbour_inputs.items()
        ],
        ignore_index=True,
    )
    build.write_csv(
        paths.NEIGHBOURS_FILE,
        neighbours,
        description="DfE children's services statistical neighbours (2021 and 2025 models), by GSS code",
        inputs=[p for p, _ in neighbour_inputs.values()] + [crosswalk_input],
    )
    population_inputs = {
        "ew_path": geo + "ons_mye2020_population_single_year_age_ltla21_ew.csv",
        "scotland_path": geo + "nrs_mye2022_population_single_year_age_scotland_ca.csv",
        "ltla_years_path": geo + "lookup_ltla_codes_2016_to_2024.csv",
        "ltla_utla23_path": geo + "ons_ltla_utla_apr23_lookup_ew.csv",
    }
    population = geography.read_under5_population(
        **{k: build.raw_path(v) for k, v in population_inputs.items()}
    )
    area_inputs = {
        "regions_path": geo + "regions_dec2023_en_buc.geojson",
        "hierarchy_path": geo + "fingertips_area_hierarchy_2023.csv",
        "ltla14_path": geo + "ons_ltla14_lookup.csv",
    }
    areas = geography.build_area_table(
        boundaries=simplified,
        code_changes=code_changes,
        population=population,
        la_numbers=la_numbers,
        **{k: build.raw_path(v) for k, v in area_inputs.items()},
    )
    trust_input = geo + "lookup_ni_lgd_to_hsc_trust.csv"
    trust_of = read_ni_trust_lookup(build.raw_path(trust_input))
    areas = geography.with_ni_trusts(areas, trust_of=trust_of)
    build.write_csv(
        paths.AREAS_FILE,
        areas,
        description="Every area: UK, nations, regions, the 218 map areas and predecessor areas, with region, successors, DfE numbers and under-5 population",
        inputs=[
            *population_inputs.values(),
            *area_inputs.values(),
            boundary_input,
            crosswalk_input,
            trust_input,
        ],
    )
    names = dict(zip(areas["area_code"], areas["area_name"], strict=True))

    # Indicators ---------------------------------------------------------------------------
    region_codes = geography.region_codes_by_name(build.raw_path(area_inputs["regions_path"]))
    readers: list[tuple[str, Callable[[Path], pd.DataFrame]]] = [
        ("england/dfe_eyfsp_la_gld_2013_2019.csv", read_eyfsp_2013_2019),
        ("england/dfe_eyfsp_headline_measures_2021_22.csv", read_eyfsp_headline_2021_22),
        ("england/nesta_asq3_outcomes_2to2half_by_la_2021_22_quarterly.csv", read_asq3_quarterly),
        ("nations/scotland_scotpho_council_area_indicators_extract.csv", read_scotpho_extract),
        ("nations/healthindex_devolved_child_indicators_by_la.csv", read_healthindex_scotland),
        (
            "nations/healthindex_devolved_child_indicators_by_la.csv",
            lambda p: read_healthindex_devolved(p, trust_of=trust_of),
        ),
        (
            "england/dfe_lait_early_years_health_extract.csv",
            lambda p: read_lait(p, la_codes=crosswalk, region_codes=region_codes),
        ),
        (
            "england/dfe_lait_bds_long.parquet",
            lambda p: read_lait(p, la_codes=crosswalk, region_codes=region_codes),
        ),
    ]
    frames, inputs = [], [crosswalk_input, area_inputs["regions_path"]]
    cohort = asq3_cohort_for_codes(
        geography.cohort_size(
            ew_path=build.raw_path(population_inputs["ew_path"]),
            ltla_years_path=build.raw_path(population_inputs["ltla_years_path"]),
            ltla_utla23_path=build.raw_path(population_inputs["ltla_utla23_path"]),
            ages=(0, 1),
        ),
        code_changes=code_changes,
    )
    for relative, reader in readers:
        frame = checks.read_raw(
            reader, build.raw_path(relative), raw_root=raw, known_codes=set(names)
        )
        if reader is read_asq3_quarterly:
            frame = cohort_reach(frame, cohort=cohort)
        frames.append(frame)
        if relative not in inputs:
            inputs.append(relative)
        build.say(f"read {relative}: {len(frame)} rows")
    downloaded = []
    if downloads is not None:  # the publishers' newer figures win over the snapshot's
        for publisher, reader in DOWNLOAD_READERS.items():
            for path in sorted((downloads / publisher).glob("*.csv")):
                frames.insert(0, reader(path))
                relative = f"downloads/{path.relative_to(downloads).as_posix()}"
                inputs.append(relative)
                downloaded.append(relative)
                build.say(f"read {relative}: {len(frames[0])} rows")
    frames.append(build_services(build, areas=areas, raw_boundaries=raw_boundaries, inputs=inputs))
    quoted_sources: dict[str, Source] = {}
    for path in sorted((raw / "national").glob("*.csv")):
        frame, cited = read_national_series(path)
        checks.check_reader_output(frame, raw=path, raw_root=raw, known_codes=set(names))
        frames.append(frame)
        quoted_sources |= cited
        inputs.append(str(path.relative_to(raw)))
        build.say(f"read {path.relative_to(raw)}: {len(frame)} official rows")

    tidy = combine(frames, log=build.say)
    tidy = apply_no_data_periods(tidy)
    tidy = mark_area_status(tidy, map_codes=map_codes)
    known = tidy["area_code"].isin(names)
    tidy.loc[known, "area_name"] = tidy.loc[known, "area_code"].map(names)
    tidy = build_successors(tidy, rules=geography.successor_rules(code_changes), names=names)
    tidy = aggregate_asq3(tidy, region_of=geography.region_lookup(areas), names=names)
    tidy = flag_tiny_cohorts(tidy)
    tidy = conform(tidy)
    percent = tidy["indicator_id"].map(lambda i: CATALOGUE[i].unit == "%")
    tidy = pd.concat([add_wilson_intervals(tidy[percent]), tidy[~percent]], ignore_index=True)
    tidy = validate(sort_tidy(tidy), origin="build")
    build.write_csv(
        paths.INDICATORS_FILE,
        tidy,
        description="All indicators in one tidy long table (schema in indicators/schema.py)",
        inputs=inputs,
        licence=f"{OGL}, except rows whose source in sources.csv names another licence",
    )

    if downloads is not None:
        write_retrievals(build, tidy, downloaded)

    headline_input = "national/headline_facts.csv"
    # Northern Ireland's review figures exist only as secondary reports: quoted facts, not rows.
    ni_facts_input = "national/northern_ireland_child_health.csv"
    facts = pd.concat(
        [read_headline_facts(build.raw_path(f)) for f in (headline_input, ni_facts_input)],
        ignore_index=True,
    ).sort_values(["topic", "indicator", "period", "source_url"], kind="stable", ignore_index=True)
    build.write_csv(
        paths.HEADLINE_FACTS_FILE,
        facts,
        description="Headline facts from official and campaign publications, each with source, quote, source type, publisher and licence",
        inputs=[headline_input, ni_facts_input],
        licence=MIXED_TERMS,
    )

    dictionary_input = "england/dfe_lait_data_dictionary.csv"
    build.write_csv(
        paths.RELEASE_DATES_FILE,
        read_lait_dictionary(build.raw_path(dictionary_input)),
        description="Last update and next release of the LAIT measures used, from the LAIT data dictionary",
        inputs=[dictionary_input],
    )

    all_sources = {**SOURCES, **quoted_sources}
    used = sorted(set(tidy["source_id"]))
    source_table = pd.DataFrame(
        [
            {
                k: ("|".join(v) if isinstance(v, tuple) else v)
                for k, v in asdict(all_sources[s]).items()
            }
            for s in used
        ]
    )
    build.write_csv(
        paths.SOURCES_FILE,
        source_table,
        description="Every source cited by a row of indicators.csv: title, publisher, URL, licence",
        inputs=[i for i in inputs if i.startswith("national/")],
        licence=MIXED_TERMS,
    )
    manifest = pd.DataFrame(build.manifest).sort_values("file", ignore_index=True)
    (out / paths.MANIFEST_FILE).write_text(
        manifest.to_csv(index=False, lineterminator="\n"), encoding="utf-8"
    )
    build.say(f"wrote {paths.MANIFEST_FILE}; build finished")
    return build.manifest
