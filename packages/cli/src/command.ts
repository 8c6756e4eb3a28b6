import type { Labels, PortQuery } from '@kube-reach/core';

/** Exit codes: part of the interface, documented in `--help`. */
export const ExitCode = {
  /** Query: allowed. Validate: no errors. Anything else: done. */
  ok: 0,
  /** Query: denied. Test: some expectation does not hold. */
  denied: 1,
  /** Invalid input: bad manifests, unknown endpoint, bad flag value, usage error. */
  invalid: 2,
  /** A bug in reach itself (only `bin.ts` returns it). */
  internal: 70,
  /** Standard output cannot be written: a full disk, `> /dev/full` (only `bin.ts` returns it). */
  output: 74,
} as const;

/** The `-o` formats. `table` is the human one. */
export type OutputFormat = 'table' | 'json' | 'yaml';

export const OUTPUT_FORMATS: readonly OutputFormat[] = ['table', 'json', 'yaml'];

/** `apiVersion` of every machine-readable document the CLI prints. */
export const API_VERSION = 'kube-reach/v1alpha1';

/** The flags every command that reads manifests takes. */
export interface ManifestOptions {
  /** `-f`: files, directories, or `-` for standard input; in the order given. */
  readonly filenames: readonly string[];
  /** `-R`: descend into subdirectories of directories given with `-f`. */
  readonly recursive: boolean;
  /** `-n`: namespace of objects without one, and of endpoints written without one. */
  readonly namespace: string;
  /** `--include-terminated-pods`: keep pods in phase Succeeded or Failed as endpoints. */
  readonly includeTerminatedPods: boolean;
  /** `--ipblock-pods` / `--no-ipblock-pods`: whether an ipBlock matches pods by their IPs. */
  readonly ipBlockMatchesPods?: boolean;
  /** `--host-network-pods node|pods`: how policies treat `hostNetwork: true` pods. */
  readonly hostNetworkPods?: 'node' | 'pods';
  /** `--cni NAME`: the CNI profile (absent: `spec`, the API reference). */
  readonly cni?: string;
  /** `--cni A,B,...` where a command compares profiles (`reach matrix`). */
  readonly cnis?: readonly string[];
  /** `--knob KEY=VALUE`: knobs set by hand, over the profile's. */
  readonly knobs?: Readonly<Record<string, unknown>>;
  /** `--strict`: unknown fields are errors, as with `kubectl apply --validate=strict`. */
  readonly strict?: boolean;
  /** `--allow-empty`: input without pods or workloads is not an error. */
  readonly allowEmpty?: boolean;
  /** `--fail-on-unevaluated`: policies we cannot evaluate (Cilium, Calico, ...) are errors. */
  readonly failOnUnevaluated?: boolean;
  /** `--namespace-labels`: labels of namespaces the manifests use but do not declare. */
  readonly namespaceLabels?: Readonly<Record<string, Labels>>;
}

/**
 * `--port`: a number, a name (a container port of the destination pod, or a Service port's
 * name when the destination is a Service), or a range; `53/udp` carries its protocol, which
 * the command's `protocol` already reflects.
 */
export type PortArg = PortQuery;

/**
 * `--match`: when an endpoint stands for several pods or address ranges, whether the answer is
 * yes when every pair is allowed (`all`) or when some pair is (`any`).
 */
export type MatchMode = 'any' | 'all';

/** The flags of commands that resolve endpoints. */
export interface EndpointOptions {
  /** `--cluster-cidr`: address blocks of the cluster, never `external`. */
  readonly clusterCidrs: readonly string[];
  readonly match: MatchMode;
}
