import type { Connection, Engine, GroupMatrixRows, WorkloadGroup } from '@kube-reach/core';
import { formatConnectionSet } from '@kube-reach/core';
import type { Sink } from '@kube-reach/core/format';
import {
  connectionJson,
  streamed,
  writeCsv,
  writeDot,
  writeJson,
  writeMarkdownTable,
  writeNdjson,
  writeTable,
  writeYaml,
} from '@kube-reach/core/format';
import type { Painter } from '../color.js';
import { painter } from '../color.js';
import type { MatrixCommand } from '../command.js';
import { API_VERSION, ExitCode } from '../command.js';
import { createEngine } from '../evaluate.js';
import type { Io } from '../io.js';
import { stdoutSink } from '../io.js';
import { loadCluster } from '../load-cluster.js';
import { printIssues } from '../print.js';
import { createProgress } from '../progress.js';

/** `reach matrix`: prints the truth table for one port, or every pair's connection set. */
export async function runMatrix(cmd: MatrixCommand, io: Io): Promise<number> {
  const progress = createProgress(io, cmd.quiet);
  const loaded = await loadCluster(io, cmd, progress);
  progress.done();
  printIssues(io, loaded.issues, cmd.quiet);
  if (!loaded.ok) return ExitCode.invalid;
  const { cluster } = loaded;
  progress.update(
    `compiling ${cluster.pods.length} pods and ${cluster.policies.length} network policies`,
  );
  const engine = createEngine(cluster, cmd);
  const inScope = scopeFilter(engine, cmd);
  progress.done();
  // Rows and connections are computed while they are written: nothing is held whole.
  if (cmd.port !== undefined) {
    const m = engine.groupMatrixRows({ port: cmd.port, protocol: cmd.protocol }, cmd.by);
    await writeTruthTable(restrictMatrix(m, inScope), cmd, painter(io, cmd.color), stdoutSink(io));
  } else {
    const connections: Iterable<Connection> = {
      *[Symbol.iterator]() {
        for (const c of engine.eachConnection(cmd.by)) {
          if (inScope(c.from) !== false && inScope(c.to) !== false) yield c;
        }
      },
    };
    await writeConnections(connections, cmd, stdoutSink(io));
  }
  return ExitCode.ok;
}

/**
 * With `-n`, only the namespace's pods or workloads: returns `true`/`false` for a group id
 * and `undefined` for an external address range (always kept).
 */
function scopeFilter(engine: Engine, cmd: MatrixCommand): (id: string) => boolean | undefined {
  const groups = new Map<string, WorkloadGroup>(engine.groups(cmd.by).map((g) => [g.id, g]));
  return (id) => {
    const group = groups.get(id);
    if (group === undefined) return undefined;
    return cmd.onlyNamespace === undefined || group.namespace === cmd.onlyNamespace;
  };
}

function restrictMatrix(
  m: GroupMatrixRows,
  inScope: (id: string) => boolean | undefined,
): GroupMatrixRows {
  const keep = m.names.flatMap((name, i) => (inScope(name) === false ? [] : [i]));
  if (keep.length === m.names.length) return m;
  const kept = new Set(keep);
  return {
    traffic: m.traffic,
    names: keep.map((i) => m.names[i] ?? ''),
    rows: {
      *[Symbol.iterator]() {
        let i = 0;
        for (const row of m.rows) {
          if (kept.has(i++)) yield keep.map((j) => row[j] ?? false);
        }
      },
    },
  };
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

function writeTruthTable(
  m: GroupMatrixRows,
  cmd: MatrixCommand,
  paint: Painter,
  out: Sink,
): Promise<void> {
  const { port, protocol } = m.traffic;
  const name = (i: number): string => m.names[i] ?? '';
  switch (cmd.output) {
    case 'json':
    case 'yaml': {
      const doc = {
        apiVersion: API_VERSION,
        kind: 'ReachabilityMatrix',
        port,
        protocol,
        pods: m.names,
        allowed: streamed(m.rows),
      };
      return cmd.output === 'json' ? writeJson(doc, out) : writeYaml(doc, out);
    }
    case 'ndjson':
      return writeNdjson(
        map(m.rows, (row, i) => ({ from: name(i), to: m.names.filter((_, j) => row[j]) })),
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
      const wide = cmd.output === 'wide';
      const label = (i: number): string => (wide ? name(i) : `${i + 1} ${name(i)}`);
      const columns = m.names.map((n, j) => (wide ? n : `${j + 1}`));
      const headers = [`${protocol}/${port}`, ...columns];
      const shown = cmd.noHeaders ? undefined : headers;
      const widths = [
        Math.max(shown ? (headers[0] ?? '').length : 0, ...m.names.map((_, i) => label(i).length)),
        ...columns.map((c) => (shown ? Math.max(1, c.length) : 1)),
      ];
      const colour = (g: string): string =>
        g === '.' ? paint.green(g) : g === 'X' ? paint.red(g) : g;
      return writeTable(
        {
          headers: shown,
          widths,
          rows: map(glyphRows(m), (glyphs, i) => [label(i), ...glyphs]),
          decorate: (cell, column) => (column === 0 ? cell : colour(cell)),
        },
        out,
      );
    }
  }
}

function writeConnections(
  connections: Iterable<Connection>,
  cmd: MatrixCommand,
  out: Sink,
): Promise<void> {
  const plain = (c: Connection) => ({ from: c.from, to: c.to, allowed: c.allowed });
  const row = (c: Connection): string[] => [c.from, c.to, formatConnectionSet(c.allowed)];
  switch (cmd.output) {
    case 'json':
    case 'yaml': {
      const doc = {
        apiVersion: API_VERSION,
        kind: 'ConnectivityList',
        connections: streamed(map(connections, plain), connectionJson()),
      };
      return cmd.output === 'json' ? writeJson(doc, out) : writeYaml(doc, out);
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
          headers: cmd.noHeaders ? undefined : ['FROM', 'TO', 'CONNECTIONS'],
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
