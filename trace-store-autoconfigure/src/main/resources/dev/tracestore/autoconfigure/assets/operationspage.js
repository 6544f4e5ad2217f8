// The operations page: RED per operation (a sortable table), charts over time for the chosen operation, links to its
// traces, the service dependencies and the problems summary, all from /actuator/traces/analysis/*. Its URL holds the
// look-back, the zoomed window (from, to) and the chosen operation (service, name), so that it can be shared.
import { el, link, showProblem } from './dom.js';
import { duration, localTime } from './format.js';
import { base, getJson, traceHref } from './api.js';
import { sortableTable } from './sorttable.js';
import { ChartGroup } from './charts.js';
import { dependencyGraph, dependencyTable } from './dependencies.js';

const LOOKBACKS = ['15m', '1h', '6h', '24h', '7d'];
// About 60 buckets per window.
const BUCKETS = { '15m': '15s', '1h': '1m', '6h': '5m', '24h': '30m', '7d': '3h' };
// Bucket widths for a zoomed window: the smallest that cuts it into at most about 60.
const WIDTHS = [['1ms', 1], ['2ms', 2], ['5ms', 5], ['10ms', 10], ['20ms', 20], ['50ms', 50], ['100ms', 100],
  ['200ms', 200], ['500ms', 500], ['1s', 1e3], ['2s', 2e3], ['5s', 5e3], ['10s', 1e4], ['15s', 15e3], ['30s', 3e4],
  ['1m', 6e4], ['2m', 12e4], ['5m', 3e5], ['10m', 6e5], ['15m', 9e5], ['30m', 18e5], ['1h', 36e5], ['3h', 108e5],
  ['6h', 216e5], ['12h', 432e5], ['1d', 864e5]];
const MILLIS = Object.fromEntries(WIDTHS);
const percent = (share) => (share * 100).toFixed(share > 0 && share < 0.1 ? 2 : 1) + ' %';
const rate = (perSecond) => (perSecond >= 10 ? perSecond.toFixed(0) : perSecond >= 0.1 ? perSecond.toFixed(2)
  : perSecond.toPrecision(2)) + '/s';
const service = (row) => row.group['service.name'] || '';
const operation = (row) => row.group['span.name'] || '';

export async function showOperationsPage() {
  document.getElementById('operations-page').hidden = false;
  document.getElementById('where').textContent = 'operations';
  document.getElementById('links').appendChild(link('traces', base));
  const view = pageSettings(new URLSearchParams(location.search));
  const select = document.getElementById('operations-lookback');
  LOOKBACKS.forEach((value) => {
    const option = el('option', null, value);
    option.value = value;
    select.appendChild(option);
  });
  select.value = view.lookback;
  select.addEventListener('change', () => view.go({ lookback: select.value }));
  showZoom(view);
  const range = view.range;
  const results = await Promise.allSettled([
    getJson(base + '/analysis/operations?' + range).then((answer) => showRed(answer, view)),
    getJson(base + '/analysis/dependencies?' + range).then(showDependencies),
    getJson(base + '/analysis/problems?' + range + '&limit=5').then((answer) => showProblems(answer, view)),
  ]);
  const failure = results.find((result) => result.status === 'rejected');
  if (failure) {
    showProblem(failure.reason.message);
  }
  document.body.dataset.completeMs = String(Math.round(performance.now()));
}

/**
 * What the URL asks for: a look-back, or a zoomed time window (from, to: what a drag across a chart chose), and the
 * operation whose charts to show. go(changes) opens the page for other settings.
 */
