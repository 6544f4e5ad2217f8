// The trace as a flame graph on a canvas: each span a rectangle on the trace's time axis, as wide as its duration,
// one row per depth (the roots on top), coloured by service, failed spans outlined in red and marked "!". Only the
// rows in view are drawn, and of the spans narrower than a pixel one per pixel, so a trace of 10 000 spans draws in a
// few milliseconds. A click selects a span and zooms into its subtree (its ancestors stay above, dimmed, to click
// back out); the keys do the same for keyboard users, and what is selected is announced as text.
import { el } from './dom.js';
import { duration } from './format.js';
import { selfTimes } from './selftime.js';

const ROW = 20;
const PALETTE = 8;
const KEYS = 'Arrow keys move between spans (up: parent, down: first child, left and right: neighbours), '
  + 'Enter zooms into the selected span, Escape shows the whole trace';

export class FlameGraph {
  /**
   * @param container where to draw
   * @param trace a trace from model.buildTrace
   * @param onSelect called with the node the user selected
   * @param onZoom called with the node zoomed into, or null for the whole trace
   */
  constructor(container, trace, { onSelect, onZoom }) {
    this.onSelect = onSelect;
    this.onZoom = onZoom;
    this.box = el('div', 'flame');
    this.box.tabIndex = 0;
    this.box.setAttribute('role', 'application');
    this.box.setAttribute('aria-roledescription', 'flame graph');
    this.box.setAttribute('aria-label', 'Flame graph of the trace. ' + KEYS);
    this.viewport = el('div', 'flame-viewport');
    this.spacer = el('div', 'flame-spacer');
    this.canvas = el('canvas', 'flame-canvas');
    this.canvas.setAttribute('aria-hidden', 'true');
    this.tip = el('div', 'flame-tip');
    this.tip.hidden = true;
    this.said = el('div', 'visually-hidden');
    this.said.setAttribute('aria-live', 'polite');
    this.viewport.append(this.spacer, this.canvas);
    this.box.append(this.viewport, this.tip, this.said);
    container.appendChild(this.box);
    this.viewport.addEventListener('scroll', () => this.schedule());
    this.canvas.addEventListener('pointermove', (event) => this.hover(event));
    this.canvas.addEventListener('pointerleave', () => this.hover(null));
    this.canvas.addEventListener('click', (event) => this.click(event));
    this.box.addEventListener('keydown', (event) => this.key(event));
    new ResizeObserver(() => this.schedule()).observe(this.viewport);
    // The colours come from the stylesheet, which has a set for each colour scheme.
    matchMedia('(prefers-color-scheme: dark)').addEventListener('change', () => this.draw());
    this.selected = -1;
    this.hovered = -1;
    this.root = -1;
    this.setTrace(trace);
  }

  /** Shows a fuller version of the trace (more of its spans read), keeping the selection and zoom. */
  setTrace(trace) {
    const idOf = (index) => (index >= 0 ? this.trace.nodes[index].span.spanId : null);
    const selected = this.trace ? idOf(this.selected) : null;
    const root = this.trace ? idOf(this.root) : null;
    this.trace = trace;
    this.self = selfTimes(trace);
    // Node indices per depth, in increasing order: a subtree's spans at a depth are one contiguous run.
    this.byDepth = [];
    trace.nodes.forEach((node) => (this.byDepth[node.depth] || (this.byDepth[node.depth] = [])).push(node.index));
    const services = [...new Set(trace.nodes.map((node) => node.span.service))];
    this.colour = new Map(services.map((service, i) => [service, i % PALETTE]));
    const byId = new Map(trace.nodes.map((node) => [node.span.spanId, node.index]));
    this.selected = byId.has(selected) ? byId.get(selected) : -1;
    this.root = byId.has(root) ? byId.get(root) : -1;
    this.spacer.style.height = (this.byDepth.length * ROW) + 'px';
    this.draw();
  }

  /** @return [service, palette index] in order of first appearance, for a legend */
  services() {
    return [...this.colour.entries()];
  }

  schedule() {
    if (!this.pending) {
      this.pending = requestAnimationFrame(() => {
        this.pending = 0;
        this.draw();
      });
    }
  }

  /** The time window shown, in nanoseconds after the trace's start: the zoomed span's, else the whole trace. */
  window() {
    if (this.root < 0) {
      return [0, this.trace.total];
    }
    const node = this.trace.nodes[this.root];
    return [node.offset, node.offset + Math.max(1, node.span.durationNanos)];
  }

