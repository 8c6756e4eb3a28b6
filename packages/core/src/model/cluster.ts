import type { AdminPolicy, Node } from './admin-policy.js';
import type { Labels } from './labels.js';
import type { NetworkPolicy, Protocol } from './policy.js';
import type { SourceRef } from './source.js';

/** The namespace objects without `metadata.namespace` are put in, unless told otherwise. */
export const DEFAULT_NAMESPACE = 'default';

/** The label the API server puts on every namespace. */
export const NAMESPACE_NAME_LABEL = 'kubernetes.io/metadata.name';

/** A Namespace. Its labels always include `kubernetes.io/metadata.name=<name>`. */
export interface Namespace {
  readonly name: string;
  readonly labels: Labels;
  /** True when no Namespace object was given and the namespace was inferred from its objects. */
  readonly synthesized: boolean;
  readonly source?: SourceRef;
}

/** A container port, as declared in a pod spec. `protocol` defaults to TCP. */
export interface ContainerPort {
  readonly name?: string;
  readonly containerPort: number;
  readonly protocol: Protocol;
}

/** The workload kinds whose pod template becomes a pod. */
export type WorkloadKind =
  | 'Deployment'
  | 'ReplicaSet'
  | 'ReplicationController'
  | 'StatefulSet'
  | 'DaemonSet'
  | 'Job'
  | 'CronJob';

/** A controller reference: the `kind` and `name` of the object that owns a pod. */
export interface OwnerRef {
  readonly kind: string;
  readonly name: string;
}

/**
 * A pod: a Pod object, or the pod template of a workload. A template pod is named
 * `<kind in lower case>/<workload name>` (for example `deployment/web`), so that its
 * `namespace/name` reads as kubectl's `shop/deployment/web` and can never collide with a real
 * pod name (pod names cannot contain `/`). One template pod stands for all replicas.
 */
export interface Pod {
  readonly namespace: string;
  readonly name: string;
  readonly labels: Labels;
  readonly ports: readonly ContainerPort[];
  /** From `status.podIPs` / `status.podIP`; empty when unknown. */
  readonly ips: readonly string[];
  readonly hostNetwork: boolean;
  /** `spec.nodeName`, when given: the node the pod runs on. */
  readonly nodeName?: string;
  /**
   * The controller: for a Pod object its `ownerReferences` entry with `controller: true`; for a
   * template pod the workload itself.
   */
  readonly owner?: OwnerRef;
  /** True when this pod stands for a workload's pod template rather than a Pod object. */
  readonly fromTemplate: boolean;
  readonly source?: SourceRef;
}

/** A workload object (Deployment, StatefulSet, ...) as read from the manifests. */
export interface Workload {
  readonly kind: WorkloadKind;
  readonly namespace: string;
  readonly name: string;
  /** The template's labels. */
  readonly labels: Labels;
  /** The workload's own controller (a ReplicaSet's Deployment, a Job's CronJob), if any. */
  readonly owner?: OwnerRef;
  readonly source?: SourceRef;
}

/** One port of a Service. `targetPort` defaults to `port`; a string names a container port. */
export interface ServicePort {
  readonly name?: string;
  readonly port: number;
  readonly targetPort: number | string;
  readonly protocol: Protocol;
}

/** A Service. Without a selector it has no backing pods we can know of. */
export interface Service {
  readonly namespace: string;
  readonly name: string;
  readonly selector?: Labels;
  readonly ports: readonly ServicePort[];
  /** `spec.clusterIPs` (or `spec.clusterIP`) when given, without `None` (headless); else absent. */
  readonly clusterIPs?: readonly string[];
  /** For `type: ExternalName`: the DNS name it is an alias of (it has no pods and no endpoints). */
  readonly externalName?: string;
  readonly source?: SourceRef;
}

/** A Pod left out of the analysis because it has stopped (unless `includeTerminatedPods`). */
export interface TerminatedPod {
  readonly namespace: string;
  readonly name: string;
  readonly phase: 'Succeeded' | 'Failed';
}

/**
 * Everything the manifests say that matters for reachability, after defaulting. Every list is
 * sorted: namespaces by name, the others by `(namespace, name)` (workloads by kind as well).
 */
export interface Cluster {
  readonly namespaces: readonly Namespace[];
  readonly pods: readonly Pod[];
  readonly workloads: readonly Workload[];
  readonly services: readonly Service[];
  readonly policies: readonly NetworkPolicy[];
  /**
   * Cluster-wide admin policies (AdminNetworkPolicy, BaselineAdminNetworkPolicy,
   * ClusterNetworkPolicy), converted to one model and sorted by tier, priority, then name.
   * Absent = none.
   */
  readonly adminPolicies?: readonly AdminPolicy[];
  /** Nodes, sorted by name: from Node objects, or inferred from pods. Absent = none known. */
  readonly nodes?: readonly Node[];
  /**
   * The Pods of the input left out because they have stopped, sorted; absent when there are
   * none. They have no traffic; they are listed so that naming one says why it is missing.
   */
  readonly terminatedPods?: readonly TerminatedPod[];
}

/** A namespace no Namespace object declared: only the name label the API server gives it. */
export function synthesizedNamespace(name: string): Namespace {
  return { name, labels: new Map([[NAMESPACE_NAME_LABEL, name]]), synthesized: true };
}

/**
 * The namespaces, plus one for every namespace a pod lives in that the list lacks (clusters
 * built by hand may forget them; the parser never does), sorted by name.
 */
export function namespacesOfPods(
  namespaces: readonly Namespace[],
  pods: readonly { readonly namespace: string }[],
): Namespace[] {
  const list = [...namespaces];
  const known = new Set(list.map((ns) => ns.name));
  for (const pod of pods) {
    if (known.has(pod.namespace)) continue;
    known.add(pod.namespace);
    list.push(synthesizedNamespace(pod.namespace));
  }
  return list.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
}
