import type { LabelSelector, LabelSelectorRequirement, Labels } from '../model/index.js';
import { matchesLabels } from '../select/index.js';
import { labelKeyError, labelValueError } from './label-syntax.js';

/** {@link parseLabelSelector}'s answer: the selector, or a one-line reason. */
export type ParseSelectorResult =
  | { readonly ok: true; readonly selector: LabelSelector }
  | { readonly ok: false; readonly message: string };

/**
 * Reads a label selector in kubectl's `-l` grammar: comma-separated requirements, all of which
 * must hold: `k=v` or `k==v` (has k with value v), `k!=v` (lacks k=v, also met without k),
 * `k in (a,b)`, `k notin (a,b)` (also met without k), `k` (has k), `!k` (lacks k). The empty
 * text selects everything. Never throws.
 *
 * @param text - the selector as typed after `-l`
 * @returns the selector (every requirement as a `matchExpressions` entry), or a message
 * @example
 * ```ts
 * parseLabelSelector('app=web,tier notin (db),!canary');
 * ```
 */
export function parseLabelSelector(text: string): ParseSelectorResult {
  const requirements: LabelSelectorRequirement[] = [];
  if (text.trim() === '') return selector(requirements);
  for (const part of splitTopLevel(text)) {
    const entry = part.trim();
    if (entry === '') return fail(`invalid selector "${text}": empty requirement`);
    const parsed = parseRequirement(entry);
    if (typeof parsed === 'string') return fail(`invalid selector "${text}": ${parsed}`);
    requirements.push(parsed);
  }
  return selector(requirements);
}

/**
 * True when `labels` satisfy `selector` (every `matchLabels` pair and requirement).
 *
 * @param labels - the labels of a pod
 * @param selector - a selector, for example from {@link parseLabelSelector}
 * @returns whether the selector selects the labels
 */
export function matchesLabelSelector(labels: Labels, selector: LabelSelector): boolean {
  return matchesLabels(labels, selector);
}

/**
 * A selector in kubectl's grammar, the inverse of {@link parseLabelSelector}: `app=web,tier
 * notin (db)`.
 *
 * @param selector - any label selector
 * @returns the text; empty for the empty selector
 */
export function formatLabelSelector(selector: LabelSelector): string {
  const parts = [...selector.matchLabels].map(([k, v]) => `${k}=${v}`);
  for (const r of selector.matchExpressions) {
    switch (r.operator) {
      case 'In':
        parts.push(
          r.values.length === 1 ? `${r.key}=${r.values[0]}` : `${r.key} in (${r.values.join(',')})`,
        );
        break;
      case 'NotIn':
        parts.push(
          r.values.length === 1
            ? `${r.key}!=${r.values[0]}`
            : `${r.key} notin (${r.values.join(',')})`,
        );
        break;
      case 'Exists':
        parts.push(r.key);
        break;
      case 'DoesNotExist':
        parts.push(`!${r.key}`);
        break;
    }
  }
  return parts.join(',');
}

/** Splits on commas outside parentheses. */
function splitTopLevel(text: string): string[] {
  const parts: string[] = [];
  let depth = 0;
  let current = '';
  for (const ch of text) {
    if (ch === '(') depth++;
    if (ch === ')') depth--;
    if (ch === ',' && depth === 0) {
      parts.push(current);
      current = '';
    } else {
      current += ch;
    }
  }
  parts.push(current);
  return parts;
}

function parseRequirement(entry: string): LabelSelectorRequirement | string {
  const set = /^(\S+)\s+(in|notin)\s*\((.*)\)$/.exec(entry);
  if (set !== null) {
    const [, key = '', op = '', list = ''] = set;
    const values = list.split(',').map((v) => v.trim());
    if (values.length === 0 || values.some((v) => v === '') || list.trim() === '') {
      return `"${entry}": the set must list at least one value, as ${key} ${op} (a,b)`;
    }
    const problem = checkKey(key) ?? values.map(checkValue).find((p) => p !== undefined);
    if (problem !== undefined) return problem;
    return { key, operator: op === 'in' ? 'In' : 'NotIn', values: [...new Set(values)].sort() };
  }
  const equality = /^([^=!\s]+)\s*(==|!=|=)\s*([^=!]*)$/.exec(entry);
  if (equality !== null) {
    const [, key = '', op = '', rawValue = ''] = equality;
    const value = rawValue.trim();
    const problem = checkKey(key) ?? checkValue(value);
    if (problem !== undefined) return problem;
    return { key, operator: op === '!=' ? 'NotIn' : 'In', values: [value] };
  }
  if (/[<>()]/.test(entry)) return cannotRead(entry);
  if (entry.startsWith('!')) {
    const key = entry.slice(1).trim();
    return checkKey(key) ?? { key, operator: 'DoesNotExist', values: [] };
  }
  if (/^\S+$/.test(entry)) return checkKey(entry) ?? { key: entry, operator: 'Exists', values: [] };
  return cannotRead(entry);
}

function cannotRead(entry: string): string {
  return `cannot read "${entry}"; use k=v, k!=v, "k in (a,b)", "k notin (a,b)", k or !k`;
}

function checkKey(key: string): string | undefined {
  const error = labelKeyError(key);
  return error === undefined ? undefined : `invalid key "${key}": ${error}`;
}

function checkValue(value: string): string | undefined {
  const error = labelValueError(value);
  return error === undefined ? undefined : `invalid value "${value}": ${error}`;
}

function selector(requirements: LabelSelectorRequirement[]): ParseSelectorResult {
  return { ok: true, selector: { matchLabels: new Map(), matchExpressions: requirements } };
}

function fail(message: string): ParseSelectorResult {
  return { ok: false, message };
}
