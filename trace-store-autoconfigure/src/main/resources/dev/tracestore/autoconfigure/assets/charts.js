// Small line charts over time in SVG, for the operations page: one or more series of [epoch millis, value] points
// over a window. Values are drawn as they are; a bucket without spans has no point. The charts of one ChartGroup
// share their cross-hair (pointer or keys on one shows the same bucket on all) and their selection: a drag across a
// chart, or Shift+arrows, selects a time range, and releasing the drag or pressing Enter zooms to it (onZoom).
import { svg } from './dom.js';

const WIDTH = 420;
const HEIGHT = 150;
const LEFT = 62;
const RIGHT = 10;
const TOP = 20;
const BOTTOM = 22;
// A drag shorter than this (in chart units, about pixels) is a click, not a selection.
const MIN_DRAG = 4;

/**
 * Charts over one window that move together.
 *
 * <pre>
 * const group = new ChartGroup(from, to, 60000, { onZoom: (start, end) => ... });
 * box.append(group.lineChart('requests per second', [{ name: 'rate', className: 'rate', points }], rate));
 * </pre>
 */
export class ChartGroup {
  /**
   * @param from, to the window in epoch millis
   * @param bucketMillis the width of a bucket: a selection by keys ends at the end of its last bucket
   * @param onZoom called with (from, to) in epoch millis when a selection is made to zoom to
   */
  constructor(from, to, bucketMillis, { onZoom }) {
    this.from = from;
    this.to = to;
    this.bucketMillis = bucketMillis;
    this.onZoom = onZoom;
    this.charts = [];
    this.times = [];
    this.current = -1;
    this.anchor = -1;
    this.selection = null;
  }

  x(millis) {
    return LEFT + (this.to > this.from ? (millis - this.from) / (this.to - this.from) : 0.5) * (WIDTH - LEFT - RIGHT);
  }

  /** Epoch millis at a chart's x (chart units), clamped to the window. */
  millisAt(x) {
    const share = Math.max(0, Math.min(1, (x - LEFT) / (WIDTH - LEFT - RIGHT)));
    return this.from + share * (this.to - this.from);
  }

  /**
   * @param title what the chart shows (its accessible name)
   * @param series [{ name, className, points: [[millis, value]] }]
   * @param format turns a value into axis text
   * @return an <svg> element
   */
  lineChart(title, series, format) {
    const chart = svg('svg', { class: 'chart', viewBox: '0 0 ' + WIDTH + ' ' + HEIGHT, role: 'img' });
    chart.setAttribute('aria-label', title);
    const highest = Math.max(0, ...series.flatMap((one) => one.points.map((point) => point[1])));
    const top = highest > 0 ? highest : 1;
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
    [[this.from, 'start'], [this.to, 'end']].forEach(([millis, anchor]) => {
      const label = svg('text', { class: 'axis', x: this.x(millis), y: HEIGHT - 6, 'text-anchor': anchor });
      label.textContent = new Date(millis).toLocaleTimeString();
      chart.appendChild(label);
    });
    const band = svg('rect', { class: 'selection', x: 0, y: TOP, width: 0, height: HEIGHT - BOTTOM - TOP,
      visibility: 'hidden' });
    chart.appendChild(band);
    series.forEach((one) => {
      const group = svg('g', { class: 'series ' + one.className });
      group.dataset.series = one.name;
      if (one.points.length > 1) {
        group.appendChild(svg('polyline', { points: one.points.map(([millis, value]) => this.x(millis) + ',' + y(value))
          .join(' ') }));
      }
      one.points.forEach(([millis, value]) => {
        const dot = svg('circle', { cx: this.x(millis), cy: y(value), r: 2.5 });
        const tip = svg('title');
        tip.textContent = one.name + ' ' + format(value) + ' at ' + new Date(millis).toLocaleTimeString();
        dot.appendChild(tip);
        group.appendChild(dot);
      });
      chart.appendChild(group);
    });
    const line = svg('line', { class: 'crosshair', x1: 0, x2: 0, y1: TOP, y2: HEIGHT - BOTTOM, visibility: 'hidden' });
    const readout = svg('text', { class: 'readout', x: WIDTH - RIGHT, y: TOP - 2, 'text-anchor': 'end' });
    chart.append(line, readout);
    this.times = [...new Set(this.times.concat(series.flatMap((one) => one.points.map((point) => point[0]))))]
      .sort((a, b) => a - b);
    this.charts.push({ chart, series, format, line, readout, band });
    if (series.some((one) => one.points.length > 0)) {
      this.listen(chart);
    }
    return chart;
  }

