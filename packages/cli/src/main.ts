import type { Io } from './io.js';
import type { ParseArgvOptions } from './parse-argv.js';
import { parseArgv } from './parse-argv.js';
import { run } from './run.js';

export type MainOptions = ParseArgvOptions;

/**
 * The whole CLI without `process`: reads `argv` (the arguments after the program name), does
 * the work through `io`, and returns the exit code. Throws only on a bug in reach.
 *
 * @example
 * const code = await main(['query', '-f', 'cluster.yaml', 'ops/ci-runner', 'production/web', '--port', '80'], io);
 */
export async function main(
  argv: readonly string[],
  io: Io,
  options: MainOptions = {},
): Promise<number> {
  const parsed = parseArgv(argv, options);
  if (parsed.kind === 'exit') {
    if (parsed.stdout !== '') io.stdout(parsed.stdout);
    if (parsed.stderr !== '') io.stderr(parsed.stderr);
    return parsed.code;
  }
  return run(parsed.command, io);
}
