// The commands the whole-process benchmark runs, as data: adding one is adding a line. Each is
// run as a user would: `node packages/cli/dist/reach.js ARGS > file`, Node's default heap.

import type { ClusterInput } from './inputs.js';

export interface CliCommand {
  /** Short id, used in results and on the command line (`--commands matrix-json,lint`). */
  readonly name: string;
  /** The arguments after `reach`. */
  readonly args: (input: ClusterInput) => readonly string[];
  /** Exit codes that mean the command did its job (diff exits 1 when connectivity changed). */
  readonly expectedExit: readonly number[];
  /** Run only when `reach <first arg> --help` mentions this flag (for flags still to come). */
  readonly requiresFlag?: string;
}

export const CLI_COMMANDS: readonly CliCommand[] = [
  { name: 'matrix-json', args: (i) => ['matrix', '-f', i.base, '-o', 'json'], expectedExit: [0] },
  {
    name: 'matrix-port-json',
    args: (i) => ['matrix', '-f', i.base, '--port', String(i.port), '-o', 'json'],
    expectedExit: [0],
  },
  {
    name: 'matrix-port-groups',
    args: (i) => [
      'matrix',
      '-f',
      i.base,
      '--port',
      String(i.port),
      '-o',
      'json',
      '--encoding',
      'groups',
    ],
    expectedExit: [0],
    requiresFlag: '--encoding',
  },
  {
    name: 'matrix-port-ndjson',
    args: (i) => ['matrix', '-f', i.base, '--port', String(i.port), '-o', 'ndjson'],
    expectedExit: [0],
  },
  { name: 'lint', args: (i) => ['lint', '-f', i.base, '-o', 'json'], expectedExit: [0, 1] },
  { name: 'diff', args: (i) => ['diff', i.base, i.head, '-o', 'json'], expectedExit: [0, 1] },
  {
    name: 'who-can-reach-external',
    args: (i) => ['who-can-reach', 'external', '-f', i.base, '-o', 'json'],
    expectedExit: [0],
  },
];

/** The command line as printed in results and the README, with BASE and HEAD for the paths. */
export function displayCommand(command: CliCommand, input: ClusterInput): string {
  const args = command
    .args(input)
    .map((a) => (a === input.base ? 'BASE' : a === input.head ? 'HEAD' : a));
  return `reach ${args.join(' ')} > file`;
}
