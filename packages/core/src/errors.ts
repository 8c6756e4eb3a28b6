import type { Issue } from './parse/issue.js';

/** Codes of {@link ReachError}: misuse of the API, never a problem in the manifests. */
export type ReachErrorCode =
  | 'invalid-cluster'
  | 'unknown-pod'
  | 'unknown-namespace'
  | 'invalid-traffic'
  | 'invalid-endpoint'
  | 'invalid-options'
  | 'invalid-change'
  | 'invalid-document';

/** Thrown for misuse of the API (an unknown pod in a query, a port out of range). */
export class ReachError extends Error {
  override readonly name: string = 'ReachError';
  readonly code: ReachErrorCode;
  constructor(code: ReachErrorCode, message: string, options?: ErrorOptions) {
    super(message, options);
    this.code = code;
  }
}

/** Thrown by the throwing loaders when the input has errors; carries every issue found. */
export class ClusterLoadError extends ReachError {
  override readonly name: string = 'ClusterLoadError';
  readonly issues: readonly Issue[];
  constructor(issues: readonly Issue[]) {
    const errors = issues.filter((i) => i.severity === 'error');
    const first = errors[0];
    super(
      'invalid-cluster',
      `${errors.length} problem${errors.length === 1 ? '' : 's'} in cluster input${
        first ? `; first: ${first.file}: ${first.message}` : ''
      }`,
    );
    this.issues = issues;
  }
}
