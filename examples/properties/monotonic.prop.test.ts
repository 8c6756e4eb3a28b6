// A metamorphic property: widening a policy never takes a connection away. It holds for any
// cluster, so it runs over generated ones.

import type { Cluster, Endpoint } from '@kube-reach/core';
import { compile, loadCluster } from '@kube-reach/core';
import type {
  EgressRuleManifest,
  IngressRuleManifest,
  NetworkPolicyManifest,
} from '@kube-reach/core/arbitraries';
import {
  cluster,
  clusterToList,
  egressRule,
  ingressRule,
  POOLS,
  traffic,
} from '@kube-reach/core/arbitraries';
import { reachMatchers } from '@kube-reach/core/vitest';
import fc from 'fast-check';
import { expect, it } from 'vitest';

expect.extend(reachMatchers);

// #region monotonic
/**
 * The policy with one more rule. Its policyTypes are written out first: an egress rule added
 * to a policy without policyTypes also turns egress isolation on, which does remove
 * connections (Kubernetes adds Egress to the defaulted policyTypes when `egress` is not empty).
 */
function withRule(
  policy: NetworkPolicyManifest,
  rule: { ingress: IngressRuleManifest } | { egress: EgressRuleManifest },
): NetworkPolicyManifest {
  const { spec } = policy;
  const policyTypes = spec.policyTypes ?? [
    'Ingress',
    ...(spec.egress?.length ? (['Egress'] as const) : []),
  ];
  return {
    ...policy,
    spec:
      'ingress' in rule
        ? { ...spec, policyTypes, ingress: [...(spec.ingress ?? []), rule.ingress] }
        : { ...spec, policyTypes, egress: [...(spec.egress ?? []), rule.egress] },
  };
}

const anyRule = fc.oneof(
  ingressRule().map((r) => ({ ingress: r })),
  egressRule().map((r) => ({ egress: r })),
);

const endpoints = (c: Cluster): Endpoint[] => [
  ...c.pods,
  ...POOLS.addresses.map((address) => ({ address })),
];

it('adding an allow rule to a policy never removes a connection', () => {
  fc.assert(
    fc.property(
      cluster({ minPolicies: 1 }),
      fc.nat(),
      anyRule,
      fc.array(traffic(), { minLength: 1, maxLength: 3 }),
      (manifests, pick, rule, samples) => {
        const index = pick % manifests.policies.length;
        const widened = {
          ...manifests,
          policies: manifests.policies.map((p, i) => (i === index ? withRule(p, rule) : p)),
        };
        const before = loadCluster(JSON.stringify(clusterToList(manifests)));
        const after = compile(loadCluster(JSON.stringify(clusterToList(widened))));
        const engine = compile(before);
        for (const from of endpoints(before)) {
          for (const to of endpoints(before)) {
            for (const t of samples) {
              // canReach checks; the matcher reports a lost connection with its explanation.
              if (engine.canReach(from, to, t) && !after.canReach(from, to, t)) {
                expect(after).toAllow({ from, to, ...t });
              }
            }
          }
        }
      },
    ),
    { numRuns: 200 },
  );
}, 30_000);
// #endregion monotonic

it('needs the pinned policyTypes: without them an added egress rule can remove a connection', () => {
  const result = fc.check(
    fc.property(cluster({ minPolicies: 1 }), egressRule(), traffic(), (manifests, rule, t) => {
      const [first, ...rest] = manifests.policies;
      if (first === undefined) return true;
      const naive = {
        ...first,
        spec: { ...first.spec, egress: [...(first.spec.egress ?? []), rule] },
      };
      const before = compile(loadCluster(JSON.stringify(clusterToList(manifests))));
      const after = compile(
        loadCluster(JSON.stringify(clusterToList({ ...manifests, policies: [naive, ...rest] }))),
      );
      return before.pods.every((from) =>
        before.pods.every((to) => !before.canReach(from, to, t) || after.canReach(from, to, t)),
      );
    }),
    { numRuns: 2000, seed: 1, endOnFailure: true },
  );
  expect(result.failed).toBe(true);
  expect(String(result.errorInstance)).toMatch(/returning false/);
}, 30_000);
