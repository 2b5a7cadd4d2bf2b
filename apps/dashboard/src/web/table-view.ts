import type { DataTable, TableCell, TableColumn } from '../shared/api-types';
import { formatCount, formatMoneyShort, formatPercent } from '../shared/format';
import { element } from './dom';

function cellText(cell: TableCell, column: TableColumn, currency: string): string {
  // Blank, never 0: the row's endpoint does not measure it (or there is nothing to compare).
  if (cell === null) return '';
  if (typeof cell === 'string') return cell;
  switch (column.kind) {
    case 'money':
      return formatMoneyShort(cell, currency);
    case 'percent':
      return formatPercent(cell, column.key.endsWith('change') || column.key.includes('variance'));
    case 'date':
      return new Date(cell * 1000).toISOString().slice(0, 10);
    default:
      return formatCount(cell);
  }
}

/** A header's text: the label, and the unit when the label does not already say it. */
function headerText(column: TableColumn): string {
  const unit = column.unit;
  if (unit === undefined || column.label.toLowerCase().includes(unit.replace(/s$/, ''))) {
    return column.label;
  }
  return `${column.label} (${unit})`;
}

function compareCells(left: TableCell, right: TableCell): number {
  if (left === right) return 0;
  if (left === null) return 1;
  if (right === null) return -1;
  if (typeof left === 'number' && typeof right === 'number') return left - right;
  return String(left).localeCompare(String(right));
}

/** Options of {@link renderTable}. */
export interface TableViewOptions {
  readonly currency: string;
  /** Link to the same table as CSV. */
  readonly csvHref: string;
}

/**
 * Renders a server table as a card: title, CSV download, a header that sorts on click, cells
 * formatted for reading with the exact value in `data-value` and hover titles for ids.
 *
 * @param table The table.
 * @param options Currency and CSV link.
 *
 * @returns The card element.
 */
export function renderTable(table: DataTable, options: TableViewOptions): HTMLElement {
  const body = element('tbody');
  const order = table.rows.map((_, index) => index);
  let sortColumn = -1;
  let descending = true;

  const fill = (): void => {
    const rows = order.map((index) => {
      const row = table.rows[index];
      const cells = table.columns.map((column, columnIndex) => {
        const cell = row?.cells[columnIndex] ?? null;
        const title =
          row?.titles?.[columnIndex] ??
          (typeof cell === 'string' && cell.length > 36 ? cell : undefined);
        const classes = [`cell-${column.kind}`];
        if (typeof cell === 'number' && column.kind === 'percent' && cell !== 0) {
          if (column.key.endsWith('change')) classes.push(cell > 0 ? 'up' : 'down');
        }
        if (cell === null) classes.push('empty');
        return element('td', {
          className: classes.join(' '),
          text: cellText(cell, column, options.currency),
          title: title ?? (typeof cell === 'number' ? String(cell) : undefined),
          attributes: { 'data-value': cell === null ? '' : String(cell) },
        });
      });
      return element(
        'tr',
        row?.partial === true
          ? { className: 'partial', title: 'Partial period: cut by the range, or not over yet' }
          : {},
        cells,
      );
    });
    body.replaceChildren(...rows);
  };

  const headers = table.columns.map((column, columnIndex) => {
    const button = element('button', {
      text: headerText(column),
      attributes: {
        type: 'button',
        'data-key': column.key,
        ...(column.unit === undefined ? {} : { 'data-unit': column.unit }),
      },
    });
    const header = element(
      'th',
      { className: `cell-${column.kind}`, attributes: { scope: 'col' } },
      [button],
    );
    button.addEventListener('click', () => {
      descending = sortColumn === columnIndex ? !descending : column.kind !== 'text';
      sortColumn = columnIndex;
      order.sort((left, right) => {
        const result = compareCells(
          table.rows[left]?.cells[columnIndex] ?? null,
          table.rows[right]?.cells[columnIndex] ?? null,
        );
        return descending ? -result : result;
      });
      for (const other of headers) other.removeAttribute('aria-sort');
      header.setAttribute('aria-sort', descending ? 'descending' : 'ascending');
      fill();
    });
    return header;
  });
  fill();

  const download = element('a', {
    className: 'csv-link',
    text: 'Download CSV',
    attributes: { href: options.csvHref, download: `${table.id}.csv` },
  });
  const tableElement = element('table', { attributes: { 'data-table': table.id } }, [
    element('thead', {}, [element('tr', {}, headers)]),
    body,
  ]);
  const notes = table.notes.map((note) => element('p', { className: 'note', text: note }));
  const empty =
    table.rows.length === 0
      ? [element('p', { className: 'note', text: 'No rows for these filters.' })]
      : [];
  return element(
    'section',
    { className: 'card table-card', attributes: { 'data-card': table.id } },
    [
      element('header', { className: 'card-header' }, [
        element('h2', { text: table.title }),
        download,
      ]),
      element('div', { className: 'table-scroll' }, [tableElement]),
      ...empty,
      ...notes,
    ],
  );
}
