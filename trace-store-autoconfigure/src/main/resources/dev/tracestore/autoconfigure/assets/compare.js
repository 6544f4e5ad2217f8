// Compares two traces by operation, (service, span name), as Jaeger's trace comparison does by node: which
// operations only one trace has, and which take longer or shorter in trace B than in trace A.

/** A mean duration changed by less than this share counts as unchanged: timing noise. */
const TOLERANCE = 0.1;

const ORDER = { added: 0, removed: 1, slower: 2, faster: 3, same: 4 };

function operations(spans) {
  const byOperation = new Map();
  spans.forEach((span) => {
    const key = span.service + '\u0000' + span.name;
    const entry = byOperation.get(key) || { service: span.service, name: span.name, count: 0, total: 0 };
    entry.count += 1;
    entry.total += span.durationNanos;
    byOperation.set(key, entry);
  });
  return byOperation;
}

function change(a, b) {
  if (!a) {
    return 'added';
  }
  if (!b) {
    return 'removed';
  }
  const meanA = a.total / a.count;
  const meanB = b.total / b.count;
  if (meanB > meanA * (1 + TOLERANCE)) {
    return 'slower';
  }
  if (meanB < meanA * (1 - TOLERANCE)) {
    return 'faster';
  }
  return 'same';
}

/**
 * @return one row per operation of either trace: service, name, change (added, removed, slower, faster, same),
 *     count and total duration in A and B (0 where absent); added and removed first, then by the size of the change
 */
export function compareTraces(spansA, spansB) {
  const a = operations(spansA);
  const b = operations(spansB);
  const keys = new Set([...a.keys(), ...b.keys()]);
  const rows = [...keys].map((key) => {
    const left = a.get(key);
    const right = b.get(key);
    const any = left || right;
    return { service: any.service, name: any.name, change: change(left, right),
      countA: left ? left.count : 0, countB: right ? right.count : 0,
      totalA: left ? left.total : 0, totalB: right ? right.total : 0 };
  });
  return rows.sort((x, y) => ORDER[x.change] - ORDER[y.change]
    || Math.abs(y.totalB - y.totalA) - Math.abs(x.totalB - x.totalA)
    || x.service.localeCompare(y.service) || x.name.localeCompare(y.name));
}
