import type { Command as Program } from 'commander';
import type { Io } from '../io.js';

/**
 * One command of `reach`, whole: its arguments, flags, help and examples ({@link define}),
 * how commander's values become the command ({@link parse}), and what it does ({@link run}).
 * citty's `defineCommand({ args, run })` with commander underneath: `parse-argv.ts` registers
 * every definition of `commands/index.ts` in one loop, and `run.ts` dispatches to `run`.
 */
export interface CommandDefinition<C extends { readonly kind: string }> {
  /** The word on the command line: `query`, `who-can-reach`, ... */
  readonly name: string;
  /** The `kind` of the commands {@link parse} returns. */
  readonly kind: C['kind'];
  /**
   * Adds the summary, description, usage, arguments, flags and help text to `cmd`. `program`
   * is how reach is called in examples: `reach`, or `kubectl reach` for the plugin.
   */
  define(cmd: Program, program: string): void;
  /**
   * The command, from what commander parsed (`cmd.processedArgs`, `cmd.opts()`). Usage
   * errors go through `cmd.error`, which throws.
   */
  parse(cmd: Program): C;
  /** Does the work through `io` and returns the exit code. */
  run(command: C, io: Io): Promise<number> | number;
}

/** Checks a command definition's types; returns it as is. */
export function defineCommand<C extends { readonly kind: string }>(
  definition: CommandDefinition<C>,
): CommandDefinition<C> {
  return definition;
}
