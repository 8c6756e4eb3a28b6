import type { Command as Program } from 'commander';
import type { ManifestOptions } from '../command.js';

/**
 * What `parse-argv.ts` lends the commands that register themselves (`reach lint`, `reach
 * diff`): the program name, the shared output and error configuration, and the `-f` family of
 * flags, so every command reads manifests and reports usage errors the same way.
 */
export interface CommandKit {
  /** `reach`, or `kubectl reach` for the plugin. */
  readonly name: string;
  /** Applies exit override, output capture and help layout; `helpCommand` is for messages. */
  configure(cmd: Program, helpCommand: string): Program;
  /** Adds `-f`, `-R`, `-n` and the flags that say how the manifests are read and enforced. */
  addManifestOptions(cmd: Program): Program;
  /** The same without `-f`, for commands that name their manifests otherwise (`diff`). */
  addReadingOptions(cmd: Program): Program;
  /** Reads those flags back, checked (at least one `-f`); exits through commander if not. */
  manifestOptions(cmd: Program, flags: ManifestFlagValues): ManifestOptions;
}

/** The `-f` family of flags as commander hands them over. */
export interface ManifestFlagValues {
  readonly filename?: readonly string[];
  readonly recursive?: boolean;
  readonly namespace: string;
  readonly includeTerminatedPods?: boolean;
  readonly ipblockPods: boolean;
  readonly hostNetworkPods?: 'node' | 'pods';
  readonly strict?: boolean;
  readonly allowEmpty?: boolean;
  readonly failOnUnevaluated?: boolean;
}

/** Examples block for help text, as the other commands print it. */
export function examples(lines: readonly string[]): string {
  return `\nExamples:\n${lines.map((line) => `  ${line}`).join('\n')}`;
}

/** `--strict`, `--allow-empty` and `--fail-on-unevaluated`, for every command reading manifests. */
export function loadingFlags(flags: {
  readonly strict?: boolean;
  readonly allowEmpty?: boolean;
  readonly failOnUnevaluated?: boolean;
}): Pick<ManifestOptions, 'strict' | 'allowEmpty' | 'failOnUnevaluated'> {
  return {
    strict: flags.strict === true,
    allowEmpty: flags.allowEmpty === true,
    failOnUnevaluated: flags.failOnUnevaluated === true,
  };
}
