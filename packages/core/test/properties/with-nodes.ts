// Generated clusters with two Nodes whose addresses are among the sampled endpoint addresses,
// and each pod on one of them or on none, so own-node traffic (exempt under most profiles and
// the spec) is exercised by the property tests that use it.

import fc from 'fast-check';
import { cluster, POOLS } from '../../src/arbitraries/index.js';
import type { Cluster, Node } from '../../src/model/index.js';
import { loadGenerated } from './differential.js';

const NODE_NAMES = ['worker-1', 'worker-2'] as const;
const nodeAddress = fc.constantFrom(...POOLS.addresses, ...POOLS.podIps);

/** A generated cluster with two nodes, and each pod on one of them or on none. */
export const withNodes: fc.Arbitrary<Cluster> = fc
  .tuple(
    cluster({ withIgnoredRules: true, withHostNetwork: true }),
    fc.array(fc.constantFrom<string | undefined>(...NODE_NAMES, undefined), {
      minLength: 64,
      maxLength: 64,
    }),
    fc.uniqueArray(nodeAddress, { minLength: 0, maxLength: 2 }),
    fc.uniqueArray(nodeAddress, { minLength: 0, maxLength: 2 }),
  )
  .map(([m, placement, first, second]) => {
    const c = loadGenerated(m);
    const nodes: Node[] = [
      { name: 'worker-1', labels: new Map(), addresses: first, synthesized: false },
      { name: 'worker-2', labels: new Map(), addresses: second, synthesized: false },
    ];
    const pods = c.pods.map((pod, i) => {
      const nodeName = placement[i % placement.length];
      return nodeName === undefined ? pod : { ...pod, nodeName };
    });
    return { ...c, pods, nodes };
  });
