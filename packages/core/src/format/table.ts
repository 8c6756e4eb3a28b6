import type { Sink } from './sink.js';
import { writeAll } from './sink.js';

/** Columns are separated by three spaces, as kubectl prints them. */
const GAP = '   ';

/** A table to write: optional headers and rows that may be iterated more than once. */
export interface TableSpec {
  /** UPPERCASE by convention; left out with `--no-headers`. */
  readonly headers?: readonly string[] | undefined;
  /**
   * The rows. Iterated twice (widths, then text) unless `widths` is given, so pass something
   * that produces the rows again (an array, or an object whose iterator recomputes them).
   */
  readonly rows: Iterable<readonly string[]>;
  /**
   * Known column widths: the rows are then iterated once (the streaming mode for huge
   * tables). Cells longer than their width push the rest of their row to the right.
   */
  readonly widths?: readonly number[];
  /**
   * Decorates a cell after its width is measured (colour), so escape codes do not count as
   * width. `column` counts from 0.
   */
  readonly decorate?: (cell: string, column: number) => string;
}

/** Widths of every column over headers and rows. */
export function columnWidths(
  headers: readonly string[] | undefined,
  rows: Iterable<readonly string[]>,
): number[] {
  const widths: number[] = [];
  const measure = (row: readonly string[]): void => {
    for (let i = 0; i < row.length; i++) {
      widths[i] = Math.max(widths[i] ?? 0, (row[i] as string).length);
    }
  };
  if (headers) measure(headers);
  for (const row of rows) measure(row);
  return widths;
}

/** One aligned line, no trailing spaces, newline included. */
export function tableLine(
  row: readonly string[],
  widths: readonly number[],
  decorate?: (cell: string, column: number) => string,
): string {
  let plain = '';
  let shown = '';
  for (let i = 0; i < row.length; i++) {
    const cell = row[i] as string;
    const pad = i === row.length - 1 ? '' : ' '.repeat(Math.max(0, (widths[i] ?? 0) - cell.length));
    const sep = i === 0 ? '' : GAP;
    plain += sep + cell + pad;
    if (decorate) shown += sep + (cell === '' ? '' : decorate(cell, i)) + pad;
  }
  const trailing = plain.length - plain.trimEnd().length;
  const line = decorate ? shown : plain;
  return `${line.slice(0, line.length - trailing)}\n`;
}

/**
 * kubectl-style aligned columns: UPPERCASE headers, columns separated by three spaces, no
 * trailing spaces, written line by line.
 * @param table - headers, rows and options
 * @param sink - where the text goes; its promises are awaited
 */
export function writeTable(table: TableSpec, sink: Sink): Promise<void> {
  return writeAll(sink, tableLines(table));
}

function* tableLines(table: TableSpec): Generator<string, void, undefined> {
  const widths = table.widths ?? columnWidths(table.headers, table.rows);
  if (table.headers) yield tableLine(table.headers, widths);
  for (const row of table.rows) yield tableLine(row, widths, table.decorate);
}

/**
 * The same table as one string, for small tables (a summary, a list of issues).
 * @returns the lines, each ending in a newline
 */
export function formatTable(
  headers: readonly string[] | undefined,
  rows: readonly (readonly string[])[],
): string {
  const widths = columnWidths(headers, rows);
  return [...(headers ? [headers] : []), ...rows].map((row) => tableLine(row, widths)).join('');
}
