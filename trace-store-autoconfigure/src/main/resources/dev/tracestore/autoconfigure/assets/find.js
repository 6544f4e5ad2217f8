// Find in trace: which spans mention a text in their name, service, IDs, attribute keys or values (span, resource,
// event and link attributes) or event names. "key=value" finds an attribute with that value, since each attribute is
// searched as one "key=value" line.

function lines(span) {
  const out = [span.name, span.service, span.spanId, span.kind, span.status.code, span.status.message || ''];
  const attributes = (map) => Object.entries(map || {}).forEach(([key, value]) => {
    out.push(key + '=' + (typeof value === 'string' ? value : JSON.stringify(value)));
  });
  attributes(span.attributes);
  attributes(span.resource);
  (span.events || []).forEach((event) => {
    out.push(event.name);
    attributes(event.attributes);
  });
  (span.links || []).forEach((link) => attributes(link.attributes));
  return out.join('\n').toLowerCase();
}

export class SpanFinder {
  constructor(nodes) {
    this.nodes = nodes;
    this.texts = null;
  }

  /** @return the indices, in waterfall order, of the spans that mention the text (case-insensitive) */
  find(text) {
    const wanted = text.trim().toLowerCase();
    if (!wanted) {
      return [];
    }
    // Built on the first search, not on opening the trace: most visits never search.
    if (!this.texts) {
      this.texts = this.nodes.map((node) => lines(node.span));
    }
    const found = [];
    this.texts.forEach((haystack, index) => {
      if (haystack.includes(wanted)) {
        found.push(index);
      }
    });
    return found;
  }
}
