// The endpoint's URLs and JSON; the page talks to nothing else.

/**
 * The endpoint's base URL, e.g. .../actuator/traces, whatever the base path: this module lives in assets/ or, as the
 * pages load it, in assets/{version}/.
 */
export const base = import.meta.url.slice(0, import.meta.url.lastIndexOf('/assets/'));

/** The address of a trace's page. */
export function traceHref(traceId) {
  return base + '/' + encodeURIComponent(traceId);
}

/** The address of the page comparing two traces. */
export function compareHref(a, b) {
  return base + '/compare/' + encodeURIComponent(a) + '/' + encodeURIComponent(b);
}

/**
 * GETs JSON; rejects with the endpoint's error message. A URL with format=json goes without an Accept header, so that
 * it is the very request the trace page preloads (see TracesPage), and the answer already on its way is used.
 */
export async function getJson(url) {
  const headers = url.includes('format=json') ? {} : { Accept: 'application/json' };
  const response = await fetch(url, { headers, credentials: 'same-origin' });
  const text = await response.text();
  let body = null;
  try {
    body = JSON.parse(text);
  } catch (ignored) {
    body = null;
  }
  if (!response.ok) {
    throw new Error(body && body.message ? body.message : response.status + ' ' + response.statusText);
  }
  return body;
}

/** The traces that match the search parameters. */
export function searchTraces(parameters) {
  const query = parameters.toString();
  return getJson(base + (query ? '?' + query : ''));
}

/**
 * A whole trace: one answer holds at most tracestore.response.max-spans spans, so the rest of a larger trace is read
 * in parts, oldest first, from the start time of the last span read (inclusive, hence the check for duplicates).
 * onPart, if given, gets what was read so far before each further part is asked for, so that the page can draw it.
 */
export async function loadTrace(traceId, onPart) {
  const trace = await getJson(traceHref(traceId) + '?format=json');
  const spans = trace.spans;
  const total = spans.length + (trace.omittedSpans || 0);
  const seen = new Set(spans.map((span) => span.spanId));
  while (trace.truncated && spans.length < total) {
    const parameters = new URLSearchParams({ view: 'spans', order: 'oldest', limit: '10000', traceId,
      from: spans[spans.length - 1].startTime });
    // Asked for before the page draws what it has, so that the server works while the browser draws.
    const next = getJson(base + '?' + parameters);
    if (onPart) {
      onPart({ traceId: trace.traceId, spans: spans.slice(), missing: total - spans.length, loading: true });
    }
    const part = await next;
    const fresh = part.spans.filter((span) => !seen.has(span.spanId));
    if (fresh.length === 0) {
      break;
    }
    fresh.forEach((span) => {
      seen.add(span.spanId);
      spans.push(span);
    });
  }
  return { traceId: trace.traceId, spans, missing: Math.max(0, total - spans.length), loading: false };
}
