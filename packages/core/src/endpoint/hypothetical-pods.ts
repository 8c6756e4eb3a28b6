import type { Cluster, Labels, Namespace, Pod, PodRef } from '../model/index.js';
import { synthesizedNamespace } from '../model/index.js';
import type { LabelsEndpointSpec } from './parse-endpoint.js';
import { formatLabelsText } from './parse-endpoint.js';

/** A pod that is not in the manifests: "would a new pod with these labels be reachable?". */
export interface HypotheticalPod {
  readonly namespace: string;
  readonly labels: Labels;
  /** Its name, `[app=web]` (see `formatLabelsText`): a name no real pod can have. */
  readonly name: string;
}

/**
 * The hypothetical pod a labels endpoint (`ns/[app=web]`) stands for.
 *
 * @param spec - a labels endpoint from `parseEndpoint`
 * @param defaultNamespace - the namespace when the spec names none
 * @returns the pod to add with {@link withHypotheticalPods}
 */
export function hypotheticalPod(
  spec: LabelsEndpointSpec,
  defaultNamespace: string,
): HypotheticalPod {
  return {
    namespace: spec.namespace ?? defaultNamespace,
    labels: spec.present,
    name: formatLabelsText(spec),
  };
}

/**
 * The cluster with hypothetical pods added, to be compiled: each with exactly its labels, no IP
 * and no container ports, so it changes no other pod's answer (policies apply per pod, and a
 * pod without an IP matches no ipBlock). A namespace that the cluster lacks is added with only
 * its `kubernetes.io/metadata.name` label, as the API server would create it. Pods already
 * present (same namespace and name) are not added twice. Lists stay sorted.
 *
 * @param cluster - a parsed cluster
 * @param pods - the pods to add
 * @returns a new cluster; the input is not changed
 */
export function withHypotheticalPods(cluster: Cluster, pods: readonly HypotheticalPod[]): Cluster {
  if (pods.length === 0) return cluster;
  const known = new Set(cluster.pods.map(key));
  const addedPods: Pod[] = [];
  for (const pod of pods) {
    if (known.has(key(pod))) continue;
    known.add(key(pod));
    addedPods.push({
      namespace: pod.namespace,
      name: pod.name,
      labels: pod.labels,
      ports: [],
      ips: [],
      hostNetwork: false,
      fromTemplate: false,
    });
  }
  const namespaceNames = new Set(cluster.namespaces.map((ns) => ns.name));
  const addedNamespaces: Namespace[] = [];
  for (const pod of addedPods) {
    if (namespaceNames.has(pod.namespace)) continue;
    namespaceNames.add(pod.namespace);
    addedNamespaces.push(synthesizedNamespace(pod.namespace));
  }
  return {
    ...cluster,
    namespaces: [...cluster.namespaces, ...addedNamespaces].sort((a, b) =>
      compareText(a.name, b.name),
    ),
    pods: [...cluster.pods, ...addedPods].sort(
      (a, b) => compareText(a.namespace, b.namespace) || compareText(a.name, b.name),
    ),
  };
}

function key(pod: PodRef): string {
  return `${pod.namespace}/${pod.name}`;
}

function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
