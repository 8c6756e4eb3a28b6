// The differential tests only mean something if the generated clusters exercise the rules:
// selectors that match, policies that isolate, named ports that resolve, ipBlocks that matter.
// This test measures that over a fixed sample and fails when the generator drifts to vacuity.

import fc from 'fast-check';
import { expect, it } from 'vitest';
import { cluster } from '../../src/arbitraries/index.js';
import type { Cluster } from '../../src/model/index.js';
import type { Explanation } from '../../src/query/index.js';
import { compile } from '../../src/query/index.js';
import { endpointsOf, loadGenerated } from './differential.js';

function countRuleKinds(c: Cluster, e: Explanation): { named: number; ipBlock: number } {
  let named = 0;
  let ipBlock = 0;
  for (const rule of [...e.ingress.allowedBy, ...e.egress.allowedBy]) {
    const policy = c.policies.find(
      (p) => p.name === rule.policy.name && p.namespace === rule.policy.namespace,
    );
    const r = policy?.[rule.direction][rule.ruleIndex];
    if (rule.portIndex !== undefined && typeof r?.ports?.[rule.portIndex]?.port === 'string')
      named++;
    if (rule.peerIndex !== undefined && r?.peers?.[rule.peerIndex]?.kind === 'ipBlock') ipBlock++;
  }
  return { named, ipBlock };
}

it('generated clusters mix allowed and denied answers, named ports and ipBlocks', () => {
  let allowed = 0;
  let denied = 0;
  let namedPortAllows = 0;
  let ipBlockAllows = 0;
  for (const manifests of fc.sample(cluster(), { numRuns: 300, seed: 42 })) {
    const c = loadGenerated(manifests);
    const engine = compile(c);
    const endpoints = endpointsOf(c);
    for (const from of endpoints) {
      for (const to of endpoints) {
        if ('address' in from && 'address' in to) continue;
        for (const port of [53, 80, 443, 8080, 9090]) {
          const e = engine.explain(from, to, { port, protocol: 'TCP' });
          if (e.allowed) allowed++;
          else denied++;
          const kinds = countRuleKinds(c, e);
          namedPortAllows += kinds.named;
          ipBlockAllows += kinds.ipBlock;
        }
      }
    }
  }
  const total = allowed + denied;
  expect(denied / total).toBeGreaterThan(0.1);
  expect(allowed / total).toBeGreaterThan(0.1);
  expect(namedPortAllows).toBeGreaterThan(50);
  expect(ipBlockAllows).toBeGreaterThan(50);
});
