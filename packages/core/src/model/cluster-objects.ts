import { adminPolicyKind, compareAdminPolicies, type Node } from './admin-policy.js';
import type { Cluster, Namespace, Pod } from './cluster.js';
import { synthesizedNamespace } from './cluster.js';
import type { ObjectRef } from './traffic.js';

/**
 * Model objects to add to a cluster (for `Engine.with`): any of a cluster's lists. Template pods
 * are pods like any other: add a workload's template pod next to the workload.
 */
export interface ClusterObjects {
  readonly namespaces?: readonly Namespace[];
  readonly pods?: Cluster['pods'];
  readonly workloads?: Cluster['workloads'];
  readonly services?: Cluster['services'];
  readonly policies?: Cluster['policies'];
  /** Admin policies, replacing those of the same kind and name. */
  readonly adminPolicies?: Cluster['adminPolicies'];
  /** Nodes, replacing those of the same name (a declared node replaces an inferred one). */
  readonly nodes?: Cluster['nodes'];
}

/** Kinds without a namespace, besides Namespace itself. */
const CLUSTER_SCOPED: ReadonlySet<string> = new Set([
  'Node',
  'AdminNetworkPolicy',
  'BaselineAdminNetworkPolicy',
  'ClusterNetworkPolicy',
]);

interface Named {
  readonly namespace: string;
  readonly name: string;
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function byNamespaceAndName(a: Named, b: Named): number {
  return compare(a.namespace, b.namespace) || compare(a.name, b.name);
}

/** `base` with every element of `added` that has the same key replaced, plus the new ones. */
function merge<T>(base: readonly T[], added: readonly T[], key: (t: T) => string): T[] {
  const byKey = new Map<string, T>();
  for (const t of base) byKey.set(key(t), t);
  for (const t of added) byKey.set(key(t), t);
  return [...byKey.values()];
}

const nameKey = (t: Named): string => `${t.namespace}\u0000${t.name}`;

/**
 * A cluster with objects applied to it, as `kubectl apply` would: an added object replaces the
 * object of the cluster with the same kind, namespace and name; an added Namespace replaces one
 * the cluster only inferred, while an inferred (`synthesized`) one is added only when the cluster
 * lacks it. A namespace that an added object lives in and that neither side declares is added
 * with only its name label. Admin policies replace those of the same kind and name; nodes those
 * of the same name; a `nodeName` of an added pod that no node has gives an inferred node. Lists
 * stay sorted.
 *
 * @param cluster - a cluster
 * @param added - the objects to apply
 * @returns a new cluster; `cluster` is not changed
 */
export function addObjects(cluster: Cluster, added: ClusterObjects): Cluster {
  const given = added.namespaces ?? [];
  const declared = given.filter((n) => !n.synthesized);
  const inferred = given.filter((n) => n.synthesized);
  const pods = merge(cluster.pods, added.pods ?? [], nameKey).sort(byNamespaceAndName);
  const workloads = merge(
    cluster.workloads,
    added.workloads ?? [],
    (w) => `${nameKey(w)}\u0000${w.kind}`,
  ).sort(
    (a, b) =>
      compare(a.namespace, b.namespace) || compare(a.kind, b.kind) || compare(a.name, b.name),
  );
  const services = merge(cluster.services, added.services ?? [], nameKey).sort(byNamespaceAndName);
  const policies = merge(cluster.policies, added.policies ?? [], nameKey).sort(byNamespaceAndName);
  const namespaces = merge(
    inferred,
    merge(cluster.namespaces, declared, (n) => n.name),
    (n) => n.name,
  );
  const known = new Set(namespaces.map((n) => n.name));
  const newObjects: readonly Named[] = [
    ...(added.pods ?? []),
    ...(added.workloads ?? []),
    ...(added.services ?? []),
    ...(added.policies ?? []),
  ];
  for (const { namespace } of newObjects) {
    if (known.has(namespace)) continue;
    known.add(namespace);
    namespaces.push(synthesizedNamespace(namespace));
  }
  const adminPolicies = merge(
    cluster.adminPolicies ?? [],
    added.adminPolicies ?? [],
    (p) => `${adminPolicyKind(p)}\u0000${p.name}`,
  ).sort(compareAdminPolicies);
  const nodes = withInferredNodes(
    merge(
      cluster.nodes ?? [],
      (added.nodes ?? []).filter((n) => !n.synthesized),
      (n) => n.name,
    ),
    [...(added.nodes ?? []).filter((n) => n.synthesized)],
    pods,
  );
  return {
    namespaces: namespaces.sort((a, b) => compare(a.name, b.name)),
    pods,
    workloads,
    services,
    policies,
    ...(adminPolicies.length === 0 ? {} : { adminPolicies }),
    ...(nodes.length === 0 ? {} : { nodes }),
  };
}

/**
 * `nodes` plus, for each node name that `extra` or a pod's `nodeName` gives and `nodes` lacks, an
 * inferred node (`synthesized: true`; from `extra` when given, else with no labels and no
 * addresses), sorted by name.
 */
function withInferredNodes(
  nodes: readonly Node[],
  extra: readonly Node[],
  pods: readonly Pod[],
): Node[] {
  const byName = new Map(nodes.map((n) => [n.name, n]));
  for (const node of extra) if (!byName.has(node.name)) byName.set(node.name, node);
  for (const { nodeName } of pods) {
    if (nodeName === undefined || byName.has(nodeName)) continue;
    byName.set(nodeName, { name: nodeName, labels: new Map(), addresses: [], synthesized: true });
  }
  return [...byName.values()].sort((a, b) => compare(a.name, b.name));
}

/**
 * A cluster without some objects, as `kubectl delete` would leave it: a Namespace takes every
 * object in it along; a workload takes its template pod (and Pod objects it controls directly)
 * along. Nodes and admin policies (AdminNetworkPolicy, BaselineAdminNetworkPolicy,
 * ClusterNetworkPolicy) are cluster-scoped: they are named by kind and name, and a namespace
 * given with them is ignored; a removed node is only removed from the node list (its pods stay,
 * as the manifests show them). Refs that name nothing are ignored.
 *
 * @param cluster - a cluster
 * @param refs - what to remove, by kind, namespace and name
 * @returns a new cluster; `cluster` is not changed
 */
export function removeObjects(cluster: Cluster, refs: readonly ObjectRef[]): Cluster {
  // Nodes and admin policies are cluster-scoped: a namespace given with them is ignored.
  const gone = new Set(
    refs.map(
      (r) =>
        `${r.kind}\u0000${CLUSTER_SCOPED.has(r.kind) ? '' : (r.namespace ?? '')}\u0000${r.name}`,
    ),
  );
  const has = (kind: string, namespace: string, name: string): boolean =>
    gone.has(`${kind}\u0000${namespace}\u0000${name}`);
  const goneNamespaces = new Set(refs.filter((r) => r.kind === 'Namespace').map((r) => r.name));
  const keep = (o: Named): boolean => !goneNamespaces.has(o.namespace);
  const adminPolicies = (cluster.adminPolicies ?? []).filter(
    (p) => !has(adminPolicyKind(p), '', p.name),
  );
  const nodes = (cluster.nodes ?? []).filter((n) => !has('Node', '', n.name));
  return {
    namespaces: cluster.namespaces.filter((n) => !goneNamespaces.has(n.name)),
    pods: cluster.pods.filter(
      (p) =>
        keep(p) &&
        !has('Pod', p.namespace, p.name) &&
        !(p.owner !== undefined && has(p.owner.kind, p.namespace, p.owner.name)),
    ),
    workloads: cluster.workloads.filter((w) => keep(w) && !has(w.kind, w.namespace, w.name)),
    services: cluster.services.filter((s) => keep(s) && !has('Service', s.namespace, s.name)),
    policies: cluster.policies.filter((p) => keep(p) && !has('NetworkPolicy', p.namespace, p.name)),
    ...(adminPolicies.length === 0 ? {} : { adminPolicies }),
    ...(nodes.length === 0 ? {} : { nodes }),
  };
}
