import type { ConnectionSet, PodRef } from '../model/index.js';
import { isEmptySet, NONE, setKey, subtractSets, unionAll } from '../net/index.js';
import type { Connection, Engine, GroupBy, WorkloadGroup } from '../query/index.js';
import { AddressRefinement } from './address-atoms.js';
import type { Side } from './isolation.js';
import { isolationChanges } from './isolation.js';
import type { PodSignatures } from './pod-signatures.js';
import { podSignatures, signaturesApply, vocabulary } from './pod-signatures.js';
import { streamDiff, streamDiffWith } from './stream-diff.js';
import type { ConnectivityDiff, DiffOptions } from './types.js';

/**
 * Rough costs, in nanoseconds, for choosing between the two ways to compare, fitted on the
 * benchmark profiles at 10k pods: asking `connections` for one pair costs about CALL_BASE plus
 * CALL_UNIT per port class. Both ways give the same answer; a wrong guess only costs time.
 */
const CALL_BASE = 3500;
const CALL_UNIT = 60;
/**
 * `streamDiff` costs about STREAM_UNIT per pair of peers and STREAM_ATOM_UNIT per peer, address
 * range and port class, per side (fitted on gen_kano 10k and gen_cluster 5k).
 */
const STREAM_UNIT = 40;
const STREAM_ATOM_UNIT = 50;

/**
 * How to compare: choose by estimated cost between asking for the re-evaluated pairs and
 * `streamDiff`, or force one way (tests): `full` enumerates every connection of both sides.
 */
export type DiffMode = 'auto' | 'incremental' | 'full';

/** A peer in a pair key: a group id, or a refined address atom. */
type PeerKey =
  | { readonly kind: 'group'; readonly id: string }
  | { readonly kind: 'atom'; readonly atom: number };

const groupKey = (id: string): string => `g\u0000${id}`;
const atomKey = (atom: number): string => `a\u0000${atom}`;
const pairKey = (from: string, to: string): string => `${from}\u0001${to}`;

function parsePeer(key: string): PeerKey {
  return key.startsWith('g\u0000')
    ? { kind: 'group', id: key.slice(2) }
    : { kind: 'atom', atom: Number(key.slice(2)) };
}

/**
 * Compares two compiled clusters as connectivity: every pair of peers (pods or workloads, and
 * external address ranges) whose allowed connections differ, and every peer whose isolation
 * changed. Address ranges of the two sides differ (each engine cuts the address space at its
 * own ipBlock boundaries), so both are restated on the common refinement of their boundaries
 * and compared atom by atom; adjacent atoms with the same change are merged back into one
 * range in the result.
 *
 * With `options.clusters`, only peers with a pod whose attributes or selecting policies
 * changed are evaluated again (see `podSignatures` for why that is exact); the rest are known
 * to allow the same on both sides. When that would cost more (many re-evaluated pods), without
 * the clusters, and whenever either side has admin policies, both sides are compared row by
 * row with {@link streamDiff}, which holds the changes but never every connection.
 *
 * @param before - the engine of the base manifests
 * @param after - the engine of the changed manifests
 * @param options - grouping (`workload` by default) and the clusters, for the fast path
 * @returns the differences, in a stable order
 * @example
 * ```ts
 * const d = diff(compile(base), compile(head), { clusters: { before: base, after: head } });
 * d.added; // [{ from: 'shop/deployment/web', to: 'shop/statefulset/db', allowed: { TCP: [[5432, 5432]] } }]
 * ```
 */
export function diff(before: Engine, after: Engine, options: DiffOptions = {}): ConnectivityDiff {
  return diffEngines(before, after, options, 'auto');
}

