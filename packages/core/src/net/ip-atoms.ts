import { type IpAddress, type IpFamily, maxIp } from './ip.js';
import type { IpSet } from './ip-set.js';

/** One atom of an {@link IpAtoms} partition. */
export interface IpAtom {
  readonly family: IpFamily;
  readonly first: bigint;
  readonly last: bigint;
}

function sortedUnique(values: Set<bigint>): bigint[] {
  return [...values].sort((x, y) => (x < y ? -1 : x > y ? 1 : 0));
}

function floorIndex(starts: readonly bigint[], value: bigint): number {
  let lo = 0;
  let hi = starts.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >>> 1;
    if ((starts[mid] as bigint) <= value) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}

/**
 * A partition of the whole IPv4 and IPv6 spaces into atoms: maximal ranges that every given
 * {@link IpSet} either fully contains or fully misses. Atoms are numbered IPv4 first, then
 * IPv6, each in address order; the IPv4 space is atoms `0..v4Count-1`.
 */
export class IpAtoms {
  private readonly v4Starts: readonly bigint[];
  private readonly v6Starts: readonly bigint[];

  private constructor(v4Starts: readonly bigint[], v6Starts: readonly bigint[]) {
    this.v4Starts = v4Starts;
    this.v6Starts = v6Starts;
  }

  /**
   * Cuts both address spaces at every range boundary of the given sets.
   *
   * @param sets - the sets that must each be a union of atoms.
   */
  static fromSets(sets: Iterable<IpSet>): IpAtoms {
    const cuts4 = new Set<bigint>([0n]);
    const cuts6 = new Set<bigint>([0n]);
    for (const set of sets) {
      for (const [family, cuts] of [
        [4, cuts4],
        [6, cuts6],
      ] as const) {
        const max = maxIp(family);
        for (const [a, b] of set.ranges(family)) {
          cuts.add(a);
          if (b < max) cuts.add(b + 1n);
        }
      }
    }
    return new IpAtoms(sortedUnique(cuts4), sortedUnique(cuts6));
  }

  /** Number of atoms (at least 2: one per family). */
  get count(): number {
    return this.v4Starts.length + this.v6Starts.length;
  }

  /** Number of IPv4 atoms; IPv6 atoms are numbered from here. */
  get v4Count(): number {
    return this.v4Starts.length;
  }

  /**
   * The atom holding an address.
   *
   * @throws RangeError when the value is outside its family's range.
   */
  atomOf(ip: IpAddress): number {
    if (ip.value < 0n || ip.value > maxIp(ip.family)) {
      throw new RangeError(`not an IPv${ip.family} address value: ${ip.value}`);
    }
    return ip.family === 4
      ? floorIndex(this.v4Starts, ip.value)
      : this.v4Starts.length + floorIndex(this.v6Starts, ip.value);
  }

  /** The family and range of atom `i`. @throws RangeError when `i` is out of range. */
  atom(i: number): IpAtom {
    if (!Number.isInteger(i) || i < 0 || i >= this.count) {
      throw new RangeError(`IP atom ${i} out of range 0..${this.count - 1}`);
    }
    const family: IpFamily = i < this.v4Starts.length ? 4 : 6;
    const starts = family === 4 ? this.v4Starts : this.v6Starts;
    const k = family === 4 ? i : i - this.v4Starts.length;
    const next = starts[k + 1];
    return {
      family,
      first: starts[k] as bigint,
      last: next === undefined ? maxIp(family) : next - 1n,
    };
  }

  /**
   * The atoms making up `set` as inclusive ranges of atom numbers, `[first0, last0, first1,
   * last1, ...]` in order: one range per range of the set, whatever number of atoms it spans.
   *
   * @throws RangeError when `set` is not a union of atoms.
   */
  atomRangesOf(set: IpSet): number[] {
    const out: number[] = [];
    for (const family of [4, 6] as const) {
      const starts = family === 4 ? this.v4Starts : this.v6Starts;
      const offset = family === 4 ? 0 : this.v4Starts.length;
      const max = maxIp(family);
      for (const [a, b] of set.ranges(family)) {
        const first = floorIndex(starts, a);
        const last = floorIndex(starts, b);
        const next = starts[last + 1];
        if (starts[first] !== a || (next === undefined ? max : next - 1n) !== b) {
          throw new RangeError(`IPv${family} range ${a}-${b} is not a union of atoms`);
        }
        out.push(offset + first, offset + last);
      }
    }
    return out;
  }

  /**
   * The atoms making up `set`, sorted.
   *
   * @throws RangeError when `set` is not a union of atoms.
   */
  atomsOf(set: IpSet): number[] {
    const out: number[] = [];
    for (const family of [4, 6] as const) {
      for (const [a, b] of set.ranges(family)) {
        const first = this.atomOf({ family, value: a });
        const last = this.atomOf({ family, value: b });
        if (this.atom(first).first !== a || this.atom(last).last !== b) {
          throw new RangeError(`IPv${family} range ${a}-${b} is not a union of atoms`);
        }
        for (let k = first; k <= last; k++) out.push(k);
      }
    }
    return out;
  }
}
