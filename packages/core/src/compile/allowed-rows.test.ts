import { describe, expect, it } from 'vitest';
import { cluster, ns, pod, policy } from '../../test/support/build.js';
import type { Cluster } from '../model/index.js';
import { resolveSemantics } from '../model/index.js';
import { AllowedSetIds, RowCache } from './allowed-rows.js';
import { compileCluster } from './compiled-cluster.js';

// A small cluster with every kind of term: selectors with all operators, namespace selectors,
// ipBlocks over pod IPs, named ports resolving differently on ingress and egress.
function sample(): Cluster {
  const tiers = ['web', 'api', 'db'];
  const pods = [];
  for (let n = 0; n < 3; n++) {
    for (let i = 0; i < 9; i++) {
      const tier = tiers[i % 3] ?? 'web';
      pods.push(
        pod(`ns${n}/p${i}`, {
          labels: i % 4 === 0 ? { tier, canary: 'yes' } : { tier },
          ports: [
            { name: 'http', containerPort: 8000 + (i % 2) },
            { name: 'dns', containerPort: 53, protocol: 'UDP' },
          ],
          ips: [`10.0.${n}.${i + 1}`],
        }),
      );
    }
  }
  return cluster({
    namespaces: [ns('ns0', { env: 'prod' }), ns('ns1', { env: 'dev' }), ns('ns2')],
    pods,
    policies: [
      policy('ns0/deny', { policyTypes: ['Ingress', 'Egress'] }),
      policy('ns0/web', {
        podSelector: { matchLabels: { tier: 'web' } },
        ingress: [
          {
            from: [
              { namespaceSelector: { matchExpressions: [{ key: 'env', operator: 'Exists' }] } },
              { ipBlock: { cidr: '10.0.2.0/24', except: ['10.0.2.4/30'] } },
            ],
            ports: [{ port: 'http' }],
          },
        ],
        egress: [
          {
            to: [
              { podSelector: { matchExpressions: [{ key: 'canary', operator: 'DoesNotExist' }] } },
            ],
            ports: [{ port: 'http' }, { protocol: 'UDP', port: 'dns' }],
          },
          { to: [{ ipBlock: { cidr: '0.0.0.0/0', except: ['10.0.0.0/8'] } }] },
        ],
        policyTypes: ['Ingress', 'Egress'],
      }),
      policy('ns1/api', {
        podSelector: { matchExpressions: [{ key: 'tier', operator: 'In', values: ['api', 'db'] }] },
        ingress: [
          {
            from: [
              {
                namespaceSelector: {
                  matchExpressions: [{ key: 'env', operator: 'NotIn', values: ['dev'] }],
                },
                podSelector: { matchLabels: { tier: 'web' } },
              },
            ],
            ports: [{ port: 8000, endPort: 8100 }],
          },
        ],
      }),
      policy('ns2/egress', {
        podSelector: {},
        egress: [{ to: [{ namespaceSelector: {} }], ports: [{ port: 'http' }] }],
        policyTypes: ['Egress'],
      }),
    ],
  });
}

describe('allowed rows', () => {
  it('answer the same whether built eagerly or computed on demand', () => {
    const input = sample();
    const eager = compileCluster(input, resolveSemantics(), Number.POSITIVE_INFINITY);
    const lazy = compileCluster(input, resolveSemantics(), 0, 0);
    expect(eager.rows.lazy).toBe(false);
    expect(lazy.rows.lazy).toBe(true);
    expect(lazy.rows.count).toBe(eager.rows.count);
    // Point checks first, while no row is cached: they go through the policies' terms.
    for (let s = 0; s < eager.rows.count; s++) {
      for (let x = 0; x < eager.width; x++) {
        expect(lazy.rows.has(s, x), `set ${s} column ${x}`).toBe(eager.rows.has(s, x));
      }
    }
    for (let s = 0; s < eager.rows.count; s++) {
      expect(lazy.rows.row(s).toArray()).toEqual(eager.rows.row(s).toArray());
    }
    // The lazy compile also keeps its set tables as runs rather than dense.
    for (const direction of ['ingress', 'egress'] as const) {
      expect(lazy[direction].groupOf).toEqual(eager[direction].groupOf);
      for (let g = 0; g < eager[direction].groupCount; g++) {
        for (let k = 0; k < eager.ports.count; k++) {
          expect(lazy[direction].setAt(g, k)).toBe(eager[direction].setAt(g, k));
        }
      }
    }
  });

  it('say which of a list of sets admit a column as has() does, eager or lazy', () => {
    const input = sample();
    const eager = compileCluster(input, resolveSemantics(), Number.POSITIVE_INFINITY);
    const lazy = compileCluster(input, resolveSemantics(), 0, 0);
    // Every set, some twice, and the empty set 0, in a scrambled order.
    const ids = Array.from({ length: eager.rows.count }, (_, s) => s);
    const sets = Int32Array.from([...ids.reverse(), 0, ...ids.filter((s) => s % 2 === 1)]);
    let admitted = 0;
    for (let x = 0; x < eager.width; x++) {
      const expected = Array.from(sets, (s) => (eager.rows.has(s, x) ? 1 : 0));
      admitted += expected.reduce<number>((a, b) => a + b, 0);
      for (const rows of [eager.rows, lazy.rows]) {
        const out = new Uint8Array(sets.length).fill(7);
        rows.admitting(sets, x, out);
        expect([...out], `column ${x}`).toEqual(expected);
      }
    }
    expect(admitted).toBeGreaterThan(0);
  });

  it('deduplicates rules that match the same peers', () => {
    const compiled = compileCluster(sample(), resolveSemantics());
    // Far fewer sets than groups x port classes x directions.
    const slots = (compiled.ingress.groupCount + compiled.egress.groupCount) * compiled.ports.count;
    expect(compiled.rows.count).toBeLessThan(slots);
  });

  it('gives equal term lists one id, whatever their order and repeats', () => {
    const sets = new AllowedSetIds();
    const given = [5, 1, 5, 3];
    const a = sets.idOf(given);
    expect(given).toEqual([5, 1, 5, 3]);
    expect(sets.idOf([3, 5, 1])).toBe(a);
    expect(sets.idOf([])).toBe(0);
    const b = sets.idOf([1, 3]);
    expect(b).not.toBe(a);
    expect(sets.idOf([3, 1, 1])).toBe(b);
    const { start, terms } = sets.toArrays();
    expect(Array.from(start)).toEqual([0, 0, 3, 5]);
    expect(Array.from(terms)).toEqual([1, 3, 5, 1, 3]);
  });
});

describe('row cache', () => {
  const row = (): Int32Array => new Int32Array(2); // 8 bytes

  it('evicts the least recently used row once over budget', () => {
    const cache = new RowCache<Int32Array>(40);
    for (let key = 1; key <= 5; key++) cache.set(key, row());
    expect(cache.get(1)).toBeDefined(); // full: the hit makes 1 the newest
    cache.set(6, row());
    expect(cache.peek(1)).toBeDefined();
    expect(cache.peek(2)).toBeUndefined();
    expect([3, 4, 5, 6].every((key) => cache.peek(key) !== undefined)).toBe(true);
  });

  it('keeps insertion order for hits while under half its budget', () => {
    const cache = new RowCache<Int32Array>(40);
    cache.set(1, row());
    cache.set(2, row());
    expect(cache.get(1)).toBeDefined(); // 16 of 40 bytes: not moved
    for (let key = 3; key <= 6; key++) cache.set(key, row());
    expect(cache.peek(1)).toBeUndefined();
    expect(cache.peek(2)).toBeDefined();
  });
});
