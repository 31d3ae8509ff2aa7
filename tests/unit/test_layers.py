"""Layer rules: indicators knows no Streamlit (but its loaders); pages read no files."""

from __future__ import annotations

import ast
from pathlib import Path

from indicators import paths

ROOT = paths.PROJECT_ROOT


def imports_of(path: Path) -> set[str]:
    tree = ast.parse(path.read_text())
    names = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names |= {alias.name.split(".")[0] for alias in node.names}
        elif isinstance(node, ast.ImportFrom) and node.module:
            names.add(node.module.split(".")[0])
    return names


def test_only_the_loaders_module_imports_streamlit():
    offenders = [
        str(p.relative_to(ROOT))
        for p in (ROOT / "indicators").rglob("*.py")
        if "streamlit" in imports_of(p) and p.name != "loaders.py"
    ]
    assert offenders == []


def test_pages_do_not_read_files_or_compute():
    forbidden = (
        "read_csv",
        "read_parquet",
        "read_file",
        "open(",
        "json.load",
        "groupby",
        "DATA_DIR",
    )
    for page in [ROOT / "app.py", *(ROOT / "pages").glob("*.py")]:
        text = page.read_text()
        found = [word for word in forbidden if word in text]
        assert found == [], f"{page.name} uses {found}"
        assert "pandas" not in imports_of(page), f"{page.name} imports pandas"
