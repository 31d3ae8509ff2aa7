"""Take-away files: chart images with their source, a PowerPoint deck, a printable profile.

Plain Python (no Streamlit). Images are drawn by kaleido in the system Chromium, started
once per process and reused: the first image costs the browser start (~2–3 s), later ones
~0.15–0.6 s. Every image carries its title, source, period and licence *inside* the picture,
so a slide or a post never loses its attribution.
"""

from __future__ import annotations

import html
import math
import re
import shutil
import subprocess
import tempfile
import textwrap
import threading
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from io import BytesIO
from pathlib import Path

import pandas as pd
import plotly.graph_objects as go
import plotly.io as pio

from indicators.catalogue import ATTRIBUTION
from indicators.errors import IndicatorsError

#: Presentation sizes in pixels: 16:9 for slides, square for social media.
SIZES: dict[str, tuple[int, int]] = {"wide": (1920, 1080), "square": (1080, 1080)}
SIZE_LABELS = {"wide": "16:9 (1920×1080)", "square": "Square (1080×1080)"}
FORMATS = ("png", "svg")
MIME = {
    "png": "image/png",
    "svg": "image/svg+xml",
    "pptx": "application/vnd.openxmlformats-officedocument.presentationml.presentation",
    "html": "text/html",
    "pdf": "application/pdf",
}
_TITLE_SIZE = 34
_FOOTER_SIZE = 18
_LEGEND_SIZE = 18
_BASE_SIZE = 20
_TICK_SIZE = 16


class ExportUnavailable(IndicatorsError):
    """Images or PDFs cannot be made on this machine; the message says why."""


@dataclass(frozen=True)
class Credit:
    """What an exported image must say about itself."""

    title: str
    source: str
    period: str
    licence: str = ATTRIBUTION

    def footer_lines(self) -> list[str]:
        if not self.period:  # the source is a whole caption that names its own period
            return [self.source, self.licence]
        return [f"Source: {self.source}", f"Period: {self.period}. {self.licence}"]


def chromium_path() -> str | None:
    """The system Chromium that kaleido and the PDF printer use (never a downloaded one)."""
    for candidate in (
        "/usr/bin/chromium",
        shutil.which("chromium"),
        shutil.which("chromium-browser"),
    ):
        if candidate and Path(candidate).exists():
            return candidate
    return None


def _wrap(text: str, *, pixels: int, font_size: int) -> list[str]:
    """Wrap to fit ``pixels`` at ``font_size`` (an average glyph is ~0.52 em wide)."""
    width = max(20, int(pixels / (font_size * 0.52)))
    return textwrap.wrap(text, width=width, break_long_words=True) or [""]


def _escape(text: str) -> str:
    """Plotly reads a small HTML subset in text: show data text as text."""
    return html.escape(str(text), quote=False)


def _plain(text: object) -> str:
    """Text as shown, without plotly's HTML tags (for measuring)."""
    return re.sub(r"<[^>]+>", "", str(text))


