import { dump } from 'js-yaml';
import type { Sink } from './sink.js';
import { writeAll } from './sink.js';
import type { StreamDocument } from './streamed.js';
import { Streamed } from './streamed.js';

const OPTIONS = { noRefs: true } as const;

/**
 * Writes a document as `-o yaml` prints it: exactly js-yaml's `dump(doc, { noRefs: true })`,
 * with {@link Streamed} fields written item by item. Each top-level field, and each item of a
 * streamed list, is dumped on its own in the same context as in the whole document, which is
 * what makes the pieces add up to the same text.
 * @param doc - the document; {@link Streamed} lists are allowed as top-level field values
 * @param sink - where the text goes; its promises are awaited
 */
export function writeYaml(doc: StreamDocument, sink: Sink): Promise<void> {
  return writeAll(sink, yamlPieces(doc));
}

/** Text after the first line: the `key:` line of a one-field mapping. */
function afterKeyLine(text: string): string {
  return text.slice(text.indexOf('\n') + 1);
}

function* yamlPieces(doc: StreamDocument): Generator<string, void, undefined> {
  const fields = Object.entries(doc).filter(([, value]) => value !== undefined);
  if (fields.length === 0) {
    yield dump({}, OPTIONS);
    return;
  }
  for (const [key, value] of fields) {
    if (!(value instanceof Streamed)) {
      yield dump({ [key]: value }, OPTIONS);
      continue;
    }
    let first = true;
    for (const item of value.items) {
      const text = dump({ [key]: [item] }, OPTIONS);
      yield first ? text : afterKeyLine(text);
      first = false;
    }
    if (first) yield dump({ [key]: [] }, OPTIONS);
  }
}
