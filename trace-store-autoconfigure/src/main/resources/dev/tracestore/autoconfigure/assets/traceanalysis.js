// The trace page's analyses, from the endpoint's routes: the statistics tab (self time per operation, or grouped by an
// attribute chosen there, computed in the page), the critical path (drawn on the waterfall on demand) and repeated
// calls (N+1), marked on their spans with a summary above.
import { el } from './dom.js';
import { duration } from './format.js';
import { base, getJson } from './api.js';
import { sortableTable } from './sorttable.js';
import { attributeKeys, groupStatistics } from './groupstats.js';

/** Back to the waterfall, finding there the spans the text matches. */
function findInWaterfall(text) {
  document.getElementById('tab-waterfall').click();
  const box = document.getElementById('find');
  box.value = text;
  box.dispatchEvent(new Event('input'));
}

const STATISTICS_COLUMNS = [
  { label: 'service', value: (row) => row.service, text: (row) => row.service },
  { label: 'operation', value: (row) => row.operation, text: (row) => {
    // Back to the waterfall, finding the operation's spans there.
    const find = el('button', 'quiet link operation', row.operation);
    find.type = 'button';
    find.title = 'Find its spans in the waterfall';
    find.addEventListener('click', () => findInWaterfall(row.operation));
    return find;
  } },
  { label: 'count', number: true, value: (row) => row.count, text: (row) => row.count },
  { label: 'total', number: true, value: (row) => row.totalDurationNanos, text: (row) => duration(row.totalDurationNanos) },
  { label: 'avg', number: true, value: (row) => row.avgDurationNanos, text: (row) => duration(row.avgDurationNanos) },
  { label: 'max', number: true, value: (row) => row.maxDurationNanos, text: (row) => duration(row.maxDurationNanos) },
  { label: 'self total', number: true, value: (row) => row.totalSelfNanos, text: (row) => duration(row.totalSelfNanos) },
  { label: 'self avg', number: true, value: (row) => row.avgSelfNanos, text: (row) => duration(row.avgSelfNanos) },
];
const SERVICE_AND_NAME = '';

/** The columns of statistics grouped by an attribute key: its value first, then the figures as above. */
function groupColumns(key) {
  return [{ label: key, value: (row) => (row.value === null ? '' : row.value), text: (row) => {
    if (row.value === null) {
      return el('span', 'muted', '(without ' + key + ')');
    }
    const find = el('button', 'quiet link operation', row.value);
    find.type = 'button';
    find.title = 'Find its spans in the waterfall';
    // The find box knows resource attributes by their own keys, without the prefix.
    const bare = key.startsWith('resource.') ? key.substring('resource.'.length) : key;
    find.addEventListener('click', () => findInWaterfall(bare + '=' + row.value));
    return find;
  } }].concat(STATISTICS_COLUMNS.slice(2));
}

/** Fetches the three analyses of the trace and shows them; each that fails says so where it would have been. */
export function showAnalyses(traceId, view) {
  const path = base + '/' + encodeURIComponent(traceId) + '/';
  wireTabs();
  getJson(path + 'statistics').then((answer) => showStatistics(answer, view),
    (error) => failedIn('statistics', error));
  const button = document.getElementById('critical-path');
  getJson(path + 'critical-path').then((answer) => wireCriticalPath(answer, view, button),
    (error) => { button.title = 'critical path: ' + error.message; });
  getJson(path + 'repeats').then((answer) => showRepeats(answer.repeats, view), (error) => failedIn('repeats', error));
}

function wireTabs() {
  const tabs = [...document.querySelectorAll('#trace-tabs [role=tab]')];
  const choose = (chosen) => tabs.forEach((tab) => {
    const on = tab === chosen;
    tab.setAttribute('aria-selected', String(on));
    tab.tabIndex = on ? 0 : -1;
    const panel = document.getElementById(tab.getAttribute('aria-controls'));
    const shown = on && panel.hidden;
    panel.hidden = !on;
    if (shown) {
      panel.dispatchEvent(new Event('show'));
    }
  });
  tabs.forEach((tab, i) => {
    tab.addEventListener('click', () => choose(tab));
    tab.addEventListener('keydown', (event) => {
      const step = event.key === 'ArrowRight' ? 1 : event.key === 'ArrowLeft' ? -1 : 0;
      if (step) {
        const next = tabs[(i + step + tabs.length) % tabs.length];
        choose(next);
        next.focus();
      }
    });
  });
}

