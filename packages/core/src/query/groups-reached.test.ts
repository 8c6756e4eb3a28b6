import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Bitset } from '../bitset/index.js';
import { classGroups, groupsReached } from './groups-reached.js';

describe('groupsReached', () => {
  it('sets the groups with some reached class, and only those', () => {
    const input = fc
      .integer({ min: 1, max: 80 })
      .chain((classCount) =>
        fc.tuple(
          fc.constant(classCount),
          fc.array(fc.uniqueArray(fc.nat(classCount - 1), { maxLength: 3 }), { maxLength: 70 }),
          fc.uniqueArray(fc.nat(classCount - 1)),
        ),
      );
    fc.assert(
      fc.property(input, ([classCount, classes, reached]) => {
        const reach = Bitset.fromIndices(classCount, reached);
        const row = groupsReached(reach, classGroups(classes, classCount));
        expect(row.size).toBe(classes.length);
        classes.forEach((list, g) => {
          expect(row.has(g)).toBe(list.some((c) => reach.has(c)));
        });
      }),
    );
  });
});
