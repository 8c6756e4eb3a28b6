import type { Issue, ManifestSource } from '@kube-reach/core';
import { STDIN_NAME, walkManifests } from '@kube-reach/core/node';
import type { Io } from './io.js';

export { STDIN_NAME };

/** The sources read, and the paths that could not be read. */
export interface ReadManifestsResult {
  readonly sources: readonly ManifestSource[];
  readonly issues: readonly Issue[];
}

/**
 * Reads what `-f` names through `io` with the one manifest walker (`walkManifests` of
 * `@kube-reach/core/node`, which `readManifestSources` runs over `node:fs`): a file whatever
 * its name; a directory's `.yaml`, `.yml` and `.json` files in name order, depth first, its
 * subdirectories only with `recursive`; `-` for standard input, read once. A path given twice
 * is read once. Never rejects.
 */
export function readManifests(
  io: Io,
  paths: readonly string[],
  recursive: boolean,
  onSource: (count: number) => void = () => {},
): Promise<ReadManifestsResult> {
  return walkManifests(io, paths, { recursive, onSource, skipExpectationFiles: true });
}
