// A trace as a tree of spans in the order the waterfall draws them: parents before children, siblings by start.
import { instant, nanosBetween } from './format.js';

/** The failure rules of docs/queries.md: status ERROR, error.type or exception other than none, outcome SERVER_ERROR, an exception event. */
export function failed(span) {
  const attributes = span.attributes || {};
  return span.status.code === 'ERROR'
    || (attributes['error.type'] !== undefined && attributes['error.type'] !== 'none')
    || (attributes.exception !== undefined && attributes.exception !== 'none')
    || attributes.outcome === 'SERVER_ERROR'
    || (span.events || []).some((event) => event.name === 'exception');
}

/**
 * The trace's spans as nodes in depth-first order. A node holds its span, depth, parent node, the index just past its
 * subtree (`end`), its start as nanoseconds after the trace's start (`offset`) and whether it failed. A span whose
 * parent is not in the trace (not stored, or not arrived yet) is drawn as a root.
 */
export function buildTrace(spans) {
  const starts = spans.map((span) => instant(span.startTime));
  const traceStart = starts.reduce((min, at) => (nanosBetween(min, at) < 0 ? at : min), starts[0]);
  const entries = spans.map((span, i) => ({ span, offset: nanosBetween(traceStart, starts[i]), children: [] }));
  const byId = new Map(entries.map((entry) => [entry.span.spanId, entry]));
  const roots = [];
  entries.forEach((entry) => {
    const parent = entry.span.parentSpanId ? byId.get(entry.span.parentSpanId) : undefined;
    (parent && parent !== entry ? parent.children : roots).push(entry);
  });
  const byStart = (a, b) => a.offset - b.offset || (a.span.spanId < b.span.spanId ? -1 : 1);
  const nodes = [];
  // Iterative, so that a very deep trace cannot overflow the stack.
  const stack = roots.sort(byStart).reverse().map((entry) => ({ entry, depth: 0, parent: null }));
  // Spans in a parent cycle (corrupt data) are never reached from a root: they are drawn as roots at the end.
  const unreached = () => entries.filter((entry) => !entry.node).slice(0, 1)
    .map((entry) => ({ entry, depth: 0, parent: null }));
  while (stack.length > 0 || stack.push(...unreached()) > 0) {
    const { entry, depth, parent } = stack.pop();
    if (entry.node) {
      continue;
    }
    const node = { span: entry.span, offset: entry.offset, depth, parent, index: nodes.length, end: 0,
      failed: failed(entry.span), childCount: entry.children.length };
    entry.node = node;
    nodes.push(node);
    entry.children.sort(byStart);
    for (let i = entry.children.length - 1; i >= 0; i--) {
      stack.push({ entry: entry.children[i], depth: depth + 1, parent: node });
    }
  }
  for (let i = nodes.length - 1; i >= 0; i--) {
    const node = nodes[i];
    if (node.end === 0) {
      node.end = i + 1;
    }
    if (node.parent && node.parent.end < node.end) {
      node.parent.end = node.end;
    }
  }
  const total = nodes.reduce((max, node) => Math.max(max, node.offset + node.span.durationNanos), 1);
  return { nodes, start: traceStart, total };
}
