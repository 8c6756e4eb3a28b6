// Conformance of the compiled engine: the same 45 NetworkPolicy-v1 cases as the reference suite,
// answered through `engine.connectivity('workload')` (what `reach matrix --by workload` prints)
// and compared with upstream. Our IP atoms are cut at the ipBlock boundaries of both directions
// and include IPv6, so the comparison merges adjacent ranges with equal connections first
// (`diffPairsIgnoringIpAtoms`, the corpus README's "Comparing" step 3) and drops IPv6 ranges,
// which upstream does not model. Options as in the reference suite: ipBlockMatchesPods false,
// hostNetworkPods 'pods', terminated pods included.

import { describe, expect, it } from 'vitest';
import type { ConnectionSet } from '../../src/model/index.js';
import { compile } from '../../src/query/index.js';
import { loadCorpusCluster } from './corpus-cluster.js';
import { upstreamWorkloads } from './group-workloads.js';
import type { CorpusConnections, CorpusPair, CorpusPeer } from './netpol-analyzer-corpus.js';
import {
  corpusCases,
  diffPairsIgnoringIpAtoms,
  peerKey,
  readCase,
  skipWithoutCorpus,
} from './netpol-analyzer-corpus.js';

const CASES = corpusCases(['netpol-v1', 'netpol-v1-ingress-lines-dropped']);

function toCorpusConnections(set: ConnectionSet): CorpusConnections {
  return set === 'all' ? { all: true } : set;
}

const SKIP = skipWithoutCorpus('netpol-analyzer corpus, NetworkPolicy v1 (compiled engine)');

describe.skipIf(SKIP)('netpol-analyzer corpus, NetworkPolicy v1 (compiled engine)', () => {
  for (const name of CASES) {
    it(name, () => {
      const expected = readCase(name);
      const engine = compile(loadCorpusCluster(expected), {
        ipBlockMatchesPods: false,
        hostNetworkPods: 'pods',
        // Upstream does not model own-node traffic: the node's addresses are policed.
        nodeIngress: 'policed',
        egressToOwnNode: 'policed',
      });
      const groups = engine.groups('workload');
      // Our Deployment names for pods of missing ReplicaSets, in upstream's ReplicaSet names.
      const upstream = upstreamWorkloads(engine.cluster);
      const peers = new Map<string, CorpusPeer>(
        groups.map((g) => [
          g.id,
          upstream.get(g.id) ?? { workload: `${g.namespace}/${g.name}`, kind: g.kind },
        ]),
      );
      expect([...peers.values()].map(peerKey).sort(), 'workloads').toEqual(
        expected.workloads.map(peerKey).sort(),
      );
      const toPeer = (id: string): CorpusPeer | undefined =>
        peers.get(id) ?? (id.includes(':') ? undefined : { ip: id });
      const actual: CorpusPair[] = [];
      for (const c of engine.connectivity('workload').connections) {
        const from = toPeer(c.from);
        const to = toPeer(c.to);
        if (from && to) actual.push({ from, to, connections: toCorpusConnections(c.allowed) });
      }
      const diff = diffPairsIgnoringIpAtoms(expected.pairs, actual);
      expect(
        [
          ...diff.missing.map((l) => `missing    ${l}`),
          ...diff.unexpected.map((l) => `unexpected ${l}`),
          ...diff.different.map((l) => `different  ${l}`),
        ],
        `${name}: pairs differ from upstream`,
      ).toEqual([]);
    });
  }
});
