// The dashboard's map: projected SVG paths fetched once, kept mounted, recoloured per change.
// Everything from the data is set as text (textContent, attributes), never as HTML.
const SVG_NS = "http://www.w3.org/2000/svg";
const HEIGHT_MAX = 720;
const HEIGHT_MIN = 300;
let mapCount = 0;
// One fetch per page for each shapes file (its URL carries its content's digest).
const shapesCache = (window.__earlyYearsMapShapes = window.__earlyYearsMapShapes || new Map());

function loadShapes(url) {
  if (!shapesCache.has(url)) {
    const request = fetch(url, { credentials: "same-origin" }).then((response) => {
      if (!response.ok) throw new Error(`the map shapes answered ${response.status}`);
      return response.json();
    });
    request.catch(() => shapesCache.delete(url));
    shapesCache.set(url, request);
  }
  return shapesCache.get(url);
}

function element(name, className, parent) {
  const made = document.createElement(name);
  if (className) made.className = className;
  if (parent) parent.appendChild(made);
  return made;
}

function build(parentElement) {
  const root = element("div", "eyi-map", parentElement);
  root.dataset.state = "loading";
  root.dataset.rendered = "0";
  const title = element("div", "eyi-map-title", root);
  const frame = element("div", "eyi-map-frame", root);
  const svg = document.createElementNS(SVG_NS, "svg");
  svg.setAttribute("class", "eyi-map-svg");
  // A list of areas for the keyboard: the arrow keys (or typing a name) move through them
  // in alphabetical order, Enter chooses one, as a click does.
  svg.setAttribute("role", "listbox");
  svg.setAttribute("tabindex", "0");
  svg.setAttribute("preserveAspectRatio", "xMidYMid meet");
  frame.appendChild(svg);
  const areas = document.createElementNS(SVG_NS, "g");
  areas.setAttribute("class", "eyi-areas");
  svg.appendChild(areas);
  const tip = element("div", "eyi-map-tip", frame);
  tip.id = `eyi-map-tip-${++mapCount}`;
  tip.hidden = true;
  const legend = element("div", "eyi-map-legend", root);
  const legendTitle = element("p", "eyi-legend-title", legend);
  const legendList = element("ul", "eyi-legend-list", legend);
  const state = {
    root, title, frame, svg, areas, tip, legendTitle, legendList,
    shapesUrl: null, paths: [], codes: [], names: [], data: null, count: 0,
    setTriggerValue: null, fullBox: null,
    order: [], active: null, typed: "", typedAt: 0, // the keyboard's list and its place
  };
  root.__state = state;
  areas.addEventListener("pointermove", (event) => showTip(state, event));
  areas.addEventListener("pointerleave", () => { tip.hidden = true; });
  areas.addEventListener("click", (event) => {
    const path = event.target.closest("path");
    if (path) choose(state, path.dataset.code);
  });
  svg.addEventListener("keydown", (event) => onKey(state, event));
  // Only a keyboard focus picks an area (a click focuses the map too, and must not move it).
  svg.addEventListener("focus", () => {
    if (state.data && svg.matches(":focus-visible")) activate(state, state.active ?? firstActive(state));
  });
  svg.addEventListener("blur", () => activate(state, null));
  new ResizeObserver(() => fitHeight(state)).observe(frame);
  return root;
}

function drawPaths(state, shapes, url) {
  state.areas.replaceChildren();
  state.paths = shapes.paths.map((d, i) => {
    const path = document.createElementNS(SVG_NS, "path");
    path.setAttribute("d", d);
    path.setAttribute("role", "option");
    path.setAttribute("aria-label", shapes.names[i]);
    path.dataset.code = shapes.codes[i];
    state.areas.appendChild(path);
    return path;
  });
  state.codes = shapes.codes;
  state.names = shapes.names;
  state.shapesUrl = url;
  const box = state.areas.getBBox();
  state.fullBox = [box.x, box.y, box.width, box.height];
}

function fitHeight(state) {
  const view = state.svg.viewBox.baseVal;
  const width = state.frame.clientWidth;
  if (!view || !view.width || !width) return;
  const wanted = (width * view.height) / view.width;
  state.svg.style.height = `${Math.round(Math.min(HEIGHT_MAX, Math.max(HEIGHT_MIN, wanted)))}px`;
}

