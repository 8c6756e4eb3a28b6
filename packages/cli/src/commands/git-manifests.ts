import { extname, posix } from 'node:path';
import type { Issue, ManifestSource } from '@kube-reach/core';
import { unreadableFileIssue } from '@kube-reach/core/node';
import type { Io } from '../io.js';

/** What `readManifests` reads from a directory: these extensions, nothing else. */
const MANIFEST_EXTENSIONS = new Set(['.yaml', '.yml', '.json']);

/** The sources read at the revision, and the paths that could not be read. */
export interface GitManifests {
  readonly sources: readonly ManifestSource[];
  readonly issues: readonly Issue[];
}

function reasonOf(error: unknown): string {
  const text = error instanceof Error ? error.message : String(error);
  return text.split('\n')[0]?.replace(/^fatal: /, '') ?? text;
}

/** A path as git spells it relative to the working directory: `./k8s`, `.` for the root. */
function gitPath(path: string): string {
  const normal = posix.normalize(path.replaceAll('\\', '/'));
  return normal === '.' ? '.' : `./${normal.replace(/^\.\//, '').replace(/\/$/, '')}`;
}

/**
 * Reads the manifests of `paths` as of git revision `ref`, with the same choices as
 * `readManifests` makes in the working tree: a file whatever its name; a directory's `.yaml`,
 * `.yml` and `.json` files in path order, its subdirectories only with `recursive`. Paths are
 * relative to the working directory, as git takes them. Sources are named `REF:path`. Never
 * rejects: a path missing at the revision, or git failing, is an `unreadable-file` error.
 */
export async function readGitManifests(
  io: Io,
  ref: string,
  paths: readonly string[],
  recursive: boolean,
): Promise<GitManifests> {
  const sources: ManifestSource[] = [];
  const issues: Issue[] = [];
  const git = io.git;
  if (git === undefined) {
    return { sources, issues: [unreadableFileIssue(`${ref}:`, 'git is not available')] };
  }
  const seen = new Set<string>();
  const show = async (path: string): Promise<void> => {
    if (seen.has(path)) return;
    seen.add(path);
    const name = `${ref}:${path.replace(/^\.\//, '')}`;
    try {
      sources.push({ name, text: await git(['show', `${ref}:${path}`]) });
    } catch (error) {
      issues.push(unreadableFileIssue(name, reasonOf(error)));
    }
  };
  for (const original of paths) {
    const path = gitPath(original);
    const label = `${ref}:${path.replace(/^\.\/?/, '') || '.'}`;
    if (posix.isAbsolute(original)) {
      issues.push(
        unreadableFileIssue(label, 'give paths relative to the working directory with --git-base'),
      );
      continue;
    }
    let type: string;
    try {
      type = (await git(['cat-file', '-t', `${ref}:${path}`])).trim();
    } catch (error) {
      issues.push(unreadableFileIssue(label, reasonOf(error)));
      continue;
    }
    if (type === 'blob') {
      await show(path);
      continue;
    }
    if (type !== 'tree') {
      issues.push(unreadableFileIssue(label, `not a file or directory at ${ref} (${type})`));
      continue;
    }
    let listing: string;
    try {
      listing = await git(['ls-tree', '-r', '--name-only', ref, '--', path]);
    } catch (error) {
      issues.push(unreadableFileIssue(label, reasonOf(error)));
      continue;
    }
    const prefix = path === '.' ? '' : `${path.slice(2)}/`;
    const files = listing
      .split('\n')
      .filter((line) => line !== '' && MANIFEST_EXTENSIONS.has(extname(line)))
      .filter((line) => recursive || !line.slice(prefix.length).includes('/'))
      .sort();
    const before = sources.length + issues.length;
    for (const file of files) await show(`./${file}`);
    if (sources.length + issues.length === before) {
      issues.push({
        code: 'unreadable-file',
        severity: 'warning',
        message: `no .yaml, .yml or .json files in this directory at ${ref}${
          recursive ? '' : ' (subdirectories are read only with -R)'
        }`,
        file: label,
        path: [],
      });
    }
  }
  return { sources, issues };
}
