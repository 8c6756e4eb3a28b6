import type { Connection, Engine, GroupMatrix, WorkloadGroup } from '@kube-reach/core';
import { formatConnectionSet } from '@kube-reach/core';
import type { Painter } from '../color.js';
import { painter } from '../color.js';
import type { MatrixCommand } from '../command.js';
import { API_VERSION, ExitCode } from '../command.js';
import { createEngine } from '../evaluate.js';
import type { Io } from '../io.js';
import { loadCluster } from '../load-cluster.js';
import { printIssues } from '../print.js';
import { createProgress } from '../progress.js';
import { renderDocument } from '../render.js';
import { csvField, dotId, formatTable, mdCell } from '../table.js';

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
  const paint = painter(io, cmd.color);
  if (cmd.port !== undefined) {
    progress.update(
      `computing the ${cmd.protocol}/${cmd.port} matrix of ${cluster.pods.length} pods`,
    );
    const m = engine.groupMatrix({ port: cmd.port, protocol: cmd.protocol }, cmd.by);
    progress.done();
    io.stdout(renderTruthTable(restrictMatrix(m, inScope), cmd, paint));
  } else {
    progress.update(`computing the connections of ${cluster.pods.length} pods`);
    const connectivity = engine.connectivity(cmd.by);
    progress.done();
    const connections = connectivity.connections.filter(
      (c) => inScope(c.from) !== false && inScope(c.to) !== false,
    );
    io.stdout(renderConnections(connections, cmd));
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

function restrictMatrix(m: GroupMatrix, inScope: (id: string) => boolean | undefined): GroupMatrix {
  const keep = m.names.flatMap((name, i) => (inScope(name) === false ? [] : [i]));
  return {
    traffic: m.traffic,
    names: keep.map((i) => m.names[i] ?? ''),
    allowed: keep.map((i) => keep.map((j) => m.allowed[i]?.[j] ?? false)),
  };
}

/** e2e-style glyphs: `.` allowed, `X` denied, `#` a pod to itself. */
function glyph(m: GroupMatrix, i: number, j: number): string {
  if (i === j && m.allowed[i]?.[j]) return '#';
  return m.allowed[i]?.[j] ? '.' : 'X';
}

function renderTruthTable(m: GroupMatrix, cmd: MatrixCommand, paint: Painter): string {
  const { port, protocol } = m.traffic;
  const n = m.names.length;
  const indexes = [...Array(n).keys()];
  switch (cmd.output) {
    case 'json':
    case 'yaml':
      return renderDocument(cmd.output, {
        apiVersion: API_VERSION,
        kind: 'ReachabilityMatrix',
        port,
        protocol,
        pods: m.names,
        allowed: m.allowed,
      });
    case 'csv':
      return [
        'from,to,allowed\n',
        ...indexes.flatMap((i) =>
          indexes.map(
            (j) =>
              `${csvField(m.names[i] ?? '')},${csvField(m.names[j] ?? '')},${m.allowed[i]?.[j] ?? false}\n`,
          ),
        ),
      ].join('');
    case 'md':
      return [
        `| ${protocol}/${port} | ${m.names.map(mdCell).join(' | ')} |\n`,
        `|---|${m.names.map(() => ':-:').join('|')}|\n`,
        ...indexes.map(
          (i) =>
            `| ${mdCell(m.names[i] ?? '')} | ${indexes.map((j) => glyph(m, i, j)).join(' | ')} |\n`,
        ),
      ].join('');
    case 'dot':
      return [
        `digraph reach {\n  label=${dotId(`${protocol}/${port}`)};\n`,
        ...m.names.map((name) => `  ${dotId(name)};\n`),
        ...indexes.flatMap((i) =>
          indexes
            .filter((j) => i !== j && m.allowed[i]?.[j])
            .map((j) => `  ${dotId(m.names[i] ?? '')} -> ${dotId(m.names[j] ?? '')};\n`),
        ),
        '}\n',
      ].join('');
    case 'wide':
      // Full names as column headers.
      return colourGlyphs(
        formatTable(
          cmd.noHeaders ? undefined : [`${protocol}/${port}`, ...m.names],
          indexes.map((i) => [m.names[i] ?? '', ...indexes.map((j) => glyph(m, i, j))]),
        ),
        m.names.length,
        paint,
      );
    case 'table':
      // Numbered columns keep the table narrow; the row label names each number.
      return colourGlyphs(
        formatTable(
          cmd.noHeaders ? undefined : [`${protocol}/${port}`, ...indexes.map((j) => `${j + 1}`)],
          indexes.map((i) => [`${i + 1} ${m.names[i]}`, ...indexes.map((j) => glyph(m, i, j))]),
        ),
        m.names.length,
        paint,
      );
  }
}

/**
 * Colours the glyph cells (the last `columns` cells of each row: `.` green, `X` red) after the
 * table is aligned, so escape codes do not count as width. Rows end in exactly those cells,
 * separated by spaces.
 */
function colourGlyphs(table: string, columns: number, paint: Painter): string {
  if (paint.green('.') === '.') return table;
  return table
    .split('\n')
    .map((line) => {
      const tail = line.match(new RegExp(`((?:[.X#] *){${columns}})$`));
      if (tail === null || columns === 0) return line;
      const head = line.slice(0, line.length - (tail[1] ?? '').length);
      return (
        head + (tail[1] ?? '').replace(/[.X]/g, (g) => (g === '.' ? paint.green(g) : paint.red(g)))
      );
    })
    .join('\n');
}

function renderConnections(connections: readonly Connection[], cmd: MatrixCommand): string {
  switch (cmd.output) {
    case 'json':
    case 'yaml':
      return renderDocument(cmd.output, {
        apiVersion: API_VERSION,
        kind: 'ConnectivityList',
        connections: connections.map((c) => ({ from: c.from, to: c.to, allowed: c.allowed })),
      });
    case 'csv':
      return [
        'from,to,connections\n',
        ...connections.map(
          (c) =>
            `${csvField(c.from)},${csvField(c.to)},${csvField(formatConnectionSet(c.allowed))}\n`,
        ),
      ].join('');
    case 'md':
      return [
        '| FROM | TO | CONNECTIONS |\n|---|---|---|\n',
        ...connections.map(
          (c) =>
            `| ${mdCell(c.from)} | ${mdCell(c.to)} | ${mdCell(formatConnectionSet(c.allowed))} |\n`,
        ),
      ].join('');
    case 'dot':
      return [
        'digraph reach {\n',
        ...connections.map(
          (c) =>
            `  ${dotId(c.from)} -> ${dotId(c.to)} [label=${dotId(formatConnectionSet(c.allowed))}];\n`,
        ),
        '}\n',
      ].join('');
    case 'table':
    case 'wide':
      return formatTable(
        cmd.noHeaders ? undefined : ['FROM', 'TO', 'CONNECTIONS'],
        connections.map((c) => [c.from, c.to, formatConnectionSet(c.allowed)]),
      );
  }
}
