import { parseIpv4Fast } from './ipv4-fast.js';

/** An address family: IPv4 or IPv6. */
export type IpFamily = 4 | 6;

/** An IP address as a number: IPv4 in `0..2^32-1`, IPv6 in `0..2^128-1`. */
export interface IpAddress {
  readonly family: IpFamily;
  readonly value: bigint;
}

/** Highest IPv4 address as a number. */
export const MAX_IPV4: bigint = 0xffffffffn;
/** Highest IPv6 address as a number. */
export const MAX_IPV6: bigint = (1n << 128n) - 1n;

/** Highest address of a family. */
export function maxIp(family: IpFamily): bigint {
  return family === 4 ? MAX_IPV4 : MAX_IPV6;
}

/** Number of bits in an address of the family (32 or 128). */
export function ipBits(family: IpFamily): number {
  return family === 4 ? 32 : 128;
}

const HEX_GROUP = /^[0-9a-fA-F]{1,4}$/;

// The one strict dotted-quad reader (allocation-free, also used alone in hot loops).
const parseV4 = parseIpv4Fast;

/** Appends the 16-bit groups of one side of an IPv6 `::` to `out`; false when malformed. */
function parseGroups(text: string, allowV4Tail: boolean, out: number[]): boolean {
  if (text === '') return true;
  const parts = text.split(':');
  for (let i = 0; i < parts.length; i++) {
    const part = parts[i] as string;
    if (allowV4Tail && i === parts.length - 1 && part.includes('.')) {
      const v4 = parseV4(part);
      if (v4 < 0) return false;
      out.push(v4 >>> 16, v4 & 0xffff);
    } else if (HEX_GROUP.test(part)) {
      out.push(Number.parseInt(part, 16));
    } else {
      return false;
    }
  }
  return true;
}

function parseV6(text: string): bigint | undefined {
  if (text.length > 45) return undefined;
  const gap = text.indexOf('::');
  const head: number[] = [];
  const tail: number[] = [];
  if (gap < 0) {
    if (!parseGroups(text, true, head) || head.length !== 8) return undefined;
  } else {
    if (text.indexOf('::', gap + 1) >= 0) return undefined;
    const after = text.slice(gap + 2);
    if (!parseGroups(text.slice(0, gap), false, head)) return undefined;
    if (!parseGroups(after, true, tail)) return undefined;
    // `::` stands for at least one zero group.
    if (head.length + tail.length > 7) return undefined;
    while (head.length + tail.length < 8) head.push(0);
  }
  let value = 0n;
  for (const g of head) value = (value << 16n) | BigInt(g);
  for (const g of tail) value = (value << 16n) | BigInt(g);
  return value;
}

/**
 * Parses an IPv4 or IPv6 address, strictly.
 *
 * - IPv4: a dotted quad of decimal numbers `0..255` without leading zeros. `010.1.1.1` is
 *   rejected: older Kubernetes read it as decimal, other tools as octal, and Kubernetes'
 *   strict IP validation (KEP-4858) rejects it.
 * - IPv6: every RFC 4291 text form (`::`, leading zeros in groups, upper case, a trailing
 *   dotted quad as in `::ffff:1.2.3.4`). No zone (`%eth0`).
 * - An IPv4-mapped address (`::ffff:1.2.3.4`) stays IPv6, as in Go's `netip`: it lies inside
 *   `::ffff:0:0/96`, never inside an IPv4 CIDR. Kubernetes' strict validation rejects such
 *   addresses; see {@link isIpv4Mapped} to warn about them.
 *
 * @param text - the address text, without surrounding spaces.
 * @returns the family and numeric value, or `undefined` when the text is not an address.
 */
export function parseIp(text: string): IpAddress | undefined {
  if (text.includes(':')) {
    const value = parseV6(text);
    return value === undefined ? undefined : { family: 6, value };
  }
  const v4 = parseV4(text);
  return v4 < 0 ? undefined : { family: 4, value: BigInt(v4) };
}

