"""Wales', Northern Ireland's and Scotland's local indicators from the Health Index file."""

from __future__ import annotations

import pandas as pd
import pytest

from indicators import paths
from indicators.catalogue import CATALOGUE, SOURCES, TOPICS
from indicators.errors import SourceFormatError
from indicators.schema import NI_TRUST_CODES
from indicators.sources.devolved import read_healthindex_devolved, read_ni_trust_lookup


@pytest.fixture(scope="module")
def fixtures():
    return paths.PROJECT_ROOT / "tests" / "fixtures"


@pytest.fixture(scope="module")
def raw_dir():
    return paths.DEFAULT_RAW_DIR


@pytest.fixture(scope="module")
def fixture_rows(fixtures):
    trust_of = read_ni_trust_lookup(fixtures / "synthetic_ni_trust_lookup.csv")
    return read_healthindex_devolved(
        fixtures / "synthetic_healthindex_devolved.csv", trust_of=trust_of
    )


def _value(frame, indicator_id, area_code):
    rows = frame[(frame["indicator_id"] == indicator_id) & (frame["area_code"] == area_code)]
    assert len(rows) == 1, (indicator_id, area_code, len(rows))
    return rows.iloc[0]


def test_trust_lookup_reads_codes(fixtures):
    trust_of = read_ni_trust_lookup(fixtures / "synthetic_ni_trust_lookup.csv")
    assert trust_of == {"N09000001": "NHSCT", "N09000003": "BHSCT", "N09000004": "NHSCT"}


def test_reader_on_the_fixture(fixture_rows):
    cardiff = _value(fixture_rows, "wales_immunised_by_4", "W06000015")
    assert cardiff["value"] == pytest.approx(80.5)
    assert (cardiff["period"], cardiff["period_start"], cardiff["period_end"]) == (
        "2023/24",
        "2023-04-01",
        "2024-03-31",
    )
    assert cardiff["derivation"] == "derived_by_third_party"
    assert _value(fixture_rows, "wales_low_birth_weight", "W06000001")["value"] == 6.25
    belfast_lbw = _value(fixture_rows, "ni_low_birth_weight", "N09000003")
    assert (belfast_lbw["value"], belfast_lbw["derivation"]) == (7.8, "published")
    glasgow = _value(fixture_rows, "scot_not_healthy_birthweight", "S12000049")
    assert (glasgow["value"], glasgow["period"]) == (12.9, "2020/21 to 2022/23")
    # the 27-30 month rows are another reader's; nothing is read as "low birth weight" for Scotland
    assert "scot_concern_27_30m" not in set(fixture_rows["indicator_id"])
    assert not fixture_rows["indicator_id"].str.startswith("scot_low").any()


def test_ni_trust_values_are_stored_once_per_trust(fixture_rows):
    coverage = fixture_rows[fixture_rows["indicator_id"] == "ni_vaccine_coverage_trust"]
    # 0.93 on two Northern councils and 0.87 on Belfast: one row per trust, as a percentage
    assert sorted(coverage["area_code"]) == ["BHSCT", "NHSCT"]
    assert set(coverage["area_level"]) == {"health_board"}
    assert set(coverage["nation"]) == {"Northern Ireland"}
    assert coverage.set_index("area_code")["value"].to_dict() == pytest.approx(
        {"BHSCT": 87.0, "NHSCT": 93.0}
    )
    mortality = fixture_rows[fixture_rows["indicator_id"] == "ni_infant_mortality_trust"]
    assert list(mortality["area_code"]) == ["BHSCT"] and mortality["value"].iloc[0] == 5.6


def test_councils_of_a_trust_that_disagree_are_refused(fixtures, tmp_path):
    text = (fixtures / "synthetic_healthindex_devolved.csv").read_text()
    bad = tmp_path / "bad.csv"
    bad.write_text(
        text.replace(
            "N09000004,lives_child_vaccine_coverage,child_vaccine_coverage_percentage,0.93",
            "N09000004,lives_child_vaccine_coverage,child_vaccine_coverage_percentage,0.91",
        )
    )
    trust_of = read_ni_trust_lookup(fixtures / "synthetic_ni_trust_lookup.csv")
    with pytest.raises(SourceFormatError, match="NHSCT"):
        read_healthindex_devolved(bad, trust_of=trust_of)