function showStatistics(answer, view) {
  const box = document.getElementById('statistics');
  const choice = el('select');
  choice.id = 'statistics-group-by';
  const option = (value, text) => {
    const item = el('option', null, text);
    item.value = value;
    return item;
  };
  choice.append(option(SERVICE_AND_NAME, 'service and span name'),
    ...attributeKeys(view.trace).map((key) => option(key, key)));
  const label = el('label', 'group-by', 'group by ');
  label.appendChild(choice);
  const summary = el('p', 'muted');
  summary.setAttribute('aria-live', 'polite');
  const table = el('div');
  const show = () => {
    const key = choice.value;
    box.dataset.groupBy = key;
    if (key === SERVICE_AND_NAME) {
      summary.textContent = answer.operations.length + ' operations over ' + answer.spanCount + ' spans; self time '
        + 'is a span\u2019s duration less the time its children ran. Click a column to sort.';
      table.replaceChildren(sortableTable(STATISTICS_COLUMNS, answer.operations, { sortBy: 6 }));
      return;
    }
    const rows = groupStatistics(view.trace, key);
    summary.textContent = rows.filter((row) => row.value !== null).length + ' values of ' + key + ' over '
      + view.trace.nodes.length + ' spans; self time is a span\u2019s duration less the time its children ran. '
      + 'Click a column to sort.';
    table.replaceChildren(sortableTable(groupColumns(key), rows, { sortBy: 5, onRow: (line, row) => {
      line.dataset.selfNanos = String(row.totalSelfNanos);
    } }));
  };
  choice.addEventListener('change', show);
  box.replaceChildren(label, summary, table);
  show();
}

function failedIn(what, error) {
  const box = document.getElementById(what);
  box.replaceChildren(el('p', 'problem', what + ': ' + error.message));
  box.hidden = false;
}

/** The path's segments as nanosecond offsets in the trace, per waterfall row. */
function wireCriticalPath(answer, view, button) {
  const byId = new Map(view.trace.nodes.map((node) => [node.span.spanId, node.index]));
  const start = view.trace.start[0] * 1e6 + view.trace.start[1];
  const segments = new Map();
  answer.segments.forEach((segment) => {
    const index = byId.get(segment.spanId);
    if (index !== undefined) {
      const list = segments.get(index) || [];
      list.push([segment.startEpochNanos - start, segment.endEpochNanos - start]);
      segments.set(index, list);
    }
  });
  button.disabled = false;
  button.title = 'critical path: ' + duration(answer.pathNanos) + ' over ' + segments.size + ' spans';
  button.addEventListener('click', () => {
    const on = button.getAttribute('aria-pressed') !== 'true';
    button.setAttribute('aria-pressed', String(on));
    view.waterfall.setCriticalPath(on ? segments : null);
  });
}

function showRepeats(repeats, view) {
  const box = document.getElementById('repeats');
  if (repeats.length === 0) {
    box.hidden = true;
    return;
  }
  const byId = new Map(view.trace.nodes.map((node) => [node.span.spanId, node.index]));
  const marks = new Map();
  box.replaceChildren(el('b', null, 'Repeated calls (N+1): '));
  const list = el('ul');
  repeats.forEach((run) => {
    const label = run.count + '\u00d7 ' + run.operation;
    run.spanIds.forEach((spanId) => byId.has(spanId) && marks.set(byId.get(spanId), label));
    const item = el('li', 'repeat');
    const jump = el('button', 'quiet link', run.count + '\u00d7');
    jump.type = 'button';
    jump.setAttribute('aria-label', 'Show the first of ' + run.count + ' repeated calls');
    jump.addEventListener('click', () => byId.has(run.spanIds[0]) && view.waterfall.select(byId.get(run.spanIds[0])));
    item.append(jump, el('code', null, run.operation), el('span', 'muted', ' under '
      + (run.parentName || 'a span not stored') + ', ' + duration(run.totalDurationNanos) + ' in all (' + run.kind + ')'));
    list.appendChild(item);
  });
  box.appendChild(list);
  box.hidden = false;
  view.waterfall.setRepeats(marks);
}
