import type { LabelSelector, LabelSelectorRequirement, Labels } from '../model/index.js';

/**
 * True when the labels satisfy the selector: every `matchLabels` pair and every
 * `matchExpressions` requirement (all ANDed). An empty selector matches everything.
 */
export function selectorMatches(selector: LabelSelector, labels: Labels): boolean {
  for (const [key, value] of selector.matchLabels) {
    if (labels.get(key) !== value) return false;
  }
  return selector.matchExpressions.every((requirement) => requirementMatches(requirement, labels));
}

function requirementMatches(requirement: LabelSelectorRequirement, labels: Labels): boolean {
  const value = labels.get(requirement.key);
  switch (requirement.operator) {
    // In: the key is present and its value is one of the values.
    case 'In':
      return value !== undefined && requirement.values.includes(value);
    // NotIn: the key is absent, or its value is none of the values.
    case 'NotIn':
      return value === undefined || !requirement.values.includes(value);
    // Exists: the key is present, whatever its value.
    case 'Exists':
      return value !== undefined;
    // DoesNotExist: the key is absent.
    case 'DoesNotExist':
      return value === undefined;
  }
}