def test_a_council_missing_from_the_trust_lookup_is_refused(fixtures):
    with pytest.raises(SourceFormatError, match="N09000003"):
        read_healthindex_devolved(
            fixtures / "synthetic_healthindex_devolved.csv",
            trust_of={"N09000001": "NHSCT", "N09000004": "NHSCT"},
        )


# The committed data against the raw file (read here with plain pandas) ------------------------

RAW_FILE = "nations/healthindex_devolved_child_indicators_by_la.csv"
TRUST_INDICATORS = {"ni_vaccine_coverage_trust", "ni_infant_mortality_trust"}
#: (nation, compiler indicator) -> (our id, multiplier), written out by hand for the test.
EXPECTED = {
    ("Wales", "lives_child_vaccination_coverage"): ("wales_immunised_by_4", 1),
    ("Wales", "lives_low_birth_weight"): ("wales_low_birth_weight", 1),
    ("Wales", "lives_overweight_obesity_children"): ("wales_overweight_4_5", 1),
    ("Wales", "places_child_poverty"): ("wales_child_poverty", 1),
    ("Northern Ireland", "lives_low_birth_weight"): ("ni_low_birth_weight", 1),
    ("Northern Ireland", "lives_childhood_overweight_obesity"): ("ni_overweight_school", 1),
    ("Northern Ireland", "places_child_poverty"): ("ni_child_poverty", 1),
    ("Scotland", "lives_child_vaccine_coverage"): ("scot_vaccine_coverage", 1),
    ("Scotland", "lives_low_birth_weight"): ("scot_not_healthy_birthweight", 1),
    ("Scotland", "lives_overweight_obesity_children"): ("scot_p1_overweight", 1),
    ("Scotland", "people_infant_mortality"): ("scot_infant_mortality", 1),
    ("Scotland", "places_child_poverty"): ("scot_child_poverty", 1),
}
SAMPLE = ("W06000015", "W06000001", "W06000024", "N09000003", "N09000010", "S12000049", "S12000005")


@pytest.fixture(scope="module")
def raw(raw_dir):
    path = raw_dir / RAW_FILE
    if not path.exists():
        pytest.skip(f"raw data not available at {path}")
    return pd.read_csv(path)


@pytest.mark.parametrize("area_code", SAMPLE)
def test_committed_values_equal_the_raw_file(raw, committed_indicators, area_code):
    mine = raw[raw["area_code"] == area_code]
    assert len(mine) >= 3
    checked = 0
    for row in mine.itertuples(index=False):
        target = EXPECTED.get((row.nation, row.indicator))
        if target is None:
            continue
        indicator_id, factor = target
        rows = committed_indicators[
            (committed_indicators["indicator_id"] == indicator_id)
            & (committed_indicators["area_code"] == area_code)
        ]
        assert len(rows) == 1, (indicator_id, area_code)
        assert rows["value"].iloc[0] == pytest.approx(row.value * factor, abs=1e-9)
        checked += 1
    assert checked >= 3


def test_committed_ni_trust_values_are_never_council_figures(raw, committed_indicators):
    trust_rows = committed_indicators[committed_indicators["indicator_id"].isin(TRUST_INDICATORS)]
    assert not trust_rows["area_code"].str.startswith("N09").any()
    assert sorted(trust_rows.groupby("indicator_id").size()) == [5, 5]
    assert set(trust_rows["area_code"]) == set(NI_TRUST_CODES)
    lookup = pd.read_csv(paths.DEFAULT_RAW_DIR / "geography" / "lookup_ni_lgd_to_hsc_trust.csv")
    trust_of = dict(zip(lookup["ltla21_code"], lookup["trust18_code"], strict=True))
    ni = raw[raw["nation"] == "Northern Ireland"]
    for indicator, (indicator_id, factor) in {
        "lives_child_vaccine_coverage": ("ni_vaccine_coverage_trust", 100),
        "people_infant_mortality": ("ni_infant_mortality_trust", 1),
    }.items():
        expected = (
            ni[ni["indicator"] == indicator]
            .assign(trust=lambda f: f["area_code"].map(trust_of))
            .groupby("trust")["value"]
            .agg(["min", "max"])
        )
        assert (expected["max"] - expected["min"]).max() < 1e-9  # one value per trust in the raw
        shown = trust_rows[trust_rows["indicator_id"] == indicator_id].set_index("area_code")
        for trust, values in expected.iterrows():
            assert shown.loc[trust, "value"] == pytest.approx(values["min"] * factor)


