export type { LoadPathsOptions } from './load-cluster-from-paths.js';
export { loadClusterFromPaths } from './load-cluster-from-paths.js';
export type { ReadSourcesOptions, ReadSourcesResult } from './read-manifest-sources.js';
export { readManifestSources, unreadableFileIssue } from './read-manifest-sources.js';
