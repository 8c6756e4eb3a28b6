import type { Sink } from '@kube-reach/core/format';
import type { ManifestFileSystem } from '@kube-reach/core/node';

export type { DirEntry, FileContent, PathKind } from '@kube-reach/core/node';

/**
 * Everything the CLI does to the outside world. `bin.ts` passes the real one
 * ({@link createNodeIo}); tests pass an in-memory one, so no test ever mocks `process`. Its
 * file system is the manifest walker's (`ManifestFileSystem` of `@kube-reach/core/node`):
 * reads take a byte limit and stop past it, methods reject with Node-style errors
 * (`code: 'ENOENT'`, ...).
 */
export interface Io extends ManifestFileSystem {
  /**
   * Writes text to standard output as is (the caller supplies newlines). A promise back means
   * the stream is full: await it before writing more (big outputs do, through
   * {@link stdoutSink}).
   */
  stdout(text: string): void | Promise<void>;
  /** Writes text to standard error as is (the caller supplies newlines). */
  stderr(text: string): void;
  /** Whether standard output is a terminal. */
  readonly isTTY: boolean;
  /** Whether standard error is a terminal (progress is shown only then); false when absent. */
  readonly stderrIsTTY?: boolean;
  readonly env: Readonly<Record<string, string | undefined>>;
  /**
   * Runs `git` with these arguments in the working directory and resolves with its standard
   * output; rejects with git's message when it fails. Absent where git cannot run.
   */
  readonly git?: (args: readonly string[]) => Promise<string>;
  /** Writes a whole file (`reach report -o FILE`); absent where files cannot be written. */
  readonly writeFile?: (path: string, text: string) => Promise<void>;
}

/** Standard output as the sink core's output writers stream to, with its backpressure. */
export function stdoutSink(io: Io): Sink {
  return { write: (chunk) => io.stdout(chunk) };
}
