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
export type Command = QueryCommand | ValidateCommand | VersionCommand;
