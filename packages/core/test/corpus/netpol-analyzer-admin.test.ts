// Conformance of the admin policy tiers: the 54 `anp-banp` cases of the netpol-analyzer corpus
// (AdminNetworkPolicy and BaselineAdminNetworkPolicy v1alpha1, ten of them with NetworkPolicies),
// answered by the compiled engine through `engine.connectivity('workload')` and compared with
// upstream, IP atoms merged as in the NetworkPolicy suite (`diffPairsIgnoringIpAtoms`), IPv6
// ranges dropped (upstream models IPv4 only). Options as upstream documents its choices:
// ipBlockMatchesPods false (pod IPs play no role, rule 14), hostNetworkPods 'pods' (rule 10),
// terminated pods included (rule 9).
//
// Semantic deviations from upstream: none is needed for these 54 cases. Where our semantics
// differ they do not show here: upstream ignores `nodes` peers (the two cases that use them,
// anp_and_banp_using_networks_and_nodes_test and anp_banp_test_multiple_warnings, select Nodes
// that are not in the input, so our nodes peers match nothing either); upstream ignores IPv6
// `networks` (we honour them, and the IPv6 answers are dropped from the comparison); host-network
// pods are never admin subjects for us (no anp-banp case has one); `networks` match pod IPs for
// us (no anp-banp pod has an IP).
//
// Repairs of the peer's inputs (an API server would reject them; upstream reads them anyway).
// Each is asserted to be needed (the raw input gives exactly the errors listed in REPAIRS) and
// changes nothing upstream's analysis reads:
// - `pods` peers and subjects without `podSelector` (required by the v1alpha1 CRD): upstream
//   reads a missing podSelector as the empty selector, every pod of the selected namespaces;
//   `podSelector: {}` is added.
// - `pods` peers and subjects without `namespaceSelector` (required in v1alpha1): upstream reads
//   it as the empty selector, every namespace; `namespaceSelector: {}` is added.
// - Deployments whose `selector` does not match their template labels (the API server refuses
//   them): the selector is set to the template labels; no analysis reads the selector.
// - A rule mixing a `networks` peer with a `namedPort` (the CRD's CEL rule forbids it): a named
//   port means nothing towards an address, and the rule's peers cannot match one endpoint both
//   ways (no pod has an IP), so the rule is split into a rule for the pods peers with every port
//   entry and, right after it, a rule for the networks peers without the named ports.
// - Pod ownerReferences without `kind`: as in the NetworkPolicy suite, `kind: Pod`, which is how
//   upstream groups such pods.

import { dump, loadAll } from 'js-yaml';
import { describe, expect, it } from 'vitest';
import type { Cluster, ConnectionSet } from '../../src/model/index.js';
import { parseCluster } from '../../src/parse/index.js';
import { formatPath } from '../../src/parse/issue.js';
import { compile } from '../../src/query/index.js';
import { upstreamWorkloads } from './group-workloads.js';
import type {
  CorpusCase,
  CorpusConnections,
  CorpusPair,
  CorpusPeer,
} from './netpol-analyzer-corpus.js';
import {
  corpusCases,
  diffPairsIgnoringIpAtoms,
  peerKey,
  readCase,
  readInputs,
  skipWithoutCorpus,
} from './netpol-analyzer-corpus.js';

const CASES = corpusCases(['anp-banp']);

function toCorpusConnections(set: ConnectionSet): CorpusConnections {
  return set === 'all' ? { all: true } : set;
}

const SKIP = skipWithoutCorpus(
  'netpol-analyzer corpus, AdminNetworkPolicy and BaselineAdminNetworkPolicy',
);

