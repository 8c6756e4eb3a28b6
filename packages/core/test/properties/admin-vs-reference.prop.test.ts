// The admin policy tiers: the compiled engine against the reference evaluator on random admin
// policies of both API versions and tiers (random priorities with ties, rule orders, Pass,
// overlapping selectors, networks over pod IPs, nodes peers, named ports), with NetworkPolicies
// and host-network pods in the mix.

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { AdminManifests, ClusterManifests } from '../../src/arbitraries/index.js';
import {
  adminPolicies,
  cluster,
  clusterToList,
  traffic as trafficSample,
} from '../../src/arbitraries/index.js';
import type { Cluster, Traffic } from '../../src/model/index.js';
import { parseCluster } from '../../src/parse/index.js';
import { compile } from '../../src/query/index.js';
import { firstDisagreement } from './differential.js';

const traffic: fc.Arbitrary<Traffic[]> = fc.array(trafficSample(), { minLength: 1, maxLength: 4 });
const clusters = cluster({ withHostNetwork: true, maxPolicies: 3 });
const admins = adminPolicies();
const hostNetworkPods = fc.constantFrom('node' as const, 'pods' as const);

/** Generated manifests plus admin policies and Nodes, through the real parser. */
function load(manifests: ClusterManifests, admin: AdminManifests): Cluster {
  const list = clusterToList(manifests);
  const text = JSON.stringify({
    ...list,
    items: [...list.items, ...admin.nodes, ...admin.adminPolicies],
  });
  const result = parseCluster({ name: 'generated.json', text });
  if (!result.ok) {
    throw new Error(
      `generated manifests rejected: ${result.issues.map((i) => i.message).join('; ')}`,
    );
  }
  return result.cluster;
}

describe('admin tiers: compiled engine vs reference evaluator', () => {
  it('agree on every pair, sampled port and connection set', () => {
    fc.assert(
      fc.property(
        clusters,
        admins,
        traffic,
        hostNetworkPods,
        fc.boolean(),
        (manifests, admin, t, hostNetwork, ipBlockMatchesPods) => {
          const c = load(manifests, admin);
          const options = { ipBlockMatchesPods, hostNetworkPods: hostNetwork };
          expect(firstDisagreement(c, options, t)).toBeUndefined();
        },
      ),
    );
  });

  it('answer lists and matrices as canReach does pair by pair', () => {
    fc.assert(
      fc.property(
        clusters,
        admins,
        trafficSample(),
        hostNetworkPods,
        (manifests, admin, t, host) => {
          const c = load(manifests, admin);
          const engine = compile(c, { hostNetworkPods: host });
          const pods = engine.pods;
          const matrix = engine.matrix(t);
          for (const [i, from] of pods.entries()) {
            const expected = pods.filter((to) => engine.canReach(from, to, t));
            expect(engine.reachableFrom(from, t)).toEqual(expected);
            expect(engine.reachersOf(from, t)).toEqual(
              pods.filter((x) => engine.canReach(x, from, t)),
            );
            expect(matrix.row(i).map((j) => pods[j])).toEqual(expected);
          }
        },
      ),
    );
  });

  it('catch an engine that treats Pass as Accept', () => {
    // A deliberately broken engine: compiled with every Pass rewritten to Accept.
    const passIsAccept = (c: Cluster): Cluster => ({
      ...c,
      adminPolicies: (c.adminPolicies ?? []).map((p) => ({
        ...p,
        ingress: p.ingress.map((r) => (r.action === 'Pass' ? { ...r, action: 'Accept' } : r)),
        egress: p.egress.map((r) => (r.action === 'Pass' ? { ...r, action: 'Accept' } : r)),
      })),
    });
    const result = fc.check(
      fc.property(clusters, admins, traffic, (manifests, admin, t) => {
        const c = load(manifests, admin);
        const options = { ipBlockMatchesPods: true, hostNetworkPods: 'node' as const };
        return firstDisagreement(c, options, t, compile(passIsAccept(c), options)) === undefined;
      }),
      { numRuns: 500 },
    );
    expect(result.failed).toBe(true);
  });
});
