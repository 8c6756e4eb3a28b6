import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { cluster, traffic as trafficSample } from '../../src/arbitraries/index.js';
import type { Cluster, Traffic } from '../../src/model/index.js';
import { compile } from '../../src/query/index.js';
import { firstDisagreement, loadGenerated } from './differential.js';

const traffic: fc.Arbitrary<Traffic[]> = fc.array(trafficSample(), { minLength: 1, maxLength: 4 });

// Rules in a direction that `policyTypes` leaves out must be ignored: generate them too; and
// hostNetwork pods, whose treatment is an option.
const clusters = cluster({ withIgnoredRules: true, withHostNetwork: true });
const hostNetworkPods = fc.constantFrom('node' as const, 'pods' as const);

describe('compiled engine vs reference evaluator', () => {
  it('agree on every pair, sampled port and connection set (ipBlocks match pods)', () => {
    fc.assert(
      fc.property(clusters, traffic, hostNetworkPods, (manifests, t, hostNetwork) => {
        const c = loadGenerated(manifests);
        const options = { ipBlockMatchesPods: true, hostNetworkPods: hostNetwork };
        expect(firstDisagreement(c, options, t)).toBeUndefined();
      }),
    );
  });

  it('agree when ipBlocks do not match pods', () => {
    fc.assert(
      fc.property(clusters, traffic, hostNetworkPods, (manifests, t, hostNetwork) => {
        const c = loadGenerated(manifests);
        const options = { ipBlockMatchesPods: false, hostNetworkPods: hostNetwork };
        expect(firstDisagreement(c, options, t)).toBeUndefined();
      }),
    );
  });

  it('catch an engine that forgets ipBlock except', () => {
    // A deliberately broken engine: compiled from the cluster with every `except` dropped.
    const forgetExcept = (c: Cluster): Cluster => ({
      ...c,
      policies: c.policies.map((p) => ({
        ...p,
        ingress: p.ingress.map((r) => ({
          ...r,
          ...(r.peers
            ? { peers: r.peers.map((x) => (x.kind === 'ipBlock' ? { ...x, except: [] } : x)) }
            : {}),
        })),
        egress: p.egress.map((r) => ({
          ...r,
          ...(r.peers
            ? { peers: r.peers.map((x) => (x.kind === 'ipBlock' ? { ...x, except: [] } : x)) }
            : {}),
        })),
      })),
    });
    const result = fc.check(
      fc.property(clusters, traffic, (manifests, t) => {
        const c = loadGenerated(manifests);
        const options = { ipBlockMatchesPods: true, hostNetworkPods: 'node' as const };
        const broken = compile(forgetExcept(c), options);
        return firstDisagreement(c, options, t, broken) === undefined;
      }),
      { numRuns: 2000 },
    );
    expect(result.failed).toBe(true);
  });
});
