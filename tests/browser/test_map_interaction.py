"""Clicking the map chooses "my area"; the browser's Back undoes a change; one history entry
per change."""

from __future__ import annotations

import re

import pytest

pytestmark = pytest.mark.browser

KENT = "E10000016"
#: The centre of the SVG path the map component draws for an area (its data-code).
PATH_CENTRE_JS = """
(code) => {
  const path = [...document.querySelectorAll('.eyi-map path')]
    .find(p => p.dataset.code === code);
  if (!path) return null;
  path.scrollIntoView({block: 'center'});
  const box = path.getBoundingClientRect();
  return {x: box.x + box.width / 2, y: box.y + box.height / 2,
          stroke: getComputedStyle(path).stroke,
          width: parseFloat(getComputedStyle(path).strokeWidth)};
}
"""


def area_path(page, code: str) -> dict:
    found = page.evaluate(PATH_CENTRE_JS, code)
    assert found is not None, f"no path drawn for {code}"
    return found


def shown_value(page, label: str) -> str:
    """What a selectbox shows: its input's value and the text around it."""
    return page.get_by_role("combobox", name=label).evaluate(
        "e => (e.value || '') + ' ' + (e.closest('[data-testid=stSelectbox]')?.innerText || '')"
    )


def map_title(page) -> str:
    return page.locator(".eyi-map-title").first.text_content()


def test_clicking_an_area_makes_it_my_area(app_url, watched_page):
    page = watched_page.page
    watched_page.open(f"{app_url}/?indicator=eyfsp_gld")
    watched_page.wait_for_charts()
    assert "area=" not in page.url
    kent = area_path(page, KENT)
    assert kent["stroke"] == "rgb(255, 255, 255)"
    # Hovering names the area and its figures (as text).
    page.mouse.move(kent["x"], kent["y"])
    tip = page.locator(".eyi-map-tip")
    tip.wait_for(state="visible", timeout=10_000)
    assert tip.inner_text().startswith("Kent (E10000016)\n")
    # The paths stay mounted through the reruns: the map is recoloured, not redrawn.
    page.evaluate(
        "(code) => { window.__kentPath = document.querySelector("
        "`.eyi-map path[data-code=${code}]`); }",
        KENT,
    )

    watched_page.act(lambda: page.mouse.click(kent["x"], kent["y"]))
    page.wait_for_function(f"() => location.search.includes('area={KENT}')", timeout=30_000)
    page.wait_for_function(
        "(code) => [...document.querySelectorAll('.eyi-map path')].some("
        "p => p.dataset.code === code && getComputedStyle(p).stroke === 'rgb(0, 0, 0)')",
        arg=KENT,
        timeout=30_000,
    )
    watched_page.wait_for_charts()
    outlined = area_path(page, KENT)
    assert outlined["stroke"] == "rgb(0, 0, 0)" and outlined["width"] >= 2.5
    assert "Kent" in shown_value(page, "My area (type to search)")
    assert page.evaluate("() => document.contains(window.__kentPath)")
    assert watched_page.outside_requests == []
    assert watched_page.app_errors() == []


def test_one_history_entry_per_change_and_back_undoes_an_indicator_change(app_url, watched_page):
    page = watched_page.page
    watched_page.open(f"{app_url}/trends?indicator=eyfsp_gld")
    watched_page.wait_for_charts()  # the page has settled: its links are live
    start_length = page.evaluate("() => history.length")

    # A page move adds one entry and keeps the selection in the address.
    watched_page.act(lambda: page.get_by_role("link", name="Map").click())
    page.wait_for_url(re.compile(r":\d+/\?"), timeout=30_000)
    watched_page.wait_for_charts()
    assert "indicator=eyfsp_gld" in page.url
    # One entry from the move, with the selection. Streamlit 1.67 sometimes pushes the bare
    # page address ("/") a moment before the run's address arrives (a race in its frontend,
    # seen in about 1 run in 4 here); then there are two. Never more.
    moved_length = page.evaluate("() => history.length")
    assert moved_length in (start_length + 1, start_length + 2)
    assert "Good level of development" in map_title(page)

    def choose_communication() -> None:
        page.get_by_role("combobox", name="Indicator (grouped by theme)").click()
        page.keyboard.type("communication")
        page.keyboard.press("Enter")

    # An indicator change adds one entry (not one per changed parameter).
    watched_page.act(choose_communication)
    page.wait_for_function(
        "() => location.search.includes('indicator=asq3_communication')", timeout=30_000
    )
    page.wait_for_function(
        "() => [...document.querySelectorAll('.eyi-map-title')]"
        ".some(e => e.textContent.includes('communication'))",
        timeout=30_000,
    )
    assert page.evaluate("() => history.length") == moved_length + 1

    # Back undoes it: the address, the selector and the map.
    watched_page.act(page.go_back)
    page.wait_for_function("() => location.search.includes('indicator=eyfsp_gld')", timeout=30_000)
    page.wait_for_function(
        "() => [...document.querySelectorAll('.eyi-map-title')]"
        ".some(e => e.textContent.includes('Good level of development'))",
        timeout=30_000,
    )
    assert "Good level" in shown_value(page, "Indicator (grouped by theme)")
    assert page.evaluate("() => history.length") == moved_length + 1  # nothing new pushed
    assert watched_page.app_errors() == []
