#!/usr/bin/env node
// The only file that touches `process`: everything else gets an Io.
import { basename } from 'node:path';
import { ExitCode } from './command.js';
import { main } from './main.js';
import { createNodeIo } from './node-io.js';

/** `kubectl reach` when installed as the kubectl plugin `kubectl-reach`. */
function programName(script: string | undefined): string {
  const name = script === undefined ? '' : basename(script).replace(/\.(c|m)?js$/, '');
  return name === 'kubectl-reach' ? 'kubectl reach' : 'reach';
}

// A closed pipe (`reach ... | head -1`) is not an error worth a message.
for (const stream of [process.stdout, process.stderr]) {
  stream.on('error', (error: NodeJS.ErrnoException) => {
    process.exit(error.code === 'EPIPE' ? (process.exitCode ?? 0) : ExitCode.internal);
  });
}

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
  if (process.env.REACH_DEBUG === '1') {
    process.stderr.write(
      `${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
    );
  }
  const message = error instanceof Error ? error.message : String(error);
  process.stderr.write(`reach: internal error: ${message.split('\n')[0]}\n`);
  process.exitCode = ExitCode.internal;
}