  /** Pointer and keys on one chart drive every chart of the group. */
  listen(chart) {
    chart.setAttribute('tabindex', '0');
    chart.setAttribute('aria-keyshortcuts',
      'ArrowLeft ArrowRight Home End Shift+ArrowLeft Shift+ArrowRight Enter Escape');
    chart.setAttribute('aria-description', 'Arrow keys move the cross-hair on all three charts; Shift with an arrow '
      + 'selects buckets, Enter zooms to them; drag across a chart to zoom with the pointer.');
    const at = (event) => {
      const box = chart.getBoundingClientRect();
      return (event.clientX - box.left) / box.width * WIDTH;
    };
    let dragFrom = null;
    chart.addEventListener('pointerdown', (event) => {
      if (event.button === 0) {
        dragFrom = at(event);
        this.anchor = -1;
        this.select(null);
        chart.setPointerCapture(event.pointerId);
        event.preventDefault();
        chart.focus({ preventScroll: true });
      }
    });
    chart.addEventListener('pointermove', (event) => {
      const x = at(event);
      this.show(this.nearest(x));
      if (dragFrom !== null && Math.abs(x - dragFrom) >= MIN_DRAG) {
        this.select(this.millisAt(Math.min(dragFrom, x)), this.millisAt(Math.max(dragFrom, x)));
      }
    });
    chart.addEventListener('pointerup', (event) => {
      if (dragFrom === null) {
        return;
      }
      const x = at(event);
      const start = dragFrom;
      dragFrom = null;
      if (Math.abs(x - start) >= MIN_DRAG) {
        this.onZoom(Math.floor(this.millisAt(Math.min(start, x))), Math.ceil(this.millisAt(Math.max(start, x))));
      }
    });
    chart.addEventListener('pointercancel', () => {
      dragFrom = null;
      this.select(null);
    });
    chart.addEventListener('pointerleave', () => dragFrom === null && this.show(-1));
    chart.addEventListener('keydown', (event) => this.key(event));
  }

  key(event) {
    const last = this.times.length - 1;
    const moves = { ArrowLeft: this.current - 1, ArrowRight: this.current + 1, Home: 0, End: last };
    if (event.key === 'Escape') {
      this.anchor = -1;
      this.select(null);
      this.show(-1);
    } else if (event.key === 'Enter' && this.selection) {
      event.preventDefault();
      this.onZoom(Math.floor(this.selection[0]), Math.ceil(this.selection[1]));
    } else if (event.key in moves) {
      event.preventDefault();
      const from = this.current;
      const to = Math.max(0, Math.min(last, from < 0 ? 0 : moves[event.key]));
      if (event.shiftKey) {
        // The selection runs from the bucket where Shift-selecting began to the cross-hair's, both whole.
        this.anchor = this.anchor >= 0 ? this.anchor : Math.max(0, from);
        const first = this.times[Math.min(this.anchor, to)];
        const end = this.times[Math.max(this.anchor, to)];
        this.select(first, Math.min(this.to, end + this.bucketMillis));
      } else {
        this.anchor = -1;
        this.select(null);
      }
      this.show(to);
    }
  }

  /** @return the index of the bucket nearest a chart's x */
  nearest(x) {
    let nearest = 0;
    this.times.forEach((millis, i) => {
      if (Math.abs(this.x(millis) - x) < Math.abs(this.x(this.times[nearest]) - x)) {
        nearest = i;
      }
    });
    return nearest;
  }

  /** Shows the cross-hair at bucket `index` on every chart, each with its series' values there; -1 hides it. */
  show(index) {
    this.current = index;
    const millis = index >= 0 ? this.times[index] : null;
    this.charts.forEach(({ chart, series, format, line, readout }) => {
      if (millis === null) {
        line.setAttribute('visibility', 'hidden');
        readout.textContent = '';
        delete chart.dataset.crosshair;
        return;
      }
      line.setAttribute('x1', this.x(millis));
      line.setAttribute('x2', this.x(millis));
      line.setAttribute('visibility', 'visible');
      readout.textContent = new Date(millis).toLocaleTimeString() + '  ' + series.map((one) => {
        const point = one.points.find(([time]) => time === millis);
        return one.name + ' ' + (point ? format(point[1]) : '\u2013');
      }).join('  ');
      chart.dataset.crosshair = String(millis);
    });
  }

  /** Shades [from, to) on every chart as the range to zoom to; null clears it. */
  select(from, to) {
    this.selection = from === null ? null : [from, to];
    this.charts.forEach(({ chart, band }) => {
      if (from === null) {
        band.setAttribute('visibility', 'hidden');
        delete chart.dataset.selection;
        return;
      }
      band.setAttribute('x', this.x(from));
      band.setAttribute('width', Math.max(1, this.x(to) - this.x(from)));
      band.setAttribute('visibility', 'visible');
      chart.dataset.selection = new Date(from).toISOString() + '/' + new Date(to).toISOString();
    });
  }
}
