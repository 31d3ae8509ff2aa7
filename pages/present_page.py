"""Presentation: slides in large type, keyboard navigation, a deck builder and take-away files.

The deck lives in the link (``?deck=teams~map.eyfsp_gld.2023/24&slide=2``), so a presenter
can bookmark or share it; another page can send a slide here with ``?add=<slide>``.
"""

import html

import streamlit as st

from indicators import deck, exports, loaders
from pages import common

_SLIDES = "deck_slides"
_INDEX = "deck_index"
_NOTES = "deck_notes"

# Streamlit has no key events. This tiny script (no data in it) lets the arrow and Page
# Up/Down keys click the Previous/Next buttons, found by their widget keys' CSS class; it
# replaces its own listener on each run and ignores keys typed into inputs.
KEYBOARD_BRIDGE = """<script>
(function () {
  if (window.__eyiSlideKeys) document.removeEventListener("keydown", window.__eyiSlideKeys);
  window.__eyiSlideKeys = function (event) {
    if (event.altKey || event.ctrlKey || event.metaKey) return;
    var target = event.target;
    if (target && target.closest && target.closest("input, textarea, select, [contenteditable=true]")) return;
    var keys = {ArrowRight: "slide_next", PageDown: "slide_next", ArrowLeft: "slide_previous", PageUp: "slide_previous"};
    var key = keys[event.key];
    if (!key) return;
    var button = document.querySelector(".st-key-" + key + " button");
    if (button && !button.disabled) { event.preventDefault(); button.click(); }
  };
  document.addEventListener("keydown", window.__eyiSlideKeys);
})();
</script>"""
STYLE = """<style>
.eyi-slide h1 { font-size: 3rem; line-height: 1.15; margin: 0 0 0.5rem 0; }
.eyi-number { font-size: 9rem; font-weight: 700; line-height: 1; color: #08519c; }
.eyi-sentence { font-size: 2rem; line-height: 1.3; margin: 0.5rem 0 1rem 0; }
.eyi-footer { font-size: 1rem; color: #222; border-top: 1px solid #999; padding-top: 0.4rem; }
</style>"""
PRESENTING_STYLE = """<style>
[data-testid="stSidebar"], [data-testid="stSidebarCollapsedControl"], header[data-testid="stHeader"] { display: none; }
.block-container, [data-testid="stMainBlockContainer"] { padding-top: 1rem; max-width: 100%; }
</style>"""


def _start() -> None:
    """The deck and slide number come from the link once per session."""
    if _SLIDES in st.session_state:
        return
    try:
        slides, notes = deck.parse_deck(st.query_params.get("deck"))
    except deck.DeckError as error:
        slides, notes = [], [str(error)]
    if not slides:
        slides = deck.default_deck(selection)
    asked = st.query_params.get("slide", "1")
    index = int(asked) - 1 if asked.isdigit() and 1 <= int(asked) <= len(slides) else 0
    st.session_state[_SLIDES] = slides
    st.session_state[_INDEX] = index
    st.session_state[_NOTES] = notes


def _take_added() -> None:
    """A slide sent from another page (``?add=``) joins the end of the deck."""
    added = st.query_params.get("add")
    if not added:
        return
    del st.query_params["add"]
    slides, notes = deck.parse_deck(added)
    st.session_state[_NOTES] = notes
    if slides and len(st.session_state[_SLIDES]) < deck.MAX_SLIDES:
        st.session_state[_SLIDES] = [*st.session_state[_SLIDES], slides[0]]
        st.session_state[_INDEX] = len(st.session_state[_SLIDES]) - 1


def _go(step: int) -> None:
    last = len(st.session_state[_SLIDES]) - 1
    st.session_state[_INDEX] = min(max(st.session_state[_INDEX] + step, 0), last)


