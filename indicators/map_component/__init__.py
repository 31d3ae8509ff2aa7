"""The map component's browser side: plain files (no Streamlit here).

``static/map.js`` keeps the projected SVG paths mounted and only recolours them for each
payload (:func:`indicators.map_svg.map_payload`); ``static/map.css`` styles it. serve.py
serves both at :data:`ROUTE` (cacheable: their URLs carry a digest of their content), and
``pages/common.py`` registers :data:`LOADER_JS` with Streamlit: Streamlit sends a
component's inline JavaScript and CSS with every rerun, so the inline part is only this
small loader (~0.2 KB instead of ~10 KB per rerun).
"""

from __future__ import annotations

import hashlib
from pathlib import Path

#: The folder serve.py serves at :data:`ROUTE`.
STATIC = Path(__file__).resolve().parent / "static"
ROUTE = "/mapcomponent/"
#: The component's name in Streamlit (unique in the app).
NAME = "early_years_map"
DIGEST = hashlib.sha256(
    b"".join((STATIC / name).read_bytes() for name in ("map.js", "map.css"))
).hexdigest()[:12]
#: Streamlit runs the inline script as a module from a blob: URL, so the import names the
#: page's origin (a path alone cannot be resolved against a blob: URL).
LOADER_JS = (
    "export default function (component) {\n"
    "  const origin = window.location.origin;\n"
    f'  import(origin + "{ROUTE}map.js?v={DIGEST}")\n'
    f'    .then((module) => module.draw(component, origin + "{ROUTE}map.css?v={DIGEST}"))\n'
    "    .catch((error) => {\n"
    '      component.parentElement.textContent = "The map could not be loaded: " + error;\n'
    "    });\n"
    "}\n"
)
