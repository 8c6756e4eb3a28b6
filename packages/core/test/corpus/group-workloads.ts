// How netpol-analyzer groups pods into workloads (its rules 5-7). Kept in test/ for now; the lead
// may move it into core.

import { expect } from 'vitest';
import type { Cluster, Pod } from '../../src/model/index.js';
import { controllerOf } from '../../src/model/index.js';

export interface WorkloadGroup {
  /** `ns/name`. */
  readonly workload: string;
  readonly kind: string;
  /** The pods of the workload, in cluster order; the first is its representative. */
  readonly pods: readonly Pod[];
}

/**
 * The workload a pod belongs to:
 * - a workload's pod template: `<ns>/<workload name>[<Kind>]` (rule 5);
 * - a Pod with a controller ownerReference: `<ns>/<owner name>[<owner kind>]`, owner object
 *   present or not, ReplicaSets not followed up to their Deployment (rule 6); a controller
 *   without `kind` gives `[Pod]` (rule 7's quirk);
 * - a Pod owned by a Node (static/mirror pod) or without controller: `<ns>/<pod name>[Pod]`.
 */
export function workloadOf(pod: Pod): { workload: string; kind: string } {
  const owner = pod.owner;
  if (pod.fromTemplate) {
    if (owner === undefined)
      throw new Error(`template pod ${pod.namespace}/${pod.name} has no owner`);
    return { workload: `${pod.namespace}/${owner.name}`, kind: owner.kind };
  }
  if (owner !== undefined && owner.kind !== 'Node') {
    return {
      workload: `${pod.namespace}/${owner.name}`,
      kind: owner.kind === '' ? 'Pod' : owner.kind,
    };
  }
  return { workload: `${pod.namespace}/${pod.name}`, kind: 'Pod' };
}

/** The cluster's pods grouped by {@link workloadOf}, sorted by `ns/name[Kind]`. */
export function groupWorkloads(cluster: Cluster): WorkloadGroup[] {
  const groups = new Map<string, { workload: string; kind: string; pods: Pod[] }>();
  for (const pod of cluster.pods) {
    const { workload, kind } = workloadOf(pod);
    const key = `${workload}[${kind}]`;
    const group = groups.get(key);
    if (group === undefined) groups.set(key, { workload, kind, pods: [pod] });
    else group.pods.push(pod);
  }
  return [...groups.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([, g]) => g);
}

/**
 * Our workload group names (`ns/kind/name` or `ns/name`, as `engine.groups('workload')` and
 * `reach matrix --by workload` print them) mapped to upstream's workloads. Upstream groups a pod
 * under its ReplicaSet even when the input lacks it, where we follow `pod-template-hash` to the
 * Deployment (so that every printed name resolves as an endpoint); each of our groups must be
 * exactly one upstream workload.
 */
export function upstreamWorkloads(
  cluster: Cluster,
): Map<string, { readonly workload: string; readonly kind: string }> {
  const names = new Map<string, Map<string, { workload: string; kind: string }>>();
  for (const pod of cluster.pods) {
    const controller = controllerOf(cluster, pod);
    const ours =
      controller === undefined
        ? `${pod.namespace}/${pod.name}`
        : `${pod.namespace}/${controller.kind.toLowerCase()}/${controller.name}`;
    const theirs = workloadOf(pod);
    const entry = names.get(ours) ?? new Map();
    entry.set(`${theirs.workload}[${theirs.kind}]`, theirs);
    names.set(ours, entry);
  }
  const out = new Map<string, { workload: string; kind: string }>();
  for (const [ours, theirs] of names) {
    expect([...theirs.keys()], `${ours} is one upstream workload`).toHaveLength(1);
    const [only] = theirs.values();
    if (only !== undefined) out.set(ours, only);
  }
  return out;
}
