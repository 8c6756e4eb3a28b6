import type { Command } from './command.js';
import { runCompletion } from './commands/completion.js';
import { runDiff } from './commands/diff.js';
import { runLint } from './commands/lint.js';
import { runMatrix } from './commands/matrix.js';
import { runPeers } from './commands/peers.js';
import { runQuery } from './commands/query.js';
import { runTest } from './commands/test.js';
import { runValidate } from './commands/validate.js';
import { runVersion } from './commands/version.js';
import type { Io } from './io.js';

/**
 * Runs a parsed command against `io` and returns the exit code. Problems in the input are
 * printed and answered with exit code 2; anything thrown is a bug in reach.
 */
export async function run(command: Command, io: Io): Promise<number> {
  switch (command.kind) {
    case 'query':
      return runQuery(command, io);
    case 'peers':
      return runPeers(command, io);
    case 'test':
      return runTest(command, io);
    case 'matrix':
      return runMatrix(command, io);
    case 'validate':
      return runValidate(command, io);
    case 'version':
      return runVersion(command, io);
    case 'completion':
      return runCompletion(command, io);
    case 'lint':
      return runLint(command, io);
    case 'diff':
      return runDiff(command, io);
  }
}
