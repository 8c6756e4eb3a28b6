export type { GitFileSystem, GitRunner } from './git-file-system.js';
export { gitFileSystem } from './git-file-system.js';
export type { LoadPathsOptions } from './load-cluster-from-paths.js';
export { loadClusterFromPaths } from './load-cluster-from-paths.js';
export type {
  DirEntry,
  FileContent,
  ManifestFileSystem,
  PathKind,
  ReadSourcesResult,
  TooLarge,
  WalkOptions,
} from './manifest-walker.js';
export {
  MANIFEST_EXTENSIONS,
  STDIN_NAME,
  tooLargeIssue,
  unreadableFileIssue,
  walkManifests,
} from './manifest-walker.js';
export { nodeFileSystem, readStream } from './node-file-system.js';
export type { ReadSourcesOptions } from './read-manifest-sources.js';
export { readManifestSources } from './read-manifest-sources.js';
