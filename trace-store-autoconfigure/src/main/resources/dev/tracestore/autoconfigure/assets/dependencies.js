// The service dependency graph of the operations page: services in columns by how far they are from a caller that
// nothing calls, an arrow per caller -> callee link labelled with its calls and errors; a table says the same.
import { el, svg } from './dom.js';

const COLUMN = 270;
const ROW = 56;
const BOX_WIDTH = 150;
const BOX_HEIGHT = 30;

/** Each service's column: the longest chain of callers above it, cycles cut after as many steps as services. */
function columns(services, links) {
  const column = new Map(services.map((service) => [service, 0]));
  for (let round = 0; round < services.length; round++) {
    let moved = false;
    links.forEach((link) => {
      if (link.caller !== link.callee && column.get(link.callee) < column.get(link.caller) + 1) {
        column.set(link.callee, column.get(link.caller) + 1);
        moved = true;
      }
    });
    if (!moved) {
      break;
    }
  }
  return column;
}

/** @return the graph (an <svg>) of the links of /analysis/dependencies */
export function dependencyGraph(links) {
  const services = [...new Set(links.flatMap((link) => [link.caller, link.callee]))].sort();
  const column = columns(services, links);
  const rows = new Map();
  const position = new Map();
  services.forEach((service) => {
    const at = column.get(service);
    const row = rows.get(at) || 0;
    rows.set(at, row + 1);
    position.set(service, [20 + at * COLUMN, 20 + row * ROW]);
  });
  const width = 40 + (Math.max(0, ...column.values()) * COLUMN) + BOX_WIDTH;
  const height = 40 + Math.max(1, ...rows.values()) * ROW;
  const graph = svg('svg', { class: 'dependency-graph', viewBox: '0 0 ' + width + ' ' + height, role: 'img',
    width, height });
  graph.setAttribute('aria-label', 'Service dependencies: ' + links.length + ' links between ' + services.length
    + ' services');
  const defs = svg('defs');
  const marker = svg('marker', { id: 'arrow', viewBox: '0 0 10 10', refX: 10, refY: 5, markerWidth: 7,
    markerHeight: 7, orient: 'auto-start-reverse' });
  marker.appendChild(svg('path', { d: 'M 0 0 L 10 5 L 0 10 z', class: 'arrow-head' }));
  defs.appendChild(marker);
  graph.appendChild(defs);
  links.forEach((link) => {
    const [x1, y1] = position.get(link.caller);
    const [x2, y2] = position.get(link.callee);
    const edge = svg('g', { class: 'edge' + (link.errors > 0 ? ' failed' : '') + (link.uninstrumented ? ' external' : '') });
    edge.dataset.caller = link.caller;
    edge.dataset.callee = link.callee;
    const self = link.caller === link.callee;
    const from = [x1 + BOX_WIDTH, y1 + BOX_HEIGHT / 2];
    const to = self ? [x1 + BOX_WIDTH - 20, y1 + BOX_HEIGHT] : [x2, y2 + BOX_HEIGHT / 2];
    edge.appendChild(svg('path', { d: self
      ? 'M ' + from.join(' ') + ' C ' + (from[0] + 40) + ' ' + from[1] + ' ' + (to[0] + 10) + ' ' + (to[1] + 40) + ' ' + to.join(' ')
      : 'M ' + from.join(' ') + ' L ' + to.join(' '), 'marker-end': 'url(#arrow)' }));
    const label = svg('text', { class: 'edge-label', x: (from[0] + to[0]) / 2 + (self ? 30 : 0),
      y: (from[1] + to[1]) / 2 - 4 + (self ? 30 : 0), 'text-anchor': 'middle' });
    label.textContent = link.calls + (link.errors > 0 ? ' (' + link.errors + ' failed)' : '');
    edge.appendChild(label);
    graph.appendChild(edge);
  });
  services.forEach((service) => {
    const [x, y] = position.get(service);
    const node = svg('g', { class: 'node' });
    node.dataset.service = service;
    node.appendChild(svg('rect', { x, y, width: BOX_WIDTH, height: BOX_HEIGHT, rx: 5 }));
    const name = svg('text', { x: x + BOX_WIDTH / 2, y: y + BOX_HEIGHT / 2 + 4, 'text-anchor': 'middle' });
    name.textContent = service.length > 22 ? service.substring(0, 21) + '\u2026' : service;
    const title = svg('title');
    title.textContent = service;
    node.append(title, name);
    graph.appendChild(node);
  });
  return graph;
}

/** @return the links as a table: caller, callee, calls, failed calls, error rate */
export function dependencyTable(links) {
  const table = el('table', 'results dependency-table');
  const head = el('tr');
  ['caller', 'callee', 'calls', 'failed', 'error rate'].forEach((name, i) => head.appendChild(el('th',
    i >= 2 ? 'number' : null, name)));
  table.appendChild(el('thead')).appendChild(head);
  const body = table.appendChild(el('tbody'));
  links.forEach((link) => {
    const row = el('tr', link.errors > 0 ? 'failed' : null);
    row.append(el('td', null, link.caller), el('td', null, link.callee + (link.uninstrumented ? ' (not traced)' : '')),
      el('td', 'number', link.calls), el('td', 'number', link.errors),
      el('td', 'number', (link.calls ? link.errors / link.calls * 100 : 0).toFixed(1) + ' %'));
    body.appendChild(row);
  });
  return table;
}
