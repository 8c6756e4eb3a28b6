// Corpus cases whose input an API server would reject, with the smallest repairs that make
// them valid without changing anything the analysis reads. Shared by the reference and the
// engine conformance suites.

import { expect } from 'vitest';

/**
 * Cases whose input an API server would reject. Upstream reads them anyway; our parser, like
 * Kubernetes, refuses them, and the test asserts exactly that (`issues`, as
 * `file: path (code)`). To still check the semantics upstream computed, the test then applies
 * the smallest textual repair that makes the input valid without changing anything the analysis
 * reads, and compares that with upstream's pairs exactly.
 */
export const INVALID_INPUTS: Readonly<Record<string, InvalidInput>> = {
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

export interface InvalidInput {
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

/** Applies the repairs, checking each occurs exactly as often as expected. */
export function repair(inputs: readonly { name: string; text: string }[], invalid: InvalidInput) {
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
