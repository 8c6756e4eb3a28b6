import type { AddressRange, ConnectionRows } from '../query/index.js';
import { writeJson } from './json.js';
import type { Sink } from './sink.js';
import { CHUNK } from './sink.js';
import type { StreamDocument } from './streamed.js';
import { streamed } from './streamed.js';

/** The indent of a top-level list's items in `-o json` (see `writeJson`). */
const ITEM_INDENT = '    ';

/**
 * The items of a per-peer `ConnectivityList` straight from set-id rows: for each source that has
 * connections, texts (one, or several of about a chunk each for a long row) holding its
 * connections as `JSON.stringify(connection, null, 2)` list items joined by the list's
 * separator. A streamed list of these texts writes exactly what the list of `{from, to,
 * allowed}` connections does (in `connectionsOfRows` order), without a `Connection` object or
 * an encoder call per pair.
 * @param rows - the connection rows (peers, then address ranges as sources)
 * @param onRow - called after each source with the sources done and their total
 */
export function* connectionRowTexts(
  rows: ConnectionRows,
  onRow?: (done: number, total: number) => void,
): Generator<string, void, undefined> {
  const { peers, ranges } = rows;
  const G = peers.length;
  const R = ranges.length;
  const I = ITEM_INDENT;
  const separator = `,\n${I}`;
  const names = [...peers, ...ranges.map((r: AddressRange) => r.text)];
  // The text from a connection's `to` value up to its `allowed` value, per destination, and the
  // text of each connection set (with the item's closing brace), per set id: each built once.
  const toTexts = names.map((name) => `${JSON.stringify(name)},\n${I}  "allowed": `);
  const setTexts: string[] = [];
  const setText = (id: number): string => {
    let text = setTexts[id];
    if (text === undefined) {
      const json = JSON.stringify(rows.set(id), null, 2).replaceAll('\n', `\n${I}  `);
      text = `${json}\n${I}}`;
      setTexts[id] = text;
    }
    return text;
  };
  const headOf = (from: string): string =>
    `{\n${I}  "from": ${JSON.stringify(from)},\n${I}  "to": `;
  const total = G + R;
  const row = new Int32Array(G + R);
  for (let i = 0; i < G; i++) {
    rows.row(i, row);
    const head = headOf(peers[i] as string);
    let text = '';
    for (let j = 0; j < G + R; j++) {
      const id = row[j] as number;
      if (id < 0) continue;
      text += `${text === '' ? '' : separator}${head}${toTexts[j]}${setText(id)}`;
      // A text over a chunk would be flattened as a large object (an mmap each): cut it there.
      if (text.length >= CHUNK) {
        yield text;
        text = '';
      }
    }
    if (text !== '') yield text;
    onRow?.(i + 1, total);
  }
  const column = new Int32Array(G);
  for (let r = 0; r < R; r++) {
    rows.fromRange(r, column);
    const head = headOf((ranges[r] as AddressRange).text);
    let text = '';
    for (let j = 0; j < G; j++) {
      const id = column[j] as number;
      if (id < 0) continue;
      text += `${text === '' ? '' : separator}${head}${toTexts[j]}${setText(id)}`;
      // A text over a chunk would be flattened as a large object (an mmap each): cut it there.
      if (text.length >= CHUNK) {
        yield text;
        text = '';
      }
    }
    if (text !== '') yield text;
    onRow?.(G + r + 1, total);
  }
}

/**
 * Writes the per-peer `ConnectivityList` of `reach matrix -o json` (no port) from connection
 * rows: the same bytes as `writeConnectivity` over `connectionsOfRows(rows)` in json, faster.
 * @param rows - the connection rows
 * @param options - apiVersion of the document and the fields written after the standard ones
 * @param out - where the text goes; its promises are awaited
 * @param onRow - called after each source row with the rows done and their total (progress)
 */
export function writeConnectionRowsJson(
  rows: ConnectionRows,
  options: { readonly apiVersion: string; readonly fields?: StreamDocument },
  out: Sink,
  onRow?: (done: number, total: number) => void,
): Promise<void> {
  return writeJson(
    {
      apiVersion: options.apiVersion,
      kind: 'ConnectivityList',
      connections: streamed(connectionRowTexts(rows, onRow), (text: string) => text),
      ...options.fields,
    },
    out,
  );
}