def test_catalogue_entries_are_honest():
    for indicator_id in {target for target, _ in EXPECTED.values()} | TRUST_INDICATORS:
        indicator = CATALOGUE[indicator_id]
        assert indicator.topic in TOPICS
        assert len(indicator.nations) == 1
        assert "not comparable across nations" in indicator.comparability_note.lower()
    assert "low birth weight" in CATALOGUE["scot_not_healthy_birthweight"].definition.lower()
    assert "not the same" in CATALOGUE["scot_not_healthy_birthweight"].definition.lower()
    for indicator in CATALOGUE.values():
        assert indicator.topic in TOPICS, indicator.id


def test_derived_rows_say_so(committed_indicators):
    for indicator_id, indicator in CATALOGUE.items():
        rows = committed_indicators[committed_indicators["indicator_id"] == indicator_id]
        if indicator.derivation:
            assert (rows["derivation"] == "derived_by_third_party").all(), indicator_id
            assert rows["note"].str.contains("Derived, not an official figure").all()


def test_each_new_source_is_documented(committed_indicators):
    used = set(
        committed_indicators.loc[
            committed_indicators["indicator_id"].isin(
                {t for t, _ in EXPECTED.values()} | TRUST_INDICATORS
            ),
            "source_id",
        ]
    )
    assert used == {
        "statswales_via_brc",
        "dwp_cilif_via_brc",
        "pha_ni_via_brc",
        "nisra_via_brc",
        "phs_via_brc",
    }
    for source_id in used:
        assert SOURCES[source_id].publisher and SOURCES[source_id].licence
        assert RAW_FILE in SOURCES[source_id].raw_files


SCOTPHO_FILE = "nations/scotland_scotpho_council_area_indicators_extract.csv"
SCOTPHO_IDS = {
    "Babies exclusively breastfed at 6-8 weeks": "scot_exclusive_bf_6_8wk",
    "Immunisation uptake at 24 months - 6 in 1": "scot_imm_24m_6in1",
    "Immunisation uptake at 24 months - MMR": "scot_imm_24m_mmr",
    "Healthy birth weight": "scot_healthy_birth_weight",
    "Smoking during pregnancy": "scot_smoking_pregnancy",
}


@pytest.mark.parametrize("area_code", ["S12000049", "S12000005", "S12000036"])
def test_committed_scotpho_values_and_cis_equal_the_raw_file(
    raw_dir, committed_indicators, area_code
):
    path = raw_dir / SCOTPHO_FILE
    if not path.exists():
        pytest.skip(f"raw data not available at {path}")
    scotpho = pd.read_csv(path)
    mine = scotpho[(scotpho["area_code"] == area_code) & scotpho["indicator"].isin(SCOTPHO_IDS)]
    assert len(mine) == len(SCOTPHO_IDS)
    for row in mine.itertuples(index=False):
        shown = committed_indicators[
            (committed_indicators["indicator_id"] == SCOTPHO_IDS[row.indicator])
            & (committed_indicators["area_code"] == area_code)
        ]
        assert len(shown) == 1
        shown = shown.iloc[0]
        assert shown["value"] == pytest.approx(row.measure)
        assert shown["lower_ci95"] == pytest.approx(row.lower_confidence_interval)
        assert shown["upper_ci95"] == pytest.approx(row.upper_confidence_interval)
        assert shown["ci_method"] == "published"


def test_scottish_breastfeeding_is_exclusive_not_englands_any():
    scottish, english = CATALOGUE["scot_exclusive_bf_6_8wk"], CATALOGUE["breastfeeding_6_8wk"]
    assert scottish.topic == english.topic == "breastfeeding"
    assert (
        "exclusively" in scottish.definition
        and "not comparable" in scottish.comparability_note.lower()
    )
