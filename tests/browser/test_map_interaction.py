"""Clicking the map chooses "my area"; the browser's Back undoes a change; one history entry
per change."""

from __future__ import annotations

import json
import re

import pytest

from indicators import paths

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


def boundary_names() -> dict[str, str]:
    """Area code -> name, from the bundled boundary file (the map draws every one of them
    for an England-only indicator: the others as "not collected")."""
    boundaries = json.loads((paths.PROJECT_ROOT / "data/boundaries_ctyua_2023.geojson").read_text())
    return {f["id"]: f["properties"]["area_name"] for f in boundaries["features"]}


ACTIVE_JS = """
() => {
  const svg = document.querySelector('.eyi-map-svg');
  const id = svg.getAttribute('aria-activedescendant');
  const path = id && document.getElementById(id);
  const tip = document.querySelector('.eyi-map-tip');
  return path ? {code: path.dataset.code, name: path.getAttribute('aria-label'),
                 role: path.getAttribute('role'), focused: document.activeElement === svg,
                 tip: tip.hidden ? '' : tip.innerText,
                 described: path.getAttribute('aria-describedby') === tip.id} : null;
}
"""


INSIDE_JS = """
(code) => {
  const within = (a, b) => a.left >= b.left - 1 && a.right <= b.right + 1
    && a.top >= b.top - 1 && a.bottom <= b.bottom + 1;
  const svg = document.querySelector('.eyi-map-svg').getBoundingClientRect();
  const path = document.querySelector(`.eyi-map path[data-code=${code}]`).getBoundingClientRect();
  const tip = document.querySelector('.eyi-map-tip').getBoundingClientRect();
  const frame = document.querySelector('.eyi-map-frame').getBoundingClientRect();
  return {area_in_map: within(path, svg), tip_in_map: within(tip, frame)};
}
"""


def test_the_keyboard_moves_through_the_areas_and_enter_chooses_one(app_url, watched_page):
    page = watched_page.page
    # Zoomed to "my area", Darlington: Kent is outside the view.
    watched_page.open(f"{app_url}/?indicator=eyfsp_gld&area=E06000005")
    watched_page.wait_for_charts()
    names = boundary_names()
    alphabetical = sorted(names, key=lambda code: names[code].casefold())
    svg = page.locator(".eyi-map-svg")
    assert svg.get_attribute("role") == "listbox" and svg.get_attribute("tabindex") == "0"
    assert "arrow keys" in svg.get_attribute("aria-label")

    svg.focus()
    page.keyboard.press("Home")
    first = page.evaluate(ACTIVE_JS)
    assert first["code"] == alphabetical[0] and first["name"] == names[alphabetical[0]]
    assert first["role"] == "option" and first["focused"] and first["described"]
    assert first["tip"].startswith(f"{names[alphabetical[0]]} ({alphabetical[0]})\n")
    # Typing a name jumps to it; the arrow keys go on in alphabetical order.
    page.keyboard.type("kent")
    assert page.evaluate(ACTIVE_JS)["code"] == KENT
    # The map zooms out to show it, and its tip stays inside the map.
    inside = page.evaluate(INSIDE_JS, KENT)
    assert inside == {"area_in_map": True, "tip_in_map": True}, inside
    page.keyboard.press("ArrowDown")
    after_kent = alphabetical[alphabetical.index(KENT) + 1]
    assert page.evaluate(ACTIVE_JS)["code"] == after_kent
    page.keyboard.press("ArrowUp")
    active = page.evaluate(ACTIVE_JS)
    assert active["code"] == KENT and active["tip"].startswith("Kent (E10000016)\n")

    # Enter makes it my area, as a click does: the address, the outline and the selector.
    watched_page.act(lambda: page.keyboard.press("Enter"))
    page.wait_for_function(f"() => location.search.includes('area={KENT}')", timeout=30_000)
    watched_page.wait_for_charts()
    page.wait_for_function(
        "(code) => [...document.querySelectorAll('.eyi-map path')].some(p => p.dataset.code "
        "=== code && p.getAttribute('aria-selected') === 'true' && p.classList.contains('selected'))",
        arg=KENT,
        timeout=30_000,
    )
    assert "Kent" in shown_value(page, "My area (type to search)")
    # The map keeps the keyboard focus through the rerun, still on Kent.
    page.wait_for_function("() => document.activeElement?.classList.contains('eyi-map-svg')")
    assert page.evaluate(ACTIVE_JS)["code"] == KENT

    # The table of every area is built when opened (a click straight after the keyboard).
    assert page.locator('[data-testid="stDataFrame"]').count() == 0
    watched_page.act(lambda: page.get_by_text("Table: every area's figures").click())
    page.wait_for_function("() => location.search.includes('table=open')", timeout=30_000)
    page.locator('[data-testid="stDataFrame"]').first.wait_for(timeout=30_000)
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


def test_the_image_controls_are_built_when_opened(app_url, watched_page):
    page = watched_page.page
    watched_page.open(f"{app_url}/?indicator=eyfsp_gld")
    watched_page.wait_for_charts()
    assert page.get_by_role("button", name="PNG image").count() == 0  # not built yet
    watched_page.act(lambda: page.get_by_role("button", name="Download image").click())
    page.get_by_role("button", name="PNG image").wait_for(timeout=30_000)
    assert page.get_by_role("button", name="SVG image").is_visible()
    assert page.get_by_role("radiogroup", name="Size").is_visible()
    assert watched_page.app_errors() == []


CAMDEN = "E09000007"


def test_a_click_on_the_london_zoom_chooses_the_area_clicked(app_url, watched_page):
    """A click focuses the map too: that focus must not pick an area from the keyboard's
    list (which could zoom the map out under the pointer)."""
    page = watched_page.page
    watched_page.open(f"{app_url}/?indicator=eyfsp_gld&zoom=london")
    watched_page.wait_for_charts()
    camden = area_path(page, CAMDEN)
    watched_page.act(lambda: page.mouse.click(camden["x"], camden["y"]))
    page.wait_for_function(f"() => location.search.includes('area={CAMDEN}')", timeout=30_000)
    assert page.evaluate(ACTIVE_JS) is None  # no keyboard area: the click chose
    assert watched_page.app_errors() == []
