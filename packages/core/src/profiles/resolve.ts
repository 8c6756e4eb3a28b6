import { ReachError } from '../errors.js';
import type { SemanticsOptions } from '../model/index.js';
import type { KnobSource, Profile } from './catalog.js';
import { PROFILES } from './catalog.js';
import type { KnobName, Knobs } from './knobs.js';
import { KNOB_NAMES, SPEC_KNOBS } from './knobs.js';

/** A profile at one version: every knob's value and, where the profile sets it, its source. */
export interface ResolvedProfile {
  /** The name as asked for, canonical: `cilium@1.15`, `ovn-kubernetes`, ... */
  readonly name: string;
  readonly profile: Profile;
  readonly version?: string;
  readonly knobs: Knobs;
  /** The source of each knob the profile (or its version) sets; the others are the spec's. */
  readonly sources: { readonly [K in KnobName]?: KnobSource };
}

const SPEC_SOURCES = (PROFILES[0] as Profile).sources;

/** The profile of a name (`cilium`, `cilium@1.15`, an alias such as `openshift`), if any. */
export function findProfile(text: string): ResolvedProfile | undefined {
  const at = text.indexOf('@');
  const base = (at < 0 ? text : text.slice(0, at)).trim().toLowerCase();
  const version = at < 0 ? undefined : text.slice(at + 1).trim();
  const profile = PROFILES.find((p) => p.name === base || p.aliases.includes(base));
  if (profile === undefined) return undefined;
  let knobs: Knobs = { ...SPEC_KNOBS, ...profile.knobs };
  let sources = { ...SPEC_SOURCES, ...profile.sources };
  if (version !== undefined && version !== profile.currentVersion) {
    const older = profile.versions.find((v) => v.version === version);
    if (older === undefined) return undefined;
    knobs = { ...knobs, ...older.knobs };
    sources = { ...sources, ...older.sources };
  }
  const name = version === undefined ? profile.name : `${profile.name}@${version}`;
  return {
    name,
    profile,
    ...(version === undefined ? {} : { version }),
    knobs: Object.freeze(knobs),
    sources,
  };
}

/** Every name `findProfile` accepts without an alias: the profiles and their versions. */
export function profileNames(): string[] {
  const names: string[] = [];
  for (const p of PROFILES) {
    names.push(p.name);
    if (p.currentVersion !== undefined) names.push(`${p.name}@${p.currentVersion}`);
    for (const v of p.versions) names.push(`${p.name}@${v.version}`);
  }
  return names;
}

/**
 * The profile of a name.
 *
 * @throws ReachError `invalid-options` for a name no profile has, listing the known ones.
 */
export function resolveProfile(text: string): ResolvedProfile {
  const found = findProfile(text);
  if (found === undefined) {
    throw new ReachError(
      'invalid-options',
      `unknown CNI profile ${JSON.stringify(text)}; known: ${profileNames().join(', ')}`,
    );
  }
  return found;
}

/**
 * The options a compile uses: the profile named by `cni` (the `spec` profile when absent), with
 * the options given explicitly winning. The two original knobs are always filled in; the others
 * are kept only when given.
 *
 * @throws ReachError `invalid-options` for an unknown profile.
 */
export function profileSemantics(options?: Partial<SemanticsOptions>): SemanticsOptions {
  const profile = resolveProfile(options?.cni ?? 'spec');
  const result: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(options ?? {})) {
    if (value !== undefined) result[key] = value;
  }
  if (options?.cni !== undefined) result.cni = profile.name;
  result.ipBlockMatchesPods = options?.ipBlockMatchesPods ?? profile.knobs.ipBlockMatchesPods;
  result.hostNetworkPods =
    options?.hostNetworkPods ?? (profile.knobs.hostNetworkSubjects ? 'pods' : 'node');
  return result as unknown as SemanticsOptions;
}

/** Every knob's value under some options: the profile's, overridden by what is given. */
export function knobsOf(options: Partial<SemanticsOptions>): Knobs {
  const base = resolveProfile(options.cni ?? 'spec').knobs;
  const knobs: Record<string, unknown> = { ...base };
  for (const name of KNOB_NAMES) {
    const value = (options as Record<string, unknown>)[name];
    if (value !== undefined) knobs[name] = value;
  }
  if (options.hostNetworkPods !== undefined) {
    knobs.hostNetworkSubjects = options.hostNetworkPods === 'pods';
  }
  return knobs as unknown as Knobs;
}
