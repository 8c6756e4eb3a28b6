import { ReachError } from '../errors.js';
import type { ConnectionSet } from '../model/index.js';
import type { Connection, GroupedConnections, GroupedMatrixRows } from '../query/index.js';
import { connectionJson, writeJson } from './json.js';
import { writeNdjson } from './ndjson.js';
import type { Sink } from './sink.js';
import type { StreamDocument } from './streamed.js';
import { streamed } from './streamed.js';
import { writeYaml } from './yaml.js';

/** The formats that have a `groups` encoding. */
export type GroupedMatrixFormat = 'json' | 'yaml' | 'ndjson';

/** How a groups-encoded document is written. */
export interface GroupedWriteOptions {
  readonly format: GroupedMatrixFormat;
  readonly apiVersion: string;
  /** Fields that end the document (json and yaml), as the per-pod writers take them. */
  readonly fields?: StreamDocument;
}

/**
 * Writes a matrix over groups of peers with identical rows and columns (`reach matrix
 * --encoding groups`): `{apiVersion, kind: 'ReachabilityMatrix', encoding: 'groups', port,
 * protocol, groups: [{pods}], allowed}`, `allowed[i][j]` saying whether group i reaches group j
 * (for i = j: whether a peer of the group reaches another one, or itself when alone), each
 * row of `allowed` compact on one line. With
 * `ndjson`, one line per group: `{"pods":[...],"to":[group indexes]}`.
 * @param m - groups and rows; the rows are iterated once
 * @param options - format and apiVersion of the document
 * @param out - where the text goes; its promises are awaited
 */
export function writeGroupedMatrix(
  m: GroupedMatrixRows,
  options: GroupedWriteOptions,
  out: Sink,
): Promise<void> {
  if (options.format === 'ndjson') {
    return writeNdjson(
      (function* () {
        let i = 0;
        for (const row of m.rows) {
          const to: number[] = [];
          for (let j = 0; j < row.length; j++) if (row[j]) to.push(j);
          yield { pods: m.groups[i++] ?? [], to };
        }
      })(),
      out,
    );
  }
  const doc = {
    apiVersion: options.apiVersion,
    kind: 'ReachabilityMatrix',
    encoding: 'groups',
    port: m.traffic.port,
    protocol: m.traffic.protocol,
    groups: m.groups.map((pods) => ({ pods })),
    // One row per line, compact: a groups matrix is read by programs, and its rows are long.
    allowed:
      m.bitRows === undefined
        ? streamed(m.rows, (row: readonly boolean[]) => `[${row.join(',')}]`)
        : streamed(m.bitRows, bitRowJson),
    ...options.fields,
  };
  return options.format === 'json' ? writeJson(doc, out) : writeYaml(doc, out);
}

/** A row of bits as a {@link GroupedMatrixRows} `bitRows` entry has it (a `Bitset`). */
export interface BitRow {
  readonly size: number;
  /** Bit i is bit `i & 31` of word `i >>> 5`. */
  readonly words: Uint32Array;
  has(i: number): boolean;
}

/** `true,false,...,` for the 8 cells of every byte value, lowest bit first. */
const BYTE_CELLS: readonly string[] = Array.from({ length: 256 }, (_, v) => {
  let text = '';
  for (let b = 0; b < 8; b++) text += (v >>> b) & 1 ? 'true,' : 'false,';
  return text;
});

/** The cells of a word of 32 false or 32 true bits. */
const FALSE_WORD = 'false,'.repeat(32);
const TRUE_WORD = 'true,'.repeat(32);

/**
 * A bit row as `[true,false,...]`, what `[${row.join(',')}]` gives for its booleans: eight
 * cells per table lookup.
 * @param row - the row's bits
 * @returns the row's JSON text
 */
export function bitRowJson(row: BitRow): string {
  const n = row.size;
  const words = row.words;
  const wholeWords = n >>> 5;
  let text = '[';
  // A word of 32 equal cells (most words of a sparse or dense row) is one piece of text.
  for (let w = 0; w < wholeWords; w++) {
    const word = words[w] as number;
    if (word === 0) text += FALSE_WORD;
    else if (word === 0xffffffff) text += TRUE_WORD;
    else {
      text += BYTE_CELLS[word & 255];
      text += BYTE_CELLS[(word >>> 8) & 255];
      text += BYTE_CELLS[(word >>> 16) & 255];
      text += BYTE_CELLS[word >>> 24];
    }
  }
  for (let i = wholeWords << 5; i < n; i++) text += row.has(i) ? 'true,' : 'false,';
  return n === 0 ? '[]' : `${text.slice(0, -1)}]`;
}

