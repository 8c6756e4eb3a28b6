import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { AdminManifests, ClusterManifests } from '../../src/arbitraries/index.js';
import { adminPolicies, cluster, clusterToList } from '../../src/arbitraries/index.js';
import type { Cluster, Endpoint } from '../../src/model/index.js';
import { parseCluster } from '../../src/parse/index.js';
import { profileNames } from '../../src/profiles/index.js';
import type { Engine } from '../../src/query/index.js';
import { compile } from '../../src/query/index.js';
import { pairwisePeerConnections } from '../../src/query/peer-connections.js';
import { endpointsOf, loadGenerated } from './differential.js';
import { withNodes } from './with-nodes.js';

const clusters = cluster({ withIgnoredRules: true, withHostNetwork: true });
const directions = fc.constantFrom('to' as const, 'from' as const);
const combines = fc.constantFrom('all' as const, 'any' as const);

/**
 * Every pod, the pool addresses, and the first address of every range the policies tell
 * apart (`external` and CIDR subjects are lists of such addresses).
 */
function endpointsWithRanges(engine: Engine): Endpoint[] {
  return [
    ...endpointsOf(engine.cluster),
    ...engine.addressRanges().map((r) => ({ address: r.first })),
  ];
}

/** The batch answer must be the pair-by-pair one, for the subject `keep` picks. */
function expectPairwise(
  engine: Engine,
  keep: (e: Endpoint) => boolean,
  direction: 'to' | 'from',
  combine: 'all' | 'any',
): void {
  const endpoints = endpointsWithRanges(engine);
  const subject = endpoints.filter(keep);
  expect(engine.peerConnections(subject, endpoints, direction, combine)).toEqual(
    pairwisePeerConnections(engine, subject, endpoints, direction, combine),
  );
}

const picked = (picks: Iterator<boolean>) => (): boolean => picks.next().value === true;

describe('engine.peerConnections', () => {
  it('answers as one connections() call per pair, combined, for every peer (self pairs too)', () => {
    fc.assert(
      fc.property(
        clusters,
        directions,
        combines,
        fc.infiniteStream(fc.boolean()),
        (manifests, direction, combine, picks) => {
          expectPairwise(compile(loadGenerated(manifests)), picked(picks), direction, combine);
        },
      ),
    );
  });

  it('answers with the pods only, or the addresses only, as the subject', () => {
    fc.assert(
      fc.property(
        clusters,
        directions,
        combines,
        fc.boolean(),
        (manifests, direction, combine, pods) => {
          const engine = compile(loadGenerated(manifests));
          expectPairwise(engine, (e) => 'address' in e !== pods, direction, combine);
        },
      ),
    );
  });

  it('answers as pair by pair with admin policies too (their tiers decide around the rows)', () => {
    fc.assert(
      fc.property(
        cluster({ withHostNetwork: true, maxPolicies: 3 }),
        adminPolicies(),
        directions,
        combines,
        fc.infiniteStream(fc.boolean()),
        (manifests, admin, direction, combine, picks) => {
          expectPairwise(compile(withAdmin(manifests, admin)), picked(picks), direction, combine);
        },
      ),
      { numRuns: 300 },
    );
  });

  it('answers as pair by pair with pods on Nodes under every profile (own-node exemptions)', () => {
    fc.assert(
      fc.property(
        withNodes,
        fc.constantFrom(...profileNames()),
        directions,
        combines,
        fc.infiniteStream(fc.boolean()),
        (c, cni, direction, combine, picks) => {
          expectPairwise(compile(c, { cni }), picked(picks), direction, combine);
        },
      ),
      { numRuns: 300 },
    );
  });
});

/** Generated manifests plus admin policies and Nodes, through the real parser. */
function withAdmin(manifests: ClusterManifests, admin: AdminManifests): Cluster {
  const list = clusterToList(manifests);
  const text = JSON.stringify({
    ...list,
    items: [...list.items, ...admin.nodes, ...admin.adminPolicies],
  });
  const result = parseCluster({ name: 'generated.json', text });
  if (!result.ok) throw new Error(result.issues.map((i) => i.message).join('; '));
  return result.cluster;
}
