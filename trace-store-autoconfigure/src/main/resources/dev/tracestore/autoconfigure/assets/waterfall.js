// The waterfall: a virtualized, collapsible tree of span rows. Only the rows in view (and a few around them) exist in
// the DOM, so a trace of tens of thousands of spans opens as fast as a small one. The tree itself holds the focus
// (role=tree, aria-activedescendant), because the row elements come and go as it scrolls.
import { el } from './dom.js';
import { duration } from './format.js';

const ROW_HEIGHT = 28;
const OVERSCAN = 8;

export class Waterfall {
  /**
   * @param container where to draw
   * @param trace a trace from model.buildTrace
   * @param onSelect called with the node the user moved to
   * @param onLayout called with the number of rows shown after spans were collapsed or expanded
   */
  constructor(container, trace, { onSelect, onLayout }) {
    this.trace = trace;
    this.nodes = trace.nodes;
    this.onSelect = onSelect;
    this.onLayout = onLayout;
    this.collapsed = new Set();
    this.matches = new Set();
    this.currentMatch = -1;
    this.active = -1;
    this.critical = null;
    this.repeats = new Map();
    this.tree = el('div', 'waterfall');
    this.tree.tabIndex = 0;
    this.tree.setAttribute('role', 'tree');
    this.tree.setAttribute('aria-label', 'Spans of the trace; arrow keys move, Enter or Space collapses or expands');
    this.tree.appendChild(this.axis());
    this.viewport = el('div', 'wf-viewport');
    this.spacer = el('div');
    this.layer = el('div', 'wf-rows');
    this.viewport.append(this.spacer, this.layer);
    this.tree.appendChild(this.viewport);
    container.appendChild(this.tree);
    this.viewport.addEventListener('scroll', () => this.schedule());
    this.tree.addEventListener('keydown', (event) => this.key(event));
    this.layer.addEventListener('click', (event) => this.click(event));
    window.addEventListener('resize', () => this.schedule());
    this.refresh();
  }

  axis() {
    const axis = el('div', 'wf-row wf-axis');
    axis.setAttribute('aria-hidden', 'true');
    axis.appendChild(el('div', 'wf-label', 'span'));
    const ticks = el('div', 'wf-track');
    [0, 1, 2, 3, 4].forEach((quarter) => {
      const tick = el('span', 'wf-tick', duration(Math.round(this.trace.total * quarter / 4)));
      tick.style.left = (quarter * 25) + '%';
      ticks.appendChild(tick);
    });
    axis.appendChild(ticks);
    return axis;
  }

  /** Shows a fuller version of the trace (more of its spans read), keeping what is collapsed and selected. */
  setTrace(trace) {
    const collapsed = [...this.collapsed].map((index) => this.nodes[index].span.spanId);
    const active = this.active >= 0 ? this.nodes[this.active].span.spanId : null;
    const byId = new Map(trace.nodes.map((node) => [node.span.spanId, node.index]));
    this.trace = trace;
    this.nodes = trace.nodes;
    this.collapsed = new Set(collapsed.filter((id) => byId.has(id)).map((id) => byId.get(id)));
    this.active = byId.has(active) ? byId.get(active) : -1;
    this.matches = new Set();
    this.currentMatch = -1;
    this.critical = null;
    this.repeats = new Map();
    this.tree.replaceChild(this.axis(), this.tree.firstChild);
    this.refresh();
  }

  /** Recomputes the visible rows after a collapse or expand. */
  refresh() {
    const visible = [];
    for (let i = 0; i < this.nodes.length;) {
      visible.push(i);
      i = this.collapsed.has(i) ? this.nodes[i].end : i + 1;
    }
    this.visible = visible;
    this.position = new Int32Array(this.nodes.length).fill(-1);
    visible.forEach((index, at) => { this.position[index] = at; });
    this.spacer.style.height = (visible.length * ROW_HEIGHT) + 'px';
    this.render();
    this.onLayout(visible.length);
  }

  schedule() {
    if (!this.pending) {
      this.pending = requestAnimationFrame(() => {
        this.pending = 0;
        this.render();
      });
    }
  }

