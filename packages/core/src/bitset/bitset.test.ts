import { describe, expect, it } from 'vitest';
import { Bitset, popcount32 } from './bitset.js';

describe('Bitset', () => {
  it('adds, deletes and reports membership', () => {
    const s = new Bitset(70);
    s.add(0);
    s.add(31);
    s.add(32);
    s.add(69);
    expect(s.toArray()).toEqual([0, 31, 32, 69]);
    expect(s.has(31)).toBe(true);
    expect(s.has(30)).toBe(false);
    s.delete(31);
    expect(s.has(31)).toBe(false);
    expect(s.count()).toBe(3);
    expect(s.first()).toBe(0);
  });

  it('returns false from has() outside the range and throws from add/delete', () => {
    const s = new Bitset(10);
    expect(s.has(-1)).toBe(false);
    expect(s.has(10)).toBe(false);
    expect(s.has(1.5)).toBe(false);
    expect(() => s.add(10)).toThrow(RangeError);
    expect(() => s.add(-1)).toThrow(RangeError);
    expect(() => s.delete(10)).toThrow(RangeError);
  });

  it('keeps tail bits zero on fill, invert and adopted words', () => {
    const s = Bitset.full(33);
    expect(s.words).toEqual(new Uint32Array([0xffffffff, 1]));
    expect(s.count()).toBe(33);
    s.invert();
    expect(s.isEmpty()).toBe(true);
    const adopted = new Bitset(4, new Uint32Array([0xffffffff]));
    expect(adopted.words[0]).toBe(0xf);
    expect(Bitset.full(32).count()).toBe(32);
    expect(Bitset.full(0).count()).toBe(0);
  });

  it('handles bit 31 (the sign bit) in iteration and first()', () => {
    const s = Bitset.fromIndices(64, [31, 63]);
    expect([...s]).toEqual([31, 63]);
    expect(s.toArray()).toEqual([31, 63]);
    expect(s.first()).toBe(31);
    expect(s.nextSetBit(32)).toBe(63);
    expect(s.nextSetBit(64)).toBe(-1);
    expect(new Bitset(5).first()).toBe(-1);
  });

  it('throws RangeError on size mismatch in binary operations', () => {
    const a = new Bitset(10);
    const b = new Bitset(11);
    expect(() => a.or(b)).toThrow(RangeError);
    expect(() => a.and(b)).toThrow(RangeError);
    expect(() => a.andNot(b)).toThrow(RangeError);
    expect(() => a.copyFrom(b)).toThrow(RangeError);
    expect(() => a.intersects(b)).toThrow(RangeError);
    expect(() => a.isSubsetOf(b)).toThrow(RangeError);
    expect(a.equals(b)).toBe(false);
  });

  it('rejects bad sizes and wrong word counts', () => {
    expect(() => new Bitset(-1)).toThrow(RangeError);
    expect(() => new Bitset(2.5)).toThrow(RangeError);
    expect(() => new Bitset(33, new Uint32Array(1))).toThrow(RangeError);
  });

  it('clones independently', () => {
    const a = Bitset.fromIndices(40, [1, 39]);
    const b = a.clone();
    b.add(2);
    expect(a.has(2)).toBe(false);
    expect(b.words.buffer).not.toBe(a.words.buffer);
  });

  it('counts bits with SWAR popcount', () => {
    expect(popcount32(0)).toBe(0);
    expect(popcount32(0xffffffff)).toBe(32);
    expect(popcount32(0x80000001)).toBe(2);
    expect(popcount32(0x12345678)).toBe(13);
  });
});
