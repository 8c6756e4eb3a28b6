// `engine.eachConnection` (what `reach matrix -o json` lists) against one `connections()` call
// per ordered pair, which the engine-vs-reference tests hold to the spec.

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { AdminManifests, ClusterManifests } from '../../src/arbitraries/index.js';
import { adminPolicies, cluster, clusterToList } from '../../src/arbitraries/index.js';
import type { Cluster, ConnectionSet, Endpoint } from '../../src/model/index.js';
import { formatEndpoint } from '../../src/model/index.js';
import { parseCluster } from '../../src/parse/index.js';
import { profileNames } from '../../src/profiles/index.js';
import type { Engine } from '../../src/query/index.js';
import { compile } from '../../src/query/index.js';
import { loadGenerated } from './differential.js';
import { withNodes } from './with-nodes.js';

function canonical(set: ConnectionSet): string {
  if (set === 'all') return 'all';
  return JSON.stringify(['TCP', 'UDP', 'SCTP'].map((p) => set[p as 'TCP'] ?? []));
}

function isEmpty(set: ConnectionSet): boolean {
  return set !== 'all' && ['TCP', 'UDP', 'SCTP'].every((p) => (set[p as 'TCP'] ?? []).length === 0);
}

/** `from -> to: set` lines, in the listing's order. */
function listed(engine: Engine): string[] {
  return [...engine.eachConnection('pod')].map(
    (c) => `${c.from} -> ${c.to}: ${canonical(c.allowed)}`,
  );
}

/**
 * The same lines asked pair by pair: every pod to every other pod and to every address range
 * (at its first address), then every range to every pod; pairs with nothing allowed left out.
 */
function pairByPair(engine: Engine): string[] {
  const pods: Endpoint[] = engine.cluster.pods.map((p) => ({
    namespace: p.namespace,
    name: p.name,
  }));
  const ranges = engine.addressRanges();
  const lines: string[] = [];
  const add = (from: Endpoint, to: Endpoint, fromName: string, toName: string): void => {
    const set = engine.connections(from, to);
    if (!isEmpty(set)) lines.push(`${fromName} -> ${toName}: ${canonical(set)}`);
  };
  for (const a of pods) {
    for (const b of pods) {
      if (a !== b) add(a, b, formatEndpoint(a), formatEndpoint(b));
    }
    for (const r of ranges) add(a, { address: r.first }, formatEndpoint(a), r.text);
  }
  for (const r of ranges) {
    for (const b of pods) add({ address: r.first }, b, r.text, formatEndpoint(b));
  }
  return lines;
}

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

describe('engine.eachConnection', () => {
  it('lists what connections() answers pair by pair, in order', () => {
    fc.assert(
      fc.property(cluster({ withIgnoredRules: true, withHostNetwork: true }), (manifests) => {
        const engine = compile(loadGenerated(manifests));
        expect(listed(engine)).toEqual(pairByPair(engine));
      }),
    );
  });

  it('does so with pods on Nodes under every profile (own-node exemptions)', () => {
    fc.assert(
      fc.property(withNodes, fc.constantFrom(...profileNames()), (c, cni) => {
        const engine = compile(c, { cni });
        expect(listed(engine)).toEqual(pairByPair(engine));
      }),
      { numRuns: 200 },
    );
  });

  it('does so with admin policies', () => {
    fc.assert(
      fc.property(
        cluster({ withHostNetwork: true, maxPolicies: 3 }),
        adminPolicies(),
        (manifests, admin) => {
          const engine = compile(withAdmin(manifests, admin));
          expect(listed(engine)).toEqual(pairByPair(engine));
        },
      ),
      { numRuns: 200 },
    );
  });
});
