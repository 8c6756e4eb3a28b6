import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { LabelSelector, LabelSelectorRequirement, Labels } from '../model/index.js';
import { compileSelector } from './compile-selector.js';
import { LabelIndex } from './label-index.js';
import { matchesLabels } from './matches-labels.js';

// Small pools so that selectors actually hit; one unknown key/value and `__proto__` included.
const keys = ['app', 'tier', '__proto__', 'env'];
const values = ['a', 'b', 'c', 'constructor'];
const arbKey = fc.constantFrom(...keys, 'unknown');
const arbValue = fc.constantFrom(...values, 'zzz');

const arbLabels: fc.Arbitrary<Labels> = fc
  .array(fc.tuple(fc.constantFrom(...keys), fc.constantFrom(...values)), { maxLength: 4 })
  .map((pairs) => new Map(pairs));

const arbRequirement: fc.Arbitrary<LabelSelectorRequirement> = fc.oneof(
  fc.record({
    key: arbKey,
    operator: fc.constantFrom('In' as const, 'NotIn' as const),
    values: fc.array(arbValue, { maxLength: 3 }),
  }),
  fc.record({
    key: arbKey,
    operator: fc.constantFrom('Exists' as const, 'DoesNotExist' as const),
    values: fc.constant([]),
  }),
);

const arbSelector: fc.Arbitrary<LabelSelector> = fc.record({
  matchLabels: fc
    .array(fc.tuple(arbKey, arbValue), { maxLength: 2 })
    .map((pairs) => new Map(pairs)),
  matchExpressions: fc.array(arbRequirement, { maxLength: 3 }),
});

describe('LabelIndex.select', () => {
  it('agrees with matchesLabels and compileSelector', () => {
    fc.assert(
      fc.property(
        fc.array(arbLabels, { maxLength: 80 }),
        fc.array(arbSelector, { minLength: 1, maxLength: 4 }),
        (items, selectors) => {
          const index = new LabelIndex(items);
          for (const selector of selectors) {
            const expected = items.flatMap((l, i) => (matchesLabels(l, selector) ? [i] : []));
            expect(index.select(selector).toArray()).toEqual(expected);
            const f = compileSelector(selector);
            expect(items.flatMap((l, i) => (f(l) ? [i] : []))).toEqual(expected);
          }
        },
      ),
    );
  });
});
