// The one manifest walker: what `kubectl apply -f` reads from files, directories and stdin,
// over a small file-system interface. Node's fs, the CLI's in-memory Io and a git revision
// are adapters of it, so the three read the same files in the same order with the same issues.
import { extname, join, normalize } from 'node:path';
import { DEFAULT_MAX_BYTES, type Issue, type ManifestSource } from '../parse/index.js';

/** The file extensions read from a directory, as kubectl's `-f <dir>`. */
export const MANIFEST_EXTENSIONS: readonly string[] = Object.freeze(['.yaml', '.yml', '.json']);

/** What a path names, following symbolic links; `undefined` from `stat` means nothing. */
export type PathKind = 'file' | 'directory' | 'other';

/**
 * One entry of a directory listing:
 * - `file`: a regular file, or a symbolic link to one;
 * - `directory`: a real directory (walked with `recursive`);
 * - `directory-link`: a symbolic link to a directory, never followed (as kubectl's `-R`), so a
 *   walk cannot loop;
 * - `other`: not a regular file (a FIFO, a device, a socket, or a link to one): reading it
 *   could block or never end, so it is skipped with a warning;
 * - `broken`: a link that cannot be followed (dangling, or looping on itself); `reason` says
 *   why, and it is an error naming the file.
 */
export interface DirEntry {
  readonly name: string;
  readonly kind: 'file' | 'directory' | 'directory-link' | 'other' | 'broken';
  /** Why a `broken` entry cannot be read (a Node error or a sentence), or what an `other` is. */
  readonly reason?: unknown;
}

/** Returned by a read instead of the content when it is larger than the limit. */
export interface TooLarge {
  readonly tooLarge: true;
}

/** A file's content (bytes, or text), or {@link TooLarge}. */
export type FileContent = string | Uint8Array | TooLarge;

/**
 * What the walker needs from a file system. Every method may reject with a Node-style error
 * (`code: 'ENOENT'`, ...) or an Error whose message says why in words.
 */
export interface ManifestFileSystem {
  /** What `path` is, following links, or `undefined` when nothing is there. */
  stat(path: string): Promise<PathKind | undefined>;
  /** The entries of a directory, in any order. */
  readDir(path: string): Promise<readonly DirEntry[]>;
  /**
   * The whole file, or {@link TooLarge} as soon as it is known to exceed `maxBytes`: never
   * more than `maxBytes + 1` bytes are held, so `/dev/zero` ends.
   */
  readFile(path: string, maxBytes: number): Promise<FileContent>;
  /** All of standard input, with the same limit. */
  readStdin(maxBytes: number): Promise<FileContent>;
}

/** Options of {@link walkManifests}. */
export interface WalkOptions {
  /** Also read the subdirectories of a directory, as `kubectl -R` does. Default `false`. */
  readonly recursive?: boolean;
  /** Sources larger than this are `input-too-large` errors, stopped while read. Default 64 MiB. */
  readonly maxBytes?: number;
  /** The extensions read from a directory. Default {@link MANIFEST_EXTENSIONS}. */
  readonly extensions?: readonly string[];
  /** The name of a path in sources and issues. Default: the path. */
  readonly nameOf?: (path: string) => string;
  /** Added to "no … files in this directory", e.g. ` at HEAD`. */
  readonly where?: string;
  /** Called after each source read, with the count so far (progress). */
  readonly onSource?: (count: number) => void;
  /**
   * Skip (with a warning) the `reach test` expectation files a directory holds, recognised by
   * their schema modeline: they are not manifests. Default `false`.
   */
  readonly skipExpectationFiles?: boolean;
}

/** The sources read, and the paths that could not be read. */
export interface ReadSourcesResult {
  readonly sources: ManifestSource[];
  readonly issues: Issue[];
}

/** The name standard input goes by in sources and messages (`-f -`). */
export const STDIN_NAME = '<stdin>';

/**
 * Reads manifests the way `kubectl apply -f` picks them: a path is a file (read whatever its
 * name, even a pipe such as `/dev/stdin`), a directory (its files with one of `extensions`,
 * in name order; its subdirectories only with `recursive`, depth first), or `-` for standard
 * input (read once, named `<stdin>`). A file or directory given twice is read once. Never
 * rejects: an unreadable path is an `unreadable-file` error, a source over `maxBytes` an
 * `input-too-large` error, a directory with nothing to read and a non-regular file inside a
 * directory are warnings.
 *
 * @param fs - the file system adapter.
 * @param paths - files, directories or `-`, in the order given.
 * @param options - see {@link WalkOptions}.
 * @returns the sources in order, and the issues.
 */
