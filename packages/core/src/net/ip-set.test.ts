import { describe, expect, it } from 'vitest';
import { parseIp } from './ip.js';
import { IpAtoms } from './ip-atoms.js';
import { IpSet } from './ip-set.js';

const ip = (text: string) => parseIp(text)!;

describe('IpSet', () => {
  it('builds from CIDRs and answers membership per family', () => {
    const s = IpSet.fromCidr('10.0.0.0/8').union(IpSet.fromCidr('2001:db8::/32'));
    expect(s.has(ip('10.1.2.3'))).toBe(true);
    expect(s.has(ip('11.0.0.0'))).toBe(false);
    expect(s.has(ip('2001:db8::1'))).toBe(true);
    expect(s.has(ip('::ffff:10.1.2.3'))).toBe(false);
    expect(s.toString()).toBe(
      '10.0.0.0-10.255.255.255,2001:db8::-2001:db8:ffff:ffff:ffff:ffff:ffff:ffff',
    );
  });

  it('models an ipBlock with except', () => {
    const block = IpSet.fromCidr('10.0.0.0/8').difference(
      IpSet.fromCidr('10.1.0.0/16').union(IpSet.fromCidr('10.3.0.0/16')),
    );
    expect(block.ranges(4).length).toBe(3);
    expect(block.has(ip('10.1.0.5'))).toBe(false);
    expect(block.has(ip('10.2.0.5'))).toBe(true);
    expect(block.ranges(6)).toEqual([]);
  });

  it('merges adjacent blocks so equal sets compare equal', () => {
    const halves = IpSet.fromCidr('10.0.0.0/9').union(IpSet.fromCidr('10.128.0.0/9'));
    expect(halves.equals(IpSet.fromCidr('10.0.0.0/8'))).toBe(true);
    expect(IpSet.fromCidr('0.0.0.0/0').union(IpSet.fromCidr('::/0')).equals(IpSet.ALL)).toBe(true);
    expect(IpSet.ALL.difference(IpSet.ALL).isEmpty()).toBe(true);
    expect(IpSet.EMPTY.isEmpty()).toBe(true);
  });

  it('throws RangeError on invalid CIDR text and ranges', () => {
    expect(() => IpSet.fromCidr('10.0.0.0/33')).toThrow(RangeError);
    expect(() => IpSet.fromRanges(4, [[0n, 1n << 32n]])).toThrow(RangeError);
    expect(() => IpSet.fromRanges(6, [[5n, 4n]])).toThrow(RangeError);
  });
});

describe('IpAtoms', () => {
  it('numbers IPv4 atoms first, then IPv6', () => {
    const a = IpSet.fromCidr('10.0.0.0/8');
    const b = IpSet.fromCidr('10.1.0.0/16');
    const c = IpSet.fromCidr('2001:db8::/32');
    const atoms = IpAtoms.fromSets([a, b, c]);
    expect(atoms.v4Count).toBe(5);
    expect(atoms.count).toBe(8);
    expect(atoms.atomsOf(a)).toEqual([1, 2, 3]);
    expect(atoms.atomsOf(b)).toEqual([2]);
    expect(atoms.atomsOf(c)).toEqual([6]);
    expect(atoms.atomsOf(IpSet.ALL)).toEqual([0, 1, 2, 3, 4, 5, 6, 7]);
    expect(atoms.atomOf(ip('10.1.2.3'))).toBe(2);
    expect(atoms.atomOf(ip('::1'))).toBe(5);
    expect(atoms.atom(6)).toEqual({
      family: 6,
      first: 0x20010db8000000000000000000000000n,
      last: 0x20010db8ffffffffffffffffffffffffn,
    });
    expect(() => atoms.atomsOf(IpSet.fromCidr('10.1.2.0/24'))).toThrow(RangeError);
    expect(() => atoms.atom(8)).toThrow(RangeError);
  });

  it('has one atom per family without sets', () => {
    const atoms = IpAtoms.fromSets([]);
    expect(atoms.count).toBe(2);
    expect(atoms.atom(0)).toEqual({ family: 4, first: 0n, last: 0xffffffffn });
  });
});
