import type { Protocol } from '@kube-reach/core';

/** Exit codes: part of the interface, documented in `--help`. */
export const ExitCode = {
  /** Query: allowed. Validate: no errors. Anything else: done. */
  ok: 0,
  /** Query: denied. */
  denied: 1,
  /** Invalid input: bad manifests, unknown endpoint, bad flag value, usage error. */
  invalid: 2,
  /** A bug in reach itself (only `bin.ts` returns it). */
  internal: 70,
} as const;

/** The `-o` formats. `table` is the human one. */
export type OutputFormat = 'table' | 'json' | 'yaml';

export const OUTPUT_FORMATS: readonly OutputFormat[] = ['table', 'json', 'yaml'];

/** The `-o` formats of `reach matrix`. */
export type MatrixFormat = 'table' | 'wide' | 'json' | 'yaml' | 'csv' | 'md' | 'dot';

export const MATRIX_FORMATS: readonly MatrixFormat[] = [
  'table',
  'wide',
  'json',
  'yaml',
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
}

/** `--port`: a number, or the name of a container port of the destination pod. */
export type PortArg =
  | { readonly kind: 'number'; readonly port: number }
  | { readonly kind: 'name'; readonly name: string };

export interface QueryCommand extends ManifestOptions {
  readonly kind: 'query';
  readonly from: string;
  readonly to: string;
  readonly port: PortArg;
  readonly protocol: Protocol;
  readonly output: OutputFormat;
  readonly quiet: boolean;
  /** `--explain`: say which policies and rules decided. */
  readonly explain: boolean;
}

export interface MatrixCommand extends ManifestOptions {
  readonly kind: 'matrix';
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
export type Command = QueryCommand | MatrixCommand | ValidateCommand | VersionCommand;
