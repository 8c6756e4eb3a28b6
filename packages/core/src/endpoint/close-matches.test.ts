import { describe, expect, it } from 'vitest';
import { editDistance, suggestionLimit } from './close-matches.js';

describe('editDistance', () => {
  it.each([
    ['web', 'web', 0],
    ['web', 'wbe', 2],
    ['web', 'webs', 1],
    ['', 'abc', 3],
    ['kitten', 'sitting', 3],
  ])('%s -> %s is %i', (a, b, d) => {
    expect(editDistance(a, b, 10)).toBe(d);
    expect(editDistance(b, a, 10)).toBe(d);
  });

  it('stops at the limit', () => {
    expect(editDistance('abcdef', 'uvwxyz', 2)).toBe(3);
    expect(editDistance('a', 'abcdefgh', 2)).toBe(3);
  });

  it('allows more edits for longer names', () => {
    expect(suggestionLimit('web')).toBe(2);
    expect(suggestionLimit('payments-gateway')).toBe(5);
  });
});
