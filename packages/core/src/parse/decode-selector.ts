import type { LabelSelector, LabelSelectorRequirement, SelectorOperator } from '../model/index.js';
import { checkFields } from './check-fields.js';
import { type DecodeContext, error } from './context.js';
import {
  decodeLabels,
  decodeList,
  decodeRecord,
  decodeString,
  decodeStringList,
} from './decode-values.js';
import { getOwn } from './guards.js';
import type { PathSegment } from './issue.js';
import { REQUIREMENT_FIELDS, SELECTOR_FIELDS } from './known-fields.js';
import {
  forbiddenMessage,
  invalidMessage,
  requiredMessage,
  unsupportedMessage,
} from './messages.js';
import { labelValueErrors, qualifiedNameErrors } from './names.js';

const OPERATORS: readonly SelectorOperator[] = ['In', 'NotIn', 'Exists', 'DoesNotExist'];

function isOperator(value: string): value is SelectorOperator {
  return (OPERATORS as readonly string[]).includes(value);
}

/**
 * Decodes a `LabelSelector`, checked as `ValidateLabelSelector` does. Returns undefined when the
 * selector is absent (or `null`, or not an object); `{}` gives the empty selector, which selects
 * everything.
 */
export function decodeSelector(
  ctx: DecodeContext,
  raw: unknown,
  path: readonly PathSegment[],
): LabelSelector | undefined {
  const record = decodeRecord(ctx, raw, path);
  if (record === undefined) return undefined;
  checkFields(ctx, record, path, SELECTOR_FIELDS);
  const matchLabels = decodeLabels(ctx, getOwn(record, 'matchLabels'), [...path, 'matchLabels']);
  const exprPath = [...path, 'matchExpressions'];
  const list = decodeList(ctx, getOwn(record, 'matchExpressions'), exprPath) ?? [];
  const matchExpressions: LabelSelectorRequirement[] = [];
  list.forEach((entry, i) => {
    const requirement = decodeRequirement(ctx, entry, [...exprPath, i]);
    if (requirement !== undefined) matchExpressions.push(requirement);
  });
  return { matchLabels, matchExpressions };
}

function decodeRequirement(
  ctx: DecodeContext,
  raw: unknown,
  path: readonly PathSegment[],
): LabelSelectorRequirement | undefined {
  const record = decodeRecord(ctx, raw, path);
  if (record === undefined) {
    if (raw === null || raw === undefined) error(ctx, 'missing-field', path, requiredMessage());
    return undefined;
  }
  checkFields(ctx, record, path, REQUIREMENT_FIELDS);
  const keyPath = [...path, 'key'];
  const key = decodeString(ctx, getOwn(record, 'key'), keyPath, '');
  if (key !== undefined) {
    for (const msg of qualifiedNameErrors(key)) {
      error(ctx, 'invalid-label', keyPath, invalidMessage(key, msg));
    }
  }
  const valuesPath = [...path, 'values'];
  const values = decodeStringList(ctx, getOwn(record, 'values'), valuesPath) ?? [];
  values.forEach((value, i) => {
    for (const msg of labelValueErrors(value)) {
      error(ctx, 'invalid-label', [...valuesPath, i], invalidMessage(value, msg));
    }
  });
  const opPath = [...path, 'operator'];
  const operator = decodeString(ctx, getOwn(record, 'operator'), opPath, '');
  if (operator === undefined) return undefined;
  if (!isOperator(operator)) {
    error(ctx, 'bad-selector-operator', opPath, unsupportedMessage(operator, OPERATORS));
    return undefined;
  }
  if ((operator === 'In' || operator === 'NotIn') && values.length === 0) {
    error(
      ctx,
      'missing-field',
      valuesPath,
      requiredMessage("must be specified when `operator` is 'In' or 'NotIn'"),
    );
  }
  if ((operator === 'Exists' || operator === 'DoesNotExist') && values.length > 0) {
    error(
      ctx,
      'invalid-value',
      valuesPath,
      forbiddenMessage("may not be specified when `operator` is 'Exists' or 'DoesNotExist'"),
    );
  }
  return key === undefined ? undefined : { key, operator, values };
}