def _add(slide: deck.Slide) -> None:
    if len(st.session_state[_SLIDES]) < deck.MAX_SLIDES:
        st.session_state[_SLIDES] = [*st.session_state[_SLIDES], slide]
        st.session_state[_INDEX] = len(st.session_state[_SLIDES]) - 1


def _move(index: int, step: int) -> None:
    st.session_state[_SLIDES] = deck.move(st.session_state[_SLIDES], index, step)
    st.session_state[_INDEX] = min(max(index + step, 0), len(st.session_state[_SLIDES]) - 1)


def _remove(index: int) -> None:
    slides = list(st.session_state[_SLIDES])
    if len(slides) > 1:
        del slides[index]
        st.session_state[_SLIDES] = slides
        st.session_state[_INDEX] = min(st.session_state[_INDEX], len(slides) - 1)


def _label(slide: deck.Slide) -> str:
    details = " · ".join(p for p in (slide.indicator or slide.fact, slide.period, slide.area) if p)
    return deck.KINDS[slide.kind] + (f" ({details})" if details else "")


selection = common.shared_selection()
common.PAGE_KEYS.update({"deck", "slide", "add"})  # this page's keys stay in the address
common.load_all()
_start()
_take_added()
slides: list[deck.Slide] = st.session_state[_SLIDES]
index: int = st.session_state[_INDEX]
st.query_params["deck"] = deck.deck_to_param(slides)
st.query_params["slide"] = str(index + 1)

presenting = st.session_state.get("presenting", False)
if not presenting:
    st.title("Presentation")
st.html(STYLE)
if presenting:
    st.html(PRESENTING_STYLE)
st.html(KEYBOARD_BRIDGE, unsafe_allow_javascript=True)
for note in st.session_state[_NOTES]:
    st.info(note)

slide = slides[index]
view = loaders.slide_view(slide)
esc = html.escape
if view.problem:
    st.html(f'<div class="eyi-slide"><h1>{esc(view.title)}</h1></div>')
    st.warning(view.problem)
else:
    parts = [f"<h1>{esc(view.title)}</h1>"]
    if view.number:
        parts.append(f'<div class="eyi-number">{esc(view.number)}</div>')
    if view.sentence:
        parts.append(f'<p class="eyi-sentence">{esc(view.sentence)}</p>')
    st.html(f'<div class="eyi-slide">{"".join(parts)}</div>')
    if view.figure is not None and not view.number:
        shown = view.figure.to_dict()
        shown["layout"]["height"] = 620 if presenting else 560
        st.plotly_chart(
            shown,
            width="stretch",
            config={"displaylogo": False},
            key=f"slide_chart_{index}",
            alt=f"{view.title}. Source and period are written under the chart.",
        )
    st.html(f'<p class="eyi-footer">{esc(view.footer)}</p>')

previous, position, following = st.columns([1, 2, 1])
previous.button(
    "Previous slide",
    key="slide_previous",
    on_click=_go,
    args=(-1,),
    disabled=index == 0,
    width="stretch",
)
position.markdown(f"**Slide {index + 1} of {len(slides)}** · keys: ← → or Page Up / Page Down")
following.button(
    "Next slide",
    key="slide_next",
    on_click=_go,
    args=(1,),
    disabled=index == len(slides) - 1,
    width="stretch",
)
st.toggle("Presenting: hide the sidebar and the deck tools", key="presenting")
if presenting:
    st.stop()

st.header("Build the deck")
for number, item in enumerate(slides):
    label, up, down, remove = st.columns([6, 1, 1, 1])
    label.markdown(
        f"{number + 1}. {'**' if number == index else ''}{_label(item)}{'**' if number == index else ''}"
    )
    up.button("Up", key=f"up_{number}", on_click=_move, args=(number, -1), disabled=number == 0)
    down.button(
        "Down",
        key=f"down_{number}",
        on_click=_move,
        args=(number, 1),
        disabled=number == len(slides) - 1,
    )
    remove.button(
        "Remove",
        key=f"remove_{number}",
        on_click=_remove,
        args=(number,),
        disabled=len(slides) == 1,
    )

