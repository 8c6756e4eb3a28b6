/**
 * Bit filling on raw word arrays (the `words` of a {@link Bitset} or a buffer of rows), for hot
 * loops that would otherwise allocate a Bitset per step. Bit `i` is bit `i & 31` of word
 * `i >>> 5`, as in {@link Bitset}.
 */

/**
 * Sets bits `from .. to-1` of a word array, a word at a time.
 * @param words - the words to change
 * @param from - first bit to set
 * @param to - one past the last bit to set (nothing happens when `to <= from`)
 */
export function setRange(words: Uint32Array, from: number, to: number): void {
  for (let i = from; i < to; ) {
    const w = i >>> 5;
    const bit = i & 31;
    const n = Math.min(32 - bit, to - i);
    const mask = n === 32 ? 0xffffffff : ((1 << n) - 1) << bit;
    words[w] = (words[w] as number) | mask;
    i += n;
  }
}

/**
 * ORs `source` into `target` word by word, keeping only the bits of `mask` when one is given.
 * @param target - the words to change
 * @param source - words of the same length (or shorter)
 * @param mask - optional words that limit which bits of `source` are taken
 */
export function orWords(target: Uint32Array, source: Uint32Array, mask?: Uint32Array): void {
  if (mask === undefined) {
    for (let i = 0; i < source.length; i++) {
      target[i] = (target[i] as number) | (source[i] as number);
    }
    return;
  }
  for (let i = 0; i < source.length; i++) {
    target[i] = (target[i] as number) | ((source[i] as number) & (mask[i] ?? 0));
  }
}

/**
 * Keeps in `target` only the bits set in `keep` (missing words of `keep` count as zero).
 * @param target - the words to change
 * @param keep - the bits to keep
 */
export function andWords(target: Uint32Array, keep: Uint32Array): void {
  for (let i = 0; i < target.length; i++) target[i] = (target[i] as number) & (keep[i] ?? 0);
}

/**
 * Clears in `target` every bit set in `drop`.
 * @param target - the words to change
 * @param drop - the bits to clear
 */
export function clearWords(target: Uint32Array, drop: Uint32Array): void {
  for (let i = 0; i < drop.length; i++) target[i] = (target[i] as number) & ~(drop[i] as number);
}
