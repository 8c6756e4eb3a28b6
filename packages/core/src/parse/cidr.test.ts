import { describe, expect, it } from 'vitest';
import { isStrictSubset, parseCidr, parseIpAddress } from './cidr.js';

describe('parseCidr', () => {
  it('reads IPv4 and IPv6 blocks, clearing host bits in the network', () => {
    expect(parseCidr('10.1.2.3/8')).toEqual({
      family: 4,
      network: 0x0a000000n,
      prefix: 8,
      text: '10.1.2.3/8',
      leadingZeros: false,
    });
    expect(parseCidr('fd00::1/8')).toMatchObject({ family: 6, network: 0xfdn << 120n, prefix: 8 });
    expect(parseCidr('::ffff:10.0.0.0/104')).toMatchObject({ family: 6, prefix: 104 });
    expect(parseCidr('0.0.0.0/0')).toMatchObject({ family: 4, network: 0n, prefix: 0 });
    expect(parseCidr('::/0')).toMatchObject({ family: 6, network: 0n, prefix: 0 });
  });

  it('reads IPv4 leading zeros as decimal and says so', () => {
    expect(parseCidr('010.001.0.0/16')).toMatchObject({ text: '10.1.0.0/16', leadingZeros: true });
    expect(parseCidr('10.0.0.0/08')).toMatchObject({ text: '10.0.0.0/8', leadingZeros: true });
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
    'x/8',
    '',
  ])('refuses %j', (text) => {
    expect(parseCidr(text)).toBeUndefined();
  });
});

describe('isStrictSubset', () => {
  const c = (t: string) => parseCidr(t)!;
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

describe('parseIpAddress', () => {
  it('reads addresses and refuses the rest', () => {
    expect(parseIpAddress('10.0.0.1')).toMatchObject({ family: 4, value: 0x0a000001n });
    expect(parseIpAddress('::1')).toMatchObject({ family: 6, value: 1n });
    expect(parseIpAddress('10.0.0.300')).toBeUndefined();
    expect(parseIpAddress('10.0.0.1/8')).toBeUndefined();
    expect(parseIpAddress('x'.repeat(100))).toBeUndefined();
  });
});
