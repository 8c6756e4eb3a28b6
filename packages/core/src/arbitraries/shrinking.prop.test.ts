// Counterexamples must shrink to something a person can read: no filters or chains that stop
// fast-check from taking parts away.

import fc from 'fast-check';
import { expect, it } from 'vitest';
import { cluster, networkPolicy, pod } from './index.js';

function counterexample<T>(arb: fc.Arbitrary<T>, holds: (value: T) => boolean): T {
  const result = fc.check(fc.property(arb, holds), { numRuns: 1000, seed: 11 });
  if (!result.failed || result.counterexample === null) throw new Error('the property held');
  return result.counterexample[0];
}

it('a cluster shrinks to one pod and the one policy that breaks the property', () => {
  const c = counterexample(cluster(), (m) => m.policies.length === 0);
  expect(c.namespaces).toEqual([]);
  expect(c.pods).toHaveLength(1);
  expect(c.policies).toEqual([
    {
      apiVersion: 'networking.k8s.io/v1',
      kind: 'NetworkPolicy',
      metadata: { name: 'policy-0', namespace: 'alpha' },
      spec: { podSelector: {} },
    },
  ]);
});

it('a policy shrinks to the one rule, peer and port that matter', () => {
  const p = counterexample(
    networkPolicy(),
    (m) => !m.spec.ingress?.some((r) => r.from?.some((x) => 'ipBlock' in x)),
  );
  expect(p.spec).toEqual({
    podSelector: {},
    ingress: [{ from: [{ ipBlock: { cidr: '10.0.0.0/24' } }] }],
  });
});

it('a pod shrinks to one container with one TCP port', () => {
  const p = counterexample(pod(), (m) =>
    m.spec.containers.every((c) => (c.ports ?? []).length === 0),
  );
  expect(p.metadata.labels).toEqual({});
  expect(p.status).toBeUndefined();
  expect(p.spec.containers).toEqual([
    {
      name: 'c0',
      image: 'registry.example/app:1',
      ports: [{ containerPort: 53, protocol: 'TCP' }],
    },
  ]);
});
