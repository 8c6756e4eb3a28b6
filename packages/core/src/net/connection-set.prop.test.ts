import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { ConnectionSet, Protocol } from '../model/index.js';
import { PROTOCOLS } from '../model/index.js';
import {
  coverage,
  intersectSets,
  isEmptySet,
  NONE,
  portsSet,
  rangesOf,
  restrictSet,
  setKey,
  subtractSets,
  unionAll,
  unionSets,
} from './connection-set.js';
import { MAX_PORT } from './port-set.js';

// Brute force: a set is the list of (protocol, port) it allows, over a few ports that matter
// (bounds, neighbours of the generated bounds) plus a sample; small port values make overlaps.
const arbPort = fc.oneof(
  fc.integer({ min: 1, max: 40 }),
  fc.constantFrom(1, MAX_PORT - 1, MAX_PORT),
);
const arbRange = fc
  .tuple(arbPort, arbPort)
  .map(([a, b]): [number, number] => (a <= b ? [a, b] : [b, a]));
const arbSet: fc.Arbitrary<ConnectionSet> = fc.oneof(
  { weight: 1, arbitrary: fc.constant('all' as const) },
  {
    weight: 6,
    arbitrary: fc
      .record(
        {
          TCP: fc.array(arbRange, { maxLength: 4 }),
          UDP: fc.array(arbRange, { maxLength: 3 }),
          SCTP: fc.array(arbRange, { maxLength: 2 }),
        },
        { requiredKeys: [] },
      )
      .map((set) => set as ConnectionSet),
  },
);
const PROBES = [
  ...Array.from({ length: 45 }, (_, i) => i + 1),
  MAX_PORT - 2,
  MAX_PORT - 1,
  MAX_PORT,
];

function allows(set: ConnectionSet, protocol: Protocol, port: number): boolean {
  return set === 'all' || (set[protocol] ?? []).some(([a, b]) => a <= port && port <= b);
}

/** The set's answer on every probe, as a string: equal strings, equal sets on the probes. */
function truth(set: ConnectionSet): string {
  return PROTOCOLS.map((p) => PROBES.map((port) => (allows(set, p, port) ? 1 : 0)).join('')).join(
    '|',
  );
}

function bruteForce(f: (p: Protocol, port: number) => boolean): string {
  return PROTOCOLS.map((p) => PROBES.map((port) => (f(p, port) ? 1 : 0)).join('')).join('|');
}

/** Canonical: 'all' exactly when full, no empty protocol list, ranges sorted and not touching. */
function expectCanonical(set: ConnectionSet): void {
  if (set === 'all') return;
  expect(
    PROTOCOLS.every(
      (p) =>
        rangesOf(set, p).length === 1 &&
        rangesOf(set, p)[0]?.[0] === 1 &&
        rangesOf(set, p)[0]?.[1] === MAX_PORT,
    ),
  ).toBe(false);
  for (const p of PROTOCOLS) {
    const ranges = set[p];
    if (ranges === undefined) continue;
    expect(ranges.length).toBeGreaterThan(0);
    ranges.forEach(([a, b], i) => {
      expect(a).toBeLessThanOrEqual(b);
      if (i > 0) expect(a).toBeGreaterThan((ranges[i - 1]?.[1] ?? 0) + 1);
    });
  }
}

describe('connection-set algebra agrees with brute force', () => {
  it('union, intersect, subtract', () => {
    fc.assert(
      fc.property(arbSet, arbSet, (a, b) => {
        for (const [result, op] of [
          [unionSets(a, b), (x: boolean, y: boolean) => x || y],
          [intersectSets(a, b), (x: boolean, y: boolean) => x && y],
          [subtractSets(a, b), (x: boolean, y: boolean) => x && !y],
        ] as const) {
          expectCanonical(result);
          expect(truth(result)).toBe(
            bruteForce((p, port) => op(allows(a, p, port), allows(b, p, port))),
          );
        }
      }),
    );
  });

  it('unionAll of a list is the fold of unionSets, and of nothing is NONE', () => {
    fc.assert(
      fc.property(fc.array(arbSet, { maxLength: 5 }), (sets) => {
        const all = unionAll(sets);
        expectCanonical(all);
        expect(setKey(all)).toBe(setKey(sets.reduce((acc, s) => unionSets(acc, s), NONE)));
        expect(truth(all)).toBe(bruteForce((p, port) => sets.some((s) => allows(s, p, port))));
      }),
    );
    expect(unionAll([])).toEqual(NONE);
  });

  it('restrict, coverage, isEmpty, portsSet', () => {
    fc.assert(
      fc.property(
        arbSet,
        fc.constantFrom(...PROTOCOLS),
        arbRange,
        fc.array(arbPort, { maxLength: 4 }),
        (set, protocol, [first, last], ports) => {
          const restricted = restrictSet(set, protocol, first, last);
          expectCanonical(restricted);
          expect(truth(restricted)).toBe(
            bruteForce(
              (p, port) => p === protocol && first <= port && port <= last && allows(set, p, port),
            ),
          );
          const inside = Array.from({ length: last - first + 1 }, (_, i) =>
            allows(set, protocol, first + i),
          );
          expect(coverage(set, protocol, first, last)).toBe(
            inside.every(Boolean) ? 'all' : inside.some(Boolean) ? 'some' : 'none',
          );
          expect(isEmptySet(set)).toBe(
            PROTOCOLS.every(
              (p) => !Array.from({ length: MAX_PORT }).some((_, i) => allows(set, p, i + 1)),
            ),
          );
          const single = portsSet(protocol, ports);
          expectCanonical(single);
          expect(truth(single)).toBe(
            bruteForce((p, port) => p === protocol && ports.includes(port)),
          );
        },
      ),
      { numRuns: 60 },
    );
  });

  it('setKey is equal exactly when the sets allow the same ports', () => {
    fc.assert(
      fc.property(arbSet, arbSet, (a, b) => {
        const same = PROTOCOLS.every(
          (p) => setKey(restrictSet(a, p, 1, MAX_PORT)) === setKey(restrictSet(b, p, 1, MAX_PORT)),
        );
        expect(setKey(a) === setKey(b)).toBe(same);
        expect(setKey(a) === setKey(b)).toBe(
          isEmptySet(subtractSets(a, b)) && isEmptySet(subtractSets(b, a)),
        );
      }),
    );
  });
});