describe.skipIf(SKIP)(
  'netpol-analyzer corpus, AdminNetworkPolicy and BaselineAdminNetworkPolicy',
  () => {
    for (const name of CASES) {
      it(name, () => {
        const expected = readCase(name);
        const engine = compile(loadRepaired(expected), {
          ipBlockMatchesPods: false,
          hostNetworkPods: 'pods',
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
        // Upstream models IPv4 only: IPv6 ranges are left out.
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
  },
);

/** The errors each repaired case must give before repair, by kind (see the header). */
const REPAIRS: Readonly<Record<string, Readonly<Record<string, number>>>> = {
  anp_test_1_deny_traffic_at_cluster_level: { selector: 1 },
  anp_test_2_allow_traffic_at_cluster_level: { selector: 1 },
  anp_test_ingress_egress_intersection: { selector: 1 },
  anp_test_3_pass_traffic: { podSelector: 2 },
  anp_test_8: { podSelector: 3 },
  anp_test_8_swapping_rules: { podSelector: 3 },
  anp_test_9: { podSelector: 14 },
  anp_test_9_swapping_rules: { podSelector: 14 },
  anp_test_10: { podSelector: 7 },
  anp_test_10_swapping_rules: { podSelector: 7 },
  anp_test_11: { podSelector: 7 },
  anp_test_11_swapping_rules: { podSelector: 7 },
  anp_test_12: { podSelector: 7 },
  anp_test_12_swapping_rules: { podSelector: 7 },
  anp_test_combining_test_6_and_test_10: { podSelector: 7 },
  anp_test_multiple_anps: { podSelector: 38 },
  anp_demo: { podSelector: 12 },
  anp_test_named_ports_multiple_peers: { namedPortWithNetworks: 1 },
  example_pods_w_same_owner_and_labels_gap_anp_good: { namespaceSelector: 3, ownerKind: 2 },
  example_pods_w_same_owner_and_labels_gap_banp_good: { namespaceSelector: 2, ownerKind: 2 },
};

function errorKind(message: string, path: string): string {
  if (path.endsWith('podSelector')) return 'podSelector';
  if (path.endsWith('namespaceSelector')) return 'namespaceSelector';
  if (path.endsWith('ownerReferences[0].kind')) return 'ownerKind';
  if (message.includes('`selector` does not match')) return 'selector';
  if (message.includes('cannot be set with namedPorts')) return 'namedPortWithNetworks';
  return `unexpected: ${path}: ${message}`;
}

type Raw = Record<string, unknown>;
const isRecord = (v: unknown): v is Raw => typeof v === 'object' && v !== null && !Array.isArray(v);

/** `podSelector: {}` and `namespaceSelector: {}` where a `pods` peer or subject lacks them. */
function fillPods(holder: unknown): void {
  if (!isRecord(holder) || !isRecord(holder.pods)) return;
  holder.pods.podSelector ??= {};
  holder.pods.namespaceSelector ??= {};
}

function repairRules(rules: unknown, peersField: 'from' | 'to'): unknown {
  if (!Array.isArray(rules)) return rules;
  return rules.flatMap((rule: unknown) => {
    if (!isRecord(rule) || !Array.isArray(rule[peersField])) return [rule];
    const peers = rule[peersField] as unknown[];
    for (const peer of peers) fillPods(peer);
    const ports = Array.isArray(rule.ports) ? (rule.ports as unknown[]) : undefined;
    const named = ports?.some((p) => isRecord(p) && p.namedPort !== undefined) ?? false;
    const networks = peers.filter((p) => isRecord(p) && p.networks !== undefined);
    if (!named || networks.length === 0) return [rule];
    const others = peers.filter((p) => !networks.includes(p));
    const unnamed = (ports ?? []).filter((p) => !(isRecord(p) && p.namedPort !== undefined));
    return [
      ...(others.length > 0 ? [{ ...rule, [peersField]: others }] : []),
      ...(unnamed.length > 0 ? [{ ...rule, [peersField]: networks, ports: unnamed }] : []),
    ];
  });
}

function repairObject(doc: unknown): unknown {
  if (!isRecord(doc)) return doc;
  const kind = doc.kind;
  const spec = doc.spec;
  if ((kind === 'AdminNetworkPolicy' || kind === 'BaselineAdminNetworkPolicy') && isRecord(spec)) {
    fillPods(spec.subject);
    spec.ingress = repairRules(spec.ingress, 'from');
    spec.egress = repairRules(spec.egress, 'to');
  }
  if (kind === 'Deployment' && isRecord(spec) && isRecord(spec.template)) {
    const labels = isRecord(spec.template.metadata) ? spec.template.metadata.labels : undefined;
    if (isRecord(labels)) spec.selector = { matchLabels: labels };
  }
  const metadata = doc.metadata;
  if (kind === 'Pod' && isRecord(metadata) && Array.isArray(metadata.ownerReferences)) {
    for (const owner of metadata.ownerReferences) {
      if (isRecord(owner) && owner.kind === undefined) owner.kind = 'Pod';
    }
  }
  if (Array.isArray(doc.items)) doc.items = doc.items.map(repairObject);
  return doc;
}

/** Parses a case, checking that exactly the listed errors occur, then repairs and parses it. */
function loadRepaired(expected: CorpusCase): Cluster {
  const inputs = readInputs(expected);
  const raw = parseCluster(inputs, { includeTerminatedPods: true });
  const kinds: Record<string, number> = {};
  for (const issue of raw.issues.filter((i) => i.severity === 'error')) {
    const kind = errorKind(issue.message, formatPath(issue.path));
    kinds[kind] = (kinds[kind] ?? 0) + 1;
  }
  expect(kinds, 'errors before repair').toEqual(REPAIRS[expected.case] ?? {});
  if (raw.ok) return raw.cluster;
  const repaired = inputs.map(({ name, text }) => {
    const docs = loadAll(text).map(repairObject);
    const out = name.endsWith('.json')
      ? docs.map((d) => JSON.stringify(d)).join('\n')
      : docs.map((d) => dump(d)).join('---\n');
    return { name, text: out };
  });
  const parsed = parseCluster(repaired, { includeTerminatedPods: true });
  if (!parsed.ok) {
    const errors = parsed.issues.filter((i) => i.severity === 'error');
    expect.fail(errors.map((i) => `${i.file}: ${formatPath(i.path)}: ${i.message}`).join('\n'));
  }
  return parsed.cluster;
}
