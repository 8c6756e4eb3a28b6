import type { Cluster, Namespace, Pod, SemanticsOptions } from '../model/index.js';
import { compareByNamespaceAndName, namespacesOfPods } from '../model/index.js';

/**
 * The namespaces stage: pods in engine order and the namespace each lives in. Pods are sorted
 * by (namespace, name), so the pods of one namespace are contiguous and every index is stable.
 */
export interface PodTable {
  /** Pods sorted by (namespace, name); a pod's index is its position here. */
  readonly pods: readonly Pod[];
  /** `namespace/name` to pod index. */
  readonly podIndex: ReadonlyMap<string, number>;
  /** The input's namespaces plus those pods live in, sorted by name. */
  readonly namespaces: readonly Namespace[];
  readonly namespaceIndex: ReadonlyMap<string, number>;
  /** Namespace index of each pod. */
  readonly namespaceOfPod: Int32Array;
  /** 1 for each pod that is node traffic (see {@link buildPodTable}), else 0. */
  readonly nodeTraffic: Uint8Array;
}

/**
 * Orders the pods and indexes their namespaces.
 * @param cluster - the parsed cluster
 * @param options - the semantics; `hostNetworkPods` decides which pods are node traffic
 * @returns the pod table
 */
export function buildPodTable(cluster: Cluster, options: SemanticsOptions): PodTable {
  const pods = [...cluster.pods].sort(compareByNamespaceAndName);
  const podIndex = new Map<string, number>();
  pods.forEach((pod, i) => {
    podIndex.set(`${pod.namespace}/${pod.name}`, i);
  });

  // Every namespace a pod lives in exists, with its name label, even if the input forgot it.
  const namespaces = namespacesOfPods(cluster.namespaces, pods);
  const namespaceIndex = new Map(namespaces.map((ns, i) => [ns.name, i] as const));
  const namespaceOfPod = Int32Array.from(pods, (pod) => namespaceIndex.get(pod.namespace) ?? 0);

  // With hostNetworkPods 'node', a hostNetwork pod is node traffic: no selector sees it, and
  // ipBlocks match it by its IPs whatever ipBlockMatchesPods says (node IPs are not pod IPs).
  const nodeTraffic = Uint8Array.from(pods, (pod) =>
    options.hostNetworkPods === 'node' && pod.hostNetwork ? 1 : 0,
  );
  return { pods, podIndex, namespaces, namespaceIndex, namespaceOfPod, nodeTraffic };
}
