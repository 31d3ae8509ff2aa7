"""Area-level service indicators from site lists, in the tidy schema.

Sites are counted into upper-tier areas by code (GIAS district code, or the area their
coordinates fall in for family hubs not in GIAS); never by name.
"""

from __future__ import annotations

from datetime import date

import numpy as np
import pandas as pd

from indicators.periods import Period, parse_period
from indicators.schema import conform

#: Site lists are register snapshots: labelled with the date of the extract, not a whole year.
#: GIAS: the extract committed on 30 Jan 2026; DfE's family hub list: the file uploaded to
#: GOV.UK on 2 Feb 2026 (its asset id 6980dbf0… is that timestamp).
SNAPSHOTS: dict[str, Period] = {
    "dfe_gias_childrens_centres": Period(
        "30 Jan 2026 (GIAS extract)", date(2026, 1, 30), date(2026, 1, 30)
    ),
    "dfe_family_hub_sites_directory": Period(
        "2 Feb 2026 (DfE family hub list)", date(2026, 2, 2), date(2026, 2, 2)
    ),
}
PROGRAMME_PERIOD = "2022/23"
#: indicator id -> (service types counted, whether it is a rate per 1,000 under-5s)
COUNTS = {
    "childrens_centres_n": (("childrens_centre",), False),
    "childrens_centre_linked_sites_n": (("childrens_centre_linked_site",), False),
    "childrens_centres_per_1000_under5": (("childrens_centre",), True),
    "family_hubs_n": (("family_hub",), False),
    "family_hubs_per_1000_under5": (("family_hub",), True),
}
SOURCES = {
    "childrens_centre": "dfe_gias_childrens_centres",
    "childrens_centre_linked_site": "dfe_gias_childrens_centres",
    "family_hub": "dfe_family_hub_sites_directory",
}


def service_indicators(
    sites: pd.DataFrame, areas: pd.DataFrame, programme: pd.DataFrame
) -> pd.DataFrame:
    """Counts and rates of sites per English upper-tier area, and programme membership.

    Every English map area gets a row: a count of 0 means the list has no site there. A rate
    needs an under-5 population; where there is none the row says so and has no value.
    """
    england = areas[areas["in_map"] & (areas["nation"] == "England")][
        ["area_code", "area_name", "under5_population", "population_period"]
    ]
    parts = []
    for indicator_id, (types, rate) in COUNTS.items():
        period = SNAPSHOTS[SOURCES[types[0]]]
        counted = sites[sites["service_type"].isin(types)].groupby("area_code").size()
        frame = england.assign(count=england["area_code"].map(counted).fillna(0).astype(float))
        rows = pd.DataFrame(
            {
                "indicator_id": indicator_id,
                "area_code": frame["area_code"],
                "area_name": frame["area_name"],
                "source_id": SOURCES[types[0]],
                "period": period.label,
                "period_start": period.start.isoformat(),
                "period_end": period.end.isoformat(),
            }
        )
        if rate:
            population = pd.to_numeric(frame["under5_population"], errors="coerce")
            has_population = population.notna() & (population > 0)
            rows["value"] = np.where(has_population, 1000 * frame["count"] / population, np.nan)
            rows["numerator"] = frame["count"].where(has_population)
            rows["denominator"] = population.where(has_population)
            rows["status"] = np.where(has_population, "ok", "not_available")
            rows["derivation"] = "computed_from_counts"
            rows["note"] = np.where(
                has_population,
                "Sites counted by this project; children aged 0-4 from the ONS "
                + frame["population_period"].astype(str)
                + " estimates.",
                "No under-5 population for this area in the bundled data.",
            )
        else:
            rows["value"] = frame["count"]
            rows["status"] = "ok"
            rows["derivation"] = "computed_from_counts"
            rows["note"] = "Sites counted by this project from the list, by area code."
        parts.append(rows)
    parts.append(_programme_rows(programme, england))
    out = conform(pd.concat(parts, ignore_index=True))
    out["area_level"] = "la"
    out["nation"] = "England"
    out["breakdown"] = "all"
    out["area_status"] = "current"
    return out


def _programme_rows(programme: pd.DataFrame, england: pd.DataFrame) -> pd.DataFrame:
    period = parse_period(PROGRAMME_PERIOD, year_type="financial")
    parts = []
    for indicator_id, name in (
        ("family_hubs_start_for_life", "start_for_life"),
        ("family_hubs_transformation_fund", "transformation_fund"),
    ):
        if "membership" not in programme.columns:
            programme = programme.assign(membership="listed")
        listed = programme[programme["programme"] == name].set_index("area_code")
        members = listed[listed["membership"] != "unconfirmed"]
        unconfirmed = listed.index[listed["membership"] == "unconfirmed"]
        codes = pd.Index(england["area_code"]).union(listed.index)
        in_programme = codes.isin(members.index)
        notes = []
        for code, flag in zip(codes, in_programme, strict=True):
            if code in unconfirmed:
                notes.append(
                    "Not confirmed: the later list replaces an abolished member with its "
                    "successors, but the stored text does not name this one."
                )
            elif flag and members.loc[code, "membership"] == "named_later":
                notes.append("Named in a later DfE list as the successor of an abolished member.")
            else:
                notes.append(
                    ("Trailblazer. " if flag and bool(members.loc[code, "trailblazer"]) else "")
                    + ("Named in the programme list." if flag else "Not in the programme list.")
                )
        unknown = codes.isin(unconfirmed)
        parts.append(
            pd.DataFrame(
                {
                    "indicator_id": indicator_id,
                    "area_code": codes,
                    "area_name": codes.map(
                        dict(zip(england["area_code"], england["area_name"], strict=True))
                    )
                    .fillna("")
                    .astype(str),
                    "value": np.where(unknown, np.nan, in_programme.astype(float)),
                    "status": np.where(unknown, "not_available", "ok"),
                    "derivation": "published",
                    "source_id": "dfe_family_hubs_programme",
                    "period": period.label,
                    "period_start": period.start.isoformat(),
                    "period_end": period.end.isoformat(),
                    "note": notes,
                }
            )
        )
    return pd.concat(parts, ignore_index=True)


def site_counts_by_precision(sites: pd.DataFrame) -> pd.DataFrame:
    """How many sites of each type were placed exactly, approximately, or not at all."""
    table = sites.pivot_table(
        index="service_type",
        columns="location_precision",
        values="site_id",
        aggfunc="count",
        fill_value=0,
    )
    return table.reset_index()


def team_count_series(team_counts: pd.DataFrame) -> pd.DataFrame:
    """The one series of parent-infant team counts every page charts (``period``, ``value``).

    Only dated, UK-wide, plain counts (``on_time_axis == "yes"``), oldest first; undated and
    approximate statements stay in the table, never on a time axis.
    """
    shown = team_counts[team_counts["on_time_axis"].astype(str) == "yes"]
    shown = shown.sort_values("as_at_date", kind="stable")
    return pd.DataFrame(
        {
            "period": shown["as_at"].to_numpy(),
            "value": pd.to_numeric(shown["count_number"]).to_numpy(),
            "source_url": shown["source_url"].to_numpy(),
        }
    )