  render() {
    const height = this.viewport.clientHeight || window.innerHeight;
    const first = Math.max(0, Math.floor(this.viewport.scrollTop / ROW_HEIGHT) - OVERSCAN);
    const last = Math.min(this.visible.length, Math.ceil((this.viewport.scrollTop + height) / ROW_HEIGHT) + OVERSCAN);
    const rows = document.createDocumentFragment();
    for (let at = first; at < last; at++) {
      rows.appendChild(this.row(this.nodes[this.visible[at]]));
    }
    this.layer.style.transform = 'translateY(' + (first * ROW_HEIGHT) + 'px)';
    this.layer.replaceChildren(rows);
    const active = this.active >= 0 ? this.nodes[this.active] : null;
    if (active && this.position[this.active] >= first && this.position[this.active] < last) {
      this.tree.setAttribute('aria-activedescendant', rowId(active));
    } else {
      this.tree.removeAttribute('aria-activedescendant');
    }
  }

  row(node) {
    const span = node.span;
    const row = el('div', 'wf-row span-row kind-' + span.kind.toLowerCase() + (node.failed ? ' failed' : '')
      + (node.index === this.active ? ' selected' : '') + (this.matches.has(node.index) ? ' match' : '')
      + (node.index === this.currentMatch ? ' current-match' : '')
      + (this.critical && this.critical.has(node.index) ? ' critical' : ''));
    row.id = rowId(node);
    row.setAttribute('role', 'treeitem');
    row.setAttribute('aria-level', String(node.depth + 1));
    row.setAttribute('aria-selected', String(node.index === this.active));
    row.setAttribute('aria-label', span.name + ', ' + span.service + ', ' + duration(span.durationNanos)
      + (node.failed ? ', failed' : ''));
    row.dataset.spanId = span.spanId;
    row.dataset.index = String(node.index);
    row.dataset.status = span.status.code;

    const label = el('div', 'wf-label');
    label.style.paddingLeft = (4 + node.depth * 14) + 'px';
    label.title = span.name;
    if (node.childCount > 0) {
      const open = !this.collapsed.has(node.index);
      row.setAttribute('aria-expanded', String(open));
      const toggle = el('button', 'wf-toggle', open ? '\u25be' : '\u25b8');
      toggle.tabIndex = -1;
      toggle.setAttribute('aria-hidden', 'true');
      toggle.dataset.toggle = 'true';
      label.appendChild(toggle);
    } else {
      label.appendChild(el('span', 'wf-leaf'));
    }
    if (node.failed) {
      const mark = el('span', 'badge-error', '!');
      mark.title = span.status.message || 'failed';
      label.appendChild(mark);
    }
    if (this.repeats.has(node.index)) {
      const mark = el('span', 'badge-repeat', 'N+1');
      mark.title = this.repeats.get(node.index);
      label.appendChild(mark);
    }
    label.appendChild(el('span', 'wf-name', span.name));
    label.appendChild(el('span', 'wf-service', span.service));
    if (this.collapsed.has(node.index)) {
      label.appendChild(el('span', 'wf-hidden', '+' + (node.end - node.index - 1)));
    }
    row.appendChild(label);
    row.appendChild(this.track(node));
    return row;
  }

  track(node) {
    const total = this.trace.total;
    const track = el('div', 'wf-track');
    const left = node.offset / total * 100;
    const width = node.span.durationNanos / total * 100;
    const bar = el('div', 'span-bar');
    bar.style.left = left + '%';
    bar.style.width = width + '%';
    track.appendChild(bar);
    (this.critical && this.critical.get(node.index) || []).forEach(([from, to]) => {
      const segment = el('div', 'critical-segment');
      segment.style.left = (from / total * 100) + '%';
      segment.style.width = ((to - from) / total * 100) + '%';
      track.appendChild(segment);
    });
    // The duration goes inside a wide bar, else beside it, on the side with room.
    const time = el('span', 'span-duration', duration(node.span.durationNanos));
    if (width > 12) {
      time.classList.add('inside');
      time.style.left = 'calc(' + left + '% + 6px)';
    } else if (left + width > 80) {
      time.style.right = 'calc(' + (100 - left) + '% + 6px)';
    } else {
      time.style.left = 'calc(' + (left + width) + '% + 6px)';
    }
    track.appendChild(time);
    return track;
  }

