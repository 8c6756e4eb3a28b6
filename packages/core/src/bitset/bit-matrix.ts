import { Bitset, MAX_BITSET_SIZE, wordsFor } from './bitset.js';

function isDimension(n: number): boolean {
  return Number.isInteger(n) && n >= 0 && n <= MAX_BITSET_SIZE;
}

/**
 * A `rows x cols` bit matrix in one contiguous `Uint32Array`, row-major, each row padded to
 * whole words. {@link BitMatrix.row} returns a {@link Bitset} view that shares the buffer, so
 * word-parallel `Bitset` operations write straight into the matrix.
 */
export class BitMatrix {
  /** Number of rows. */
  readonly rows: number;
  /** Number of columns (the `size` of every row). */
  readonly cols: number;
  /** Words per row: `ceil(cols / 32)`. */
  readonly wordsPerRow: number;
  /** The backing words, `rows * wordsPerRow` long. */
  readonly buffer: Uint32Array;

  /**
   * Creates an all-zero matrix.
   *
   * @throws RangeError when `rows` or `cols` is not a non-negative integer, or the matrix is
   *   too large to allocate.
   */
  constructor(rows: number, cols: number) {
    if (!isDimension(rows) || !isDimension(cols)) {
      throw new RangeError(
        `BitMatrix dimensions must be integers in 0..${MAX_BITSET_SIZE}, got ${rows}x${cols}`,
      );
    }
    this.rows = rows;
    this.cols = cols;
    this.wordsPerRow = wordsFor(cols);
    this.buffer = new Uint32Array(rows * this.wordsPerRow);
  }

  /** Size of the backing buffer in bytes. */
  get byteLength(): number {
    return this.buffer.byteLength;
  }

  private checkRow(r: number): void {
    if (!(r >>> 0 === r && r < this.rows)) {
      throw new RangeError(`BitMatrix row ${r} out of range 0..${this.rows - 1}`);
    }
  }

  private checkCell(r: number, c: number): void {
    this.checkRow(r);
    if (!(c >>> 0 === c && c < this.cols)) {
      throw new RangeError(`BitMatrix column ${c} out of range 0..${this.cols - 1}`);
    }
  }

  /**
   * A {@link Bitset} of size `cols` viewing row `r`; writes through it change the matrix.
   * Each call allocates a small view object: hoist it out of inner loops.
   *
   * @throws RangeError when `r` is out of range.
   */
  row(r: number): Bitset {
    this.checkRow(r);
    const start = r * this.wordsPerRow;
    return new Bitset(this.cols, this.buffer.subarray(start, start + this.wordsPerRow));
  }

  /** Bit at `(r, c)`. @throws RangeError when out of range. */
  get(r: number, c: number): boolean {
    this.checkCell(r, c);
    return (((this.buffer[r * this.wordsPerRow + (c >>> 5)] as number) >>> (c & 31)) & 1) === 1;
  }

  /** Sets the bit at `(r, c)`. @throws RangeError when out of range. */
  set(r: number, c: number): void {
    this.checkCell(r, c);
    const k = r * this.wordsPerRow + (c >>> 5);
    this.buffer[k] = (this.buffer[k] as number) | (1 << (c & 31));
  }

  /** Clears the bit at `(r, c)`. @throws RangeError when out of range. */
  unset(r: number, c: number): void {
    this.checkCell(r, c);
    const k = r * this.wordsPerRow + (c >>> 5);
    this.buffer[k] = (this.buffer[k] as number) & ~(1 << (c & 31));
  }

  /** A new `cols x rows` matrix with `(c, r)` set exactly when `(r, c)` is set here. */
  transpose(): BitMatrix {
    const t = new BitMatrix(this.cols, this.rows);
    const src = this.buffer;
    const dst = t.buffer;
    const wpr = this.wordsPerRow;
    const twpr = t.wordsPerRow;
    for (let r = 0; r < this.rows; r++) {
      const rowBase = r * wpr;
      const dstWord = r >>> 5;
      const dstBit = 1 << (r & 31);
      for (let k = 0; k < wpr; k++) {
        let w = src[rowBase + k] as number;
        const base = k << 5;
        while (w !== 0) {
          const low = w & -w;
          const c = base + 31 - Math.clz32(low);
          const at = c * twpr + dstWord;
          dst[at] = (dst[at] as number) | dstBit;
          w ^= low;
        }
      }
    }
    return t;
  }
}
