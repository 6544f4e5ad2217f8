// Trace statistics grouped by an attribute, computed in the page from the trace it already read, as Jaeger's trace
// statistics group by a tag: per value of the key, the count, durations and self times of the spans that carry it,
// and one row for the spans without it. Self time is the endpoint's definition (selftime.js).
import { selfTimes } from './selftime.js';

/** A resource attribute is named with the prefix the queries use, e.g. resource.host.name. */
const RESOURCE = 'resource.';

/** @return the attribute keys of the trace's spans (span keys bare, resource keys prefixed), most carried first */
export function attributeKeys(trace) {
  const counts = new Map();
  const count = (key) => counts.set(key, (counts.get(key) || 0) + 1);
  trace.nodes.forEach(({ span }) => {
    Object.keys(span.attributes || {}).forEach(count);
    Object.keys(span.resource || {}).forEach((key) => count(RESOURCE + key));
  });
  return [...counts.entries()].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1)).map(([key]) => key);
}

/** The value of a key on a span as text (a string as it is, anything else as JSON), or null when it has none. */
export function valueOf(span, key) {
  const value = key.startsWith(RESOURCE) && !(key in (span.attributes || {}))
    ? (span.resource || {})[key.substring(RESOURCE.length)] : (span.attributes || {})[key];
  return value === undefined || value === null ? null : typeof value === 'string' ? value : JSON.stringify(value);
}

/**
 * @return one row per value of `key` ({ value: text or null for the spans without it, count, totalDurationNanos,
 *     avgDurationNanos, maxDurationNanos, totalSelfNanos, avgSelfNanos }), the largest total self time first
 */
export function groupStatistics(trace, key) {
  const self = selfTimes(trace);
  const groups = new Map();
  trace.nodes.forEach((node) => {
    const value = valueOf(node.span, key);
    let row = groups.get(value);
    if (!row) {
      row = { value, count: 0, totalDurationNanos: 0, maxDurationNanos: 0, totalSelfNanos: 0 };
      groups.set(value, row);
    }
    row.count++;
    row.totalDurationNanos += node.span.durationNanos;
    row.maxDurationNanos = Math.max(row.maxDurationNanos, node.span.durationNanos);
    row.totalSelfNanos += self[node.index];
  });
  return [...groups.values()].map((row) => Object.assign(row, { avgDurationNanos: row.totalDurationNanos / row.count,
    avgSelfNanos: row.totalSelfNanos / row.count })).sort((a, b) => b.totalSelfNanos - a.totalSelfNanos);
}
