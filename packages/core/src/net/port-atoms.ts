import { MAX_PORT, MIN_PORT, type PortSet, type Range } from './port-set.js';

/**
 * A partition of the ports `1..65535` into atoms: maximal ranges that every given
 * {@link PortSet} either fully contains or fully misses. Atoms are numbered `0..count-1` in
 * port order.
 */
export class PortAtoms {
  /** Sorted first port of every atom; `starts[0]` is 1. */
  private readonly starts: Int32Array;

  private constructor(starts: Int32Array) {
    this.starts = starts;
  }

  /**
   * Cuts `1..65535` at every range boundary of the given sets.
   *
   * @param sets - the port sets that must each be a union of atoms.
   */
  static fromBoundaries(sets: Iterable<PortSet>): PortAtoms {
    const cuts = new Set<number>([MIN_PORT]);
    for (const set of sets) {
      for (const [a, b] of set.ranges) {
        cuts.add(a);
        if (b < MAX_PORT) cuts.add(b + 1);
      }
    }
    return new PortAtoms(Int32Array.from(cuts).sort());
  }

  /** Number of atoms (at least 1). */
  get count(): number {
    return this.starts.length;
  }

  /**
   * The atom holding `port`.
   *
   * @throws RangeError when `port` is not an integer in `1..65535`.
   */
  atomOf(port: number): number {
    if (!Number.isInteger(port) || port < MIN_PORT || port > MAX_PORT) {
      throw new RangeError(`port must be an integer in ${MIN_PORT}..${MAX_PORT}, got ${port}`);
    }
    const s = this.starts;
    let lo = 0;
    let hi = s.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >>> 1;
      if ((s[mid] as number) <= port) lo = mid;
      else hi = mid - 1;
    }
    return lo;
  }

  /** The ports of atom `atom`. @throws RangeError when `atom` is out of range. */
  range(atom: number): Range {
    const first = this.starts[atom];
    if (first === undefined || !Number.isInteger(atom)) {
      throw new RangeError(`port atom ${atom} out of range 0..${this.count - 1}`);
    }
    const next = this.starts[atom + 1];
    return [first, next === undefined ? MAX_PORT : next - 1];
  }

  /**
   * The atoms making up `set`, sorted.
   *
   * @throws RangeError when `set` is not a union of atoms (it was not among the sets the
   *   atoms were built from, nor a combination of them).
   */
  atomsOf(set: PortSet): number[] {
    const out: number[] = [];
    for (const [a, b] of set.ranges) {
      const first = this.atomOf(a);
      const last = this.atomOf(b);
      if (this.starts[first] !== a || this.range(last)[1] !== b) {
        throw new RangeError(`port range ${a}-${b} is not a union of atoms`);
      }
      for (let k = first; k <= last; k++) out.push(k);
    }
    return out;
  }
}
