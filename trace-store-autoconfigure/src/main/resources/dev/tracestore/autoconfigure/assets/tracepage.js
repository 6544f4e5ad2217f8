// The trace page: facts, toolbar (find in trace, next error, expand/collapse all), waterfall and span details, and the
// flame graph tab (drawn the first time it is shown).
import { el, link, showProblem } from './dom.js';
import { duration, localTime } from './format.js';
import { base, compareHref, loadTrace } from './api.js';
import { buildTrace } from './model.js';
import { Waterfall } from './waterfall.js';
import { SpanFinder } from './find.js';
import { spanDetails } from './details.js';
import { showAnalyses } from './traceanalysis.js';
import { FlameGraph } from './flamegraph.js';

export async function showTracePage(traceId) {
  document.getElementById('trace').hidden = false;
  document.getElementById('where').textContent = 'trace ' + traceId;
  const nav = document.getElementById('links');
  nav.appendChild(link('traces', base));
  nav.appendChild(link('compare\u2026', compareHref(traceId, '').replace(/\/$/, '')));
  const json = link('JSON', base + '/' + traceId + '?format=json');
  json.download = 'trace-' + traceId + '.json';
  const otlp = link('OTLP/JSON', base + '/' + traceId + '?format=otlp');
  otlp.download = 'trace-' + traceId + '.otlp.json';
  nav.append(json, otlp);
  // A trace larger than one answer is drawn as soon as its first part is read, and redrawn as the rest arrives.
  let view = null;
  const draw = (loaded) => {
    const trace = buildTrace(loaded.spans);
    facts(trace, loaded);
    if (view) {
      view.update(trace);
      return;
    }
    view = createView(trace);
    // User Timing marks, shown in the browser's performance tools: where the time to open a large trace goes.
    performance.mark('trace-drawn');
    document.body.dataset.readyMs = String(Math.round(performance.now()));
  };
  try {
    draw(await loadTrace(traceId, draw));
  } catch (error) {
    showProblem(error.message);
    return;
  }
  showAnalyses(traceId, view);
  performance.mark('trace-complete');
  document.body.dataset.completeMs = String(Math.round(performance.now()));
}

function createView(initial) {
  const view = { trace: initial };
  const details = document.getElementById('details-box');
  const shown = document.getElementById('shown');
  view.waterfall = new Waterfall(document.getElementById('waterfall-box'), initial, {
    onSelect: (node) => details.replaceChildren(spanDetails(node)),
    onLayout: (rows) => {
      const total = view.trace.nodes.length;
      shown.textContent = rows === total ? rows + ' spans' : rows + ' of ' + total + ' spans shown';
    },
  });
  const find = wireFind(view);
  wireButtons(view);
  document.getElementById('flame-tab').addEventListener('show', () => showFlameGraph(view));
  view.update = (trace) => {
    view.trace = trace;
    view.waterfall.setTrace(trace);
    if (view.flame) {
      view.flame.setTrace(trace);
      flameLegend(view.flame);
    }
    find.refresh();
  };
  return view;
}

/**
 * Draws the flame graph when its tab is first shown. The two views share the selected span: the flame graph selects
 * the waterfall's when shown, and what is selected in it is selected in the waterfall too.
 */
function showFlameGraph(view) {
  if (view.flame) {
    if (view.waterfall.active >= 0 && view.waterfall.active !== view.flame.selected) {
      view.flame.select(view.waterfall.active);
    }
    return;
  }
  const details = document.getElementById('flame-details');
  const reset = document.getElementById('flame-reset');
  const zoomed = document.getElementById('flame-zoom');
  view.flame = new FlameGraph(document.getElementById('flame-box'), view.trace, {
    onSelect: (node) => {
      details.replaceChildren(spanDetails(node));
      view.waterfall.select(node.index);
    },
    onZoom: (node) => {
      reset.disabled = !node;
      zoomed.textContent = node ? 'zoomed into ' + node.span.name + ' (' + duration(node.span.durationNanos) + ')'
        : '';
    },
  });
  reset.addEventListener('click', () => view.flame.zoom(-1));
  flameLegend(view.flame);
  if (view.waterfall.active >= 0) {
    view.flame.select(view.waterfall.active);
  }
}

