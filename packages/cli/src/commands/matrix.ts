import type { Connection, Engine, GroupMatrixRows, WorkloadGroup } from '@kube-reach/core';
import { writeConnectivity, writeGroupMatrix } from '@kube-reach/core/format';
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
  const options = { format: cmd.output, apiVersion: API_VERSION, noHeaders: cmd.noHeaders };
  if (cmd.port !== undefined) {
    const m = engine.groupMatrixRows({ port: cmd.port, protocol: cmd.protocol }, cmd.by);
    const paint = painter(io, cmd.color);
    await writeGroupMatrix(
      restrictMatrix(m, inScope),
      {
        ...options,
        paintGlyph: (g) => (g === '.' ? paint.green(g) : g === 'X' ? paint.red(g) : g),
      },
      stdoutSink(io),
    );
  } else {
    const connections: Iterable<Connection> = {
      *[Symbol.iterator]() {
        for (const c of engine.eachConnection(cmd.by)) {
          if (inScope(c.from) !== false && inScope(c.to) !== false) yield c;
        }
      },
    };
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
