#!/usr/bin/env node
// The only file that touches `process`: everything else gets an Io.
import { basename } from 'node:path';
import { ExitCode } from './command.js';
import { main } from './main.js';
import { createNodeIo } from './node-io.js';
import { errorLine } from './print.js';
import type { WriteError } from './write-failure.js';
import { isWriteError, writeFailureLine } from './write-failure.js';

/** `kubectl reach` when installed as the kubectl plugin `kubectl-reach`. */
function programName(script: string | undefined): string {
  const name = script === undefined ? '' : basename(script).replace(/\.(c|m)?js$/, '');
  return name === 'kubectl-reach' ? 'kubectl reach' : 'reach';
}

// A closed pipe (`reach ... | head -1`) is not an error worth a message; any other failed write
// (a full disk, `> /dev/full`) is one line and exit 74, not a bug report.
function writeFailed(stream: 'stdout' | 'stderr', error: WriteError): never {
  if (error.code === 'EPIPE') process.exit(process.exitCode ?? 0);
  const line = writeFailureLine(error);
  if (stream === 'stdout' && line !== undefined) {
    try {
      process.stderr.write(`${line}\n`);
    } catch {
      // Standard error cannot be written either: the exit code is all that is left.
    }
  }
  process.exit(ExitCode.output);
}

process.stdout.on('error', (error: NodeJS.ErrnoException) => writeFailed('stdout', error));
process.stderr.on('error', (error: NodeJS.ErrnoException) => writeFailed('stderr', error));

const io = createNodeIo({
  stdin: process.stdin,
  stdout: process.stdout,
  stderr: process.stderr,
  env: process.env,
});

try {
  process.exitCode = await main(process.argv.slice(2), io, {
    programName: programName(process.argv[1]),
  });
} catch (error) {
  if (isWriteError(error)) writeFailed('stdout', error);
  if (process.env.REACH_DEBUG === '1') {
    process.stderr.write(
      `${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
    );
  }
  const message = error instanceof Error ? error.message : String(error);
  process.stderr.write(`${errorLine(`internal error in reach: ${message.split('\n')[0]}`)}\n`);
  process.exitCode = ExitCode.internal;
}