  click(event) {
    const row = event.target.closest('.span-row');
    if (!row) {
      return;
    }
    const index = Number(row.dataset.index);
    if (event.target.dataset.toggle) {
      this.toggle(index);
    }
    this.select(index);
    this.tree.focus({ preventScroll: true });
  }

  key(event) {
    if (event.target !== this.tree || this.visible.length === 0) {
      return;
    }
    const at = this.active >= 0 ? this.position[this.active] : -1;
    const node = this.active >= 0 ? this.nodes[this.active] : null;
    const page = Math.max(1, Math.floor(this.viewport.clientHeight / ROW_HEIGHT) - 1);
    const moves = {
      ArrowDown: () => this.moveTo(at + 1),
      ArrowUp: () => this.moveTo(at < 0 ? 0 : at - 1),
      PageDown: () => this.moveTo(at + page),
      PageUp: () => this.moveTo(at - page),
      Home: () => this.moveTo(0),
      End: () => this.moveTo(this.visible.length - 1),
      ArrowRight: () => {
        if (node && this.collapsed.has(node.index)) {
          this.toggle(node.index);
        } else {
          this.moveTo(at + (node && node.childCount > 0 ? 1 : 0));
        }
      },
      ArrowLeft: () => {
        if (node && node.childCount > 0 && !this.collapsed.has(node.index)) {
          this.toggle(node.index);
        } else if (node && node.parent) {
          this.select(node.parent.index);
        }
      },
      Enter: () => node && this.toggle(node.index),
      ' ': () => node && this.toggle(node.index),
    };
    if (moves[event.key]) {
      event.preventDefault();
      moves[event.key]();
    }
  }

  moveTo(at) {
    this.select(this.visible[Math.max(0, Math.min(this.visible.length - 1, at))]);
  }

  /** Collapses an expanded span's subtree, or expands a collapsed one. */
  toggle(index) {
    if (this.nodes[index].childCount === 0) {
      return;
    }
    if (!this.collapsed.delete(index)) {
      this.collapsed.add(index);
    }
    this.refresh();
  }

  /** Expands every span (collapse = false) or collapses every span with children. */
  setAllCollapsed(collapse) {
    this.collapsed.clear();
    if (collapse) {
      this.nodes.forEach((node) => node.childCount > 0 && node.parent && this.collapsed.add(node.index));
    }
    this.refresh();
    // The selected span stays in view if it is still shown.
    if (this.active >= 0 && this.position[this.active] >= 0) {
      this.scrollTo(this.position[this.active]);
      this.render();
    }
  }

  /** Makes a span the active one: expands its ancestors, scrolls it into view, tells onSelect. */
  select(index) {
    for (let parent = this.nodes[index].parent; parent; parent = parent.parent) {
      this.collapsed.delete(parent.index);
    }
    this.active = index;
    if (this.position[index] < 0) {
      this.refresh();
    }
    this.scrollTo(this.position[index]);
    this.render();
    this.onSelect(this.nodes[index]);
  }

  scrollTo(at) {
    const top = at * ROW_HEIGHT;
    const height = this.viewport.clientHeight;
    if (top < this.viewport.scrollTop) {
      this.viewport.scrollTop = top;
    } else if (top + ROW_HEIGHT > this.viewport.scrollTop + height) {
      this.viewport.scrollTop = top + ROW_HEIGHT - height;
    }
  }

  /**
   * Draws the critical path on the rows: segments maps a node index to its [from, to] stretches on the path, in
   * nanoseconds after the trace's start; null hides the path.
   */
  setCriticalPath(segments) {
    this.critical = segments;
    this.tree.classList.toggle('critical-on', Boolean(segments));
    this.render();
  }

  /** Marks the spans of repeated calls (N+1): repeats maps a node index to the run's summary. */
  setRepeats(repeats) {
    this.repeats = repeats;
    this.render();
  }

  /** Highlights the given node indices as matches, one of them as the current one. */
  highlight(matches, current) {
    this.matches = new Set(matches);
    this.currentMatch = current;
    this.render();
  }

  focus() {
    this.tree.focus();
  }
}

function rowId(node) {
  return 'span-' + node.span.spanId;
}
