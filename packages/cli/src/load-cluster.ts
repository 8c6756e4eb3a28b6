import type { Cluster, Issue } from '@kube-reach/core';
import { parseCluster } from '@kube-reach/core';
import type { ManifestOptions } from './command.js';
import type { Io } from './io.js';
import type { Progress } from './progress.js';
import { readManifests } from './read-manifests.js';

/**
 * The manifests of `-f`, loaded: a cluster and its warnings, or every issue found (reading
 * and parsing). `files` counts the sources read.
 */
export type LoadResult =
  | {
      readonly ok: true;
      readonly files: number;
      readonly cluster: Cluster;
      readonly issues: readonly Issue[];
    }
  | { readonly ok: false; readonly files: number; readonly issues: readonly Issue[] };

/**
 * Reads the paths of `-f` through `io` and parses them into one cluster, as
 * `loadClusterFromPaths` of `@kube-reach/core/node` does: unreadable paths are errors next to
 * the parse issues, so one run reports every problem.
 */
export async function loadCluster(
  io: Io,
  options: ManifestOptions,
  progress?: Progress,
): Promise<LoadResult> {
  const read = await readManifests(io, options.filenames, options.recursive, (count) => {
    progress?.update(`reading manifests: ${count} ${count === 1 ? 'file' : 'files'}`);
  });
  progress?.update(
    `parsing ${read.sources.length} ${read.sources.length === 1 ? 'source' : 'sources'}`,
  );
  const parsed = parseCluster(read.sources, {
    defaultNamespace: options.namespace,
    includeTerminatedPods: options.includeTerminatedPods,
  });
  const issues = [...read.issues, ...parsed.issues];
  const files = read.sources.length;
  if (parsed.ok && !read.issues.some((i) => i.severity === 'error')) {
    return { ok: true, files, cluster: parsed.cluster, issues };
  }
  return { ok: false, files, issues };
}
