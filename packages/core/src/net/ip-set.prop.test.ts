import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { type IpFamily, maxIp } from './ip.js';
import { IpAtoms } from './ip-atoms.js';
import { IpSet } from './ip-set.js';

// Small neighbourhoods: 256 addresses around a base per family, including each space's ends
// so that edge cuts (0 and the top address) are exercised.
const BASES: readonly (readonly [IpFamily, bigint])[] = [
  [4, 0n],
  [4, 0x0a000000n],
  [4, 0xffffff00n],
  [6, 0n],
  [6, 0x20010db8000000000000000000000000n],
  [6, maxIp(6) - 255n],
];

const arbBlock = fc
  .tuple(fc.constantFrom(...BASES), fc.integer({ min: 0, max: 8 }), fc.nat(255))
  .map(([[family, base], bits, offset]) => {
    // A CIDR-aligned block of 2^bits addresses inside the neighbourhood.
    const size = 1n << BigInt(bits);
    const first = base + (BigInt(offset) / size) * size;
    return IpSet.fromRanges(family, [[first, first + size - 1n]]);
  });
const arbRangeSet = fc
  .tuple(fc.constantFrom(...BASES), fc.nat(255), fc.nat(255))
  .map(([[family, base], x, y]) => {
    const [a, b] = x <= y ? [x, y] : [y, x];
    return IpSet.fromRanges(family, [[base + BigInt(a), base + BigInt(b)]]);
  });
const arbIpSet = fc
  .array(fc.oneof(arbBlock, arbRangeSet), { maxLength: 4 })
  .map((parts) => parts.reduce((acc, p) => acc.union(p), IpSet.EMPTY));

/** Every address of every neighbourhood, as `family:value` keys. */
const universe = BASES.flatMap(([family, base]) =>
  Array.from({ length: 256 }, (_, i) => ({ family, value: base + BigInt(i) })),
);
const key = (ip: { family: IpFamily; value: bigint }): string => `${ip.family}:${ip.value}`;
const model = (s: IpSet): Set<string> => new Set(universe.filter((ip) => s.has(ip)).map(key));
const enumerate = (s: IpSet): string[] =>
  ([4, 6] as const).flatMap((family) =>
    s.ranges(family).flatMap(([a, b]) => {
      const out: string[] = [];
      for (let v = a; v <= b; v++) out.push(key({ family, value: v }));
      return out;
    }),
  );

describe('IpSet agrees with a brute-force model', () => {
  it('on union, intersect, difference, equals', () => {
    fc.assert(
      fc.property(arbIpSet, arbIpSet, (a, b) => {
        const A = model(a);
        const B = model(b);
        const expectSet = (s: IpSet, pred: (k: string) => boolean): void => {
          // The sets only hold neighbourhood addresses, so enumerating ranges is exact.
          expect(enumerate(s).sort()).toEqual(universe.map(key).filter(pred).sort());
          for (const family of [4, 6] as const) {
            const r = s.ranges(family);
            for (let i = 1; i < r.length; i++) expect(r[i]![0] > r[i - 1]![1] + 1n).toBe(true);
          }
        };
        expectSet(a.union(b), (k) => A.has(k) || B.has(k));
        expectSet(a.intersect(b), (k) => A.has(k) && B.has(k));
        expectSet(a.difference(b), (k) => A.has(k) && !B.has(k));
        const same = A.size === B.size && [...A].every((k) => B.has(k));
        expect(a.equals(b)).toBe(same);
        expect(IpSet.ALL.difference(IpSet.ALL.difference(a)).equals(a)).toBe(true);
      }),
    );
  });
});

describe('IpAtoms', () => {
  it('are disjoint, cover both spaces, and every input set is a union of atoms', () => {
    fc.assert(
      fc.property(fc.array(arbIpSet, { maxLength: 5 }), (sets) => {
        const atoms = IpAtoms.fromSets(sets);
        const next: Record<IpFamily, bigint> = { 4: 0n, 6: 0n };
        let lastFamily: IpFamily = 4;
        for (let i = 0; i < atoms.count; i++) {
          const { family, first, last } = atoms.atom(i);
          if (family === 6 && lastFamily === 4) expect(next[4]).toBe(maxIp(4) + 1n);
          lastFamily = family;
          expect(first).toBe(next[family]);
          expect(last >= first).toBe(true);
          expect(atoms.atomOf({ family, value: first })).toBe(i);
          expect(atoms.atomOf({ family, value: last })).toBe(i);
          next[family] = last + 1n;
        }
        expect(next[4]).toBe(maxIp(4) + 1n);
        expect(next[6]).toBe(maxIp(6) + 1n);
        for (const s of sets) {
          const ids = atoms.atomsOf(s);
          expect([...ids].sort((x, y) => x - y)).toEqual(ids);
          const rebuilt = ids
            .map((i) => atoms.atom(i))
            .reduce(
              (acc, at) => acc.union(IpSet.fromRanges(at.family, [[at.first, at.last]])),
              IpSet.EMPTY,
            );
          expect(rebuilt.equals(s)).toBe(true);
          for (let i = 0; i < atoms.count; i++) {
            const at = atoms.atom(i);
            expect(s.has({ family: at.family, value: at.first })).toBe(
              s.has({ family: at.family, value: at.last }),
            );
          }
        }
      }),
    );
  });

  it('give each set as ranges of atom numbers that expand to exactly its atoms', () => {
    fc.assert(
      fc.property(fc.array(arbIpSet, { minLength: 1, maxLength: 5 }), (sets) => {
        const atoms = IpAtoms.fromSets(sets);
        for (const s of sets) {
          const ranges = atoms.atomRangesOf(s);
          expect(ranges.length).toBe((s.ranges(4).length + s.ranges(6).length) * 2);
          const expanded: number[] = [];
          for (let r = 0; r < ranges.length; r += 2) {
            for (let k = ranges[r] as number; k <= (ranges[r + 1] as number); k++) expanded.push(k);
          }
          expect(expanded).toEqual(atoms.atomsOf(s));
        }
      }),
    );
  });

  it('refuse a set that is not a union of atoms', () => {
    const atoms = IpAtoms.fromSets([IpSet.fromCidr('10.0.0.0/8')]);
    expect(() => atoms.atomRangesOf(IpSet.fromCidr('10.0.0.0/16'))).toThrow(RangeError);
    expect(() => atoms.atomRangesOf(IpSet.fromCidr('10.0.0.0/7'))).toThrow(RangeError);
  });
});
