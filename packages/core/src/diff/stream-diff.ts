import type { ConnectionSet } from '../model/index.js';
import { NONE, setKey, subtractSets } from '../net/index.js';
import type { Connection, ConnectionRows, Engine, GroupBy } from '../query/index.js';
import { AddressRefinement } from './address-atoms.js';
import type { Side } from './isolation.js';
import { isolationChanges } from './isolation.js';
import type { PodSignatures } from './pod-signatures.js';
import { podSignatures, signaturesApply, vocabulary } from './pod-signatures.js';
import type { ConnectionChange, ConnectivityDiff, DiffOptions } from './types.js';

/**
 * Changed pairs, four numbers each: source, destination (a peer index, or -1 - i for the i-th
 * range text), and the global set ids before and after (0: nothing allowed).
 */
class ChangeList {
  readonly items: number[] = [];
  push(from: number, to: number, before: number, after: number): void {
    this.items.push(from, to, before, after);
  }
}

/** Sets of both engines numbered alike: equal sets (by `setKey`) get one id; 0 is nothing. */
class SetTable {
  readonly sets: ConnectionSet[] = [NONE];
  private readonly ids = new Map<string, number>([[setKey(NONE), 0]]);

  /** A function from a side's set ids (-1: nothing) to global ids, cached per side id. */
  translator(rows: ConnectionRows): (id: number) => number {
    const cache: number[] = [];
    return (id) => {
      if (id < 0) return 0;
      let global = cache[id];
      if (global === undefined) {
        const set = rows.set(id);
        const key = setKey(set);
        global = this.ids.get(key);
        if (global === undefined) {
          global = this.sets.length;
          this.sets.push(set);
          this.ids.set(key, global);
        }
        cache[id] = global;
      }
      return global;
    };
  }
}

/**
 * {@link diff} computed row by row: both engines give one source peer's connections at a time
 * ({@link Engine.connectionRows}, as set ids), the rows are compared, and only the pairs that
 * differ are kept. Memory grows with the peers and the changes, not with every connection of
 * both sides, so it answers for clusters whose connectivity does not fit in memory. The result
 * is the one {@link diff} gives (a property test holds them equal).
 *
 * @param before - the engine of the base manifests
 * @param after - the engine of the changed manifests
 * @param options - grouping (`workload` by default); the clusters, when given, decide isolation
 *   from the policies' selections rather than by asking the engines pod by pod
 * @returns the differences, in the order {@link diff} gives them
 */
export function streamDiff(
  before: Engine,
  after: Engine,
  options: DiffOptions = {},
): ConnectivityDiff {
  return streamDiffWith(before, after, options, signatures(before, after, options));
}

