import type { ConnectionSet } from '../model/index.js';
import type { Engine, WorkloadGroup } from '../query/index.js';
import type { PodSignatures } from './pod-signatures.js';
import type { IsolationChange } from './types.js';

/** One side: an engine, its groups by id, and what each pair allows (only non-empty sets). */
export interface Side {
  readonly engine: Engine;
  readonly groups: ReadonlyMap<string, WorkloadGroup>;
  readonly allowed: Map<string, ConnectionSet>;
}

/** Peers on both sides whose isolation changed; a peer is isolated when all its pods are. */
export function isolationChanges(
  sides: readonly Side[],
  signatures: readonly PodSignatures[] | undefined,
): IsolationChange[] {
  const [b, a] = sides as [Side, Side];
  const isolated = (side: Side, s: number, group: WorkloadGroup, direction: 'ingress' | 'egress') =>
    group.pods.length > 0 &&
    group.pods.every((i) => {
      const sig = signatures?.[s];
      if (sig) return sig.isolated[direction][i] === true;
      const pod = side.engine.pods[i];
      return pod !== undefined && side.engine.isolation(pod, direction).length > 0;
    });
  const changes: IsolationChange[] = [];
  for (const [id, after] of a.groups) {
    const before = b.groups.get(id);
    if (!before) continue;
    for (const direction of ['ingress', 'egress'] as const) {
      const x = isolated(b, 0, before, direction);
      const y = isolated(a, 1, after, direction);
      if (x !== y) changes.push({ peer: id, direction, before: x, after: y });
    }
  }
  return changes;
}
