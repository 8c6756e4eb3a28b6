import type { ConnectionSet, ConnectivityDiff, UnevaluatedObject } from '@kube-reach/core';
import { formatConnectionSet, summarizeDiff } from '@kube-reach/core';
import {
  dotId,
  formatTable,
  mdCell,
  streamed,
  writeAll,
  writeCsv,
  writeDot,
  writeNdjson,
} from '@kube-reach/core/format';
import { API_VERSION } from '../command.js';
import type { Io } from '../io.js';
import { stdoutSink } from '../io.js';
import { unevaluatedField } from '../load-cluster.js';
import { writeDocument } from '../render.js';

// How `reach diff` prints a connectivity diff: one writer per `-o` format. Computing the
// diff is in `diff.ts`.

/** The `-o` formats of `reach diff`. */
export type DiffFormat = 'table' | 'md' | 'json' | 'yaml' | 'ndjson' | 'csv' | 'dot';

export const DIFF_FORMATS: readonly DiffFormat[] = [
  'table',
  'md',
  'json',
  'yaml',
  'ndjson',
  'csv',
  'dot',
];

/** One row per changed pair: the kind of change, the pair, and both sets. */
interface Row {
  readonly change: 'added' | 'removed' | 'changed';
  readonly from: string;
  readonly to: string;
  readonly before: ConnectionSet;
  readonly after: ConnectionSet;
}

const NONE: ConnectionSet = {};

function rows(d: ConnectivityDiff): Row[] {
  return [
    ...d.added.map((c) => ({
      change: 'added' as const,
      from: c.from,
      to: c.to,
      before: NONE,
      after: c.allowed,
    })),
    ...d.removed.map((c) => ({
      change: 'removed' as const,
      from: c.from,
      to: c.to,
      before: c.allowed,
      after: NONE,
    })),
    ...d.changed.map((c) => ({
      change: 'changed' as const,
      from: c.from,
      to: c.to,
      before: c.before,
      after: c.after,
    })),
  ];
}

/** `newly isolated for ingress`, `no longer isolated for egress`. */
function isolationText(before: boolean, after: boolean, direction: string): string {
  return `${after && !before ? 'newly isolated' : 'no longer isolated'} for ${direction}`;
}

const MARK: Record<Row['change'], string> = { added: '+', removed: '-', changed: '~' };
const COLOUR: Record<Row['change'], string> = { added: 'green', removed: 'red', changed: 'orange' };

/**
 * Writes the diff to standard output in the `-o` format; `unevaluated` (the policies of both
 * sides that were not evaluated) joins the JSON and YAML documents when there are any.
 */
export function writeDiff(
  d: ConnectivityDiff,
  output: DiffFormat,
  unevaluated: readonly UnevaluatedObject[],
  io: Io,
): Promise<void> {
  const summary = summarizeDiff(d);
  const changes = rows(d);
  const out = stdoutSink(io);
  switch (output) {
    case 'json':
    case 'yaml':
      return writeDocument(io, output, {
        apiVersion: API_VERSION,
        kind: 'ConnectivityDiff',
        by: d.by,
        summary: {
          added: summary.added,
          removed: summary.removed,
          changed: summary.changed,
          newlyIsolated: summary.newlyIsolated,
          noLongerIsolated: summary.noLongerIsolated,
          text: summary.text,
        },
        added: streamed(d.added),
        removed: streamed(d.removed),
        changed: streamed(d.changed),
        isolation: d.isolation,
        peers: d.peers,
        ...unevaluatedField(unevaluated),
      });
    case 'ndjson':
      // One change per line: the JSON list's item with the list's name as `change`.
      return writeNdjson(
        [
          ...d.added.map((c) => ({ change: 'added', ...c })),
          ...d.removed.map((c) => ({ change: 'removed', ...c })),
          ...d.changed.map((c) => ({ change: 'changed', ...c })),
          ...d.isolation.map((c) => ({ change: 'isolation', ...c })),
        ],
        out,
      );
    case 'csv':
      return writeCsv(
        ['change', 'from', 'to', 'before', 'after'],
        [
          ...changes.map((r) => [
            r.change,
            r.from,
            r.to,
            formatConnectionSet(r.before),
            formatConnectionSet(r.after),
          ]),
          ...d.isolation.map((c) => [
            `isolation-${c.direction}`,
            c.peer,
            '',
            `${c.before}`,
            `${c.after}`,
          ]),
        ],
        out,
      );
    case 'dot': {
      const isolated = new Map<string, string[]>();
      for (const c of d.isolation) {
        isolated.set(c.peer, [
          ...(isolated.get(c.peer) ?? []),
          isolationText(c.before, c.after, c.direction),
        ]);
      }
      const nodes = [
        ...new Set(changes.flatMap((r) => [r.from, r.to]).concat([...isolated.keys()])),
      ];
      return writeDot(
        {
          name: 'reach_diff',
          label: summary.text,
          nodes: nodes.map((id) => {
            const notes = isolated.get(id);
            return notes
              ? { id, attributes: { peripheries: '2', tooltip: dotId(notes.join('; ')) } }
              : id;
          }),
          edges: changes.map((r) => ({
            from: r.from,
            to: r.to,
            attributes: { color: COLOUR[r.change] },
            label: edgeLabel(r),
          })),
        },
        out,
      );
    }
    case 'md': {
      const parts = [`**reach diff** (by ${d.by}): ${summary.text}\n`];
      if (changes.length > 0) {
        parts.push(
          '\n|  | From | To | Before | After |\n|---|---|---|---|---|\n',
          ...changes.map(
            (r) =>
              `| ${MARK[r.change]} | ${mdCell(r.from)} | ${mdCell(r.to)} | ${mdCell(formatConnectionSet(r.before))} | ${mdCell(formatConnectionSet(r.after))} |\n`,
          ),
        );
      }
      if (d.isolation.length > 0) {
        parts.push(
          `\n| ${d.by === 'pod' ? 'Pod' : 'Workload'} | Isolation |\n|---|---|\n`,
          ...d.isolation.map(
            (c) => `| ${mdCell(c.peer)} | ${isolationText(c.before, c.after, c.direction)} |\n`,
          ),
        );
      }
      return writeAll(out, parts);
    }
    case 'table': {
      const parts: string[] = [];
      if (changes.length > 0) {
        parts.push(
          formatTable(
            ['CHANGE', 'FROM', 'TO', 'BEFORE', 'AFTER'],
            changes.map((r) => [
              r.change,
              r.from,
              r.to,
              formatConnectionSet(r.before),
              formatConnectionSet(r.after),
            ]),
          ),
          '\n',
        );
      }
      if (d.isolation.length > 0) {
        parts.push(
          formatTable(
            [d.by === 'pod' ? 'POD' : 'WORKLOAD', 'ISOLATION'],
            d.isolation.map((c) => [c.peer, isolationText(c.before, c.after, c.direction)]),
          ),
          '\n',
        );
      }
      parts.push(`${summary.text}\n`);
      return writeAll(out, parts);
    }
  }
}

/** `TCP 80 → TCP 80,443`, or the one set that exists. */
function edgeLabel(r: Row): string {
  if (r.change === 'added') return formatConnectionSet(r.after);
  if (r.change === 'removed') return formatConnectionSet(r.before);
  return `${formatConnectionSet(r.before)} → ${formatConnectionSet(r.after)}`;
}
