import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Bitset } from './bitset.js';

const sized = fc.integer({ min: 0, max: 130 }).chain((size) => {
  const idx =
    size === 0 ? fc.constant<number[]>([]) : fc.array(fc.nat(size - 1), { maxLength: 60 });
  return fc.record({ size: fc.constant(size), a: idx, b: idx });
});

const model = (xs: readonly number[]): Set<number> => new Set(xs);
const sorted = (s: Set<number>): number[] => [...s].sort((x, y) => x - y);

describe('Bitset agrees with Set<number>', () => {
  it('on or, and, andNot, xor, invert', () => {
    fc.assert(
      fc.property(sized, ({ size, a, b }) => {
        const A = model(a);
        const B = model(b);
        const bsA = Bitset.fromIndices(size, a);
        const bsB = Bitset.fromIndices(size, b);
        expect(bsA.clone().or(bsB).toArray()).toEqual(sorted(new Set([...A, ...B])));
        expect(bsA.clone().and(bsB).toArray()).toEqual(
          sorted(new Set([...A].filter((x) => B.has(x)))),
        );
        expect(bsA.clone().andNot(bsB).toArray()).toEqual(
          sorted(new Set([...A].filter((x) => !B.has(x)))),
        );
        const sym = new Set([...A, ...B].filter((x) => A.has(x) !== B.has(x)));
        expect(bsA.clone().xor(bsB).toArray()).toEqual(sorted(sym));
        const all = Array.from({ length: size }, (_, i) => i);
        expect(bsA.clone().invert().toArray()).toEqual(all.filter((x) => !A.has(x)));
      }),
    );
  });

  it('on predicates, count, iteration and first', () => {
    fc.assert(
      fc.property(sized, ({ size, a, b }) => {
        const A = model(a);
        const B = model(b);
        const bsA = Bitset.fromIndices(size, a);
        const bsB = Bitset.fromIndices(size, b);
        expect(bsA.count()).toBe(A.size);
        expect(bsA.isEmpty()).toBe(A.size === 0);
        expect(bsA.intersects(bsB)).toBe([...A].some((x) => B.has(x)));
        expect(bsA.isSubsetOf(bsB)).toBe([...A].every((x) => B.has(x)));
        expect(bsA.equals(bsB)).toBe(A.size === B.size && [...A].every((x) => B.has(x)));
        expect([...bsA]).toEqual(sorted(A));
        expect(bsA.first()).toBe(A.size === 0 ? -1 : Math.min(...A));
        for (let i = 0; i < size; i++) expect(bsA.has(i)).toBe(A.has(i));
        for (const x of b) bsA.delete(x);
        expect(bsA.toArray()).toEqual(sorted(A).filter((x) => !B.has(x)));
      }),
    );
  });

  it('fill and clear keep tail words consistent with count', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 200 }), (size) => {
        const s = Bitset.full(size);
        expect(s.count()).toBe(size);
        expect(s.equals(new Bitset(size).invert())).toBe(true);
        expect(s.clear().isEmpty()).toBe(true);
      }),
    );
  });
});