function swatch(entry, parent) {
  const item = element("li", "eyi-legend-item", parent);
  const mark = element("span", entry[2] === "outline" ? "eyi-swatch eyi-outline" : "eyi-swatch", item);
  if (entry[2] === "outline") mark.style.borderColor = entry[1];
  else mark.style.backgroundColor = entry[1];
  element("span", "eyi-legend-label", item).textContent = entry[0];
}

function apply(state, data) {
  state.data = data;
  state.title.textContent = data.title;
  state.svg.setAttribute("aria-label", `${data.title}. ${data.description}`);
  const caution = new Set(data.caution);
  const outlinedCaution = [];
  let selectedPath = null;
  state.paths.forEach((path, i) => {
    const index = data.colour[i];
    if (index === undefined || index < 0) {
      path.style.display = "none";
      return;
    }
    path.style.display = "";
    path.setAttribute("fill", data.legend[index][1]);
    const code = state.codes[i];
    let kind = "";
    if (code === data.selected) {
      kind = "selected";
      selectedPath = path;
    } else if (caution.has(code)) {
      kind = "caution";
      outlinedCaution.push(path);
    }
    path.setAttribute("class", kind);
    path.setAttribute("aria-selected", String(code === data.selected));
  });
  state.order = state.paths
    .map((path, i) => i)
    .filter((i) => data.colour[i] >= 0)
    .sort((a, b) => state.names[a].localeCompare(state.names[b], "en-GB"));
  // Outlined areas last: a path drawn later covers its neighbours' edges.
  outlinedCaution.forEach((path) => state.areas.appendChild(path));
  if (selectedPath) state.areas.appendChild(selectedPath);
  const view = data.view || state.fullBox;
  state.svg.setAttribute("viewBox", view.join(" "));
  fitHeight(state);
  state.legendTitle.textContent = data.legend_title;
  state.legendList.replaceChildren();
  data.legend.forEach((entry) => swatch(entry, state.legendList));
  state.tip.hidden = true;
  if (state.active !== null && document.activeElement === state.svg) activate(state, state.active);
  state.count += 1;
  state.root.dataset.rendered = String(state.count);
  state.root.dataset.state = "painted";
}

function showTip(state, event) {
  const path = event.target.closest("path");
  if (!path || !state.data) {
    state.tip.hidden = true;
    return;
  }
  const frameBox = state.frame.getBoundingClientRect();
  placeTip(state, state.codes.indexOf(path.dataset.code), event.clientX - frameBox.left, event.clientY - frameBox.top);
}

// The area's name and lines in the tip, beside the point (x, y) of the frame.
function placeTip(state, i, x, y) {
  const data = state.data;
  const lines = [`${state.names[i]} (${state.codes[i]})`, ...(data.lines[i] || []).map((t) => data.texts[t])];
  state.tip.replaceChildren();
  lines.forEach((line, n) => { element("div", n === 0 ? "eyi-tip-name" : "", state.tip).textContent = line; });
  state.tip.hidden = false;
  // Measured at its natural width, then kept inside the map: a tip that stuck out would
  // lengthen the page, and hiding it would then move what is under the pointer.
  state.tip.style.left = "0px";
  state.tip.style.top = "0px";
  const width = state.frame.clientWidth;
  const height = state.frame.clientHeight;
  const tipWidth = state.tip.offsetWidth;
  const tipHeight = state.tip.offsetHeight;
  const left = x + 14 + tipWidth > width ? x - 14 - tipWidth : x + 14;
  state.tip.style.left = `${clamp(left, 0, width - tipWidth)}px`;
  state.tip.style.top = `${clamp(y - 10, 0, height - tipHeight)}px`;
}

function clamp(value, low, high) {
  return Math.max(low, Math.min(value, Math.max(low, high)));
}

// An area outside the map's current view (zoomed to "my area" or a region) is brought into
// it: the whole map is shown (until the next change redraws the map).
function showWhole(state, path) {
  const view = state.svg.viewBox.baseVal;
  const box = path.getBBox();
  const inside = view && view.width && box.x >= view.x && box.y >= view.y &&
    box.x + box.width <= view.x + view.width && box.y + box.height <= view.y + view.height;
  if (!inside && state.fullBox) {
    state.svg.setAttribute("viewBox", state.fullBox.join(" "));
    fitHeight(state);
  }
}

function choose(state, code) {
  if (code && state.setTriggerValue) state.setTriggerValue("clicked", code);
}

