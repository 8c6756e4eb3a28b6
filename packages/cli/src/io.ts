import type { Sink } from '@kube-reach/core/format';

/** What a path names, as far as the CLI cares. `undefined` from {@link Io.stat}: nothing. */
export type PathKind = 'file' | 'directory' | 'other';

/** One entry of a directory listing. */
export interface DirEntry {
  readonly name: string;
  /**
   * `directory` only for a real directory: a symbolic link to a directory is `other`, so a
   * recursive walk never follows links (as kubectl's `-R` does not) and cannot loop.
   */
  readonly kind: PathKind;
}

/**
 * Everything the CLI does to the outside world. `bin.ts` passes the real one
 * ({@link createNodeIo}); tests pass an in-memory one, so no test ever mocks `process`.
 */
export interface Io {
  /**
   * The whole file: bytes (core decodes them and refuses what is not UTF-8) or text. Rejects
   * with a Node-style error (`code: 'ENOENT'`, ...).
   */
  readFile(path: string): Promise<string | Uint8Array>;
  /** The entries of a directory, in any order. */
  readDir(path: string): Promise<readonly DirEntry[]>;
  /** What `path` is (following symbolic links), or `undefined` when it does not exist. */
  stat(path: string): Promise<PathKind | undefined>;
  /** All of standard input, as bytes or text. */
  readStdin(): Promise<string | Uint8Array>;
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
}

/** Standard output as the sink core's output writers stream to, with its backpressure. */
export function stdoutSink(io: Io): Sink {
  return { write: (chunk) => io.stdout(chunk) };
}
