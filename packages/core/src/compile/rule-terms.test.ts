import { describe, expect, it } from 'vitest';
import { cluster, ns, pod, policy } from '../../test/support/build.js';
import { Bitset } from '../bitset/index.js';
import type { Cluster } from '../model/index.js';
import { resolveSemantics } from '../model/index.js';
import { ClassSelection } from './class-selection.js';
import { buildAddressAtoms, podAddressAtoms } from './pod-address-atoms.js';
import { groupPodClasses } from './pod-classes.js';
import { buildPodTable } from './pod-table.js';
import { allPeers, normalizePolicy } from './policy-ir.js';
import { RuleTerms, selectorKey } from './rule-terms.js';

function stages(input: Cluster) {
  const table = buildPodTable(input, resolveSemantics());
  const policies = [...input.policies].map(normalizePolicy);
  const addresses = buildAddressAtoms(
    [...allPeers(policies)].filter((peer) => peer.kind === 'ipBlock'),
  );
  const atomsOfPod = podAddressAtoms(table.pods, addresses, true, table.nodeTraffic);
  const classes = groupPodClasses(
    table.pods,
    table.namespaceOfPod,
    new Set(),
    (i) => atomsOfPod[i] ?? [],
    (i) => table.nodeTraffic[i] === 1,
  );
  const selection = new ClassSelection(table, classes);
  const atomsOfClass = Array.from(classes.representative, (i) => atomsOfPod[i] ?? []);
  const terms = new RuleTerms(selection, addresses, atomsOfClass, table.namespaceIndex);
  const classOf = (name: string): number => classes.classOf[table.podIndex.get(name) ?? -1] ?? -1;
  return { table, policies, addresses, classes, terms, classOf };
}

const input = cluster({
  namespaces: [ns('a', { env: 'prod' }), ns('b', { env: 'dev' })],
  pods: [
    pod('a/web', { labels: { app: 'web' }, ips: ['10.0.0.1'] }),
    pod('a/db', { labels: { app: 'db' }, ips: ['10.0.1.1'] }),
    pod('b/web', { labels: { app: 'web' }, ips: ['10.1.0.1'] }),
    pod('b/node', { labels: { app: 'web' }, ips: ['10.0.0.9'], hostNetwork: true }),
  ],
  policies: [
    policy('a/p', {
      ingress: [
        { from: [{ podSelector: { matchLabels: { app: 'web' } } }] },
        // The same peer written again, and once more with the same meaning.
        { from: [{ podSelector: { matchLabels: { app: 'web' } } }], ports: [{ port: 80 }] },
        { from: [{ namespaceSelector: { matchLabels: { env: 'dev' } } }] },
        { from: [{ ipBlock: { cidr: '10.0.0.0/16', except: ['10.0.1.0/24'] } }] },
        {},
      ],
    }),
  ],
});

describe('RuleTerms', () => {
  it('gives rules whose peers match the same things one term', () => {
    const s = stages(input);
    const [r0, r1, r2] = s.policies[0]?.ingress ?? [];
    const p = s.policies[0] as (typeof s.policies)[0];
    expect(s.terms.ruleTerm(p, r0 as NonNullable<typeof r0>)).toBe(
      s.terms.ruleTerm(p, r1 as NonNullable<typeof r1>),
    );
    expect(s.terms.ruleTerm(p, r2 as NonNullable<typeof r2>)).not.toBe(
      s.terms.ruleTerm(p, r0 as NonNullable<typeof r0>),
    );
  });

  it('builds rows of classes then addresses, as the rules say', () => {
    const s = stages(input);
    const p = s.policies[0] as (typeof s.policies)[0];
    const rowOf = (r: number): number[] => {
      const row = new Bitset(s.terms.width);
      s.terms.orInto(s.terms.ruleTerm(p, p.ingress[r] as (typeof p.ingress)[0]), row);
      return row.toArray();
    };
    const C = s.classes.count;
    // A pod selector without a namespace selector: the policy's namespace only.
    expect(rowOf(0)).toEqual([s.classOf('a/web')]);
    // A namespace selector picks pods of namespace b, but never node traffic.
    expect(rowOf(2)).toEqual([s.classOf('b/web')]);
    // An ipBlock: the atoms inside it, and the classes with an address there (node traffic too).
    const [block] = s.addresses.blockSets.values();
    const atoms = block === undefined ? [] : s.addresses.ipAtoms.atomsOf(block);
    expect(atoms.length).toBeGreaterThan(0);
    expect(rowOf(3)).toEqual(
      [s.classOf('a/web'), s.classOf('b/node'), ...atoms.map((a) => C + a)].sort((x, y) => x - y),
    );
    // No peers: everything.
    expect(rowOf(4)).toHaveLength(s.terms.width);
  });

  it('answers single columns as its rows do, named-port terms kept to their classes', () => {
    const s = stages(input);
    const p = s.policies[0] as (typeof s.policies)[0];
    const rule = p.ingress[4] as (typeof p.ingress)[0];
    const restricted = s.terms.namedTerm(
      p,
      rule,
      'TCP/http',
      0,
      Bitset.fromIndices(s.classes.count, [s.classOf('a/db')]),
    );
    for (const r of p.ingress) s.terms.ruleTerm(p, r);
    expect(s.terms.count).toBe(5);
    for (let t = 0; t < s.terms.count; t++) {
      const row = new Bitset(s.terms.width);
      s.terms.orInto(t, row);
      for (let x = 0; x < s.terms.width; x++)
        expect(s.terms.has(t, x), `term ${t} column ${x}`).toBe(row.has(x));
    }
    const row = new Bitset(s.terms.width);
    s.terms.orInto(restricted, row);
    expect(row.toArray()).toEqual([s.classOf('a/db')]);
  });

  it('sets the few columns of a sparse term into a wide row, keeping what was there', () => {
    // 300 classes: a term matching one of them is kept as its column, not as a whole row.
    const pods = Array.from({ length: 300 }, (_, i) => pod(`a/p${i}`, { labels: { i: `${i}` } }));
    const wide = stages(
      cluster({
        namespaces: [ns('a')],
        pods,
        policies: [
          policy('a/p', {
            ingress: [{ from: [{ podSelector: { matchLabels: { i: '7' } } }] }, {}],
          }),
        ],
      }),
    );
    const p = wide.policies[0] as (typeof wide.policies)[0];
    const [one, all] = p.ingress.map((rule) => wide.terms.ruleTerm(p, rule));
    const row = Bitset.fromIndices(wide.terms.width, [0, 299]);
    wide.terms.orInto(one as number, row);
    wide.terms.orInto(one as number, row);
    expect(row.toArray()).toEqual([0, wide.classOf('a/p7'), 299].sort((x, y) => x - y));
    wide.terms.orInto(all as number, row);
    expect(row.count()).toBe(wide.terms.width);
  });

  it('spells selectors canonically', () => {
    const a = {
      matchLabels: new Map([
        ['x', '1'],
        ['y', '2'],
      ]),
      matchExpressions: [{ key: 'k', operator: 'In' as const, values: ['b', 'a', 'a'] }],
    };
    const b = {
      matchLabels: new Map([
        ['y', '2'],
        ['x', '1'],
      ]),
      matchExpressions: [{ key: 'k', operator: 'In' as const, values: ['a', 'b'] }],
    };
    expect(selectorKey(a)).toBe(selectorKey(b));
    expect(selectorKey({ ...b, matchLabels: new Map([['x', '1']]) })).not.toBe(selectorKey(b));
  });
});
