// The seed's `dev` namespace is sealed by `deny-all`: whatever pod is added there, in any
// version of the manifests, nothing gets in or out.

import { compile, formatPodRef } from '@kube-reach/core';
import { podIn, poolsOf, traffic, withObjects } from '@kube-reach/core/arbitraries';
import { reachMatchers } from '@kube-reach/core/vitest';
import fc from 'fast-check';
import { expect, it } from 'vitest';
import { loadExample } from './load.js';

expect.extend(reachMatchers);

const seed = await loadExample('seed');

// #region seed
it('no pod that could be added to dev reaches anything, and nothing reaches it', () => {
  const addresses = poolsOf(seed).addresses;
  fc.assert(
    fc.property(podIn(seed, { namespace: 'dev' }), traffic(), (pod, t) => {
      const engine = compile(withObjects(seed, [pod]));
      const added = `dev/${pod.metadata.name}`;
      expect(engine).toAllowOnly(added, [], t); // no pod reaches it
      for (const other of engine.pods) {
        if (formatPodRef(other) === added) continue;
        expect(engine).not.toAllow({ from: added, to: other, ...t });
      }
      for (const address of addresses) {
        expect(engine).not.toAllow({ from: added, to: address, ...t });
        expect(engine).not.toAllow({ from: address, to: added, ...t });
      }
    }),
    { numRuns: 200 },
  );
}, 30_000);
// #endregion seed
