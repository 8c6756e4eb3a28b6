/**
 * The pod classes of each rule group of a direction, as the words of a class bitset they sit
 * in: group g covers `mask[i]` of word `word[i]` for i in `offset[g] .. offset[g + 1]`. Classes
 * are numbered so that a group's classes are mostly neighbours, so a group has about one entry
 * per word it touches, and clearing the classes of the groups that refuse something costs a
 * word per entry instead of a lookup per class.
 */
export interface GroupWords {
  readonly offset: Int32Array;
  readonly word: Int32Array;
  /** Bits of the word, as signed 32-bit integers. */
  readonly mask: Int32Array;
}

/**
 * Indexes the classes of each group by word.
 * @param groupOf - the group of each class, -1 for none
 * @param groupCount - how many groups there are
 */
export function groupWords(groupOf: Int32Array, groupCount: number): GroupWords {
  const lastWord = new Int32Array(groupCount).fill(-1);
  const offset = new Int32Array(groupCount + 1);
  for (let c = 0; c < groupOf.length; c++) {
    const g = groupOf[c] as number;
    if (g < 0 || lastWord[g] === c >>> 5) continue;
    lastWord[g] = c >>> 5;
    offset[g + 1] = (offset[g + 1] as number) + 1;
  }
  for (let g = 0; g < groupCount; g++)
    offset[g + 1] = (offset[g + 1] as number) + (offset[g] as number);
  const word = new Int32Array(offset[groupCount] as number);
  const mask = new Int32Array(word.length);
  const next = offset.slice(0, groupCount);
  lastWord.fill(-1);
  for (let c = 0; c < groupOf.length; c++) {
    const g = groupOf[c] as number;
    if (g < 0) continue;
    const w = c >>> 5;
    if (lastWord[g] !== w) {
      lastWord[g] = w;
      word[next[g] as number] = w;
      next[g] = (next[g] as number) + 1;
    }
    const at = (next[g] as number) - 1;
    mask[at] = (mask[at] as number) | (1 << (c & 31));
  }
  return { offset, word, mask };
}

/**
 * Clears from `words` (a class bitset) the classes of every group g with `keep[g] === 0`.
 * @param words - the bitset's words, changed in place
 * @param index - the groups' words
 * @param keep - per group, 1 to leave its classes alone
 */
export function dropGroups(words: Uint32Array, index: GroupWords, keep: Uint8Array): void {
  const { offset, word, mask } = index;
  for (let g = 0; g < keep.length; g++) {
    if (keep[g] !== 0) continue;
    for (let i = offset[g] as number; i < (offset[g + 1] as number); i++) {
      const w = word[i] as number;
      words[w] = (words[w] as number) & ~(mask[i] as number);
    }
  }
}
