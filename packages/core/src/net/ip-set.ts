import { isCidrError, type ParsedCidr, parseCidr } from './cidr.js';
import { formatIpRange, type IpAddress, type IpFamily, MAX_IPV4, MAX_IPV6, maxIp } from './ip.js';

/** An inclusive address range `[first, last]`. */
export type IpRange = readonly [bigint, bigint];

type Ranges = readonly IpRange[];

const NONE: Ranges = Object.freeze([]);

function frozen(a: bigint, b: bigint): IpRange {
  return Object.freeze([a, b] as const);
}

/** Sorts and merges ranges (overlapping or adjacent). */
function normalize(ranges: IpRange[]): Ranges {
  if (ranges.length === 0) return NONE;
  ranges.sort((x, y) => (x[0] < y[0] ? -1 : x[0] > y[0] ? 1 : 0));
  const out: IpRange[] = [];
  let a = (ranges[0] as IpRange)[0];
  let b = (ranges[0] as IpRange)[1];
  for (let i = 1; i < ranges.length; i++) {
    const [c, d] = ranges[i] as IpRange;
    if (c <= b + 1n) {
      if (d > b) b = d;
    } else {
      out.push(frozen(a, b));
      a = c;
      b = d;
    }
  }
  out.push(frozen(a, b));
  return Object.freeze(out);
}

function unionOf(x: Ranges, y: Ranges): Ranges {
  if (y.length === 0) return x;
  if (x.length === 0) return y;
  return normalize([...x, ...y]);
}

function intersectOf(x: Ranges, y: Ranges): Ranges {
  const out: IpRange[] = [];
  let i = 0;
  let j = 0;
  while (i < x.length && j < y.length) {
    const [a0, a1] = x[i] as IpRange;
    const [b0, b1] = y[j] as IpRange;
    // Math.max/min do not take bigints.
    let lo = a0;
    if (b0 > lo) lo = b0;
    let hi = a1;
    if (b1 < hi) hi = b1;
    if (lo <= hi) out.push(frozen(lo, hi));
    if (a1 < b1) i++;
    else j++;
  }
  return out.length === 0 ? NONE : Object.freeze(out);
}

function differenceOf(x: Ranges, y: Ranges): Ranges {
  if (y.length === 0 || x.length === 0) return x;
  const out: IpRange[] = [];
  let j = 0;
  for (const [a0, a1] of x) {
    let start = a0;
    while (j < y.length && (y[j] as IpRange)[1] < start) j++;
    for (let k = j; k < y.length && start <= a1; k++) {
      const [b0, b1] = y[k] as IpRange;
      if (b0 > a1) break;
      if (b0 > start) out.push(frozen(start, b0 - 1n));
      start = b1 + 1n;
    }
    if (start <= a1) out.push(frozen(start, a1));
  }
  return out.length === 0 ? NONE : Object.freeze(out);
}

function sameRanges(x: Ranges, y: Ranges): boolean {
  if (x.length !== y.length) return false;
  for (let i = 0; i < x.length; i++) {
    const a = x[i] as IpRange;
    const b = y[i] as IpRange;
    if (a[0] !== b[0] || a[1] !== b[1]) return false;
  }
  return true;
}

function contains(ranges: Ranges, value: bigint): boolean {
  let lo = 0;
  let hi = ranges.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >>> 1;
    const r = ranges[mid] as IpRange;
    if (value < r[0]) hi = mid - 1;
    else if (value > r[1]) lo = mid + 1;
    else return true;
  }
  return false;
}

/**
 * An immutable set of IPv4 and IPv6 addresses, kept per family as sorted, disjoint,
 * non-adjacent inclusive ranges (so equal sets have equal ranges).
 */
export class IpSet {
  /** No address. */
  static readonly EMPTY: IpSet = new IpSet(NONE, NONE);
  /** Every IPv4 and every IPv6 address. */
  static readonly ALL: IpSet = new IpSet(
    Object.freeze([frozen(0n, MAX_IPV4)]),
    Object.freeze([frozen(0n, MAX_IPV6)]),
  );

  private readonly v4: Ranges;
  private readonly v6: Ranges;

  private constructor(v4: Ranges, v6: Ranges) {
    this.v4 = v4;
    this.v6 = v6;
  }

  /** The addresses of a parsed CIDR block (see `parseCidr`). */
  static cidr(parsed: ParsedCidr): IpSet {
    const r = Object.freeze([frozen(parsed.first, parsed.last)]);
    return parsed.family === 4 ? new IpSet(r, NONE) : new IpSet(NONE, r);
  }

  /**
   * The addresses of a CIDR block given as text.
   *
   * @throws RangeError when the text is not a valid CIDR (see `parseCidr`).
   */
  static fromCidr(text: string): IpSet {
    const parsed = parseCidr(text);
    if (isCidrError(parsed)) throw new RangeError(`invalid CIDR "${text}": ${parsed.reason}`);
    return IpSet.cidr(parsed);
  }

  /**
   * The addresses covered by inclusive ranges of one family, in any order.
   *
   * @throws RangeError when a bound is outside the family's range or a range is reversed.
   */
  static fromRanges(family: IpFamily, ranges: Iterable<readonly [bigint, bigint]>): IpSet {
    const max = maxIp(family);
    const list: IpRange[] = [];
    for (const [a, b] of ranges) {
      if (a < 0n || b > max || a > b) throw new RangeError(`not an IPv${family} range: ${a}-${b}`);
      list.push([a, b]);
    }
    const r = normalize(list);
    return family === 4 ? new IpSet(r, NONE) : new IpSet(NONE, r);
  }

  /** The set holding one address. */
  static fromIp(ip: IpAddress): IpSet {
    return IpSet.fromRanges(ip.family, [[ip.value, ip.value]]);
  }

  /** The ranges of one family: sorted, disjoint, never adjacent. */
  ranges(family: IpFamily): readonly IpRange[] {
    return family === 4 ? this.v4 : this.v6;
  }

  /** The addresses in either set. */
  union(o: IpSet): IpSet {
    return new IpSet(unionOf(this.v4, o.v4), unionOf(this.v6, o.v6));
  }

  /** The addresses in both sets. */
  intersect(o: IpSet): IpSet {
    return new IpSet(intersectOf(this.v4, o.v4), intersectOf(this.v6, o.v6));
  }

  /** The addresses in this set and not in `o`. */
  difference(o: IpSet): IpSet {
    return new IpSet(differenceOf(this.v4, o.v4), differenceOf(this.v6, o.v6));
  }

  /** True when the address is in the set. */
  has(ip: IpAddress): boolean {
    return contains(ip.family === 4 ? this.v4 : this.v6, ip.value);
  }

  /** True when the set has no address. */
  isEmpty(): boolean {
    return this.v4.length === 0 && this.v6.length === 0;
  }

  /** True when both sets hold the same addresses. */
  equals(o: IpSet): boolean {
    return sameRanges(this.v4, o.v4) && sameRanges(this.v6, o.v6);
  }

  /** The ranges as text, IPv4 first, e.g. `10.0.0.0-10.255.255.255,::1`; empty is `''`. */
  toString(): string {
    return [
      ...this.v4.map(([a, b]) => formatIpRange(4, a, b)),
      ...this.v6.map(([a, b]) => formatIpRange(6, a, b)),
    ].join(',');
  }
}
