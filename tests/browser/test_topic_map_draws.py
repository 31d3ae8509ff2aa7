"""UK by topic in real Chromium: one topic paints every nation that has local figures, each
with its own colour bar, offline.

The expected nations come from the committed data file (a plain pandas filter), not from the
code that draws the map.
"""

from __future__ import annotations

import pandas as pd
import pytest

from indicators import paths
from indicators.catalogue import CATALOGUE
from indicators.schema import NI_TRUST_CODES
from indicators.topics import DEFAULT_TOPIC_ID, TOPIC_IDS
from tests.browser.conftest import SCREENSHOTS

pytestmark = pytest.mark.browser

PREFIX = {"England": "E", "Wales": "W", "Scotland": "S", "Northern Ireland": "N"}
MAP_PREFIXES = ("E06", "E08", "E09", "E10", "W06", "S12", "N09")

#: Every drawn choropleth path with its location and fill, once all of them are in.
PATHS_JS = """
() => {
  const gd = document.querySelector('[data-testid=stPlotlyChart] .js-plotly-plot');
  if (!gd || !gd._fullData) return null;
  const expected = gd._fullData.filter(t => t.type === 'choropleth')
    .reduce((n, t) => n + t.locations.length, 0);
  const paths = Array.from(gd.querySelectorAll('.choroplethlayer path'));
  if (!expected || paths.length !== expected) return null;
  return paths.map(p => [p.__data__ && p.__data__.loc, getComputedStyle(p).fill]);
}
"""


def painted_nations(topic: str) -> dict[str, bool]:
    """Nation -> whether the data hold valued local figures of an indicator of ``topic``."""
    rows = pd.read_csv(paths.DATA_DIR / paths.INDICATORS_FILE, usecols=lambda c: c != "note")
    ids = [i for i, indicator in CATALOGUE.items() if indicator.topic == topic]
    local = rows[
        rows["indicator_id"].isin(ids)
        & rows["value"].notna()
        & (rows["breakdown"] == "all")
        & (rows["area_code"].str[:3].isin(MAP_PREFIXES) | rows["area_code"].isin(NI_TRUST_CODES))
    ]
    return {nation: (local["nation"] == nation).any() for nation in PREFIX}


def nation_of(code: str) -> str:
    return "N" if code in NI_TRUST_CODES else code[0]


def grey(fill: str) -> bool:
    red, green, blue = (int(part) for part in fill[4:-1].split(","))
    return red == green == blue


def drawn_paths(watched_page) -> list[list[str]]:
    handle = watched_page.page.wait_for_function(PATHS_JS, timeout=60_000, polling="raf")
    return handle.json_value()


def choose_topic(watched_page, label: str) -> None:
    page = watched_page.page
    radio = page.locator('[data-testid="stRadio"]').filter(has_text="Topic")
    watched_page.act(lambda: radio.get_by_text(label, exact=True).click())


@pytest.mark.parametrize(
    ("topic", "label"),
    [("immunisation", "Immunisation"), ("birth-weight", "Birth weight")],
)
def test_choosing_a_topic_paints_every_nation_with_figures(app_url, watched_page, topic, label):
    page = watched_page.page
    watched_page.open(f"{app_url}/uk-by-topic?topic=child-poverty")
    watched_page.wait_for_charts()
    choose_topic(watched_page, label)
    # The default topic keeps the link short (no topic in it); any other is in the URL.
    page.wait_for_function(
        """([t, d]) => t === d ? !location.search.includes('topic=')
                             : location.search.includes('topic=' + t)""",
        arg=[topic, DEFAULT_TOPIC_ID],
        timeout=30_000,
    )
    watched_page.wait_for_charts()
    drawn = drawn_paths(watched_page)
    expected = painted_nations(TOPIC_IDS[topic])
    painted: dict[str, int] = {}
    greyed: dict[str, int] = {}
    for location, fill in drawn:
        counts = greyed if grey(fill) else painted
        counts[nation_of(location)] = counts.get(nation_of(location), 0) + 1
    for nation, has_figures in expected.items():
        prefix = PREFIX[nation]
        if has_figures:
            assert painted.get(prefix, 0) > 0, f"{nation} has figures but no painted area"
        else:
            assert painted.get(prefix, 0) == 0, f"{nation} has no figures but is painted"
            assert greyed.get(prefix, 0) > 0, f"{nation} is not drawn as not published"
    if expected["Northern Ireland"] and topic == "immunisation":
        ni = sorted(loc for loc, fill in drawn if nation_of(loc) == "N" and not grey(fill))
        assert ni == sorted(NI_TRUST_CODES)  # the 5 trusts, never the councils
    # One colour bar per measure, each titled with its nation.
    titles = page.eval_on_selector_all(".colorbar .cbtitle", "els => els.map(e => e.textContent)")
    painted_nations_list = [n for n, has in expected.items() if has]
    assert len(titles) == len(painted_nations_list)
    for nation in painted_nations_list:
        assert sum(title.startswith(nation) for title in titles) == 1
    SCREENSHOTS.mkdir(exist_ok=True)
    page.locator('[data-testid="stPlotlyChart"]').first.screenshot(
        path=str(SCREENSHOTS / f"uk-by-topic-{topic}.png")
    )
    assert watched_page.outside_requests == []
    assert watched_page.app_errors() == []