function firstActive(state) {
  const selected = state.data && state.codes.indexOf(state.data.selected);
  return selected >= 0 && state.order.includes(selected) ? selected : (state.order[0] ?? null);
}

// The keyboard's current area (an index into the shapes, or null): outlined, described by
// the tip (its name and lines), and announced as the list's active option.
function activate(state, i) {
  state.paths.forEach((path) => path.classList.remove("active"));
  if (i === null || i === undefined || !state.order.includes(i)) {
    state.active = null;
    state.svg.removeAttribute("aria-activedescendant");
    state.tip.hidden = true;
    return;
  }
  state.active = i;
  const path = state.paths[i];
  if (!path.id) path.id = `${state.tip.id}-area-${i}`;
  path.classList.add("active");
  state.areas.appendChild(path); // drawn last: its outline on top
  showWhole(state, path);
  path.setAttribute("aria-describedby", state.tip.id);
  state.svg.setAttribute("aria-activedescendant", path.id);
  const box = path.getBoundingClientRect();
  const frameBox = state.frame.getBoundingClientRect();
  placeTip(state, i, box.left + box.width / 2 - frameBox.left, box.top + box.height / 2 - frameBox.top);
}

function onKey(state, event) {
  const order = state.order;
  if (!order.length || event.altKey || event.ctrlKey || event.metaKey) return;
  const at = order.indexOf(state.active);
  const step = { ArrowDown: 1, ArrowRight: 1, ArrowUp: -1, ArrowLeft: -1, PageDown: 10, PageUp: -10 }[event.key];
  let next = null;
  if (step !== undefined) {
    next = at < 0 ? Math.max(0, order.indexOf(firstActive(state)))
      : Math.min(order.length - 1, Math.max(0, at + step));
  } else if (event.key === "Home") {
    next = 0;
  } else if (event.key === "End") {
    next = order.length - 1;
  } else if (event.key === "Enter" || event.key === " ") {
    if (state.active !== null) choose(state, state.codes[state.active]);
  } else if (event.key === "Escape") {
    state.tip.hidden = true;
    return;
  } else if (event.key.length === 1) {
    // Typing a name: the first area whose name starts with what was typed (a pause of
    // over a second starts a new name). A letter is the map's even when no name matches
    // (not the app's keyboard shortcuts).
    const now = Date.now();
    state.typed = (now - state.typedAt > 1000 ? "" : state.typed) + event.key.toLowerCase();
    state.typedAt = now;
    const found = order.find((i) => state.names[i].toLowerCase().startsWith(state.typed));
    if (found !== undefined) next = order.indexOf(found);
  } else {
    return;
  }
  event.preventDefault();
  if (next !== null) activate(state, order[next]);
}

// The stylesheet, added once to the page (the component is not style-isolated).
function ensureStyles(cssUrl) {
  if (!window.__earlyYearsMapStyles) {
    window.__earlyYearsMapStyles = new Promise((resolve) => {
      const link = document.createElement("link");
      link.rel = "stylesheet";
      link.href = cssUrl;
      link.onload = resolve;
      link.onerror = resolve; // unstyled is still a map
      document.head.appendChild(link);
    });
  }
  return window.__earlyYearsMapStyles;
}

// Called by the component's inline loader with each payload (as JSON bytes).
export function draw(component, cssUrl) {
  const { parentElement, setTriggerValue } = component;
  const data = decode(component.data);
  const root = parentElement.querySelector(".eyi-map") || build(parentElement);
  const state = root.__state;
  state.setTriggerValue = setTriggerValue;
  state.pending = data;
  if (!data) return;
  Promise.all([loadShapes(data.shapes), ensureStyles(cssUrl)])
    .then(([shapes]) => {
      if (state.pending !== data) return; // a newer payload has arrived
      if (state.shapesUrl !== data.shapes) drawPaths(state, shapes, data.shapes);
      apply(state, data);
    })
    .catch((error) => {
      root.dataset.state = "failed";
      state.title.textContent = `The map could not be drawn (${error.message}). The table below has the same figures.`;
    });
}

function decode(data) {
  if (data === null || data === undefined) return null;
  if (typeof data === "string") return JSON.parse(data);
  if (data instanceof ArrayBuffer || ArrayBuffer.isView(data)) {
    return JSON.parse(new TextDecoder().decode(data));
  }
  return data;
}
