import type { IpFamily, IpRange } from '../net/index.js';
import { formatIp, formatIpRange, IpSet, isCidrError, parseCidr, parseIp } from '../net/index.js';

/**
 * One address range that every policy treats alike (an engine's IP atom, or a part of one),
 * with the address that stands for it.
 */
export interface AddressSample {
  /** The first address of the range: ask the engine about this one. */
  readonly address: string;
  /** The addresses it stands for, as `first-last` ranges joined by `,`. */
  readonly range: string;
  /** From the first to the last of those addresses, `first-last` (holes left out of `range`). */
  readonly span: string;
}

/** An IP atom as `Engine.addressRanges()` lists it. */
export interface AddressAtom {
  readonly family: 4 | 6;
  readonly first: string;
  readonly last: string;
}

/**
 * The IPv4 blocks that are not the public internet: this network, private (RFC 1918),
 * shared (CGNAT), loopback, link-local, multicast and reserved. `external` leaves them out.
 */
export const NON_PUBLIC_IPV4_CIDRS: readonly string[] = [
  '0.0.0.0/8',
  '10.0.0.0/8',
  '100.64.0.0/10',
  '127.0.0.0/8',
  '169.254.0.0/16',
  '172.16.0.0/12',
  '192.168.0.0/16',
  '224.0.0.0/4',
  '240.0.0.0/4',
];

/**
 * Splits a region of the address space along the engine's IP atoms: one sample per atom that
 * meets the region, so asking the engine about each sample covers every address of the region
 * (all addresses of one atom get the same answer). `include` and `exclude` are CIDR blocks or
 * single addresses; the region is their difference.
 *
 * @param atoms - `engine.addressRanges()`
 * @param include - the region, as CIDRs or addresses
 * @param exclude - addresses to leave out (cluster CIDRs, pod IPs, ...)
 * @returns the samples in address order, IPv4 first
 * @throws RangeError when a CIDR or address does not parse
 * @example
 * ```ts
 * sampleAddresses(engine.addressRanges(), ['203.0.113.0/24'], []);
 * ```
 */
export function sampleAddresses(
  atoms: readonly AddressAtom[],
  include: readonly string[],
  exclude: readonly string[],
): readonly AddressSample[] {
  const region = toSet(include).difference(toSet(exclude));
  const samples: AddressSample[] = [];
  for (const atom of atoms) {
    const first = parseIp(atom.first);
    const last = parseIp(atom.last);
    if (first === undefined || last === undefined)
      throw new RangeError(`not an atom: ${atom.first}-${atom.last}`);
    const family: IpFamily = atom.family;
    // The region's ranges are sorted and disjoint: the part inside the atom starts at the first
    // range that ends at or after the atom's first address (thousands of atoms, one search each).
    const all = region.ranges(family);
    const ranges: [bigint, bigint][] = [];
    for (let i = firstEndingAtOrAfter(all, first.value); i < all.length; i++) {
      const [a, b] = all[i] as IpRange;
      if (a > last.value) break;
      // Clipped to the atom (bigints: no Math.max).
      let from = a;
      let to = b;
      if (from < first.value) from = first.value;
      if (to > last.value) to = last.value;
      ranges.push([from, to]);
    }
    const [head] = ranges;
    const tail = ranges.at(-1);
    if (head === undefined || tail === undefined) continue;
    samples.push({
      address: formatIp(family, head[0]),
      range: ranges.map(([a, b]) => formatIpRange(family, a, b)).join(','),
      span: formatIpRange(family, head[0], tail[1]),
    });
  }
  return samples;
}

/** The index of the first of sorted, disjoint ranges whose end is at or after `value`. */
function firstEndingAtOrAfter(ranges: readonly IpRange[], value: bigint): number {
  let lo = 0;
  let hi = ranges.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if ((ranges[mid] as IpRange)[1] < value) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** The addresses of CIDR blocks and single addresses, built in one pass per family. */
function toSet(blocks: readonly string[]): IpSet {
  const ranges: Record<IpFamily, [bigint, bigint][]> = { 4: [], 6: [] };
  for (const text of blocks) {
    const ip = parseIp(text);
    if (ip !== undefined) {
      ranges[ip.family].push([ip.value, ip.value]);
      continue;
    }
    const cidr = parseCidr(text);
    if (isCidrError(cidr)) throw new RangeError(`invalid CIDR "${text}": ${cidr.reason}`);
    ranges[cidr.family].push([cidr.first, cidr.last]);
  }
  return IpSet.fromRanges(4, ranges[4]).union(IpSet.fromRanges(6, ranges[6]));
}

/**
 * True when `address` lies in one of `blocks` (CIDRs or single addresses).
 *
 * @param address - an IPv4 or IPv6 address
 * @param blocks - CIDR blocks or addresses
 * @returns whether some block holds the address; false when the address does not parse
 * @throws RangeError when a block does not parse
 */
export function isAddressIn(address: string, blocks: readonly string[]): boolean {
  const ip = parseIp(address);
  return ip !== undefined && toSet(blocks).has(ip);
}
