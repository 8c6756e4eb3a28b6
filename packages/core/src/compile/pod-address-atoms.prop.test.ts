import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { IpSet } from '../net/index.js';
import { cidrSet } from './pod-address-atoms.js';

/** What the full parser makes of a text: a set, or the error it throws. */
function viaParser(text: string): string {
  try {
    return IpSet.fromCidr(text).toString();
  } catch (e) {
    return `throws ${e instanceof Error ? e.name : String(e)}`;
  }
}

function viaCidrSet(text: string): string {
  try {
    return cidrSet(text).toString();
  } catch (e) {
    return `throws ${e instanceof Error ? e.name : String(e)}`;
  }
}

const octet = fc.oneof(fc.nat(255).map(String), fc.constantFrom('00', '01', '256', '', '-1'));
const prefix = fc.oneof(fc.nat(40).map(String), fc.constantFrom('08', '', 'x', '32 ', '0'));
const v4Cidr = fc
  .tuple(octet, octet, octet, octet, prefix)
  .map(([a, b, c, d, p]) => `${a}.${b}.${c}.${d}/${p}`);
const other = fc.oneof(
  fc.constantFrom('2001:db8::/32', '::ffff:10.0.0.0/104', '10.0.0.0', '/8', '10.0.0.0//8'),
  fc.string({ maxLength: 20 }),
);

describe('cidrSet', () => {
  it('gives what the full CIDR parser gives, set or error, on every text', () => {
    fc.assert(
      fc.property(fc.oneof(v4Cidr, v4Cidr, other), (text) => {
        expect(viaCidrSet(text)).toBe(viaParser(text));
      }),
    );
  });

  it('clears host bits past the prefix', () => {
    expect(cidrSet('10.1.2.3/8').toString()).toBe(IpSet.fromCidr('10.0.0.0/8').toString());
    expect(cidrSet('255.255.255.255/0').equals(IpSet.fromCidr('0.0.0.0/0'))).toBe(true);
    expect(cidrSet('1.2.3.4/32').equals(IpSet.fromCidr('1.2.3.4/32'))).toBe(true);
  });
});
