// The compare page: two traces, A and B, and the diff of their operations.
import { el, link, showProblem } from './dom.js';
import { duration } from './format.js';
import { base, compareHref, loadTrace, traceHref } from './api.js';
import { buildTrace } from './model.js';
import { compareTraces } from './compare.js';

/** Reads the trace IDs from /compare/{a}/{b}; either may be missing, then the form asks for it. */
export async function showComparePage() {
  document.getElementById('compare-page').hidden = false;
  document.getElementById('where').textContent = 'compare';
  document.getElementById('links').appendChild(link('traces', base));
  const ids = location.pathname.substring(location.pathname.lastIndexOf('/compare') + '/compare'.length)
    .split('/').filter(Boolean).map(decodeURIComponent);
  const form = document.getElementById('compare-form');
  form.elements.a.value = ids[0] || '';
  form.elements.b.value = ids[1] || '';
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    location.href = compareHref(form.elements.a.value.trim(), form.elements.b.value.trim());
  });
  if (ids.length < 2) {
    form.elements[ids.length === 0 ? 'a' : 'b'].focus();
    return;
  }
  let traces;
  try {
    traces = await Promise.all(ids.slice(0, 2).map(loadTrace));
  } catch (error) {
    showProblem(error.message);
    return;
  }
  document.getElementById('compare-traces').replaceChildren(...traces.map((trace, i) => summary(trace, 'AB'[i])));
  drawDiff(compareTraces(traces[0].spans, traces[1].spans));
  document.body.dataset.completeMs = String(Math.round(performance.now()));
}

function summary(loaded, letter) {
  const trace = buildTrace(loaded.spans);
  const box = el('div', 'facts');
  box.appendChild(el('b', null, letter));
  box.appendChild(link(trace.nodes[0].span.name, traceHref(loaded.traceId)));
  box.appendChild(el('span', 'mono', loaded.traceId));
  box.appendChild(el('span', null, duration(trace.total) + ' \u00b7 ' + trace.nodes.length + ' spans \u00b7 '
    + trace.nodes.filter((node) => node.failed).length + ' errors'));
  return box;
}

function drawDiff(rows) {
  const table = document.getElementById('diff');
  const head = el('tr');
  ['operation', 'change', 'count A', 'count B', 'total A', 'total B', 'difference'].forEach((name, i) =>
    head.appendChild(el('th', i >= 2 ? 'number' : null, name)));
  table.tHead.replaceChildren(head);
  const body = document.createDocumentFragment();
  rows.forEach((row) => {
    const line = el('tr', 'diff-row');
    line.dataset.change = row.change;
    const operation = el('td');
    operation.appendChild(el('div', null, row.name));
    operation.appendChild(el('div', 'muted', row.service));
    line.appendChild(operation);
    line.appendChild(el('td', 'diff-' + row.change, row.change + (row.countA !== row.countB && row.countA && row.countB
      ? (row.countB > row.countA ? ', more calls' : ', fewer calls') : '')));
    line.appendChild(el('td', 'number', row.countA));
    line.appendChild(el('td', 'number', row.countB));
    line.appendChild(el('td', 'number', row.countA ? duration(row.totalA) : '\u2013'));
    line.appendChild(el('td', 'number', row.countB ? duration(row.totalB) : '\u2013'));
    const delta = row.totalB - row.totalA;
    line.appendChild(el('td', 'number', (delta >= 0 ? '+' : '\u2212') + duration(Math.abs(delta))));
    body.appendChild(line);
  });
  table.tBodies[0].replaceChildren(body);
  table.hidden = false;
}
