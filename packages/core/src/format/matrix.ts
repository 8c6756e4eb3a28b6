import type { Connection, GroupMatrixRows } from '../query/index.js';
import { formatConnectionSet } from '../query/index.js';
import { writeCsv } from './csv.js';
import { writeDot } from './dot.js';
import { bitRowJsonLines, booleanRowJson, connectionJson, writeJson } from './json.js';
import { writeMarkdownTable } from './md.js';
import { writeNdjson } from './ndjson.js';
import type { Sink } from './sink.js';
import type { StreamDocument } from './streamed.js';
import { streamed } from './streamed.js';
import { writeTable } from './table.js';
import { writeYaml } from './yaml.js';

/** The formats of `reach matrix`. */
export type MatrixFormat = 'table' | 'wide' | 'json' | 'yaml' | 'ndjson' | 'csv' | 'md' | 'dot';

/** How to write a matrix or a connection list. */
export interface MatrixWriteOptions {
  readonly format: MatrixFormat;
  /** `apiVersion` of the JSON and YAML documents. */
  readonly apiVersion: string;
  /** Leave the table header out. */
  readonly noHeaders?: boolean;
  /** Colours a glyph of the table formats (`.` allowed, `X` denied, `#` itself). */
  readonly paintGlyph?: (glyph: string) => string;
  /**
   * Fields written after the standard ones in the JSON and YAML documents (the CLI's
   * `unevaluated` list); absent or empty: none, so the documents keep their shape.
   */
  readonly fields?: StreamDocument;
}

/** Rows of e2e-style glyphs: `.` allowed, `X` denied, `#` a pod to itself. */
function* glyphRows(m: GroupMatrixRows): Generator<string[], void, undefined> {
  let i = 0;
  for (const row of m.rows) {
    const n = i++;
    yield row.map((allowed, j) => (allowed ? (j === n ? '#' : '.') : 'X'));
  }
}

/** Pairs `[i, j, allowed]` of the matrix, row by row. */
function* cells(m: GroupMatrixRows): Generator<[number, number, boolean], void, undefined> {
  let i = 0;
  for (const row of m.rows) {
    for (let j = 0; j < row.length; j++) yield [i, j, row[j] === true];
    i++;
  }
}

/**
 * Writes a group matrix for one port (`reach matrix --port`) in the chosen format, row by row
 * as the rows are computed.
 * @param m - names and rows; the rows are iterated once
 * @param options - format, apiVersion of the documents, headers, colour
 * @param out - where the text goes; its promises are awaited
 */