function pageSettings(query) {
  const lookback = LOOKBACKS.includes(query.get('lookback')) ? query.get('lookback') : '1h';
  const from = query.get('from');
  const to = query.get('to');
  const zoomed = Boolean(from && to);
  const chosen = { service: query.get('service'), name: query.get('name') };
  const view = { lookback, zoomed, from, to, chosen };
  view.range = new URLSearchParams(zoomed ? { from, to } : { lookback });
  view.bucket = zoomed ? bucketFor(Date.parse(to) - Date.parse(from)) : BUCKETS[lookback];
  view.describe = zoomed ? 'between ' + localTime(from) + ' and ' + localTime(to) : 'in the last ' + lookback;
  view.settings = (changes) => {
    const chosenOne = view.chosen.name !== null;
    const settings = Object.assign({ lookback, from: zoomed ? from : null, to: zoomed ? to : null,
      service: chosenOne ? view.chosen.service || '' : null, name: chosenOne ? view.chosen.name : null }, changes);
    Object.keys(settings).forEach((key) => settings[key] === null && delete settings[key]);
    return new URLSearchParams(settings).toString();
  };
  view.go = (changes) => {
    location.search = view.settings(Object.assign({ from: null, to: null }, changes));
  };
  return view;
}

/** The smallest bucket width (as the endpoint writes durations) that cuts `millis` into at most about 60 buckets. */
function bucketFor(millis) {
  const width = WIDTHS.find(([, size]) => millis / size <= 60);
  return (width || WIDTHS[WIDTHS.length - 1])[0];
}

function showZoom(view) {
  if (!view.zoomed) {
    return;
  }
  const form = document.getElementById('operations-form');
  const reset = el('button', 'quiet', 'Reset zoom');
  reset.type = 'button';
  reset.id = 'reset-zoom';
  reset.title = 'Back to the last ' + view.lookback;
  reset.addEventListener('click', () => view.go({}));
  const shown = el('span', 'zoomed', 'zoomed ' + view.describe);
  shown.id = 'zoomed';
  form.append(shown, reset);
}

function searchHref(row, view) {
  const search = { service: service(row), name: operation(row) };
  return base + '?' + new URLSearchParams(Object.assign(search, view.zoomed ? { from: view.from, to: view.to }
    : { lookback: view.lookback }));
}

function showRed(answer, view) {
  const box = document.getElementById('red');
  if (answer.operations.length === 0) {
    box.replaceChildren(el('p', 'muted', 'No server spans ' + view.describe + '.'));
    return;
  }
  const columns = [
    { label: 'service', value: service, text: service },
    { label: 'operation', value: operation, text: (row) => {
      const choose = el('button', 'quiet link operation', operation(row));
      choose.type = 'button';
      choose.addEventListener('click', () => {
        view.chosen = { service: service(row), name: operation(row) };
        history.replaceState(null, '', '?' + view.settings({}));
        showCharts(row, view);
      });
      return choose;
    } },
    { label: 'requests', number: true, value: (row) => row.total.count, text: (row) => row.total.count },
    { label: 'rate', number: true, value: (row) => row.total.ratePerSecond, text: (row) => rate(row.total.ratePerSecond) },
    { label: 'errors', number: true, value: (row) => row.total.errors, text: (row) => row.total.errors },
    { label: 'error rate', number: true, value: (row) => row.total.errorRate, text: (row) => percent(row.total.errorRate) },
    { label: 'p50', number: true, value: (row) => row.total.p50Nanos, text: (row) => duration(row.total.p50Nanos) },
    { label: 'p95', number: true, value: (row) => row.total.p95Nanos, text: (row) => duration(row.total.p95Nanos) },
    { label: 'p99', number: true, value: (row) => row.total.p99Nanos, text: (row) => duration(row.total.p99Nanos) },
    { label: 'traces', value: operation, text: (row) => link('examples', searchHref(row, view)) },
  ];
  box.replaceChildren(sortableTable(columns, answer.operations, {
    sortBy: 2,
    onRow: (line, row) => {
      line.dataset.operation = operation(row);
      line.dataset.service = service(row);
      if (row.total.errors > 0) {
        line.classList.add('failed');
      }
    },
  }));
  if (answer.partial) {
    box.appendChild(el('p', 'muted', 'partial: ' + (answer.partialReason || 'the query ran out of time')));
  }
  const chosen = answer.operations.find((row) => operation(row) === view.chosen.name
    && service(row) === (view.chosen.service || ''));
  showCharts(chosen || answer.operations[0], view);
}

