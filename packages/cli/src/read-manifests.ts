import { extname, join, normalize } from 'node:path';
import type { Issue, ManifestSource } from '@kube-reach/core';
import { unreadableFileIssue } from '@kube-reach/core/node';
import type { DirEntry, Io } from './io.js';

/** The name standard input goes by in messages (`-f -`). */
export const STDIN_NAME = '<stdin>';

/** What kubectl reads from a directory: these extensions, nothing else. */
const MANIFEST_EXTENSIONS = new Set(['.yaml', '.yml', '.json']);

/** The sources read, and the paths that could not be read. */
export interface ReadManifestsResult {
  readonly sources: readonly ManifestSource[];
  readonly issues: readonly Issue[];
}

/**
 * Reads what `-f` names through `io`, as `readManifestSources` of `@kube-reach/core/node` does
 * through `node:fs` (same choices, same issues), so that tests can use an in-memory Io: a file
 * whatever its name; a directory's `.yaml`, `.yml` and `.json` files in name order, depth
 * first, its subdirectories only with `recursive`; `-` for standard input, read once. A path
 * given twice is read once. An unreadable path is an `unreadable-file` error, a directory with
 * nothing to read a warning. Never rejects.
 */
export async function readManifests(
  io: Io,
  paths: readonly string[],
  recursive: boolean,
  onSource: (count: number) => void = () => {},
): Promise<ReadManifestsResult> {
  const sources: ManifestSource[] = [];
  const issues: Issue[] = [];
  const seen = new Set<string>();
  let stdinRead = false;

  const readOne = async (path: string): Promise<void> => {
    const key = normalize(path);
    if (seen.has(key)) return;
    seen.add(key);
    try {
      sources.push({ name: path, text: await io.readFile(path) });
      onSource(sources.length);
    } catch (error) {
      issues.push(unreadableFileIssue(path, error));
    }
  };

  /** Reads a directory's manifest files; returns whether it has subdirectories. */
  const readDirectory = async (dir: string): Promise<boolean> => {
    let entries: DirEntry[];
    try {
      entries = [...(await io.readDir(dir))].sort((a, b) => compareText(a.name, b.name));
    } catch (error) {
      issues.push(unreadableFileIssue(dir, error));
      return false;
    }
    let hasSubdirectories = false;
    for (const entry of entries) {
      const path = join(dir, entry.name);
      if (entry.kind === 'directory') {
        hasSubdirectories = true;
        if (recursive) await readDirectory(path);
      } else if (entry.kind === 'file' && MANIFEST_EXTENSIONS.has(extname(entry.name))) {
        await readOne(path);
      }
    }
    return hasSubdirectories;
  };

  for (const path of paths) {
    if (path === '-') {
      if (stdinRead) continue;
      stdinRead = true;
      try {
        sources.push({ name: STDIN_NAME, text: await io.readStdin() });
      } catch (error) {
        issues.push(unreadableFileIssue(STDIN_NAME, error));
      }
      continue;
    }
    let kind: Awaited<ReturnType<Io['stat']>>;
    try {
      kind = await io.stat(path);
    } catch (error) {
      issues.push(unreadableFileIssue(path, error));
      continue;
    }
    if (kind === undefined) {
      issues.push(unreadableFileIssue(path, 'no such file or directory'));
    } else if (kind === 'directory') {
      const before = sources.length;
      const issuesBefore = issues.length;
      const hasSubdirectories = await readDirectory(path);
      if (sources.length === before && issues.length === issuesBefore) {
        const hint =
          hasSubdirectories && !recursive ? ' (subdirectories are read only with -R)' : '';
        issues.push({
          code: 'unreadable-file',
          severity: 'warning',
          message: `no .yaml, .yml or .json files in this directory${hint}`,
          file: path,
          path: [],
        });
      }
    } else {
      // A file, or something else that can be read as one (`-f /dev/stdin`, a named pipe).
      await readOne(path);
    }
  }
  return { sources, issues };
}

function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