export async function walkManifests(
  fs: ManifestFileSystem,
  paths: readonly string[],
  options: WalkOptions = {},
): Promise<ReadSourcesResult> {
  const sources: ManifestSource[] = [];
  const issues: Issue[] = [];
  const maxBytes = options.maxBytes ?? DEFAULT_MAX_BYTES;
  const extensions = new Set(options.extensions ?? MANIFEST_EXTENSIONS);
  const recursive = options.recursive ?? false;
  const nameOf = options.nameOf ?? ((path: string) => path);
  const seen = new Set<string>();

  const add = (name: string, content: FileContent): void => {
    // A string is measured by the parser, which reports it with the same issue.
    if (
      typeof content !== 'string' &&
      !(content instanceof Uint8Array && content.byteLength <= maxBytes)
    ) {
      issues.push(tooLargeIssue(name, maxBytes));
      return;
    }
    sources.push({ name, text: content });
    options.onSource?.(sources.length);
  };

  const readOne = async (path: string, inDirectory = false): Promise<void> => {
    const key = `f:${normalize(path)}`;
    if (seen.has(key)) return;
    seen.add(key);
    const name = nameOf(path);
    try {
      const content = await fs.readFile(path, maxBytes);
      // A `reach test` expectations file beside the manifests is not a manifest: skipped (with
      // a warning that says so) when met in a directory, read as asked when named.
      if (inDirectory && options.skipExpectationFiles === true && isExpectationsFile(content)) {
        issues.push({
          code: 'unreadable-file',
          severity: 'warning',
          message:
            'a reach test expectations file (its $schema is expectations.schema.json), not manifests; skipped',
          file: name,
          path: [],
        });
        return;
      }
      add(name, content);
    } catch (error) {
      issues.push(unreadableFileIssue(name, error));
    }
  };

  /** Reads a directory's manifest files; returns how many it matched and if it has subdirectories. */
  const readDirectory = async (
    dir: string,
  ): Promise<{ matched: number; subdirectories: boolean }> => {
    const result = { matched: 0, subdirectories: false };
    let entries: DirEntry[];
    try {
      entries = [...(await fs.readDir(dir))].sort((a, b) => compareText(a.name, b.name));
    } catch (error) {
      issues.push(unreadableFileIssue(nameOf(dir), error));
      result.matched = 1; // reported: no second warning
      return result;
    }
    for (const entry of entries) {
      const path = join(dir, entry.name);
      if (entry.kind === 'directory') {
        result.subdirectories = true;
        if (recursive) result.matched += (await readDirectory(path)).matched;
        continue;
      }
      if (!extensions.has(extname(entry.name))) continue;
      if (entry.kind === 'file') {
        result.matched += 1;
        await readOne(path, true);
      } else if (entry.kind === 'other') {
        result.matched += 1;
        issues.push({
          code: 'unreadable-file',
          severity: 'warning',
          message: `not a regular file (${typeof entry.reason === 'string' ? entry.reason : 'a pipe or a device?'}); skipped`,
          file: nameOf(path),
          path: [],
        });
      } else if (entry.kind === 'broken') {
        result.matched += 1;
        issues.push(unreadableFileIssue(nameOf(path), entry.reason ?? 'broken symbolic link'));
      }
    }
    return result;
  };

  let stdinRead = false;
  for (const path of paths) {
    if (path === '-') {
      if (stdinRead) continue;
      stdinRead = true;
      try {
        add(STDIN_NAME, await fs.readStdin(maxBytes));
      } catch (error) {
        issues.push(unreadableFileIssue(STDIN_NAME, error));
      }
      continue;
    }
    let kind: PathKind | undefined;
    try {
      kind = await fs.stat(path);
    } catch (error) {
      issues.push(unreadableFileIssue(nameOf(path), error));
      continue;
    }
    if (kind === undefined) {
      issues.push(unreadableFileIssue(nameOf(path), 'no such file or directory'));
    } else if (kind === 'directory') {
      const key = `d:${normalize(path)}`;
      if (seen.has(key)) continue;
      seen.add(key);
      const { matched, subdirectories } = await readDirectory(path);
      if (matched === 0) {
        const hint = subdirectories && !recursive ? ' (subdirectories are read only with -R)' : '';
        issues.push({
          code: 'unreadable-file',
          severity: 'warning',
          message: `no ${listOf([...extensions])} files in this directory${options.where ?? ''}${hint}`,
          file: nameOf(path),
          path: [],
        });
      }
    } else {
      // A file, or something else read as one on request (`-f /dev/stdin`, a named pipe).
      await readOne(path);
    }
  }
  return { sources, issues };
}

/** The modeline kube-reach's expectation files start with (see packages/cli/schema). */
const EXPECTATIONS_MODELINE =
  /^#\s*yaml-language-server:\s*\$schema=\S*expectations\.schema\.json/m;

/** Whether a file's first lines name kube-reach's expectations schema. */
export function isExpectationsFile(content: FileContent): boolean {
  const head =
    typeof content === 'string'
      ? content.slice(0, 512)
      : content instanceof Uint8Array
        ? new TextDecoder().decode(content.subarray(0, 512))
        : '';
  return EXPECTATIONS_MODELINE.test(head);
}

function listOf(items: readonly string[]): string {
  return items.length <= 1
    ? (items[0] ?? '')
    : `${items.slice(0, -1).join(', ')} or ${items[items.length - 1]}`;
}

function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** The `input-too-large` error of a source over the byte limit. */
export function tooLargeIssue(file: string, maxBytes: number): Issue {
  return {
    code: 'input-too-large',
    severity: 'error',
    message: `larger than the limit of ${maxBytes} bytes (ParseOptions.maxBytes)`,
    file,
    path: [],
  };
}

const REASONS: { readonly [code: string]: string } = {
  ENOENT: 'no such file or directory',
  EACCES: 'permission denied',
  EPERM: 'permission denied',
  EISDIR: 'is a directory',
  ENOTDIR: 'not a directory',
  ELOOP: 'too many symbolic links',
};

/**
 * The `unreadable-file` error for a path: `reason` is a Node error (its `code` said in words,
 * `ENOENT` as "no such file or directory") or already a sentence.
 *
 * @param file - the path, as named in messages.
 * @param reason - a Node error, an Error or a sentence.
 * @returns the issue.
 */
export function unreadableFileIssue(file: string, reason: unknown): Issue {
  const code =
    typeof reason === 'object' && reason !== null ? (reason as { code?: unknown }).code : undefined;
  const text =
    typeof reason === 'string'
      ? reason
      : typeof code === 'string' && Object.hasOwn(REASONS, code)
        ? REASONS[code]
        : reason instanceof Error
          ? reason.message
          : String(reason);
  return {
    code: 'unreadable-file',
    severity: 'error',
    message: `cannot read: ${text}`,
    file,
    path: [],
  };
}
