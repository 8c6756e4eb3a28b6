import type { ManifestSource } from '@kube-reach/core';
import { ClusterBuilder, type Protocol, toSources } from './manifests.js';
import { PROFILES } from './profiles.js';
import { Rng } from './rng.js';

export interface GenerateOptions {
  readonly profile: string;
  readonly pods: number;
  /** Exact policy count; wins over `policyRatio`. */
  readonly policies?: number;
  /** Policies per pod (0.01, 0.1, 1); default: the profile's own count. */
  readonly policyRatio?: number;
  readonly seed?: number;
}

export interface GeneratedCluster {
  readonly profile: string;
  readonly pods: number;
  readonly policies: number;
  /** JSON `List` documents of at most 20,000 objects each. */
  readonly sources: readonly ManifestSource[];
  readonly bytes: number;
  /** The ports the profile uses, to sample queries from. */
  readonly traffic: readonly { readonly port: number; readonly protocol: Protocol }[];
}

/** Every profile name, in the order the README lists them. */
export const PROFILE_NAMES: readonly string[] = [...PROFILES.keys()];

/**
 * Generates a synthetic cluster as manifest text. Deterministic: the same options give the same
 * bytes.
 * @throws Error for an unknown profile or a pod count below 10
 */
export function generateCluster(options: GenerateOptions): GeneratedCluster {
  const generated = generateObjects(options);
  const sources = toSources(generated.objects);
  return {
    profile: generated.profile,
    pods: generated.pods,
    policies: generated.policies,
    sources,
    bytes: sources.reduce((n, s) => n + s.text.length, 0),
    traffic: generated.traffic,
  };
}

export interface GeneratedObjects {
  readonly profile: string;
  readonly pods: number;
  readonly policies: number;
  /** Namespaces, pods and policies as plain objects, in the order the profile made them. */
  readonly objects: readonly unknown[];
  readonly traffic: readonly { readonly port: number; readonly protocol: Protocol }[];
}

/**
 * The objects of a synthetic cluster, before they are written as text (the whole-process
 * benchmark writes them as YAML files). Deterministic like {@link generateCluster}.
 * @throws Error for an unknown profile or a pod count below 10
 */
export function generateObjects(options: GenerateOptions): GeneratedObjects {
  const profile = PROFILES.get(options.profile);
  if (!profile) {
    throw new Error(`unknown profile ${options.profile}; one of ${PROFILE_NAMES.join(', ')}`);
  }
  if (!Number.isInteger(options.pods) || options.pods < 10) {
    throw new Error(`pods must be an integer >= 10, got ${options.pods}`);
  }
  const policies =
    options.policies ??
    (options.policyRatio === undefined
      ? profile.defaultPolicies(options.pods)
      : Math.max(1, Math.round(options.pods * options.policyRatio)));
  const b = new ClusterBuilder();
  profile.build({ b, rng: new Rng(options.seed ?? 1), pods: options.pods, policies });
  return {
    profile: profile.name,
    pods: b.podCount,
    policies: b.policyCount,
    objects: b.objects,
    traffic: profile.traffic,
  };
}
