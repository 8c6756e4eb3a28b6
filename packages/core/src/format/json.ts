import type { ConnectionSet } from '../model/index.js';
import type { Sink } from './sink.js';
import { CHUNK, writeAll } from './sink.js';
import type { StreamDocument } from './streamed.js';
import { Streamed } from './streamed.js';

/**
 * Writes a document as `-o json` prints it: exactly `JSON.stringify(doc, null, 2)` and a
 * newline, with {@link Streamed} fields written item by item, so the whole text never exists
 * at once.
 * @param doc - the document; {@link Streamed} lists are allowed as top-level field values
 * @param sink - where the text goes; its promises are awaited
 */
export function writeJson(doc: StreamDocument, sink: Sink): Promise<void> {
  return writeAll(sink, jsonPieces(doc));
}

/** Indents every line after the first of `JSON.stringify` output (strings hold no newline). */
function indented(text: string, indent: string): string {
  return text.replaceAll('\n', `\n${indent}`);
}

/** `JSON.stringify(value, null, 2)` as an array element or field value: `null` for nothing. */
function jsonValue(value: unknown, indent: string): string {
  const text = JSON.stringify(value, null, 2) as string | undefined;
  return text === undefined ? 'null' : indented(text, indent);
}

function* jsonPieces(doc: StreamDocument): Generator<string, void, undefined> {
  const fields = Object.entries(doc).filter(
    ([, value]) => value instanceof Streamed || JSON.stringify(value) !== undefined,
  );
  if (fields.length === 0) {
    yield '{}\n';
    return;
  }
  yield '{';
  for (const [n, [key, value]] of fields.entries()) {
    yield `${n === 0 ? '' : ','}\n  ${JSON.stringify(key)}: `;
    if (value instanceof Streamed) {
      const encode = (value as Streamed).json ?? jsonValue;
      // Items are gathered into pieces of about a chunk: one yield per chunk rather than per
      // item, which is most of the cost of a listing of millions of small items.
      let first = true;
      let piece = '';
      for (const item of value.items) {
        piece += `${first ? '[' : ','}\n    ${encode(item, '    ')}`;
        first = false;
        if (piece.length >= CHUNK) {
          yield piece;
          piece = '';
        }
      }
      yield `${piece}${first ? '[]' : '\n  ]'}`;
    } else {
      yield jsonValue(value, '  ');
    }
  }
  yield '\n}\n';
}

/**
 * A fast {@link Streamed.json} encoder for `{from, to, allowed}` connections: the connection
 * sets repeat (the engine shares one object per distinct set), so each is encoded once.
 * @returns an encoder that gives exactly what `JSON.stringify(connection, null, 2)` does
 */
export function connectionJson(): (
  c: { readonly from: string; readonly to: string; readonly allowed: ConnectionSet },
  indent: string,
) => string {
  const sets = new Map<ConnectionSet, string>();
  // The text up to a connection's `to` (the same for a source's run of connections) and from
  // its `to` to `allowed` (one per peer), each built once.
  const tos = new Map<string, string>();
  let setsIndent = '';
  let lastFrom: string | undefined;
  let head = '';
  return (c, indent) => {
    if (indent !== setsIndent) {
      sets.clear();
      tos.clear();
      lastFrom = undefined;
      setsIndent = indent;
    }
    let allowed = sets.get(c.allowed);
    if (allowed === undefined) {
      allowed = jsonValue(c.allowed, `${indent}  `);
      sets.set(c.allowed, allowed);
    }
    if (c.from !== lastFrom) {
      lastFrom = c.from;
      head = `{\n${indent}  "from": ${JSON.stringify(c.from)},\n${indent}  "to": `;
    }
    let to = tos.get(c.to);
    if (to === undefined) {
      to = `${JSON.stringify(c.to)},\n${indent}  "allowed": `;
      tos.set(c.to, to);
    }
    return `${head}${to}${allowed}\n${indent}}`;
  };
}

/**
 * A fast {@link Streamed.json} encoder for a row of booleans (a matrix row): exactly what
 * `JSON.stringify(row, null, 2)` gives with `indent` after every newline.
 * @param row - the cells
 * @param indent - the indent of the line the row starts on
 * @returns the row's JSON text
 */
export function booleanRowJson(row: readonly boolean[], indent: string): string {
  if (row.length === 0) return '[]';
  return `[\n${indent}  ${row.join(`,\n${indent}  `)}\n${indent}]`;
}

/**
 * {@link booleanRowJson} of a row given as bits (`has(j)`: cell j is true): the same text,
 * without a `boolean[]` per row.
 * @param row - the row's size and bits
 * @param indent - the indent of the line the row starts on
 * @returns the row's JSON text
 */
export function bitRowJsonLines(
  row: { readonly size: number; has(j: number): boolean },
  indent: string,
): string {
  const n = row.size;
  if (n === 0) return '[]';
  const cells = new Array<string>(n);
  for (let j = 0; j < n; j++) cells[j] = row.has(j) ? 'true' : 'false';
  return `[\n${indent}  ${cells.join(`,\n${indent}  `)}\n${indent}]`;
}
