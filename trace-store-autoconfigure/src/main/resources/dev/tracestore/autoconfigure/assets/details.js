// The details of one span: its fields, attributes by where they come from (span, resource, instrumentation scope),
// events with the exception's stack trace, and links to other traces.
import { el, link, keyValues } from './dom.js';
import { duration, instant, nanosBetween } from './format.js';
import { traceHref } from './api.js';

export function spanDetails(node) {
  const span = node.span;
  const box = el('section', 'details');
  box.setAttribute('aria-label', 'Span details');
  box.appendChild(el('h3', null, 'span'));
  const status = span.status.code + (span.status.message ? ': ' + span.status.message : '');
  box.appendChild(keyValues({
    name: span.name, kind: span.kind, status, service: span.service,
    start: span.startTime + ' (+' + duration(node.offset) + ')', duration: duration(span.durationNanos),
    spanId: span.spanId, parentSpanId: span.parentSpanId || '(root)',
  }, true));

  box.appendChild(el('h3', null, 'span attributes'));
  box.appendChild(keyValues(span.attributes));
  box.appendChild(el('h3', null, 'resource attributes'));
  box.appendChild(keyValues(span.resource));
  box.appendChild(el('h3', null, 'instrumentation scope'));
  box.appendChild(keyValues({ name: span.scope.name, version: span.scope.version || '' }, true));

  if (span.events.length) {
    box.appendChild(el('h3', null, 'events'));
    const start = instant(span.startTime);
    span.events.forEach((event) => box.appendChild(eventDetails(event, nanosBetween(start, instant(event.time)))));
  }
  if (span.links.length) {
    box.appendChild(el('h3', null, 'links'));
    span.links.forEach((spanLink) => {
      const item = el('div', 'event');
      const title = el('div', 'event-title mono');
      title.appendChild(link(spanLink.traceId, traceHref(spanLink.traceId)));
      title.appendChild(document.createTextNode(' / ' + spanLink.spanId));
      item.appendChild(title);
      item.appendChild(keyValues(spanLink.attributes));
      box.appendChild(item);
    });
  }
  return box;
}

function eventDetails(event, after) {
  const item = el('div', 'event' + (event.name === 'exception' ? ' exception' : ''));
  item.appendChild(el('div', 'event-title', event.name + '  +' + duration(after)));
  const attributes = Object.assign({}, event.attributes);
  const stack = attributes['exception.stacktrace'];
  delete attributes['exception.stacktrace'];
  item.appendChild(keyValues(attributes));
  if (stack !== undefined) {
    const trace = el('pre', 'stacktrace', stack);
    trace.tabIndex = 0;
    trace.setAttribute('aria-label', 'Stack trace');
    item.appendChild(trace);
  }
  return item;
}
