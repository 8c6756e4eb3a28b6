import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { dropGroups, groupWords } from './group-words.js';

describe('dropGroups', () => {
  it('clears exactly the classes of the groups not kept', () => {
    const input = fc
      .tuple(fc.integer({ min: 1, max: 6 }), fc.integer({ min: 0, max: 140 }))
      .chain(([groups, classes]) =>
        fc.tuple(
          fc.constant(groups),
          fc.array(fc.integer({ min: -1, max: groups - 1 }), {
            minLength: classes,
            maxLength: classes,
          }),
          fc.array(fc.boolean(), { minLength: groups, maxLength: groups }),
          fc.array(fc.integer({ min: 0, max: 0xffffffff }), {
            minLength: Math.ceil(classes / 32),
            maxLength: Math.ceil(classes / 32),
          }),
        ),
      );
    fc.assert(
      fc.property(input, ([groups, groupOf, keep, start]) => {
        const words = Uint32Array.from(start);
        dropGroups(
          words,
          groupWords(Int32Array.from(groupOf), groups),
          Uint8Array.from(keep, (k) => (k ? 1 : 0)),
        );
        groupOf.forEach((g, c) => {
          const was = ((start[c >>> 5] as number) >>> (c & 31)) & 1;
          const expected = g >= 0 && !keep[g] ? 0 : was;
          expect(((words[c >>> 5] as number) >>> (c & 31)) & 1).toBe(expected);
        });
      }),
    );
  });
});
