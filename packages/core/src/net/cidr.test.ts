import { describe, expect, it } from 'vitest';
import {
  CIDR_ERROR_MESSAGE,
  type CidrOptions,
  isCidrError,
  isStrictSubset,
  type ParsedCidr,
  parseCidr,
} from './cidr.js';
import { parseIp } from './ip.js';

function ok(text: string, options?: CidrOptions): ParsedCidr {
  const r = parseCidr(text, options);
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
      text: '10.0.0.0/8',
      leadingZeros: false,
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

// Moved from parse/cidr.test.ts when that second parser went: the legacy ipBlock reading.
describe('parseCidr with legacyLeadingZeros', () => {
  const legacy = { legacyLeadingZeros: true };

  it('reads IPv4 and IPv6 blocks as written, clearing host bits in the range', () => {
    expect(ok('10.1.2.3/8', legacy)).toMatchObject({
      family: 4,
      first: 0x0a000000n,
      prefix: 8,
      text: '10.1.2.3/8',
      leadingZeros: false,
    });
    expect(ok('fd00::1/8', legacy)).toMatchObject({ family: 6, first: 0xfdn << 120n, prefix: 8 });
    expect(ok('FD00::/8', legacy)).toMatchObject({ text: 'FD00::/8', leadingZeros: false });
    expect(ok('::ffff:10.0.0.0/104', legacy)).toMatchObject({ family: 6, prefix: 104 });
    expect(ok('0.0.0.0/0', legacy)).toMatchObject({ family: 4, first: 0n, prefix: 0 });
    expect(ok('::/0', legacy)).toMatchObject({ family: 6, first: 0n, prefix: 0 });
  });

  it('reads IPv4 leading zeros as decimal and says so', () => {
    expect(ok('010.001.0.0/16', legacy)).toMatchObject({
      text: '10.1.0.0/16',
      first: 0x0a010000n,
      leadingZeros: true,
    });
    expect(ok('10.0.0.0/08', legacy)).toMatchObject({ text: '10.0.0.0/8', leadingZeros: true });
    expect(ok('fd00::/064', legacy)).toMatchObject({ text: 'fd00::/64', leadingZeros: true });
  });

  it.each([
    '10.0.0.0',
    '10.0.0.0/',
    '10.0.0.0/33',
    '10.0.0.0/-1',
    '256.0.0.0/8',
    '1.2.3/8',
    '1.2.3.4.5/8',
    'fd00::/129',
    '1::2::3/64',
    '1:2:3:4:5:6:7:8:9/64',
    'fe80::1%eth0/64',
    '::ffff:010.0.0.0/104',
    '0010.0.0.0/8',
    'x/8',
    '',
  ])('refuses %j', (text) => {
    expect(isCidrError(parseCidr(text, legacy))).toBe(true);
  });
});

describe('isStrictSubset', () => {
  const c = (t: string) => ok(t);
  it('is true only for smaller blocks inside, of the same family', () => {
    expect(isStrictSubset(c('10.0.0.0/8'), c('10.1.0.0/16'))).toBe(true);
    expect(isStrictSubset(c('10.0.0.0/8'), c('10.255.255.255/32'))).toBe(true);
    expect(isStrictSubset(c('0.0.0.0/0'), c('192.168.0.0/16'))).toBe(true);
    expect(isStrictSubset(c('10.0.0.0/8'), c('10.0.0.0/8'))).toBe(false);
    expect(isStrictSubset(c('10.0.0.0/8'), c('11.0.0.0/16'))).toBe(false);
    expect(isStrictSubset(c('10.0.0.0/16'), c('10.0.0.0/8'))).toBe(false);
    expect(isStrictSubset(c('::/0'), c('10.0.0.0/8'))).toBe(false);
    expect(isStrictSubset(c('fd00::/8'), c('fd12:3456::/32'))).toBe(true);
  });
});

describe('parseIp, as the pod-IP reader uses it', () => {
  it('reads addresses and refuses the rest', () => {
    expect(parseIp('10.0.0.1')).toMatchObject({ family: 4, value: 0x0a000001n });
    expect(parseIp('::1')).toMatchObject({ family: 6, value: 1n });
    expect(parseIp('10.0.0.300')).toBeUndefined();
    expect(parseIp('010.0.0.1')).toBeUndefined();
    expect(parseIp('10.0.0.1/8')).toBeUndefined();
    expect(parseIp('x'.repeat(100))).toBeUndefined();
  });
});
