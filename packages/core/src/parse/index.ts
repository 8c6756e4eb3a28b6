export type { RawObject } from './decode-object.js';
export { formatIssue, formatIssues } from './format-issue.js';
export type { Issue, IssueCode, IssueObject, PathSegment } from './issue.js';
export { formatPath } from './issue.js';
export type { ParseInput, ParseOptions, ParseResult } from './parse-cluster.js';
export { loadCluster, parseCluster } from './parse-cluster.js';
export type { DocumentsResult, ManifestSource } from './parse-documents.js';
export { DEFAULT_MAX_BYTES, parseDocuments } from './parse-documents.js';
export { withObjects, withoutObjects } from './with-objects.js';
