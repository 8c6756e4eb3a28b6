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

  it('copies the class row when every group is its one class, in order, and only then', () => {
    const input = fc.integer({ min: 1, max: 80 }).chain((classCount) =>
      fc.tuple(
        fc.constant(classCount),
        fc.uniqueArray(fc.nat(classCount - 1)),
        // A swap of two groups' classes, or none.
        fc.option(fc.tuple(fc.nat(classCount - 1), fc.nat(classCount - 1))),
      ),
    );
    fc.assert(
      fc.property(input, ([classCount, reached, swap]) => {
        const classes = Array.from({ length: classCount }, (_, g) => [g]);
        if (swap !== null) {
          const [a, b] = swap;
          [classes[a], classes[b]] = [classes[b] as number[], classes[a] as number[]];
        }
        const index = classGroups(classes, classCount);
        expect(index.identity).toBe(swap === null || swap[0] === swap[1]);
        const reach = Bitset.fromIndices(classCount, reached);
        const row = groupsReached(reach, index);
        expect(row.size).toBe(classCount);
        classes.forEach((list, g) => {
          expect(row.has(g)).toBe(list.some((c) => reach.has(c)));
        });
        // A new row, never the class row itself.
        expect(row.words).not.toBe(reach.words);
      }),
    );
  });
});
