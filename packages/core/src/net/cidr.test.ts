import { describe, expect, it } from 'vitest';
import { CIDR_ERROR_MESSAGE, isCidrError, type ParsedCidr, parseCidr } from './cidr.js';

function ok(text: string): ParsedCidr {
  const r = parseCidr(text);
  if (isCidrError(r)) throw new Error(`${text}: ${r.reason}`);
  return r;
}

describe('parseCidr', () => {
  it('parses IPv4 and IPv6 blocks', () => {
    expect(ok('10.0.0.0/8')).toEqual({
      family: 4,
      first: 0x0a000000n,
      last: 0x0affffffn,
      prefix: 8,
      canonical: '10.0.0.0/8',
      canonicalForm: true,
      hostBitsSet: false,
    });
    expect(ok('0.0.0.0/0')).toMatchObject({ first: 0n, last: 0xffffffffn });
    expect(ok('1.2.3.4/32')).toMatchObject({ first: 0x01020304n, last: 0x01020304n });
    expect(ok('2001:db8::/64')).toMatchObject({
      family: 6,
      first: 0x20010db8000000000000000000000000n,
      last: 0x20010db800000000ffffffffffffffffn,
      canonicalForm: true,
    });
    expect(ok('::/0')).toMatchObject({ first: 0n, last: (1n << 128n) - 1n });
  });

  it('accepts and normalises non-canonical blocks, flagging them', () => {
    expect(ok('10.0.0.1/8')).toMatchObject({
      first: 0x0a000000n,
      canonical: '10.0.0.0/8',
      canonicalForm: false,
      hostBitsSet: true,
    });
    expect(ok('2001:DB8:0::/32')).toMatchObject({
      canonical: '2001:db8::/32',
      canonicalForm: false,
      hostBitsSet: false,
    });
  });

  it('keeps IPv4-mapped blocks in the IPv6 space', () => {
    expect(ok('::ffff:10.0.0.0/104')).toMatchObject({
      family: 6,
      first: 0xffff0a000000n,
      last: 0xffff0affffffn,
      canonical: '::ffff:10.0.0.0/104',
    });
  });

  it.each([
    ['10.0.0.0', 'missing'],
    ['10.0.0.0/33', 'longer than 32'],
    ['::/129', 'longer than 128'],
    ['010.0.0.0/8', 'leading zeros'],
    ['10.0.0.0/08', 'not a number'],
    ['10.0.0.0/', 'not a number'],
    ['10.0.0.0/-1', 'not a number'],
    ['10.0.0.0/8/8', 'not a number'],
    ['1.2.3/24', 'not an IP address'],
    [' 10.0.0.0/8', 'not an IP address'],
    ['fe80::1%eth0/64', 'not an IP address'],
    ['', 'missing'],
  ])('rejects %j (%s)', (text, reason) => {
    const r = parseCidr(text);
    expect(isCidrError(r)).toBe(true);
    if (isCidrError(r)) {
      expect(r.error).toBe(CIDR_ERROR_MESSAGE);
      expect(r.reason).toContain(reason);
    }
  });
});