/** True when the text looks like an IPv4 address whose only fault is leading zeros. */
export function hasIpv4LeadingZeros(text: string): boolean {
  const tail = text.slice(text.lastIndexOf(':') + 1);
  const parts = tail.split('.');
  return (
    parts.length === 4 &&
    parts.every((p) => /^[0-9]{1,3}$/.test(p) && Number(p) <= 255) &&
    parts.some((p) => p.length > 1 && p.startsWith('0'))
  );
}

/** True for an IPv6 address in `::ffff:0:0/96` (an IPv4-mapped address). */
export function isIpv4Mapped(ip: IpAddress): boolean {
  return ip.family === 6 && ip.value >> 32n === 0xffffn;
}

function formatV4(value: bigint): string {
  const n = Number(value);
  return `${n >>> 24}.${(n >>> 16) & 255}.${(n >>> 8) & 255}.${n & 255}`;
}

function formatV6(value: bigint): string {
  if (value >> 32n === 0xffffn) return `::ffff:${formatV4(value & MAX_IPV4)}`;
  const groups: number[] = [];
  for (let shift = 112n; shift >= 0n; shift -= 16n) groups.push(Number((value >> shift) & 0xffffn));
  // RFC 5952: compress the longest run of two or more zero groups, the first on a tie.
  let bestStart = -1;
  let bestLen = 1;
  for (let i = 0; i < 8; ) {
    if (groups[i] !== 0) {
      i++;
      continue;
    }
    let j = i;
    while (j < 8 && groups[j] === 0) j++;
    if (j - i > bestLen) {
      bestStart = i;
      bestLen = j - i;
    }
    i = j;
  }
  const hex = groups.map((g) => g.toString(16));
  if (bestStart < 0) return hex.join(':');
  return `${hex.slice(0, bestStart).join(':')}::${hex.slice(bestStart + bestLen).join(':')}`;
}

/**
 * Formats an address: IPv4 as a dotted quad, IPv6 in RFC 5952 form (lower case, longest zero
 * run compressed, IPv4-mapped addresses as `::ffff:1.2.3.4`).
 *
 * @throws RangeError when `value` is outside the family's range.
 */
export function formatIp(family: IpFamily, value: bigint): string {
  if (value < 0n || value > maxIp(family)) {
    throw new RangeError(`not an IPv${family} address value: ${value}`);
  }
  return family === 4 ? formatV4(value) : formatV6(value);
}

/**
 * Formats an inclusive address range as `first-last`, e.g. `10.0.0.0-10.255.255.255`, or a
 * single address when `first === last`.
 *
 * @throws RangeError when a bound is outside the family's range.
 */
export function formatIpRange(family: IpFamily, first: bigint, last: bigint): string {
  return first === last
    ? formatIp(family, first)
    : `${formatIp(family, first)}-${formatIp(family, last)}`;
}

/**
 * The shortest list of CIDRs covering exactly `first..last`, e.g. `10.0.0.0-10.0.0.2` gives
 * `['10.0.0.0/31', '10.0.0.2/32']`.
 *
 * @throws RangeError when the bounds are outside the family's range or reversed.
 */
export function rangeToCidrs(family: IpFamily, first: bigint, last: bigint): string[] {
  const bits = BigInt(ipBits(family));
  if (first < 0n || last > maxIp(family) || first > last) {
    throw new RangeError(`not an IPv${family} range: ${first}-${last}`);
  }
  const out: string[] = [];
  let cur = first;
  while (cur <= last) {
    // Largest aligned block starting at cur that fits in the range.
    let size = 0n;
    while (size < bits) {
      const next = size + 1n;
      const block = 1n << next;
      if (cur % block !== 0n || cur + block - 1n > last) break;
      size = next;
    }
    out.push(`${formatIp(family, cur)}/${bits - size}`);
    cur += 1n << size;
  }
  return out;
}
