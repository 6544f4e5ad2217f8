// A table body drawn a page of rows at a time: a list of 1 000 traces spent most of a second laying out rows nobody
// had scrolled to, and scrolled with long frames. "Show more" appends the next page.

/** Rows per page. */
export const PAGE_ROWS = 200;

export class PagedRows {
  /** Draws into body (a <tbody>); button (hidden while every row is shown) appends the next page. */
  constructor(body, button) {
    this.body = body;
    this.button = button;
    this.items = [];
    this.shown = 0;
    this.makeRow = null;
    button.addEventListener('click', () => this.append(PAGE_ROWS));
  }

  /**
   * Shows the rows makeRow makes of items: the first page, or with keep (a live refresh of the same search) as many
   * rows as were shown.
   */
  show(items, makeRow, keep) {
    const count = Math.max(PAGE_ROWS, keep ? this.shown : 0);
    this.items = items;
    this.makeRow = makeRow;
    this.shown = 0;
    this.body.replaceChildren();
    this.append(count);
  }

  append(count) {
    const rows = document.createDocumentFragment();
    const next = this.items.slice(this.shown, this.shown + count);
    next.forEach((item) => rows.appendChild(this.makeRow(item)));
    this.body.appendChild(rows);
    this.shown += next.length;
    const left = this.items.length - this.shown;
    this.button.hidden = left === 0;
    this.button.textContent = 'Show ' + Math.min(left, PAGE_ROWS) + ' more (' + left + ' not shown yet)';
  }
}
