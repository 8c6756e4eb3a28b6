import type { IpFamily } from '../net/index.js';
import { formatIp, IpAtoms, IpSet, parseIp, rangeToCidrs } from '../net/index.js';
import type { AddressRange } from '../query/index.js';

/** One atom of the common refinement of both sides' address ranges. */
export interface RefinedAtom {
  readonly family: IpFamily;
  readonly first: bigint;
  readonly last: bigint;
}

/** A side's ranges as address sets, and an address of each to ask the engine about. */
interface SideRanges {
  readonly sets: readonly IpSet[];
  readonly firstText: readonly string[];
}

function sideRanges(ranges: readonly AddressRange[]): SideRanges {
  const sets = ranges.map((range) => {
    const first = parseIp(range.first);
    const last = parseIp(range.last);
    return first && last
      ? IpSet.fromRanges(first.family, [[first.value, last.value]])
      : IpSet.EMPTY;
  });
  return { sets, firstText: ranges.map((r) => r.first) };
}

/**
 * The address space cut at the range boundaries of both engines: every refined atom lies in
 * exactly one range of each side, so a connection to an address range of either side can be
 * restated on refined atoms and the two sides compared atom by atom.
 */
export class AddressRefinement {
  readonly atoms: readonly RefinedAtom[];
  private readonly sides: readonly SideRanges[];
  /** Per side, per refined atom: the index of the side's range holding it. */
  private readonly origin: readonly Int32Array[];
  /** Per side, per range of the side: the refined atoms inside it. */
  private readonly members: readonly (readonly number[])[][];

  constructor(sides: readonly (readonly AddressRange[])[]) {
    this.sides = sides.map(sideRanges);
    // Atoms of the ranges of both sides: each side's ranges are unions of them.
    const atoms = IpAtoms.fromSets(this.sides.flatMap((side) => side.sets));
    this.atoms = Array.from({ length: atoms.count }, (_, i) => atoms.atom(i));
    this.members = this.sides.map((side) => side.sets.map((set) => atoms.atomsOf(set)));
    this.origin = this.members.map((members) => {
      const origin = new Int32Array(atoms.count).fill(-1);
      members.forEach((list, range) => {
        for (const atom of list) origin[atom] = range;
      });
      return origin;
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
