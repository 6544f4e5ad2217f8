// Small line charts over time in SVG, for the operations page: one or more series of [epoch millis, value] points
// over a window. Values are drawn as they are; a bucket without spans has no point. A cross-hair follows the pointer
// or the arrow keys.
import { svg } from './dom.js';

const WIDTH = 420;
const HEIGHT = 150;
const LEFT = 62;
const RIGHT = 10;
const TOP = 20;
const BOTTOM = 22;

/**
 * @param title what the chart shows (its accessible name)
 * @param series [{ name, className, points: [[millis, value]] }]
 * @param from, to the window in epoch millis
 * @param format turns a value into axis text
 * @return an <svg> element
 */
export function lineChart(title, series, from, to, format) {
  const chart = svg('svg', { class: 'chart', viewBox: '0 0 ' + WIDTH + ' ' + HEIGHT, role: 'img' });
  chart.setAttribute('aria-label', title);
  const highest = Math.max(0, ...series.flatMap((one) => one.points.map((point) => point[1])));
  const top = highest > 0 ? highest : 1;
  const x = (millis) => LEFT + (to > from ? (millis - from) / (to - from) : 0.5) * (WIDTH - LEFT - RIGHT);
  const y = (value) => HEIGHT - BOTTOM - value / top * (HEIGHT - BOTTOM - TOP);
  const name = svg('title');
  name.textContent = title;
  chart.appendChild(name);
  [0, 0.5, 1].forEach((share) => {
    chart.appendChild(svg('line', { class: 'grid', x1: LEFT, x2: WIDTH - RIGHT, y1: y(top * share), y2: y(top * share) }));
    const label = svg('text', { class: 'axis', x: LEFT - 6, y: y(top * share) + 4, 'text-anchor': 'end' });
    label.textContent = format(top * share);
    chart.appendChild(label);
  });
  [[from, 'start'], [to, 'end']].forEach(([millis, anchor]) => {
    const label = svg('text', { class: 'axis', x: x(millis), y: HEIGHT - 6, 'text-anchor': anchor });
    label.textContent = new Date(millis).toLocaleTimeString();
    chart.appendChild(label);
  });
  series.forEach((one) => {
    const group = svg('g', { class: 'series ' + one.className });
    group.dataset.series = one.name;
    if (one.points.length > 1) {
      group.appendChild(svg('polyline', { points: one.points.map(([millis, value]) => x(millis) + ',' + y(value))
        .join(' ') }));
    }
    one.points.forEach(([millis, value]) => {
      const dot = svg('circle', { cx: x(millis), cy: y(value), r: 2.5 });
      const tip = svg('title');
      tip.textContent = one.name + ' ' + format(value) + ' at ' + new Date(millis).toLocaleTimeString();
      dot.appendChild(tip);
      group.appendChild(dot);
    });
    chart.appendChild(group);
  });
  const times = [...new Set(series.flatMap((one) => one.points.map((point) => point[0])))].sort((a, b) => a - b);
  if (times.length > 0) {
    addCrosshair(chart, series, times, x, format);
  }
  return chart;
}

/**
 * A vertical line at the bucket nearest the pointer, with every series' value there written above the plot. The
 * chart takes the focus (Tab): ← / → move the line a bucket, Home / End to the first / last, Escape hides it.
 */
function addCrosshair(chart, series, times, x, format) {
  const line = svg('line', { class: 'crosshair', x1: 0, x2: 0, y1: TOP, y2: HEIGHT - BOTTOM, visibility: 'hidden' });
  const readout = svg('text', { class: 'readout', x: WIDTH - RIGHT, y: TOP - 2, 'text-anchor': 'end' });
  chart.append(line, readout);
  chart.setAttribute('tabindex', '0');
  chart.setAttribute('aria-keyshortcuts', 'ArrowLeft ArrowRight Home End Escape');
  let current = -1;
  const show = (index) => {
    current = index;
    if (index < 0) {
      line.setAttribute('visibility', 'hidden');
      readout.textContent = '';
      delete chart.dataset.crosshair;
      return;
    }
    const millis = times[index];
    line.setAttribute('x1', x(millis));
    line.setAttribute('x2', x(millis));
    line.setAttribute('visibility', 'visible');
    readout.textContent = new Date(millis).toLocaleTimeString() + '  ' + series.map((one) => {
      const point = one.points.find(([at]) => at === millis);
      return one.name + ' ' + (point ? format(point[1]) : '\u2013');
    }).join('  ');
    chart.dataset.crosshair = String(millis);
  };
  chart.addEventListener('pointermove', (event) => {
    const box = chart.getBoundingClientRect();
    const at = (event.clientX - box.left) / box.width * WIDTH;
    let nearest = 0;
    times.forEach((millis, i) => {
      if (Math.abs(x(millis) - at) < Math.abs(x(times[nearest]) - at)) {
        nearest = i;
      }
    });
    show(nearest);
  });
  chart.addEventListener('pointerleave', () => show(-1));
  chart.addEventListener('keydown', (event) => {
    const moves = { ArrowLeft: current - 1, ArrowRight: current + 1, Home: 0, End: times.length - 1 };
    if (event.key === 'Escape') {
      show(-1);
    } else if (event.key in moves) {
      event.preventDefault();
      show(Math.max(0, Math.min(times.length - 1, moves[event.key])));
    }
  });
}
