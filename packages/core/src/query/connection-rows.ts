import { type Bitset, wordsFor } from '../bitset/index.js';
import type { ConnectionSet } from '../model/index.js';
import { PortSetIds } from './port-set-ids.js';
import type { AddressRange, Connection, ConnectionRows } from './types.js';

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
  /**
   * Whether peer i is paired with itself (a group of several peers, whose distinct members
   * are connected as the group is to itself); by default no peer is.
   */
  readonly withSelf?: (peer: number) => boolean;
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
  const portSets = new PortSetIds(K, source.portClassesToSet);
  const setId = (bits: Uint32Array, at: number): number => portSets.idOf(bits, at);
  const sets = portSets.sets;
  // Up to 32 port classes, a pair's union is one number: its set id comes from a table when
  // the numbers are few (2^K), else from the map.
  const byMask = K <= 16 && W === 1 ? new Int32Array(1 << K).fill(-2) : undefined;
  const maskBits = new Uint32Array(1);
  const idOfMask = (mask: number): number => {
    if (mask === 0) return -1;
    if (byMask === undefined) {
      maskBits[0] = mask;
      return setId(maskBits, 0);
    }
    let id = byMask[mask] as number;
    if (id === -2) {
      maskBits[0] = mask;
      id = setId(maskBits, 0);
      byMask[mask] = id;
    }
    return id;
  };
  // Per port class, the destination classes the source's classes reach (their union when the
  // source has several classes, in scratch rows).
  const CW = wordsFor(C);
  const scratch = Array.from({ length: W === 1 ? K : 0 }, () => new Uint32Array(CW));
  const reachRows: Uint32Array[] = new Array(W === 1 ? K : 0);
  const reachByPort = (sources: readonly number[]): void => {
    for (let k = 0; k < K; k++) {
      if (sources.length === 1) {
        reachRows[k] = reachOf(sources[0] as number, k).words;
        continue;
      }
      const into = scratch[k] as Uint32Array;
      into.fill(0);
      for (const a of sources) {
        const words = reachOf(a, k).words;
        for (let w = 0; w < CW; w++) into[w] = (into[w] as number) | (words[w] as number);
      }
      reachRows[k] = into;
    }
  };
  // Up to 32 port classes: per destination class, the port classes (bit k) on which some source
  // class reaches it, gathered from the set bits of the K rows (not K lookups per peer).
  const maskOfClass = new Uint32Array(W === 1 ? C : 0);
  const gatherMasks = (): void => {
    maskOfClass.fill(0);
    for (let k = 0; k < K; k++) {
      const words = reachRows[k] as Uint32Array;
      const bit = (1 << k) >>> 0;
      for (let w = 0; w < CW; w++) {
        let x = words[w] as number;
        while (x !== 0) {
          const low = x & -x;
          const b = (w << 5) + 31 - Math.clz32(low);
          maskOfClass[b] = ((maskOfClass[b] as number) | bit) >>> 0;
          x ^= low;
        }
      }
    }
  };
  // Over 32 port classes: per destination class, the port classes a source class set reaches
  // it on (K bits each); kept for the last source set, which peers of one class in a row share.
  let lastKey = '';
  let toClass = new Uint32Array(0);
  const portsToClasses = (sources: readonly number[]): Uint32Array => {
    const key = sources.join(',');
    if (key === lastKey) return toClass;
    lastKey = key;
    if (toClass.length === C * W) toClass.fill(0);
    else toClass = new Uint32Array(C * W);
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
  /** Per peer, its class when it has one, else -1. */
  const single = Int32Array.from(classes, (list) => (list.length === 1 ? (list[0] as number) : -1));
  const union = new Uint32Array(W);
  /** The set id of the port classes on which `allows(k)` holds. */
  const idOf = (allows: (k: number) => boolean): number => {
    union.fill(0);
    for (let k = 0; k < K; k++) {
      if (allows(k)) union[k >>> 5] = (union[k >>> 5] as number) | (1 << (k & 31));
    }
    return setId(union, 0);
  };
  /** The peer a row skips: itself, unless it is paired with itself. */
  const skippedIn = (from: number): number => (source.withSelf?.(from) === true ? -1 : from);
  /** Row entries to peers, over 32 port classes. */
  const wideRow = (sources: readonly number[], skip: number, out: Int32Array): void => {
    const ports = portsToClasses(sources);
    for (let j = 0; j < G; j++) {
      if (j === skip) continue;
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
  };
  return {
    peers,
    ranges,
    set: (id) => {
      const set = sets[id];
      if (set === undefined) throw new RangeError(`no connection set ${id}`);
      return set;
    },
    row(from, into) {
      const sources = classes[from] ?? [];
      const out = into !== undefined && into.length === G + R ? into : new Int32Array(G + R);
      // A pair of peers is connected on a port class when some class of one reaches some class
      // of the other. A peer to itself only when `withSelf` says so.
      out[from] = -1;
      const skip = skippedIn(from);
      if (W === 1) {
        reachByPort(sources);
        gatherMasks();
        for (let j = 0; j < G; j++) {
          if (j === skip) continue;
          const b = single[j] as number;
          if (b >= 0) {
            out[j] = idOfMask(maskOfClass[b] as number);
            continue;
          }
          let mask = 0;
          for (const t of classes[j] ?? []) mask |= maskOfClass[t] as number;
          out[j] = idOfMask(mask >>> 0);
        }
      } else {
        wideRow(sources, skip, out);
      }
      // An address has no policies of its own: only the source's egress decides.
      for (let r = 0; r < R; r++) {
        out[G + r] = idOf((k) => sources.some((a) => source.egressAllows(a, C + r, k)));
      }
      return out;
    },
    fromRange(range, into) {
      const out = into !== undefined && into.length === G ? into : new Int32Array(G);
      // Only the destination's ingress decides for traffic from an address.
      for (let j = 0; j < G; j++) {
        const targets = classes[j] ?? [];
        out[j] = idOf((k) => targets.some((b) => source.ingressAllows(b, C + range, k)));
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

/**
 * The connections of `rows` as {@link Connection}s, in the order `connectivity` lists them:
 * each peer's row (peers, then address ranges), then each address range to every peer.
 */
export function* connectionsOfRows(rows: ConnectionRows): Generator<Connection, void, undefined> {
  const { peers, ranges } = rows;
  const G = peers.length;
  const R = ranges.length;
  const row = new Int32Array(G + R);
  for (let i = 0; i < G; i++) {
    rows.row(i, row);
    const from = peers[i] as string;
    for (let j = 0; j < G + R; j++) {
      const id = row[j] as number;
      if (id < 0) continue;
      const to = j < G ? (peers[j] as string) : (ranges[j - G] as AddressRange).text;
      yield { from, to, allowed: rows.set(id) };
    }
  }
  const column = new Int32Array(G);
  for (let r = 0; r < R; r++) {
    rows.fromRange(r, column);
    const from = (ranges[r] as AddressRange).text;
    for (let j = 0; j < G; j++) {
      const id = column[j] as number;
      if (id >= 0) yield { from, to: peers[j] as string, allowed: rows.set(id) };
    }
  }
}
