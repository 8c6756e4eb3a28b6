import { execFile } from 'node:child_process';
import { writeFile } from 'node:fs/promises';
import { nodeFileSystem } from '@kube-reach/core/node';
import type { Io } from './io.js';

/** Streams the CLI reads and writes; `process.stdin` etc. in `bin.ts`, fakes in tests. */
export interface NodeStreams {
  readonly stdin: AsyncIterable<unknown>;
  readonly stdout: {
    write(text: string): unknown;
    once?(event: 'drain', listener: () => void): unknown;
    readonly isTTY?: boolean;
  };
  readonly stderr: { write(text: string): unknown; readonly isTTY?: boolean };
  readonly env: Readonly<Record<string, string | undefined>>;
}

/** The real {@link Io}: the file system through `node:fs`, and the given streams. */
export function createNodeIo(streams: NodeStreams): Io {
  return {
    ...nodeFileSystem(() => streams.stdin),
    stdout: (text) => {
      // A full pipe: wait for 'drain'. A closed one (EPIPE) ends the process in bin.ts.
      const { stdout } = streams;
      if (stdout.write(text) !== false || stdout.once === undefined) return undefined;
      return new Promise<void>((resolve) => stdout.once?.('drain', resolve));
    },
    stderr: (text) => {
      streams.stderr.write(text);
    },
    isTTY: streams.stdout.isTTY === true,
    stderrIsTTY: streams.stderr.isTTY === true,
    env: streams.env,
    git: runGit,
    writeFile: (path, text) => writeFile(path, text, 'utf8'),
  };
}

/** True for the errors `node:fs` rejects with. */
export function isNodeError(error: unknown): error is NodeJS.ErrnoException {
  return error instanceof Error && typeof (error as NodeJS.ErrnoException).code === 'string';
}

/** Runs git in the working directory; rejects with its first line of complaint. */
function runGit(args: readonly string[]): Promise<string> {
  return new Promise((resolve, reject) => {
    execFile(
      'git',
      [...args],
      { encoding: 'utf8', maxBuffer: 1024 * 1024 * 1024, windowsHide: true },
      (error, stdout, stderr) => {
        if (error) reject(new Error(stderr.trim() || error.message));
        else resolve(stdout);
      },
    );
  });
}
