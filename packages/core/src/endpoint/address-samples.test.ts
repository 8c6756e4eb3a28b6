import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { IpFamily } from '../net/index.js';
import { formatIp, formatIpRange, IpAtoms, IpSet } from '../net/index.js';
import { sampleAddresses } from './address-samples.js';

/** Small CIDRs and addresses in 10.0.0.0/24 and fd00::/120, so that they overlap often. */
const block = fc.oneof(
  fc
    .tuple(fc.integer({ min: 0, max: 255 }), fc.integer({ min: 24, max: 32 }))
    .map(([a, len]) => `10.0.0.${a & ~((1 << (32 - len)) - 1) & 255}/${len}`),
  fc.integer({ min: 0, max: 255 }).map((a) => `10.0.0.${a}`),
  fc.integer({ min: 0, max: 255 }).map((a) => `fd00::${a.toString(16)}`),
  fc.constantFrom('0.0.0.0/0', '10.0.0.0/25', 'fd00::/121', '::/0'),
);

describe('sampleAddresses', () => {
  it('gives, per atom, the part of include less exclude inside it (as an IpSet intersection)', () => {
    fc.assert(
      fc.property(
        fc.array(block, { maxLength: 8 }),
        fc.array(block, { maxLength: 4 }),
        fc.array(block, { maxLength: 6 }),
        (cuts, include, exclude) => {
          const toSet = (blocks: readonly string[]): IpSet =>
            blocks.reduce(
              (set, b) =>
                set.union(
                  b.includes('/')
                    ? IpSet.fromCidr(b)
                    : IpSet.fromCidr(`${b}/${b.includes(':') ? 128 : 32}`),
                ),
              IpSet.fromRanges(4, []),
            );
          const atoms = IpAtoms.fromSets(cuts.map((c) => toSet([c])));
          const listed = Array.from({ length: atoms.count }, (_, i) => {
            const atom = atoms.atom(i);
            return {
              family: atom.family,
              first: formatIp(atom.family, atom.first),
              last: formatIp(atom.family, atom.last),
            };
          });
          const region = toSet(include).difference(toSet(exclude));
          const expected = listed.flatMap((atom, i) => {
            const { family, first, last } = atoms.atom(i);
            const ranges = IpSet.fromRanges(family as IpFamily, [[first, last]])
              .intersect(region)
              .ranges(family);
            const head = ranges[0];
            const tail = ranges.at(-1);
            if (head === undefined || tail === undefined) return [];
            return [
              {
                address: formatIp(atom.family, head[0]),
                range: ranges.map(([a, b]) => formatIpRange(family, a, b)).join(','),
                span: formatIpRange(family, head[0], tail[1]),
              },
            ];
          });
          expect(sampleAddresses(listed, include, exclude)).toEqual(expected);
        },
      ),
    );
  });
});
