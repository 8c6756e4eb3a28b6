// Runs one command as a child process under GNU time and reads back what the kernel counted
// for it: wall time, CPU time (user + sys) and peak resident set size. The figures are the
// child's own (wait4's rusage of `timeout` and the node process it waited for), not anything
// the child reports about itself. Output goes to a file, as `reach ... > file` would.

import { spawn } from 'node:child_process';
import { closeSync, openSync, readFileSync, statSync } from 'node:fs';

/** GNU time's format: one line the parser below reads back. */
export const TIME_FORMAT = 'reach-bench wall=%e user=%U sys=%S maxrss_kb=%M exit=%x';

/** What happened to the child: its own verdict, or ours. */
export type RunStatus = 'ok' | 'exit' | 'crash' | 'timeout';

export interface ProcessMeasurement {
  /** `ok`: an expected exit code; `exit`: another code; `crash`: 70 or a signal; `timeout`. */
  readonly status: RunStatus;
  /** The child's exit code (128 + signal when a signal ended it). */
  readonly exitCode: number;
  readonly signal?: number;
  readonly wallS: number;
  readonly userS: number;
  readonly sysS: number;
  /** user + sys. */
  readonly cpuS: number;
  readonly peakRssMB: number;
  /** Bytes the command wrote to its output file. */
  readonly outputBytes: number;
  /** The last non-empty line of stderr when the status is not `ok`. */
  readonly stderrTail?: string;
}

export interface TimeFigures {
  readonly wallS: number;
  readonly userS: number;
  readonly sysS: number;
  readonly maxRssKb: number;
  readonly exitCode: number;
  readonly signal?: number;
}

/**
 * Reads GNU time's `-o` file written with {@link TIME_FORMAT}. A child ended by a signal is
 * reported by a line "Command terminated by signal N" (and `%x` 0): that becomes exit 128 + N.
 * @returns undefined when the file has no measurement line (time itself failed)
 */
export function parseTimeOutput(text: string): TimeFigures | undefined {
  const line = text.split('\n').find((l) => l.startsWith('reach-bench '));
  if (!line) return undefined;
  const field = (name: string): number => {
    const m = new RegExp(`${name}=(-?[0-9.]+)`).exec(line);
    return m ? Number(m[1]) : Number.NaN;
  };
  const signalMatch = /Command terminated by signal (\d+)/.exec(text);
  const signal = signalMatch ? Number(signalMatch[1]) : undefined;
  return {
    wallS: field('wall'),
    userS: field('user'),
    sysS: field('sys'),
    maxRssKb: field('maxrss_kb'),
    exitCode: signal === undefined ? field('exit') : 128 + signal,
    ...(signal === undefined ? {} : { signal }),
  };
}

/**
 * Sorts an exit into a status: stopped by our timeout, or 70 ("a bug in reach" by the CLI's
 * contract) or a signal (V8's out-of-memory abort), or an expected or other exit code.
 */
export function classifyExit(
  figures: Pick<TimeFigures, 'exitCode' | 'signal'>,
  expected: readonly number[],
  timedOut: boolean,
): RunStatus {
  if (timedOut) return 'timeout';
  if (figures.signal !== undefined || figures.exitCode === 70) return 'crash';
  return expected.includes(figures.exitCode) ? 'ok' : 'exit';
}

export interface RunOptions {
  /** The command and its arguments, e.g. `['node', 'packages/cli/dist/reach.js', 'lint', ...]`. */
  readonly argv: readonly string[];
  readonly cwd: string;
  /** Where stdout goes (created or truncated). */
  readonly outFile: string;
  /** Where stderr goes. */
  readonly errFile: string;
  /** Where GNU time writes its line. */
  readonly timeFile: string;
  readonly timeoutS: number;
  /** Exit codes that mean the command did its job (diff exits 1 when something changed). */
  readonly expectedExit: readonly number[];
  readonly env?: NodeJS.ProcessEnv;
  /** GNU time; default /usr/bin/time (Debian package `time`). */
  readonly timeBinary?: string;
}

function lastLine(path: string): string | undefined {
  try {
    const lines = readFileSync(path, 'utf8').split('\n');
    return lines.reverse().find((l) => l.trim() !== '');
  } catch {
    return undefined;
  }
}

/** The processes GNU time started (the measured command), from /proc. */
function childrenOf(pid: number): number[] {
  try {
    return readFileSync(`/proc/${pid}/task/${pid}/children`, 'utf8')
      .trim()
      .split(/\s+/)
      .filter((x) => x !== '')
      .map(Number);
  } catch {
    return [];
  }
}

function signalChildren(pid: number, signal: NodeJS.Signals): void {
  for (const child of childrenOf(pid)) {
    try {
      process.kill(child, signal);
    } catch {
      // already gone
    }
  }
}

/**
 * Runs `argv` under `/usr/bin/time`, stdout to `outFile`, and measures it. After `timeoutS`
 * the command (not GNU time) gets TERM, and KILL 5 s later: GNU time still reaps it and reports
 * what it used, and the run is a `timeout`, not a crash.
 * @throws Error when GNU time is missing or wrote no measurement
 */
export async function runMeasured(options: RunOptions): Promise<ProcessMeasurement> {
  const out = openSync(options.outFile, 'w');
  const err = openSync(options.errFile, 'w');
  const time = options.timeBinary ?? '/usr/bin/time';
  const args = ['-f', TIME_FORMAT, '-o', options.timeFile, ...options.argv];
  let timedOut = false;
  try {
    await new Promise<void>((resolve, reject) => {
      const child = spawn(time, args, {
        cwd: options.cwd,
        stdio: ['ignore', out, err],
        env: options.env ?? process.env,
      });
      const timers: NodeJS.Timeout[] = [];
      const pid = child.pid;
      if (pid !== undefined) {
        timers.push(
          setTimeout(() => {
            timedOut = true;
            signalChildren(pid, 'SIGTERM');
            timers.push(setTimeout(() => signalChildren(pid, 'SIGKILL'), 5_000));
          }, options.timeoutS * 1000),
        );
      }
      child.on('error', reject);
      child.on('close', () => {
        for (const t of timers) clearTimeout(t);
        resolve();
      });
    });
  } finally {
    closeSync(out);
    closeSync(err);
  }
  const figures = parseTimeOutput(readFileSync(options.timeFile, 'utf8'));
  if (!figures) {
    throw new Error(
      `${time} wrote no measurement to ${options.timeFile}: ${lastLine(options.errFile) ?? ''}`,
    );
  }
  const status = classifyExit(figures, options.expectedExit, timedOut);
  const tail = status === 'ok' ? undefined : lastLine(options.errFile);
  return {
    status,
    exitCode: figures.exitCode,
    ...(figures.signal === undefined ? {} : { signal: figures.signal }),
    wallS: figures.wallS,
    userS: figures.userS,
    sysS: figures.sysS,
    cpuS: Number((figures.userS + figures.sysS).toFixed(2)),
    peakRssMB: Math.round(figures.maxRssKb / 1024),
    outputBytes: statSync(options.outFile).size,
    ...(tail === undefined ? {} : { stderrTail: tail.slice(0, 300) }),
  };
}
