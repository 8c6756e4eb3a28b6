// The differential check shared by the property tests: the compiled engine against the
// reference evaluator, on every ordered pair of pods and pool addresses.

import type { ClusterManifests } from '../../src/arbitraries/index.js';
import { clusterToList, POOLS } from '../../src/arbitraries/index.js';
import type {
  Cluster,
  ConnectionSet,
  Endpoint,
  SemanticsOptions,
  Traffic,
} from '../../src/model/index.js';
import { formatEndpoint } from '../../src/model/index.js';
import { parseCluster } from '../../src/parse/index.js';
import type { Engine } from '../../src/query/index.js';
import { compile } from '../../src/query/index.js';
import { referenceCanReach, referenceConnections } from '../../src/reference/index.js';

/** Loads generated manifests through the real parser; they must always be valid. */
export function loadGenerated(manifests: ClusterManifests): Cluster {
  const result = parseCluster({
    name: 'generated.json',
    text: JSON.stringify(clusterToList(manifests)),
  });
  if (!result.ok) {
    throw new Error(
      `generated manifests rejected: ${result.issues.map((i) => i.message).join('; ')}`,
    );
  }
  return result.cluster;
}

/** Every pod plus a few addresses inside and outside the pod ranges. */
export function endpointsOf(cluster: Cluster): Endpoint[] {
  return [
    ...cluster.pods.map((p) => ({ namespace: p.namespace, name: p.name })),
    ...POOLS.addresses.map((address) => ({ address })),
  ];
}

function canonical(set: ConnectionSet): string {
  if (set === 'all') return 'all';
  return JSON.stringify(['TCP', 'UDP', 'SCTP'].map((p) => set[p as 'TCP'] ?? []));
}

/**
 * Compares an engine with the reference on every ordered pair of endpoints, for the given
 * traffic and for the whole connection set. Returns the first disagreement, or undefined.
 */
export function firstDisagreement(
  cluster: Cluster,
  options: SemanticsOptions,
  traffic: readonly Traffic[],
  engine: Engine = compile(cluster, options),
): string | undefined {
  const endpoints = endpointsOf(cluster);
  for (const from of endpoints) {
    for (const to of endpoints) {
      // Nothing in the cluster filters traffic between two outside addresses.
      if ('address' in from && 'address' in to) continue;
      const pair = `${formatEndpoint(from)} -> ${formatEndpoint(to)}`;
      for (const t of traffic) {
        const expected = referenceCanReach(cluster, from, to, t, options);
        const actual = engine.canReach(from, to, t);
        if (actual !== expected) {
          return `${pair} ${t.port}/${t.protocol}: engine ${actual}, reference ${expected}`;
        }
        const explained = engine.explain(from, to, t).allowed;
        if (explained !== actual) {
          return `${pair} ${t.port}/${t.protocol}: explain ${explained}, canReach ${actual}`;
        }
      }
      const expectedSet = canonical(referenceConnections(cluster, from, to, options));
      const actualSet = canonical(engine.connections(from, to));
      if (expectedSet !== actualSet) {
        return `${pair} connections: engine ${actualSet}, reference ${expectedSet}`;
      }
    }
  }
  return undefined;
}
