// The start page: filters over the endpoint's search parameters, the duration scatter plot and the list of traces,
// newest first, refreshed every few seconds while "live" is on.
import { el, link, showProblem, clearProblem } from './dom.js';
import { duration, localTime } from './format.js';
import { base, compareHref, searchTraces, traceHref } from './api.js';
import { failed } from './model.js';
import { drawScatter } from './scatter.js';
import { PagedRows } from './pagedrows.js';
import { fillSelect, wireAttributeSuggestions, wireServiceAndOperation } from './filters.js';

const FIELDS = ['q', 'service', 'name', 'status', 'errorType', 'lookback', 'from', 'to', 'minDuration', 'maxDuration',
  'order', 'limit'];
// The parameters that may go with q: the endpoint refuses any other beside a TraceQL query.
const WITH_TRACEQL = ['lookback', 'from', 'to', 'limit'];
const LIVE_INTERVAL_MILLIS = 3000;
// Work on a default Boot app: OpenTelemetry's attribute names or Micrometer's tags (uri, status, outcome, exception).
const EXAMPLES = [
  ['{ status = error }', 'failed spans'],
  ['{ kind = server } >> { status = error }', 'failed spans under a request'],
  ['{ .http.route = "/orders/{id}" || .uri = "/orders/{id}" }', 'one route, either convention'],
  ['{ .outcome = "SERVER_ERROR" || .http.response.status_code = "500" }', 'requests answered with 500'],
  ['{ kind = server && duration > 100ms }', 'slow requests'],
];

const services = new Set();
const chosen = new Set();
let loading = false;
let rows = null;

export function showStartPage() {
  document.getElementById('search').hidden = false;
  document.getElementById('where').textContent = 'traces';
  const nav = document.getElementById('links');
  nav.appendChild(link('recent failures', base + '?failed=true&lookback=1h'));
  nav.appendChild(link('slowest', base + '?order=longest&lookback=1h'));
  nav.appendChild(link('operations', base + '/operations-page'));
  const query = new URLSearchParams(location.search);
  query.delete('format');
  const form = document.getElementById('search-form');
  fillForm(form, query);
  wireExamples(form);
  wireAttributeSuggestions(form);
  wireServiceAndOperation(form, query, (names) => {
    names.forEach((name) => services.add(name));
    fillServices(form.elements.service);
  });
  rows = new PagedRows(document.getElementById('results-body'), document.getElementById('more-rows'));
  wireLive(query);
  document.getElementById('compare').addEventListener('click', () => {
    const [a, b] = [...chosen];
    location.href = compareHref(a, b);
  });
  load(query);
}

function fillForm(form, query) {
  (query.getAll('service')).forEach((service) => services.add(service));
  fillServices(form.elements.service);
  fillSelect(form.elements.name, [], query.get('name'));
  const lookback = form.elements.lookback;
  if (query.has('lookback') && ![...lookback.options].some((option) => option.value === query.get('lookback'))) {
    lookback.appendChild(el('option', null, query.get('lookback')));
  }
  FIELDS.forEach((field) => {
    if (query.has(field)) {
      form.elements[field].value = query.get(field);
    }
  });
  form.elements.attr.value = query.getAll('attr').join('\n');
  form.elements.failed.checked = query.get('failed') === 'true';
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    const text = form.elements.q.value.trim();
    if (text.startsWith('{')) {
      // TraceQL: the query says it all, but for the time window and the limit.
      const next = new URLSearchParams({ q: text });
      WITH_TRACEQL.forEach((field) => form.elements[field].value.trim()
        && next.append(field, form.elements[field].value.trim()));
      search(query, next);
      return;
    }
    // Other text in the query box is a span name.
    if (text) {
      fillSelect(form.elements.name, [], text);
      form.elements.q.value = '';
    }
    const next = new URLSearchParams();
    FIELDS.forEach((field) => {
      const value = form.elements[field].value.trim();
      if (value) {
        next.append(field, value);
      }
    });
    form.elements.attr.value.split('\n').map((line) => line.trim()).filter(Boolean)
      .forEach((line) => next.append('attr', line));
    if (form.elements.failed.checked) {
      next.append('failed', 'true');
    }
    // Parameters the form has no field for (traceId, kind, view...) stay as they were.
    query.forEach((value, key) => {
      if (!FIELDS.includes(key) && key !== 'attr' && key !== 'failed' && !query.has('q')) {
        next.append(key, value);
      }
    });
    search(query, next);
  });
  window.addEventListener('popstate', () => location.reload());
}

/**
 * Runs a new search in place: the URL changes (to bookmark and share it) and the page asks the endpoint, so that a
 * bad value shows as the endpoint's message on this page rather than as the 400 of a page load.
 */
function search(query, next) {
  history.pushState(null, '', location.pathname + (next.toString() ? '?' + next : ''));
  [...new Set(query.keys())].forEach((key) => query.delete(key));
  next.forEach((value, key) => query.append(key, value));
  load(query);
}

// The services the store lists, and those of the traces listed so far (in case the listing failed).
function fillServices(select) {
  fillSelect(select, [...services].sort());
}

function wireExamples(form) {
  const box = document.getElementById('examples');
  EXAMPLES.forEach(([example, meaning]) => {
    const button = el('button', 'quiet example', example);
    button.type = 'button';
    button.title = meaning;
    button.addEventListener('click', () => {
      form.elements.q.value = example;
      form.requestSubmit();
    });
    box.appendChild(button);
  });
}

