import type {
  Connection,
  Engine,
  GroupedConnections,
  GroupedMatrixRows,
  GroupMatrixRows,
  Protocol,
  WorkloadGroup,
} from '@kube-reach/core';
import type { MatrixFormat as CoreMatrixFormat } from '@kube-reach/core/format';
import {
  writeConnectionRowsJson,
  writeConnectivity,
  writeGroupedConnectivity,
  writeGroupedMatrix,
  writeGroupMatrix,
} from '@kube-reach/core/format';
import { InvalidArgumentError, Option } from 'commander';
import { profileNotes } from '../cni-flags.js';
import type { ColorMode } from '../color.js';
import { painter } from '../color.js';
import type { ManifestOptions } from '../command.js';
import { API_VERSION, ExitCode } from '../command.js';
import { createEngine } from '../evaluate.js';
import type { ManifestFlags } from '../flags.js';
import {
  addManifestOptions,
  colorOption,
  examples,
  formatOption,
  manifestOptions,
  namespaceConflict,
  once,
  parsePort,
  parseProtocol,
  usageError,
} from '../flags.js';
import type { Io } from '../io.js';
import { stdoutSink } from '../io.js';
import { loadCluster, unevaluatedField } from '../load-cluster.js';
import { printIssues } from '../print.js';
import { compilingText, counted, createProgress } from '../progress.js';
import type { CommandDefinition } from './define-command.js';
import { defineCommand } from './define-command.js';
import { runMatrixCompare } from './matrix-compare.js';

/** The `-o` formats of `reach matrix`: core's matrix writers. */
export type MatrixFormat = CoreMatrixFormat;

export const MATRIX_FORMATS: readonly MatrixFormat[] = [
  'table',
  'wide',
  'json',
  'yaml',
  'ndjson',
  'csv',
  'md',
  'dot',
];

/** `reach matrix`: who can reach whom, for one port or as connection sets. */
export interface MatrixCommand extends ManifestOptions {
  readonly kind: 'matrix';
  readonly noHeaders: boolean;
  readonly quiet: boolean;
  readonly color: ColorMode;
  /** With a port: a truth table for that port; without: the allowed connection set per pair. */
  readonly port?: number;
  readonly protocol: Protocol;
  readonly by: 'pod' | 'workload';
  /** `-n` given explicitly: only this namespace's pods; otherwise (or with `-A`) all. */
  readonly onlyNamespace?: string;
  readonly output: MatrixFormat;
  /** `groups` writes the answer over groups of identical pods (json, yaml, ndjson). */
  readonly encoding: 'pods' | 'groups';
}

interface MatrixFlags extends ManifestFlags {
  readonly port?: number;
  readonly protocol: Protocol;
  readonly by: 'pod' | 'workload';
  readonly allNamespaces?: boolean;
  readonly output: MatrixFormat;
  readonly encoding: 'pods' | 'groups';
  readonly headers: boolean;
  readonly quiet?: boolean;
  readonly color: ColorMode;
}

/** `reach matrix`. */
export const matrixCommand: CommandDefinition<MatrixCommand> = defineCommand<MatrixCommand>({
  name: 'matrix',
  kind: 'matrix',
  define(cmd, program) {
    cmd
      .summary('print who can reach whom, for one port or as connection sets')
      .description(
        'Print the reachability of every pod (or workload) to every other. With --port, a truth ' +
          'table for that port (. allowed, X denied, # self); without, the allowed connections ' +
          'of every pair that has any, including external address ranges.',
      )
      .usage('-f PATH [--port PORT] [flags]');
    addManifestOptions(cmd)
      .addOption(
        new Option('--port <port>', 'destination port number (omit for connection sets)').argParser(
          once(parseMatrixPort),
        ),
      )
      .addOption(
        new Option('--protocol <protocol>', 'TCP, UDP or SCTP (any case)')
          .argParser(parseProtocol)
          .default('TCP'),
      )
      .addOption(
        new Option('--by <grouping>', 'one row per pod, or per workload (its controller)')
          .choices(['pod', 'workload'])
          .default('pod'),
      )
      .option('-A, --all-namespaces', 'every namespace (the default unless -n is given)')
      .addOption(formatOption(MATRIX_FORMATS))
      .addOption(
        new Option(
          '--encoding <encoding>',
          'with -o json/yaml/ndjson: per pod, or over groups of identical pods',
        )
          .choices(['pods', 'groups'])
          .default('pods'),
      )
      .option('--no-headers', "don't print the column headers (table, wide)")
      .option('-q, --quiet', 'no warnings or progress')
      .addOption(colorOption())
      .addHelpText('after', () => matrixHelp(program));
  },
  parse(cmd) {
    const opts = cmd.opts<MatrixFlags>();
    const manifests = manifestOptions(cmd, opts, true);
    const namespaceGiven = namespaceConflict(cmd, opts);
    if (opts.encoding === 'groups' && !['json', 'yaml', 'ndjson'].includes(opts.output)) {
      usageError(cmd, '--encoding groups needs -o json, yaml or ndjson', 'encoding');
    }
    return {
      kind: 'matrix',
      encoding: opts.encoding,
      ...manifests,
      noHeaders: opts.headers === false,
      quiet: opts.quiet === true,
      color: opts.color,
      ...(opts.port === undefined ? {} : { port: opts.port }),
      protocol: opts.protocol,
      by: opts.by,
      ...(namespaceGiven ? { onlyNamespace: opts.namespace } : {}),
      output: opts.output,
    };
  },
  run: runMatrix,
});