/** A `ReachabilityMatrix` document in the per-pod encoding (the default `-o json` contract). */
export interface PodMatrixDocument {
  readonly apiVersion: string;
  readonly kind: 'ReachabilityMatrix';
  readonly port: number;
  readonly protocol: string;
  readonly pods: readonly string[];
  readonly allowed: readonly (readonly boolean[])[];
}

/** A matrix read from either encoding: per-pod answers by name. */
export interface MatrixAnswers {
  readonly apiVersion: string;
  readonly port: number;
  readonly protocol: string;
  /** Every pod (or workload), in document order (group by group for `groups`). */
  readonly pods: readonly string[];
  /** Whether `pods[from]` reaches `pods[to]`. */
  allowed(from: number, to: number): boolean;
}

/**
 * Reads a `ReachabilityMatrix` document in either encoding (`pods`, the default, or `groups`)
 * into per-pod answers, without expanding a grouped matrix into pod rows.
 * @param doc - a parsed document, as `reach matrix --port P -o json` writes it
 * @returns answers per pod index
 * @throws ReachError `invalid-document` when the document is not a ReachabilityMatrix of
 * either encoding
 */
export function readReachabilityMatrix(doc: unknown): MatrixAnswers {
  const d = record(doc, 'the document');
  if (d['kind'] !== 'ReachabilityMatrix') fail('kind is not ReachabilityMatrix');
  const header = {
    apiVersion: text(d['apiVersion'], 'apiVersion'),
    port: num(d['port'], 'port'),
    protocol: text(d['protocol'], 'protocol'),
  };
  const allowed = matrix(d['allowed']);
  if (d['encoding'] === undefined || d['encoding'] === 'pods') {
    const pods = list(d['pods'], 'pods').map((p, i) => text(p, `pods[${i}]`));
    if (allowed.length !== pods.length || allowed.some((row) => row.length !== pods.length)) {
      fail('allowed is not pods × pods');
    }
    return { ...header, pods, allowed: (i, j) => allowed[i]?.[j] === true };
  }
  if (d['encoding'] !== 'groups') fail(`unknown encoding ${JSON.stringify(d['encoding'])}`);
  const groups = list(d['groups'], 'groups').map((g, i) =>
    list(record(g, `groups[${i}]`)['pods'], `groups[${i}].pods`).map((p, j) =>
      text(p, `groups[${i}].pods[${j}]`),
    ),
  );
  if (allowed.length !== groups.length || allowed.some((row) => row.length !== groups.length)) {
    fail('allowed is not groups × groups');
  }
  const pods = groups.flat();
  const groupOf = groups.flatMap((members, g) => members.map(() => g));
  return {
    ...header,
    pods,
    allowed: (i, j) => {
      const a = groupOf[i];
      const b = groupOf[j];
      if (a === undefined || b === undefined) return false;
      // A peer alone in its group reaches itself exactly when the group's diagonal says so.
      return allowed[a]?.[b] === true;
    },
  };
}

/**
 * Turns a `ReachabilityMatrix` document of either encoding into the per-pod encoding, pods in
 * the reader's order (see {@link MatrixAnswers.pods}).
 * @param doc - a parsed document of either encoding
 * @returns the per-pod document
 * @throws ReachError `invalid-document` as {@link readReachabilityMatrix}
 */
export function expandMatrix(doc: unknown): PodMatrixDocument {
  const m = readReachabilityMatrix(doc);
  return {
    apiVersion: m.apiVersion,
    kind: 'ReachabilityMatrix',
    port: m.port,
    protocol: m.protocol,
    pods: m.pods,
    allowed: m.pods.map((_, i) => m.pods.map((__, j) => m.allowed(i, j))),
  };
}

function fail(message: string): never {
  throw new ReachError('invalid-document', `not a ReachabilityMatrix: ${message}`);
}

function record(value: unknown, what: string): Record<string, unknown> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    fail(`${what} is not an object`);
  }
  return value as Record<string, unknown>;
}

