/** Number of 32-bit words needed to hold `size` bits. */
export function wordsFor(size: number): number {
  return (size + 31) >>> 5;
}

/** SWAR popcount of one 32-bit word. */
export function popcount32(word: number): number {
  let v = word - ((word >>> 1) & 0x55555555);
  v = (v & 0x33333333) + ((v >>> 2) & 0x33333333);
  return Math.imul((v + (v >>> 4)) & 0x0f0f0f0f, 0x01010101) >>> 24;
}

/** Largest supported bitset size (positions are non-negative 31-bit integers). */
export const MAX_BITSET_SIZE = 0x7fffffff;

function checkSize(size: number): void {
  if (!Number.isInteger(size) || size < 0 || size > MAX_BITSET_SIZE) {
    throw new RangeError(`Bitset size must be an integer in 0..${MAX_BITSET_SIZE}, got ${size}`);
  }
}

/**
 * A fixed-size set of integers `0..size-1`, stored as bits in a `Uint32Array`.
 *
 * Bits at positions `>= size` in the last word are always zero, so word-wise operations
 * (count, equals, isEmpty) never need masking. Binary operations require both operands to
 * have the same `size` and throw `RangeError` otherwise.
 */
export class Bitset {
  /** Number of positions (bits) in the set. */
  readonly size: number;
  /** The backing words; may be a view into a larger shared buffer (see {@link BitMatrix}). */
  readonly words: Uint32Array;

  /**
   * Creates an empty bitset, or a bitset over existing words.
   *
   * @param size - number of positions.
   * @param words - optional backing words, length `ceil(size / 32)`; shared, not copied. Bits
   *   past `size` in the last word are cleared.
   * @throws RangeError when `size` is not a valid size or `words` has the wrong length.
   */
  constructor(size: number, words?: Uint32Array) {
    checkSize(size);
    const n = wordsFor(size);
    if (words === undefined) {
      this.words = new Uint32Array(n);
    } else {
      if (words.length !== n) {
        throw new RangeError(`Bitset of size ${size} needs ${n} words, got ${words.length}`);
      }
      this.words = words;
      const tail = size & 31;
      if (tail !== 0) words[n - 1] = (words[n - 1] as number) & ((1 << tail) - 1);
    }
    this.size = size;
  }

  /**
   * Creates a bitset holding the given positions.
   *
   * @throws RangeError when a position is outside `0..size-1`.
   */
  static fromIndices(size: number, indices: Iterable<number>): Bitset {
    const set = new Bitset(size);
    for (const i of indices) set.add(i);
    return set;
  }

  /** Creates a bitset holding every position `0..size-1`. */
  static full(size: number): Bitset {
    return new Bitset(size).fill();
  }

  private checkIndex(i: number): void {
    if (!(i >>> 0 === i && i < this.size)) {
      throw new RangeError(`Bitset index ${i} out of range 0..${this.size - 1}`);
    }
  }

  private checkSame(other: Bitset): void {
    if (other.size !== this.size) {
      throw new RangeError(`Bitset size mismatch: ${this.size} vs ${other.size}`);
    }
  }

  /** True when position `i` is in the set; false for any position outside `0..size-1`. */
  has(i: number): boolean {
    if (!(i >>> 0 === i && i < this.size)) return false;
    return (((this.words[i >>> 5] as number) >>> (i & 31)) & 1) === 1;
  }

  /**
   * Adds position `i`.
   *
   * @throws RangeError when `i` is outside `0..size-1`.
   */
  add(i: number): void {
    this.checkIndex(i);
    const w = i >>> 5;
    this.words[w] = (this.words[w] as number) | (1 << (i & 31));
  }

  /**
   * Removes position `i`.
   *
   * @throws RangeError when `i` is outside `0..size-1`.
   */
  delete(i: number): void {
    this.checkIndex(i);
    const w = i >>> 5;
    this.words[w] = (this.words[w] as number) & ~(1 << (i & 31));
  }

  /** Removes every position. */
  clear(): this {
    this.words.fill(0);
    return this;
  }

  /** Adds every position `0..size-1` (tail bits past `size` stay zero). */
  fill(): this {
    const words = this.words;
    const n = words.length;
    if (n === 0) return this;
    words.fill(0xffffffff);
    const tail = this.size & 31;
    if (tail !== 0) words[n - 1] = (1 << tail) - 1;
    return this;
  }

  /** Complements the set in place within `0..size-1`. */
  invert(): this {
    const words = this.words;
    const n = words.length;
    for (let k = 0; k < n; k++) words[k] = ~(words[k] as number);
    const tail = this.size & 31;
    if (tail !== 0) words[n - 1] = (words[n - 1] as number) & ((1 << tail) - 1);
    return this;
  }

