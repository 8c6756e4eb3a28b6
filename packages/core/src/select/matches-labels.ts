import type { LabelSelector, LabelSelectorRequirement, Labels } from '../model/index.js';

/**
 * True when `labels` satisfy one requirement. `In` needs the key with one of the values;
 * `NotIn` is met by items lacking the key; `Exists` / `DoesNotExist` look at the key only.
 * An `In` with no values matches nothing and a `NotIn` with no values matches everything
 * (the API server rejects both, but the rule stays total).
 */
export function matchesRequirement(labels: Labels, requirement: LabelSelectorRequirement): boolean {
  const value = labels.get(requirement.key);
  switch (requirement.operator) {
    case 'In':
      return value !== undefined && requirement.values.includes(value);
    case 'NotIn':
      return value === undefined || !requirement.values.includes(value);
    case 'Exists':
      return value !== undefined;
    case 'DoesNotExist':
      return value === undefined;
  }
}

/**
 * True when `labels` satisfy `selector`: every `matchLabels` pair and every
 * `matchExpressions` requirement (all ANDed). The empty selector matches every label map.
 *
 * @param labels - the labels of a pod or namespace.
 * @param selector - the selector to check.
 * @returns whether the selector selects the labels.
 */
export function matchesLabels(labels: Labels, selector: LabelSelector): boolean {
  for (const [key, value] of selector.matchLabels) {
    if (labels.get(key) !== value) return false;
  }
  for (const requirement of selector.matchExpressions) {
    if (!matchesRequirement(labels, requirement)) return false;
  }
  return true;
}

/** True when the selector has no `matchLabels` and no `matchExpressions` (it selects all). */
export function isEmptySelector(selector: LabelSelector): boolean {
  return selector.matchLabels.size === 0 && selector.matchExpressions.length === 0;
}
