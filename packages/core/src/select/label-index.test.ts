import { describe, expect, it } from 'vitest';
import type { LabelSelector, LabelSelectorRequirement } from '../model/index.js';
import { compileSelector } from './compile-selector.js';
import { LabelIndex } from './label-index.js';
import { matchesLabels } from './matches-labels.js';

const labels = (o: Record<string, string>): Map<string, string> => new Map(Object.entries(o));
const sel = (
  matchLabels: Record<string, string>,
  matchExpressions: LabelSelectorRequirement[] = [],
): LabelSelector => ({ matchLabels: labels(matchLabels), matchExpressions });

const items = [
  labels({ app: 'web', tier: 'front' }),
  labels({ app: 'db', tier: 'back' }),
  labels({ app: 'web' }),
  new Map([['__proto__', 'x']]),
  new Map<string, string>(),
];

describe('LabelIndex', () => {
  const index = new LabelIndex(items);

  it('indexes keys and key=value pairs', () => {
    expect(index.size).toBe(5);
    expect(index.withKey('app').toArray()).toEqual([0, 1, 2]);
    expect(index.withValue('app', 'web').toArray()).toEqual([0, 2]);
    expect(index.withKey('nope').isEmpty()).toBe(true);
    expect(index.withValue('app', 'nope').isEmpty()).toBe(true);
    expect(index.valuesOf('app')).toEqual(['web', 'db']);
    expect(index.keyCount).toBe(3);
  });

  it('treats __proto__ as an ordinary key', () => {
    expect(index.withKey('__proto__').toArray()).toEqual([3]);
    const proto: LabelSelector = {
      matchLabels: new Map([['__proto__', 'x']]),
      matchExpressions: [],
    };
    expect(index.select(proto).toArray()).toEqual([3]);
    expect(index.withKey('constructor').isEmpty()).toBe(true);
    expect(index.withKey('toString').size).toBe(5);
  });

  it('selects with each operator', () => {
    expect(index.select(sel({})).toArray()).toEqual([0, 1, 2, 3, 4]);
    expect(index.select(sel({ app: 'web' })).toArray()).toEqual([0, 2]);
    expect(index.select(sel({ app: 'web', tier: 'front' })).toArray()).toEqual([0]);
    expect(index.select(sel({ app: 'zzz' })).toArray()).toEqual([]);
    const expr = (operator: LabelSelectorRequirement['operator'], values: string[] = []) =>
      index.select(sel({}, [{ key: 'app', operator, values }])).toArray();
    expect(expr('In', ['web', 'db'])).toEqual([0, 1, 2]);
    expect(expr('In', [])).toEqual([]);
    expect(expr('NotIn', ['web'])).toEqual([1, 3, 4]);
    expect(expr('NotIn', [])).toEqual([0, 1, 2, 3, 4]);
    expect(expr('Exists')).toEqual([0, 1, 2]);
    expect(expr('DoesNotExist')).toEqual([3, 4]);
  });

  it('returns a fresh bitset from select and leaves cached sets untouched', () => {
    const a = index.select(sel({ app: 'web' }));
    a.clear();
    expect(index.withValue('app', 'web').toArray()).toEqual([0, 2]);
    expect(index.select(sel({ app: 'web' })).toArray()).toEqual([0, 2]);
    const b = index.select(sel({}, [{ key: 'nope', operator: 'DoesNotExist', values: [] }]));
    b.clear();
    expect(index.withKey('nope').isEmpty()).toBe(true);
  });

  it('handles sparse and dense postings alike for In over many items', () => {
    const many = Array.from({ length: 1000 }, (_, i) =>
      labels({ id: String(i), parity: String(i % 2) }),
    );
    const big = new LabelIndex(many);
    const s = sel({}, [{ key: 'id', operator: 'In', values: ['3', '500', '999', 'x'] }]);
    expect(big.select(s).toArray()).toEqual([3, 500, 999]);
    const d = sel({}, [{ key: 'parity', operator: 'NotIn', values: ['0'] }]);
    expect(big.select(d).count()).toBe(500);
    expect(
      big
        .select(d)
        .toArray()
        .every((i) => i % 2 === 1),
    ).toBe(true);
  });

  it('handles an empty item list', () => {
    const none = new LabelIndex([]);
    expect(none.select(sel({})).size).toBe(0);
    expect(none.withKey('a').size).toBe(0);
  });
});

describe('matchesLabels and compileSelector', () => {
  it('agree on hand-written cases', () => {
    const s = sel({ app: 'web' }, [{ key: 'tier', operator: 'NotIn', values: ['back'] }]);
    const f = compileSelector(s);
    for (const l of items) expect(f(l)).toBe(matchesLabels(l, s));
    expect(items.map((l) => matchesLabels(l, s))).toEqual([true, false, true, false, false]);
    expect(compileSelector(sel({}))(new Map())).toBe(true);
  });
});