def framed(figure: go.Figure, credit: Credit, *, size: str = "wide") -> go.Figure:
    """A copy of ``figure`` laid out for a slide: big title on top, the legend in its own
    margin (never clipped), and source, period and licence written along the bottom.

    Args:
        figure: Any plotly figure (not modified).
        credit: Title, source, period and licence to draw into the image.
        size: A key of :data:`SIZES`.

    Raises:
        ExportUnavailable: for an unknown size.
    """
    if size not in SIZES:
        raise ExportUnavailable(f"Unknown image size {size!r}: choose one of {', '.join(SIZES)}.")
    width, height = SIZES[size]
    side = 60
    title_lines = _wrap(credit.title, pixels=width - 2 * side, font_size=_TITLE_SIZE)[:3]
    source_part, *rest = credit.footer_lines()
    kept = [
        line
        for part in rest
        for line in _wrap(part, pixels=width - 2 * side, font_size=_FOOTER_SIZE)
    ]
    # a long list of sources is shortened; the period and licence lines are always kept
    source_lines = _wrap(source_part, pixels=width - 2 * side, font_size=_FOOTER_SIZE)
    if len(source_lines) > 7 - len(kept):
        source_lines = source_lines[: max(1, 7 - len(kept))]
        source_lines[-1] = source_lines[-1][:-1] + "…"
    footer_lines = source_lines + kept
    top = 40 + int(len(title_lines) * _TITLE_SIZE * 1.3)
    footer_height = 20 + int(len(footer_lines) * _FOOTER_SIZE * 1.35)
    framed_figure = go.Figure(figure)
    layout = framed_figure.layout
    cartesian = any(t.type in ("bar", "scatter", "box", "histogram") for t in framed_figure.data)
    # room under the plot for the x-axis ticks and title, above the footer
    bottom = footer_height + (100 if cartesian and layout.xaxis.visible is not False else 10)
    map_like = any(
        t.type in ("choroplethmap", "scattermap", "densitymap") for t in framed_figure.data
    )
    geo_like = any(t.type in ("choropleth", "scattergeo") for t in framed_figure.data)
    old_height = layout.height or 700
    # Margins are fixed here rather than grown by plotly, so that the footer can be placed
    # exactly at the image's left edge (an annotation can only be placed relative to the
    # plot area). The legend gets its own column on the right, sized for its longest entry
    # at 0.52 em a character, so no entry is cut off.
    entries = [
        _plain(t.name)
        for t in framed_figure.data
        if t.name and t.showlegend is not False and (t.showlegend or len(framed_figure.data) > 1)
    ]
    if layout.legend.title.text:
        entries.append(_plain(layout.legend.title.text))
    show_legend = layout.showlegend is not False and bool(entries)
    right = side + (
        min(int(max(map(len, entries)) * _LEGEND_SIZE * 0.52) + 60, int(width * 0.35))
        if show_legend
        else 0
    )
    left = side
    if cartesian:
        horizontal = [t for t in framed_figure.data if t.type == "bar" and t.orientation == "h"]
        labels = [
            _plain(line)
            for t in horizontal
            for y in (t.y or ())
            if y is not None
            for line in str(y).split("<br>")
        ]
        longest = max(map(len, labels), default=4)
        left = side + min(int(longest * _TICK_SIZE * 0.52) + 20, int(width * 0.35))
        framed_figure.update_yaxes(automargin=False, tickfont={"size": _TICK_SIZE})
        framed_figure.update_xaxes(automargin=False)
    legend = {"orientation": "v", "x": 1.01, "xanchor": "left", "y": 1, "yanchor": "top"}
    framed_figure.update_layout(
        width=width,
        height=height,
        autosize=False,
        title={
            "text": "<br>".join(_escape(line) for line in title_lines),
            "x": side / width,
            "xanchor": "left",
            "y": 1,
            "yanchor": "bottom",
            "yref": "paper",
            "pad": {"b": 16},
            "font": {"size": _TITLE_SIZE},
        },
        font={"size": _BASE_SIZE},
        margin={"l": left, "r": right, "t": top, "b": bottom, "autoexpand": False},
        showlegend=show_legend,
        legend={
            **legend,
            "font": {"size": _LEGEND_SIZE},
            "title": {"font": {"size": _LEGEND_SIZE}},
            "bgcolor": "rgba(255,255,255,0.9)",
        },
        paper_bgcolor="#ffffff",
    )
    plot_height = height - top - bottom
    framed_figure.add_annotation(
        text="<br>".join(_escape(line) for line in footer_lines),
        xref="paper",
        yref="paper",
        x=-(left - side) / (width - left - right),
        xanchor="left",
        y=-(bottom - 10) / plot_height,
        yanchor="bottom",
        align="left",
        showarrow=False,
        font={"size": _FOOTER_SIZE, "color": "#222222"},
    )
    if map_like and layout.map.zoom is not None:
        # the same view at a larger height needs a little more zoom to fill the frame
        framed_figure.update_layout(
            map_zoom=layout.map.zoom + math.log2(max(plot_height, 1) / old_height) + 0.3
        )
    if geo_like:
        framed_figure.update_geos(fitbounds="locations")
    return framed_figure