async function showCharts(row, view) {
  const box = document.getElementById('charts');
  const title = document.getElementById('charts-title');
  title.textContent = operation(row) + ' \u00b7 ' + service(row);
  title.appendChild(document.createTextNode(' '));
  title.appendChild(link('example traces', searchHref(row, view)));
  const parameters = new URLSearchParams(view.range);
  parameters.set('service', service(row));
  parameters.set('name', operation(row));
  parameters.set('bucket', view.bucket);
  let answer;
  try {
    answer = await getJson(base + '/analysis/operations?' + parameters);
  } catch (error) {
    box.replaceChildren(el('p', 'problem', error.message));
    return;
  }
  const buckets = (answer.operations.find((one) => operation(one) === operation(row)) || { buckets: [] }).buckets;
  const from = Date.parse(answer.from);
  const to = Date.parse(answer.to);
  const points = (figure) => buckets.map((bucket) => [Date.parse(bucket.start), bucket.figures[figure]]);
  // A drag across a chart (or Shift+arrows, Enter) opens the page for the chosen stretch of time.
  const group = new ChartGroup(from, to, MILLIS[view.bucket] || MILLIS[BUCKETS[view.lookback]], {
    onZoom: (start, end) => view.go({ from: new Date(start).toISOString(), to: new Date(end).toISOString(),
      service: service(row), name: operation(row) }),
  });
  box.replaceChildren(
    group.lineChart('requests per second', [{ name: 'rate', className: 'rate', points: points('ratePerSecond') }],
      rate),
    group.lineChart('error rate', [{ name: 'error rate', className: 'errors', points: points('errorRate') }],
      percent),
    group.lineChart('latency p50, p95, p99', [
      { name: 'p50', className: 'p50', points: points('p50Nanos') },
      { name: 'p95', className: 'p95', points: points('p95Nanos') },
      { name: 'p99', className: 'p99', points: points('p99Nanos') }], duration));
  box.dataset.operation = operation(row);
  box.dataset.service = service(row);
}

function showDependencies(answer) {
  const box = document.getElementById('dependencies');
  if (answer.links.length === 0) {
    box.replaceChildren(el('p', 'muted', 'No calls between services (client, producer, server and consumer spans) '
      + 'in this window.'));
    return;
  }
  box.replaceChildren(dependencyGraph(answer.links), dependencyTable(answer.links));
}

function showProblems(answer, view) {
  const box = document.getElementById('problems');
  const list = (title, id, rows, item) => {
    const part = el('div', 'problem-list');
    part.id = id;
    part.appendChild(el('h3', null, title));
    if (rows.length === 0) {
      part.appendChild(el('p', 'muted', 'none'));
    } else {
      const items = el('ol');
      rows.forEach((row) => items.appendChild(item(row)));
      part.appendChild(items);
    }
    return part;
  };
  const operationItem = (figures) => (row) => {
    const item = el('li');
    item.append(link(operation(row), searchHref(row, view)), el('span', 'muted', ' ' + service(row) + ' \u00b7 '
      + figures(row.total)));
    return item;
  };
  box.replaceChildren(
    list('slowest (p95)', 'slowest', answer.slowest, operationItem((total) => duration(total.p95Nanos) + ' p95, '
      + total.count + ' requests')),
    list('failing', 'failing', answer.failing, operationItem((total) => percent(total.errorRate) + ' failed, '
      + total.errors + ' of ' + total.count)),
    list('exceptions', 'exceptions', answer.exceptions, (exception) => {
      const item = el('li');
      item.append(el('code', null, exception.type), el('span', 'muted', ' ' + exception.spans + ' spans in '
        + exception.traces + ' traces, last ' + localTime(exception.lastSeen) + ' '),
      link('example', traceHref(exception.exampleTraceId)));
      return item;
    }));
}
