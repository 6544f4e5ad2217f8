// The operations page: RED per operation (a sortable table), charts over time for the chosen operation, links to its
// traces, the service dependencies and the problems summary, all from /actuator/traces/analysis/*.
import { el, link, showProblem } from './dom.js';
import { duration, localTime } from './format.js';
import { base, getJson, traceHref } from './api.js';
import { sortableTable } from './sorttable.js';
import { lineChart } from './charts.js';
import { dependencyGraph, dependencyTable } from './dependencies.js';

const LOOKBACKS = ['15m', '1h', '6h', '24h', '7d'];
// About 60 buckets per window.
const BUCKETS = { '15m': '15s', '1h': '1m', '6h': '5m', '24h': '30m', '7d': '3h' };
const percent = (share) => (share * 100).toFixed(share > 0 && share < 0.1 ? 2 : 1) + ' %';
const rate = (perSecond) => (perSecond >= 10 ? perSecond.toFixed(0) : perSecond >= 0.1 ? perSecond.toFixed(2)
  : perSecond.toPrecision(2)) + '/s';
const service = (row) => row.group['service.name'] || '';
const operation = (row) => row.group['span.name'] || '';

export async function showOperationsPage() {
  document.getElementById('operations-page').hidden = false;
  document.getElementById('where').textContent = 'operations';
  document.getElementById('links').appendChild(link('traces', base));
  const query = new URLSearchParams(location.search);
  const lookback = LOOKBACKS.includes(query.get('lookback')) ? query.get('lookback') : '1h';
  const select = document.getElementById('operations-lookback');
  LOOKBACKS.forEach((value) => {
    const option = el('option', null, value);
    option.value = value;
    select.appendChild(option);
  });
  select.value = lookback;
  select.addEventListener('change', () => {
    location.search = new URLSearchParams({ lookback: select.value }).toString();
  });
  const range = new URLSearchParams({ lookback });
  const results = await Promise.allSettled([
    getJson(base + '/analysis/operations?' + range).then((answer) => showRed(answer, lookback)),
    getJson(base + '/analysis/dependencies?' + range).then(showDependencies),
    getJson(base + '/analysis/problems?' + range + '&limit=5').then((answer) => showProblems(answer, lookback)),
  ]);
  const failure = results.find((result) => result.status === 'rejected');
  if (failure) {
    showProblem(failure.reason.message);
  }
  document.body.dataset.completeMs = String(Math.round(performance.now()));
}

function searchHref(row, lookback) {
  return base + '?' + new URLSearchParams({ service: service(row), name: operation(row), lookback });
}

function showRed(answer, lookback) {
  const box = document.getElementById('red');
  if (answer.operations.length === 0) {
    box.replaceChildren(el('p', 'muted', 'No server spans in the last ' + lookback + '.'));
    return;
  }
  const columns = [
    { label: 'service', value: service, text: service },
    { label: 'operation', value: operation, text: (row) => {
      const choose = el('button', 'quiet link operation', operation(row));
      choose.type = 'button';
      choose.addEventListener('click', () => showCharts(row, lookback));
      return choose;
    } },
    { label: 'requests', number: true, value: (row) => row.total.count, text: (row) => row.total.count },
    { label: 'rate', number: true, value: (row) => row.total.ratePerSecond, text: (row) => rate(row.total.ratePerSecond) },
    { label: 'errors', number: true, value: (row) => row.total.errors, text: (row) => row.total.errors },
    { label: 'error rate', number: true, value: (row) => row.total.errorRate, text: (row) => percent(row.total.errorRate) },
    { label: 'p50', number: true, value: (row) => row.total.p50Nanos, text: (row) => duration(row.total.p50Nanos) },
    { label: 'p95', number: true, value: (row) => row.total.p95Nanos, text: (row) => duration(row.total.p95Nanos) },
    { label: 'p99', number: true, value: (row) => row.total.p99Nanos, text: (row) => duration(row.total.p99Nanos) },
    { label: 'traces', value: operation, text: (row) => link('examples', searchHref(row, lookback)) },
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
  showCharts(answer.operations[0], lookback);
}

async function showCharts(row, lookback) {
  const box = document.getElementById('charts');
  const title = document.getElementById('charts-title');
  title.textContent = operation(row) + ' \u00b7 ' + service(row);
  title.appendChild(document.createTextNode(' '));
  title.appendChild(link('example traces', searchHref(row, lookback)));
  const parameters = new URLSearchParams({ service: service(row), name: operation(row), lookback,
    bucket: BUCKETS[lookback] });
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
  box.replaceChildren(
    lineChart('requests per second', [{ name: 'rate', className: 'rate', points: points('ratePerSecond') }], from, to,
      rate),
    lineChart('error rate', [{ name: 'error rate', className: 'errors', points: points('errorRate') }], from, to,
      percent),
    lineChart('latency p50, p95, p99', [
      { name: 'p50', className: 'p50', points: points('p50Nanos') },
      { name: 'p95', className: 'p95', points: points('p95Nanos') },
      { name: 'p99', className: 'p99', points: points('p99Nanos') }], from, to, duration));
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

function showProblems(answer, lookback) {
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
    item.append(link(operation(row), searchHref(row, lookback)), el('span', 'muted', ' ' + service(row) + ' \u00b7 '
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