/** `diff`, choosing how to compare, or told (tests force each way). */
export function diffEngines(
  before: Engine,
  after: Engine,
  options: DiffOptions,
  mode: DiffMode,
): ConnectivityDiff {
  const by: GroupBy = options.by ?? 'workload';
  const refinement = new AddressRefinement([before.addressRanges(), after.addressRanges()]);
  const sides: Side[] = [before, after].map((engine) => ({
    engine,
    groups: new Map(engine.groups(by).map((g) => [g.id, g])),
    allowed: new Map(),
  }));
  const [b, a] = sides as [Side, Side];

  let signatures: [PodSignatures, PodSignatures] | undefined;
  if (options.clusters && signaturesApply(before, after, options.clusters)) {
    const intern = new Map<string, number>();
    const words = vocabulary([options.clusters.before, options.clusters.after]);
    signatures = [
      podSignatures(options.clusters.before, before, intern, words),
      podSignatures(options.clusters.after, after, intern, words),
    ];
  }
  const dirty = signatures ? dirtyGroups(sides, signatures) : undefined;
  const keys = signatures?.map((sig, s) => sideKeys(sides[s] as Side, sig));
  // The incremental way asks `connections` for each pair a re-evaluated pod takes part in;
  // the streamed way compares both sides row by row. Take the cheaper.
  if (mode === 'auto' && !(dirty && keys))
    return streamDiffWith(before, after, options, signatures);
  const incremental = mode !== 'full' && dirty !== undefined && keys !== undefined;
  if (incremental && mode === 'auto' && dirty && keys) {
    let full = 0;
    let asks = 0;
    sides.forEach((side, s) => {
      const k = keys[s] as SideKeys;
      const { portClasses: ports, ipAtoms: atoms } = side.engine.stats;
      const g = side.groups.size;
      full += g * g * STREAM_UNIT + 2 * g * atoms * ports * STREAM_ATOM_UNIT;
      let all = 0;
      let again = 0;
      for (const [id, reps] of k.reps) {
        all += reps.length;
        if (dirty.sources.has(id) || dirty.destinations.has(id)) again += reps.length;
      }
      asks += again * (all + refinement.atoms.length) * (CALL_BASE + CALL_UNIT * ports);
    });
    if (asks > full) return streamDiffWith(before, after, options, signatures);
  }
  sides.forEach((side, s) => {
    const k = keys?.[s];
    if (incremental && dirty && k) evaluatePairs(side, s, k, dirty, refinement);
    else enumerateAll(side, s, refinement, by);
  });

  const changes = compare(b.allowed, a.allowed, refinement);
  const isolation = isolationChanges(sides, signatures);
  return {
    by,
    added: changes.filter((c) => isEmptySet(c.before)).map((c) => connection(c, c.after)),
    removed: changes.filter((c) => isEmptySet(c.after)).map((c) => connection(c, c.before)),
    changed: changes
      .filter((c) => !isEmptySet(c.before) && !isEmptySet(c.after))
      .map((c) => ({
        from: c.from,
        to: c.to,
        before: c.before,
        after: c.after,
        gained: subtractSets(c.after, c.before),
        lost: subtractSets(c.before, c.after),
      })),
    isolation,
    peers: {
      added: [...a.groups.keys()].filter((id) => !b.groups.has(id)),
      removed: [...b.groups.keys()].filter((id) => !a.groups.has(id)),
    },
  };
}

function connection(change: RawChange, allowed: ConnectionSet): Connection {
  return { from: change.from, to: change.to, allowed };
}

/** Group ids whose outgoing (sources) or incoming (destinations) pairs may differ. */
interface Dirty {
  readonly sources: ReadonlySet<string>;
  readonly destinations: ReadonlySet<string>;
}

function dirtyGroups(sides: readonly Side[], signatures: readonly PodSignatures[]): Dirty {
  const [b, a] = sides as [Side, Side];
  const [sb, sa] = signatures as [PodSignatures, PodSignatures];
  const afterIndex = new Map(sa.names.map((name, i) => [name, i] as const));
  const changedOut = new Set<string>();
  const changedIn = new Set<string>();
  sb.names.forEach((name, i) => {
    const j = afterIndex.get(name);
    if (j === undefined) return;
    const attributes = sb.attributes[i] !== sa.attributes[j];
    if (attributes || sb.egress[i] !== sa.egress[j]) changedOut.add(name);
    if (attributes || sb.ingress[i] !== sa.ingress[j]) changedIn.add(name);
  });
  const sources = new Set<string>();
  const destinations = new Set<string>();
  const members = (side: Side, sig: PodSignatures, id: string): string[] =>
    (side.groups.get(id)?.pods ?? []).map((i) => sig.names[i] ?? '').sort();
  for (const id of new Set([...b.groups.keys(), ...a.groups.keys()])) {
    const before = members(b, sb, id);
    const after = members(a, sa, id);
    if (before.join('\n') !== after.join('\n')) {
      sources.add(id);
      destinations.add(id);
      continue;
    }
    if (after.some((name) => changedOut.has(name))) sources.add(id);
    if (after.some((name) => changedIn.has(name))) destinations.add(id);
  }
  return { sources, destinations };
}