# --------------------------------------------------------------------------- kaleido
_server_lock = threading.Lock()
_render_lock = threading.Lock()
_server_started = False


def unavailable_reason() -> str | None:
    """Why images cannot be made here, or None when kaleido and Chromium are both present."""
    try:
        import kaleido  # noqa: F401
    except ImportError:
        return "Image export needs the kaleido package, which is not installed here."
    if chromium_path() is None:
        return (
            "Image export draws charts in Chromium, and no Chromium browser is installed here "
            "(on Debian: apt-get install chromium)."
        )
    return None


def _kaleido():
    """The kaleido module with its one browser started (once per process)."""
    global _server_started
    try:
        import kaleido
    except ImportError as error:
        raise ExportUnavailable(
            "Image export needs the kaleido package, which is not installed here."
        ) from error
    if chromium_path() is None:
        raise ExportUnavailable(
            "Image export draws charts in Chromium, and no Chromium browser is installed here "
            "(on Debian: apt-get install chromium)."
        )
    with _server_lock:
        if not _server_started:
            try:
                # mathjax=False: kaleido would otherwise fetch MathJax from a CDN (offline here)
                kaleido.start_sync_server(mathjax=False, timeout=120, silence_warnings=True)
            except Exception as error:  # kaleido raises several kinds when Chromium fails
                raise ExportUnavailable(f"The image renderer could not start: {error}") from error
            _server_started = True
    return kaleido


def image_bytes(
    figure: go.Figure,
    credit: Credit,
    *,
    size: str = "wide",
    fmt: str = "png",
    topojson: str | None = None,
) -> bytes:
    """The figure as a PNG or SVG at a presentation size, with its credit drawn in.

    Args:
        figure: The chart or map.
        credit: Title, source, period and licence for the image.
        size: ``"wide"`` (1920×1080) or ``"square"`` (1080×1080).
        fmt: ``"png"`` or ``"svg"``.
        topojson: Folder URL of plotly's world topojson files for geo maps (for example
            ``file:///…/static/topojson/``); defaults to ``plotly.io.defaults.topojson``.

    Raises:
        ExportUnavailable: when kaleido or Chromium is missing or the render fails.
    """
    if fmt not in FORMATS:
        raise ExportUnavailable(f"Unknown image format {fmt!r}: choose png or svg.")
    laid_out = framed(figure, credit, size=size)
    width, height = SIZES[size]
    kaleido = _kaleido()
    with _render_lock:
        try:
            return kaleido.calc_fig_sync(
                laid_out.to_dict(),
                opts={"format": fmt, "width": width, "height": height, "scale": 1},
                topojson=topojson or pio.defaults.topojson,
            )
        except Exception as error:
            raise ExportUnavailable(f"The image could not be drawn: {error}") from error


def chart_credit(title: str, caption: str) -> Credit:
    """The credit of a page's chart: its title (plotly markup read back as plain text) and
    the caption drawn under it (source, period and licence, as the page shows them)."""
    plain = html.unescape(_plain(re.sub(r"<br\s*/?>", " ", str(title or "Chart"))))
    words = " ".join(str(caption).replace(ATTRIBUTION, " ").split())
    return Credit(
        title=" ".join(plain.split()), source=words or "Early Years Indicators", period=""
    )


def chart_image(
    figure: go.Figure,
    credit: Credit,
    *,
    size: str,
    fmt: str,
    boundaries: Callable[[], dict] | None = None,
    topojson: str | None = None,
    served: Mapping[str, Callable[[], dict]] | None = None,
) -> bytes:
    """:func:`image_bytes` for a chart as the app draws it: a map whose boundaries are a
    URL of the app (which the image browser cannot fetch) gets the GeoJSON itself from
    ``served[url]()`` where ``served`` names that URL, else from ``boundaries()`` (each
    called only then). ``figure`` is not modified."""
    served = served or {}
    urls = {
        t.geojson
        for t in figure.data
        if t.type in ("choropleth", "choroplethmap") and isinstance(t.geojson, str)
    }
    loaders = {url: served.get(url, boundaries) for url in urls}
    if any(loader is not None for loader in loaders.values()):
        geojson = {url: loader() for url, loader in loaders.items() if loader is not None}
        figure = go.Figure(figure)
        for trace in figure.data:
            if isinstance(trace.geojson, str) and trace.geojson in geojson:
                trace.geojson = geojson[trace.geojson]
    return image_bytes(figure, credit, size=size, fmt=fmt, topojson=topojson)


