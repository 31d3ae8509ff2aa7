"""The page registry: page files exist, and no address can be taken by Streamlit's legacy
``pages/`` runner (which matches a URL path against the file stems in ``pages/``)."""

from __future__ import annotations

from indicators import paths
from pages import PAGES

PAGES_DIR = paths.PROJECT_ROOT / "pages"


def test_no_url_path_is_a_file_stem_in_pages():
    stems = {path.stem for path in PAGES_DIR.glob("*.py")}
    assert stems, "the pages/ folder must hold the page files"
    clashes = {entry.url_path for entry in PAGES} & stems
    assert clashes == set()


def test_every_page_has_its_own_address_and_file():
    url_paths = [entry.url_path for entry in PAGES]
    assert len(set(url_paths)) == len(url_paths)
    assert all(url_paths), "every page, the default too, has an explicit url_path"
    assert [entry.default for entry in PAGES].count(True) == 1
    for entry in PAGES:
        assert (paths.PROJECT_ROOT / entry.file).is_file(), entry.file
        assert entry.file.startswith("pages/") and entry.file.endswith("_page.py")


def test_every_page_file_is_registered():
    registered = {entry.file for entry in PAGES}
    page_files = {f"pages/{path.name}" for path in PAGES_DIR.glob("*_page.py")}
    assert page_files == registered