/** Pods numbered by signature, and per group one pod of each of its signatures. */
interface SideKeys {
  readonly keyOf: Int32Array;
  readonly count: number;
  readonly reps: ReadonlyMap<string, readonly number[]>;
}

/** Pods with equal signatures answer alike: number the distinct signatures of one side. */
function sideKeys(side: Side, sig: PodSignatures): SideKeys {
  const ids = new Map<string, number>();
  const keyOf = Int32Array.from(side.engine.pods, (_, i) => {
    const text = `${sig.attributes[i]}|${sig.egress[i]}|${sig.ingress[i]}`;
    let id = ids.get(text);
    if (id === undefined) {
      id = ids.size;
      ids.set(text, id);
    }
    return id;
  });
  const reps = new Map<string, number[]>();
  for (const group of side.groups.values()) {
    const seen = new Map<number, number>();
    for (const i of group.pods) {
      const key = keyOf[i] as number;
      if (!seen.has(key)) seen.set(key, i);
    }
    reps.set(group.id, [...seen.values()]);
  }
  return { keyOf, count: ids.size, reps };
}

/**
 * Fills `side.allowed` for the pairs a dirty group takes part in, asking the engine once per
 * pair of distinct signatures.
 */
function evaluatePairs(
  side: Side,
  s: number,
  keys: SideKeys,
  dirty: Dirty,
  refinement: AddressRefinement,
): void {
  const { engine } = side;
  const pods = engine.pods;
  const { keyOf } = keys;
  const K = Math.max(keys.count, refinement.atoms.length, 1);
  const reps = (group: WorkloadGroup): readonly number[] => keys.reps.get(group.id) ?? [];
  const memo = (compute: (x: number, y: number) => ConnectionSet) => {
    const cache = new Map<number, ConnectionSet>();
    return (x: number, y: number, key: number): ConnectionSet => {
      let set = cache.get(key);
      if (set === undefined) {
        set = compute(x, y);
        cache.set(key, set);
      }
      return set;
    };
  };
  const podPair = memo((x, y) => engine.connections(pods[x] as PodRef, pods[y] as PodRef));
  const between = (x: number, y: number) =>
    podPair(x, y, (keyOf[x] as number) * K + (keyOf[y] as number));
  const toRange = memo((x, range) =>
    engine.connections(pods[x] as PodRef, { address: refinement.addressOf(s, range) }),
  );
  const podToRange = (x: number, range: number) =>
    toRange(x, range, (keyOf[x] as number) * K + range);
  const fromRange = memo((range, y) =>
    engine.connections({ address: refinement.addressOf(s, range) }, pods[y] as PodRef),
  );
  const rangeToPod = (range: number, y: number) =>
    fromRange(range, y, range * K + (keyOf[y] as number));
  const record = (from: string, to: string, sets: ConnectionSet[]): void => {
    const set = unionAll(sets);
    if (!isEmptySet(set)) side.allowed.set(pairKey(from, to), set);
  };

  const groups = [...side.groups.values()];
  const atoms = refinement.atoms.map((_, i) => i);
  for (const g of groups) {
    const out = dirty.sources.has(g.id);
    for (const h of groups) {
      if (g === h || !(out || dirty.destinations.has(h.id))) continue;
      record(
        groupKey(g.id),
        groupKey(h.id),
        reps(g).flatMap((x) => reps(h).map((y) => between(x, y))),
      );
    }
    if (out) {
      for (const atom of atoms) {
        const range = refinement.rangeOf(s, atom);
        record(
          groupKey(g.id),
          atomKey(atom),
          reps(g).map((x) => podToRange(x, range)),
        );
      }
    }
    if (dirty.destinations.has(g.id)) {
      for (const atom of atoms) {
        const range = refinement.rangeOf(s, atom);
        record(
          atomKey(atom),
          groupKey(g.id),
          reps(g).map((y) => rangeToPod(range, y)),
        );
      }
    }
  }
}

