// The dashboard's map: projected SVG paths fetched once, kept mounted, recoloured per change.
// Everything from the data is set as text (textContent, attributes), never as HTML.
const SVG_NS = "http://www.w3.org/2000/svg";
const HEIGHT_MAX = 720;
const HEIGHT_MIN = 300;
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
  svg.setAttribute("role", "img");
  svg.setAttribute("preserveAspectRatio", "xMidYMid meet");
  frame.appendChild(svg);
  const areas = document.createElementNS(SVG_NS, "g");
  areas.setAttribute("class", "eyi-areas");
  svg.appendChild(areas);
  const tip = element("div", "eyi-map-tip", frame);
  tip.hidden = true;
  const legend = element("div", "eyi-map-legend", root);
  const legendTitle = element("p", "eyi-legend-title", legend);
  const legendList = element("ul", "eyi-legend-list", legend);
  const state = {
    root, title, frame, svg, areas, tip, legendTitle, legendList,
    shapesUrl: null, paths: [], codes: [], names: [], data: null, count: 0,
    setTriggerValue: null, fullBox: null,
  };
  root.__state = state;
  areas.addEventListener("pointermove", (event) => showTip(state, event));
  areas.addEventListener("pointerleave", () => { tip.hidden = true; });
  areas.addEventListener("click", (event) => {
    const path = event.target.closest("path");
    if (path && state.setTriggerValue) state.setTriggerValue("clicked", path.dataset.code);
  });
  new ResizeObserver(() => fitHeight(state)).observe(frame);
  return root;
}

function drawPaths(state, shapes, url) {
  state.areas.replaceChildren();
  state.paths = shapes.paths.map((d, i) => {
    const path = document.createElementNS(SVG_NS, "path");
    path.setAttribute("d", d);
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
  state.svg.setAttribute("aria-label", `${data.title}. The same figures are in the table below.`);
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
  });
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
  state.count += 1;
  state.root.dataset.rendered = String(state.count);
  state.root.dataset.state = "painted";
}

function showTip(state, event) {
  const path = event.target.closest("path");
  const data = state.data;
  if (!path || !data) {
    state.tip.hidden = true;
    return;
  }
  const i = state.codes.indexOf(path.dataset.code);
  const lines = [`${state.names[i]} (${state.codes[i]})`, ...(data.lines[i] || []).map((t) => data.texts[t])];
  state.tip.replaceChildren();
  lines.forEach((line, n) => { element("div", n === 0 ? "eyi-tip-name" : "", state.tip).textContent = line; });
  state.tip.hidden = false;
  const frameBox = state.frame.getBoundingClientRect();
  const x = event.clientX - frameBox.left;
  const y = event.clientY - frameBox.top;
  const tipWidth = state.tip.offsetWidth;
  const left = x + 14 + tipWidth > frameBox.width ? Math.max(0, x - 14 - tipWidth) : x + 14;
  state.tip.style.left = `${left}px`;
  state.tip.style.top = `${Math.max(0, y - 10)}px`;
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
