import { describe, expect, it, vi } from 'vitest';
import { cluster, ns, pod, policy, ref } from '../../test/support/build.js';
import { compileCluster } from '../compile/index.js';
import { DEFAULT_SEMANTICS } from '../model/index.js';
import { compile } from './engine.js';
import { whatIf } from './what-if.js';

const base = cluster({
  namespaces: [ns('shop', { team: 'shop' })],
  pods: [pod('shop/db', { labels: { tier: 'db' } }), pod('shop/api', { labels: { tier: 'api' } })],
  policies: [
    policy('shop/db', {
      podSelector: { matchLabels: { tier: 'db' } },
      ingress: [
        { from: [{ podSelector: { matchLabels: { tier: 'api' } } }], ports: [{ port: 5432 }] },
      ],
    }),
  ],
});

describe('whatIf', () => {
  const compiled = compileCluster(base, DEFAULT_SEMANTICS);
  const engine = compile(base);

  it('does not recompile when only pods change', () => {
    const recompile = vi.fn(compile);
    const changed = whatIf(
      engine,
      compiled,
      { add: { pods: [pod('shop/web', { labels: { tier: 'web' } })] } },
      recompile,
    );
    expect(changed.canReach(ref('shop/web'), ref('shop/db'), { port: 5432 })).toBe(false);
    expect(changed.canReach(ref('shop/api'), ref('shop/db'), { port: 5432 })).toBe(true);
    expect(changed.reachersOf(ref('shop/db'), { port: 5432 })).toEqual([
      ref('shop/api'),
      ref('shop/db'),
    ]);
    expect(recompile).not.toHaveBeenCalled();
    // Whole-cluster answers compile the changed cluster once.
    expect(changed.matrix({ port: 5432 }).pods).toHaveLength(3);
    changed.connectivity('pod');
    expect(recompile).toHaveBeenCalledTimes(1);
  });

  it('recompiles when a policy or an existing namespace changes', () => {
    const recompile = vi.fn(compile);
    const denyAll = policy('shop/deny', {});
    whatIf(engine, compiled, { add: { policies: [denyAll] } }, recompile);
    whatIf(engine, compiled, { add: { namespaces: [ns('shop', { team: 'x' })] } }, recompile);
    expect(recompile).toHaveBeenCalledTimes(2);
  });

  it('forgets removed pods', () => {
    const changed = engine.with({ remove: [{ kind: 'Pod', namespace: 'shop', name: 'api' }] });
    expect(changed.pods).toEqual([ref('shop/db')]);
    expect(() => changed.canReach(ref('shop/api'), ref('shop/db'), { port: 5432 })).toThrow(
      /no pod shop\/api/,
    );
  });
});

describe('whatIf with admin policies and nodes', () => {
  const compiled = compileCluster(base, DEFAULT_SEMANTICS);
  const engine = compile(base);
  const all = { matchLabels: new Map(), matchExpressions: [] };

  it('recompiles when an admin policy or a node is added', () => {
    for (const add of [
      {
        adminPolicies: [
          {
            name: 'guard',
            origin: 'ClusterNetworkPolicy/v1alpha2',
            tier: 'Admin',
            priority: 1,
            subject: { kind: 'namespaces', namespaceSelector: all },
            ingress: [],
            egress: [],
          } as const,
        ],
      },
      { nodes: [{ name: 'n1', labels: new Map(), addresses: ['10.0.0.1'], synthesized: false }] },
    ]) {
      const recompile = vi.fn(compile);
      const changed = whatIf(engine, compiled, { add }, recompile);
      changed.canReach(ref('shop/api'), ref('shop/db'), { port: 5432 });
      expect(recompile).toHaveBeenCalledOnce();
    }
  });
});
