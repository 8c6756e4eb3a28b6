import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Bitset } from './bitset.js';
import { andWords, clearWords, orWords, setRange } from './words.js';

function bits(size: number, words: Uint32Array): number[] {
  return new Bitset(size, words).toArray();
}

describe('setRange', () => {
  it('sets whole words, partial words and ranges across word boundaries', () => {
    const words = new Uint32Array(3);
    setRange(words, 0, 32);
    expect(words[0]).toBe(0xffffffff);
    setRange(words, 33, 35);
    expect(bits(96, words).slice(32)).toEqual([33, 34]);
    setRange(words, 62, 66);
    expect(bits(96, words).slice(32)).toEqual([33, 34, 62, 63, 64, 65]);
  });

  it('does nothing for an empty or reversed range', () => {
    const words = new Uint32Array(2);
    setRange(words, 5, 5);
    setRange(words, 9, 3);
    expect(bits(64, words)).toEqual([]);
  });

  it('sets exactly from .. to-1 for any range', () => {
    fc.assert(
      fc.property(fc.nat(200), fc.nat(200), (a, b) => {
        const [from, to] = a <= b ? [a, b] : [b, a];
        const words = new Uint32Array(7);
        setRange(words, from, to);
        expect(bits(224, words)).toEqual(Array.from({ length: to - from }, (_, i) => from + i));
      }),
    );
  });
});

describe('word operations', () => {
  it('ORs, ORs under a mask, ANDs and clears like the Bitset operations', () => {
    fc.assert(
      fc.property(
        fc.uniqueArray(fc.nat(99)),
        fc.uniqueArray(fc.nat(99)),
        fc.uniqueArray(fc.nat(99)),
        (a, b, m) => {
          const sa = Bitset.fromIndices(100, a);
          const sb = Bitset.fromIndices(100, b);
          const sm = Bitset.fromIndices(100, m);
          const or = sa.words.slice();
          orWords(or, sb.words);
          expect(bits(100, or)).toEqual(sa.clone().or(sb).toArray());
          const masked = sa.words.slice();
          orWords(masked, sb.words, sm.words);
          expect(bits(100, masked)).toEqual(sa.clone().or(sb.clone().and(sm)).toArray());
          const and = sa.words.slice();
          andWords(and, sb.words);
          expect(bits(100, and)).toEqual(sa.clone().and(sb).toArray());
          const cleared = sa.words.slice();
          clearWords(cleared, sb.words);
          expect(bits(100, cleared)).toEqual(sa.clone().andNot(sb).toArray());
        },
      ),
    );
  });
});