function list(value: unknown, what: string): readonly unknown[] {
  if (!Array.isArray(value)) fail(`${what} is not a list`);
  return value;
}

function text(value: unknown, what: string): string {
  if (typeof value !== 'string') fail(`${what} is not a string`);
  return value;
}

function num(value: unknown, what: string): number {
  if (typeof value !== 'number') fail(`${what} is not a number`);
  return value;
}

function matrix(value: unknown): boolean[][] {
  return list(value, 'allowed').map((row, i) =>
    list(row, `allowed[${i}]`).map((cell, j) => {
      if (typeof cell !== 'boolean') fail(`allowed[${i}][${j}] is not a boolean`);
      return cell;
    }),
  );
}

/**
 * Writes a connection list over groups of peers with identical connections (`reach matrix
 * --encoding groups` without a port): `{apiVersion, kind: 'ConnectivityList', encoding:
 * 'groups', groups: [{pods}], connections: [{from, to, allowed}]}`, `from` and `to` being group
 * indexes or address ranges. With `ndjson`, the groups first (`{"group":i,"pods":[...]}`), then
 * one connection per line.
 * @param m - groups and connections; the connections are iterated once
 * @param options - format and apiVersion of the document
 * @param out - where the text goes; its promises are awaited
 */
export function writeGroupedConnectivity(
  m: GroupedConnections,
  options: GroupedWriteOptions,
  out: Sink,
): Promise<void> {
  if (options.format === 'ndjson') {
    return writeNdjson(
      (function* () {
        for (const [group, pods] of m.groups.entries()) yield { group, pods };
        for (const c of m.connections) yield { from: c.from, to: c.to, allowed: c.allowed };
      })(),
      out,
    );
  }
  const encode = connectionJson();
  const doc = {
    apiVersion: options.apiVersion,
    kind: 'ConnectivityList',
    encoding: 'groups',
    groups: m.groups.map((pods) => ({ pods })),
    connections: streamed(m.connections, (c, indent) =>
      typeof c.from === 'string' && typeof c.to === 'string'
        ? encode({ from: c.from, to: c.to, allowed: c.allowed }, indent)
        : (JSON.stringify(c, null, 2) as string).replaceAll('\n', `\n${indent}`),
    ),
    ...options.fields,
  };
  return options.format === 'json' ? writeJson(doc, out) : writeYaml(doc, out);
}

/**
 * Reads a `ConnectivityList` document in either encoding into per-pod connections, in the
 * order of the document (a group's connections expanded peer by peer).
 * @param doc - a parsed document, as `reach matrix -o json` writes it
 * @returns every connection between peers and address ranges
 * @throws ReachError `invalid-document` when the document is not a ConnectivityList of either
 * encoding
 */
export function readConnectivityList(doc: unknown): Connection[] {
  const d = record(doc, 'the document');
  if (d['kind'] !== 'ConnectivityList') fail('kind is not ConnectivityList');
  const items = list(d['connections'], 'connections').map((c, i) => {
    const item = record(c, `connections[${i}]`);
    return { from: item['from'], to: item['to'], allowed: item['allowed'] as ConnectionSet };
  });
  if (d['encoding'] === undefined || d['encoding'] === 'pods') {
    return items.map((c, i) => ({
      from: text(c.from, `connections[${i}].from`),
      to: text(c.to, `connections[${i}].to`),
      allowed: c.allowed,
    }));
  }
  if (d['encoding'] !== 'groups') fail(`unknown encoding ${JSON.stringify(d['encoding'])}`);
  const groups = list(d['groups'], 'groups').map((g, i) =>
    list(record(g, `groups[${i}]`)['pods'], `groups[${i}].pods`).map((p, j) =>
      text(p, `groups[${i}].pods[${j}]`),
    ),
  );
  const peers = (end: unknown, what: string): readonly string[] => {
    if (typeof end === 'string') return [end];
    if (typeof end !== 'number') fail(`${what} is neither a group index nor a range`);
    const members = groups[end];
    if (members === undefined) fail(`${what} is no group`);
    return members;
  };
  return items.flatMap((c, i) => {
    const out: Connection[] = [];
    for (const from of peers(c.from, `connections[${i}].from`)) {
      for (const to of peers(c.to, `connections[${i}].to`)) {
        if (from !== to) out.push({ from, to, allowed: c.allowed });
      }
    }
    return out;
  });
}
