"""UK by topic page: the topic comes from the URL; each nation's measure is drawn on its own
scale; answers from a plain pandas filter over the committed data file."""

from __future__ import annotations

import pandas as pd
import pytest

from indicators import paths
from tests.app.conftest import PAGE, array, open_page, plotly_specs

TOPICS_PAGE = PAGE["uk-by-topic"]
TRUSTS = ["BHSCT", "NHSCT", "SEHSCT", "SHSCT", "WHSCT"]


@pytest.fixture(scope="module")
def raw() -> pd.DataFrame:
    return pd.read_csv(paths.DATA_DIR / paths.INDICATORS_FILE, dtype={"period": str})


def _latest(raw: pd.DataFrame, indicator_id: str, prefix: str) -> pd.DataFrame:
    rows = raw[
        (raw["indicator_id"] == indicator_id)
        & (raw["breakdown"] == "all")
        & raw["area_code"].str.startswith(prefix)
        & raw["value"].notna()
    ]
    last_end = rows["period_end"].max()
    return rows[rows["period_end"] == last_end]


def test_topic_from_the_url_paints_each_nation_on_its_own_scale(app, raw):
    at = open_page(app, TOPICS_PAGE, topic="immunisation")
    assert not at.exception
    assert at.radio(key="topic").value == "immunisation"
    spec = plotly_specs(at)[0]
    painted = [t for t in spec["data"] if t["type"] == "choropleth" and t.get("coloraxis")]
    by_name = {t["name"].split(":")[0]: t for t in painted}
    assert set(by_name) == {"Wales", "Scotland", "Northern Ireland"}

    wales = _latest(raw, "wales_immunised_by_4", "W06")
    trace = by_name["Wales"]
    got = dict(zip(trace["locations"], array(trace["z"]), strict=True))
    assert got == pytest.approx(dict(zip(wales["area_code"], wales["value"], strict=True)))
    axis = spec["layout"][trace["coloraxis"]]
    assert (axis["cmin"], axis["cmax"]) == pytest.approx(
        (wales["value"].min(), wales["value"].max())
    )

    ni = by_name["Northern Ireland"]
    assert sorted(ni["locations"]) == TRUSTS  # the 5 trusts, never the 11 councils
    assert "ni_hsc_trusts" in ni["geojson"]
    assert len({t["coloraxis"] for t in painted}) == 3
    text = " ".join(m.value for m in at.markdown)
    assert "Periods differ by nation" in text
    assert at.dataframe[0].value["Area code"].isin(TRUSTS).sum() == 5


def test_hostile_topic_in_the_url_is_ignored_with_a_message(app):
    at = open_page(app, TOPICS_PAGE, topic="<script>alert(1)</script>")
    assert not at.exception
    assert at.radio(key="topic").value == "birth-weight"
    notes = [info.value for info in at.info]
    assert any("Unknown topic in the link" in note for note in notes)
    assert not any("<script>" in note for note in notes)  # escaped, never raw markup
    spec = plotly_specs(at)[0]
    assert "Birth weight" in spec["layout"]["title"]["text"]


def test_choosing_a_topic_writes_it_to_the_url(app):
    at = open_page(app, TOPICS_PAGE)
    assert "topic" not in at.query_params  # the default keeps links short
    at.radio(key="topic").set_value("child-poverty").run()
    assert at.query_params["topic"] in ("child-poverty", ["child-poverty"])
    spec = plotly_specs(at)[0]
    assert "Child poverty" in spec["layout"]["title"]["text"]


def test_a_nation_with_several_measures_can_show_another(app, raw):
    at = open_page(app, TOPICS_PAGE, topic="immunisation")
    radio = at.radio(key="measure_scotland")
    assert radio.value == "scot_vaccine_coverage"  # the first in the catalogue
    assert "scot_imm_24m_mmr" in radio.options or "MMR by 24 months (Scotland)" in radio.options
    radio.set_value("scot_imm_24m_mmr").run()
    assert not at.exception
    assert at.query_params["measure_scotland"] in ("scot_imm_24m_mmr", ["scot_imm_24m_mmr"])
    spec = plotly_specs(at)[0]
    scotland = next(t for t in spec["data"] if t.get("coloraxis") and t["name"].startswith("Scot"))
    mmr = _latest(raw, "scot_imm_24m_mmr", "S12")
    got = dict(zip(scotland["locations"], array(scotland["z"]), strict=True))
    assert got == pytest.approx(dict(zip(mmr["area_code"], mmr["value"], strict=True)))
    axis = spec["layout"][scotland["coloraxis"]]
    assert (axis["cmin"], axis["cmax"]) == pytest.approx((mmr["value"].min(), mmr["value"].max()))
    # Another topic: the Scottish choice of immunisation measure does not follow it.
    at.radio(key="topic").set_value("birth-weight").run()
    assert not at.exception
    assert at.radio(key="measure_scotland").value == "scot_not_healthy_birthweight"
