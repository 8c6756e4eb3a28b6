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
// - hostNetwork pods are selected and isolated like any other pod (its rule 10). That is also
//   our default, so nothing is set for it.
// Every other difference would be a bug, ours or upstream's; KNOWN_DIFFERENCES lists the ones
// where the Kubernetes documentation shows upstream is wrong (none so far).

import { describe, expect, it } from 'vitest';
import type { Cluster, ConnectionSet, Endpoint, SemanticsOptions } from '../../src/model/index.js';
import { parseCluster } from '../../src/parse/index.js';
import { formatPath } from '../../src/parse/issue.js';
import { referenceConnections } from '../../src/reference/index.js';
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
  readInputs,
} from './netpol-analyzer-corpus.js';

/** Upstream's plugin-dependent choice, see above. */
const UPSTREAM_SEMANTICS: Partial<SemanticsOptions> = { ipBlockMatchesPods: false };

/**
 * Differences from upstream that the Kubernetes documentation decides in our favour: for each
 * case, the exact diff lines we expect (as `diffPairs` prints them) and why.
 */
const KNOWN_DIFFERENCES: Readonly<
  Record<string, { readonly lines: readonly string[]; readonly why: string }>
> = {};

/**
 * Cases whose input an API server would reject. Upstream reads them anyway; our parser, like
 * Kubernetes, refuses them, and the test asserts exactly that (`issues`, as
 * `file: path (code)`). To still check the semantics upstream computed, the test then applies
 * the smallest textual repair that makes the input valid without changing anything the analysis
 * reads, and compares that with upstream's pairs exactly.
 */
const INVALID_INPUTS: Readonly<Record<string, InvalidInput>> = {
  // `containerport` (lower-case p) is an unknown field, so the port has no containerPort, which
  // the API server requires (1-65535). Upstream reads it as port 0. The port is named `udps`
  // and no policy names `udps`, so its number plays no part: spelling the field right is neutral.
  netpol_named_port_test: containerPortTypo(),
  netpol_named_port_test_2: containerPortTypo(),
  // Controller ownerReferences without `kind` (nor apiVersion/uid): the API server rejects them.
  // Upstream groups such pods as `<ns>/<owner name>[Pod]`, that is, it reads the missing kind as
  // `Pod`; writing `kind: Pod` reproduces that grouping. Owners play no part in policy matching.
  example_pods_w_same_owner_and_labels_gap_no_policy: kindlessOwners([]),
  // Same, and a NetworkPolicy name with `_`, which is not a DNS-1123 subdomain as NetworkPolicy
  // names must be. Policy names play no part in policy semantics.
  example_pods_w_same_owner_and_labels_gap_with_policy_selector_not_in_gap: kindlessOwners([
    ['use_common_labels_same_values', 'use-common-labels-same-values'],
  ]),
  example_pods_w_same_owner_and_labels_gap_with_good_match_expression: kindlessOwners([
    ['use_common_labels_same_values', 'use-common-labels-same-values'],
  ]),
  example_pods_w_same_owner_and_labels_gap_with_good_match_expression2: kindlessOwners([
    ['use_match_exp_with_all_gap_values_of_app', 'use-match-exp-with-all-gap-values-of-app'],
  ]),
};

interface InvalidInput {
  /** The errors the parser must report, as `file: path (code)`. */
  readonly issues: readonly string[];
  /** Text replacements, each of which must occur exactly `count` times in `file`. */
  readonly repairs: readonly { file: string; from: string; to: string; count: number }[];
}

function containerPortTypo(): InvalidInput {
  return {
    issues: ['pods.yaml: spec.template.spec.containers[0].ports[1].containerPort (missing-field)'],
    repairs: [
      { file: 'pods.yaml', from: 'containerport: 3535', to: 'containerPort: 3535', count: 1 },
    ],
  };
}

function kindlessOwners(policyNames: readonly [string, string][]): InvalidInput {
  // (The file has CRLF line ends; the inserted line break is a plain LF, which YAML accepts.)
  const owner = '- name: internal-security';
  return {
    issues: [
      ...policyNames.map(() => 'netpol.yaml: metadata.name (invalid-name)'),
      'pods.yaml: metadata.ownerReferences[0].kind (missing-field)',
      'pods.yaml: metadata.ownerReferences[0].kind (missing-field)',
    ],
    repairs: [
      ...policyNames.map(([from, to]) => ({
        file: 'netpol.yaml',
        from: `name: ${from}`,
        to: `name: ${to}`,
        count: 1,
      })),
      {
        file: 'pods.yaml',
        from: owner,
        to: '- kind: Pod\n      name: internal-security',
        count: 2,
      },
    ],
  };
}

const CASES = corpusCases(['netpol-v1', 'netpol-v1-ingress-lines-dropped']);

describe('netpol-analyzer corpus, NetworkPolicy v1 (reference evaluator)', () => {
  it('has the 45 NetworkPolicy v1 cases', () => {
    expect(CASES).toHaveLength(45);
  });

  for (const name of CASES) {
    it(name, () => {
      const expected = readCase(name);
      let inputs = readInputs(expected);
      const invalid = INVALID_INPUTS[name];
      if (invalid !== undefined) {
        const raw = parseCluster(inputs, { includeTerminatedPods: true });
        const errors = raw.issues.filter((i) => i.severity === 'error');
        expect(
          errors.map((i) => `${i.file}: ${formatPath(i.path)} (${i.code})`),
          'invalid input',
        ).toEqual(invalid.issues);
        inputs = repair(inputs, invalid);
      }
      const parsed = parseCluster(inputs, { includeTerminatedPods: true });
      if (!parsed.ok) {
        const errors = parsed.issues.filter((i) => i.severity === 'error');
        expect.fail(
          `parse failed:\n${errors.map((i) => `  ${i.file}: ${formatPath(i.path)}: ${i.message} (${i.code})`).join('\n')}`,
        );
      }
      const cluster = parsed.cluster;
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

function repair(inputs: readonly { name: string; text: string }[], invalid: InvalidInput) {
  return inputs.map(({ name, text }) => {
    let repaired = text;
    for (const { file, from, to, count } of invalid.repairs) {
      if (file !== name) continue;
      expect(
        repaired.split(from).length - 1,
        `occurrences of ${JSON.stringify(from)} in ${file}`,
      ).toBe(count);
      repaired = repaired.replaceAll(from, to);
    }
    return { name, text: repaired };
  });
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
