import { resolve } from 'node:path';
import { Readable } from 'node:stream';
import { fileURLToPath } from 'node:url';
import type { Io } from '@kube-reach/cli';
import { createNodeIo, main } from '@kube-reach/cli';

/** The repository root: the READMEs' commands are written to be run from there. */
const repoRoot = fileURLToPath(new URL('../..', import.meta.url));

/** What one run of the CLI did. */
export interface ReachRun {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

/**
 * Runs a command line as a README shows it (`reach query -f examples/seed ...`) through the
 * CLI's `main`, in process, with real files read relative to the repository root, and
 * returns the exit code and the captured output. The line is split on spaces: README
 * commands use no quoting.
 */
export async function runReach(commandLine: string): Promise<ReachRun> {
  const [program, ...argv] = commandLine.trim().split(/\s+/);
  if (program !== 'reach') throw new Error(`not a reach command: ${commandLine}`);
  let stdout = '';
  let stderr = '';
  const nodeIo = createNodeIo({
    stdin: Readable.from([]),
    stdout: {
      write: (text: string) => {
        stdout += text;
      },
      isTTY: false,
    },
    stderr: {
      write: (text: string) => {
        stderr += text;
      },
    },
    env: {},
  });
  const io: Io = {
    ...nodeIo,
    readFile: (path, maxBytes) => nodeIo.readFile(resolve(repoRoot, path), maxBytes),
    readDir: (path) => nodeIo.readDir(resolve(repoRoot, path)),
    stat: (path) => nodeIo.stat(resolve(repoRoot, path)),
  };
  const code = await main(argv, io);
  return { code, stdout, stderr };
}
