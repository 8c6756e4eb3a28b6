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

/** Connections between groups (pods or workloads) only: address ranges differ by profile. */
function groupConnections(engine: Engine, by: GroupBy): Map<string, ConnectionSet> {
  const ids = new Set(engine.groups(by).map((g) => g.id));
  const out = new Map<string, ConnectionSet>();
  for (const c of engine.eachConnection(by)) {
    if (ids.has(c.from) && ids.has(c.to)) out.set(`${c.from}\t${c.to}`, c.allowed);
  }
  return out;
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
  const answers = profiles.map((p) =>
    groupConnections(compile(cluster, { ...options, cni: p.name }), by),
  );
  const keys = new Set<string>();
  for (const answer of answers) for (const key of answer.keys()) keys.add(key);
  const knobChanges: Record<string, KnobName[]> = {};
  for (const p of profiles.slice(1)) {
    knobChanges[p.name] = KNOB_NAMES.filter((k) => p.knobs[k] !== base.knobs[k]);
  }
  // One engine per knob that some profile changes: the baseline with that knob alone changed.
  const single = new Map<string, Map<string, ConnectionSet>>();
  const singleAnswer = (knob: KnobName, value: unknown): Map<string, ConnectionSet> => {
    const id = `${knob}=${String(value)}`;
    let answer = single.get(id);
    if (answer === undefined) {
      const knobOption: Record<string, unknown> =
        knob === 'hostNetworkSubjects'
          ? { hostNetworkPods: value ? 'pods' : 'node' }
          : { [knob]: value };
      const semantics = { ...options, cni: base.name, ...knobOption } as Partial<SemanticsOptions>;
      answer = groupConnections(compile(cluster, semantics), by);
      single.set(id, answer);
    }
    return answer;
  };
  const differences: ProfileDifference[] = [];
  for (const key of [...keys].sort()) {
    const sets = answers.map((a) => a.get(key) ?? NONE);
    const baseKey = setKey(sets[0] ?? NONE);
    if (sets.every((s) => setKey(s) === baseKey)) continue;
    const [from = '', to = ''] = key.split('\t');
    const connections: Record<string, ConnectionSet> = {};
    const knobs: Record<string, KnobName[]> = {};
    profiles.forEach((p, i) => {
      const set = sets[i] ?? NONE;
      connections[p.name] = set;
      if (i === 0 || setKey(set) === baseKey) return;
      knobs[p.name] = (knobChanges[p.name] ?? []).filter(
        (k) => setKey(singleAnswer(k, p.knobs[k]).get(key) ?? NONE) === setKey(set),
      );
    });
    differences.push({ from, to, connections, knobs });
  }
  return { profiles: profiles.map((p) => p.name), by, knobChanges, differences };
}
