// streamDiff against enumerating every connection of both engines ('full'): on random policy
// changes, with admin policies on either side (the pod signatures know nothing of the tiers,
// so isolation comes from the engines), and with pods on Nodes under every profile (own-node
// exemptions).

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { withNodes } from '../../test/properties/with-nodes.js';
import { arbClusterPair, loadRandom } from '../../test/support/random-policies.js';
import type { AdminManifests, ClusterManifests } from '../arbitraries/index.js';
import { adminPolicies, cluster, clusterToList } from '../arbitraries/index.js';
import type { Cluster, SemanticsOptions } from '../model/index.js';
import { parseCluster } from '../parse/index.js';
import { profileNames } from '../profiles/index.js';
import type { GroupBy } from '../query/index.js';
import { compile } from '../query/index.js';
import { diff, diffEngines } from './diff.js';
import { streamDiff } from './index.js';

const numRuns = Math.max(100, Math.floor((fc.readConfigureGlobal().numRuns ?? 1000) / 4));
const fewerRuns = Math.max(50, Math.floor(numRuns / 2));
const groupings = fc.constantFrom<GroupBy>('pod', 'workload');

/** streamDiff, with and without the clusters, and diff with them, give the full enumeration's diff. */
function expectFullDiff(
  before: Cluster,
  after: Cluster,
  by: GroupBy,
  options: Partial<SemanticsOptions> = {},
): void {
  const engines = () => [compile(before, options), compile(after, options)] as const;
  const full = diffEngines(...engines(), { by }, 'full');
  expect(streamDiff(...engines(), { by })).toEqual(full);
  expect(streamDiff(...engines(), { by, clusters: { before, after } })).toEqual(full);
  expect(diff(...engines(), { by, clusters: { before, after } })).toEqual(full);
}

/** Generated manifests plus `admin`'s policies and `nodes`' Nodes, through the real parser. */
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

const noAdmin: AdminManifests = { nodes: [], adminPolicies: [] };

describe('streamDiff', () => {
  it('gives the diff that enumerating every connection gives, with and without the clusters', () => {
    fc.assert(
      fc.property(arbClusterPair, groupings, ([x, y], by) => {
        expectFullDiff(loadRandom(x), loadRandom(y), by);
      }),
      { numRuns },
    );
  });

  it('gives the full diff with admin policies on either side', () => {
    fc.assert(
      fc.property(
        cluster({ withHostNetwork: true, maxPolicies: 3 }),
        adminPolicies(),
        fc.oneof(adminPolicies(), fc.constant(noAdmin)),
        groupings,
        (manifests, a, b, by) => {
          expectFullDiff(load(manifests, b, a), load(manifests, a, a), by);
        },
      ),
      { numRuns: fewerRuns },
    );
  });

  it('gives the full diff with pods on Nodes under every profile (own-node exemptions)', () => {
    fc.assert(
      fc.property(
        withNodes,
        withNodes,
        fc.constantFrom(...profileNames()),
        groupings,
        (before, other, cni, by) => {
          // The same pods and nodes, the other cluster's policies.
          expectFullDiff(before, { ...before, policies: other.policies }, by, { cni });
        },
      ),
      { numRuns: fewerRuns },
    );
  });
});
