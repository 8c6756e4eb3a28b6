import type { SourceRef } from '../model/index.js';
import { formatPath, type Issue } from './issue.js';
import { oneLine } from './messages.js';

/**
 * Renders an issue as one line:
 *
 * ```text
 * policies.yaml: doc 2 NetworkPolicy prod/api: spec.ingress[0].ports[1].endPort: Invalid value: 79: must be greater than or equal to `port`
 * warning: all.yaml: doc 1 items[3] ConfigMap: kind: ConfigMap (v1) does not affect pod reachability; skipped
 * broken.yaml:12: invalid YAML: duplicated mapping key (column 3)
 * ```
 *
 * Warnings start with `warning: `; errors have no prefix. Control characters are escaped
 * (`\u000a`), so the line stays one line whatever the manifest holds. Documents are numbered from 1 here, as
 * lines are (the first document is `doc 1`), while `Issue.doc` counts from 0; list items keep
 * the zero-based `items[i]` of a field path.
 *
 * @param issue - the issue to render.
 * @returns the line, without a newline.
 */
export function formatIssue(issue: Issue): string {
  const head = issue.line === undefined ? issue.file : `${issue.file}:${issue.line}`;
  const where: string[] = [];
  if (issue.doc !== undefined) where.push(`doc ${issue.doc + 1}`);
  if (issue.item !== undefined) where.push(`items[${issue.item}]`);
  const object = issue.object;
  if (object?.kind !== undefined) {
    const id =
      object.name === undefined
        ? undefined
        : object.namespace === undefined
          ? object.name
          : `${object.namespace}/${object.name}`;
    where.push(id === undefined ? object.kind : `${object.kind} ${id}`);
  }
  const parts = [where.length > 0 ? `${head}: ${where.join(' ')}` : head];
  if (issue.path.length > 0) parts.push(formatPath(issue.path));
  parts.push(issue.message);
  return oneLine(`${issue.severity === 'warning' ? 'warning: ' : ''}${parts.join(': ')}`);
}

/**
 * Renders issues one per line, in the order given.
 *
 * @param issues - the issues to render.
 * @returns one line per issue.
 */
export function formatIssues(issues: readonly Issue[]): string[] {
  return issues.map(formatIssue);
}

/** `file doc 2` or `file doc 2 items[3]`: where an object was read, numbered as in formatIssue. */
export function describeSource(source: SourceRef): string {
  const item = source.item === undefined ? '' : ` items[${source.item}]`;
  return `${source.file} doc ${source.doc + 1}${item}`;
}
