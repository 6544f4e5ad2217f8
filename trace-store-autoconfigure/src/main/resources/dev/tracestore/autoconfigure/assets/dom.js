// Builds DOM nodes. Every piece of span data enters the page through textContent or a DOM property: never as markup.

/** An element with an optional class and text. */
export function el(tag, className, text) {
  const node = document.createElement(tag);
  if (className) {
    node.className = className;
  }
  if (text !== undefined && text !== null) {
    node.textContent = String(text);
  }
  return node;
}

/** An anchor with the given text and address. */
export function link(text, href) {
  const anchor = el('a', null, text);
  anchor.href = href;
  return anchor;
}

/** An SVG element with the given attributes. */
export function svg(tag, attributes) {
  const node = document.createElementNS('http://www.w3.org/2000/svg', tag);
  Object.entries(attributes || {}).forEach(([name, value]) => node.setAttribute(name, String(value)));
  return node;
}

/** A table of keys and values; attribute values as JSON, so that the string "500" and the number 500 differ. */
export function keyValues(map, plain) {
  const keys = Object.keys(map || {});
  if (keys.length === 0) {
    return el('div', 'muted', 'none');
  }
  const table = el('table', 'kv');
  (plain ? keys : keys.sort()).forEach((key) => {
    const row = el('tr');
    row.appendChild(el('td', 'mono', key));
    row.appendChild(el('td', 'mono', plain ? map[key] : JSON.stringify(map[key])));
    table.appendChild(row);
  });
  return table;
}

/** Shows an error message in the page's problem box, with an optional block of code (a query and where it broke). */
export function showProblem(message, code) {
  const box = document.getElementById('problem');
  box.textContent = message;
  if (code) {
    box.appendChild(el('pre', 'problem-code', code));
  }
  box.hidden = false;
}

/** Hides the problem box. */
export function clearProblem() {
  document.getElementById('problem').hidden = true;
}
