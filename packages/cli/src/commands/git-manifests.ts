import type { Issue, ManifestSource } from '@kube-reach/core';
import { gitFileSystem, unreadableFileIssue, walkManifests } from '@kube-reach/core/node';
import type { Io } from '../io.js';

/** The sources read at the revision, and the paths that could not be read. */
export interface GitManifests {
  readonly sources: readonly ManifestSource[];
  readonly issues: readonly Issue[];
}

/**
 * Reads the manifests of `paths` as of git revision `ref` with the same walker as the working
 * tree (`gitFileSystem` of `@kube-reach/core/node`): a file whatever its name; a directory's
 * `.yaml`, `.yml` and `.json` files in name order, its subdirectories only with `recursive`.
 * Paths are relative to the working directory, as git takes them (`.` is the working
 * directory). Sources are named `REF:path`. Never rejects: a path missing at the revision, or
 * git failing, is an `unreadable-file` error.
 */
export async function readGitManifests(
  io: Io,
  ref: string,
  paths: readonly string[],
  recursive: boolean,
): Promise<GitManifests> {
  if (io.git === undefined) {
    return { sources: [], issues: [unreadableFileIssue(`${ref}:`, 'git is not available')] };
  }
  const fs = gitFileSystem(io.git, ref);
  return walkManifests(fs, paths, {
    recursive,
    nameOf: fs.nameOf,
    where: ` at ${ref}`,
    skipExpectationFiles: true,
  });
}
