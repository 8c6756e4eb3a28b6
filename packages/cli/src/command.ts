import type { LabelSelector, PortQuery, Protocol } from '@kube-reach/core';
import type { MatrixFormat as CoreMatrixFormat } from '@kube-reach/core/format';
import type { ColorMode } from './color.js';
import type { DiffCommand } from './commands/diff-args.js';
import type { LintCommand } from './commands/lint-args.js';

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
} as const;

/** The `-o` formats. `table` is the human one. */
export type OutputFormat = 'table' | 'json' | 'yaml';

export const OUTPUT_FORMATS: readonly OutputFormat[] = ['table', 'json', 'yaml'];

/** The `-o` formats of `reach matrix`: core's matrix writers. */
export type MatrixFormat = CoreMatrixFormat;

export const MATRIX_FORMATS: readonly MatrixFormat[] = [
  'table',
  'wide',
  'json',
  'yaml',
  'ndjson',
  'csv',
  'md',
  'dot',
];

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
  readonly ipBlockMatchesPods: boolean;
  /** `--host-network-pods node|pods`: how policies treat `hostNetwork: true` pods. */
  readonly hostNetworkPods?: 'node' | 'pods';
  /** `--strict`: unknown fields are errors, as with `kubectl apply --validate=strict`. */
  readonly strict?: boolean;
  /** `--allow-empty`: input without pods or workloads is not an error. */
  readonly allowEmpty?: boolean;
  /** `--fail-on-unevaluated`: policies we cannot evaluate (Cilium, Calico, ...) are errors. */
  readonly failOnUnevaluated?: boolean;
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

export interface QueryCommand extends ManifestOptions, EndpointOptions {
  readonly kind: 'query';
  readonly from: string;
  readonly to: string;
  /** Absent: "which ports?", answered with the connection set. */
  readonly port?: PortArg;
  readonly protocol: Protocol;
  readonly output: OutputFormat;
  readonly quiet: boolean;
  /** `--explain`: say which policies and rules decided. */
  readonly explain: boolean;
  readonly color: ColorMode;
}

/** The `-o` formats of `reach who-can-reach` and `reach reachable-from`. */
export type PeersFormat = 'table' | 'wide' | 'json' | 'yaml' | 'ndjson' | 'name';

export const PEERS_FORMATS: readonly PeersFormat[] = [
  'table',
  'wide',
  'json',
  'yaml',
  'ndjson',
  'name',
];

/** `reach who-can-reach TO` (`direction: 'to'`) and `reach reachable-from FROM` (`'from'`). */
export interface PeersCommand extends ManifestOptions, EndpointOptions {
  readonly kind: 'peers';
  /** `to`: list who can reach `endpoint`; `from`: list what `endpoint` can reach. */
  readonly direction: 'to' | 'from';
  readonly endpoint: string;
  readonly port?: PortArg;
  readonly protocol: Protocol;
  /** `-l`: list only pods whose labels match. */
  readonly selector?: LabelSelector;
  /** `-n` given explicitly: list only this namespace's pods; otherwise (or with `-A`) all. */
  readonly onlyNamespace?: string;
  readonly output: PeersFormat;
  readonly noHeaders: boolean;
  readonly quiet: boolean;
}

/** The `-o` formats of `reach test`. */
export type TestFormat = 'table' | 'json' | 'yaml' | 'junit';

export const TEST_FORMATS: readonly TestFormat[] = ['table', 'json', 'yaml', 'junit'];

/** `reach test SPEC...`: expectation files checked against the manifests. */
export interface TestCommand extends ManifestOptions {
  readonly kind: 'test';
  readonly specs: readonly string[];
  readonly clusterCidrs: readonly string[];
  readonly output: TestFormat;
  readonly noHeaders: boolean;
  readonly quiet: boolean;
  readonly color: ColorMode;
}

/** The shells `reach completion` writes scripts for. */
export type Shell = 'bash' | 'zsh' | 'fish';

export const SHELLS: readonly Shell[] = ['bash', 'zsh', 'fish'];

/** One flag of a command, as completion scripts need it. */
export interface CompletionOption {
  readonly short?: string;
  readonly long?: string;
  readonly description: string;
  readonly takesValue: boolean;
  readonly choices?: readonly string[];
  /** The value is a path. */
  readonly files: boolean;
}

/** The commands and flags of the program, as completion scripts need them. */
export interface CompletionSpec {
  readonly program: string;
  readonly commands: readonly {
    readonly name: string;
    readonly summary: string;
    readonly options: readonly CompletionOption[];
    /** Positional arguments are paths (`reach test SPEC...`). */
    readonly fileArguments: boolean;
  }[];
}

export interface CompletionCommand {
  readonly kind: 'completion';
  readonly shell: Shell;
  readonly spec: CompletionSpec;
}

export interface MatrixCommand extends ManifestOptions {
  readonly kind: 'matrix';
  readonly noHeaders: boolean;
  readonly quiet: boolean;
  readonly color: ColorMode;
  /** With a port: a truth table for that port; without: the allowed connection set per pair. */
  readonly port?: number;
  readonly protocol: Protocol;
  readonly by: 'pod' | 'workload';
  /** `-n` given explicitly: only this namespace's pods; otherwise (or with `-A`) all. */
  readonly onlyNamespace?: string;
  readonly output: MatrixFormat;
}

export interface ValidateCommand extends ManifestOptions {
  readonly kind: 'validate';
  readonly output: OutputFormat;
}

export interface VersionCommand {
  readonly kind: 'version';
  readonly output: OutputFormat;
}

/** A fully parsed command line, ready to run. */
export type Command =
  | QueryCommand
  | PeersCommand
  | TestCommand
  | MatrixCommand
  | ValidateCommand
  | VersionCommand
  | CompletionCommand
  | LintCommand
  | DiffCommand;