  /** The node indices drawn at a depth: under a zoom, the zoomed span's ancestor above it, its subtree below. */
  atDepth(depth) {
    const all = this.byDepth[depth] || [];
    if (this.root < 0) {
      return all;
    }
    const root = this.trace.nodes[this.root];
    if (depth < root.depth) {
      let node = root;
      while (node.depth > depth) {
        node = node.parent;
      }
      return [node.index];
    }
    return all.slice(lowerBound(all, root.index), lowerBound(all, root.end));
  }

  draw() {
    const started = performance.now();
    const width = this.viewport.clientWidth;
    if (width === 0) {
      return;
    }
    const rows = this.byDepth.length;
    const height = Math.min(rows * ROW, this.viewport.clientHeight || rows * ROW);
    const ratio = window.devicePixelRatio || 1;
    this.canvas.width = Math.round(width * ratio);
    this.canvas.height = Math.round(height * ratio);
    this.canvas.style.width = width + 'px';
    this.canvas.style.height = height + 'px';
    this.canvas.style.top = this.viewport.scrollTop + 'px';
    const context = this.canvas.getContext('2d');
    context.setTransform(ratio, 0, 0, ratio, 0, 0);
    context.clearRect(0, 0, width, height);
    const style = getComputedStyle(this.box);
    const fills = [...Array(PALETTE).keys()].map((i) => style.getPropertyValue('--flame-' + i).trim());
    const text = style.getPropertyValue('--flame-text').trim();
    const error = style.getPropertyValue('--error').trim();
    const accent = style.getPropertyValue('--ink').trim();
    context.font = '11.5px system-ui, sans-serif';
    context.textBaseline = 'middle';
    const [from, to] = this.window();
    const scale = width / (to - from);
    const rootDepth = this.root >= 0 ? this.trace.nodes[this.root].depth : 0;
    const first = Math.floor(this.viewport.scrollTop / ROW);
    const last = Math.min(rows, Math.ceil((this.viewport.scrollTop + height) / ROW));
    let drawn = 0;
    for (let depth = first; depth < last; depth++) {
      const y = depth * ROW - this.viewport.scrollTop;
      let lastPixel = -1;
      context.globalAlpha = depth < rootDepth ? 0.45 : 1;
      this.atDepth(depth).forEach((index) => {
        const node = this.trace.nodes[index];
        const left = Math.max(0, (node.offset - from) * scale);
        const right = Math.min(width, (node.offset + node.span.durationNanos - from) * scale);
        // Of the spans narrower than a pixel, one per pixel: more would not show.
        if (right < 0 || left > width || (right - left < 1 && Math.floor(left) === lastPixel)) {
          return;
        }
        lastPixel = Math.floor(left);
        const w = Math.max(1, right - left);
        context.fillStyle = node.failed && w < 4 ? error : fills[this.colour.get(node.span.service)];
        context.fillRect(left, y + 1, w - (w > 2 ? 1 : 0), ROW - 2);
        drawn++;
        if (node.failed && w >= 4) {
          context.strokeStyle = error;
          context.lineWidth = 2;
          context.strokeRect(left + 1, y + 2, w - 3, ROW - 4);
        }
        if (index === this.selected || index === this.hovered) {
          context.strokeStyle = accent;
          context.lineWidth = index === this.selected ? 2 : 1;
          context.strokeRect(left + 1, y + 2, w - 3, ROW - 4);
        }
        if (w > 24) {
          context.fillStyle = text;
          context.fillText(fit(context, (node.failed ? '! ' : '') + node.span.name, w - 8), left + 4, y + ROW / 2);
        }
      });
    }
    context.globalAlpha = 1;
    this.box.dataset.drawn = String(drawn);
    this.box.dataset.drawMs = (performance.now() - started).toFixed(1);
  }

  /** @return the index of the node under a pointer event, or -1 */
  nodeAt(event) {
    const box = this.canvas.getBoundingClientRect();
    const depth = Math.floor((event.clientY - box.top + this.viewport.scrollTop) / ROW);
    const [from, to] = this.window();
    const at = from + (event.clientX - box.left) / box.width * (to - from);
    // The narrowest span under the pointer; else within a pixel's slack, so that a thin one can still be hit.
    const slack = (to - from) / box.width;
    const narrowest = (margin) => {
      let found = -1;
      this.atDepth(depth).forEach((index) => {
        const node = this.trace.nodes[index];
        if (at >= node.offset - margin && at <= node.offset + node.span.durationNanos + margin
          && (found < 0 || node.span.durationNanos < this.trace.nodes[found].span.durationNanos)) {
          found = index;
        }
      });
      return found;
    };
    const exact = narrowest(0);
    return exact >= 0 ? exact : narrowest(slack);
  }

