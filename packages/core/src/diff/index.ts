export { diff } from './diff.js';
export { streamDiff } from './stream-diff.js';
export type { DiffSummary } from './summarize-diff.js';
export { summarizeDiff } from './summarize-diff.js';
export type {
  ConnectionChange,
  ConnectivityDiff,
  DiffOptions,
  IsolationChange,
} from './types.js';