def stop() -> None:
    """Close the export browser (tests; a server process keeps it for its lifetime)."""
    global _server_started
    with _server_lock:
        if _server_started:
            import kaleido

            kaleido.stop_sync_server(silence_warnings=True)
            _server_started = False


# --------------------------------------------------------------------------- PowerPoint
@dataclass(frozen=True)
class SlideImage:
    """One slide of an exported deck: its title, a 16:9 PNG and the source footer."""

    title: str
    png: bytes
    footer: str


def deck_pptx(slides: Sequence[SlideImage]) -> bytes:
    """A 16:9 PowerPoint file, one slide per view: title, chart image, source footer.

    Raises:
        ExportUnavailable: when python-pptx is not installed.
    """
    try:
        from pptx import Presentation
        from pptx.util import Emu, Pt
    except ImportError as error:
        raise ExportUnavailable(
            "Deck export needs the python-pptx package, which is not installed here."
        ) from error
    presentation = Presentation()
    presentation.slide_width = Emu(12192000)  # 13.333 in: 16:9
    presentation.slide_height = Emu(6858000)  # 7.5 in
    title_only = presentation.slide_layouts[5]
    inch = 914400
    for slide_image in slides:
        slide = presentation.slides.add_slide(title_only)
        title = slide.shapes.title
        title.text = slide_image.title
        title.left, title.top = Emu(int(0.4 * inch)), Emu(int(0.2 * inch))
        title.width, title.height = Emu(int(12.5 * inch)), Emu(int(0.9 * inch))
        for paragraph in title.text_frame.paragraphs:
            for run in paragraph.runs:
                run.font.size = Pt(28)
        # the image already carries its own footer; the slide's footer is also text, so it
        # can be read aloud and copied
        picture_height = int(5.6 * inch)
        picture_width = int(picture_height * 16 / 9)
        slide.shapes.add_picture(
            BytesIO(slide_image.png),
            Emu((presentation.slide_width - picture_width) // 2),
            Emu(int(1.15 * inch)),
            width=Emu(picture_width),
            height=Emu(picture_height),
        )
        footer = slide.shapes.add_textbox(
            Emu(int(0.4 * inch)), Emu(int(6.8 * inch)), Emu(int(12.5 * inch)), Emu(int(0.6 * inch))
        )
        footer.text_frame.word_wrap = True
        footer.text_frame.text = slide_image.footer
        for paragraph in footer.text_frame.paragraphs:
            for run in paragraph.runs:
                run.font.size = Pt(10)
    out = BytesIO()
    presentation.save(out)
    return out.getvalue()


# --------------------------------------------------------------------------- printable profile
@dataclass(frozen=True)
class ProfileRow:
    indicator: str
    period: str
    value: str
    england: str
    comparison: str
    sentence: str


def profile_rows(profile: pd.DataFrame) -> list[ProfileRow]:
    """The rows of a profile view (``views.profile_view``) as printable text."""

    def number(value: object) -> str:
        return "" if value is None or pd.isna(value) else f"{float(value):.1f}%"

    return [
        ProfileRow(
            indicator=str(row.indicator),
            period=str(row.period),
            value=number(row.value),
            england=number(row.england),
            comparison=str(row.comparison_label or ""),
            sentence=f"{row.summary} {row.trend}.",
        )
        for row in profile.itertuples()
    ]


def profile_html(
    *,
    area_name: str,
    area_line: str,
    rows: Sequence[ProfileRow],
    sources: Sequence[str],
    spine_svg: str = "",
) -> str:
    """A print-ready HTML page (A4, one to two pages) of an area's profile.

    Every piece of text is escaped; ``spine_svg`` is an SVG made by :func:`image_bytes` (our
    own markup, drawn from escaped text) and is embedded as an image, never as markup.
    """
    import base64

    esc = html.escape
    spine = (
        f'<img class="spine" alt="Spine chart for {esc(area_name)}" '
        f'src="data:image/svg+xml;base64,{base64.b64encode(spine_svg.encode()).decode()}">'
        if spine_svg
        else ""
    )
    sentences = "".join(f"<li><b>{esc(r.indicator)}.</b> {esc(r.sentence)}</li>" for r in rows)
    table_rows = "".join(
        "<tr>"
        + "".join(
            f"<td>{esc(cell)}</td>"
            for cell in (r.indicator, r.period, r.value, r.england, r.comparison)
        )
        + "</tr>"
        for r in rows
    )
    source_items = "".join(f"<li>{esc(s)}</li>" for s in sources)
    return f"""<!doctype html>
<html lang="en"><head><meta charset="utf-8">
<title>Area profile: {esc(area_name)}</title>
<style>
@page {{ size: A4; margin: 14mm 14mm 16mm 14mm; }}
body {{ font-family: "DejaVu Sans", Arial, sans-serif; font-size: 10.5pt; color: #111;
        font-variant-ligatures: none; }}
h1 {{ font-size: 20pt; margin: 0 0 2mm 0; }}
h2 {{ font-size: 13pt; margin: 5mm 0 2mm 0; break-after: avoid; }}
.meta {{ color: #333; margin-bottom: 3mm; }}
.spine {{ width: 100%; max-height: 120mm; object-fit: contain; }}
table {{ border-collapse: collapse; width: 100%; font-size: 9.5pt; }}
th, td {{ border: 0.3mm solid #999; padding: 1mm 1.5mm; text-align: left; vertical-align: top; }}
tr {{ break-inside: avoid; }}
li {{ margin-bottom: 1.2mm; break-inside: avoid; }}
footer {{ margin-top: 4mm; font-size: 8.5pt; color: #333; }}
</style></head>
<body>
<h1>Area profile: {esc(area_name)}</h1>
<div class="meta">{esc(area_line)}</div>
{spine}
<h2>In words</h2>
<ul>{sentences}</ul>
<h2>Figures</h2>
<table><thead><tr><th>Indicator</th><th>Period</th><th>Value</th><th>England</th><th>Comparison</th></tr></thead>
<tbody>{table_rows}</tbody></table>
<h2>Sources</h2>
<ul>{source_items}</ul>
<footer>{esc(ATTRIBUTION)} Early Years Indicators.</footer>
</body></html>
"""


def html_to_pdf(page: str, *, timeout: float = 60) -> bytes:
    """Print an HTML page to an A4 PDF with headless Chromium (no network needed).

    Raises:
        ExportUnavailable: when Chromium is missing or fails to print.
    """
    browser = chromium_path()
    if browser is None:
        raise ExportUnavailable(
            "PDF printing uses Chromium, and no Chromium browser is installed here."
        )
    with tempfile.TemporaryDirectory(prefix="eyi-print-") as folder:
        source = Path(folder) / "profile.html"
        target = Path(folder) / "profile.pdf"
        source.write_text(page, encoding="utf-8")
        try:
            subprocess.run(
                [
                    browser,
                    "--headless",
                    "--no-sandbox",
                    "--disable-gpu",
                    "--disable-dev-shm-usage",
                    "--no-first-run",
                    "--disable-background-networking",
                    f"--user-data-dir={folder}/profile-dir",
                    "--no-pdf-header-footer",
                    f"--print-to-pdf={target}",
                    source.as_uri(),
                ],
                check=True,
                capture_output=True,
                timeout=timeout,
            )
        except (subprocess.SubprocessError, OSError) as error:
            raise ExportUnavailable(f"Chromium could not print the profile: {error}") from error
        if not target.exists():
            raise ExportUnavailable("Chromium ran but wrote no PDF.")
        return target.read_bytes()
