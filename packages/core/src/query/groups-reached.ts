import { Bitset } from '../bitset/index.js';

/**
 * A row over groups from the classes a source reaches: bit j is set when some class of group j
 * is in `reach`. 32 groups per word written; a group of one class (`single[j]`, else -1) is
 * read straight from `reach`'s words, the others search `classes[j]`.
 * @param reach - the reached classes
 * @param single - per group, its class when it has just one, else -1
 * @param classes - per group, its classes
 * @returns a new row of `single.length` bits
 */
export function groupsReached(
  reach: Bitset,
  single: ArrayLike<number>,
  classes: readonly (readonly number[])[],
): Bitset {
  const n = single.length;
  const reached = reach.words;
  const row = new Bitset(n);
  const words = row.words;
  for (let w = 0; w < words.length; w++) {
    const base = w << 5;
    const end = Math.min(32, n - base);
    let acc = 0;
    for (let b = 0; b < end; b++) {
      const c = single[base + b] as number;
      const hit =
        c >= 0
          ? ((reached[c >>> 5] as number) >>> (c & 31)) & 1
          : (classes[base + b] ?? []).some((x) => reach.has(x))
            ? 1
            : 0;
      acc |= hit << b;
    }
    words[w] = acc;
  }
  return row;
}