  hover(event) {
    const index = event ? this.nodeAt(event) : -1;
    if (index !== this.hovered) {
      this.hovered = index;
      this.schedule();
    }
    if (index < 0) {
      this.tip.hidden = true;
      return;
    }
    this.tip.replaceChildren(...describe(this.trace.nodes[index], this.self[index]).map((line, i) =>
      el('div', i === 0 ? 'flame-tip-name' : null, line)));
    const box = this.box.getBoundingClientRect();
    const x = event.clientX - box.left;
    this.tip.style.left = Math.max(0, Math.min(x + 12, box.width - 280)) + 'px';
    this.tip.style.top = (event.clientY - box.top + 16) + 'px';
    this.tip.hidden = false;
  }

  click(event) {
    const index = this.nodeAt(event);
    if (index >= 0) {
      this.select(index);
      this.zoom(index);
      this.box.focus({ preventScroll: true });
    }
  }

  key(event) {
    const nodes = this.trace.nodes;
    const node = this.selected >= 0 ? nodes[this.selected] : null;
    const beside = (step) => {
      const row = this.atDepth(node.depth);
      const at = row.indexOf(node.index) + step;
      return at >= 0 && at < row.length ? row[at] : -1;
    };
    const inView = this.root >= 0 ? this.root : 0;
    const moves = {
      Home: () => inView,
      ArrowUp: () => (node && node.parent ? node.parent.index : -1),
      ArrowDown: () => (node && node.childCount > 0 ? node.index + 1 : -1),
      ArrowLeft: () => (node ? beside(-1) : -1),
      ArrowRight: () => (node ? beside(1) : -1),
    };
    if (moves[event.key]) {
      event.preventDefault();
      const next = node || event.key === 'Home' ? moves[event.key]() : inView;
      if (next >= 0 && nodes.length > 0) {
        this.select(next);
      }
    } else if (event.key === 'Enter' && node) {
      event.preventDefault();
      this.zoom(node.index);
    } else if (event.key === 'Escape') {
      this.zoom(-1);
    }
  }

  /** Selects a span: outlined, announced, scrolled into view, and told to onSelect. */
  select(index) {
    const node = this.trace.nodes[index];
    if (this.root >= 0 && (index < this.root || index >= this.trace.nodes[this.root].end)
      && !isAncestor(node, this.trace.nodes[this.root])) {
      this.zoom(-1);
    }
    this.selected = index;
    this.box.dataset.selected = node.span.spanId;
    this.said.textContent = describe(node, this.self[index]).join(', ');
    const top = node.depth * ROW;
    if (top < this.viewport.scrollTop || top + ROW > this.viewport.scrollTop + this.viewport.clientHeight) {
      this.viewport.scrollTop = Math.max(0, top - ROW);
    }
    this.draw();
    this.onSelect(node);
  }

  /** Zooms into a span's subtree: its time window fills the width; -1 shows the whole trace. */
  zoom(index) {
    this.root = index;
    if (index < 0) {
      delete this.box.dataset.zoom;
    } else {
      this.box.dataset.zoom = this.trace.nodes[index].span.spanId;
    }
    this.draw();
    this.onZoom(index >= 0 ? this.trace.nodes[index] : null);
  }

  focus() {
    this.box.focus();
  }
}

/** What the tooltip and the announcement say of a span. */
function describe(node, self) {
  const span = node.span;
  return [span.name, 'service ' + (span.service || '\u2013'), 'duration ' + duration(span.durationNanos),
    'self time ' + duration(self)].concat(node.failed ? ['failed'] : []);
}

function isAncestor(node, of) {
  for (let parent = of.parent; parent; parent = parent.parent) {
    if (parent === node) {
      return true;
    }
  }
  return false;
}

/** The first position in a sorted array whose value is at least `value`. */
function lowerBound(sorted, value) {
  let low = 0;
  let high = sorted.length;
  while (low < high) {
    const middle = (low + high) >>> 1;
    if (sorted[middle] < value) {
      low = middle + 1;
    } else {
      high = middle;
    }
  }
  return low;
}

/** The text cut to fit a width, with an ellipsis. */
function fit(context, text, width) {
  if (context.measureText(text).width <= width) {
    return text;
  }
  const chars = Math.floor(text.length * width / context.measureText(text).width) - 1;
  return chars > 1 ? text.substring(0, chars) + '\u2026' : '';
}
