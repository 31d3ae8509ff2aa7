"""The dashboard's pages: one registry that the frame, the tests and the benchmarks import.

Plain data, no Streamlit. Page files are named ``<name>_page.py`` and every url_path differs
from every file stem in ``pages/``, so Streamlit's legacy ``pages/`` runner (active on a fresh
server until ``st.navigation`` first runs) cannot match a deep link to a page file on its own.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class PageEntry:
    """One page: its file (relative to the project root), menu title and address."""

    file: str
    title: str
    url_path: str
    default: bool = False

    @property
    def path(self) -> str:
        """The address a browser opens: ``/`` for the default page."""
        return "/" if self.default else f"/{self.url_path}"


PAGES: tuple[PageEntry, ...] = (
    PageEntry("pages/map_page.py", "Map", "map", default=True),
    PageEntry("pages/trends_page.py", "Trends", "trends"),
    PageEntry("pages/compare_areas_page.py", "Compare areas", "compare"),
    PageEntry("pages/area_profile_page.py", "Area profile", "profile"),
    PageEntry("pages/services_page.py", "Services", "services"),
    PageEntry("pages/four_nations_page.py", "Four nations", "four-nations"),
    PageEntry("pages/topics_page.py", "UK by topic", "uk-by-topic"),
    PageEntry("pages/about_page.py", "About the data", "about"),
    PageEntry("pages/regions_page.py", "Regions ranked", "regions-ranked"),
    PageEntry("pages/gaps_page.py", "Gap over time", "gap-over-time"),
    PageEntry("pages/peers_page.py", "My peers only", "my-peers"),
    PageEntry("pages/cohort_page.py", "Same children at 2 and 5", "cohort-2-to-5"),
    PageEntry("pages/present_page.py", "Presentation", "presentation"),
)
BY_URL: dict[str, PageEntry] = {entry.url_path: entry for entry in PAGES}
