// Small line charts over time in SVG, for the operations page: one or more series of [epoch millis, value] points
// over a window. Values are drawn as they are; a bucket without spans has no point.
import { svg } from './dom.js';

const WIDTH = 420;
const HEIGHT = 150;
const LEFT = 62;
const RIGHT = 10;
const TOP = 12;
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
  return chart;
}
