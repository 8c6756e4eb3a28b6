// The shop's database is the asset: however many web pods are added to `shop`, with whatever
// other labels and ports, only the api tier reaches the database on 5432.

import { compile, formatPodRef } from '@kube-reach/core';
import { podsIn, withObjects } from '@kube-reach/core/arbitraries';
import { reachMatchers } from '@kube-reach/core/vitest';
import fc from 'fast-check';
import { expect, it } from 'vitest';
import { loadExample } from './load.js';

expect.extend(reachMatchers);

const shop = await loadExample('shop');

// #region shop
it('whatever tier=web pods are added to shop, the database accepts only tier=api on 5432', () => {
  fc.assert(
    fc.property(podsIn(shop, { namespace: 'shop', labels: { tier: 'web' } }), (pods) => {
      const cluster = withObjects(shop, pods);
      const apiTier = cluster.pods
        .filter((p) => p.namespace === 'shop' && p.labels.get('tier') === 'api')
        .map(formatPodRef);
      expect(compile(cluster)).toAllowOnly('shop/statefulset/db', apiTier, { port: 5432 });
    }),
    { numRuns: 200 },
  );
}, 30_000);
// #endregion shop

it('the property is not vacuous: the api tier is there, and added web pods reach the api', () => {
  const [pod] = fc.sample(podsIn(shop, { namespace: 'shop', labels: { tier: 'web' } }), {
    numRuns: 1,
    seed: 1,
  });
  const engine = compile(withObjects(shop, pod ?? []));
  expect(engine).toAllow({ from: 'shop/deployment/api', to: 'shop/statefulset/db', port: 5432 });
  expect(engine).toAllow({ from: 'shop/added-0', to: 'shop/deployment/api', port: 8080 });
  expect(engine).not.toAllow({ from: 'shop/added-0', to: 'shop/statefulset/db', port: 5432 });
});
