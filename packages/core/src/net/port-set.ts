/** Lowest port number a NetworkPolicy can name. */
export const MIN_PORT = 1;
/** Highest port number. */
export const MAX_PORT = 65535;

/** An inclusive range of ports `[first, last]`. */
export type Range = readonly [number, number];

function checkPort(p: number): void {
  if (!Number.isInteger(p) || p < MIN_PORT || p > MAX_PORT) {
    throw new RangeError(`port must be an integer in ${MIN_PORT}..${MAX_PORT}, got ${p}`);
  }
}

/** Sorts and merges ranges (overlapping or adjacent) into canonical form. */
function normalize(ranges: Range[]): Range[] {
  ranges.sort((x, y) => x[0] - y[0]);
  const out: Range[] = [];
  let cur: [number, number] | undefined;
  for (const [a, b] of ranges) {
    if (cur !== undefined && a <= cur[1] + 1) {
      if (b > cur[1]) cur[1] = b;
    } else {
      if (cur !== undefined) out.push(Object.freeze(cur));
      cur = [a, b];
    }
  }
  if (cur !== undefined) out.push(Object.freeze(cur));
  return out;
}

/**
 * An immutable set of ports in `1..65535`, kept as sorted, merged, non-adjacent inclusive
 * ranges, so two sets with the same ports have the same `ranges`.
 */
export class PortSet {
  /** Every port `1..65535`. */
  static readonly ALL: PortSet = new PortSet([Object.freeze([MIN_PORT, MAX_PORT] as const)]);
  /** No port. */
  static readonly EMPTY: PortSet = new PortSet([]);

  /** The canonical ranges: sorted, disjoint, never adjacent. */
  readonly ranges: readonly Range[];
  /** Number of ports in the set. */
  readonly size: number;

  private constructor(ranges: readonly Range[]) {
    this.ranges = Object.freeze(ranges);
    let size = 0;
    for (const [a, b] of ranges) size += b - a + 1;
    this.size = size;
  }

  /**
   * The set of ports covered by the given inclusive ranges, in any order, overlapping or not.
   *
   * @throws RangeError when a bound is not an integer in `1..65535` or a range is reversed.
   */
  static of(ranges: Iterable<readonly [number, number]>): PortSet {
    const list: Range[] = [];
    for (const [a, b] of ranges) {
      checkPort(a);
      checkPort(b);
      if (a > b) throw new RangeError(`port range ${a}-${b} is reversed`);
      list.push([a, b]);
    }
    if (list.length === 0) return PortSet.EMPTY;
    return new PortSet(normalize(list));
  }

  /** The set holding port `p`. @throws RangeError when `p` is not in `1..65535`. */
  static single(p: number): PortSet {
    return PortSet.of([[p, p]]);
  }

  /** The ports `a..b` inclusive. @throws RangeError on bad bounds or `a > b`. */
  static range(a: number, b: number): PortSet {
    return PortSet.of([[a, b]]);
  }

  /** True when `p` is in the set (false for anything that is not a valid port). */
  has(p: number): boolean {
    const r = this.ranges;
    let lo = 0;
    let hi = r.length - 1;
    while (lo <= hi) {
      const mid = (lo + hi) >>> 1;
      const range = r[mid] as Range;
      if (p < range[0]) hi = mid - 1;
      else if (p > range[1]) lo = mid + 1;
      else return true;
    }
    return false;
  }

  /** True when the set has no port. */
  isEmpty(): boolean {
    return this.ranges.length === 0;
  }

  /** True when the set holds every port `1..65535`. */
  isAll(): boolean {
    return this.size === MAX_PORT - MIN_PORT + 1;
  }

  /** True when both sets hold the same ports. */
  equals(o: PortSet): boolean {
    if (o.size !== this.size || o.ranges.length !== this.ranges.length) return false;
    for (let i = 0; i < this.ranges.length; i++) {
      const x = this.ranges[i] as Range;
      const y = o.ranges[i] as Range;
      if (x[0] !== y[0] || x[1] !== y[1]) return false;
    }
    return true;
  }

  /** The ports in either set. */
  union(o: PortSet): PortSet {
    if (o.isEmpty() || this.isAll()) return this;
    if (this.isEmpty() || o.isAll()) return o;
    return new PortSet(normalize([...this.ranges, ...o.ranges]));
  }

  /** The ports in both sets. */
  intersect(o: PortSet): PortSet {
    const a = this.ranges;
    const b = o.ranges;
    const out: Range[] = [];
    let i = 0;
    let j = 0;
    while (i < a.length && j < b.length) {
      const x = a[i] as Range;
      const y = b[j] as Range;
      const lo = Math.max(x[0], y[0]);
      const hi = Math.min(x[1], y[1]);
      if (lo <= hi) out.push(Object.freeze([lo, hi] as const));
      if (x[1] < y[1]) i++;
      else j++;
    }
    return out.length === 0 ? PortSet.EMPTY : new PortSet(out);
  }

  /** The ports in this set and not in `o`. */
  difference(o: PortSet): PortSet {
    const b = o.ranges;
    if (b.length === 0 || this.isEmpty()) return this;
    const out: Range[] = [];
    let j = 0;
    for (const [a0, a1] of this.ranges) {
      let start = a0;
      while (j < b.length && (b[j] as Range)[1] < start) j++;
      let k = j;
      while (k < b.length && start <= a1) {
        const [b0, b1] = b[k] as Range;
        if (b0 > a1) break;
        if (b0 > start) out.push(Object.freeze([start, b0 - 1] as const));
        start = b1 + 1;
        k++;
      }
      if (start <= a1) out.push(Object.freeze([start, a1] as const));
    }
    return out.length === 0 ? PortSet.EMPTY : new PortSet(out);
  }

  /** The ranges as text, e.g. `80,443,8000-8080`; the empty set is `''`. */
  toString(): string {
    return this.ranges.map(([a, b]) => (a === b ? `${a}` : `${a}-${b}`)).join(',');
  }
}
