// Self time per span, as the endpoint's /{traceId}/statistics defines it (TraceStatistics): a span's duration less
// the union of its direct children's intervals, each clipped to the span; overlapping children count once.

/** @return a Float64Array of self nanoseconds by node index of a trace from model.buildTrace */
export function selfTimes(trace) {
  const nodes = trace.nodes;
  const children = new Map();
  nodes.forEach((node) => {
    if (node.parent) {
      const list = children.get(node.parent.index) || [];
      list.push(node);
      children.set(node.parent.index, list);
    }
  });
  const self = new Float64Array(nodes.length);
  nodes.forEach((node) => {
    const start = node.offset;
    const end = node.offset + node.span.durationNanos;
    const clipped = (children.get(node.index) || [])
      .map((child) => [Math.max(child.offset, start), Math.min(child.offset + child.span.durationNanos, end)])
      .filter(([from, to]) => to > from)
      .sort((a, b) => a[0] - b[0]);
    let covered = 0;
    let reach = -Infinity;
    clipped.forEach(([from, to]) => {
      if (to > reach) {
        covered += to - Math.max(from, reach);
        reach = to;
      }
    });
    self[node.index] = Math.max(0, node.span.durationNanos - covered);
  });
  return self;
}
