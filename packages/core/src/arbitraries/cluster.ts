import fc from 'fast-check';
import { ownerChoice, withOwners } from './controllers.js';
import type { ClusterManifests, ListManifest, PodManifest } from './manifests.js';
import { namespace } from './namespace.js';
import { networkPolicy } from './network-policy.js';
import { pod } from './pod.js';
import type { Pools } from './pools.js';
import { POOLS } from './pools.js';

/** Constraints of {@link cluster}. */
export interface ClusterConstraints {
  /** Fewest and most pods (default 1 and 6). */
  readonly minPods?: number;
  readonly maxPods?: number;
  /** Fewest and most policies (default 0 and 5). */
  readonly minPolicies?: number;
  readonly maxPolicies?: number;
  /** Where every name, label, port and address comes from (default {@link POOLS}). */
  readonly pools?: Pools;
  /** Passed to {@link networkPolicy}: also write rules that `policyTypes` ignores (default false). */
  readonly withIgnoredRules?: boolean;
  /** Passed to {@link pod}: some pods may use the node's network (default false). */
  readonly withHostNetwork?: boolean;
  /**
   * Some pods get controllers (default false): ReplicaSets missing from the input, with or
   * without a `pod-template-hash` label that leads to Deployment `web` (itself in the input or
   * not), and a Job of a CronJob; see `ClusterManifests.controllers`.
   */
  readonly withControllers?: boolean;
}

/**
 * A small cluster: Namespace objects from the pool (with labels; namespaces used but not
 * declared are left to the loader, which adds them as the API server would have them), pods
 * spread over the namespaces, and policies. Pods and policies are named by position (`pod-0`,
 * `policy-0`, ...), so names are unique and shrink well; pod IPs are unique.
 *
 * @param constraints - see {@link ClusterConstraints}.
 * @returns an arbitrary of generated clusters; {@link clusterToList} makes one manifest of it.
 */
export function cluster(constraints: ClusterConstraints = {}): fc.Arbitrary<ClusterManifests> {
  const pools = constraints.pools ?? POOLS;
  return fc
    .record({
      namespaces: fc.uniqueArray(namespace({ pools }), {
        selector: (n) => n.metadata.name,
        maxLength: Math.min(3, pools.namespaces.length),
      }),
      pods: fc.array(pod({ pools, withHostNetwork: constraints.withHostNetwork ?? false }), {
        minLength: constraints.minPods ?? 1,
        maxLength: constraints.maxPods ?? 6,
      }),
      policies: fc.array(
        networkPolicy({ pools, withIgnoredRules: constraints.withIgnoredRules ?? false }),
        { minLength: constraints.minPolicies ?? 0, maxLength: constraints.maxPolicies ?? 5 },
      ),
      owners: constraints.withControllers
        ? fc.array(ownerChoice, { maxLength: constraints.maxPods ?? 6 })
        : fc.constant([]),
      withDeployment: constraints.withControllers ? fc.boolean() : fc.constant(false),
    })
    .map(({ namespaces, pods, policies, owners, withDeployment }): ClusterManifests => {
      const usedIps = new Set<string>();
      const generated: ClusterManifests = {
        namespaces,
        pods: pods.map((p, i) => {
          const named: PodManifest = { ...p, metadata: { ...p.metadata, name: `pod-${i}` } };
          // Keep pod IPs unique, as a cluster's IPAM would.
          const ip = p.status?.podIP;
          if (ip !== undefined) {
            if (usedIps.has(ip)) delete named.status;
            else usedIps.add(ip);
          }
          return named;
        }),
        policies: policies.map((p, i) => ({
          ...p,
          metadata: { ...p.metadata, name: `policy-${i}` },
        })),
      };
      return constraints.withControllers
        ? withOwners(generated, owners, withDeployment)
        : generated;
    });
}

/**
 * Every manifest of a generated cluster as one `kind: List`. `JSON.stringify` of it is valid
 * YAML, ready for `parseCluster`.
 *
 * @param c - a generated cluster.
 * @returns the List: namespaces, then controllers, then pods, then policies.
 */
export function clusterToList(c: ClusterManifests): ListManifest {
  return {
    apiVersion: 'v1',
    kind: 'List',
    items: [...c.namespaces, ...(c.controllers ?? []), ...c.pods, ...c.policies],
  };
}
