import type { OwnerRef, Pod, Workload } from './cluster.js';

/** The label the Deployment controller puts on the pods (and the name) of its ReplicaSets. */
export const POD_TEMPLATE_HASH_LABEL = 'pod-template-hash';

/** How far owner chains are followed (Pod -> ReplicaSet -> Deployment, Pod -> Job -> CronJob). */
const MAX_DEPTH = 8;

/** The workloads of a cluster, indexed once per list (clusters are immutable). */
const indexes = new WeakMap<readonly Workload[], ReadonlyMap<string, Workload>>();

function indexOf(workloads: readonly Workload[]): ReadonlyMap<string, Workload> {
  let index = indexes.get(workloads);
  if (index === undefined) {
    const map = new Map<string, Workload>();
    for (const w of workloads) map.set(key(w.namespace, w), w);
    index = map;
    indexes.set(workloads, index);
  }
  return index;
}

function key(namespace: string, ref: OwnerRef): string {
  return `${namespace}\u0000${ref.kind}\u0000${ref.name}`;
}

/**
 * The Deployment that owns a ReplicaSet `<d>-<hash>` missing from the input, by the pod's
 * `pod-template-hash=<hash>` label: that is how the Deployment controller names them, and
 * `kubectl get pods,deploy` shows no ReplicaSets.
 */
function deploymentOfHashedReplicaSet(pod: Pod, owner: OwnerRef): OwnerRef | undefined {
  const hash = pod.labels.get(POD_TEMPLATE_HASH_LABEL);
  if (owner.kind !== 'ReplicaSet' || !hash || !owner.name.endsWith(`-${hash}`)) return undefined;
  const name = owner.name.slice(0, -(hash.length + 1));
  return name === '' ? undefined : { kind: 'Deployment', name };
}

/**
 * A pod's controllers, nearest first: its `ownerReferences` controller, then that workload's own
 * controller, and so on through the workloads of the input (ReplicaSet -> Deployment, Job ->
 * CronJob). A ReplicaSet `<d>-<hash>` that the input lacks, owning a pod labelled
 * `pod-template-hash=<hash>`, is followed by Deployment `<d>`. A template pod's chain is its
 * workload alone. Empty for a pod without a controller, or one controlled by a Node (a static
 * pod) or by an owner reference without a kind.
 *
 * @param cluster - the cluster (only its workloads are read)
 * @param pod - one of its pods
 * @returns the controllers, nearest first
 */
export function controllerChain(
  cluster: { readonly workloads: readonly Workload[] },
  pod: Pod,
): readonly OwnerRef[] {
  const owner = pod.owner;
  if (owner === undefined || owner.kind === 'Node' || owner.kind === '') return [];
  if (pod.fromTemplate) return [{ kind: owner.kind, name: owner.name }];
  const index = indexOf(cluster.workloads);
  const chain: OwnerRef[] = [{ kind: owner.kind, name: owner.name }];
  let current: OwnerRef | undefined = owner;
  if (!index.has(key(pod.namespace, owner))) {
    current = deploymentOfHashedReplicaSet(pod, owner);
    if (current === undefined) return chain;
    chain.push(current);
  }
  const seen = new Set<string>();
  while (chain.length <= MAX_DEPTH) {
    const k = key(pod.namespace, current);
    if (seen.has(k)) break;
    seen.add(k);
    const parent: OwnerRef | undefined = index.get(k)?.owner;
    if (parent === undefined || parent.kind === 'Node' || parent.kind === '') break;
    if (chain.some((c) => c.kind === parent.kind && c.name === parent.name)) break;
    chain.push({ kind: parent.kind, name: parent.name });
    current = parent;
  }
  return chain;
}

/**
 * The one controller a pod is grouped under, named by and resolved from: the last of its
 * {@link controllerChain} (a Deployment rather than its ReplicaSet, a CronJob rather than its
 * Job), or `undefined` for a pod that is its own workload.
 *
 * @param cluster - the cluster (only its workloads are read)
 * @param pod - one of its pods
 * @returns the top controller, or `undefined`
 * @example
 * ```ts
 * // Pod web-abc12-xyz, owned by ReplicaSet web-abc12 (not in the input), pod-template-hash=abc12
 * controllerOf(cluster, pod); // { kind: 'Deployment', name: 'web' }
 * ```
 */
export function controllerOf(
  cluster: { readonly workloads: readonly Workload[] },
  pod: Pod,
): OwnerRef | undefined {
  return controllerChain(cluster, pod).at(-1);
}

/**
 * Whether a pod is run by the workload `kind`/`name` of its namespace: the workload is on its
 * {@link controllerChain}, at any level.
 */
export function isControlledBy(
  cluster: { readonly workloads: readonly Workload[] },
  pod: Pod,
  kind: string,
  name: string,
): boolean {
  return controllerChain(cluster, pod).some((c) => c.kind === kind && c.name === name);
}
