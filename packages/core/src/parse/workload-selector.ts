import type { LabelSelector, WorkloadKind } from '../model/index.js';
import { type DecodeContext, error, warning } from './context.js';
import { decodeSelector } from './decode-selector.js';
import { decodeLabels } from './decode-values.js';
import { getOwn, type RawRecord } from './guards.js';
import type { PathSegment } from './issue.js';
import { clip, requiredMessage } from './messages.js';

/** Where a workload's selector and template are, and what the template's labels are. */
export interface WorkloadSelectorInput {
  readonly kind: WorkloadKind;
  /** The spec holding `selector` and `template` (a CronJob's `spec.jobTemplate.spec`). */
  readonly spec: RawRecord;
  readonly specPath: readonly PathSegment[];
  readonly templateLabels: ReadonlyMap<string, string>;
  /** Read at an apiVersion the API server no longer serves, where selectors defaulted. */
  readonly removedVersion: boolean;
}

/**
 * Checks a workload's `spec.selector` against its pod template's labels, as the API server's
 * validation does: the controller must select the pods it creates, so a selector that does not
 * match `spec.template.metadata.labels` is refused (`` `selector` does not match template
 * `labels` ``), and so is an empty one. The apps/v1 kinds require a selector (the older
 * apiVersions defaulted it to the template labels, as ReplicationController still does); a Job's
 * selector is generated from its uid unless `manualSelector` is true, so it may be absent.
 */
export function checkWorkloadSelector(ctx: DecodeContext, input: WorkloadSelectorInput): void {
  const { kind, spec, specPath, templateLabels } = input;
  const selectorPath = [...specPath, 'selector'];
  const rawSelector = getOwn(spec, 'selector');
  const absent = rawSelector === undefined || rawSelector === null;
  if (kind === 'ReplicationController') {
    const selector = decodeLabels(ctx, rawSelector, selectorPath);
    if (selector.size > 0) {
      const matches = [...selector].every(([k, v]) => templateLabels.get(k) === v);
      if (!matches) mismatch(ctx, specPath, templateLabels);
    }
    return;
  }
  if (absent) {
    const manual = getOwn(spec, 'manualSelector') === true;
    if ((kind === 'Job' || kind === 'CronJob') && !manual) return;
    if (input.removedVersion) return;
    warning(
      ctx,
      'missing-field',
      selectorPath,
      requiredMessage('read as the template labels, but the API server refuses it'),
    );
    return;
  }
  const selector = decodeSelector(ctx, rawSelector, selectorPath);
  if (selector === undefined) return;
  if (selector.matchLabels.size === 0 && selector.matchExpressions.length === 0) {
    if (kind !== 'Job' && kind !== 'CronJob') {
      error(
        ctx,
        'invalid-value',
        selectorPath,
        `Invalid value: {}: empty selector is invalid for ${kind.toLowerCase()}`,
      );
    }
    return;
  }
  if (!selectorMatches(selector, templateLabels)) mismatch(ctx, specPath, templateLabels);
}

function mismatch(
  ctx: DecodeContext,
  specPath: readonly PathSegment[],
  labels: ReadonlyMap<string, string>,
): void {
  error(
    ctx,
    'invalid-value',
    [...specPath, 'template', 'metadata', 'labels'],
    `Invalid value: ${clip(JSON.stringify(Object.fromEntries(labels)))}: \`selector\` does not match template \`labels\``,
  );
}

/** Whether a label selector selects a set of labels (every term must hold). */
export function selectorMatches(
  selector: LabelSelector,
  labels: ReadonlyMap<string, string>,
): boolean {
  for (const [key, value] of selector.matchLabels) if (labels.get(key) !== value) return false;
  return selector.matchExpressions.every(({ key, operator, values }) => {
    const value = labels.get(key);
    switch (operator) {
      case 'In':
        return value !== undefined && values.includes(value);
      case 'NotIn':
        return value === undefined || !values.includes(value);
      case 'Exists':
        return value !== undefined;
      case 'DoesNotExist':
        return value === undefined;
    }
    return false;
  });
}
