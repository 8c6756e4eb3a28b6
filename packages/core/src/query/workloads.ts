import type { Cluster, Pod } from '../model/index.js';
import { controllerOf } from '../model/index.js';

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
 * The group of one pod: its {@link controllerOf} (a template pod's workload; a Pod object's
 * controller followed upwards through the workloads of the input, ReplicaSet -> Deployment, Job
 * -> CronJob, and a missing ReplicaSet to its Deployment by `pod-template-hash`); a pod without
 * a controller, or controlled by a Node (static pods), is its own group.
 */
export function workloadOf(
  cluster: Pick<Cluster, 'workloads'>,
  pod: Pod,
): { kind: string; name: string } {
  return controllerOf(cluster, pod) ?? { kind: 'Pod', name: pod.name };
}

function groupId(namespace: string, kind: string, name: string): string {
  return kind === 'Pod' ? `${namespace}/${name}` : `${namespace}/${kind.toLowerCase()}/${name}`;
}

/**
 * Groups pods by workload, in the order of their first pod (so a sorted pod list gives
 * sorted groups).
 */
export function groupByWorkload(cluster: Cluster, pods: readonly Pod[]): WorkloadGroup[] {
  const groups = new Map<
    string,
    { namespace: string; name: string; kind: string; pods: number[] }
  >();
  pods.forEach((pod, index) => {
    const { kind, name } = workloadOf(cluster, pod);
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
