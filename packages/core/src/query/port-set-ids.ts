import { Bitset, wordsFor } from '../bitset/index.js';
import type { ConnectionSet } from '../model/index.js';

/**
 * Connection sets numbered by their port-class bits: the union of port classes a pair is
 * connected on becomes one id, shared by every pair with the same union (few distinct unions
 * occur), so a listing holds one `ConnectionSet` per union rather than one per pair.
 */
export class PortSetIds {
  /** The sets, by id. */
  readonly sets: ConnectionSet[] = [];
  private readonly ids = new Map<string | number, number>();
  private readonly words: number;

  /**
   * @param portClassCount - bits per union
   * @param toSet - the ports of a set of port classes
   */
  constructor(
    private readonly portClassCount: number,
    private readonly toSet: (allowed: Bitset) => ConnectionSet,
  ) {
    this.words = wordsFor(portClassCount);
  }

  /** The id of the union held in `bits[at .. at + words)`, or -1 when it is empty. */
  idOf(bits: Uint32Array, at: number): number {
    const W = this.words;
    let empty = true;
    for (let w = 0; w < W; w++) if (bits[at + w] !== 0) empty = false;
    if (empty) return -1;
    const key = W === 1 ? (bits[at] as number) : bits.subarray(at, at + W).join(',');
    let id = this.ids.get(key);
    if (id === undefined) {
      id = this.sets.length;
      this.sets.push(this.toSet(new Bitset(this.portClassCount, bits.slice(at, at + W))));
      this.ids.set(key, id);
    }
    return id;
  }
}
