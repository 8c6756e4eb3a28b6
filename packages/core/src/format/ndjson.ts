import type { Sink } from './sink.js';
import { writeAll } from './sink.js';

/**
 * Writes one JSON value per line (newline-delimited JSON), compact, as the items come.
 * @param items - the lines' values, iterated once
 * @param sink - where the text goes; its promises are awaited
 */
export function writeNdjson(items: Iterable<unknown>, sink: Sink): Promise<void> {
  return writeAll(sink, ndjsonLines(items));
}

function* ndjsonLines(items: Iterable<unknown>): Generator<string, void, undefined> {
  for (const item of items) yield `${JSON.stringify(item) ?? 'null'}\n`;
}
