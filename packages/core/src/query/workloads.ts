import type { Cluster, Pod, Workload } from '../model/index.js';

/** Pods grouped by the workload that runs them (or a bare pod on its own). */
export interface WorkloadGroup {
  /** `namespace/kind/name` with the kind in lower case, or `namespace/name` for a bare pod. */
  readonly id: string;
  readonly namespace: string;
  readonly name: string;
  /** `Deployment`, `StatefulSet`, ... or `Pod` for a bare pod. */
  readonly kind: string;
  /** Indexes of the group's pods in the given pod list. */
  readonly pods: readonly number[];
}

/**
 * The group of one pod: a template pod belongs to its workload; a Pod object to its
 * controller (`ownerReferences` with `controller: true`), followed upwards through the
 * workloads present in the input (ReplicaSet → Deployment, Job → CronJob); a pod without a
 * controller, or controlled by a Node (static pods), is its own group.
 */
export function workloadOf(
  pod: Pod,
  workloads: ReadonlyMap<string, Workload>,
): { kind: string; name: string } {
  const owner = pod.owner;
  if (owner === undefined || owner.kind === 'Node') return { kind: 'Pod', name: pod.name };
  if (pod.fromTemplate) return { kind: owner.kind, name: owner.name };
  // An owner reference without a kind (rejected by a real API server) still groups the pods
  // of one owner together, as netpol-analyzer does.
  if (owner.kind === '') return { kind: 'Pod', name: owner.name };
  let current = { kind: owner.kind, name: owner.name };
  const seen = new Set<string>();
  for (;;) {
    const key = `${pod.namespace}/${current.kind}/${current.name}`;
    if (seen.has(key)) break;
    seen.add(key);
    const parent = workloads.get(key)?.owner;
    if (parent === undefined || parent.kind === 'Node' || parent.kind === '') break;
    current = { kind: parent.kind, name: parent.name };
  }
  return current;
}

function groupId(namespace: string, kind: string, name: string): string {
  return kind === 'Pod' ? `${namespace}/${name}` : `${namespace}/${kind.toLowerCase()}/${name}`;
}

/**
 * Groups pods by workload, in the order of their first pod (so a sorted pod list gives
 * sorted groups).
 */
export function groupByWorkload(cluster: Cluster, pods: readonly Pod[]): WorkloadGroup[] {
  const workloads = new Map<string, Workload>();
  for (const w of cluster.workloads) workloads.set(`${w.namespace}/${w.kind}/${w.name}`, w);
  const groups = new Map<
    string,
    { namespace: string; name: string; kind: string; pods: number[] }
  >();
  pods.forEach((pod, index) => {
    const { kind, name } = workloadOf(pod, workloads);
    const id = groupId(pod.namespace, kind, name);
    const group = groups.get(id);
    if (group) group.pods.push(index);
    else groups.set(id, { namespace: pod.namespace, name, kind, pods: [index] });
  });
  return [...groups].map(([id, g]) => ({ id, ...g }));
}

/** Every pod on its own, named `namespace/name`. */
export function groupByPod(pods: readonly Pod[]): WorkloadGroup[] {
  return pods.map((pod, index) => ({
    id: `${pod.namespace}/${pod.name}`,
    namespace: pod.namespace,
    name: pod.name,
    kind: pod.fromTemplate ? (pod.owner?.kind ?? 'Pod') : 'Pod',
    pods: [index],
  }));
}
