export { formatFinding, formatFindingObject } from './format-finding.js';
export { lint } from './lint.js';
export type {
  Finding,
  FindingObject,
  LintCode,
  LintOptions,
  LintSeverity,
} from './types.js';
export { LINT_CODES, LINT_SEVERITIES } from './types.js';
