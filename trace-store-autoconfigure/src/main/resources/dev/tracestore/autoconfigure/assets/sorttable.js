// A table sorted by any column: each header is a button; a second click reverses the order. Cells are text (or a
// node a column builds from text), never markup.
import { el } from './dom.js';

/**
 * @param columns [{ label, value: (row) => number or string to sort by, text: (row) => shown text or a Node,
 *     number: right-aligned and sorted largest first on the first click }]
 * @param rows the rows' data
 * @param sortBy the index of the column sorted at first, descending for a number column
 * @param onRow optional, called with each row's <tr> and data (to add a class or a click handler)
 * @return the <table>
 */
export function sortableTable(columns, rows, { sortBy = 0, onRow } = {}) {
  const table = el('table', 'results sortable');
  const head = el('tr');
  const body = el('tbody');
  let column = sortBy;
  let descending = Boolean(columns[sortBy].number);
  const draw = () => {
    const compare = (a, b) => {
      const x = columns[column].value(a);
      const y = columns[column].value(b);
      return typeof x === 'number' && typeof y === 'number' ? x - y : String(x).localeCompare(String(y));
    };
    const sorted = rows.slice().sort((a, b) => (descending ? -compare(a, b) : compare(a, b)));
    body.replaceChildren(...sorted.map((row) => {
      const line = el('tr');
      columns.forEach((spec) => {
        const shown = spec.text(row);
        const cell = el('td', spec.number ? 'number' : null);
        if (shown instanceof Node) {
          cell.appendChild(shown);
        } else {
          cell.textContent = String(shown);
        }
        line.appendChild(cell);
      });
      if (onRow) {
        onRow(line, row);
      }
      return line;
    }));
    [...head.children].forEach((th, i) => th.setAttribute('aria-sort', i !== column ? 'none'
      : descending ? 'descending' : 'ascending'));
  };
  columns.forEach((spec, i) => {
    const th = el('th', spec.number ? 'number' : null);
    const button = el('button', 'sort', spec.label);
    button.type = 'button';
    button.addEventListener('click', () => {
      descending = column === i ? !descending : Boolean(spec.number);
      column = i;
      draw();
    });
    th.appendChild(button);
    head.appendChild(th);
  });
  const thead = el('thead');
  thead.appendChild(head);
  table.append(thead, body);
  draw();
  return table;
}
