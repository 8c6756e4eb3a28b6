import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { BitMatrix } from './bit-matrix.js';
import { Bitset } from './bitset.js';

describe('BitMatrix', () => {
  it('lays rows out contiguously with padded words', () => {
    const m = new BitMatrix(3, 40);
    expect(m.wordsPerRow).toBe(2);
    expect(m.buffer.length).toBe(6);
    expect(m.byteLength).toBe(24);
  });

  it('rows are views: writes through a row show in the matrix and vice versa', () => {
    const m = new BitMatrix(4, 70);
    const r1 = m.row(1);
    r1.add(69);
    expect(m.get(1, 69)).toBe(true);
    m.set(2, 5);
    expect(m.row(2).has(5)).toBe(true);
    r1.or(Bitset.fromIndices(70, [3]));
    expect(m.get(1, 3)).toBe(true);
    m.row(3).fill();
    expect(m.row(3).count()).toBe(70);
    expect(m.row(2).toArray()).toEqual([5]);
    m.unset(2, 5);
    expect(m.get(2, 5)).toBe(false);
  });

  it('guards indices', () => {
    const m = new BitMatrix(2, 3);
    expect(() => m.row(2)).toThrow(RangeError);
    expect(() => m.get(0, 3)).toThrow(RangeError);
    expect(() => m.set(-1, 0)).toThrow(RangeError);
    expect(() => new BitMatrix(-1, 2)).toThrow(RangeError);
  });

  it('rows are independent views and transpose agrees with cells (property)', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 9 }),
        fc.integer({ min: 1, max: 80 }),
        fc.array(fc.tuple(fc.nat(), fc.nat()), { maxLength: 60 }),
        (rows, cols, cells) => {
          const m = new BitMatrix(rows, cols);
          const expected = Array.from({ length: rows }, () => new Set<number>());
          for (const [r0, c0] of cells) {
            const r = r0 % rows;
            const c = c0 % cols;
            m.row(r).add(c);
            expected[r]!.add(c);
          }
          for (let r = 0; r < rows; r++) {
            expect(m.row(r).toArray()).toEqual([...expected[r]!].sort((a, b) => a - b));
          }
          const t = m.transpose();
          for (let r = 0; r < rows; r++) {
            for (let c = 0; c < cols; c++) expect(t.get(c, r)).toBe(m.get(r, c));
          }
        },
      ),
    );
  });
});