st.subheader("Add a slide from the current selection")
add_map, add_peers, add_nations, add_teams = st.columns(4)
add_map.button(
    "Add the map",
    on_click=_add,
    args=(deck.slide_from_selection("map", selection),),
    disabled=not selection.period,
)
add_peers.button(
    "Add my area and its neighbours",
    on_click=_add,
    args=(deck.slide_from_selection("peers", selection),),
    disabled=not (selection.area and selection.period),
    help="Choose “My area” in the sidebar first." if not selection.area else None,
)
add_nations.button(
    "Add four nations", on_click=_add, args=(deck.slide_from_selection("nations", selection),)
)
add_teams.button("Add the headline number", on_click=_add, args=(deck.Slide("teams"),))
facts = loaders.load_headline_facts()
choices = deck.fact_options(facts)
fact_column, fact_button = st.columns([4, 1])
chosen = fact_column.selectbox(
    "Headline fact card",
    choices,
    format_func=lambda c: f"{c[0].replace('_', ' ')} ({c[1]})",
)
fact_button.button(
    "Add this fact", on_click=_add, args=(deck.Slide("fact", fact=chosen[0], period=chosen[1]),)
)

st.subheader("Share")
st.caption("This link opens the deck at this slide, with nothing stored anywhere else:")
base = (st.context.url or "").split("?")[0]
st.code(
    f"{base}?deck={deck.deck_to_param(slides)}&slide={index + 1}", language=None, wrap_lines=True
)

st.subheader("Take away")
reason = exports.unavailable_reason()
if reason:
    st.info(f"Images and PowerPoint cannot be made here: {reason}")
elif deck.export_figure(view) is None:
    st.caption("This slide has nothing to export.")
else:
    credit = exports.Credit(
        title=view.title, source=view.source, period=view.period, licence=view.licence
    )

    def _image(size: str, fmt: str):
        # runs only when the button is clicked (callable data), in Streamlit's thread
        return lambda: exports.image_bytes(
            deck.export_figure(loaders.slide_view(slide, embed_boundaries=True)),
            credit,
            size=size,
            fmt=fmt,
        )

    stem = f"slide-{index + 1}-{slide.kind}"
    wide_png, square_png, wide_svg = st.columns(3)
    wide_png.download_button(
        "PNG 16:9 (1920×1080)",
        data=_image("wide", "png"),
        file_name=f"{stem}-16x9.png",
        mime=exports.MIME["png"],
    )
    square_png.download_button(
        "PNG square (1080×1080)",
        data=_image("square", "png"),
        file_name=f"{stem}-square.png",
        mime=exports.MIME["png"],
    )
    wide_svg.download_button(
        "SVG 16:9",
        data=_image("wide", "svg"),
        file_name=f"{stem}-16x9.svg",
        mime=exports.MIME["svg"],
    )
    st.caption(
        "The first image takes a few seconds while the drawing browser starts; later ones are quicker."
    )

if not reason and st.button("Make a PowerPoint of the whole deck"):
    progress = st.progress(0.0, text="Drawing the slides…")
    pictures = []
    for number, item in enumerate(slides):
        item_view = loaders.slide_view(item, embed_boundaries=True)
        figure = deck.export_figure(item_view)
        if figure is not None:
            png = exports.image_bytes(
                figure,
                exports.Credit(
                    item_view.title, item_view.source, item_view.period, item_view.licence
                ),
            )
            pictures.append(exports.SlideImage(item_view.title, png, item_view.footer))
        progress.progress(
            (number + 1) / len(slides), text=f"Drew slide {number + 1} of {len(slides)}"
        )
    progress.empty()
    st.download_button(
        "Download the deck (.pptx)",
        data=exports.deck_pptx(pictures),
        file_name="early-years-indicators-deck.pptx",
        mime=exports.MIME["pptx"],
    )
