import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseIp } from './ip.js';
import { parseIpv4Fast } from './ipv4-fast.js';

describe('parseIpv4Fast', () => {
  it('reads canonical dotted quads', () => {
    expect(parseIpv4Fast('0.0.0.0')).toBe(0);
    expect(parseIpv4Fast('10.1.2.3')).toBe(0x0a010203);
    expect(parseIpv4Fast('255.255.255.255')).toBe(0xffffffff);
  });

  it.each([
    '010.1.1.1',
    '1.2.3.04',
    '1.00.3.4',
    '256.1.1.1',
    '1.2.3',
    '1.2.3.4.5',
    '1..3.4',
    '.1.2.3',
    '1.2.3.',
    ' 1.2.3.4',
    '1.2.3.4/32',
    '1234.1.1.1',
    '',
    '::1',
    '::ffff:1.2.3.4',
  ])('answers -1 for %j', (text) => {
    expect(parseIpv4Fast(text)).toBe(-1);
  });

  it('agrees with the full parser wherever it answers', () => {
    const octet = fc.oneof(fc.nat(255).map(String), fc.constantFrom('00', '01', '256', ''));
    fc.assert(
      fc.property(fc.array(octet, { minLength: 3, maxLength: 5 }), (parts) => {
        const text = parts.join('.');
        const fast = parseIpv4Fast(text);
        const full = parseIp(text);
        if (fast >= 0) expect(full).toEqual({ family: 4, value: BigInt(fast) });
        else expect(full === undefined || full.family === 4).toBe(true);
        if (full?.family === 4 && !/(^|\.)0\d/.test(text)) expect(fast).toBe(Number(full.value));
      }),
    );
  });
});
