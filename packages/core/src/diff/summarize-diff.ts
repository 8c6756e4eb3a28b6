import type { ConnectivityDiff } from './types.js';

/** Counts of a diff, for a one-line summary. */
export interface DiffSummary {
  readonly added: number;
  readonly removed: number;
  readonly changed: number;
  /** Peers isolated after in some direction where they were not before. */
  readonly newlyIsolated: number;
  /** Peers no longer isolated in some direction. */
  readonly noLongerIsolated: number;
  /** Whether anything changed at all. */
  readonly any: boolean;
  /** `3 connections added, 1 removed, 2 changed; 1 workload newly isolated`. */
  readonly text: string;
}

function count(n: number, one: string, many: string): string {
  return `${n} ${n === 1 ? one : many}`;
}

/**
 * Counts a diff and says it in one line: `3 connections added, 1 removed, 2 changed; 1
 * workload newly isolated`, or `no change in connectivity`.
 */
export function summarizeDiff(d: ConnectivityDiff): DiffSummary {
  const newly = new Set(d.isolation.filter((c) => c.after && !c.before).map((c) => c.peer));
  const noLonger = new Set(d.isolation.filter((c) => c.before && !c.after).map((c) => c.peer));
  const unit = d.by === 'pod' ? ['pod', 'pods'] : ['workload', 'workloads'];
  const [one, many] = unit as [string, string];
  const any =
    d.added.length + d.removed.length + d.changed.length + d.isolation.length > 0 ||
    d.peers.added.length + d.peers.removed.length > 0;
  const parts = [
    `${count(d.added.length, 'connection', 'connections')} added, ${d.removed.length} removed, ` +
      `${d.changed.length} changed`,
  ];
  const isolation: string[] = [];
  if (newly.size > 0) isolation.push(`${count(newly.size, one, many)} newly isolated`);
  if (noLonger.size > 0) isolation.push(`${count(noLonger.size, one, many)} no longer isolated`);
  if (d.peers.added.length > 0) isolation.push(`${count(d.peers.added.length, one, many)} new`);
  if (d.peers.removed.length > 0) {
    isolation.push(`${count(d.peers.removed.length, one, many)} gone`);
  }
  if (isolation.length > 0) parts.push(isolation.join(', '));
  return {
    added: d.added.length,
    removed: d.removed.length,
    changed: d.changed.length,
    newlyIsolated: newly.size,
    noLongerIsolated: noLonger.size,
    any,
    text: any ? parts.join('; ') : 'no change in connectivity',
  };
}
