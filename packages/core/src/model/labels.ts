/**
 * Labels are a `ReadonlyMap`, never a plain object: keys such as `__proto__`, `constructor` or
 * `toString` are ordinary label keys in Kubernetes, and a Map has no inherited properties to
 * collide with them.
 */
export type Labels = ReadonlyMap<string, string>;

/** The four operators of a label selector requirement, spelled as in the Kubernetes API. */
export type SelectorOperator = 'In' | 'NotIn' | 'Exists' | 'DoesNotExist';

/** One `matchExpressions` entry. `values` is empty for `Exists` and `DoesNotExist`. */
export interface LabelSelectorRequirement {
  readonly key: string;
  readonly operator: SelectorOperator;
  readonly values: readonly string[];
}

/**
 * A Kubernetes `LabelSelector`. All parts are ANDed; an empty selector (no labels, no
 * expressions) selects everything.
 */
export interface LabelSelector {
  readonly matchLabels: Labels;
  readonly matchExpressions: readonly LabelSelectorRequirement[];
}
