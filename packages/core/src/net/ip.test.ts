import { describe, expect, it } from 'vitest';
import {
  formatIp,
  formatIpRange,
  hasIpv4LeadingZeros,
  isIpv4Mapped,
  parseIp,
  rangeToCidrs,
} from './ip.js';

describe('parseIp', () => {
  it('parses IPv4 dotted quads', () => {
    expect(parseIp('0.0.0.0')).toEqual({ family: 4, value: 0n });
    expect(parseIp('10.1.2.3')).toEqual({ family: 4, value: 0x0a010203n });
    expect(parseIp('255.255.255.255')).toEqual({ family: 4, value: 0xffffffffn });
  });

  it.each([
    '010.1.1.1',
    '1.2.3.04',
    '256.1.1.1',
    '1.2.3',
    '1.2.3.4.5',
    ' 1.2.3.4',
    '1.2.3.4 ',
    '1.2.3.-4',
    '+1.2.3.4',
    '1.2.3.4/32',
    '',
    '0x1.2.3.4',
    '1..2.3',
  ])('rejects IPv4 %j', (text) => {
    expect(parseIp(text)).toBeUndefined();
  });

  it('parses every IPv6 text form', () => {
    expect(parseIp('::')).toEqual({ family: 6, value: 0n });
    expect(parseIp('::1')).toEqual({ family: 6, value: 1n });
    expect(parseIp('2001:DB8::1')?.value).toBe(0x20010db8000000000000000000000001n);
    expect(parseIp('2001:0db8:0000:0000:0000:0000:0000:0001')?.value).toBe(
      0x20010db8000000000000000000000001n,
    );
    expect(parseIp('1:2:3:4:5:6:7::')?.value).toBe(0x00010002000300040005000600070000n);
    expect(parseIp('::2:3:4:5:6:7:8')?.value).toBe(0x00000002000300040005000600070008n);
    expect(parseIp('1:2:3:4:5:6:1.2.3.4')?.value).toBe(0x00010002000300040005000601020304n);
    expect(parseIp('::ffff:1.2.3.4')).toEqual({ family: 6, value: 0xffff01020304n });
    expect(parseIp('::1.2.3.4')).toEqual({ family: 6, value: 0x01020304n });
  });

  it.each([
    ':::',
    '1:::2',
    '1::2::3',
    '1:2:3:4:5:6:7:8:9',
    '1:2:3:4:5:6:7',
    '1:2:3:4:5:6:7:8::',
    '::1:2:3:4:5:6:7:8',
    ':1::',
    '1::2:',
    '12345::',
    'g::',
    'fe80::1%eth0',
    '1.2.3.4::',
    '::1.2.3.4:5',
    '::ffff:01.2.3.4',
    '1:2:3:4:5:6:7:1.2.3.4',
  ])('rejects IPv6 %j', (text) => {
    expect(parseIp(text)).toBeUndefined();
  });

  it('recognises IPv4-mapped addresses and IPv4 leading zeros', () => {
    expect(isIpv4Mapped(parseIp('::ffff:10.0.0.1')!)).toBe(true);
    expect(isIpv4Mapped(parseIp('10.0.0.1')!)).toBe(false);
    expect(isIpv4Mapped(parseIp('::10.0.0.1')!)).toBe(false);
    expect(hasIpv4LeadingZeros('010.0.0.1')).toBe(true);
    expect(hasIpv4LeadingZeros('10.0.0.1')).toBe(false);
    expect(hasIpv4LeadingZeros('::ffff:1.02.3.4')).toBe(true);
  });
});

describe('formatIp', () => {
  it.each([
    [4, 0x0a000001n, '10.0.0.1'],
    [6, 0n, '::'],
    [6, 1n, '::1'],
    [6, 0x20010db8000000000000000000000001n, '2001:db8::1'],
    [6, 0x20010db8000000000001000000000001n, '2001:db8::1:0:0:1'],
    [6, 0x20010db8000000010000000000000001n, '2001:db8:0:1::1'],
    [6, 0x20010db8000100000000000000000000n, '2001:db8:1::'],
    [6, 0x20010db800000001000100010001000an, '2001:db8:0:1:1:1:1:a'],
    [6, 0xffff0a000001n, '::ffff:10.0.0.1'],
    [6, 0x00010000000000000000000000000000n, '1::'],
  ] as const)('formats IPv%i %s as %s', (family, value, text) => {
    expect(formatIp(family, value)).toBe(text);
    expect(parseIp(text)).toEqual({ family, value });
  });

  it('formats ranges and rejects out-of-range values', () => {
    expect(formatIpRange(4, 0x0a000000n, 0x0affffffn)).toBe('10.0.0.0-10.255.255.255');
    expect(formatIpRange(4, 1n, 1n)).toBe('0.0.0.1');
    expect(() => formatIp(4, 1n << 32n)).toThrow(RangeError);
    expect(() => formatIp(6, -1n)).toThrow(RangeError);
  });

  it('splits ranges into CIDRs', () => {
    expect(rangeToCidrs(4, 0x0a000000n, 0x0a000002n)).toEqual(['10.0.0.0/31', '10.0.0.2/32']);
    expect(rangeToCidrs(4, 0n, 0xffffffffn)).toEqual(['0.0.0.0/0']);
    expect(rangeToCidrs(6, 0n, (1n << 128n) - 1n)).toEqual(['::/0']);
    expect(rangeToCidrs(4, 1n, 6n)).toEqual([
      '0.0.0.1/32',
      '0.0.0.2/31',
      '0.0.0.4/31',
      '0.0.0.6/32',
    ]);
  });
});