/** Fills `side.allowed` with every pair, from the engine's `connectivity`. */
function enumerateAll(side: Side, s: number, refinement: AddressRefinement, by: GroupBy): void {
  const connectivity = side.engine.connectivity(by);
  const ranges = new Map(side.engine.addressRanges().map((r, i) => [r.text, i] as const));
  const peerKeys = (name: string): string[] => {
    if (side.groups.has(name)) return [groupKey(name)];
    const range = ranges.get(name);
    return range === undefined ? [] : refinement.atomsOf(s, range).map(atomKey);
  };
  for (const c of connectivity.connections) {
    for (const from of peerKeys(c.from)) {
      for (const to of peerKeys(c.to)) side.allowed.set(pairKey(from, to), c.allowed);
    }
  }
}

/** The group end of a group-address pair. */
function groupOf(item: { from: PeerKey; to: PeerKey }): string {
  if (item.from.kind === 'group') return item.from.id;
  return item.to.kind === 'group' ? item.to.id : '';
}

/** The address end of a group-address pair. */
function atomOf(item: { from: PeerKey; to: PeerKey }): number {
  if (item.from.kind === 'atom') return item.from.atom;
  return item.to.kind === 'atom' ? item.to.atom : -1;
}

interface RawChange {
  readonly from: string;
  readonly to: string;
  readonly before: ConnectionSet;
  readonly after: ConnectionSet;
}

/**
 * The pairs whose sets differ, with runs of adjacent address atoms that change alike merged
 * into one range. Ordered by source, then destination: peers by name, address ranges after.
 */
function compare(
  before: ReadonlyMap<string, ConnectionSet>,
  after: ReadonlyMap<string, ConnectionSet>,
  refinement: AddressRefinement,
): RawChange[] {
  const plain: { from: PeerKey; to: PeerKey; before: ConnectionSet; after: ConnectionSet }[] = [];
  for (const key of new Set([...before.keys(), ...after.keys()])) {
    const x = before.get(key) ?? NONE;
    const y = after.get(key) ?? NONE;
    if (setKey(x) === setKey(y)) continue;
    const [from, to] = key.split('\u0001') as [string, string];
    plain.push({ from: parsePeer(from), to: parsePeer(to), before: x, after: y });
  }

  // Merge address runs: same group on the other end, same direction, before and after.
  const runs = new Map<string, { atoms: number[]; item: (typeof plain)[number] }>();
  const result: RawChange[] = [];
  const sortKey: string[] = [];
  for (const item of plain) {
    if (item.from.kind === 'group' && item.to.kind === 'group') {
      result.push({ from: item.from.id, to: item.to.id, before: item.before, after: item.after });
      sortKey.push(`0\u0000${item.from.id}\u0000${item.to.id}`);
      continue;
    }
    const outward = item.to.kind === 'atom';
    const key = `${outward}\u0000${groupOf(item)}\u0000${setKey(item.before)}\u0000${setKey(item.after)}`;
    const run = runs.get(key) ?? { atoms: [], item };
    run.atoms.push(atomOf(item));
    runs.set(key, run);
  }
  for (const { atoms, item } of runs.values()) {
    atoms.sort((x, y) => x - y);
    let start = 0;
    for (let i = 1; i <= atoms.length; i++) {
      const prev = atoms[i - 1] as number;
      const cur = atoms[i];
      const contiguous =
        cur !== undefined &&
        cur === prev + 1 &&
        refinement.atoms[cur]?.family === refinement.atoms[prev]?.family;
      if (contiguous) continue;
      const first = atoms[start] as number;
      const text = refinement.text(first, prev);
      const group = groupOf(item);
      const from = item.from.kind === 'atom' ? text : group;
      const to = item.to.kind === 'atom' ? text : group;
      const rank = String(first).padStart(12, '0');
      result.push({ from, to, before: item.before, after: item.after });
      sortKey.push(
        item.from.kind === 'atom' ? `2\u0000${to}\u0000${rank}` : `1\u0000${from}\u0000${rank}`,
      );
      start = i;
    }
  }
  const order = result
    .map((_, i) => i)
    .sort((i, j) => {
      const x = sortKey[i] as string;
      const y = sortKey[j] as string;
      return x < y ? -1 : x > y ? 1 : 0;
    });
  return order.map((i) => result[i] as RawChange);
}
