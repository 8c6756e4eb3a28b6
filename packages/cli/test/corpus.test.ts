// The netpol-analyzer corpus (NetworkPolicy-v1 groups) through the real command:
// `reach matrix --by workload -o json --no-ipblock-pods --host-network-pods pods
// --include-terminated-pods --knob nodeIngress=policed --knob egressToOwnNode=policed`. The
// options reproduce the peer's plugin choices (ipBlocks never match pods; policies apply to
// hostNetwork pods as to any pod; completed pods are analysed; own-node traffic is policed),
// documented in packages/core/test/corpus. The six inputs an API server would reject are
// repaired first, exactly as the core suites do.

import { describe, expect, it } from 'vitest';
import { loadCorpusCluster } from '../../core/test/corpus/corpus-cluster.js';
import { upstreamWorkloads } from '../../core/test/corpus/group-workloads.js';
import { INVALID_INPUTS, repair } from '../../core/test/corpus/invalid-inputs.js';
import type { CorpusPair, CorpusPeer } from '../../core/test/corpus/netpol-analyzer-corpus.js';
import {
  corpusCases,
  diffPairsIgnoringIpAtoms,
  readCase,
  readInputs,
  skipWithoutCorpus,
} from '../../core/test/corpus/netpol-analyzer-corpus.js';
import { reach } from './support/fixtures.js';

const KINDS: Readonly<Record<string, string>> = {
  deployment: 'Deployment',
  statefulset: 'StatefulSet',
  daemonset: 'DaemonSet',
  replicaset: 'ReplicaSet',
  replicationcontroller: 'ReplicationController',
  job: 'Job',
  cronjob: 'CronJob',
};

/** Our workload names in netpol-analyzer's spelling (see `upstreamWorkloads`). */
function upstreamNames(expected: Parameters<typeof loadCorpusCluster>[0]): Map<string, string> {
  const renames = new Map<string, string>();
  for (const [ours, theirs] of upstreamWorkloads(loadCorpusCluster(expected))) {
    const [namespace, name] = theirs.workload.split('/');
    renames.set(
      ours,
      theirs.kind === 'Pod' ? theirs.workload : `${namespace}/${theirs.kind.toLowerCase()}/${name}`,
    );
  }
  return renames;
}

/** `ns/kind/name` or `ns/name` (a bare pod) or an IPv4 range; IPv6 ranges are not in the corpus. */
function toPeer(name: string, renames: ReadonlyMap<string, string>): CorpusPeer | undefined {
  const id = renames.get(name) ?? name;
  const parts = id.split('/');
  if (parts.length === 3) {
    return { workload: `${parts[0]}/${parts[2]}`, kind: KINDS[parts[1] ?? ''] ?? parts[1] ?? '' };
  }
  if (parts.length === 2) return { workload: id, kind: 'Pod' };
  return id.includes(':') ? undefined : { ip: id };
}

const SKIP = skipWithoutCorpus('netpol-analyzer corpus through reach matrix --by workload -o json');

describe.skipIf(SKIP)('netpol-analyzer corpus through reach matrix --by workload -o json', () => {
  for (const name of corpusCases(['netpol-v1', 'netpol-v1-ingress-lines-dropped'])) {
    it(name, async () => {
      const expected = readCase(name);
      const invalid = INVALID_INPUTS[name];
      const inputs = invalid ? repair(readInputs(expected), invalid) : readInputs(expected);
      const files = Object.fromEntries(inputs.map((f) => [`case/${f.name}`, f.text]));
      const result = await reach(
        [
          'matrix',
          '-f',
          'case',
          '-R',
          '--by',
          'workload',
          '-o',
          'json',
          '--no-ipblock-pods',
          '--host-network-pods',
          'pods',
          '--include-terminated-pods',
          '--knob',
          'nodeIngress=policed',
          '--knob',
          'egressToOwnNode=policed',
        ],
        files,
      );
      expect(result.code, result.stderr).toBe(0);
      const doc = JSON.parse(result.stdout) as {
        connections: { from: string; to: string; allowed: 'all' | CorpusPair['connections'] }[];
      };
      const renames = upstreamNames(expected);
      const actual: CorpusPair[] = [];
      for (const c of doc.connections) {
        const from = toPeer(c.from, renames);
        const to = toPeer(c.to, renames);
        if (from && to) {
          actual.push({ from, to, connections: c.allowed === 'all' ? { all: true } : c.allowed });
        }
      }
      const diff = diffPairsIgnoringIpAtoms(expected.pairs, actual);
      expect([...diff.missing, ...diff.unexpected, ...diff.different], name).toEqual([]);
    });
  }
});
