// engine.with() (through withManifests, which parses the manifests first) must answer exactly as compiling the changed cluster from scratch: for added
// pods (the overlay path, no recompilation), removed pods, and added policies (recompiled).

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { ClusterManifests } from '../../src/arbitraries/index.js';
import { cluster, networkPolicy, podsIn } from '../../src/arbitraries/index.js';
import type { Cluster, ConnectionSet, Endpoint, Traffic } from '../../src/model/index.js';
import { formatEndpoint } from '../../src/model/index.js';
import { withObjects, withoutObjects } from '../../src/parse/index.js';
import type { Engine } from '../../src/query/index.js';
import { compile } from '../../src/query/index.js';
import { withManifests } from '../../src/with-manifests.js';
import { endpointsOf, loadGenerated } from './differential.js';

const TRAFFIC: readonly Traffic[] = [
  { port: 80, protocol: 'TCP' },
  { port: 53, protocol: 'UDP' },
  { port: 8080, protocol: 'TCP' },
];

function canonical(set: ConnectionSet): string {
  return set === 'all'
    ? 'all'
    : JSON.stringify(['TCP', 'UDP', 'SCTP'].map((p) => set[p as 'TCP'] ?? []));
}

/** The first answer on which the two engines differ, or undefined. */
function disagreement(changed: Engine, fresh: Engine, target: Cluster): string | undefined {
  if (JSON.stringify(changed.pods) !== JSON.stringify(fresh.pods)) return 'pod lists differ';
  const endpoints: Endpoint[] = endpointsOf(target);
  for (const t of TRAFFIC) {
    for (const from of endpoints) {
      const a = JSON.stringify(changed.reachableFrom(from, t));
      if (a !== JSON.stringify(fresh.reachableFrom(from, t)))
        return `reachableFrom ${formatEndpoint(from)}`;
      const b = JSON.stringify(changed.reachersOf(from, t));
      if (b !== JSON.stringify(fresh.reachersOf(from, t)))
        return `reachersOf ${formatEndpoint(from)}`;
      for (const to of endpoints) {
        if ('address' in from && 'address' in to) continue;
        const pair = `${formatEndpoint(from)} -> ${formatEndpoint(to)} ${t.port}/${t.protocol}`;
        if (changed.canReach(from, to, t) !== fresh.canReach(from, to, t)) return pair;
        if (changed.explain(from, to, t).allowed !== fresh.canReach(from, to, t))
          return `explain ${pair}`;
      }
    }
  }
  for (const from of endpoints) {
    for (const to of endpoints) {
      if ('address' in from && 'address' in to) continue;
      if (canonical(changed.connections(from, to)) !== canonical(fresh.connections(from, to))) {
        return `connections ${formatEndpoint(from)} -> ${formatEndpoint(to)}`;
      }
    }
  }
  return undefined;
}

const withAdded = (manifests: ClusterManifests) =>
  fc.tuple(fc.constant(manifests), podsIn(manifests, { maxLength: 3 }));

describe('engine.with()', () => {
  it('adding pods answers as a fresh compilation (overlay, no recompilation)', () => {
    fc.assert(
      fc.property(
        cluster().chain(withAdded),
        fc.boolean(),
        ([manifests, added], ipBlockMatchesPods) => {
          const base = loadGenerated(manifests);
          const options = { ipBlockMatchesPods };
          const target = withObjects(base, added);
          const changed = withManifests(compile(base, options), { add: added });
          expect(disagreement(changed, compile(target, options), target)).toBeUndefined();
        },
      ),
    );
  });

  it('removing a pod and adding pods answers as a fresh compilation', () => {
    fc.assert(
      fc.property(
        cluster({ minPods: 2 }).chain(withAdded),
        fc.nat(),
        ([manifests, added], pick) => {
          const base = loadGenerated(manifests);
          const victim = base.pods[pick % base.pods.length];
          if (!victim) return;
          const remove = [{ kind: 'Pod', namespace: victim.namespace, name: victim.name }];
          const target = withObjects(withoutObjects(base, remove), added);
          const changed = withManifests(compile(base).with({ remove }), { add: added });
          expect(disagreement(changed, compile(target), target)).toBeUndefined();
        },
      ),
    );
  });

  it('adding a policy recompiles and answers as a fresh compilation', () => {
    fc.assert(
      fc.property(cluster(), networkPolicy(), (manifests, policy) => {
        const base = loadGenerated(manifests);
        const added = { ...policy, metadata: { ...policy.metadata, name: 'added-policy' } };
        const target = withObjects(base, [added]);
        const changed = withManifests(compile(base), { add: [added] });
        expect(disagreement(changed, compile(target), target)).toBeUndefined();
      }),
      { numRuns: 200 },
    );
  });

  it('rejects an invalid added manifest with the parser error', () => {
    const base = loadGenerated({ namespaces: [], pods: [], policies: [] });
    expect(() =>
      withManifests(compile(base), {
        add: [{ apiVersion: 'v1', kind: 'Pod', metadata: { name: 'Bad_Name' } }],
      }),
    ).toThrow(/invalid-cluster|problem/);
  });
});
