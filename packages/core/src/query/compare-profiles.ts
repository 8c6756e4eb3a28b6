// Where would two network plugins disagree about this cluster? Each profile compiles its own
// engine; pairs whose connections differ from the first profile's are reported, each with the
// knobs that explain it: a knob is named when setting it alone (on the first profile) gives
// the other profile's answer for that pair.

import type { Cluster, ConnectionSet, SemanticsOptions } from '../model/index.js';
import { setKey } from '../net/index.js';
import type { KnobName } from '../profiles/index.js';
import { KNOB_NAMES, resolveProfile } from '../profiles/index.js';
import { compile } from './engine.js';
import type { Engine, GroupBy } from './types.js';

/** One pair on which the profiles do not all agree. */
export interface ProfileDifference {
  readonly from: string;
  readonly to: string;
  /** The allowed connections under each profile, by profile name (`{}`: none). */
  readonly connections: Readonly<Record<string, ConnectionSet>>;
  /**
   * Per profile that differs from the first: the knobs that alone turn the first profile's
   * answer into this one's (empty when only a combination does).
   */
  readonly knobs: Readonly<Record<string, readonly KnobName[]>>;
}

/** The answer of {@link compareProfiles}. */
export interface ProfileComparison {
  /** The profiles compared, canonical names; the first is the baseline. */
  readonly profiles: readonly string[];
  readonly by: GroupBy;
  /** Per profile, the knobs whose values differ from the baseline's. */
  readonly knobChanges: Readonly<Record<string, readonly KnobName[]>>;
  readonly differences: readonly ProfileDifference[];
}

/** One pair's connections: groups by index, in the order every engine yields them. */
type PairAnswer = readonly [from: number, to: number, allowed: ConnectionSet];

/**
 * The connections between groups (pods or workloads) only, as group indexes: address ranges
 * differ by profile. Every engine yields them in the same order (source group, then
 * destination group), so several can be walked side by side without holding any.
 */
function* groupConnections(
  engine: Engine,
  by: GroupBy,
  index: ReadonlyMap<string, number>,
): Generator<PairAnswer, void, undefined> {
  for (const c of engine.eachConnection(by)) {
    const from = index.get(c.from);
    const to = index.get(c.to);
    if (from !== undefined && to !== undefined) yield [from, to, c.allowed];
  }
}

/** A cursor over one engine's pairs: the pair at hand, or undefined at the end. */
class Cursor {
  head: PairAnswer | undefined;
  private readonly it: Iterator<PairAnswer>;

  constructor(pairs: Iterable<PairAnswer>) {
    this.it = pairs[Symbol.iterator]();
    this.next();
  }

  next(): void {
    const step = this.it.next();
    this.head = step.done === true ? undefined : step.value;
  }

  /** This engine's connections for the pair (from, to), advancing past it. */
  take(from: number, to: number): ConnectionSet {
    const h = this.head;
    if (h === undefined || h[0] !== from || h[1] !== to) return NONE;
    this.next();
    return h[2];
  }
}

function before(a: PairAnswer, from: number, to: number): boolean {
  return a[0] < from || (a[0] === from && a[1] < to);
}

const NONE: ConnectionSet = {};

/**
 * Compares the answers of several CNI profiles about one cluster: every pair of pods (or
 * workloads) whose allowed connections are not the same under all of them.
 *
 * @param names - two or more profile names; the first is the baseline
 * @param options - other options, applied under every profile (explicit options win)
 * @throws ReachError `invalid-options` for an unknown profile
 */
export function compareProfiles(
  cluster: Cluster,
  names: readonly string[],
  by: GroupBy,
  options: Partial<SemanticsOptions> = {},
): ProfileComparison {
  const profiles = names.map((name) => resolveProfile(name));
  const base = profiles[0] ?? resolveProfile('spec');
  const knobChanges: Record<string, KnobName[]> = {};
  for (const p of profiles.slice(1)) {
    knobChanges[p.name] = KNOB_NAMES.filter((k) => p.knobs[k] !== base.knobs[k]);
  }
  const compileWith = (semantics: Partial<SemanticsOptions>): Engine =>
    compile(cluster, { ...options, ...semantics });
  const first = compileWith({ cni: base.name });
  const ids = first.groups(by).map((g) => g.id);
  const index = new Map(ids.map((id, i) => [id, i] as const));
  const cursorOf = (engine: Engine): Cursor => new Cursor(groupConnections(engine, by, index));
  const answers = profiles.map((p, i) => cursorOf(i === 0 ? first : compileWith({ cni: p.name })));
  // One engine per knob value some profile changes: the baseline with that knob alone changed.
  const single = new Map<string, Cursor>();
  for (const p of profiles.slice(1)) {
    for (const knob of knobChanges[p.name] ?? []) {
      const id = `${knob}=${String(p.knobs[knob])}`;
      if (single.has(id)) continue;
      const value = p.knobs[knob];
      const knobOption: Record<string, unknown> =
        knob === 'hostNetworkSubjects'
          ? { hostNetworkPods: value ? 'pods' : 'node' }
          : { [knob]: value };
      single.set(
        id,
        cursorOf(compileWith({ cni: base.name, ...knobOption } as Partial<SemanticsOptions>)),
      );
    }
  }
  const cursors = [...answers, ...single.values()];
  const differences: ProfileDifference[] = [];
  // Walk every engine's pairs side by side, the smallest pair first.
  for (;;) {
    let from = Number.POSITIVE_INFINITY;
    let to = Number.POSITIVE_INFINITY;
    for (const c of cursors) {
      if (c.head !== undefined && before(c.head, from, to)) [from, to] = [c.head[0], c.head[1]];
    }
    if (from === Number.POSITIVE_INFINITY) break;
    const sets = answers.map((c) => c.take(from, to));
    const singles = new Map([...single].map(([id, c]) => [id, c.take(from, to)] as const));
    const baseKey = setKey(sets[0] ?? NONE);
    if (sets.every((s) => setKey(s) === baseKey)) continue;
    const connections: Record<string, ConnectionSet> = {};
    const knobs: Record<string, KnobName[]> = {};
    profiles.forEach((p, i) => {
      const set = sets[i] ?? NONE;
      connections[p.name] = set;
      if (i === 0 || setKey(set) === baseKey) return;
      knobs[p.name] = (knobChanges[p.name] ?? []).filter(
        (k) => setKey(singles.get(`${k}=${String(p.knobs[k])}`) ?? NONE) === setKey(set),
      );
    });
    differences.push({ from: ids[from] ?? '', to: ids[to] ?? '', connections, knobs });
  }
  return { profiles: profiles.map((p) => p.name), by, knobChanges, differences };
}
