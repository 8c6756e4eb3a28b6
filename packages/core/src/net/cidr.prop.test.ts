import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isCidrError, parseCidr } from './cidr.js';
import { formatIp, type IpFamily, ipBits, maxIp, parseIp } from './ip.js';

const arbIp = fc.oneof(
  fc.bigInt({ min: 0n, max: maxIp(4) }).map((value) => ({ family: 4 as IpFamily, value })),
  fc.bigInt({ min: 0n, max: maxIp(6) }).map((value) => ({ family: 6 as IpFamily, value })),
  // Many zero groups, so `::` compression is exercised.
  fc
    .array(fc.constantFrom(0, 0, 0, 1, 0xffff, 0xdb8), { minLength: 8, maxLength: 8 })
    .map((groups) => ({
      family: 6 as IpFamily,
      value: groups.reduce((acc, g) => (acc << 16n) | BigInt(g), 0n),
    })),
);

describe('IP and CIDR text round-trips', () => {
  it('parseIp(formatIp(x)) is x', () => {
    fc.assert(
      fc.property(arbIp, (ip) => {
        expect(parseIp(formatIp(ip.family, ip.value))).toEqual(ip);
      }),
    );
  });

  it('parseCidr gives the block of the address and its canonical text parses to itself', () => {
    fc.assert(
      fc.property(arbIp, fc.nat(128), (ip, p) => {
        const bits = ipBits(ip.family);
        const prefix = p % (bits + 1);
        const text = `${formatIp(ip.family, ip.value)}/${prefix}`;
        const parsed = parseCidr(text);
        if (isCidrError(parsed)) throw new Error(`${text}: ${parsed.reason}`);
        const hostBits = BigInt(bits - prefix);
        const first = (ip.value >> hostBits) << hostBits;
        expect(parsed.family).toBe(ip.family);
        expect(parsed.prefix).toBe(prefix);
        expect(parsed.first).toBe(first);
        expect(parsed.last).toBe(first + (1n << hostBits) - 1n);
        expect(parsed.hostBitsSet).toBe(first !== ip.value);
        expect(parsed.canonicalForm).toBe(first === ip.value);
        expect(parsed.text).toBe(text);
        const again = parseCidr(parsed.canonical);
        expect(again).toEqual({
          ...parsed,
          canonicalForm: true,
          hostBitsSet: false,
          text: parsed.canonical,
        });
      }),
    );
  });

  it('legacy leading zeros read as decimal give the block without them, flagged', () => {
    fc.assert(
      fc.property(
        fc.bigInt({ min: 0n, max: maxIp(4) }),
        fc.nat(32),
        fc.array(fc.boolean(), { minLength: 5, maxLength: 5 }),
        (value, prefix, pad) => {
          const plain = `${formatIp(4, value)}/${prefix}`;
          const padded = plain.replace(/[0-9]+/g, (n, i) =>
            pad[plain.slice(0, i).split(/[./]/).length - 1] && n.length < 3 ? `0${n}` : n,
          );
          const strict = parseCidr(plain);
          const legacy = parseCidr(padded, { legacyLeadingZeros: true });
          if (isCidrError(strict) || isCidrError(legacy)) throw new Error(padded);
          expect(legacy).toEqual({
            ...strict,
            canonicalForm: padded === strict.canonical,
            leadingZeros: padded !== plain,
          });
          expect(isCidrError(parseCidr(padded))).toBe(padded !== plain);
        },
      ),
    );
  });
});