/** The endpoint's message; for a TraceQL query whose message names a column, the query with a caret under it. */
function explain(error, query) {
  const column = /column (\d+)/.exec(error.message);
  if (!query.has('q') || !column) {
    return null;
  }
  return query.get('q') + '\n' + ' '.repeat(Math.max(0, Number(column[1]) - 1)) + '^';
}

function wireLive(query) {
  const live = document.getElementById('live');
  let timer = 0;
  live.addEventListener('change', () => {
    clearInterval(timer);
    if (live.checked) {
      load(query);
      // A poll waits for the one before it, and for the tab to be shown again.
      timer = setInterval(() => !loading && !document.hidden && load(query, true), LIVE_INTERVAL_MILLIS);
    }
  });
}

/** Runs the search and draws its answer; keep: a live refresh, which keeps as many rows shown as before. */
async function load(query, keep) {
  let answer;
  loading = true;
  try {
    answer = await searchTraces(query);
  } catch (error) {
    showProblem(error.message, explain(error, query));
    return;
  } finally {
    loading = false;
  }
  clearProblem();
  const summary = document.getElementById('search-summary');
  if (answer.traces) {
    answer.traces.forEach((trace) => trace.services.forEach((service) => services.add(service)));
    const form = document.getElementById('search-form');
    fillServices(form.elements.service);
    if (query.has('service')) {
      form.elements.service.value = query.get('service');
    }
    performance.mark('traces-read');
    // The plot first: it reads its width, which would lay out the list drawn before it at once.
    document.getElementById('scatter').hidden = answer.traces.length === 0;
    drawScatter(document.getElementById('scatter'), answer.traces);
    performance.mark('plot-drawn');
    listTraces(answer.traces, keep);
  } else {
    listSpans(answer.spans, keep);
  }
  if (answer.truncated) {
    summary.textContent += ' (truncated: ' + answer.truncation + ')';
  }
  document.body.dataset.loadedAt = String(Date.now());
  // User Timing marks, shown in the browser's performance tools: when the answer was read, the list and the plot drawn.
  performance.mark('traces-listed');
}

function head(names) {
  const row = el('tr');
  names.forEach((name) => row.appendChild(el('th', typeof name === 'string' ? null : 'number',
    typeof name === 'string' ? name : name.number)));
  document.getElementById('results-head').replaceChildren(row);
  document.getElementById('results').hidden = false;
}

function summarize(count, noun) {
  document.getElementById('search-summary').textContent =
    count === 0 ? 'No ' + noun + 's match.' : count + ' ' + noun + (count === 1 ? '' : 's');
}

function listTraces(traces, keep) {
  summarize(traces.length, 'trace');
  head(['compare', 'started', 'trace', { number: 'duration' }, { number: 'spans' }, { number: 'errors' }, 'services']);
  rows.show(traces, (trace) => {
    const row = el('tr', trace.errorCount > 0 ? 'failed' : null);
    row.dataset.traceId = trace.traceId;
    const pick = el('input');
    pick.type = 'checkbox';
    pick.checked = chosen.has(trace.traceId);
    pick.setAttribute('aria-label', 'compare ' + (trace.rootName || trace.traceId));
    pick.addEventListener('change', () => {
      if (pick.checked) {
        chosen.add(trace.traceId);
      } else {
        chosen.delete(trace.traceId);
      }
      document.getElementById('compare').disabled = chosen.size !== 2;
    });
    const cell = el('td');
    cell.appendChild(pick);
    row.appendChild(cell);
    row.appendChild(el('td', null, localTime(trace.startTime)));
    const name = el('td');
    name.appendChild(link(trace.rootName || trace.traceId, traceHref(trace.traceId)));
    name.appendChild(el('div', 'muted mono', trace.rootService + ' \u00b7 ' + trace.traceId));
    row.appendChild(name);
    row.appendChild(el('td', 'number', duration(trace.durationNanos)));
    row.appendChild(el('td', 'number', trace.spanCount));
    const errors = el('td', 'number');
    errors.appendChild(trace.errorCount > 0 ? el('span', 'badge-error', trace.errorCount) : el('span', 'muted', '0'));
    row.appendChild(errors);
    row.appendChild(el('td', null, trace.services.join(', ')));
    return row;
  }, keep);
  document.getElementById('compare').disabled = chosen.size !== 2;
}

function listSpans(spans, keep) {
  summarize(spans.length, 'span');
  head(['started', 'span', { number: 'duration' }, 'status', 'service']);
  rows.show(spans, (span) => {
    const row = el('tr', failed(span) ? 'failed' : null);
    row.appendChild(el('td', null, localTime(span.startTime)));
    const name = el('td');
    name.appendChild(link(span.name, traceHref(span.traceId)));
    name.appendChild(el('div', 'muted mono', span.kind + ' \u00b7 ' + span.traceId));
    row.appendChild(name);
    row.appendChild(el('td', 'number', duration(span.durationNanos)));
    row.appendChild(el('td', null, span.status.code + (span.status.message ? ': ' + span.status.message : '')));
    row.appendChild(el('td', null, span.service));
    return row;
  }, keep);
}
