// One whole-process measurement: a generated input, one CLI command, the child's wall time,
// CPU time and peak RSS. The CLI runs with Node's default heap, as a user runs it (the
// in-process bench raises the heap to 8 GB; these figures do not).

import { execFileSync } from 'node:child_process';
import { mkdirSync, rmSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { join } from 'node:path';
import { type CliCommand, displayCommand } from './commands.js';
import type { ClusterInput } from './inputs.js';
import { type ProcessMeasurement, runMeasured } from './measure-process.js';

export interface CliResult extends ProcessMeasurement {
  readonly generator: string;
  readonly pods: number;
  readonly policies: number;
  readonly seed: number;
  readonly inputMB: number;
  readonly command: string;
  /** As a user types it, BASE and HEAD standing for the input's directories. */
  readonly commandLine: string;
  readonly timeoutS: number;
  /** V8's heap limit of a plain `node` here (Node's default, which the CLI runs with). */
  readonly heapLimitMB: number;
  /** One-, five- and fifteen-minute load averages before the run; the machine may be shared. */
  readonly loadBefore: readonly number[];
  readonly loadAfter: readonly number[];
  readonly cpu: string;
  readonly node: string;
  readonly date: string;
}

export interface CliBenchOptions {
  /** The repository root: the CLI is `packages/cli/dist/reach.js` below it. */
  readonly root: string;
  /** Scratch folder for output, stderr and GNU time's files. */
  readonly workDir: string;
  readonly timeoutS: number;
  /** Keep the command's output file (default: delete it once its size is recorded). */
  readonly keepOutput?: boolean;
}

/** The child's environment: this one without NODE_OPTIONS, so the CLI gets Node's defaults. */
export function childEnv(): NodeJS.ProcessEnv {
  const env = { ...process.env };
  delete env.NODE_OPTIONS;
  return env;
}

/** V8's default heap limit for a plain `node` on this machine, in MB. */
export function defaultHeapLimitMB(): number {
  const out = execFileSync(
    process.execPath,
    ['-p', 'require("node:v8").getHeapStatistics().heap_size_limit'],
    { env: childEnv(), encoding: 'utf8' },
  );
  return Math.round(Number(out.trim()) / 1024 / 1024);
}

/** Whether `reach <subcommand> --help` mentions `flag` (commands for flags still to come). */
export function cliSupports(root: string, subcommand: string, flag: string): boolean {
  const help = execFileSync(
    process.execPath,
    [join(root, 'packages/cli/dist/reach.js'), subcommand, '--help'],
    { env: childEnv(), encoding: 'utf8' },
  );
  return help.includes(flag);
}

const loads = (): number[] => loadavg().map((x) => Number(x.toFixed(2)));

/** Runs `command` on `input` once and measures it. */
export async function benchCliCommand(
  input: ClusterInput,
  command: CliCommand,
  options: CliBenchOptions & { readonly heapLimitMB: number },
): Promise<CliResult> {
  mkdirSync(options.workDir, { recursive: true });
  const file = (ext: string) => join(options.workDir, `${command.name}.${ext}`);
  const loadBefore = loads();
  const measured = await runMeasured({
    argv: [
      process.execPath,
      join(options.root, 'packages/cli/dist/reach.js'),
      ...command.args(input),
    ],
    cwd: options.root,
    outFile: file('out'),
    errFile: file('err'),
    timeFile: file('time'),
    timeoutS: options.timeoutS,
    expectedExit: command.expectedExit,
    env: childEnv(),
  });
  if (!options.keepOutput) rmSync(file('out'), { force: true });
  return {
    generator: input.generator,
    pods: input.pods,
    policies: input.policies,
    seed: input.seed,
    inputMB: Number((input.bytes / 1024 / 1024).toFixed(1)),
    command: command.name,
    commandLine: displayCommand(command, input),
    ...measured,
    timeoutS: options.timeoutS,
    heapLimitMB: options.heapLimitMB,
    loadBefore,
    loadAfter: loads(),
    cpu: `${cpus().length} × ${cpus()[0]?.model.trim() ?? '?'}`,
    node: process.version,
    date: new Date().toISOString().slice(0, 16),
  };
}