export function writeGroupMatrix(
  m: GroupMatrixRows,
  options: MatrixWriteOptions,
  out: Sink,
): Promise<void> {
  const { port, protocol } = m.traffic;
  const name = (i: number): string => m.names[i] ?? '';
  switch (options.format) {
    case 'json':
    case 'yaml': {
      const doc = {
        apiVersion: options.apiVersion,
        kind: 'ReachabilityMatrix',
        port,
        protocol,
        pods: m.names,
        // JSON from the bit rows when there are some; YAML is written from the boolean rows.
        allowed:
          m.bitRows !== undefined && options.format === 'json'
            ? streamed(m.bitRows, bitRowJsonLines)
            : streamed(m.rows, booleanRowJson),
        ...options.fields,
      };
      return options.format === 'json' ? writeJson(doc, out) : writeYaml(doc, out);
    }
    case 'ndjson':
      return writeNdjson(
        m.bitRows !== undefined
          ? map(m.bitRows, (row, i) => ({ from: name(i), to: row.toArray().map(name) }))
          : map(m.rows, (row, i) => ({ from: name(i), to: m.names.filter((_, j) => row[j]) })),
        out,
      );
    case 'csv':
      return writeCsv(
        ['from', 'to', 'allowed'],
        map(cells(m), ([i, j, allowed]) => [name(i), name(j), `${allowed}`]),
        out,
      );
    case 'md':
      return writeMarkdownTable(
        {
          headers: [`${protocol}/${port}`, ...m.names],
          align: ['left', ...m.names.map(() => 'center' as const)],
          rows: map(glyphRows(m), (glyphs, i) => [name(i), ...glyphs]),
        },
        out,
      );
    case 'dot':
      return writeDot(
        {
          label: `${protocol}/${port}`,
          nodes: m.names,
          edges: map(
            filter(cells(m), ([i, j, allowed]) => allowed && i !== j),
            ([i, j]) => ({ from: name(i), to: name(j) }),
          ),
        },
        out,
      );
    case 'wide':
    case 'table': {
      // `table` numbers the columns to stay narrow, the row label names each number; `wide`
      // uses full names. Glyphs are one character, so the widths are known without a pass
      // over the matrix.
      const wide = options.format === 'wide';
      const label = (i: number): string => (wide ? name(i) : `${i + 1} ${name(i)}`);
      const columns = m.names.map((n, j) => (wide ? n : `${j + 1}`));
      const headers = [`${protocol}/${port}`, ...columns];
      const shown = options.noHeaders ? undefined : headers;
      const widths = [
        Math.max(shown ? (headers[0] ?? '').length : 0, ...m.names.map((_, i) => label(i).length)),
        ...columns.map((c) => (shown ? Math.max(1, c.length) : 1)),
      ];
      const { paintGlyph } = options;
      return writeTable(
        {
          headers: shown,
          widths,
          rows: map(glyphRows(m), (glyphs, i) => [label(i), ...glyphs]),
          ...(paintGlyph === undefined
            ? {}
            : {
                decorate: (cell: string, column: number) =>
                  column === 0 ? cell : paintGlyph(cell),
              }),
        },
        out,
      );
    }
  }
}

/**
 * Writes every connection between groups (`reach matrix` without a port) in the chosen
 * format, as the connections are computed.
 * @param connections - iterated once, except by the table formats (twice: widths, then lines)
 * @param options - format, apiVersion of the documents, headers
 * @param out - where the text goes; its promises are awaited
 */
export function writeConnectivity(
  connections: Iterable<Connection>,
  options: MatrixWriteOptions,
  out: Sink,
): Promise<void> {
  const plain = (c: Connection) => ({ from: c.from, to: c.to, allowed: c.allowed });
  const row = (c: Connection): string[] => [c.from, c.to, formatConnectionSet(c.allowed)];
  switch (options.format) {
    case 'json':
    case 'yaml': {
      const doc = {
        apiVersion: options.apiVersion,
        kind: 'ConnectivityList',
        // The encoder reads only from, to and allowed, so connections need no copy.
        connections: streamed(connections, connectionJson()),
        ...options.fields,
      };
      return options.format === 'json' ? writeJson(doc, out) : writeYaml(doc, out);
    }
    case 'ndjson':
      return writeNdjson(map(connections, plain), out);
    case 'csv':
      return writeCsv(['from', 'to', 'connections'], map(connections, row), out);
    case 'md':
      return writeMarkdownTable(
        { headers: ['FROM', 'TO', 'CONNECTIONS'], rows: map(connections, row) },
        out,
      );
    case 'dot':
      return writeDot(
        {
          edges: map(connections, (c) => ({
            from: c.from,
            to: c.to,
            label: formatConnectionSet(c.allowed),
          })),
        },
        out,
      );
    case 'table':
    case 'wide':
      // Two passes (widths, then lines): the connections are computed twice, never held.
      return writeTable(
        {
          headers: options.noHeaders ? undefined : ['FROM', 'TO', 'CONNECTIONS'],
          rows: reiterable(() => map(connections, row)),
        },
        out,
      );
  }
}

/** `items` mapped lazily, with each item's position. */
function* map<T, U>(items: Iterable<T>, f: (item: T, i: number) => U): Generator<U, void> {
  let i = 0;
  for (const item of items) yield f(item, i++);
}

function* filter<T>(items: Iterable<T>, keep: (item: T) => boolean): Generator<T, void> {
  for (const item of items) if (keep(item)) yield item;
}

/** An iterable that starts over each time it is iterated. */
function reiterable<T>(start: () => Iterator<T>): Iterable<T> {
  return { [Symbol.iterator]: start };
}