/** {@link streamDiff} with the pod signatures (if any) already computed. */
export function streamDiffWith(
  before: Engine,
  after: Engine,
  options: DiffOptions,
  podSignatures: readonly PodSignatures[] | undefined,
): ConnectivityDiff {
  const by: GroupBy = options.by ?? 'workload';
  const rows = [before.connectionRows(by), after.connectionRows(by)] as const;
  const refinement = new AddressRefinement([rows[0].ranges, rows[1].ranges]);
  const table = new SetTable();
  const global = [table.translator(rows[0]), table.translator(rows[1])] as const;

  // Peers of either side, in the order of the result: by name.
  const names = [...new Set([...rows[0].peers, ...rows[1].peers])].sort();
  const indexOn = rows.map((r) => {
    const at = new Map(r.peers.map((p, i) => [p, i] as const));
    return Int32Array.from(names, (n) => at.get(n) ?? -1);
  }) as [Int32Array, Int32Array];
  const atoms = refinement.atoms;
  const rangeOn = [0, 1].map((s) => Int32Array.from(atoms, (_, t) => refinement.rangeOf(s, t)));
  const [r0, r1] = rangeOn as [Int32Array, Int32Array];
  const texts: string[] = [];

  /**
   * Scans the refined atoms of one peer's address pairs, merging runs of adjacent atoms (of one
   * family) with the same change into one range, as `diff` prints them.
   */
  const scanAtoms = (
    into: ChangeList,
    peer: number,
    outward: boolean,
    x: (range: number) => number,
    y: (range: number) => number,
  ): void => {
    let start = -1;
    let px = 0;
    let py = 0;
    const close = (end: number): void => {
      if (start < 0 || px === py) return;
      texts.push(refinement.text(start, end));
      const range = -texts.length;
      if (outward) into.push(peer, range, px, py);
      else into.push(range, peer, px, py);
    };
    for (let t = 0; t < atoms.length; t++) {
      const bx = x(r0[t] as number);
      const ay = y(r1[t] as number);
      const same = t > 0 && atoms[t]?.family === atoms[t - 1]?.family;
      if (start >= 0 && same && bx === px && ay === py) continue;
      close(t - 1);
      start = t;
      px = bx;
      py = ay;
    }
    close(atoms.length - 1);
  };

  const pairs = new ChangeList();
  const outward = new ChangeList();
  const inward = new ChangeList();
  const [i0, i1] = indexOn;
  const [g0, g1] = global;
  const G0 = rows[0].peers.length;
  const G1 = rows[1].peers.length;
  // One row per side at a time, in reused arrays.
  const buffers = [
    new Int32Array(G0 + rows[0].ranges.length),
    new Int32Array(G1 + rows[1].ranges.length),
  ] as const;
  for (let u = 0; u < names.length; u++) {
    const b = i0[u] as number;
    const a = i1[u] as number;
    const rb = b >= 0 ? rows[0].row(b, buffers[0]) : undefined;
    const ra = a >= 0 ? rows[1].row(a, buffers[1]) : undefined;
    for (let v = 0; v < names.length; v++) {
      const bv = i0[v] as number;
      const av = i1[v] as number;
      const x = rb && bv >= 0 ? g0(rb[bv] as number) : 0;
      const y = ra && av >= 0 ? g1(ra[av] as number) : 0;
      if (x !== y) pairs.push(u, v, x, y);
    }
    scanAtoms(
      outward,
      u,
      true,
      (r) => (rb && r >= 0 ? g0(rb[G0 + r] as number) : 0),
      (r) => (ra && r >= 0 ? g1(ra[G1 + r] as number) : 0),
    );
  }
  for (let v = 0; v < names.length; v++) {
    const b = i0[v] as number;
    const a = i1[v] as number;
    const cb = b >= 0 ? rows[0].fromRanges(b) : undefined;
    const ca = a >= 0 ? rows[1].fromRanges(a) : undefined;
    scanAtoms(
      inward,
      v,
      false,
      (r) => (cb && r >= 0 ? g0(cb[r] as number) : 0),
      (r) => (ca && r >= 0 ? g1(ca[r] as number) : 0),
    );
  }

  const result = collect([pairs, outward, inward], table.sets, names, texts);
  const sides: Side[] = [before, after].map((engine) => ({
    engine,
    groups: new Map(engine.groups(by).map((g) => [g.id, g])),
    allowed: new Map(),
  }));
  const [bs, as] = sides as [Side, Side];
  return {
    by,
    ...result,
    isolation: isolationChanges(sides, podSignatures),
    peers: {
      added: [...as.groups.keys()].filter((id) => !bs.groups.has(id)),
      removed: [...bs.groups.keys()].filter((id) => !as.groups.has(id)),
    },
  };
}

/** The pod signatures `diff` decides isolation with, when the clusters are given. */
function signatures(
  before: Engine,
  after: Engine,
  options: DiffOptions,
): [PodSignatures, PodSignatures] | undefined {
  if (!options.clusters || !signaturesApply(before, after, options.clusters)) return undefined;
  const intern = new Map<string, number>();
  const words = vocabulary([options.clusters.before, options.clusters.after]);
  return [
    podSignatures(options.clusters.before, before, intern, words),
    podSignatures(options.clusters.after, after, intern, words),
  ];
}

/** The changed pairs as the lists of a diff, in the order they were found. */
function collect(
  lists: readonly ChangeList[],
  sets: readonly ConnectionSet[],
  names: readonly string[],
  texts: readonly string[],
): Pick<ConnectivityDiff, 'added' | 'removed' | 'changed'> {
  const name = (i: number): string => (i >= 0 ? (names[i] as string) : (texts[-i - 1] as string));
  const added: Connection[] = [];
  const removed: Connection[] = [];
  const changed: ConnectionChange[] = [];
  // Gained and lost ports per distinct pair of sets: few distinct pairs occur.
  const deltas = new Map<number, { gained: ConnectionSet; lost: ConnectionSet }>();
  for (const { items } of lists) {
    for (let i = 0; i < items.length; i += 4) {
      const from = name(items[i] as number);
      const to = name(items[i + 1] as number);
      const x = items[i + 2] as number;
      const y = items[i + 3] as number;
      const b = sets[x] as ConnectionSet;
      const a = sets[y] as ConnectionSet;
      if (x === 0) added.push({ from, to, allowed: a });
      else if (y === 0) removed.push({ from, to, allowed: b });
      else {
        const key = x * sets.length + y;
        let delta = deltas.get(key);
        if (delta === undefined) {
          delta = { gained: subtractSets(a, b), lost: subtractSets(b, a) };
          deltas.set(key, delta);
        }
        changed.push({ from, to, before: b, after: a, ...delta });
      }
    }
  }
  return { added, removed, changed };
}
