import type { Sink } from './sink.js';
import { writeAll } from './sink.js';

/**
 * A CSV field, quoted when it holds a comma, quote or newline.
 * @example csvField('a,b') // '"a,b"'
 */
export function csvField(text: string): string {
  return /[",\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

/**
 * Writes CSV (RFC 4180 quoting, `\n` line ends): a header line, then one line per row.
 * @param headers - the first line's fields
 * @param rows - iterated once
 * @param sink - where the text goes; its promises are awaited
 */
export function writeCsv(
  headers: readonly string[],
  rows: Iterable<readonly string[]>,
  sink: Sink,
): Promise<void> {
  return writeAll(sink, csvLines(headers, rows));
}

function* csvLines(
  headers: readonly string[],
  rows: Iterable<readonly string[]>,
): Generator<string, void, undefined> {
  yield `${headers.map(csvField).join(',')}\n`;
  for (const row of rows) yield `${row.map(csvField).join(',')}\n`;
}
