import type { SemanticsOptions } from '@kube-reach/core';
import { findProfile, profileNames, resolveProfile } from '@kube-reach/core';
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

/** The semantics flags as commander hands them over. */
export interface SemanticsFlags {
  readonly cni?: readonly string[];
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
): { cni?: string; ipBlockMatchesPods?: boolean; hostNetworkPods?: 'node' | 'pods' } {
  const given = (name: string): boolean => cmd.getOptionValueSource(name) === 'cli';
  const cni = flags.cni?.[0];
  return {
    ...(cni === undefined ? {} : { cni }),
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