  /** In-place union. @throws RangeError on size mismatch. */
  or(other: Bitset): this {
    this.checkSame(other);
    const a = this.words;
    const b = other.words;
    for (let k = 0; k < a.length; k++) a[k] = (a[k] as number) | (b[k] as number);
    return this;
  }

  /** In-place intersection. @throws RangeError on size mismatch. */
  and(other: Bitset): this {
    this.checkSame(other);
    const a = this.words;
    const b = other.words;
    for (let k = 0; k < a.length; k++) a[k] = (a[k] as number) & (b[k] as number);
    return this;
  }

  /** In-place difference (`this \ other`). @throws RangeError on size mismatch. */
  andNot(other: Bitset): this {
    this.checkSame(other);
    const a = this.words;
    const b = other.words;
    for (let k = 0; k < a.length; k++) a[k] = (a[k] as number) & ~(b[k] as number);
    return this;
  }

  /** In-place symmetric difference. @throws RangeError on size mismatch. */
  xor(other: Bitset): this {
    this.checkSame(other);
    const a = this.words;
    const b = other.words;
    for (let k = 0; k < a.length; k++) a[k] = (a[k] as number) ^ (b[k] as number);
    return this;
  }

  /** Overwrites this set with `other`'s contents. @throws RangeError on size mismatch. */
  copyFrom(other: Bitset): this {
    this.checkSame(other);
    this.words.set(other.words);
    return this;
  }

  /** A new, independent bitset with the same contents (never a view). */
  clone(): Bitset {
    return new Bitset(this.size, this.words.slice());
  }

  /** True when no position is set. */
  isEmpty(): boolean {
    const a = this.words;
    for (let k = 0; k < a.length; k++) if (a[k] !== 0) return false;
    return true;
  }

  /** Number of positions set (population count). */
  count(): number {
    const a = this.words;
    let c = 0;
    for (let k = 0; k < a.length; k++) c += popcount32(a[k] as number);
    return c;
  }

  /** True when the two sets share a position. @throws RangeError on size mismatch. */
  intersects(other: Bitset): boolean {
    this.checkSame(other);
    const a = this.words;
    const b = other.words;
    for (let k = 0; k < a.length; k++) if (((a[k] as number) & (b[k] as number)) !== 0) return true;
    return false;
  }

  /** True when every position of this set is in `other`. @throws RangeError on size mismatch. */
  isSubsetOf(other: Bitset): boolean {
    this.checkSame(other);
    const a = this.words;
    const b = other.words;
    for (let k = 0; k < a.length; k++) {
      if (((a[k] as number) & ~(b[k] as number)) !== 0) return false;
    }
    return true;
  }

  /** True when both sets have the same size and the same positions. */
  equals(other: Bitset): boolean {
    if (other.size !== this.size) return false;
    const a = this.words;
    const b = other.words;
    for (let k = 0; k < a.length; k++) if (a[k] !== b[k]) return false;
    return true;
  }

  /** Calls `fn` with every set position, in increasing order. */
  forEach(fn: (i: number) => void): void {
    const a = this.words;
    for (let k = 0; k < a.length; k++) {
      let w = a[k] as number;
      const base = k << 5;
      while (w !== 0) {
        const low = w & -w;
        fn(base + 31 - Math.clz32(low));
        w ^= low;
      }
    }
  }

  /** The set positions in increasing order. */
  toArray(): number[] {
    const out: number[] = [];
    this.forEach((i) => {
      out.push(i);
    });
    return out;
  }

  /** Iterates the set positions in increasing order. */
  *[Symbol.iterator](): Iterator<number> {
    const a = this.words;
    for (let k = 0; k < a.length; k++) {
      let w = a[k] as number;
      const base = k << 5;
      while (w !== 0) {
        const low = w & -w;
        yield base + 31 - Math.clz32(low);
        w ^= low;
      }
    }
  }

  /** The lowest set position, or -1 when empty. */
  first(): number {
    const a = this.words;
    for (let k = 0; k < a.length; k++) {
      const w = a[k] as number;
      if (w !== 0) return (k << 5) + 31 - Math.clz32(w & -w);
    }
    return -1;
  }

  /** The lowest set position `>= from`, or -1 when there is none. */
  nextSetBit(from: number): number {
    if (from < 0) from = 0;
    if (from >= this.size) return -1;
    const a = this.words;
    let k = from >>> 5;
    let w = ((a[k] as number) >>> (from & 31)) << (from & 31);
    for (;;) {
      if (w !== 0) return (k << 5) + 31 - Math.clz32(w & -w);
      if (++k >= a.length) return -1;
      w = a[k] as number;
    }
  }

  /** Debug form: `{1,5,9}`. */
  toString(): string {
    return `{${this.toArray().join(',')}}`;
  }
}
