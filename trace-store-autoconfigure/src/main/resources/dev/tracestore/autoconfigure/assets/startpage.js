// The start page: filters over the endpoint's search parameters, the duration scatter plot and the list of traces,
// newest first, refreshed every few seconds while "live" is on.
import { el, link, showProblem, clearProblem } from './dom.js';
import { duration, localTime } from './format.js';
import { base, compareHref, searchTraces, traceHref } from './api.js';
import { failed } from './model.js';
import { drawScatter } from './scatter.js';

const FIELDS = ['q', 'service', 'name', 'status', 'errorType', 'lookback', 'from', 'to', 'minDuration', 'maxDuration',
  'order', 'limit'];
const LIVE_INTERVAL_MILLIS = 3000;

const services = new Set();
const chosen = new Set();
let loading = false;

export function showStartPage() {
  document.getElementById('search').hidden = false;
  document.getElementById('where').textContent = 'traces';
  const nav = document.getElementById('links');
  nav.appendChild(link('recent failures', base + '?failed=true&lookback=1h'));
  nav.appendChild(link('slowest', base + '?order=longest&lookback=1h'));
  const query = new URLSearchParams(location.search);
  query.delete('format');
  fillForm(document.getElementById('search-form'), query);
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
      if (!FIELDS.includes(key) && key !== 'attr' && key !== 'failed') {
        next.append(key, value);
      }
    });
    location.search = next.toString();
  });
}

// Until the listing API lands, the drop-down offers the services of the traces listed so far.
function fillServices(select) {
  const current = select.value;
  const options = [el('option', null, 'any')];
  options[0].value = '';
  [...services].sort().forEach((service) => {
    const option = el('option', null, service);
    option.value = service;
    options.push(option);
  });
  select.replaceChildren(...options);
  select.value = current;
}

function wireLive(query) {
  const live = document.getElementById('live');
  let timer = 0;
  live.addEventListener('change', () => {
    clearInterval(timer);
    if (live.checked) {
      load(query);
      // A poll waits for the one before it, and for the tab to be shown again.
      timer = setInterval(() => !loading && !document.hidden && load(query), LIVE_INTERVAL_MILLIS);
    }
  });
}

async function load(query) {
  let answer;
  loading = true;
  try {
    answer = await searchTraces(query);
  } catch (error) {
    showProblem(error.message);
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
    listTraces(answer.traces);
    drawScatter(document.getElementById('scatter'), answer.traces);
    document.getElementById('scatter').hidden = answer.traces.length === 0;
  } else {
    listSpans(answer.spans);
  }
  if (answer.truncated) {
    summary.textContent += ' (truncated: ' + answer.truncation + ')';
  }
  document.body.dataset.loadedAt = String(Date.now());
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

function listTraces(traces) {
  summarize(traces.length, 'trace');
  head(['compare', 'started', 'trace', { number: 'duration' }, { number: 'spans' }, { number: 'errors' }, 'services']);
  const rows = document.createDocumentFragment();
  traces.forEach((trace) => {
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
    rows.appendChild(row);
  });
  document.getElementById('results-body').replaceChildren(rows);
  document.getElementById('compare').disabled = chosen.size !== 2;
}

function listSpans(spans) {
  summarize(spans.length, 'span');
  head(['started', 'span', { number: 'duration' }, 'status', 'service']);
  const rows = document.createDocumentFragment();
  spans.forEach((span) => {
    const row = el('tr', failed(span) ? 'failed' : null);
    row.appendChild(el('td', null, localTime(span.startTime)));
    const name = el('td');
    name.appendChild(link(span.name, traceHref(span.traceId)));
    name.appendChild(el('div', 'muted mono', span.kind + ' \u00b7 ' + span.traceId));
    row.appendChild(name);
    row.appendChild(el('td', 'number', duration(span.durationNanos)));
    row.appendChild(el('td', null, span.status.code + (span.status.message ? ': ' + span.status.message : '')));
    row.appendChild(el('td', null, span.service));
    rows.appendChild(row);
  });
  document.getElementById('results-body').replaceChildren(rows);
}
