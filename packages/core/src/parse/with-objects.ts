import { ClusterLoadError } from '../errors.js';
import type { Cluster, ObjectRef } from '../model/index.js';
import type { ParseOptions } from './parse-cluster.js';
import { parseCluster } from './parse-cluster.js';

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

interface Named {
  readonly namespace: string;
  readonly name: string;
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
 * A cluster with more objects applied to it, as `kubectl apply` would: the manifests are read by
 * `parseCluster` (same defaulting and validation), then merged in. An added object replaces an
 * object of the cluster with the same kind, namespace and name; an added Namespace object
 * replaces one the cluster only inferred. Ownership is not resolved across the two: an added
 * Pod owned by a workload of the cluster does not hide that workload's template pod (parse the
 * text of both together for that).
 *
 * @param cluster - a parsed cluster.
 * @param manifests - Kubernetes objects (for example from the arbitraries `podIn` or
 *   `networkPolicy`).
 * @param options - as for `parseCluster`; give the cluster's own options.
 * @returns a new cluster; `cluster` is not changed. Warnings about the manifests are dropped.
 * @throws {@link ClusterLoadError} (code `invalid-cluster`) when a manifest has errors.
 * @example
 * ```ts
 * fc.assert(fc.property(podIn(shop, { namespace: 'shop' }), (pod) => {
 *   const engine = compile(withObjects(shop, [pod]));
 *   expect(engine).not.toAllow({ from: pod.metadata, to: 'shop/statefulset/db', port: 5432 });
 * }));
 * ```
 */
export function withObjects(
  cluster: Cluster,
  manifests: readonly object[],
  options: ParseOptions = {},
): Cluster {
  const list = { apiVersion: 'v1', kind: 'List', items: manifests };
  const result = parseCluster({ name: '<added>', text: JSON.stringify(list) }, options);
  if (!result.ok) throw new ClusterLoadError(result.issues);
  const added = result.cluster;
  const declared = added.namespaces.filter((n) => !n.synthesized);
  const inferred = added.namespaces.filter((n) => n.synthesized);
  return {
    namespaces: merge(
      inferred,
      merge(cluster.namespaces, declared, (n) => n.name),
      (n) => n.name,
    ).sort((a, b) => compare(a.name, b.name)),
    pods: merge(cluster.pods, added.pods, nameKey).sort(byNamespaceAndName),
    workloads: merge(
      cluster.workloads,
      added.workloads,
      (w) => `${nameKey(w)}\u0000${w.kind}`,
    ).sort(
      (a, b) =>
        compare(a.namespace, b.namespace) || compare(a.kind, b.kind) || compare(a.name, b.name),
    ),
    services: merge(cluster.services, added.services, nameKey).sort(byNamespaceAndName),
    policies: merge(cluster.policies, added.policies, nameKey).sort(byNamespaceAndName),
  };
}

/**
 * A cluster without some objects, as `kubectl delete` would leave it: a Namespace takes every
 * object in it along; a workload takes its template pod (and Pod objects it controls directly)
 * along. Refs that name nothing are ignored.
 *
 * @param cluster - a parsed cluster.
 * @param refs - what to remove, by kind, namespace and name.
 * @returns a new cluster; `cluster` is not changed.
 */
export function withoutObjects(cluster: Cluster, refs: readonly ObjectRef[]): Cluster {
  const gone = new Set(refs.map((r) => `${r.kind}\u0000${r.namespace ?? ''}\u0000${r.name}`));
  const has = (kind: string, namespace: string, name: string): boolean =>
    gone.has(`${kind}\u0000${namespace}\u0000${name}`);
  const goneNamespaces = new Set(refs.filter((r) => r.kind === 'Namespace').map((r) => r.name));
  const keep = (o: Named): boolean => !goneNamespaces.has(o.namespace);
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
  };
}
