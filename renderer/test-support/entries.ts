// Queries of the entries table for component tests: body rows, a row's cell by column id, column headers.
import { screen, within } from '@testing-library/react';

export const entriesTable = (): HTMLElement => screen.getByRole('table', { name: 'Map entries' });

/** Rows of the table body that hold data (not the header, not rows still loading). */
export const bodyRows = (): HTMLElement[] =>
  within(entriesTable())
    .getAllByRole('row')
    .filter((r) => r.getAttribute('aria-rowindex') !== '1' && !r.classList.contains('pending'));

/** The cell of `row` in the column with this id ("value:packets", "key:(flow)", ...). */
export function cellOf(row: HTMLElement, columnId: string): HTMLElement {
  const cell = row.querySelector<HTMLElement>(`[role="cell"][data-col="${columnId.replace(/["\\]/g, '\\$&')}"]`);
  if (!cell) throw new Error(`row has no cell in column ${columnId}`);
  return cell;
}

/** What a cell shows (without its rate and buttons). */
export const cellText = (row: HTMLElement, columnId: string): string =>
  cellOf(row, columnId).querySelector('.decoded, .hex')?.textContent ?? '';

/** The text of a column's cells, row by row. */
export const columnTexts = (columnId: string): string[] => bodyRows().map((r) => cellText(r, columnId));

/** The labels of the shown column headers, in order (the actions column last). */
export const headerLabels = (): string[] =>
  within(entriesTable())
    .getAllByRole('columnheader')
    .map((h) => h.querySelector('.col-name')?.textContent ?? h.textContent ?? '');
