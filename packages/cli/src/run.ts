import type { Command } from './commands/index.js';
import { COMMANDS } from './commands/index.js';
import type { Io } from './io.js';

/**
 * Runs a parsed command against `io` and returns the exit code. Problems in the input are
 * printed and answered with exit code 2; anything thrown is a bug in reach.
 */
export async function run(command: Command, io: Io): Promise<number> {
  const definition = COMMANDS.find((d) => d.kind === command.kind);
  if (definition === undefined) throw new Error(`no command of kind ${command.kind}`);
  return definition.run(command, io);
}
