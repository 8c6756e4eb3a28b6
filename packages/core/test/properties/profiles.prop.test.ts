// The CNI profiles: under every profile, and under random knob settings, the compiled engine
// (which rewrites its input and exempts own-node traffic per class) agrees with the reference
// evaluator (which applies each knob pair by pair). Clusters get nodes whose addresses are among
// the sampled endpoint addresses, and pods placed on them, so own-node traffic is exercised.

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { traffic as trafficSample } from '../../src/arbitraries/index.js';
import type { SemanticsOptions, Traffic } from '../../src/model/index.js';
import { profileNames } from '../../src/profiles/index.js';
import { compile } from '../../src/query/index.js';
import { firstDisagreement } from './differential.js';
import { withNodes } from './with-nodes.js';

const traffic: fc.Arbitrary<Traffic[]> = fc.array(trafficSample(), { minLength: 1, maxLength: 3 });

const knobs: fc.Arbitrary<Partial<SemanticsOptions>> = fc.record(
  {
    ipBlockMatchesPods: fc.constantFrom<SemanticsOptions['ipBlockMatchesPods']>(
      true,
      false,
      'egress-only',
    ),
    hostNetworkPods: fc.constantFrom<'node' | 'pods'>('node', 'pods'),
    ipBlockMatchesNodes: fc.boolean(),
    nodeIngress: fc.constantFrom<'always' | 'gateway' | 'policed'>('always', 'gateway', 'policed'),
    egressToOwnNode: fc.constantFrom<'always' | 'policed'>('always', 'policed'),
    hostNetworkPeers: fc.constantFrom<'node-ip' | 'excluded' | 'allowed'>(
      'node-ip',
      'excluded',
      'allowed',
    ),
    endPort: fc.constantFrom<'supported' | 'ignored'>('supported', 'ignored'),
    sctp: fc.boolean(),
    namedPortsInEgress: fc.constantFrom<'supported' | 'pod-peers-only' | 'unsupported'>(
      'supported',
      'pod-peers-only',
      'unsupported',
    ),
    ipFamilies: fc.constantFrom<'dual' | 'single' | 'ipv4'>('dual', 'single', 'ipv4'),
    enforcesNetworkPolicy: fc.boolean(),
  },
  { requiredKeys: [] },
);

describe('CNI profiles: compiled engine vs reference evaluator', () => {
  for (const name of profileNames()) {
    it(`agree under ${name}`, () => {
      fc.assert(
        fc.property(withNodes, traffic, (c, t) => {
          const options = compile(c, { cni: name }).options;
          expect(firstDisagreement(c, options, t)).toBeUndefined();
        }),
        { numRuns: 40 },
      );
    });
  }

  it('agree under random knob settings, with or without a profile', () => {
    fc.assert(
      fc.property(
        withNodes,
        traffic,
        knobs,
        fc.option(fc.constantFrom(...profileNames()), { nil: undefined }),
        (c, t, given, cni) => {
          const options = compile(c, { ...given, ...(cni === undefined ? {} : { cni }) }).options;
          expect(firstDisagreement(c, options, t)).toBeUndefined();
        },
      ),
      { numRuns: 300 },
    );
  });

  // The checks above can fail: an engine that polices own-node traffic, or keeps endPort, or
  // ignores the plugin entirely, is caught against the reference's answer.
  for (const [what, profile, broken] of [
    ['polices own-node traffic', 'spec', { nodeIngress: 'policed', egressToOwnNode: 'policed' }],
    ['keeps endPort', 'azure-npm', { endPort: 'supported' }],
    ['matches pod IPs by ipBlock', 'cilium', { ipBlockMatchesPods: true }],
    ['enforces policies for flannel', 'flannel', { enforcesNetworkPolicy: true }],
  ] as const) {
    it(`catch an engine that ${what} under ${profile}`, () => {
      const result = fc.check(
        fc.property(withNodes, traffic, (c, t) => {
          const options = compile(c, { cni: profile }).options;
          const engine = compile(c, { ...options, ...broken });
          return firstDisagreement(c, options, t, engine) === undefined;
        }),
        { numRuns: 2000 },
      );
      expect(result.failed).toBe(true);
    });
  }
});
