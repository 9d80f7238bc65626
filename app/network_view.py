"""The network canvas: vis-network drawn in the page by a Streamlit component (v2).

The library is loaded once per browser tab from the app's own server
(``/smp-assets/vis-network.min.js``, served by ``app/serve.py`` from pyvis's copy; no
internet needed); afterwards each rerun only sends the nodes and edges, and the
canvas keeps its place. A click on a node comes back to Python as the selection, so
pages can open a details panel beside the canvas.

The canvas carries ``data-nodes`` (how many nodes it drew) and ``data-drawn-at`` for
the browser tests, and ``window.smpNetwork`` is the vis-network object.
"""

from __future__ import annotations

from pathlib import Path

import pyvis
import streamlit as st

ASSET_URL = "/smp-assets/vis-network.min.js"
VIS_DIR = Path(pyvis.__file__).parent / "lib" / "vis-9.1.2"

_JS = """
const VIS_URL = "%(url)s";
const MIN_SCALE = 0.6;  // group names (16 px) read at about 10 px

function loadVis() {
  if (window.vis && window.vis.Network) return Promise.resolve(window.vis);
  if (!window.__smpVisLoading) {
    window.__smpVisLoading = new Promise((resolve, reject) => {
      const script = document.createElement("script");
      script.src = VIS_URL;
      script.onload = () => resolve(window.vis);
      script.onerror = () => reject(new Error("could not load " + VIS_URL));
      document.head.appendChild(script);
    });
  }
  return window.__smpVisLoading;
}

function tooltip(text) {
  const element = document.createElement("div");
  element.className = "smp-tip";
  element.innerText = text;
  return element;
}

export default function (component) {
  const { data, parentElement, setStateValue } = component;
  let root = parentElement.querySelector(".smp-network");
  if (!root) {
    root = document.createElement("div");
    root.className = "smp-network";
    root.setAttribute("role", "img");
    parentElement.appendChild(root);
  }
  root.style.height = data.height + "px";
  root.setAttribute("aria-label", data.label || "Network");
  loadVis().then((vis) => {
    let state = root.__smp;
    const optionsText = JSON.stringify(data.options);
    if (!state) {
      const nodes = new vis.DataSet();
      const edges = new vis.DataSet();
      const network = new vis.Network(root, { nodes, edges }, data.options);
      state = root.__smp = { nodes, edges, network, view: null, selected: null, optionsText };
      network.on("click", (event) => {
        const id = event.nodes.length ? event.nodes[0] : null;
        if (id !== state.selected) {
          state.selected = id;
          setStateValue("selected", id);
        }
      });
      network.on("afterDrawing", () => {
        root.dataset.nodes = String(state.nodes.length);
        root.dataset.drawnAt = String(performance.now());
      });
      window.smpNetwork = network;
    } else if (optionsText !== state.optionsText) {
      state.optionsText = optionsText;
      state.network.setOptions(data.options);
    }
    // Only what changed: nodes and lines that went are removed, the rest updated.
    const nodes = data.nodes.map((n) => (n.tip ? { ...n, title: tooltip(n.tip) } : n));
    const edges = data.edges.map((e) => ({
      ...e, id: e.from + ">" + e.to, ...(e.tip ? { title: tooltip(e.tip) } : {}),
    }));
    state.nodes.clear();
    state.edges.clear();
    state.nodes.add(nodes);
    state.edges.add(edges);
    state.selected = data.selected || null;
    if (data.selected && state.nodes.get(data.selected)) {
      state.network.selectNodes([data.selected]);
    } else {
      state.network.unselectAll();
    }
    if (data.view !== state.view) {  // a new view (partnership, layout, filters): fit it
      state.view = data.view;
      state.network.fit({ animation: false });
      // Too large to read when fitted: open at a readable size on its top (the national
      // and regional groups); scrolling out shows the rest.
      if (state.network.getScale() < MIN_SCALE && data.nodes.length) {
        const xs = data.nodes.map((n) => n.x), ys = data.nodes.map((n) => n.y);
        const top = Math.min(...ys), middle = (Math.min(...xs) + Math.max(...xs)) / 2;
        state.network.moveTo({
          scale: MIN_SCALE, animation: false,
          position: { x: middle, y: top + (data.height / 2 - 30) / MIN_SCALE },
        });
      }
      root.dataset.scale = String(state.network.getScale());
    }
    state.network.redraw();
  });
}
"""

_CSS = """
.smp-network { width: 100%; border: 1px solid #b1b4b6; background: #ffffff; }
.smp-tip { font: 14px/1.4 "Source Sans Pro", Arial, sans-serif; white-space: pre-line;
           max-width: 320px; padding: 6px 8px; color: #0b0c0c; background: #ffffff;
           border: 1px solid #505a5f; }
"""

_component = None


def _registered():
    global _component
    if _component is None:
        css = (VIS_DIR / "vis-network.css").read_text(encoding="utf-8") + _CSS
        _component = st.components.v2.component(
            "smp_network", js=_JS % {"url": ASSET_URL}, css=css, isolate_styles=False
        )
    return _component


def network_view(data: dict, key: str, height: int = 600) -> str | None:
    """Draw ``data`` (nodes, edges, options, ``view``, ``selected``: see
    :func:`app.vis.view_data`) and return the id of the node last clicked."""
    data = {**data, "height": height}
    result = _registered()(
        key=key, data=data, default={"selected": None}, on_selected_change=lambda: None,
        height=height + 4,
    )  # fmt: skip
    return result.selected
