import { ClusterLoadError } from '../errors.js';
import type { Cluster, ObjectRef } from '../model/index.js';
import { addObjects, removeObjects } from '../model/index.js';
import type { ParseOptions } from './parse-cluster.js';
import { parseCluster } from './parse-cluster.js';

/**
 * A cluster with more objects applied to it, as `kubectl apply` would: the manifests are read by
 * `parseCluster` (same defaulting and validation), then merged in by the model's `addObjects`. An added object replaces an
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
  return addObjects(cluster, result.cluster);
}

/** {@link removeObjects} of the model, under the name the testing kit has always used. */
export const withoutObjects: (cluster: Cluster, refs: readonly ObjectRef[]) => Cluster =
  removeObjects;
