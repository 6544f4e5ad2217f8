// The duration-over-time scatter plot of the start page: one dot per trace, failed traces in red; a dot is a link to
// its trace.
import { svg } from './dom.js';
import { duration, localTime } from './format.js';
import { traceHref } from './api.js';

const HEIGHT = 180;
const LEFT = 64;
const BOTTOM = 22;
const TOP = 10;
const RIGHT = 14;

/** Draws the traces into the given <svg> element, replacing what was there. */
export function drawScatter(plot, traces) {
  // Drawn at the plot's own width in pixels, so that dots stay round.
  const WIDTH = plot.clientWidth || 1000;
  plot.setAttribute('viewBox', '0 0 ' + WIDTH + ' ' + HEIGHT);
  const times = traces.map((trace) => Date.parse(trace.startTime));
  const first = Math.min(...times);
  const last = Math.max(...times);
  const longest = Math.max(1, ...traces.map((trace) => trace.durationNanos));
  const x = (time) => LEFT + (last === first ? 0.5 : (time - first) / (last - first)) * (WIDTH - LEFT - RIGHT);
  const y = (nanos) => HEIGHT - BOTTOM - nanos / longest * (HEIGHT - BOTTOM - TOP);
  const parts = [];
  [0, 0.5, 1].forEach((share) => {
    parts.push(svg('line', { class: 'grid', x1: LEFT, x2: WIDTH - RIGHT, y1: y(longest * share), y2: y(longest * share) }));
    const label = svg('text', { class: 'axis', x: LEFT - 6, y: y(longest * share) + 4, 'text-anchor': 'end' });
    label.textContent = duration(longest * share);
    parts.push(label);
  });
  if (traces.length > 0) {
    [[first, 'start'], [last, 'end']].forEach(([time, anchor]) => {
      const label = svg('text', { class: 'axis', x: x(time), y: HEIGHT - 6, 'text-anchor': anchor });
      label.textContent = new Date(time).toLocaleTimeString();
      parts.push(label);
    });
  }
  traces.forEach((trace, i) => {
    const dot = svg('a', { href: traceHref(trace.traceId), 'data-trace-id': trace.traceId });
    dot.setAttribute('aria-label', (trace.rootName || trace.traceId) + ', ' + duration(trace.durationNanos)
      + (trace.errorCount > 0 ? ', failed' : ''));
    const circle = svg('circle', { class: 'dot' + (trace.errorCount > 0 ? ' failed' : ''), cx: x(times[i]),
      cy: y(trace.durationNanos), r: 5 });
    const title = svg('title');
    title.textContent = (trace.rootName || trace.traceId) + '\n' + duration(trace.durationNanos) + ' \u00b7 '
      + localTime(trace.startTime) + (trace.errorCount > 0 ? '\n' + trace.errorCount + ' errors' : '');
    circle.appendChild(title);
    dot.appendChild(circle);
    parts.push(dot);
  });
  plot.replaceChildren(...parts);
}
