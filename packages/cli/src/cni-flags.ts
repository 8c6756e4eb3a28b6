import type { KnobName, SemanticsOptions } from '@kube-reach/core';
import {
  findProfile,
  KNOB_NAMES,
  KNOB_VALUES,
  profileNames,
  resolveProfile,
} from '@kube-reach/core';
import { InvalidArgumentError, Option, type Command as Program } from 'commander';

/**
 * `--cni NAME`: the network plugin whose semantics answer the questions (a CNI profile of core:
 * `calico`, `cilium@1.15`, `azure-npm`, ...). Accepted by every command that reads manifests;
 * `reach matrix` takes several (`--cni spec,cilium`) to compare them.
 */
export function cniOption(): Option {
  return new Option(
    '--cni <name>',
    'network plugin semantics: spec (default), calico, cilium, cilium@1.15, azure-npm, flannel, ... (reach profiles)',
  ).argParser(parseCniList);
}

/** A comma-separated list of profile names, each checked; canonical names, in order. */
export function parseCniList(value: string): string[] {
  const names = value
    .split(',')
    .map((name) => name.trim())
    .filter((name) => name !== '');
  if (names.length === 0) throw new InvalidArgumentError('Expected a profile name.');
  return names.map((name) => {
    const profile = findProfile(name);
    if (profile === undefined) {
      throw new InvalidArgumentError(
        `Unknown profile ${JSON.stringify(name)}; known: ${profileNames().join(', ')}.`,
      );
    }
    return profile.name;
  });
}

/**
 * `--knob KEY=VALUE` (repeatable): one knob of the profile set by hand, winning over `--cni`
 * (`--knob nodeIngress=policed`); `reach profiles --explain NAME` lists the knobs.
 */
export function knobOption(): Option {
  return new Option(
    '--knob <key=value>',
    'set one knob of the --cni profile, e.g. nodeIngress=policed (repeatable; reach profiles --explain spec)',
  ).argParser(parseKnob);
}

/** Knobs set with `--knob`, by name. */
export type KnobFlags = Readonly<Partial<Record<KnobName, unknown>>>;

/** Reads one `--knob KEY=VALUE` into the ones before it. */
export function parseKnob(value: string, previous: KnobFlags | undefined): KnobFlags {
  const at = value.indexOf('=');
  const key = value.slice(0, at < 0 ? value.length : at) as KnobName;
  const text = at < 0 ? '' : value.slice(at + 1);
  const settable: readonly string[] = KNOB_NAMES.filter((k) => k !== 'hostNetworkSubjects');
  if (!settable.includes(key)) {
    throw new InvalidArgumentError(`Expected KEY=VALUE with KEY one of ${settable.join(', ')}.`);
  }
  const parsed: unknown =
    text === 'true' ? true : text === 'false' ? false : /^\d+$/.test(text) ? Number(text) : text;
  const allowed = KNOB_VALUES[key as KnobName];
  const ok = allowed === undefined ? typeof parsed === 'number' : allowed.includes(parsed);
  if (!ok) {
    const expected = allowed === undefined ? 'an integer' : allowed.map(String).join(', ');
    throw new InvalidArgumentError(`${key} takes ${expected}.`);
  }
  return { ...previous, [key]: parsed };
}

/** `unknown CNI profile "x"; known: ...`. */
export function unknownProfile(name: string): string {
  return `unknown CNI profile ${JSON.stringify(name)}; known: ${profileNames().join(', ')}`;
}

/** The semantics flags as commander hands them over. */
export interface SemanticsFlags {
  readonly cni?: readonly string[];
  readonly knob?: KnobFlags;
  readonly ipblockPods: boolean;
  readonly hostNetworkPods: 'node' | 'pods';
}

/**
 * The plugin options of the flags: the profile of `--cni` (one name), and `--ipblock-pods` /
 * `--host-network-pods` only when given on the command line, so that they override the
 * profile's values and do not hide them.
 */
export function semanticsOptions(
  cmd: Program,
  flags: SemanticsFlags,
): {
  cni?: string;
  ipBlockMatchesPods?: boolean;
  hostNetworkPods?: 'node' | 'pods';
  knobs?: KnobFlags;
} {
  const given = (name: string): boolean => cmd.getOptionValueSource(name) === 'cli';
  const cni = flags.cni?.[0];
  return {
    ...(cni === undefined ? {} : { cni }),
    ...(flags.knob === undefined ? {} : { knobs: flags.knob }),
    ...(given('ipblockPods') ? { ipBlockMatchesPods: flags.ipblockPods } : {}),
    ...(given('hostNetworkPods') ? { hostNetworkPods: flags.hostNetworkPods } : {}),
  };
}

/**
 * Notes to print under answers for a profile that changes everything (a plugin that does not
 * enforce NetworkPolicy), with the source.
 */
export function profileNotes(options: Partial<SemanticsOptions>): string[] {
  if (options.cni === undefined) return [];
  const profile = resolveProfile(options.cni);
  if (profile.knobs.enforcesNetworkPolicy || options.enforcesNetworkPolicy === true) return [];
  const source = profile.sources.enforcesNetworkPolicy?.text;
  return [
    `note: ${profile.name} does not enforce NetworkPolicy: every connection is allowed${source === undefined ? '' : ` (${source})`}`,
  ];
}
