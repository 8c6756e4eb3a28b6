// streamDiff with admin policies on either side: the pod signatures know nothing of the admin
// tiers, so isolation must come from the engines; the result must still equal enumerating every
// connection of both engines.

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { withNodes } from '../../test/properties/with-nodes.js';
import type { AdminManifests, ClusterManifests } from '../arbitraries/index.js';
import { adminPolicies, cluster, clusterToList } from '../arbitraries/index.js';
import type { Cluster } from '../model/index.js';
import { parseCluster } from '../parse/index.js';
import { profileNames } from '../profiles/index.js';
import { compile } from '../query/index.js';
import { diffEngines } from './diff.js';
import { streamDiff } from './index.js';

const numRuns = Math.max(50, Math.floor((fc.readConfigureGlobal().numRuns ?? 1000) / 8));

/** Generated manifests plus admin policies and Nodes, through the real parser. */
function load(manifests: ClusterManifests, admin: AdminManifests, nodes: AdminManifests): Cluster {
  const list = clusterToList(manifests);
  const text = JSON.stringify({
    ...list,
    items: [...list.items, ...nodes.nodes, ...admin.adminPolicies],
  });
  const result = parseCluster({ name: 'generated.json', text });
  if (!result.ok) throw new Error(result.issues.map((i) => i.message).join('; '));
  return result.cluster;
}

const empty: AdminManifests = { nodes: [], adminPolicies: [] };

describe('streamDiff with admin policies', () => {
  it('gives the diff that enumerating every connection gives', () => {
    fc.assert(
      fc.property(
        cluster({ withHostNetwork: true, maxPolicies: 3 }),
        adminPolicies(),
        fc.oneof(adminPolicies(), fc.constant(empty)),
        fc.constantFrom('pod', 'workload' as const),
        (manifests, a, b, by) => {
          const before = load(manifests, b, a);
          const after = load(manifests, a, a);
          const full = diffEngines(compile(before), compile(after), { by }, 'full');
          expect(streamDiff(compile(before), compile(after), { by })).toEqual(full);
          expect(
            streamDiff(compile(before), compile(after), { by, clusters: { before, after } }),
          ).toEqual(full);
        },
      ),
      { numRuns },
    );
  });

  it('gives the full diff with pods on Nodes under every profile (own-node exemptions)', () => {
    fc.assert(
      fc.property(
        withNodes,
        withNodes,
        fc.constantFrom(...profileNames()),
        fc.constantFrom('pod', 'workload' as const),
        (before, other, cni, by) => {
          // The same pods and nodes, the other cluster's policies.
          const after = { ...before, policies: other.policies };
          const full = diffEngines(
            compile(before, { cni }),
            compile(after, { cni }),
            { by },
            'full',
          );
          expect(streamDiff(compile(before, { cni }), compile(after, { cni }), { by })).toEqual(
            full,
          );
        },
      ),
      { numRuns },
    );
  });
});
