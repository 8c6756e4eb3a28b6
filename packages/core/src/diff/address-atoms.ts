import type { IpFamily } from '../net/index.js';
import { formatIp, parseIp, rangeToCidrs } from '../net/index.js';
import type { AddressRange } from '../query/index.js';

/** One atom of the common refinement of both sides' address ranges. */
export interface RefinedAtom {
  readonly family: IpFamily;
  readonly first: bigint;
  readonly last: bigint;
}

/** Ranges of one engine, parsed, in its atom order (IPv4 first). */
interface ParsedRanges {
  readonly starts: Record<IpFamily, bigint[]>;
  /** Index of the first IPv6 range in the engine's list. */
  readonly v6Offset: number;
  readonly firstText: readonly string[];
}

function parseRanges(ranges: readonly AddressRange[]): ParsedRanges {
  const starts: Record<IpFamily, bigint[]> = { 4: [], 6: [] };
  let v6Offset = ranges.length;
  ranges.forEach((range, i) => {
    const ip = parseIp(range.first);
    if (!ip) return;
    if (ip.family === 6 && v6Offset === ranges.length) v6Offset = i;
    starts[ip.family].push(ip.value);
  });
  return { starts, v6Offset, firstText: ranges.map((r) => r.first) };
}

function floorIndex(values: readonly bigint[], x: bigint): number {
  let lo = 0;
  let hi = values.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >>> 1;
    if ((values[mid] as bigint) <= x) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}

/**
 * The address space cut at the range boundaries of both engines: every refined atom lies in
 * exactly one range of each side, so a connection to an address range of either side can be
 * restated on refined atoms and the two sides compared atom by atom.
 */
export class AddressRefinement {
  readonly atoms: readonly RefinedAtom[];
  private readonly sides: readonly ParsedRanges[];
  /** Per side, per refined atom: the index of the side's range holding it. */
  private readonly origin: readonly Int32Array[];
  /** Per side, per range of the side: the refined atoms inside it. */
  private readonly members: readonly (readonly number[])[][];

  constructor(sides: readonly (readonly AddressRange[])[]) {
    this.sides = sides.map(parseRanges);
    const atoms: RefinedAtom[] = [];
    for (const family of [4, 6] as const) {
      const cuts = new Set<bigint>([0n]);
      for (const side of this.sides) for (const start of side.starts[family]) cuts.add(start);
      const starts = [...cuts].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
      const max = family === 4 ? (1n << 32n) - 1n : (1n << 128n) - 1n;
      starts.forEach((first, i) => {
        const next = starts[i + 1];
        atoms.push({ family, first, last: next === undefined ? max : next - 1n });
      });
    }
    this.atoms = atoms;
    this.origin = this.sides.map((side) =>
      Int32Array.from(atoms, (atom) => {
        const list = side.starts[atom.family];
        if (list.length === 0) return -1;
        const k = floorIndex(list, atom.first);
        return atom.family === 4 ? k : side.v6Offset + k;
      }),
    );
    this.members = this.origin.map((origin) => {
      const lists: number[][] = [];
      origin.forEach((range, atom) => {
        if (range < 0) return;
        const list = lists[range] ?? [];
        list.push(atom);
        lists[range] = list;
      });
      return lists;
    });
  }

  /** The refined atoms inside a range of one side, by the range's index there. */
  atomsOf(side: number, range: number): readonly number[] {
    return this.members[side]?.[range] ?? [];
  }

  /** The index of the side's range holding a refined atom (-1 if the side has none). */
  rangeOf(side: number, atom: number): number {
    return this.origin[side]?.[atom] ?? -1;
  }

  /** An address of the side's range, to ask the engine about. */
  addressOf(side: number, range: number): string {
    return this.sides[side]?.firstText[range] ?? '';
  }

  /**
   * A run of consecutive refined atoms of one family as text: a CIDR when the run is exactly
   * one (`0.0.0.0/0`, `10.1.0.0/16`), else `first-last`.
   */
  text(from: number, to: number): string {
    const a = this.atoms[from] as RefinedAtom;
    const b = this.atoms[to] as RefinedAtom;
    const cidrs = rangeToCidrs(a.family, a.first, b.last);
    if (cidrs.length === 1) return cidrs[0] as string;
    return `${formatIp(a.family, a.first)}-${formatIp(b.family, b.last)}`;
  }
}