function flameLegend(flame) {
  document.getElementById('flame-legend').replaceChildren(...flame.services().map(([service, colour]) => {
    const item = el('span');
    item.append(el('span', 'swatch flame-' + colour), document.createTextNode(service || '(no service)'));
    return item;
  }));
}

function facts(trace, loaded) {
  const root = trace.nodes[0].span;
  const services = [...new Set(loaded.spans.map((span) => span.service).filter(Boolean))];
  const errors = trace.nodes.filter((node) => node.failed).length;
  document.title = root.name + ' \u2013 trace-store';
  document.getElementById('trace-title').textContent = root.name;
  const box = document.getElementById('trace-facts');
  box.replaceChildren();
  [['trace', loaded.traceId], ['started', localTime(root.startTime)], ['duration', duration(trace.total)],
    ['spans', trace.nodes.length], ['errors', errors], ['services', services.join(', ') || '\u2013']]
    .forEach(([name, value]) => {
      const item = el('span', null, name + ' ');
      item.appendChild(el('b', name === 'trace' ? 'mono' : null, value));
      box.appendChild(item);
    });
  if (loaded.loading) {
    box.appendChild(el('span', 'muted', 'reading ' + loaded.missing + ' more spans\u2026'));
  } else if (loaded.missing > 0) {
    box.appendChild(el('span', 'badge-error', loaded.missing + ' spans could not be read'));
  }
}

/** @return what the page calls when the trace grew: the matches are found again */
function wireFind(view) {
  const input = document.getElementById('find');
  const count = document.getElementById('find-count');
  const waterfall = view.waterfall;
  let finder = new SpanFinder(view.trace.nodes);
  let matches = [];
  let current = -1;
  const show = () => {
    waterfall.highlight(matches, current >= 0 ? matches[current] : -1);
    count.textContent = input.value.trim() === '' ? '' : matches.length === 0 ? 'no match'
      : (current + 1) + ' of ' + matches.length;
  };
  const jump = (step) => {
    if (matches.length === 0) {
      return;
    }
    current = (current + step + matches.length) % matches.length;
    show();
    waterfall.select(matches[current]);
  };
  let timer = 0;
  input.addEventListener('input', () => {
    clearTimeout(timer);
    timer = setTimeout(() => {
      matches = finder.find(input.value);
      // The first match at or after the selected span, so that refining the text keeps the place.
      const from = matches.findIndex((index) => index >= waterfall.active);
      current = matches.length === 0 ? -1 : (from < 0 ? 0 : from) - 1;
      jump(1);
      show();
    }, 120);
  });
  input.addEventListener('keydown', (event) => {
    if (event.key === 'Enter') {
      event.preventDefault();
      jump(event.shiftKey ? -1 : 1);
    } else if (event.key === 'Escape') {
      waterfall.focus();
    }
  });
  document.getElementById('find-next').addEventListener('click', () => jump(1));
  document.getElementById('find-prev').addEventListener('click', () => jump(-1));
  return {
    refresh: () => {
      finder = new SpanFinder(view.trace.nodes);
      matches = finder.find(input.value);
      current = Math.min(current, matches.length - 1);
      show();
    },
  };
}

function wireButtons(view) {
  const waterfall = view.waterfall;
  const nextError = () => {
    const errors = view.trace.nodes.filter((node) => node.failed);
    if (errors.length > 0) {
      const next = errors.find((node) => node.index > waterfall.active) || errors[0];
      waterfall.select(next.index);
    }
  };
  document.getElementById('next-error').addEventListener('click', nextError);
  document.getElementById('expand-all').addEventListener('click', () => waterfall.setAllCollapsed(false));
  document.getElementById('collapse-all').addEventListener('click', () => waterfall.setAllCollapsed(true));
  document.addEventListener('keydown', (event) => {
    if (event.target.closest('input, textarea, select') || event.ctrlKey || event.metaKey || event.altKey) {
      return;
    }
    if (event.key === '/') {
      event.preventDefault();
      document.getElementById('find').focus();
    } else if (event.key === 'e') {
      nextError();
    }
  });
}
