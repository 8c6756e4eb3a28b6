import type { Sink } from './sink.js';
import { writeAll } from './sink.js';

/** A Markdown table cell: pipes escaped. */
export function mdCell(text: string): string {
  return text.replaceAll('|', '\\|');
}

/** A Markdown table to write. */
export interface MarkdownTable {
  /** Header cells, escaped by the writer. */
  readonly headers: readonly string[];
  /** Per column: `left` (`---`, the default) or `center` (`:-:`). */
  readonly align?: readonly ('left' | 'center')[];
  /** Rows of cells, escaped by the writer; iterated once. */
  readonly rows: Iterable<readonly string[]>;
}

/**
 * Writes a GitHub-flavoured Markdown table, one line per row.
 * @param table - headers, alignment and rows
 * @param sink - where the text goes; its promises are awaited
 */
export function writeMarkdownTable(table: MarkdownTable, sink: Sink): Promise<void> {
  return writeAll(sink, markdownLines(table));
}

function* markdownLines(table: MarkdownTable): Generator<string, void, undefined> {
  const line = (cells: readonly string[]): string => `| ${cells.map(mdCell).join(' | ')} |\n`;
  yield line(table.headers);
  yield `|${table.headers.map((_, i) => (table.align?.[i] === 'center' ? ':-:' : '---')).join('|')}|\n`;
  for (const row of table.rows) yield line(row);
}
