import { posix } from 'node:path';
import type { DirEntry, Io, PathKind } from '../../src/io.js';

/** An in-memory {@link Io} that records what the CLI prints. */
export interface MemoryIo extends Io {
  /** Everything written to stdout so far. */
  readonly out: string;
  /** Everything written to stderr so far. */
  readonly err: string;
}

export interface MemoryIoOptions {
  /** Standard input; reading it when absent fails like a closed stream would. */
  readonly stdin?: string;
  readonly env?: Record<string, string>;
  readonly isTTY?: boolean;
  readonly stderrIsTTY?: boolean;
  /** What `git` answers; absent means git cannot run. */
  readonly git?: (args: readonly string[]) => Promise<string>;
}

/**
 * A file system of `files` (path -> text; directories are implied by the paths) plus captured
 * output. Paths are POSIX; `./a.yaml` and `a.yaml` name the same file.
 */
export function memoryIo(
  files: Record<string, string> = {},
  options: MemoryIoOptions = {},
): MemoryIo {
  const store = new Map(Object.entries(files).map(([path, text]) => [clean(path), text]));
  let out = '';
  let err = '';

  const kindOf = (path: string): PathKind | undefined => {
    const p = clean(path);
    if (store.has(p)) return 'file';
    const prefix = p === '.' ? '' : `${p}/`;
    return [...store.keys()].some((k) => k.startsWith(prefix)) ? 'directory' : undefined;
  };

  return {
    readFile: async (path, _maxBytes) => {
      const text = store.get(clean(path));
      if (text !== undefined) return text;
      throw nodeError(kindOf(path) === 'directory' ? 'EISDIR' : 'ENOENT', path);
    },
    readDir: async (path) => {
      if (kindOf(path) !== 'directory') throw nodeError('ENOTDIR', path);
      const p = clean(path);
      const prefix = p === '.' ? '' : `${p}/`;
      const entries = new Map<string, DirEntry>();
      for (const key of store.keys()) {
        if (!key.startsWith(prefix)) continue;
        const [name = '', ...rest] = key.slice(prefix.length).split('/');
        entries.set(name, { name, kind: rest.length > 0 ? 'directory' : 'file' });
      }
      return [...entries.values()];
    },
    stat: async (path) => kindOf(path),
    readStdin: async (_maxBytes) => {
      if (options.stdin === undefined) throw new Error('stdin is closed');
      return options.stdin;
    },
    stdout: (text) => {
      out += text;
    },
    stderr: (text) => {
      err += text;
    },
    isTTY: options.isTTY ?? false,
    stderrIsTTY: options.stderrIsTTY ?? false,
    env: options.env ?? {},
    ...(options.git === undefined ? {} : { git: options.git }),
    // Written files join the file system, so a test reads them back with readFile.
    writeFile: async (path, text) => {
      store.set(clean(path), text);
    },
    get out() {
      return out;
    },
    get err() {
      return err;
    },
  };
}

function clean(path: string): string {
  const normalized = posix.normalize(path);
  return normalized.length > 1 && normalized.endsWith('/') ? normalized.slice(0, -1) : normalized;
}

function nodeError(code: string, path: string): NodeJS.ErrnoException {
  const error: NodeJS.ErrnoException = new Error(`${code}: ${path}`);
  error.code = code;
  return error;
}
