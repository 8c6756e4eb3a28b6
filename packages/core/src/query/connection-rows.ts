import { Bitset, wordsFor } from '../bitset/index.js';
import type { ConnectionSet } from '../model/index.js';
import type { AddressRange, ConnectionRows } from './types.js';

/** What {@link connectionRows} needs of a compiled engine. */
export interface RowSource {
  readonly classCount: number;
  readonly portClassCount: number;
  /** Per peer (group), its pod classes. */
  readonly classes: readonly (readonly number[])[];
  readonly ranges: readonly AddressRange[];
  /** The destination classes of a class on a port class (cached by the caller). */
  readonly reachOf: (c: number, k: number) => Bitset;
  /** Whether class `source`'s egress allows `column` (a class, or C + an address atom). */
  readonly egressAllows: (source: number, column: number, k: number) => boolean;
  /** Whether class `destination`'s ingress allows `column`. */
  readonly ingressAllows: (destination: number, column: number, k: number) => boolean;
  /** The ports of a set of port classes. */
  readonly portClassesToSet: (allowed: Bitset) => ConnectionSet;
}

/**
 * Rows of connection set ids over peers and address ranges (see {@link ConnectionRows}): the
 * connections of `connectivity`, one source at a time, as small integers, so two engines can be
 * compared row by row without a `Connection` object per pair.
 */
export function connectionRows(peers: readonly string[], source: RowSource): ConnectionRows {
  const { classCount: C, portClassCount: K, classes, ranges, reachOf } = source;
  const W = wordsFor(K);
  const G = peers.length;
  const R = ranges.length;
  // The union of port classes of a pair becomes one set id, shared by every pair with the same
  // union (few distinct unions occur), found by the union's bits.
  const setIds = new Map<string | number, number>();
  const sets: ConnectionSet[] = [];
  const setId = (bits: Uint32Array, at: number): number => {
    let empty = true;
    for (let w = 0; w < W; w++) if (bits[at + w] !== 0) empty = false;
    if (empty) return -1;
    const key = W === 1 ? (bits[at] as number) : bits.subarray(at, at + W).join(',');
    let id = setIds.get(key);
    if (id === undefined) {
      id = sets.length;
      sets.push(source.portClassesToSet(new Bitset(K, bits.slice(at, at + W))));
      setIds.set(key, id);
    }
    return id;
  };
  // Per destination class, the port classes a source class set reaches it on (K bits each);
  // kept for the last source set, which peers of one class in a row share.
  let lastKey = '';
  let toClass = new Uint32Array(0);
  const portsToClasses = (sources: readonly number[]): Uint32Array => {
    const key = sources.join(',');
    if (key === lastKey) return toClass;
    lastKey = key;
    toClass = new Uint32Array(C * W);
    for (let k = 0; k < K; k++) {
      const bit = 1 << (k & 31);
      const w = k >>> 5;
      for (const a of sources) {
        reachOf(a, k).forEach((b) => {
          toClass[b * W + w] = (toClass[b * W + w] as number) | bit;
        });
      }
    }
    return toClass;
  };
  const union = new Uint32Array(W);
  /** The set id of the port classes on which `allows(k)` holds. */
  const idOf = (allows: (k: number) => boolean): number => {
    union.fill(0);
    for (let k = 0; k < K; k++) {
      if (allows(k)) union[k >>> 5] = (union[k >>> 5] as number) | (1 << (k & 31));
    }
    return setId(union, 0);
  };
  return {
    peers,
    ranges,
    set: (id) => {
      const set = sets[id];
      if (set === undefined) throw new RangeError(`no connection set ${id}`);
      return set;
    },
    row(from) {
      const sources = classes[from] ?? [];
      const ports = portsToClasses(sources);
      const out = new Int32Array(G + R);
      for (let j = 0; j < G; j++) {
        // A pair of peers is connected on a port class when some class of one reaches some class
        // of the other. Never a peer to itself.
        if (j === from) {
          out[j] = -1;
          continue;
        }
        const targets = classes[j] ?? [];
        if (targets.length === 1) {
          out[j] = setId(ports, (targets[0] as number) * W);
          continue;
        }
        union.fill(0);
        for (const b of targets) {
          for (let w = 0; w < W; w++) union[w] = (union[w] as number) | (ports[b * W + w] as number);
        }
        out[j] = setId(union, 0);
      }
      // An address has no policies of its own: only the source's egress decides.
      for (let r = 0; r < R; r++) {
        out[G + r] = idOf((k) => sources.some((a) => source.egressAllows(a, C + r, k)));
      }
      return out;
    },
    fromRanges(to) {
      const targets = classes[to] ?? [];
      const out = new Int32Array(R);
      // Only the destination's ingress decides for traffic from an address.
      for (let r = 0; r < R; r++) {
        out[r] = idOf((k) => targets.some((b) => source.ingressAllows(b, C + r, k)));
      }
      return out;
    },
  };
}
