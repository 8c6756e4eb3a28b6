import { compile, paths } from '@kube-reach/core';
import { describe, expect, it } from 'vitest';
import { exampleLoader } from '../support/load-example.js';

const before = exampleLoader(new URL('./before/', import.meta.url));
const after = exampleLoader(new URL('./after/', import.meta.url));

describe('examples/diff: the debugging leftover as lateral movement', () => {
  it('before: a compromised web reaches the database in 1 hop on 5432', async () => {
    const r = paths(
      compile((await before()).cluster),
      'shop/deployment/web',
      'shop/statefulset/db',
    );
    expect(r.distance).toBe(1);
    const hop = r.paths[0]?.hops[0];
    expect(hop).toMatchObject({ protocol: 'TCP', port: 5432 });
    expect(hop?.egress?.allowedBy.map((x) => x.policy.name)).toEqual(['debug-web-to-db']);
    expect(hop?.ingress?.allowedBy.map((x) => x.policy.name)).toEqual(['db-debug-ingress']);
  });

  it('after: no path in 1 hop; the api is the only way (2 hops)', async () => {
    const engine = compile((await after()).cluster);
    const oneHop = paths(engine, 'shop/deployment/web', 'shop/statefulset/db', { maxHops: 1 });
    expect(oneHop).toMatchObject({ distance: null, paths: [] });
    const any = paths(engine, 'shop/deployment/web', 'shop/statefulset/db', { k: 3 });
    expect(any.paths.map((p) => p.steps.map((s) => s.name))).toEqual([
      ['shop/deployment/web', 'shop/deployment/api', 'shop/statefulset/db'],
    ]);
  });

  it('neither version lets the internet reach the database (no ingress controller here)', async () => {
    for (const load of [before, after]) {
      const r = paths(compile((await load()).cluster), 'external', 'shop/statefulset/db');
      expect(r.distance).toBeNull();
    }
  });
});
