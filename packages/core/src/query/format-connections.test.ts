import { describe, expect, it } from 'vitest';
import { formatConnectionSet } from './format-connections.js';

describe('formatConnectionSet', () => {
  it('prints all, none, ranges and whole protocols', () => {
    expect(formatConnectionSet('all')).toBe('all');
    expect(formatConnectionSet({})).toBe('none');
    expect(
      formatConnectionSet({
        UDP: [[53, 53]],
        TCP: [
          [80, 80],
          [443, 443],
        ],
      }),
    ).toBe('TCP 80,443; UDP 53');
    expect(formatConnectionSet({ TCP: [[8000, 8080]] })).toBe('TCP 8000-8080');
    expect(formatConnectionSet({ SCTP: [[1, 65535]] })).toBe('SCTP all');
  });
});
