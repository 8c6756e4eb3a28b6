import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { PortAtoms } from './port-atoms.js';
import { MAX_PORT, PortSet } from './port-set.js';

// Ports from a small universe 1..200 plus the top end, so brute force stays cheap.
const HIGH = [65530, 65535] as const;
const universe = [...Array.from({ length: 200 }, (_, i) => i + 1), ...range(HIGH[0], HIGH[1])];
function range(a: number, b: number): number[] {
  return Array.from({ length: b - a + 1 }, (_, i) => a + i);
}

const arbRange = fc
  .oneof(
    { weight: 5, arbitrary: fc.tuple(fc.integer({ min: 1, max: 200 }), fc.nat(30)) },
    { weight: 1, arbitrary: fc.tuple(fc.integer({ min: HIGH[0], max: HIGH[1] }), fc.nat(10)) },
  )
  .map(([a, len]) => [a, Math.min(a + len, a <= 200 ? 200 : MAX_PORT)] as const);
const arbPortSet = fc.array(arbRange, { maxLength: 6 }).map((rs) => PortSet.of(rs));

const toModel = (s: PortSet): Set<number> => new Set(universe.filter((p) => s.has(p)));
const fromRanges = (s: PortSet): number[] => s.ranges.flatMap(([a, b]) => range(a, b));

describe('PortSet agrees with Set<number>', () => {
  it('on union, intersect, difference and canonical form', () => {
    fc.assert(
      fc.property(arbPortSet, arbPortSet, (a, b) => {
        const A = toModel(a);
        const B = toModel(b);
        const check = (s: PortSet, pred: (p: number) => boolean): void => {
          expect(fromRanges(s)).toEqual(universe.filter(pred));
          for (let i = 1; i < s.ranges.length; i++) {
            expect(s.ranges[i]![0]).toBeGreaterThan(s.ranges[i - 1]![1] + 1);
          }
          expect(s.size).toBe(fromRanges(s).length);
        };
        check(a.union(b), (p) => A.has(p) || B.has(p));
        check(a.intersect(b), (p) => A.has(p) && B.has(p));
        check(a.difference(b), (p) => A.has(p) && !B.has(p));
        expect(a.union(b).equals(b.union(a))).toBe(true);
        expect(a.equals(b)).toBe(fromRanges(a).join() === fromRanges(b).join());
        expect(PortSet.of(a.ranges).equals(a)).toBe(true);
      }),
    );
  });

  it('difference with ALL complements', () => {
    fc.assert(
      fc.property(arbPortSet, (a) => {
        const c = PortSet.ALL.difference(a);
        expect(c.size).toBe(MAX_PORT - a.size);
        expect(c.intersect(a).isEmpty()).toBe(true);
        expect(c.union(a).isAll()).toBe(true);
      }),
    );
  });
});

describe('PortAtoms', () => {
  it('are disjoint, cover 1..65535, and every input set is a union of atoms', () => {
    fc.assert(
      fc.property(fc.array(arbPortSet, { maxLength: 5 }), (sets) => {
        const atoms = PortAtoms.fromBoundaries(sets);
        let next = 1;
        for (let i = 0; i < atoms.count; i++) {
          const [a, b] = atoms.range(i);
          expect(a).toBe(next);
          expect(b).toBeGreaterThanOrEqual(a);
          expect(atoms.atomOf(a)).toBe(i);
          expect(atoms.atomOf(b)).toBe(i);
          next = b + 1;
        }
        expect(next).toBe(MAX_PORT + 1);
        for (const s of sets) {
          const ids = atoms.atomsOf(s);
          const rebuilt = PortSet.of(ids.map((i) => atoms.range(i)));
          expect(rebuilt.equals(s)).toBe(true);
          // Every atom is inside or outside each set.
          for (let i = 0; i < atoms.count; i++) {
            const [a, b] = atoms.range(i);
            expect(s.has(a)).toBe(s.has(b));
          }
        }
      }),
    );
  });
});
