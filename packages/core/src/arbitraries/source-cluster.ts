import type { Cluster } from '../model/index.js';
import type { ClusterManifests } from './manifests.js';
import type { Pools } from './pools.js';
import { POOLS } from './pools.js';
import { poolsOf } from './pools-of.js';

/** A cluster to draw from: generated manifests, or a parsed cluster (from real manifests). */
export type SourceCluster = ClusterManifests | Cluster;

/** True for a parsed cluster: only the model has `workloads` (and flat `namespace` on pods). */
export function isParsedCluster(c: SourceCluster): c is Cluster {
  return 'workloads' in c;
}

/** The pods of either kind of cluster, as `namespace/name` refs. */
export function podRefsOf(c: SourceCluster): { namespace: string; name: string }[] {
  return isParsedCluster(c)
    ? c.pods.map((p) => ({ namespace: p.namespace, name: p.name }))
    : c.pods.map((p) => ({ namespace: p.metadata.namespace, name: p.metadata.name }));
}

/** The pools to draw from: the shared ones for generated clusters, the cluster's own otherwise. */
export function poolsFor(c: SourceCluster): Pools {
  return isParsedCluster(c) ? poolsOf(c) : POOLS;
}