/** `--port` of `reach matrix`: one port number. */
function parseMatrixPort(value: string): number {
  const port = parsePort(value);
  if (port.kind !== 'number' || port.protocol !== undefined) {
    throw new InvalidArgumentError(
      'reach matrix takes a port number (not a name or range; the protocol goes in --protocol).',
    );
  }
  return port.port;
}

/** Rows written between two updates of the progress line. */
const ROWS_PER_UPDATE = 50;

/** `reach matrix`: prints the truth table for one port, or every pair's connection set. */
export async function runMatrix(cmd: MatrixCommand, io: Io): Promise<number> {
  const progress = createProgress(io, cmd.quiet);
  const loaded = await loadCluster(io, cmd, progress);
  progress.done();
  printIssues(io, loaded.issues, cmd.quiet);
  if (!loaded.ok) return ExitCode.invalid;
  const { cluster } = loaded;
  progress.update(compilingText(cluster));
  if (cmd.cnis !== undefined) {
    const fields = unevaluatedField(loaded.unevaluated);
    const code = await runMatrixCompare(cmd, cluster, io, fields);
    progress.done();
    return code;
  }
  const engine = createEngine(cluster, cmd);
  const inScope = scopeFilter(engine, cmd);
  progress.done();
  if (!cmd.quiet) for (const note of profileNotes(engine.options)) io.stderr(`${note}\n`);
  // Rows and connections are computed while they are written: nothing is held whole. The
  // progress of that is shown only when standard output is not the terminal too, where the
  // rows themselves show it and a progress line would break them.
  const writing = createProgress(io, cmd.quiet || io.isTTY);
  const options = {
    format: cmd.output,
    apiVersion: API_VERSION,
    noHeaders: cmd.noHeaders,
    fields: unevaluatedField(loaded.unevaluated),
  };
  const grouped = {
    format: cmd.output === 'yaml' || cmd.output === 'ndjson' ? cmd.output : ('json' as const),
    apiVersion: API_VERSION,
    fields: options.fields,
  };
  if (cmd.port !== undefined && cmd.encoding === 'groups') {
    const m = engine.groupedMatrixRows({ port: cmd.port, protocol: cmd.protocol }, cmd.by);
    await writeGroupedMatrix(restrictGroups(m, inScope), grouped, stdoutSink(io));
  } else if (cmd.port !== undefined) {
    const m = restrictMatrix(
      engine.groupMatrixRows({ port: cmd.port, protocol: cmd.protocol }, cmd.by),
      inScope,
    );
    const total = m.names.length;
    const progressOf = <T>(items: Iterable<T>): Iterable<T> =>
      counted(items, writing, (n) => `computing row ${n + 1} of ${total}`, ROWS_PER_UPDATE);
    const paint = painter(io, cmd.color);
    await writeGroupMatrix(
      {
        ...m,
        rows: progressOf(m.rows),
        ...(m.bitRows === undefined ? {} : { bitRows: progressOf(m.bitRows) }),
      },
      {
        ...options,
        paintGlyph: (g) => (g === '.' ? paint.green(g) : g === 'X' ? paint.red(g) : g),
      },
      stdoutSink(io),
    );
  } else if (cmd.encoding === 'groups') {
    const m = restrictConnections(engine.groupedConnections(cmd.by), inScope);
    await writeGroupedConnectivity(m, grouped, stdoutSink(io));
  } else if (cmd.output === 'json' && cmd.onlyNamespace === undefined) {
    // The per-pod contract can be gigabytes: written straight from the set-id rows.
    const rows = engine.connectionRows(cmd.by);
    await writeConnectionRowsJson(rows, options, stdoutSink(io), (done, total) => {
      if (done === 1 || done % ROWS_PER_UPDATE === 0) {
        writing.update(`computing connections: row ${done} of ${total}`);
      }
    });
    writing.done();
  } else {
    // Re-iterable: the table formats take two passes.
    const all: Iterable<Connection> = {
      [Symbol.iterator]: () => engine.eachConnection(cmd.by)[Symbol.iterator](),
    };
    const inScopeConnections: Iterable<Connection> =
      cmd.onlyNamespace === undefined
        ? all
        : {
            *[Symbol.iterator]() {
              for (const c of all) {
                if (inScope(c.from) !== false && inScope(c.to) !== false) yield c;
              }
            },
          };
    const connections = counted(
      inScopeConnections,
      writing,
      (n) => `computing connections: ${n} written`,
      ROWS_PER_UPDATE * 10,
    );
    await writeConnectivity(connections, options, stdoutSink(io));
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

/** With `-n`, the groups keep only the namespace's peers; emptied groups go. */
function restrictGroups(
  m: GroupedMatrixRows,
  inScope: (id: string) => boolean | undefined,
): GroupedMatrixRows {
  const groups = m.groups.map((names) => names.filter((n) => inScope(n) !== false));
  if (groups.every((names, i) => names.length === m.groups[i]?.length)) return m;
  const keep = groups.flatMap((names, i) => (names.length === 0 ? [] : [i]));
  const kept = new Set(keep);
  return {
    traffic: m.traffic,
    groups: keep.map((i) => groups[i] ?? []),
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

/**
 * With `-n`, the groups keep only the namespace's peers; emptied groups go (indexes shift), and
 * a group left with one peer loses its connection to itself.
 */
function restrictConnections(
  m: GroupedConnections,
  inScope: (id: string) => boolean | undefined,
): GroupedConnections {
  const groups = m.groups.map((names) => names.filter((n) => inScope(n) !== false));
  if (groups.every((names, i) => names.length === m.groups[i]?.length)) return m;
  const index: number[] = [];
  const kept: string[][] = [];
  for (const names of groups) {
    index.push(names.length === 0 ? -1 : kept.length);
    if (names.length > 0) kept.push(names);
  }
  const end = (e: number | string): number | string | undefined =>
    typeof e === 'string' ? e : index[e] === -1 ? undefined : index[e];
  return {
    groups: kept,
    connections: {
      *[Symbol.iterator]() {
        for (const c of m.connections) {
          const from = end(c.from);
          const to = end(c.to);
          if (from === undefined || to === undefined) continue;
          if (from === to && (kept[from as number]?.length ?? 0) < 2) continue;
          yield { from, to, allowed: c.allowed };
        }
      },
    },
  };
}

function matrixHelp(name: string): string {
  return `
Output:
  With --port: a truth table (. allowed, X denied, # a pod to itself); -o json
  prints {"kind":"ReachabilityMatrix","port":..,"protocol":..,"pods":[..],
  "allowed":[[..]]} where allowed[i][j] says whether pods[i] reaches pods[j].
  Without --port: every ordered pair with some allowed connection, as port sets
  ("TCP 80,443; UDP 53" or "all"), external peers as IP ranges first-last.
  -o json prints {"kind":"ConnectivityList","connections":[{from,to,allowed}]}.
  --by workload names pods by their controller (namespace/kind/name).
  --encoding groups (-o json/yaml/ndjson) gives the answer over groups of pods
  with identical rows and columns: {"encoding":"groups","groups":
  [{"pods":[..]}],"allowed":[[..]]}, allowed[i][j] for groups i and j; without
  --port, "connections":[{from,to,allowed}] with group indexes (or IP ranges)
  as ends.
${examples([
  `${name} matrix -f k8s/ -R --port 80`,
  `${name} matrix -f k8s/ -R --by workload -o json`,
  `${name} matrix -f k8s/ -n shop --port 5432 -o md`,
  `${name} matrix -f k8s/ -R --port 443 -o json --encoding groups`,
  `${name} matrix -f k8s/ --by workload -o dot | dot -Tsvg > reach.svg`,
])}

Exit codes:
  0  printed
  2  invalid input or usage`;
}
