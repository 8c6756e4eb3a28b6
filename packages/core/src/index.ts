export * from './model/index.js';
export type { Issue, IssueCode, IssueObject, PathSegment } from './parse/issue.js';
export { formatPath } from './parse/issue.js';
export type { ReachErrorCode } from './errors.js';
export { ClusterLoadError, ReachError } from './errors.js';
