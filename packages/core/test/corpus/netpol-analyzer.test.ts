// Conformance: the NetworkPolicy-v1 cases of the netpol-analyzer corpus (groups `netpol-v1` and
// `netpol-v1-ingress-lines-dropped`, 45 cases), answered by the reference evaluator and compared
// exactly with upstream's expected pairs. See ../shared/corpus/netpol-analyzer/README.md.
//
// Where Kubernetes leaves a behaviour to the network plugin, upstream made a choice; we reproduce
// it through an explicit option, and keep our own default elsewhere:
// - `ipBlockMatchesPods: false`: upstream never lets an ipBlock match a pod, even when a pod IP
//   lies in the block (its rule 14). Our default is true (what the e2e tests and the common
//   plugins do).
// - `includeTerminatedPods: true` when parsing: upstream analyses pods whatever their status,
//   completed Job pods included (its rule 9). Our parser drops terminated pods by default.
// - `hostNetworkPods: 'pods'`: upstream selects and isolates hostNetwork pods like any other pod
//   (its rule 10). Our default is 'node' (the plugin sees them as node traffic, as OVN-Kubernetes,
//   Calico and Cilium do); 16 cases have hostNetwork pods, and 13 of them change under 'node'.
// - `nodeIngress` / `egressToOwnNode: 'policed'`: upstream does not model own-node traffic, which
//   the API reference (our `spec` profile) always allows.
// Every other difference would be a bug, ours or upstream's; KNOWN_DIFFERENCES lists the ones
// where the Kubernetes documentation shows upstream is wrong (none so far).

import { describe, expect, it } from 'vitest';
import type { Cluster, ConnectionSet, Endpoint, SemanticsOptions } from '../../src/model/index.js';
import { referenceConnections } from '../../src/reference/index.js';
import { loadCorpusCluster } from './corpus-cluster.js';
import { groupWorkloads, type WorkloadGroup } from './group-workloads.js';
import {
  type CorpusCase,
  type CorpusConnections,
  type CorpusPair,
  type CorpusPeer,
  corpusCases,
  diffPairs,
  peerKey,
  readCase,
  skipWithoutCorpus,
} from './netpol-analyzer-corpus.js';

/** Upstream's plugin-dependent choice, see above. */
const UPSTREAM_SEMANTICS: Partial<SemanticsOptions> = {
  ipBlockMatchesPods: false,
  hostNetworkPods: 'pods',
  // Upstream does not model own-node traffic: the node's addresses are policed.
  nodeIngress: 'policed',
  egressToOwnNode: 'policed',
};

/**
 * Differences from upstream that the Kubernetes documentation decides in our favour: for each
 * case, the exact diff lines we expect (as `diffPairs` prints them) and why.
 */
const KNOWN_DIFFERENCES: Readonly<
  Record<string, { readonly lines: readonly string[]; readonly why: string }>
> = {};

const CASES = corpusCases(['netpol-v1', 'netpol-v1-ingress-lines-dropped']);

const SKIP = skipWithoutCorpus('netpol-analyzer corpus, NetworkPolicy v1 (reference evaluator)');

describe.skipIf(SKIP)('netpol-analyzer corpus, NetworkPolicy v1 (reference evaluator)', () => {
  it('has the 45 NetworkPolicy v1 cases', () => {
    expect(CASES).toHaveLength(45);
  });

  for (const name of CASES) {
    it(name, () => {
      const expected = readCase(name);
      const cluster = loadCorpusCluster(expected);
      const groups = groupWorkloads(cluster);

      expect(groups.map(peerKey), 'workloads').toEqual(expected.workloads.map(peerKey).sort());

      const diff = diffPairs(expected.pairs, corpusPairs(cluster, groups, expected));
      const lines = [
        ...diff.missing.map((l) => `missing    ${l}`),
        ...diff.unexpected.map((l) => `unexpected ${l}`),
        ...diff.different.map((l) => `different  ${l}`),
      ];
      expect(lines, `${name}: pairs differ from upstream`).toEqual(
        KNOWN_DIFFERENCES[name]?.lines ?? [],
      );
    });
  }
});

/**
 * Our answer in the corpus format: every ordered pair of distinct workloads (one representative
 * pod each), and every workload to and from each IP atom (asked about the atom's first address;
 * all addresses of an atom are alike by construction). Pairs with no connection are left out.
 */
function corpusPairs(
  cluster: Cluster,
  groups: readonly WorkloadGroup[],
  expected: CorpusCase,
): CorpusPair[] {
  const out: CorpusPair[] = [];
  const add = (from: CorpusPeer, to: CorpusPeer, fromEnd: Endpoint, toEnd: Endpoint) => {
    const connections = toCorpusConnections(
      referenceConnections(cluster, fromEnd, toEnd, UPSTREAM_SEMANTICS),
    );
    if (connections !== undefined) out.push({ from, to, connections });
  };
  for (const a of groups) {
    for (const b of groups) {
      if (a !== b) add(peer(a), peer(b), representative(a), representative(b));
    }
    for (const ip of expected.ipAtoms.sources)
      add({ ip }, peer(a), firstAddress(ip), representative(a));
    for (const ip of expected.ipAtoms.destinations)
      add(peer(a), { ip }, representative(a), firstAddress(ip));
  }
  return out;
}

function peer(group: WorkloadGroup): CorpusPeer {
  return { workload: group.workload, kind: group.kind };
}

function representative(group: WorkloadGroup): Endpoint {
  const pod = group.pods[0]!;
  return { namespace: pod.namespace, name: pod.name };
}

/** The first address of an atom `a.b.c.d-e.f.g.h`. */
function firstAddress(atom: string): Endpoint {
  return { address: atom.slice(0, atom.indexOf('-')) };
}

function toCorpusConnections(set: ConnectionSet): CorpusConnections | undefined {
  if (set === 'all') return { all: true };
  return Object.keys(set).length === 0 ? undefined : set;
}
