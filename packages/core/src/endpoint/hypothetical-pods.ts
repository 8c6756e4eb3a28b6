import type { Cluster, Labels, Namespace, Pod, PodRef } from '../model/index.js';
import { synthesizedNamespace } from '../model/index.js';
import type { LabelsEndpointSpec } from './parse-endpoint.js';
import { formatLabelsText, parseEndpoint } from './parse-endpoint.js';

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
    addedPods.push(podOf(pod));
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

/**
 * The hypothetical pods (`ns/[app=web]`) that endpoint texts name, to add to a cluster before it
 * is compiled (so that many questions about them share one compilation; `resolveEndpoint` adds
 * a missing one with `Engine.with` otherwise). Texts that do not parse are skipped.
 *
 * @param texts - endpoints as typed
 * @param defaultNamespace - the namespace of endpoints written without one
 * @returns the pods, for {@link withHypotheticalPods}
 */
export function hypotheticalPodsOf(
  texts: readonly string[],
  defaultNamespace: string,
): HypotheticalPod[] {
  const pods: HypotheticalPod[] = [];
  for (const text of texts) {
    const parsed = parseEndpoint(text);
    if (parsed.ok && parsed.spec.kind === 'labels') {
      pods.push(hypotheticalPod(parsed.spec, defaultNamespace));
    }
  }
  return pods;
}

/** The model pod of a hypothetical pod: its labels, no IP, no container port. */
export function podOf(pod: HypotheticalPod): Pod {
  return {
    namespace: pod.namespace,
    name: pod.name,
    labels: pod.labels,
    ports: [],
    ips: [],
    hostNetwork: false,
    fromTemplate: false,
  };
}

/** A hypothetical pod's name is bracketed labels, a name no real pod can have. */
export function isHypotheticalPod(pod: PodRef): boolean {
  return pod.name.startsWith('[');
}

const manifestViews = new WeakMap<Cluster, Cluster>();

/**
 * The cluster as the manifests had it: without hypothetical pods, nor the namespaces only they
 * live in. Names, Services and IPs are looked up here.
 */
export function manifestsOf(cluster: Cluster): Cluster {
  let view = manifestViews.get(cluster);
  if (view === undefined) {
    if (!cluster.pods.some(isHypotheticalPod)) {
      view = cluster;
    } else {
      const pods = cluster.pods.filter((p) => !isHypotheticalPod(p));
      const hypothetical = new Set(cluster.pods.filter(isHypotheticalPod).map((p) => p.namespace));
      const used = new Set(
        [...pods, ...cluster.workloads, ...cluster.services, ...cluster.policies].map(
          (o) => o.namespace,
        ),
      );
      const namespaces = cluster.namespaces.filter(
        (ns) => !ns.synthesized || used.has(ns.name) || !hypothetical.has(ns.name),
      );
      view = { ...cluster, namespaces, pods };
    }
    manifestViews.set(cluster, view);
  }
  return view;
}

function key(pod: PodRef): string {
  return `${pod.namespace}/${pod.name}`;
}

function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
