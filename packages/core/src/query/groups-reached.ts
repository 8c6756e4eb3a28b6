import { Bitset } from '../bitset/index.js';

/**
 * Which groups each class belongs to (a class may be in several: a workload group holds the
 * classes of its pods): the groups of class c are `group[offset[c] .. offset[c + 1]]`.
 */
export interface ClassGroups {
  readonly groupCount: number;
  readonly offset: Int32Array;
  readonly group: Int32Array;
  /** True when group g is class g alone, for every class: a row over groups is the class row. */
  readonly identity: boolean;
}

/**
 * Inverts the classes of each group.
 * @param classes - per group, its classes
 * @param classCount - how many classes there are
 */
export function classGroups(
  classes: readonly (readonly number[])[],
  classCount: number,
): ClassGroups {
  const offset = new Int32Array(classCount + 1);
  for (const list of classes) for (const c of list) offset[c + 1] = (offset[c + 1] as number) + 1;
  for (let c = 0; c < classCount; c++) {
    offset[c + 1] = (offset[c + 1] as number) + (offset[c] as number);
  }
  const group = new Int32Array(offset[classCount] as number);
  const next = offset.slice(0, classCount);
  classes.forEach((list, g) => {
    for (const c of list) {
      group[next[c] as number] = g;
      next[c] = (next[c] as number) + 1;
    }
  });
  const identity =
    classes.length === classCount && classes.every((list, g) => list.length === 1 && list[0] === g);
  return { groupCount: classes.length, offset, group, identity };
}

/**
 * A row over groups from the classes a source reaches: bit j is set when some class of group j
 * is in `reach`. Walks the reached classes (so a sparse row costs its few bits, not a look at
 * every group) and sets the bits of their groups; when every group is its one class, copies
 * the row.
 * @param reach - the reached classes
 * @param index - the groups of each class
 * @returns a new row of `index.groupCount` bits
 */
export function groupsReached(reach: Bitset, index: ClassGroups): Bitset {
  if (index.identity) return reach.clone();
  const row = new Bitset(index.groupCount);
  const words = row.words;
  const { offset, group } = index;
  const reached = reach.words;
  for (let w = 0; w < reached.length; w++) {
    let bits = reached[w] as number;
    while (bits !== 0) {
      const low = bits & -bits;
      const c = (w << 5) | (31 - Math.clz32(low));
      bits ^= low;
      for (let i = offset[c] as number; i < (offset[c + 1] as number); i++) {
        const g = group[i] as number;
        words[g >>> 5] = (words[g >>> 5] as number) | (1 << (g & 31));
      }
    }
  }
  return row;
}
