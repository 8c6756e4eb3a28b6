import type { Dirent } from 'node:fs';
import { readdir, readFile, stat } from 'node:fs/promises';
import { extname, join } from 'node:path';
import { DEFAULT_MAX_BYTES, type Issue, type ManifestSource } from '../parse/index.js';

/** Options of {@link readManifestSources}. */
export interface ReadSourcesOptions {
  /** Also read the subdirectories of a directory, as `kubectl -R` does. Default `false`. */
  readonly recursive?: boolean;
  /** Files larger than this are reported (`input-too-large`) instead of read. Default 64 MiB. */
  readonly maxBytes?: number;
  /** Reads standard input, for the path `-`. Default: `process.stdin`. */
  readonly stdin?: () => Promise<Uint8Array>;
}

/** The sources read, and the paths that could not be read. */
export interface ReadSourcesResult {
  readonly sources: ManifestSource[];
  readonly issues: Issue[];
}

/** The file extensions read from a directory, as kubectl's `-f <dir>`. */
const MANIFEST_EXTENSIONS = new Set(['.yaml', '.yml', '.json']);

/**
 * Reads manifest files the way `kubectl apply -f` picks them: a path is a file (read whatever its
 * name), a directory (its `.yaml`, `.yml` and `.json` files; its subdirectories only with
 * `recursive`, like `kubectl -R`), or `-` for standard input (read once, named `<stdin>`).
 * Directory entries are taken in name order, depth first, so the result is deterministic.
 * Files are returned as bytes; the parser checks they are UTF-8 text. A path that cannot be read
 * gives an `unreadable-file` error; a directory with nothing to read, a warning. Never throws.
 *
 * @param paths - files, directories or `-`, in the order given.
 * @param options - see {@link ReadSourcesOptions}.
 * @returns the sources in order, and the issues.
 */
export async function readManifestSources(
  paths: readonly string[],
  options: ReadSourcesOptions = {},
): Promise<ReadSourcesResult> {
  const sources: ManifestSource[] = [];
  const issues: Issue[] = [];
  const maxBytes = options.maxBytes ?? DEFAULT_MAX_BYTES;
  let stdinRead = false;
  for (const path of paths) {
    if (path === '-') {
      if (stdinRead) continue;
      stdinRead = true;
      try {
        const bytes = await (options.stdin ?? readStdin)();
        sources.push({ name: '<stdin>', text: bytes });
      } catch (e) {
        issues.push(unreadableFileIssue('<stdin>', e));
      }
      continue;
    }
    let isDirectory: boolean;
    try {
      isDirectory = (await stat(path)).isDirectory();
    } catch (e) {
      issues.push(unreadableFileIssue(path, e));
      continue;
    }
    if (isDirectory) {
      const [sourcesBefore, issuesBefore] = [sources.length, issues.length];
      const hasSubdirectories = await readDirectory(
        path,
        options.recursive ?? false,
        maxBytes,
        sources,
        issues,
      );
      if (sources.length === sourcesBefore && issues.length === issuesBefore) {
        const hint =
          hasSubdirectories && !options.recursive ? ' (subdirectories are read only with -R)' : '';
        issues.push({
          code: 'unreadable-file',
          severity: 'warning',
          message: `no .yaml, .yml or .json files in this directory${hint}`,
          file: path,
          path: [],
        });
      }
    } else {
      await readOne(path, maxBytes, sources, issues);
    }
  }
  return { sources, issues };
}

/** Reads a directory's manifest files; returns whether it has subdirectories. */
async function readDirectory(
  dir: string,
  recursive: boolean,
  maxBytes: number,
  sources: ManifestSource[],
  issues: Issue[],
): Promise<boolean> {
  let entries: Dirent[];
  try {
    entries = await readdir(dir, { withFileTypes: true });
  } catch (e) {
    issues.push(unreadableFileIssue(dir, e));
    return false;
  }
  entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  let hasSubdirectories = false;
  for (const entry of entries) {
    const path = join(dir, entry.name);
    // Like filepath.Walk, a symbolic link is not followed into a directory.
    if (entry.isDirectory()) {
      hasSubdirectories = true;
      if (recursive) await readDirectory(path, recursive, maxBytes, sources, issues);
    } else if (MANIFEST_EXTENSIONS.has(extname(entry.name))) {
      if (entry.isSymbolicLink() && (await isDirectoryLink(path))) continue;
      await readOne(path, maxBytes, sources, issues);
    }
  }
  return hasSubdirectories;
}

async function isDirectoryLink(path: string): Promise<boolean> {
  try {
    return (await stat(path)).isDirectory();
  } catch {
    return false;
  }
}

async function readOne(
  path: string,
  maxBytes: number,
  sources: ManifestSource[],
  issues: Issue[],
): Promise<void> {
  try {
    const info = await stat(path);
    if (info.isFile() && info.size > maxBytes) {
      issues.push({
        code: 'input-too-large',
        severity: 'error',
        message: `larger than the limit of ${maxBytes} bytes (ParseOptions.maxBytes)`,
        file: path,
        path: [],
      });
      return;
    }
    const bytes = await readFile(path);
    sources.push({
      name: path,
      text: new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength),
    });
  } catch (e) {
    issues.push(unreadableFileIssue(path, e));
  }
}

async function readStdin(): Promise<Uint8Array> {
  const chunks: Uint8Array[] = [];
  for await (const chunk of process.stdin) {
    chunks.push(typeof chunk === 'string' ? new TextEncoder().encode(chunk) : chunk);
  }
  return Buffer.concat(chunks);
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
